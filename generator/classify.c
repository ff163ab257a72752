/*
 * classify.c: the category of an incident from the words of its root
 * cause, title and summary, scored against the keywords of a taxonomy.
 *
 * The aim is the cause, not the symptom.  Three things see to it:
 *  - the root cause text weighs three times the summary, and the title
 *    half again as much (titles tend to name the cause);
 *  - in a sentence, words after "caused by", "due to", "because", "root
 *    cause", "triggered by" count double, and words after "leading to",
 *    "resulting in", "causing" (the consequences) count a third;
 *  - a clause that doubts or denies ("initially suspected a DDoS", "the
 *    database was fine", "not a code bug") counts nothing, and words in
 *    double quotes (an error message) count half;
 *  - the root cause's first sentence counts most: writers state the
 *    cause, then explain.
 * A root cause that says it is unknown gives "other".  When one story
 * names two categories, the tie-breaks of classify_ties.c decide, unless
 * the writer gives a verdict ("the root cause was a configuration
 * error"): the category it names comes first (classify_verdict.c).
 */
#include "classify.h"
#include "classify_int.h"
#include "phrase_index.h"

#include <stdlib.h>
#include <string.h>

#define ROOT_WEIGHT	3.0
#define TITLE_WEIGHT	1.5
#define SUMMARY_WEIGHT	1.0
#define CAUSE_FACTOR	2.0	/* after "caused by" */
#define EFFECT_FACTOR	0.35	/* after "leading to" */
#define MAX_MENTIONS	3	/* per keyword and text */
#define MAX_CATEGORIES	4
#define QUOTE_FACTOR	0.5	/* "quoted" words: an error message */

/* Words that introduce the cause; what follows in the sentence counts
 * double. */
static const char *const cause_markers[] = {
	"caused by", "due to", "because", "root cause", "result of",
	"resulted from", "triggered by", "stemmed from", "stems from",
	"traced to", "traced back to", "came from", "comes from",
	"the reason", "culprit", "boils down to", "in short", "the cause",
	"cause was", "cause is", "originated", "the problem was",
	"the issue was", "was simply", "real problem", "real cause",
	"actual cause", "actual problem", "underlying cause", NULL
};

/* Words that introduce consequences; what follows counts a third. */
static const char *const effect_markers[] = {
	"leading to", "led to", "leads to", "resulting in", "resulted in",
	"which caused", "that caused", "this caused", "causing", "caused",
	"which meant", "which made", "made the", "made it", "meaning",
	"as a result", "consequently", "therefore", "in turn", "so the",
	"so our", "so every", "so that", NULL
};

/* Words that doubt or deny what follows them in their clause ("we
 * suspected a DDoS", "a retry bug rather than an attack"). */
static const char *const doubt_markers[] = {
	"suspected", "suspect", "suspecting", "assumed", "assuming",
	"assumption", "thought", "looked like", "looked exactly like",
	"looked just like", "looked a lot like", "seemed", "appeared to",
	"initially", "at first", "not the", "not a", "not caused",
	"no evidence", "rather than", "instead of", "misleading",
	"red herring", "not because", "no deploys", "no deploy",
	"nothing in the", "not our", "read it as", "took it for",
	/* "we lost half an hour chasing the SMS provider" */
	"chasing", "chased",
	/* "we looked to see if we had been attacked: no traces of a DDoS" */
	"to see if", "to check if", "to check whether", "no trace of",
	"no traces of", "no sign of", "no signs of", NULL
};

/* Words that deny their whole clause ("the database was fine", "the
 * plugin update ruled out"). */
static const char *const denial_markers[] = {
	"ruled out", "was fine", "were fine", "was healthy", "were healthy",
	"not related", "unrelated", "nothing wrong", "did nothing",
	"wasn t", "weren t", "not it", "not in itself", "isn t",
	"was not the problem", "never the problem", "not the cause",
	"never busy",
	"could not help", "did not help", "didn t help", "were symptoms",
	"was a symptom", "were only symptoms", "just a symptom",
	"not malicious", "working normally", "worked normally",
	"not at fault",
	/* the security scare that it was not */
	"no attacker", "no credentials", "not an attack", "no breach",
	/* "the email provider was the natural suspect": named, then doubted */
	"natural suspect", "first suspect", "obvious suspect",
	"usual suspect", "prime suspect", "main suspect", NULL
};

/* Words after which a contributing factor follows: it counts half. */
static const char *const factor_markers[] = {
	"made worse by", "worsened by", "aggravated by", "amplified by",
	"compounded by", "exacerbated by", "contributing factor*", NULL
};

/* Conjunctions that start a new clause. */
static const char *const clause_words[] = {
	"but", "however", "although", "though", "whereas", "while", "yet",
	NULL
};

/* Root causes that say they are not known. */
static const char *const unknown_markers[] = {
	"unknown", "not known", "undetermined", "not yet determined",
	"we don t know", "we do not know", "still unknown", "unclear",
	"under investigation", "tbd", "n a", "cause unknown",
	"unknown cause", "could not find the cause", "no root cause",
	"not determined", "not been determined", "not identified",
	"not been identified", "unexplained", "not established",
	"not been established", "not found a root cause",
	"not found the root cause", "not found a cause",
	"not found the cause", "did not find a root cause",
	"did not find the root cause", "haven t found",
	"not know the cause", "still do not know", "still don t know",
	/* "rca: honestly no idea." */
	"no idea", "no clue", "not sure what caused", "not sure why",
	/* "We have not been able to determine the root cause." */
	"not been able to determine", "not able to determine",
	"unable to determine", "could not determine", "cannot determine",
	"not been able to find", "not been able to identify", NULL
};

/* What a title or summary says when nobody found the cause. */
static const char *const cause_not_found[] = {
	"cause not found", "not found the cause", "not find the cause",
	"cause unknown", "cause is unknown", "cause remains unknown",
	"unknown cause", "cause not yet known", "no root cause", NULL
};

/* The first phrase of an index at a word start in s[from, len): where
 * it starts, with *end (may be NULL) set to its end; or (size_t)-1. */
static size_t
find_any(const char *s, size_t len, size_t from,
    const struct pm_phrase_index *x, size_t *end)
{
	size_t e;

	for (size_t i = from; i < len; i++) {
		if (i > 0 && is_word((unsigned char)s[i - 1]))
			continue;
		for (size_t k = pm_phrase_index_head(x, (unsigned char)s[i]); k;
		    k = pm_phrase_index_next(x, k))
			if ((e = phrase_at(s, len, i, x->list[k - 1])) != 0) {
				if (end)
					*end = e;
				return i;
			}
	}
	return (size_t)-1;
}

/* find_any() of a list used once. */
static size_t
find_in_list(const char *s, size_t len, const char *const *list)
{
	struct pm_phrase_index x;

	pm_phrase_index_init(&x, list);
	return find_any(s, len, 0, &x, NULL);
}

static void
normalise(struct ntext *t, const char *src)
{
	size_t n = strlen(src), i, o = 0;
	int pending = 0, space = 0, quote = 0;
	struct pm_phrase_index clauses;

	t->s = pm_xmalloc(n + 1);
	t->w = pm_xmalloc(pm_xmul(n + 1, sizeof(*t->w)));
	t->brk = pm_xcalloc(n + 1, 1);
	t->quoted = pm_xcalloc(n + 1, 1);
	for (i = 0; i < n; i++) {
		int c = (unsigned char)src[i];

		if (c == '"')
			quote = !quote;
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		/* en and em dashes: a clause break, not the word that
		 * other bytes above 0x7f are part of */
		if (c == 0xe2 && i + 2 < n &&
		    (unsigned char)src[i + 1] == 0x80 &&
		    ((unsigned char)src[i + 2] == 0x93 ||
		    (unsigned char)src[i + 2] == 0x94)) {
			space = 1;
			pending = pending < 1 ? 1 : pending;
			i += 2;
			continue;
		}
		if (is_word(c)) {
			if (space && o)
				t->s[o++] = ' ';
			if (pending && o)
				t->brk[o] = (unsigned char)pending;
			pending = space = 0;
			t->quoted[o] = (unsigned char)quote;
			t->s[o++] = (char)c;
			continue;
		}
		space = 1;
		if ((c == '.' || c == '!' || c == '?') && (i + 1 == n ||
		    src[i + 1] == ' ' || src[i + 1] == '\n'))
			pending = 2;
		else if (c == '\n')
			pending = 2;
		else if ((c == ',' || c == ';' || c == ':' || c == '(' ||
		    c == ')') && pending < 1)
			pending = 1;
	}
	t->s[o] = '\0';
	t->len = o;
	pm_phrase_index_init(&clauses, clause_words);
	for (i = 0; i < o; i++) {
		t->w[i] = t->quoted[i] ? QUOTE_FACTOR : 1;
		/* Only a phrase starting at i: find_any() would search on to
		 * the end of the text for every i, quadratic in its length. */
		if (t->brk[i] || (i > 0 && is_word((unsigned char)t->s[i - 1])))
			continue;
		for (size_t k = pm_phrase_index_head(&clauses,
		    (unsigned char)t->s[i]); k && !t->brk[i];
		    k = pm_phrase_index_next(&clauses, k))
			if (phrase_at(t->s, o, i, clause_words[k - 1]) != 0)
				t->brk[i] = 1;
	}
}

static void
ntext_free(struct ntext *t)
{
	free(t->s);
	free(t->w);
	free(t->brk);
	free(t->quoted);
}

/* Scale the weights of [from, to). */
static void
scale(struct ntext *t, size_t from, size_t to, float f)
{
	for (size_t i = from; i < to; i++)
		t->w[i] *= f;
}

/*
 * Weigh each part of each sentence: causes, effects, doubts.  decay: the
 * text states its point first (a root cause section), so the first
 * sentence counts 1.5 and each next one less, down to a half.
 */
static void
weigh(struct ntext *t, int decay)
{
	size_t a = 0, b, c, e, m;
	int sentence = 0;
	struct pm_phrase_index effects, causes, factors, denials, doubts;

	pm_phrase_index_init(&effects, effect_markers);
	pm_phrase_index_init(&causes, cause_markers);
	pm_phrase_index_init(&factors, factor_markers);
	pm_phrase_index_init(&denials, denial_markers);
	pm_phrase_index_init(&doubts, doubt_markers);

	while (a < t->len) {
		/* a sentence [a, b) */
		for (b = a + 1; b < t->len && t->brk[b] != 2; b++)
			;
		if (decay)
			scale(t, a, b, sentence == 0 ? 1.5f : sentence == 1 ?
			    1.0f : sentence == 2 ? 0.8f : sentence == 3 ?
			    0.65f : 0.5f);
		sentence++;
		for (m = a; (m = find_any(t->s, b, m, &effects, &e)) !=
		    (size_t)-1; m = e) {
			if (phrase_at(t->s, b, m, "caused by"))
				continue;
			scale(t, e, b, EFFECT_FACTOR);
		}
		if ((m = find_any(t->s, b, a, &causes, &e)) !=
		    (size_t)-1) {
			/* the cause undoes the effect before it */
			for (size_t i = e; i < b; i++)
				t->w[i] = t->w[i] < 1 ? CAUSE_FACTOR *
				    EFFECT_FACTOR : CAUSE_FACTOR;
		}
		for (m = a; (m = find_any(t->s, b, m, &factors, &e)) !=
		    (size_t)-1; m = e)
			scale(t, e, b, 0.5f);
		/* clauses [c, e) of the sentence */
		for (c = a; c < b; c = e) {
			size_t d, de;

			for (e = c + 1; e < b && t->brk[e] == 0; e++)
				;
			if (find_any(t->s, e, c, &denials, NULL) !=
			    (size_t)-1)
				scale(t, c, e, 0);
			else if ((d = find_any(t->s, e, c, &doubts,
			    &de)) != (size_t)-1)
				scale(t, de, e, 0);
		}
		a = b;
	}
}

/* A keyword found in a text: its index in taxonomy order, where. */
struct mention {
	size_t keyword, at;
};

static size_t
bucket_of(int b0, int b1)
{
	return (size_t)(b0 & 31) << 5 | (size_t)(b1 & 31);
}

static size_t
keyword_bucket(const char *phrase)
{
	int b1 = (unsigned char)phrase[0] ? (unsigned char)phrase[1] : 0;

	return bucket_of((unsigned char)phrase[0], b1 == '*' || b1 == '\0' ?
	    ANY_SECOND : b1);
}

/* Note the mentions at s[i] of the keywords of bucket b. */
static void
try_bucket(const struct pm_taxonomy *tax, const struct pm_keyword_index *x,
    const struct ntext *t, size_t i, size_t b, struct mention **found,
    size_t *nfound, size_t *cap)
{
	for (size_t j = x->first[b]; j < x->first[b + 1]; j++) {
		size_t key = x->by_bucket[j], cat = x->key_cat[key];

		if (!phrase_at(t->s, t->len, i, tax->categories[cat]
		    .keywords[key - x->base[cat]].phrase))
			continue;
		if (*nfound == *cap) {
			*cap = *cap ? *cap * 2 : 32;
			*found = pm_xrealloc(*found,
			    pm_xmul(*cap, sizeof(**found)));
		}
		(*found)[*nfound].keyword = key;
		(*found)[(*nfound)++].at = i;
	}
}

const struct pm_keyword_index *
pm_classify__index(const struct pm_taxonomy *tax, struct pm_arena *arena)
{
	struct pm_keyword_index *x = pm_arena_alloc(arena, sizeof(*x));
	size_t c, k, i, *count;

	memset(x, 0, sizeof(*x));
	x->base = pm_arena_alloc(arena, pm_xmul(tax->len + 1,
	    sizeof(*x->base)));
	for (c = 0; c < tax->len; c++) {
		x->base[c] = x->nkeys;
		x->nkeys += tax->categories[c].nkeywords;
	}
	x->base[tax->len] = x->nkeys;
	x->key_cat = pm_arena_alloc(arena, pm_xmul(x->nkeys + 1,
	    sizeof(*x->key_cat)));
	for (c = 0; c < tax->len; c++)
		for (k = x->base[c]; k < x->base[c + 1]; k++)
			x->key_cat[k] = c;
	/* a counting sort of the keywords into their buckets */
	x->by_bucket = pm_arena_alloc(arena, pm_xmul(x->nkeys + 1,
	    sizeof(*x->by_bucket)));
	for (c = 0; c < tax->len; c++)
		for (k = 0; k < tax->categories[c].nkeywords; k++)
			x->first[keyword_bucket(tax->categories[c].keywords[k]
			    .phrase) + 1]++;
	for (i = 1; i <= KEY_BUCKETS; i++)
		x->first[i] += x->first[i - 1];
	count = pm_xcalloc(KEY_BUCKETS, sizeof(*count));
	for (c = 0; c < tax->len; c++)
		for (k = 0; k < tax->categories[c].nkeywords; k++) {
			size_t b = keyword_bucket(tax->categories[c]
			    .keywords[k].phrase);

			x->by_bucket[x->first[b] + count[b]++] =
			    x->base[c] + k;
		}
	free(count);
	return x;
}

/*
 * Add to scores what text says of each category.  One pass over the word
 * starts tries only the keywords that begin with the two bytes there; the
 * mentions are then added in taxonomy order, keyword by keyword, so the
 * sums are the same, to the last bit, as trying each keyword over the
 * whole text in turn.
 */
static void
score_text(double *scores, const struct pm_taxonomy *tax, struct ctext *text,
    double weight, int decay)
{
	const struct ntext *t;
	const float *w;
	const struct pm_keyword_index *x = tax->index;
	struct pm_arena *own = NULL;
	struct mention *found = NULL, *sorted;
	size_t *start;
	size_t nfound = 0, cap = 0, k, c, i;

	if (text->src == NULL || *text->src == '\0')
		return;
	if (x == NULL)
		x = pm_classify__index(tax, own = pm_arena_new());
	t = pm_classify__made(text);
	w = pm_classify__weighed(text, decay);
	for (i = 0; i < t->len; i++) {
		int b0 = (unsigned char)t->s[i];
		int b1 = i + 1 < t->len ? (unsigned char)t->s[i + 1] : 0;
		size_t two = bucket_of(b0, b1), any = bucket_of(b0, ANY_SECOND);

		if (i > 0 && is_word((unsigned char)t->s[i - 1]))
			continue;
		/* each keyword is in one bucket: the order of the mentions
		 * at one place does not matter, the sort below orders them */
		if (two != any)
			try_bucket(tax, x, t, i, two, &found, &nfound, &cap);
		try_bucket(tax, x, t, i, any, &found, &nfound, &cap);
	}
	/* a stable counting sort by keyword keeps each keyword's mentions
	 * in text order */
	sorted = pm_xcalloc(nfound + 1, sizeof(*sorted));
	start = pm_xcalloc(x->nkeys + 1, sizeof(*start));
	for (i = 0; i < nfound; i++)
		start[found[i].keyword + 1]++;
	for (k = 1; k <= x->nkeys; k++)
		start[k] += start[k - 1];
	for (i = 0; i < nfound; i++)
		sorted[start[found[i].keyword]++] = found[i];
	for (i = 0; i < nfound; ) {
		size_t key = sorted[i].keyword;
		int mentions = 0;

		c = x->key_cat[key];
		for (; i < nfound && sorted[i].keyword == key; i++) {
			if (mentions >= MAX_MENTIONS)
				continue;
			scores[c] += tax->categories[c]
			    .keywords[key - x->base[c]].weight *
			    w[sorted[i].at] * weight;
			mentions++;
		}
	}
	free(start);
	free(sorted);
	free(found);
	pm_arena_free(own);
}

static int
says_unknown(struct ctext *text)
{
	const struct ntext *t;
	size_t at;

	if ((t = pm_classify__made(text)) == NULL)
		return 0;
	at = find_in_list(t->s, t->len, unknown_markers);
	/* "Unknown.", "The cause is still unknown", in its first words;
	 * "Not found." only as the first, where it is no error message */
	return (at != (size_t)-1 && at < 40) ||
	    strncmp(t->s, "not found ", 10) == 0;
}

const struct ntext *
pm_classify__made(struct ctext *c)
{
	if (c->src == NULL)
		return NULL;
	if (!c->made) {
		normalise(&c->t, c->src);
		c->made = 1;
	}
	return &c->t;
}

const float *
pm_classify__weighed(struct ctext *c, int decay)
{
	const struct ntext *t = pm_classify__made(c);
	struct ntext w;

	decay = decay != 0;
	if (c->weighed[decay] == NULL) {
		/* weigh() scales t's own weights; it works on a copy, so
		 * that both decays start from the text's */
		w = *t;
		w.w = pm_xmalloc(pm_xmul(t->len + 1, sizeof(*w.w)));
		memcpy(w.w, t->w, (t->len + 1) * sizeof(*w.w));
		weigh(&w, decay);
		c->weighed[decay] = w.w;
	}
	return c->weighed[decay];
}

void
pm_classify__ctext_free(struct ctext *c)
{
	if (c->made)
		ntext_free(&c->t);
	free(c->weighed[0]);
	free(c->weighed[1]);
}

size_t
pm_classify__find_any(const char *s, size_t len, size_t from,
    const struct pm_phrase_index *x, size_t *end)
{
	return find_any(s, len, from, x, end);
}

void
pm_classify__score(double *scores, const struct pm_taxonomy *tax,
    const char *text, double weight, int decay)
{
	struct ctext c = PM_CTEXT_INIT(text);

	score_text(scores, tax, &c, weight, decay);
	pm_classify__ctext_free(&c);
}

int
pm_classify__names_any(struct ctext *text, const char *const *phrases)
{
	const struct ntext *t;
	const float *w;
	struct pm_phrase_index x;
	size_t at = 0, e;
	int found = 0;

	if ((t = pm_classify__made(text)) == NULL)
		return 0;
	pm_phrase_index_init(&x, phrases);
	/* weighing the clauses costs ten times the search, and most texts
	 * name none of the phrases: weigh only a text that does */
	if ((at = find_any(t->s, t->len, 0, &x, &e)) != (size_t)-1) {
		w = pm_classify__weighed(text, 0);
		do {
			found = w[at] > 0;
			at = e;
		} while (!found && (at = find_any(t->s, t->len, at, &x,
		    &e)) != (size_t)-1);
	}
	return found;
}

size_t
pm_classify_text(const char **ids, size_t max,
    const struct pm_taxonomy *tax, const char *root_cause,
    const char *summary, const char *title)
{
	struct ctext root = PM_CTEXT_INIT(root_cause);
	struct ctext sum = PM_CTEXT_INIT(summary);
	struct ctext head = PM_CTEXT_INIT(title);
	double *scores, best = 0;
	size_t n = 0, c, top = 0, *order;
	const struct pm_category *other = pm_taxonomy_find(tax,
	    PM_CATEGORY_OTHER);

	if (max == 0)
		return 0;
	/* "Unknown." as the root cause, or, with none written, a title or
	 * summary that says so ("(cause not found)") */
	if (says_unknown(&root) || (root_cause == NULL &&
	    (pm_classify__names_any(&head, cause_not_found) ||
	    pm_classify__names_any(&sum, cause_not_found)))) {
		ids[0] = other ? other->id : PM_CATEGORY_OTHER;
		pm_classify__ctext_free(&root);
		pm_classify__ctext_free(&sum);
		pm_classify__ctext_free(&head);
		return 1;
	}
	scores = pm_xcalloc(tax->len, sizeof(*scores));
	order = pm_xcalloc(tax->len, sizeof(*order));
	score_text(scores, tax, &root, ROOT_WEIGHT, 1);
	score_text(scores, tax, &head, TITLE_WEIGHT, 0);
	score_text(scores, tax, &sum, root_cause ? SUMMARY_WEIGHT :
	    2 * SUMMARY_WEIGHT, 0);
	pm_classify__tie_break(scores, tax, &root, &sum, &head);
	for (c = 0; c < tax->len; c++)
		if (scores[c] > best)
			best = scores[c], top = c;
	/* the writer's own filing, else a verdict */
	if ((c = pm_classify__stated(tax, &root)) == tax->len &&
	    (c = pm_classify__opens(tax, &root)) == tax->len &&
	    (c = pm_classify__stated(tax, &sum)) == tax->len &&
	    (c = pm_classify__verdict(tax, &root, 1)) == tax->len)
		c = pm_classify__verdict(tax, &sum, 0);
	if (c < tax->len && (c != top || best < MIN_SCORE)) {
		scores[c] = (best > MIN_SCORE ? best : MIN_SCORE) + 1;
		best = scores[c], top = c;
	}
	if (best >= MIN_SCORE) {
		/* the best first, then the others by score, ties in
		 * taxonomy order */
		order[n++] = top;
		for (;;) {
			size_t pick = tax->len;

			for (c = 0; c < tax->len; c++) {
				int used = 0;

				for (size_t k = 0; k < n; k++)
					used |= order[k] == c;
				if (!used && scores[c] >= MIN_SCORE &&
				    scores[c] >= ALSO_SHARE * best &&
				    (pick == tax->len ||
				    scores[c] > scores[pick]))
					pick = c;
			}
			if (pick == tax->len || n >= MAX_CATEGORIES)
				break;
			order[n++] = pick;
		}
	}
	for (c = 0; c < n && c < max; c++)
		ids[c] = tax->categories[order[c]].id;
	if (n == 0)
		ids[c++] = other ? other->id : PM_CATEGORY_OTHER;
	free(scores);
	free(order);
	pm_classify__ctext_free(&root);
	pm_classify__ctext_free(&sum);
	pm_classify__ctext_free(&head);
	return c;
}

/*
 * Without a root cause, the timeline entries where the cause was found
 * ("heap dump shows an unbounded cache") stand for it: the investigated
 * entries that report a finding.  NULL when there are none.
 */
static const char *
findings(struct pm_arena *arena, const struct pm_incident *inc)
{
	static const char *const found[] = {
		"found", "finds", "shows", "showed", "show", "identified",
		"identifies", "revealed", "reveals", "traced", "turned out",
		"root cause", "caused", "culprit", "discovered", NULL
	};
	struct pm_buf b = PM_BUF_INIT;
	const char *out = NULL;

	for (size_t i = 0; i < inc->ntimeline; i++) {
		const char *t = inc->timeline[i].text;
		struct ntext n;

		if (t == NULL || inc->timeline[i].kind == NULL ||
		    strcmp(inc->timeline[i].kind, "investigated") != 0)
			continue;
		normalise(&n, t);
		if (find_in_list(n.s, n.len, found) != (size_t)-1) {
			pm_buf_puts(&b, t);
			pm_buf_puts(&b, "\n");
		}
		ntext_free(&n);
	}
	if (b.len)
		out = pm_arena_strndup(arena, b.ptr, b.len);
	pm_buf_free(&b);
	return out;
}

void
pm_classify_incident(struct pm_incident *inc, struct pm_arena *arena,
    const struct pm_taxonomy *tax, struct pm_warnings *warnings)
{
	const char *ids[MAX_CATEGORIES];
	size_t n, i;

	/*
	 * Front matter categories must be root causes of the taxonomy.
	 * Blog generators (Jekyll, Hugo) use `categories` for their own
	 * sections ("engineering"), so a name the taxonomy does not know is
	 * kept as a tag and the cause is read from the text; pmsite.yml's
	 * `taxonomy` is where a team adds its own causes.
	 */
	if (inc->fixed.category || inc->categories.len > 0) {
		struct pm_strlist known = { NULL, 0 };
		const char *primary = inc->fixed.category ? inc->category :
		    NULL;

		for (i = 0; i < inc->categories.len; i++) {
			const char *c = inc->categories.items[i];

			if (pm_taxonomy_find(tax, c)) {
				if (!pm_strlist_has(&known, c))
					pm_strlist_push(&known, arena, c);
				continue;
			}
			pm_warnings_add(warnings, inc->path, 0,
			    "category '%s' is not a root cause of the "
			    "taxonomy: kept as a tag (add it under 'taxonomy' "
			    "in pmsite.yml to make it one)", c);
			if (!pm_strlist_has(&inc->tags, c))
				pm_strlist_push(&inc->tags, arena, c);
		}
		inc->categories = known;
		if (primary && !pm_taxonomy_find(tax, primary))
			primary = NULL;
		if (primary == NULL && known.len > 0)
			primary = known.items[0];
		if (primary) {
			inc->category = primary;
			inc->fixed.category = 1;
			return;
		}
		inc->category = NULL;
		inc->fixed.category = 0;
	}
	n = pm_classify_text(ids, MAX_CATEGORIES, tax, inc->root_cause ?
	    inc->root_cause : findings(arena, inc), inc->summary, inc->title);
	inc->categories.items = NULL;
	inc->categories.len = 0;
	for (i = 0; i < n; i++)
		pm_strlist_push(&inc->categories, arena,
		    pm_arena_strdup(arena, ids[i]));
	inc->category = inc->categories.items[0];
}
