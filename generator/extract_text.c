/*
 * extract_text.c: the small readers every extractor shares: phrase
 * matching on word boundaries, label splitting ("Root cause: ...") and the
 * fields it gives, sentences.  The names people give to the sections of a
 * postmortem are extract_sections.c's.
 */
#include "extract_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int
is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* The lead byte of an emoji (U+1Fxxx), a symbol (U+2xxx: arrows,
 * dingbats, "⏱") or a variation selector; CJK text starts otherwise. */
static int
is_symbol_lead(int b)
{
	return b == 0xf0 || b == 0xe2 || b == 0xef;
}

/* An emoji (U+1Fxxx), a pictograph ("⏱", "⚠️", "✅", "⭐"), the
 * joiner and selector that build one, or a dash typed as a bullet, at
 * s[i]: what may go before a label.  Not an arrow ("→ ACTION:"), which
 * says what the line is. */
static int
is_emoji_at(const char *s, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)s + i;

	if (u[0] == 0xf0)
		return 1;
	if (i + 2 >= len)
		return 0;
	if (u[0] == 0xef)
		return u[1] == 0xb8 && u[2] == 0x8f;
	/* the joiner; an en or em dash typed as a bullet ("— Start
	 * Time: ...") */
	if (u[0] == 0xe2 && u[1] == 0x80)
		return u[2] == 0x8d || u[2] == 0x93 || u[2] == 0x94;
	return u[0] == 0xe2 && ((u[1] >= 0x8c && u[1] <= 0x8f) ||
	    (u[1] >= 0x98 && u[1] <= 0x9e) || u[1] == 0xac || u[1] == 0xad);
}

/* The end of the emoji shortcode GitHub renders at s[i]
 * (":small_orange_diamond:", ":rotating_light:"), or 0. */
static size_t
shortcode_end(const char *s, size_t len, size_t i)
{
	size_t k = i + 1;

	if (i >= len || s[i] != ':' || k >= len || s[k] < 'a' || s[k] > 'z')
		return 0;
	while (k < len && k - i <= 40 && ((s[k] >= 'a' && s[k] <= 'z') ||
	    (s[k] >= '0' && s[k] <= '9') || s[k] == '_' || s[k] == '+' ||
	    s[k] == '-'))
		k++;
	return k < len && s[k] == ':' && k - i > 2 ? k + 1 : 0;
}

size_t
x_skip_symbols(const char *s, size_t len, size_t i)
{
	size_t k;

	/* "&emsp;:small_orange_diamond:16:15": a blank the line was
	 * indented with comes before the decoration */
	while (i < len && s[i] == ' ')
		i++;
	for (;;) {
		if (i < len && is_symbol_lead((unsigned char)s[i])) {
			k = i + 1;
			while (k < len && ((unsigned char)s[k] & 0xc0) == 0x80)
				k++;
		} else if ((k = shortcode_end(s, len, i)) == 0) {
			return i;
		}
		while (k < len && s[k] == ' ')
			k++;
		i = k;
	}
}

size_t
x_skip_unspaced_marks(const char *s, size_t len, size_t i)
{
	size_t k = i;

	while (k < len && s[k] == '#')
		k++;
	if (k > i && k - i <= 6 && k < len && s[k] != ' ' &&
	    x_has_letter(s + k, len - k))
		return k;
	return i;
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
x_phrase_at_full(const char *s, size_t len, size_t i, const char *phrase)
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

size_t
x_phrase_at_any(const char *s, size_t len, size_t i,
    const char *const *phrases)
{
	size_t e;

	for (const char *const *p = phrases; *p; p++)
		if ((e = x_phrase_at(s, len, i, *p)) != 0)
			return e;
	return 0;
}

size_t
x_numbering_end(const char *s, size_t len)
{
	size_t i = 0, k;

	/* numbering: "1.", "2)", "0x19.", "IV.", "A.", "5.1" */
	while (i < len && is_blank((unsigned char)s[i]))
		i++;
	for (k = i; k < len && (x_alnum((unsigned char)s[k])); k++)
		;
	if (k > i && k - i <= 4 && k < len && (s[k] == '.' || s[k] == ')') &&
	    (s[i] >= '0' && s[i] <= '9' ? 1 : k - i == 1 ||
	    strspn(s + i, "IVXivx") >= k - i)) {
		for (k++; k < len && ((s[k] >= '0' && s[k] <= '9') ||
		    (s[k] == '.' && k + 1 < len && s[k + 1] >= '0' &&
		    s[k + 1] <= '9')) && s[i] >= '0' && s[i] <= '9'; k++)
			;
		while (k < len && is_blank((unsigned char)s[k]))
			k++;
		return k;
	}
	return 0;
}

/*
 * The ASCII letter of a Latin letter with a mark, from its UTF-8 bytes at
 * s[i] ("é", "ñ", "ç", "ß", "ł", "ą"), so that a heading in Spanish,
 * French, German or Polish ("Causa raíz", "Résumé", "Maßnahmen", "Oś
 * czasu") reads as its letters; *n gets the bytes it took.  0 when s[i]
 * is no such letter.
 */
static int
fold_mark(const char *s, size_t len, size_t i, size_t *n)
{
	/* U+00C0 to U+00FF, "ß" (U+00DF) as 's' and the signs as 0 */
	static const char latin1[] =
	    "aaaaaaaceeeeiiiidnooooo\0ouuuuyts"
	    "aaaaaaaceeeeiiiidnooooo\0ouuuuyty";
	/* U+0100 to U+017F, Latin Extended-A */
	static const char extended[] =
	    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllll"
	    "lllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
	unsigned char a, b;
	unsigned int cp;

	if (i + 1 >= len)
		return 0;
	a = (unsigned char)s[i];
	b = (unsigned char)s[i + 1];
	if ((b & 0xC0) != 0x80 || a < 0xC3 || a > 0xC5)
		return 0;
	cp = ((unsigned int)(a & 0x1F) << 6) | (b & 0x3F);
	*n = 2;
	if (cp >= 0xC0 && cp <= 0xFF)
		return latin1[cp - 0xC0];
	if (cp >= 0x100 && cp <= 0x17F)
		return extended[cp - 0x100];
	return 0;
}

size_t
x_norm(char *out, size_t size, const char *s, size_t len)
{
	size_t i = x_numbering_end(s, len), o = 0, n;

	for (; i < len && o + 1 < size; i++) {
		int c = x_lower((unsigned char)s[i]), f;

		if ((unsigned char)s[i] >= 0x80 &&
		    (f = fold_mark(s, len, i, &n)) != 0) {
			out[o++] = (char)f;
			if ((unsigned char)s[i] == 0xC3 &&
			    (unsigned char)s[i + 1] == 0x9F && o + 1 < size)
				out[o++] = 's';	/* "ß" is "ss" */
			i += n - 1;
		} else if (x_alnum(c)) {
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

size_t
x_count_words(const char *s, size_t len)
{
	size_t w = 0;

	for (size_t i = 0; i < len; i++)
		if (!is_blank((unsigned char)s[i]) && (i == 0 ||
		    is_blank((unsigned char)s[i - 1])))
			w++;
	return w;
}

/* Trailing blanks, colons and periods of a label. */
static size_t
label_trim(const char *s, size_t n)
{
	while (n > 0 && (is_blank((unsigned char)s[n - 1]) ||
	    s[n - 1] == ':' || s[n - 1] == '.'))
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
	/* A line in capitals is a label ("ROOT CAUSE"), unless it is a
	 * field with its value after a colon ("TZ: UTC", "START: 16:12") */
	for (i = 0; i < len && s[i] != ':'; i++)
		;
	if (l->kind == XL_HEADING || l->all_strong ||
	    (all_caps(s, len) && x_count_words(s, len) <= 8 && len <= 80 &&
	    !(i > 0 && i + 1 < len && !(s[i - 1] >= '0' && s[i - 1] <= '9') &&
	    content_after(s, len, i) < len))) {
		l->label_len = label_trim(s, len);
		return;
	}
	if (l->kind == XL_ROW)
		return;
	/* "**Root cause:** text", "**Impact** - text" */
	if (l->strong && l->strong < len) {
		/* "**Root cause: config** — the CORS list": the label ends
		 * at the colon inside the bold, the value runs on past it */
		for (k = 0; k + 1 < l->strong && s[k] != ':'; k++)
			;
		if (k + 1 < l->strong && k > 0 && !(s[k - 1] >= '0' &&
		    s[k - 1] <= '9') && x_count_words(s, k) <= 4 &&
		    x_has_letter(s, k) && !(s[0] >= '0' && s[0] <= '9')) {
			l->label_len = label_trim(s, k);
			l->content = content_after(s, len, k);
			return;
		}
		n = label_trim(s, l->strong);
		i = content_after(s, len, l->strong);
		/* "**Root cause.** text" too, a label of a few words */
		if (n > 0 && x_has_letter(s, n) && !(s[0] >= '0' &&
		    s[0] <= '9') && (s[l->strong - 1] == ':' ||
		    i > l->strong + 1 || s[l->strong] == ':' ||
		    (s[l->strong - 1] == '.' && x_count_words(s, n) <= 4))) {
			l->label_len = n;
			l->content = i;
			return;
		}
	}
	/* "Root Cause: text": a short run of words that starts with a
	 * letter, up to a colon that is not inside a time ("10:00"); an
	 * emoji may go before it ("🔍 Root Cause: ..."), which the label's
	 * normal form leaves out */
	for (k = 0; k < len && is_emoji_at(s, len, k); )
		for (k++; k < len && (((unsigned char)s[k] & 0xc0) == 0x80 ||
		    s[k] == ' '); k++)
			;
	if (k >= len || !((s[k] >= 'A' && s[k] <= 'Z') ||
	    (s[k] >= 'a' && s[k] <= 'z')))
		return;
	for (i = k; i < len && i < 64; i++) {
		if (s[i] == ':' && !(i > 0 && s[i - 1] >= '0' &&
		    s[i - 1] <= '9' && i + 1 < len && s[i + 1] >= '0' &&
		    s[i + 1] <= '9'))
			break;
		if (s[i] == '.' || s[i] == ';' || s[i] == '(' || s[i] == ',')
			return;
	}
	if (i >= len || i >= 64 || x_count_words(s, i) > 6)
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
	return x_in_list(n, names);
}

int
x_in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

/* Abbreviations whose dot does not end a sentence. */
static const char *const abbrevs[] = {
	"e.g", "i.e", "etc", "approx", "vs", "mr", "mrs", "ms", "dr", "inc",
	"no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
	"oct", "nov", "dec", "a.m", "p.m", "st", NULL
};

/* After "a.m." or "p.m.", does a new sentence start at s[i]: a capital
 * that does not start a zone ("4:31 a.m. The engineer", not "6:40 a.m.
 * ET")? */
static int
new_sentence(const char *s, size_t len, size_t i)
{
	size_t e;
	int off;

	while (i < len && is_blank((unsigned char)s[i]))
		i++;
	if (i >= len || !(s[i] >= 'A' && s[i] <= 'Z'))
		return 0;
	for (e = i; e < len && x_alnum((unsigned char)s[e]); e++)
		;
	return !pm_when_zone(&off, s + i, e - i) &&
	    !(e + 5 <= len && pm_when_zone(&off, s + i, e - i + 5) &&
	    x_phrase_at(s, len, e + 1, "time"));
}

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
			if (abbrevs[k] && !(abbrevs[k][1] == '.' &&
			    new_sentence(s, len, i + 1)))
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

/* Does s (len bytes) start with word, case-insensitively, ending there? */
static size_t
word_at(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word);

	if (len < n || strncasecmp(s, word, n) != 0 ||
	    (len > n && x_alnum((unsigned char)s[n])))
		return 0;
	return n;
}

size_t
x_hhmm_at(const char *s, size_t len, struct pm_when *w)
{
	static const char *const suffixes[] = { "hrs", "hours", "h", NULL };
	size_t i, n;
	int h, m, suffix = 0;

	for (i = 0; i < 4; i++)
		if (i >= len || s[i] < '0' || s[i] > '9')
			return 0;
	h = (s[0] - '0') * 10 + s[1] - '0';
	m = (s[2] - '0') * 10 + s[3] - '0';
	if (h > 23 || m > 59)
		return 0;
	if (i < len && s[i] == 'Z' && (i + 1 >= len ||
	    !x_alnum((unsigned char)s[i + 1]))) {
		i++;
		suffix = 1;
	}
	for (size_t k = 0; !suffix && suffixes[k]; k++) {
		size_t at = i + (i < len && s[i] == ' ');

		if ((n = word_at(s + at, len - at, suffixes[k])) != 0) {
			i = at + n;
			suffix = 1;
		}
	}
	if (i < len && x_alnum((unsigned char)s[i]))
		return 0;
	if (!suffix && h == 20 && !(i < len && (s[i] == '\t' ||
	    (s[i] == ' ' && i + 1 < len && s[i + 1] == ' '))))
		return 0;
	pm_when_init(w);
	w->hour = h;
	w->minute = m;
	return i;
}

const char *
x_time_text(struct xdoc *d, const char *s, size_t len)
{
	char *t = pm_xmalloc(len + 1);
	const char *out = s;

	if (pm_when_rewrite(t, s, len))
		out = pm_arena_strndup(d->arena, t, len);
	free(t);
	return x_slash_day_first(d, out, len);
}

/* Fields: "label: value" pairs. */

/* A label without what it says in brackets after its words: "Incident
 * start (T+0)" and "Duration (approx.)" are "Incident start" and
 * "Duration". */
static size_t
label_len(const char *label, size_t len)
{
	const char *p = memchr(label, '(', len);

	while (p && p > label && (p[-1] == ' ' || p[-1] == '\t'))
		p--;
	return p && p > label ? (size_t)(p - label) : len;
}

static void
add_field(struct xdoc *d, const char *label, size_t llen,
    const struct xline *from, const char *v, size_t vlen, int sec)
{
	struct xfield *f;

	while (vlen > 0 && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
		vlen--;
	if (vlen == 0 || from->meeting == X_MEETING_LINE)
		return;
	if (d->nfields == d->fields_cap) {
		d->fields_cap = d->fields_cap ? d->fields_cap * 2 : 16;
		d->fields = pm_xrealloc(d->fields, pm_xmul(d->fields_cap,
		    sizeof(*f)));
	}
	f = &d->fields[d->nfields++];
	x_norm(f->label, sizeof(f->label), label, label_len(label, llen));
	f->v = v;
	/* the value's times read on their own: "Time: 13.20 - 14.05 WIB"
	 * has its first dotted time at the start of the value, where it is
	 * a time, not in the middle of the line */
	f->tv = x_time_text(d, v, vlen);
	f->vlen = vlen;
	f->line = from->line;
	f->sec = sec;
}

static int
letter(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* "End time: ..." at s[i]: a label of one to three words and a colon,
 * then a blank; the value's start, or 0. */
static size_t
inner_label(const char *s, size_t len, size_t i)
{
	for (int words = 0; i < len && words < 3; words++) {
		if (!letter((unsigned char)s[i]))
			return 0;
		while (i < len && letter((unsigned char)s[i]))
			i++;
		if (i + 1 < len && s[i] == ':' && s[i + 1] == ' ')
			return i + 2;
		if (i >= len || s[i] != ' ')
			return 0;
		i++;
	}
	return 0;
}

/* The next ", Label:", "; Label:" or " | Label:" in s from offset from:
 * where its separator is, or len. */
static size_t
next_inner(const char *s, size_t len, size_t from)
{
	for (size_t e = from; e + 2 < len; e++)
		if ((s[e] == ',' || s[e] == ';' || s[e] == '|') &&
		    s[e + 1] == ' ' && inner_label(s, len, e + 2) != 0)
			return e;
	return len;
}

/*
 * "Start time: Oct 22 2022 9:00 AM (EAT), End time: Oct 22 2022 10:00 AM
 * (EAT)" and "Duration: Start: ... | End: ...": fields typed one after
 * the other on one line.  Each that holds a figure is a field too, after
 * the field of the whole line.
 */
static void
add_inner_fields(struct xdoc *d, const struct xline *l, const char *v,
    size_t vlen, int sec)
{
	size_t i = inner_label(v, vlen, 0) ? 0 : next_inner(v, vlen, 0), b, e;

	while (i < vlen) {
		if (v[i] == ',' || v[i] == ';' || v[i] == '|')
			i = x_skip_blanks(v, vlen, i + 1);
		if ((b = inner_label(v, vlen, i)) == 0)
			break;
		e = next_inner(v, vlen, b);
		for (size_t k = b; k < e; k++)
			if (v[k] >= '0' && v[k] <= '9') {
				add_field(d, v + i, b - i, l, v + b, e - b,
				    sec);
				break;
			}
		i = e;
	}
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
		    !d->v[i + 1].header_row && !(i + 2 < d->n &&
		    d->v[i + 2].kind == XL_ROW && !d->v[i + 2].header_row) &&
		    l->sec != SEC_CORRECTIVE && l->sec != SEC_TASKS) {
			/* | Date | Duration | Severity | over one row.  A
			 * table of more rows, or of the measures taken, lists
			 * things (| Action | Owner | When |): the "When" of
			 * its first row is not the incident's. */
			for (int c = 0; c < l->ncells; c++)
				if (cell(l, c, &a, &al) &&
				    cell(&d->v[i + 1], c, &b, &bl))
					add_field(d, a, al, &d->v[i + 1], b,
					    bl, l->sec);
		} else if (l->kind != XL_ROW && l->kind != XL_HEADING &&
		    l->label_len && l->content < l->len) {
			add_field(d, l->s, l->label_len, l, l->s + l->content,
			    l->len - l->content, l->sec);
			/* not in a quoted message: "> **Incident summary
			 * (vendor).** Start: ..." is the vendor's window */
			if (!l->quoted)
				add_inner_fields(d, l, l->s + l->content,
				    l->len - l->content, l->sec);
		} else if (l->kind == XL_PARA && l->all_strong &&
		    l->label_len && l->s[l->len - 1] == ':' && i + 1 < d->n &&
		    d->v[i + 1].block == l->block && !d->v[i + 1].first &&
		    d->v[i + 1].label_len == 0 && !d->v[i + 1].wrapped) {
			/* "**Start time:**" and, after a line break, its
			 * value on the line under it, as a word processor
			 * exports a form: the value's line ends the
			 * paragraph */
			add_field(d, l->s, l->label_len, &d->v[i + 1],
			    d->v[i + 1].s, d->v[i + 1].len, l->sec);
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

size_t
x_word_before(const char *s, size_t e, size_t *end)
{
	size_t b;

	while (e > 0 && s[e - 1] == ' ')
		e--;
	for (b = e; b > 0 && x_alnum((unsigned char)s[b - 1]); b--)
		;
	*end = e;
	return b;
}

int
x_word_is(const char *s, size_t b, size_t e, const char *w)
{
	return e - b == strlen(w) && strncasecmp(s + b, w, e - b) == 0;
}
