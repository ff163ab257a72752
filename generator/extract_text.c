/*
 * extract_text.c: the small readers every extractor shares: phrase
 * matching on word boundaries, label splitting ("Root cause: ...") and the
 * fields it gives, the names people give to the sections of a postmortem,
 * sentences, dotted times.
 */
#include "extract_int.h"

#include <string.h>

int
x_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int
x_alnum(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

static int
is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

int
x_has_letter(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (x_lower((unsigned char)s[i]) >= 'a' &&
		    x_lower((unsigned char)s[i]) <= 'z')
			return 1;
	return 0;
}

size_t
x_phrase_at(const char *s, size_t len, size_t i, const char *phrase)
{
	const char *p = phrase;

	if (i > 0 && x_alnum((unsigned char)s[i - 1]))
		return 0;
	for (; *p && *p != '*'; p++) {
		if (*p == ' ') {
			size_t j = i;

			/* "follow up", "follow-up", "follow  up" */
			while (j < len && (is_blank((unsigned char)s[j]) ||
			    s[j] == '-'))
				j++;
			if (j == i)
				return 0;
			i = j;
		} else if (i >= len || x_lower((unsigned char)s[i]) !=
		    x_lower((unsigned char)*p)) {
			return 0;
		} else {
			i++;
		}
	}
	if (*p != '*' && i < len && x_alnum((unsigned char)s[i]))
		return 0;
	return i;
}

size_t
x_find(const char *s, size_t len, const char *phrase)
{
	for (size_t i = 0; i < len; i++)
		if (x_lower((unsigned char)s[i]) ==
		    x_lower((unsigned char)phrase[0]) &&
		    x_phrase_at(s, len, i, phrase))
			return i;
	return (size_t)-1;
}

const char *
x_find_any(const char *s, size_t len, const char *const *phrases,
    size_t *at)
{
	for (size_t i = 0; i < len; i++) {
		if (i > 0 && x_alnum((unsigned char)s[i - 1]))
			continue;
		for (const char *const *p = phrases; *p; p++) {
			if (x_phrase_at(s, len, i, *p)) {
				if (at)
					*at = i;
				return *p;
			}
		}
	}
	return NULL;
}

size_t
x_norm(char *out, size_t size, const char *s, size_t len)
{
	size_t i = 0, o = 0, k;

	/* numbering: "1.", "2)", "0x19.", "IV.", "A." */
	while (i < len && is_blank((unsigned char)s[i]))
		i++;
	for (k = i; k < len && (x_alnum((unsigned char)s[k])); k++)
		;
	if (k > i && k - i <= 4 && k < len && (s[k] == '.' || s[k] == ')') &&
	    (s[i] >= '0' && s[i] <= '9' ? 1 : k - i == 1 ||
	    strspn(s + i, "IVXivx") >= k - i))
		i = k + 1;
	for (; i < len && o + 1 < size; i++) {
		int c = x_lower((unsigned char)s[i]);

		if (x_alnum(c)) {
			out[o++] = (char)c;
		} else if (c == '\'' || (unsigned char)s[i] >= 0x80) {
			continue;	/* "what's", emoji, curly quotes */
		} else if (o > 0 && out[o - 1] != ' ') {
			out[o++] = ' ';
		}
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	if (size)
		out[o] = '\0';
	return o;
}

/*
 * The names of sections.  Rows are tried in order, so the first row that
 * matches wins: "Root Cause and Resolution" is a root cause, "Tasks to
 * address the issue" a task list, "Timeline summary" a timeline.  EXACT
 * rows match the whole normalised label, PREFIX rows its start, WORD rows
 * anywhere on word boundaries; "Label: content" lines use only the first
 * two, since a sentence's opening words say little.
 */
enum { EXACT, PREFIX, WORD };

static const struct {
	int sec, mode;
	const char *name;
} sections[] = {
	{ SEC_ROOT, WORD, "root cause*" },
	{ SEC_ROOT, WORD, "rca" },
	{ SEC_ROOT, EXACT, "cause" },
	{ SEC_ROOT, EXACT, "causes" },
	{ SEC_ROOT, PREFIX, "cause of" },
	{ SEC_ROOT, PREFIX, "causes of" },
	{ SEC_ROOT, PREFIX, "underlying cause" },
	{ SEC_ROOT, PREFIX, "contributing factor" },
	{ SEC_ROOT, PREFIX, "what caused" },
	{ SEC_ROOT, PREFIX, "why it happened" },
	{ SEC_ROOT, PREFIX, "why did" },
	{ SEC_ROOT, EXACT, "why" },
	{ SEC_ROOT, EXACT, "fault" },
	{ SEC_ROOT, PREFIX, "five whys" },
	{ SEC_ROOT, PREFIX, "5 whys" },
	{ SEC_ROOT, PREFIX, "what went wrong" },
	{ SEC_TIMELINE, WORD, "timeline*" },
	{ SEC_TIMELINE, WORD, "time line" },
	{ SEC_TIMELINE, WORD, "chronology" },
	{ SEC_TIMELINE, WORD, "sequence of events" },
	{ SEC_TIMELINE, EXACT, "events" },
	{ SEC_TIMELINE, EXACT, "incident log" },
	{ SEC_TIMELINE, EXACT, "log of events" },
	{ SEC_TASKS, WORD, "action item*" },
	{ SEC_TASKS, WORD, "action point*" },
	{ SEC_TASKS, WORD, "todo*" },
	{ SEC_TASKS, WORD, "to do" },
	{ SEC_TASKS, WORD, "follow up*" },
	{ SEC_TASKS, WORD, "followup*" },
	{ SEC_TASKS, WORD, "next step*" },
	{ SEC_TASKS, WORD, "task*" },
	{ SEC_TASKS, WORD, "work items" },
	{ SEC_TASKS, WORD, "open items" },
	{ SEC_TASKS, WORD, "tickets" },
	{ SEC_TASKS, EXACT, "what now" },
	{ SEC_TASKS, EXACT, "actions" },
	{ SEC_TASKS, EXACT, "next actions" },
	{ SEC_TASKS, EXACT, "actions to take" },
	{ SEC_TASKS, EXACT, "what next" },
	{ SEC_TASKS, PREFIX, "what we will change" },
	{ SEC_TASKS, PREFIX, "what we re changing" },
	{ SEC_TASKS, PREFIX, "what we are changing" },
	{ SEC_CORRECTIVE, WORD, "corrective" },
	{ SEC_CORRECTIVE, WORD, "preventative" },
	{ SEC_CORRECTIVE, WORD, "preventive" },
	{ SEC_CORRECTIVE, WORD, "prevention" },
	{ SEC_CORRECTIVE, WORD, "remediation*" },
	{ SEC_CORRECTIVE, WORD, "lessons" },
	{ SEC_CORRECTIVE, WORD, "improvement*" },
	{ SEC_CORRECTIVE, WORD, "recommendation*" },
	{ SEC_CORRECTIVE, PREFIX, "what we are doing" },
	{ SEC_CORRECTIVE, PREFIX, "what we re doing" },
	{ SEC_CORRECTIVE, PREFIX, "what we will do" },
	{ SEC_CORRECTIVE, PREFIX, "how we will prevent" },
	{ SEC_CORRECTIVE, PREFIX, "preventing" },
	{ SEC_CORRECTIVE, EXACT, "fixes" },
	{ SEC_CORRECTIVE, EXACT, "measures" },
	{ SEC_IMPACT, PREFIX, "impact" },
	{ SEC_IMPACT, EXACT, "customer impact" },
	{ SEC_IMPACT, EXACT, "user impact" },
	{ SEC_IMPACT, EXACT, "business impact" },
	{ SEC_IMPACT, PREFIX, "who was affected" },
	{ SEC_SUMMARY, WORD, "summary" },
	{ SEC_SUMMARY, WORD, "overview" },
	{ SEC_SUMMARY, WORD, "tl dr" },
	{ SEC_SUMMARY, WORD, "tldr" },
	{ SEC_SUMMARY, PREFIX, "what happened" },
	{ SEC_SUMMARY, WORD, "synopsis" },
	{ SEC_SUMMARY, WORD, "abstract" },
	{ SEC_SUMMARY, EXACT, "description" },
	{ SEC_SUMMARY, EXACT, "incident description" },
	{ SEC_SUMMARY, EXACT, "issue description" },
	{ SEC_SUMMARY, EXACT, "introduction" },
	{ SEC_SUMMARY, EXACT, "executive summary" },
	{ SEC_RESOLUTION, PREFIX, "resolution" },
	{ SEC_RESOLUTION, PREFIX, "recovery" },
	{ SEC_RESOLUTION, PREFIX, "mitigation" },
	{ SEC_RESOLUTION, PREFIX, "how it was fixed" },
	{ SEC_RESOLUTION, EXACT, "fix" },
	{ SEC_RESOLUTION, EXACT, "the fix" },
	/* Sections the extractor does not read but must see end others. */
	{ SEC_OTHER, PREFIX, "conclusion" },
	{ SEC_OTHER, PREFIX, "leadup" },
	{ SEC_OTHER, PREFIX, "lead up" },
	{ SEC_OTHER, EXACT, "response" },
	{ SEC_OTHER, PREFIX, "escalation" },
	{ SEC_OTHER, PREFIX, "misleading" },
	{ SEC_OTHER, PREFIX, "detection" },
	{ SEC_OTHER, PREFIX, "background" },
	{ SEC_OTHER, PREFIX, "appendix" },
	{ SEC_OTHER, PREFIX, "what went" },
	{ SEC_OTHER, PREFIX, "where we got lucky" },
	{ SEC_OTHER, PREFIX, "supporting" },
	{ SEC_OTHER, PREFIX, "references" },
	{ SEC_OTHER, PREFIX, "glossary" },
	{ SEC_OTHER, PREFIX, "acknowledg" },
	{ SEC_OTHER, PREFIX, "participants" },
	{ SEC_OTHER, PREFIX, "attendees" },
	{ SEC_OTHER, PREFIX, "trigger" },
	{ SEC_OTHER, PREFIX, "questions" },
	{ SEC_OTHER, PREFIX, "communication" },
};

/* "Incident summary", "Issue summary", "Outage timeline": the length of
 * such a first word with its space, else 0. */
static size_t
lead_word(const char *n, size_t nl)
{
	static const char *const lead[] = { "incident", "issue", "outage",
	    "event", "problem" };
	size_t e;

	for (size_t i = 0; i < XCOUNT(lead); i++)
		if ((e = x_phrase_at(n, nl, 0, lead[i])) != 0 && e < nl)
			return e + 1;
	return 0;
}

int
x_section_of(const char *s, size_t len, int strict)
{
	char n[128];
	size_t nl = x_norm(n, sizeof(n), s, len), i, k;

	if (nl == 0 || len > 120)
		return SEC_NONE;
	for (i = 0; i < XCOUNT(sections); i++) {
		const char *name = sections[i].name;
		size_t e;

		switch (sections[i].mode) {
		case EXACT:
			if (strcmp(n, name) == 0)
				return sections[i].sec;
			break;
		case PREFIX:
			if ((e = x_phrase_at(n, nl, 0, name)) != 0 &&
			    (!strict || e == nl || strchr(name, ' ')))
				return sections[i].sec;
			break;
		default:
			if (strict) {
				/* "Root cause", "Timeline", "Action items":
				 * the name, maybe after "incident". */
				k = lead_word(n, nl);
				/* a stem takes the rest of its word */
				if ((e = x_phrase_at(n, nl, k, name)) != 0)
					while (e < nl && n[e] != ' ')
						e++;
				if (e == nl)
					return sections[i].sec;
				break;
			}
			if (x_find(n, nl, name) != (size_t)-1)
				return sections[i].sec;
		}
	}
	return SEC_NONE;
}

/* Is the line written in capitals ("TIMELINE", "ROOT CAUSE:")? */
static int
all_caps(const char *s, size_t len)
{
	size_t upper = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			return 0;
		upper += s[i] >= 'A' && s[i] <= 'Z';
	}
	return upper >= 3;
}

static size_t
count_words(const char *s, size_t len)
{
	size_t w = 0;

	for (size_t i = 0; i < len; i++)
		if (!is_blank((unsigned char)s[i]) && (i == 0 ||
		    is_blank((unsigned char)s[i - 1])))
			w++;
	return w;
}

/* Trailing blanks and colons of a label. */
static size_t
label_trim(const char *s, size_t n)
{
	while (n > 0 && (is_blank((unsigned char)s[n - 1]) ||
	    s[n - 1] == ':'))
		n--;
	return n;
}

/* Where the content starts after a label ending at e. */
static size_t
content_after(const char *s, size_t len, size_t e)
{
	while (e < len && is_blank((unsigned char)s[e]))
		e++;
	if (e < len && (s[e] == ':' || s[e] == '-'))
		e++;
	else if (e + 2 < len && (unsigned char)s[e] == 0xe2 &&
	    (unsigned char)s[e + 1] == 0x80 &&
	    ((unsigned char)s[e + 2] == 0x93 ||
	    (unsigned char)s[e + 2] == 0x94))
		e += 3;
	while (e < len && is_blank((unsigned char)s[e]))
		e++;
	return e;
}

void
x_label_split(struct xline *l)
{
	static const char *const verbs[] = {
		"is", "was", "are", "were", "has", "had", "have", "did",
		"does", "will", "we", NULL
	};
	const char *s = l->s;
	size_t len = l->len, i, n, k;

	l->label_len = 0;
	l->content = len;
	if (len == 0)
		return;
	if (l->kind == XL_HEADING || l->all_strong ||
	    (all_caps(s, len) && count_words(s, len) <= 8 && len <= 80)) {
		l->label_len = label_trim(s, len);
		return;
	}
	if (l->kind == XL_ROW)
		return;
	/* "**Root cause:** text", "**Impact** - text" */
	if (l->strong && l->strong < len) {
		n = label_trim(s, l->strong);
		i = content_after(s, len, l->strong);
		if (n > 0 && x_has_letter(s, n) && !(s[0] >= '0' &&
		    s[0] <= '9') && (s[l->strong - 1] == ':' ||
		    i > l->strong + 1 || s[l->strong] == ':')) {
			l->label_len = n;
			l->content = i;
			return;
		}
	}
	/* "Root Cause: text": a short run of words that starts with a
	 * letter, up to a colon that is not inside a time ("10:00"). */
	if (!((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
		return;
	for (i = 0; i < len && i < 64; i++) {
		if (s[i] == ':' && !(i > 0 && s[i - 1] >= '0' &&
		    s[i - 1] <= '9' && i + 1 < len && s[i + 1] >= '0' &&
		    s[i + 1] <= '9'))
			break;
		if (s[i] == '.' || s[i] == ';' || s[i] == '(' || s[i] == ',')
			return;
	}
	if (i >= len || i >= 64 || count_words(s, i) > 6)
		return;
	/* "The root cause is at Fastedge: ..." is a sentence, not a label */
	for (k = 0; k < i; k++)
		for (const char *const *v = verbs; *v; v++)
			if (x_phrase_at(s, i, k, *v))
				return;
	/* "https://..." is not a label */
	if (i + 1 < len && s[i + 1] == '/')
		return;
	l->label_len = label_trim(s, i);
	l->content = content_after(s, len, i);
}

int
x_label_is(const struct xline *l, const char *const *names)
{
	char n[96];

	if (l->label_len == 0)
		return 0;
	x_norm(n, sizeof(n), l->s, l->label_len);
	for (; *names; names++)
		if (strcmp(n, *names) == 0)
			return 1;
	return 0;
}

/* Abbreviations whose dot does not end a sentence. */
static const char *const abbrevs[] = {
	"e.g", "i.e", "etc", "approx", "vs", "mr", "mrs", "ms", "dr", "inc",
	"no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
	"oct", "nov", "dec", "a.m", "p.m", "st", NULL
};

size_t
x_sentence_end(const char *s, size_t len, size_t i)
{
	for (; i < len; i++) {
		size_t k, w;

		if (s[i] == '\n' && i + 1 < len && s[i + 1] == '\n')
			return i;
		if (s[i] != '.' && s[i] != '!' && s[i] != '?')
			continue;
		if (i + 1 < len && !is_blank((unsigned char)s[i + 1]) &&
		    s[i + 1] != '"' && s[i + 1] != ')')
			continue;	/* "v1.2", "example.com" */
		if (s[i] == '.') {
			for (w = i; w > 0 && (x_alnum((unsigned char)s[w - 1])
			    || s[w - 1] == '.'); w--)
				;
			for (k = 0; abbrevs[k]; k++)
				if (i - w == strlen(abbrevs[k]) &&
				    x_phrase_at(s, i, w, abbrevs[k]))
					break;
			if (abbrevs[k])
				continue;
		}
		return i + 1;
	}
	return len;
}

const char *
x_strdup_trim(struct xdoc *d, const char *s, size_t len)
{
	char *out;
	size_t o = 0;

	while (len > 0 && is_blank((unsigned char)*s))
		s++, len--;
	while (len > 0 && is_blank((unsigned char)s[len - 1]))
		len--;
	if (len == 0)
		return NULL;
	out = pm_arena_alloc(d->arena, len + 1);
	for (size_t i = 0; i < len; i++)
		if (s[i] != '`')
			out[o++] = s[i];
	out[o] = '\0';
	return out;
}

/* Words that make "2.10" a version. */
static const char *const version_words[] = {
	"version*", "upgrad*", "downgrad*", "release*", "bump*", "patch*",
	NULL
};

/* Words after which "14.25" is a time. */
static const char *const time_words[] = {
	"at", "from", "to", "until", "till", "between", "and", "by", "since",
	"around", "about", "approx", "approximately", "after", "before",
	NULL
};

static size_t
digit_run(const char *s, size_t len, size_t i, int *v)
{
	size_t n = 0;

	*v = 0;
	while (i + n < len && s[i + n] >= '0' && s[i + n] <= '9' && n < 5)
		*v = *v * 10 + (s[i + n++] - '0');
	return n;
}

/* Is "14.25" at i written where a time is expected?  2: at the start of
 * a line or cell, or after a dash; 1: after a word such as "at"; 0: no. */
static int
time_context(const char *s, size_t i)
{
	size_t k = i, w;

	while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '(' ||
	    s[k - 1] == '[' || s[k - 1] == '~' || s[k - 1] == '*'))
		k--;
	if (k == 0 || s[k - 1] == '\t' || s[k - 1] == '-' ||
	    (unsigned char)s[k - 1] == 0x93 || (unsigned char)s[k - 1] == 0x94)
		return 2;
	for (w = k; w > 0 && x_alnum((unsigned char)s[w - 1]); w--)
		;
	for (const char *const *p = time_words; *p; p++)
		if (x_phrase_at(s, k, w, *p) == k)
			return 1;
	return 0;
}

/* "2018 October 21" at s[i]: its end, or 0. */
static size_t
year_first(const char *s, size_t len, size_t i)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	size_t k, w, n, m;
	int v;

	if ((i > 0 && (x_alnum((unsigned char)s[i - 1]) || s[i - 1] == '-' ||
	    s[i - 1] == '/' || s[i - 1] == '.')) || digit_run(s, len, i,
	    &v) != 4 || i + 5 >= len || s[i + 4] != ' ')
		return 0;
	for (w = i + 5, k = w; k < len && x_lower((unsigned char)s[k]) >=
	    'a' && x_lower((unsigned char)s[k]) <= 'z'; k++)
		;
	if (k - w < 3 || k >= len || s[k] != ' ')
		return 0;
	for (m = 0; m < 12; m++)
		if (x_lower((unsigned char)s[w]) == months[3 * m] &&
		    x_lower((unsigned char)s[w + 1]) == months[3 * m + 1] &&
		    x_lower((unsigned char)s[w + 2]) == months[3 * m + 2])
			break;
	n = digit_run(s, len, k + 1, &v);
	if (m == 12 || n < 1 || n > 2 || v < 1 || v > 31 ||
	    (k + 1 + n < len && x_alnum((unsigned char)s[k + 1 + n])))
		return 0;
	return k + 1 + n;
}

const char *
x_time_text(struct xdoc *d, const char *s, size_t len)
{
	char *t = NULL;
	size_t i, a, b, c, j, k, e;
	int h, m, y;
	/* "upgraded from 2.10 to 2.12" names versions, not times */
	int versions = x_find_any(s, len, version_words, NULL) != NULL;

	for (i = 0; i < len; i++) {
		if ((e = year_first(s, len, i)) != 0) {
			/* "2018 October 21" -> "October 21 2018" */
			if (!t)
				t = pm_arena_strndup(d->arena, s, len);
			memcpy(t + i, s + i + 5, e - i - 5);
			t[i + e - i - 5] = ' ';
			memcpy(t + e - 4, s + i, 4);
			i = e;
			continue;
		}
		if (!(s[i] >= '0' && s[i] <= '9') || (i > 0 &&
		    (x_alnum((unsigned char)s[i - 1]) || s[i - 1] == '.' ||
		    s[i - 1] == ',' || s[i - 1] == ':')))
			continue;
		a = digit_run(s, len, i, &h);
		if (a < 1 || a > 2 || i + a >= len || (s[i + a] != '.' &&
		    s[i + a] != ':') ||
		    (b = digit_run(s, len, i + a + 1, &m)) < 1 || b > 2)
			continue;
		j = i + a + 1 + b;
		if (j < len && s[j] == '.' && (c = digit_run(s, len, j + 1,
		    &y)) == 4 && (j + 5 >= len || !x_alnum((unsigned char)
		    s[j + 5])) && h >= 1 && h <= 31 && m >= 1 && m <= 12) {
			/* D.M.YYYY -> YYYY-M-D, the widths kept */
			if (!t)
				t = pm_arena_strndup(d->arena, s, len);
			memcpy(t + i, s + j + 1, 4);
			t[i + 4] = '-';
			memcpy(t + i + 5, s + i + a + 1, b);
			t[i + 5 + b] = '-';
			memcpy(t + i + 6 + b, s + i, a);
			i = j + 4;
			continue;
		}
		if (s[i + a] == ':' && b == 2 && h <= 23 && m <= 59) {
			/* "14:02h", "10:30 hrs": blank the unit */
			e = 0;
			if (j < len && s[j] == 'h' && (j + 1 == len ||
			    !x_alnum((unsigned char)s[j + 1])))
				e = j + 1;
			else if (j < len && s[j] == ' ')
				e = x_phrase_at(s, len, j + 1, "hrs");
			if (e) {
				if (!t)
					t = pm_arena_strndup(d->arena, s, len);
				memset(t + j, ' ', e - j);
				i = e;
			}
			continue;
		}
		if (b != 2 || h > 23 || m > 59 || (j < len && (s[j] == '.' ||
		    s[j] == '%' || (s[j] >= '0' && s[j] <= '9'))))
			continue;
		k = j;
		while (k < len && s[k] == ' ')
			k++;
		if (!((k + 1 < len && (x_lower((unsigned char)s[k]) == 'a' ||
		    x_lower((unsigned char)s[k]) == 'p') &&
		    (x_lower((unsigned char)s[k + 1]) == 'm' ||
		    s[k + 1] == '.')) || time_context(s, i) == 2 ||
		    (time_context(s, i) == 1 && !versions)))
			continue;
		if (!t)
			t = pm_arena_strndup(d->arena, s, len);
		t[i + a] = ':';
		i = j;
	}
	return t ? t : s;
}

/* Fields: "label: value" pairs. */

static void
add_field(struct xdoc *d, const char *label, size_t llen,
    const struct xline *from, const char *v, size_t vlen, int sec)
{
	struct xfield *f;

	while (vlen > 0 && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
		vlen--;
	if (vlen == 0)
		return;
	if (d->nfields == d->fields_cap) {
		d->fields_cap = d->fields_cap ? d->fields_cap * 2 : 16;
		d->fields = pm_xrealloc(d->fields, pm_xmul(d->fields_cap,
		    sizeof(*f)));
	}
	f = &d->fields[d->nfields++];
	x_norm(f->label, sizeof(f->label), label, llen);
	f->v = v;
	f->tv = from->t + (v - from->s);
	f->vlen = vlen;
	f->line = from->line;
	f->sec = sec;
}

/* The n-th cell of a row: its start and length. */
static int
cell(const struct xline *l, int n, const char **s, size_t *len)
{
	const char *p = l->s, *e = l->s + l->len;

	while (n-- > 0) {
		p = memchr(p, '\t', (size_t)(e - p));
		if (p == NULL)
			return 0;
		p++;
	}
	*s = p;
	*len = (size_t)((memchr(p, '\t', (size_t)(e - p)) ?
	    (const char *)memchr(p, '\t', (size_t)(e - p)) : e) - p);
	return 1;
}

void
x_fields_build(struct xdoc *d)
{
	const char *a, *b;
	size_t al, bl;

	d->nfields = 0;
	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];

		if (l->kind == XL_ROW && l->ncells == 2 && !l->header_row &&
		    cell(l, 0, &a, &al) && cell(l, 1, &b, &bl)) {
			add_field(d, a, al, l, b, bl, l->sec);
		} else if (l->kind == XL_ROW && l->header_row &&
		    i + 1 < d->n && d->v[i + 1].kind == XL_ROW &&
		    d->v[i + 1].block != l->block) {
			/* | Date | Duration | Severity | over one row */
			for (int c = 0; c < l->ncells; c++)
				if (cell(l, c, &a, &al) &&
				    cell(&d->v[i + 1], c, &b, &bl))
					add_field(d, a, al, &d->v[i + 1], b,
					    bl, l->sec);
		} else if (l->kind != XL_ROW && l->kind != XL_HEADING &&
		    l->label_len && l->content < l->len) {
			add_field(d, l->s, l->label_len, l, l->s + l->content,
			    l->len - l->content, l->sec);
		}
	}
}

const struct xfield *
x_field(const struct xdoc *d, const char *const *names)
{
	for (size_t i = 0; i < d->nfields; i++)
		for (const char *const *n = names; *n; n++)
			if (strcmp(d->fields[i].label, *n) == 0)
				return &d->fields[i];
	return NULL;
}
