/*
 * extract_title.c: the document's title.  An opening heading is the
 * title when it says more than a section's name or stands over the
 * sections; else a "Title:" field, the first heading that names no
 * section, a pandoc title block or a first line that reads like a title.
 */
#include "extract_int.h"

#include <string.h>

/* Words of the line: runs of non-blanks. */
static size_t
words_in(const struct xline *l)
{
	size_t n = 0;

	for (size_t i = 0; i < l->len; i++)
		n += l->s[i] != ' ' && (i == 0 || l->s[i - 1] == ' ');
	return n;
}

/* A slide deck's own settings over its first slide: remark's "layout:
 * true", "class: center, middle" and ".footer[...]" lines. */
static const char *const deck_settings[] = {
	"layout", "class", "name", "template", "background image", "count",
	"exclude", "seq", NULL
};

/* Is l, the i-th line, the document's first, or a heading under a deck's
 * settings alone? */
static int
opens_document(const struct xdoc *d, size_t i)
{
	if (d->v[i].kind != XL_HEADING)
		return i == 0;
	for (size_t k = 0; k < i; k++)
		if (!(d->v[k].kind == XL_PARA && ((d->v[k].label_len &&
		    x_label_is(&d->v[k], deck_settings)) ||
		    d->v[k].s[0] == '.')))
			return 0;
	return 1;
}

/* Is heading l, the document's first line, above every later heading:
 * "# ...", or "## Night tour check-in rejecting valid tickets" over
 * "###" sections, as a wiki that keeps "#" for itself makes it? */
static int
tops_outline(const struct xdoc *d, const struct xline *l)
{
	for (size_t i = (size_t)(l - d->v) + 1; i < d->n && l->level > 1; i++)
		if (d->v[i].kind == XL_HEADING && d->v[i].level <= l->level)
			return 0;
	return 1;
}

/*
 * "# Root Cause Analysis Report" over a "## Root Cause" further down: an
 * opening heading whose section a later heading names again is the
 * document's title.
 */
static int
names_later_heading(const struct xdoc *d, const struct xline *l)
{
	int s = x_section_of(l->s, l->len, 0);

	if (s == SEC_NONE || s == SEC_OTHER)
		return 0;
	for (size_t i = 1; i < d->n; i++)
		if (d->v[i].kind == XL_HEADING && d->v[i].level > l->level &&
		    x_section_of(d->v[i].s, d->v[i].len, 0) == s)
			return 1;
	return 0;
}

/*
 * "# Tickets" over "## Timeline", "## Root cause" and "## What we will
 * do": an opening heading alone at its level, over two or more deeper
 * headings that name sections, is the title even when it is a product's
 * name that is also a section's.  "# Summary" over them is still the
 * summary: the writer gave the document no title.
 */
static int
heads_sections_below(const struct xdoc *d, const struct xline *l)
{
	int named = 0;

	if (x_section_of(l->s, l->len, 0) == SEC_SUMMARY)
		return 0;
	for (size_t i = (size_t)(l - d->v) + 1; i < d->n; i++) {
		const struct xline *h = &d->v[i];

		if (h->kind != XL_HEADING)
			continue;
		if (h->level <= l->level)
			return 0;
		named += x_section_of(h->s, h->len, 0) != SEC_NONE;
	}
	return named >= 2;
}

/*
 * Is the i-th line a heading that opens the document and is its title,
 * not a section: one over all the others that says more than a
 * section's name ("What happened to sign-ins on Sunday morning",
 * "Timeline of the payment outage"), names a section named again below,
 * or stands alone over the sections?
 */
int
x_title_heading_at(const struct xdoc *d, size_t i)
{
	const struct xline *l = &d->v[i];

	return l->kind == XL_HEADING && opens_document(d, i) &&
	    tops_outline(d, l) && (words_in(l) >= 5 ||
	    names_later_heading(d, l) || heads_sections_below(d, l));
}

static const char *const title_labels[] = {
	"title", "topic", "subject", "incident title", "postmortem title",
	"incident name", NULL
};

/* Labels a title line may start with ("Postmortem: Web outage"). */
static const char *const title_prefixes[] = {
	"postmortem", "post mortem", "incident", "incident report",
	"incident postmortem", "outage", "rca", NULL
};

/* Labels of fields that are not titles. */
static const char *const field_labels[] = {
	"date", "duration", "severity", "status", "author", "authors",
	"owner", "impact", "start", "end", "when", "time", "summary", "id",
	"incident id", "priority", "task", "reporter", "reported by",
	"written by", "team", "service", "services", "version", "draft",
	NULL
};

/* Does the label end with a word that says "report" ("Kestrel Route —
 * RCA: OTP delays", "Billing postmortem: ...")?  Then the line names the
 * report, whatever section words the label holds. */
static int
label_names_report(const struct xline *l)
{
	char n[128];
	size_t nl = x_norm(n, sizeof(n), l->s, l->label_len);

	for (size_t i = 0; title_prefixes[i]; i++) {
		size_t k = strlen(title_prefixes[i]);

		if (nl > k && n[nl - k - 1] == ' ' &&
		    memcmp(n + nl - k, title_prefixes[i], k) == 0)
			return 1;
	}
	return 0;
}

/* A first line on its own that reads like a title: a few words, no final
 * period, and not a field ("Date: ..."). */
static int
reads_like_title(const struct xdoc *d)
{
	const struct xline *l = &d->v[0];
	size_t words = 0;

	if (l->kind != XL_PARA || !l->first || l->len > 120 ||
	    l->s[l->len - 1] == '.' || l->s[l->len - 1] == ':' ||
	    !x_has_letter(l->s, l->len))
		return 0;
	if (l->label_len && l->content < l->len &&
	    !x_label_is(l, title_prefixes) && !label_names_report(l) &&
	    (x_label_is(l, field_labels) ||
	    x_section_of(l->s, l->label_len, 0) != SEC_NONE ||
	    (d->n > 1 && d->v[1].block == l->block)))
		return 0;
	for (size_t i = 0; i < l->len; i++)
		words += l->s[i] != ' ' && (i == 0 || l->s[i - 1] == ' ');
	return words <= 15;
}

/* Are all the headings of the document of one level: a deck of "###"
 * slides, whose first is its title? */
static int
one_level(const struct xdoc *d)
{
	for (size_t i = 1; i < d->n; i++)
		if (d->v[i].kind == XL_HEADING &&
		    d->v[i].level != d->v[0].level)
			return 0;
	return 1;
}

void
x_find_title(struct xdoc *d)
{
	struct pm_incident *inc = d->inc;
	const struct xline *pick = NULL;
	size_t i, from = 0;

	/* a "Subject:" quoted from a mail ("> **Subject:** We're sorry")
	 * names the mail; the document's own heading names the document */
	for (int quoted = 0; quoted <= 1 && !pick; quoted++) {
		for (i = 0; i < d->n && !pick; i++)
			if (d->v[i].quoted == quoted &&
			    x_label_is(&d->v[i], title_labels) &&
			    d->v[i].content < d->v[i].len)
				pick = &d->v[i], from = d->v[i].content;
		for (i = 0; i < d->n && !pick && !quoted; i++)
			if (d->v[i].kind == XL_HEADING &&
			    d->v[i].sec == SEC_NONE)
				pick = &d->v[i];
	}
	/* "## Login failures: recommendation backfill used up Postgres
	 * connections" opening the document names it, though one of its
	 * words ("recommendation") also names a section */
	if (!pick && d->n > 0 && d->v[0].kind == XL_HEADING &&
	    (d->v[0].level <= 2 || one_level(d)) && words_in(&d->v[0]) >= 5)
		pick = &d->v[0];
	/* pandoc's title block: "% Title", "% Author", "% Date" */
	if (!pick && d->n > 0 && d->v[0].len > 2 && d->v[0].s[0] == '%' &&
	    d->v[0].s[1] == ' ')
		pick = &d->v[0], from = 2;
	/* "Incident: Inbox not loading" over "Date: ..." and more fields,
	 * an export's first field: the title is what it labels (alone,
	 * "Postmortem: Slow pages" is the title as written) */
	if (!pick && d->n > 0 && reads_like_title(d)) {
		pick = &d->v[0];
		if (pick->label_len && pick->content < pick->len &&
		    x_label_is(pick, title_prefixes) && d->n > 1 &&
		    d->v[1].block == pick->block && d->v[1].label_len > 0 &&
		    d->v[1].content < d->v[1].len)
			from = pick->content;
	}
	if (pick) {
		/* "🔥 Uploads failing": the emoji decorates, it is not the
		 * title's first word */
		from = x_skip_symbols(pick->s, pick->len, from);
		/* "#Postmortem: slow logins", a heading typed without the
		 * space Markdown wants after its marks */
		if (pick->kind != XL_HEADING)
			from = x_skip_unspaced_marks(pick->s, pick->len,
			    from);
		inc->title = x_strdup_trim(d, pick->s + from,
		    pick->len - from);
		d->rep->title_line = pick->line;
	}
}
