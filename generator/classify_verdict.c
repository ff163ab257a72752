/*
 * classify_verdict.c: the category a writer names in so many words, a
 * verdict: "the root cause was a configuration error", "The cause is
 * database locking", "the root cause was capacity: ...".  Such a writer
 * has decided it, whatever the mechanism told around it leans to (a Host
 * header, a domain and a certificate in a story its writer calls a
 * configuration error).  The words from the verb to the first clause
 * break or verdict_ends are scored alone, and a category that scores
 * VERDICT_MIN there, half again as much as any other, is the verdict.  A
 * doubted sentence ("we thought the cause was DNS") gives none, nor does
 * a vague one ("the cause was a change", "a database migration": an
 * event, not a kind of cause, see verdict_of()).
 */
#include "classify_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A lean of one keyword is enough where the writer names the cause: "a
 * setting" weighs 2.5.  A label's value of a few words alone ("Root
 * cause: the deploy.", a root cause that opens "the deploy.") is the
 * plainest verdict, and a lighter keyword ("deploy", 2) makes it. */
#define VERDICT_MIN	2.5
#define VERDICT_MIN_BARE	2.0

static const char *const verdict_verbs[] = {
	"cause was", "cause is", "cause turned out to be",
	/* "The mistake was in the configuration itself." */
	"mistake was in", "mistake is in", "mistake lay in", "error was in",
	"fault was in", "fault lay in", "fault is in", NULL
};

/* Words before the verb, in its sentence, that make it a guess. */
static const char *const verdict_doubts[] = {
	"thought", "think", "suspected", "suspect", "assumed", "believed",
	"guessed", "expected", "initially", "at first", "first guess",
	"whether", "if", "not", "no", "never", "might", "may", "could", NULL
};

/* Words between the verb and what it names. */
static const char *const verdict_skips[] = {
	"simply", "really", "ultimately", "clearly", "actually", "plainly",
	"that", "a", "an", "the", "our", "their", "its", "one", "this", NULL
};

/* Words that end what a verdict names. */
static const char *const verdict_ends[] = {
	"in", "on", "at", "of", "to", "from", "for", "with", "between",
	"during", "after", "before", "within", "inside", "outside", "under",
	"that", "which", "who", "where", "when", "whose", "and", "but",
	"not", "than", "as", "because", "since", "so", "by", "we", "i",
	"it", "shipped", "introduced", "released", "made", NULL
};

/* Nouns of an event, not of a kind of cause: only the words before them
 * can give a verdict ("a configuration change", not "a migration"). */
static const char *const verdict_events[] = {
	"change", "changes", "migration", "migrations", "job", "jobs",
	"update", "updates", "run", NULL
};

/* Nouns that say something failed, not what. */
static const char *const verdict_heads[] = {
	"error", "errors", "mistake", "mistakes", "problem", "problems",
	"issue", "issues", "failure", "failures", "fault", "faults", "slip",
	NULL
};

/* The end of a phrase of list at a word start s[i], or 0. */
static size_t
phrase_of_at(const struct ntext *t, size_t i, const char *const *list)
{
	size_t e;

	for (; *list; list++)
		if ((e = phrase_at(t->s, t->len, i, *list)) != 0)
			return e;
	return 0;
}

/* The category t->s[from, to) names clearly, with min at least, or
 * tax->len; *any is set when some category scores there at all. */
static size_t
verdict_score(const struct pm_taxonomy *tax, const struct ntext *t,
    size_t from, size_t to, double min, int *any)
{
	char *words = pm_xmalloc(to - from + 1);
	double *scores = pm_xcalloc(tax->len, sizeof(*scores));
	size_t top = 0, c;

	memcpy(words, t->s + from, to - from);
	words[to - from] = '\0';
	pm_classify__score(scores, tax, words, 1.0, 0);
	free(words);
	for (c = 1; c < tax->len; c++)
		if (scores[c] > scores[top])
			top = c;
	*any = tax->len > 0 && scores[top] > 0;
	for (c = 0; c < tax->len && top < tax->len; c++)
		if ((c != top && scores[c] * 1.5 > scores[top]) ||
		    scores[top] < min)
			top = tax->len;
	free(scores);
	return top;
}

/*
 * The verdict of the words t->s[from, to).  In "a deployment mistake", "a
 * configuration error", "a DNS problem" the words before the general noun
 * say which kind; the noun counts only when nothing before it leans
 * anywhere ("a mistake", "human error"), and a noun of an event never
 * does ("a database migration" that held a lock is no deployment).
 */
static size_t
verdict_of(const struct pm_taxonomy *tax, const struct ntext *t,
    size_t from, size_t to, double min)
{
	size_t head = to, c;
	int any = 0, event;

	while (head > from && t->s[head - 1] != ' ')
		head--;
	event = phrase_of_at(t, head, verdict_events) != 0;
	if (event || phrase_of_at(t, head, verdict_heads) != 0) {
		c = head > from ? verdict_score(tax, t, from, head - 1, min,
		    &any) : tax->len;
		if (any || event)
			return c;
	}
	return verdict_score(tax, t, from, to, min, &any);
}

/* The verdict of the words from t->s[from] to the first clause break or
 * verdict_ends, after the verdict_skips; or tax->len.  bare 1: only
 * words that stand alone, three at most, up to a clause break ("Root
 * cause: human error."), as a label's value is a description otherwise;
 * bare 2: three words at most, up to a clause break or a verdict_ends
 * word ("a network failure between the island and the mainland.").  The
 * category must score min there. */
static size_t
verdict_after(const struct pm_taxonomy *tax, const struct ntext *t,
    size_t from, int bare, double min)
{
	size_t to, skip, words = 1, c, head;
	int rel;

	while (from < t->len && t->s[from] == ' ')
		from++;
	while (from < t->len && (skip = phrase_of_at(t, from,
	    verdict_skips)) != 0)
		from = skip + (skip < t->len);
	/* bare 2 reads through "of": "a surge of connections" */
	for (to = from; to < t->len; to++)
		if (to > from && t->s[to - 1] == ' ' && (t->brk[to] ||
		    (phrase_of_at(t, to, verdict_ends) != 0 && !(bare == 2 &&
		    phrase_at(t->s, t->len, to, "of") != 0))))
			break;
	for (size_t i = from; bare && i < to; i++)
		words += t->s[i] == ' ' && i + 1 < to;
	if (bare && (words > 3 || (bare == 1 && to < t->len &&
	    !t->brk[to])))
		return tax->len;
	rel = !bare && to < t->len && (phrase_at(t->s, t->len, to, "that") ||
	    phrase_at(t->s, t->len, to, "which"));
	while (to > from && t->s[to - 1] == ' ')
		to--;
	if (to <= from)
		return tax->len;
	/* "The root cause is a query that could not use its index": when
	 * the noun alone leans nowhere clearly, its relative clause says
	 * what kind it is; not an event's ("a database migration that
	 * rewrote the table"), which says what happened, not the kind */
	for (head = to; head > from && t->s[head - 1] != ' '; head--)
		;
	if ((c = verdict_of(tax, t, from, to, min)) == tax->len && rel &&
	    phrase_of_at(t, head, verdict_events) == 0) {
		for (to++; to < t->len && !t->brk[to]; to++)
			;
		while (to > from && t->s[to - 1] == ' ')
			to--;
		c = verdict_of(tax, t, from, to, min);
	}
	return c;
}

/* Does text[0, n) hold a verb a sentence would have? */
static int
has_verb(const char *text, size_t n)
{
	static const char *const verbs[] = {
		"is", "are", "was", "were", "has", "had", "have", "been",
		"did", "does", "ran", "made", "caused", "moved", "took",
		"went", "led", NULL
	};

	for (size_t i = 0; i < n; i++) {
		size_t w = i;

		while (i < n && text[i] != ' ' && text[i] != ',')
			i++;
		for (const char *const *v = verbs; *v; v++)
			if (i - w == strlen(*v) &&
			    strncasecmp(text + w, *v, i - w) == 0)
				return 1;
	}
	return 0;
}

/* Where text's first sentence or clause ends: at ".!?:;" or a line's
 * end, but not at the dot of "8.12" or "v2.8". */
static size_t
opening_end(const char *text)
{
	size_t i = 0;

	for (;;) {
		i += strcspn(text + i, ".!?:;\n");
		if (text[i] != '.' || text[i + 1] < '0' || text[i + 1] > '9')
			return i;
		i++;
	}
}

/* Does a dash (" - ", an en or em dash) between blanks end text's first
 * words before n bytes? */
static int
dash_opening(const char *text, size_t n)
{
	for (size_t i = 1; i + 2 < n; i++)
		if (text[i - 1] == ' ' && (text[i] == '-' ? text[i + 1] == ' ' :
		    (unsigned char)text[i] == 0xe2 &&
		    (unsigned char)text[i + 1] == 0x80 &&
		    ((unsigned char)text[i + 2] == 0x93 ||
		    (unsigned char)text[i + 2] == 0x94)))
			return 1;
	return 0;
}

size_t
pm_classify__verdict(const struct pm_taxonomy *tax, struct ctext *c,
    int root)
{
	static const char *const label[] = { "root cause", NULL };
	const char *text = c->src;
	const struct ntext *t;
	struct pm_phrase_index labels, verbs, doubts;
	size_t at, e, found = tax->len, opening;
	int phrase;

	if (text == NULL)
		return tax->len;
	/* "configuration. A new rule group ...": a text that opens with a
	 * short sentence, as a root cause does once "Root cause:" is read
	 * off its line; most texts neither do that nor say "cause", and
	 * are not made ready for matching */
	opening = opening_end(text);
	/* "a network failure between the island and the mainland. ...":
	 * a noun phrase for a sentence is a label's value too, read as a
	 * verdict of its first three words; not "A timeout bug in log
	 * streaming had been bothering the dispatcher", a sentence */
	phrase = opening < 120 && text[opening] == '.' &&
	    (strncasecmp(text, "a ", 2) == 0 ||
	    strncasecmp(text, "an ", 3) == 0) && !has_verb(text, opening);
	/* "config — the CORS list": a dash ends a root cause's opening
	 * too (a summary's "upgrades declined — Pollcraft" is a title) */
	opening = (opening < 40 && text[opening] == '.') || (root &&
	    dash_opening(text, opening < 40 ? opening : 40));
	if (!opening && !phrase && strstr(text, "ause") == NULL &&
	    strstr(text, "istake") == NULL && strstr(text, "ault") == NULL &&
	    strstr(text, "rror was") == NULL)
		return tax->len;
	t = pm_classify__made(c);
	if (opening || phrase)
		found = verdict_after(tax, t, 0, phrase ? 2 : 1, root &&
		    !phrase ? VERDICT_MIN_BARE : VERDICT_MIN);
	pm_phrase_index_init(&labels, label);
	pm_phrase_index_init(&verbs, verdict_verbs);
	pm_phrase_index_init(&doubts, verdict_doubts);
	/* "Root cause: configuration." opening a line or sentence */
	for (at = 0; found == tax->len && (at = pm_classify__find_any(t->s,
	    t->len, at, &labels, &e)) != (size_t)-1; at = e)
		if ((at == 0 || t->brk[at] == 2) && e + 1 < t->len &&
		    t->brk[e + 1] == 1)
			found = verdict_after(tax, t, e + 1, 1,
			    VERDICT_MIN_BARE);
	for (at = 0; found == tax->len && (at = pm_classify__find_any(t->s,
	    t->len, at, &verbs, &e)) != (size_t)-1; at = e) {
		size_t a = at;

		while (a > 0 && t->brk[a] != 2)
			a--;
		/* "we first thought the root cause was DNS" */
		if (pm_classify__find_any(t->s, e, a, &doubts, NULL) ==
		    (size_t)-1)
			found = verdict_after(tax, t, e, 0, VERDICT_MIN);
	}
	return found;
}

/*
 * Does the clause at t->s[v] say name, an id or a name of the taxonomy
 * ("database-locking", "Database locking"), and nothing more?  Blanks and
 * punctuation in name match the single space of the text.
 */
static int
names_category(const struct ntext *t, size_t v, const char *name)
{
	size_t i = v;

	for (const char *p = name; *p; ) {
		int c = (unsigned char)*p;

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (is_word(c)) {
			if (i >= t->len || (unsigned char)t->s[i] != c)
				return 0;
			i++, p++;
			continue;
		}
		if (i >= t->len || t->s[i] != ' ')
			return 0;
		i++;
		while (*p && !is_word((unsigned char)*p))
			p++;
	}
	return i > v && (i == t->len || (t->s[i] == ' ' && t->brk[i + 1]));
}

size_t
pm_classify__opens(const struct pm_taxonomy *tax, struct ctext *c)
{
	const struct ntext *t;

	if (c->src == NULL)
		return tax->len;
	t = pm_classify__made(c);
	for (size_t k = 0; k < tax->len; k++)
		if (names_category(t, 0, tax->categories[k].id) ||
		    names_category(t, 0, tax->categories[k].name))
			return k;
	return tax->len;
}

size_t
pm_classify__stated(const struct pm_taxonomy *tax, struct ctext *c)
{
	static const char *const label[] = { "category", NULL };
	const struct ntext *t;
	struct pm_phrase_index x;
	size_t at, e, a, spaces;

	/* most texts file nothing, and are not made ready for it */
	if (c->src == NULL || strstr(c->src, "ategor") == NULL)
		return tax->len;
	t = pm_classify__made(c);
	pm_phrase_index_init(&x, label);
	for (at = 0; (at = pm_classify__find_any(t->s, t->len, at, &x,
	    &e)) != (size_t)-1; at = e) {
		/* "category:" opening its sentence, or after at most three
		 * words ("Root cause category:"), not "in the category of" */
		if (e + 1 >= t->len || t->brk[e + 1] != 1)
			continue;
		for (a = at, spaces = 0; a > 0 && t->brk[a] != 2 &&
		    spaces <= 3; a--)
			spaces += t->s[a - 1] == ' ';
		if (a > 0 && t->brk[a] != 2)
			continue;
		for (size_t k = 0; k < tax->len; k++)
			if (names_category(t, e + 1, tax->categories[k].id) ||
			    names_category(t, e + 1, tax->categories[k].name))
				return k;
	}
	return tax->len;
}
