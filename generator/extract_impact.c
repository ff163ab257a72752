/*
 * extract_impact.c: who was hurt: the impact sentence and the share of
 * users it names (read by extract_share.c), from the impact field or
 * section, the summary, then the rest.  x_facts_other() also fills the
 * severity and the affected services (extract_severity.c) and the root
 * cause (extract_cause.c).
 */
#include "extract_int.h"
#include "extract_share.h"

#include <math.h>
#include <string.h>

static const char *const impact_labels[] = {
	"impact", "customer impact", "user impact", "business impact",
	"impact summary", "affected users", "users affected", "scope",
	"who was affected", "who was impacted", "affected", NULL
};

/* A writer who says the share is not known ("We do not know how many
 * solvers were affected") means it: an "every" or "all" elsewhere is
 * about something else ("every request answered with a 200"). */
static const char *const share_unknown[] = {
	"not know how many", "don't know how many",
	"don\xe2\x80\x99t know how many", /* a typographic apostrophe */
	"dont know how many", "unknown number of", "cannot tell how many",
	"can't tell how many", "cannot say how many", "can't say how many",
	"unclear how many", "no way to know how many",
	"no way of knowing how many",
	"no reliable number", "no reliable figure", NULL
};

/* A writer who says no share can be given refuses more: a share of
 * anything but people is no answer either ("41% of the shipments were
 * filed late", "a quarter to a half of requests failed").  Not knowing
 * how many noticed still leaves "about 7% of requests failed" the
 * measure of the impact. */
static const char *const share_refused[] = {
	/* "We cannot say what share of users was affected" */
	"cannot say what share", "can't say what share",
	"cannot tell what share", "can't tell what share",
	"not know what share", "don't know what share",
	"cannot give a share", "can't give a share",
	/* "so we are not giving a share of users here", "We have no
	 * reliable number for the share of customers affected" */
	"not giving a share", "not give a share", "no reliable share",
	/* "We cannot say how many customers or requests were affected":
	 * not even a share of requests is known */
	"how many customers or requests", "how many users or requests",
	"how many requests", NULL
};

/* A heading or label that sets its figures apart from the harm: "Not
 * the impact", "Other numbers on the chart slide (not the impact)". */
static const char *const not_impact[] = {
	"not the impact", "not impact", "not part of the impact",
	"not the share", "not a share", NULL
};

static int
denies_impact(const struct xline *l)
{
	size_t n = l->kind == XL_HEADING ? l->len : l->label_len;

	return n > 0 && x_find_any(l->s, n, not_impact, NULL) != NULL;
}

/* 2 when the document refuses a share, 1 when it says the number is not
 * known, else 0. */
static int
says_share_unknown(const struct xdoc *d)
{
	struct pm_phrase_index x, r;
	int says = 0;

	pm_phrase_index_init(&x, share_unknown);
	pm_phrase_index_init(&r, share_refused);
	for (size_t i = 0; i < d->n && says < 2; i++) {
		const struct xline *l = &d->v[i];

		if (l->sec != SEC_IMPACT && l->sec != SEC_SUMMARY &&
		    l->sec != SEC_NONE)
			continue;
		if (x_index_find(&r, l->s, l->len, NULL))
			says = 2;
		else if (x_index_find(&x, l->s, l->len, NULL))
			says = 1;
	}
	return says;
}

/*
 * "**Users affected (%):** 30.2": a field that writes its unit in its
 * label gives a bare number.  Its share, or NAN.
 */
static double
percent_field(const struct xdoc *d, const struct xfield *f)
{
	const struct xline *l = NULL;
	size_t e, i;
	double v;

	if (f == NULL)
		return NAN;
	/* the label as written: its normal form has lost the "%" */
	for (i = 0; i < d->n && l == NULL; i++)
		if (f->v >= d->v[i].s && f->v <= d->v[i].s + d->v[i].len)
			l = &d->v[i];
	if (l == NULL || (memchr(l->s, '%', (size_t)(f->v - l->s)) == NULL &&
	    x_find(f->label, strlen(f->label), "percent") == (size_t)-1))
		return NAN;
	i = x_skip_blanks(f->v, f->vlen, 0);
	if ((e = x_number_at(f->v, f->vlen, i, &v)) == 0 ||
	    x_skip_blanks(f->v, f->vlen, e) != f->vlen || v < 0 || v > 100)
		return NAN;
	return v;
}

static void
find_impact(struct xdoc *d)
{
	struct pm_incident *inc = d->inc;
	const struct xfield *f = x_field(d, impact_labels);
	int pass, line = 0, whole = 0, w, unknown = says_share_unknown(d);
	int persons = 0, p, vpass = -1;
	double v = NAN, x;
	size_t from = 0, to = 0, f0 = 0, t0 = 0;
	const struct xline *at = NULL;

	/* front matter's impact text says it first ("impact: 15% of
	 * viewers") */
	if (inc->fixed.impact && inc->impact && !inc->fixed.impact_percent &&
	    isnan(v = x_bare_percent(inc->impact)))
		v = x_share_in(inc->impact, strlen(inc->impact), 1, &w);
	/* the impact field or section, the summary, the preamble, the
	 * title, then anything but the timeline and the action items; a
	 * number beats an "all users" found before it, in its pass or an
	 * earlier one up to the preamble ("every renewal was rejected" in
	 * the impact section, "1,900 of the 2,400 renewals" at the top),
	 * but not from the rest of the text, where numbers are details; and
	 * in a pass, a share of people beats one of requests or anything
	 * else found before it ("8% of playback requests still fail" in one
	 * paragraph, "35% of the viewers had errors" in the next) */
	if (isnan(v) && !isnan(x = percent_field(d, f))) {
		v = x;
		line = f->line;
	}
	for (pass = 0; pass < 4 && (isnan(v) || (whole && pass < 3));
	    pass++) {
		int denied = 0;

		for (size_t i = 0; i < d->n && (isnan(v) || whole ||
		    (!persons && vpass == pass)); i++) {
			const struct xline *l = &d->v[i];
			int in;

			if (l->kind == XL_HEADING)
				denied = denies_impact(l);
			if (denied || denies_impact(l))
				continue;

			switch (pass) {
			case 0:
				in = l->sec == SEC_IMPACT || (f &&
				    l->line == f->line);
				break;
			case 1:
				in = l->sec == SEC_SUMMARY;
				break;
			case 2:
				in = l->sec == SEC_NONE;
				break;
			default:
				/* the summary and the preamble were read
				 * as this pass reads them, and gave nothing
				 * (the pass runs only then) */
				in = l->sec != SEC_TIMELINE &&
				    l->sec != SEC_UPDATES &&
				    l->sec != SEC_TASKS &&
				    l->sec != SEC_CORRECTIVE &&
				    l->sec != SEC_SUMMARY &&
				    l->sec != SEC_NONE &&
				    (l->kind != XL_ROW ||
				    !isnan(x_share_total_row(l)));
			}
			/* a sentence of the impact section is about the
			 * impact, whatever its words */
			if (in && !isnan(x = x_share_in_line(l, i > 0 &&
			    l[-1].sec == l->sec && l[-1].kind != XL_HEADING ?
			    &l[-1] : NULL, pass == 0, &f0, &t0, &w, &p)) &&
			    !(unknown && w) &&
			    !(unknown == 2 && !p) &&
			    (isnan(v) || (whole && !w) || (p && !persons &&
			    !whole && vpass == pass))) {
				v = x, whole = w, from = f0, to = t0;
				at = l, line = l->line;
				persons = p, vpass = pass;
			}
		}
	}
	if (!inc->fixed.impact_percent && !isnan(v)) {
		/* "1 in 8" is 12.5, "a third" 33, "1 in 7" 14 */
		inc->impact_percent = fabs(round(v * 10) / 10 - v) > 1e-9 ?
		    round(v) : round(v * 10) / 10;
		d->rep->impact_percent_line = line;
	}
	if (inc->fixed.impact)
		return;
	if (f) {
		inc->impact = x_strdup_trim(d, f->v, f->vlen);
		d->rep->impact_line = f->line;
	} else if (at && at->kind != XL_ROW) {
		/* a table's total row is a figure, not a sentence: the text
		 * comes from the impact section or the summary below */
		inc->impact = x_strdup_trim(d, at->s + from, to - from);
		d->rep->impact_line = line;
	} else {
		for (size_t i = 0; i < d->n && !inc->impact; i++) {
			const struct xline *l = &d->v[i];
			size_t e;

			if (l->sec == SEC_IMPACT && !l->head) {
				inc->impact = x_strdup_trim(d, l->s, l->len);
			} else if (l->sec == SEC_SUMMARY && x_find_any(l->s,
			    l->len, x_impact_words, &e)) {
				size_t s0 = 0, s1;

				/* the sentence that holds the word */
				while ((s1 = x_sentence_end(l->s, l->len,
				    s0)) <= e && s1 > s0)
					s0 = s1;
				inc->impact = x_strdup_trim(d, l->s + s0,
				    s1 - s0);
			}
			if (inc->impact)
				d->rep->impact_line = l->line;
		}
	}
}

void
x_facts_other(struct xdoc *d)
{
	find_impact(d);
	if (!d->inc->fixed.severity)
		x_find_severity(d);
	if (!d->inc->fixed.services)
		x_find_services(d);
	if (!d->inc->fixed.root_cause)
		x_find_root_cause(d);
}
