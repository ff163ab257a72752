/*
 * check_text.c: the rules of `pmsite check` that read the prose itself:
 * blameless language and template text left in, with the word matching
 * they need.
 */
#include "check_int.h"
#include "buf.h"
#include "phrase_index.h"

#include <stdlib.h>
#include <string.h>

/* A piece of prose with the file line it starts on; cause: it may tell
 * the cause (the root cause, the summary, the title). */
struct prose {
	const char *s;
	int line, cause;
};

/* ASCII case folding; other bytes compare as they are. */
static int
lower(int ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

static int
word_char(int ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
	    (ch >= 'A' && ch <= 'Z') || ch == '_' || ch >= 0x80;
}

/*
 * Does phrase occur in s at i, case-insensitively, on word boundaries?  A
 * trailing '*' makes a stem ("careless*"); a space matches a run of
 * blanks.  Returns the end of the match, or 0.
 */
static size_t
phrase_at(const char *s, size_t len, size_t i, const char *phrase)
{
	const char *p;

	if (i > 0 && word_char((unsigned char)s[i - 1]) &&
	    word_char((unsigned char)phrase[0]))
		return 0;
	for (p = phrase; *p && *p != '*'; p++) {
		if (*p == ' ') {
			size_t j = i;

			while (j < len && (s[j] == ' ' || s[j] == '\n' ||
			    s[j] == '\t'))
				j++;
			if (j == i)
				return 0;
			i = j;
		} else if (i < len && lower((unsigned char)s[i]) ==
		    lower((unsigned char)*p)) {
			i++;
		} else {
			return 0;
		}
	}
	if (*p != '*' && i < len && word_char((unsigned char)s[i]) &&
	    word_char((unsigned char)p[-1]))
		return 0;
	return i;
}

#define FIRSTS_MAX	16	/* first bytes find_any() leaps to */

/* The first phrase of a NULL-terminated list found in s from *at on;
 * *at and *end then bound the match. */
static const char *
find_any(const char *s, size_t *at, size_t *end, const char *const *list)
{
	size_t len = strlen(s), n = 0;
	/* Every text of every postmortem goes through here once per rule:
	 * strcspn() leaps to the bytes a phrase can start with (the lists
	 * are short, and most texts hold none), and there only the phrases
	 * that start so are tried. */
	struct pm_phrase_index x;
	char firsts[2 * FIRSTS_MAX + 1];

	pm_phrase_index_init(&x, list);
	for (size_t k = 0; list[k]; k++) {
		int c = lower((unsigned char)list[k][0]);

		if (c == '\0' || c == ' ' || c == '*' || x.plain ||
		    n + 2 > 2 * FIRSTS_MAX) {
			n = 0;	/* any byte may start one: try them all */
			break;
		}
		if (memchr(firsts, c, n) == NULL) {
			firsts[n++] = (char)c;
			if (c >= 'a' && c <= 'z')
				firsts[n++] = (char)(c - 'a' + 'A');
		}
	}
	firsts[n] = '\0';
	for (size_t i = *at; i < len; i++) {
		if (n > 0 && (i += strcspn(s + i, firsts)) >= len)
			break;
		for (size_t k = pm_phrase_index_head(&x, (unsigned char)s[i]);
		    k; k = pm_phrase_index_next(&x, k))
			if ((*end = phrase_at(s, len, i, list[k - 1])) != 0) {
				*at = i;
				return list[k - 1];
			}
	}
	return NULL;
}

int
ck_mentions(const char *s, const char *const *list)
{
	size_t at = 0, end;

	return s && find_any(s, &at, &end, list) != NULL;
}

/* The bounds of the sentence of s around [at, end): from the last stop
 * before it to the next one. */
static void
sentence(size_t *a, size_t *b, const char *s, size_t at, size_t end)
{
	size_t len = strlen(s);

	*a = at;
	*b = end;
	while (*a > 0 && s[*a - 1] != '\n' && !(*a > 1 && s[*a - 1] == ' ' &&
	    (s[*a - 2] == '.' || s[*a - 2] == '!' || s[*a - 2] == '?')))
		(*a)--;
	while (*b < len && s[*b] != '\n' && !((s[*b] == '.' || s[*b] == '!' ||
	    s[*b] == '?') && (*b + 1 == len || s[*b + 1] == ' ')))
		(*b)++;
}

/* Does the longer of two strings end with the shorter? */
static int
same_ending(const char *x, const char *y)
{
	size_t a = strlen(x), b = strlen(y);

	return a >= b ? strcmp(x + a - b, y) == 0 : strcmp(y + b - a, x) == 0;
}

/*
 * Has this rule reported the finding at [at, end) of s already, from
 * another piece of prose?  The same finding reads the same from its start
 * to the end of its sentence, and its sentence's beginning in one is the
 * end of the beginning in the other ("Impact: " + "About 40% ...").
 * Records it when not.
 */
static int
seen_before(struct pm_check *c, const char *s, size_t at, size_t end)
{
	size_t a, b;
	char *before, *from;
	int dup = 0;

	sentence(&a, &b, s, at, end);
	before = pm_xstrndup(s + a, at - a);
	from = pm_xstrndup(s + at, b - at);
	for (size_t i = 0; i < c->nseen && !dup; i++)
		dup = c->seen[i].rule == c->rule &&
		    strcmp(c->seen[i].from, from) == 0 &&
		    same_ending(c->seen[i].before, before);
	if (dup) {
		free(before);
		free(from);
		return 1;
	}
	if (c->nseen == c->seen_cap) {
		c->seen_cap = c->seen_cap ? c->seen_cap * 2 : 8;
		c->seen = pm_xrealloc(c->seen, pm_xmul(c->seen_cap,
		    sizeof(*c->seen)));
	}
	c->seen[c->nseen].rule = c->rule;
	c->seen[c->nseen].before = before;
	c->seen[c->nseen++].from = from;
	return 0;
}

/*
 * The prose of the incident, the most precisely placed first: timeline
 * entries and tasks have their own line, the impact and root cause
 * theirs, the summary and the title one line for all they say.  Returns
 * the number written to out, which the caller sized.
 */
static size_t
prose(struct prose *out, const struct pm_check *c)
{
	const struct pm_incident *inc = c->inc;
	const struct pm_extract_report *r = c->rep;
	size_t n = 0, i;

	for (i = 0; i < inc->ntimeline; i++)
		out[n++] = (struct prose){ inc->timeline[i].text,
		    inc->timeline[i].line, 0 };
	for (i = 0; i < inc->naction_items; i++)
		out[n++] = (struct prose){ inc->action_items[i].text,
		    inc->action_items[i].line, 0 };
	out[n++] = (struct prose){ inc->impact, ck_first_known(r->impact_line,
	    ck_front_line(inc, "impact"), r->sections.issue_summary), 0 };
	out[n++] = (struct prose){ inc->root_cause, ck_first_known(
	    r->root_cause_line, ck_front_line(inc, "root_cause"),
	    r->sections.root_cause), 1 };
	out[n++] = (struct prose){ inc->summary, ck_first_known(r->summary_line,
	    ck_front_line(inc, "summary"), r->sections.issue_summary), 1 };
	out[n++] = (struct prose){ inc->title, ck_first_known(r->title_line,
	    ck_front_line(inc, "title"), 1), 1 };
	return n;
}

/*
 * Run match over every piece of prose (causes_only: over those that tell
 * the cause); it returns the end of the next finding from *at, 0 when
 * none, and fills what to say in msg.
 */
typedef size_t (*match_fn)(const char *s, size_t *at, struct pm_buf *msg);

static void
scan_prose(struct pm_check *c, match_fn match, int causes_only)
{
	struct prose *p = pm_xcalloc(c->inc->ntimeline +
	    c->inc->naction_items + 4, sizeof(*p));
	struct pm_buf msg = PM_BUF_INIT;
	size_t n = prose(p, c);

	for (size_t i = 0; i < n; i++) {
		size_t at = 0, end;

		if (p[i].s == NULL || (causes_only && !p[i].cause))
			continue;
		while ((end = match(p[i].s, &at, &msg)) != 0) {
			if (!seen_before(c, p[i].s, at, end))
				ck_add(c, p[i].line, "%s", pm_buf_cstr(&msg));
			pm_buf_clear(&msg);
			at = end;
		}
	}
	pm_buf_free(&msg);
	free(p);
}

size_t
ck_count_words(const char *s)
{
	size_t n = 0;

	for (size_t i = 0; s[i]; i++)
		n += word_char((unsigned char)s[i]) && (i == 0 ||
		    !word_char((unsigned char)s[i - 1]));
	return n;
}

/* Blameless language ------------------------------------------------------- */

/*
 * Capitalised words that begin sentences or name things, not people:
 * "Postgres deleted" or "Automation deleted" blames no one.  Kept small;
 * the rule would rather miss a name than accuse a tool.
 */
static const char *const not_names[] = {
	"A", "After", "All", "Also", "An", "Anyone", "Apache", "Automation",
	"Azure", "Black", "Bot", "Cloudflare", "Cron", "Customer",
	"Customers", "Database", "Deploy", "Deployment", "Developer",
	"Developers", "Docker", "Engineer", "Engineering", "Engineers",
	"Everybody", "Everyone", "Finally", "Finance", "Friday", "Google",
	"He", "Her", "His", "I", "It", "Its", "Jenkins", "Job", "Kubernetes",
	"Later", "Legal", "Marketing", "Microsoft", "Migration", "Monday",
	"My", "Nginx", "Nobody", "Operations", "Operator", "Ops", "Our",
	"Postgres", "Product", "Redis", "Sales", "Saturday", "Script",
	"Security", "Server", "Service", "She", "Somebody", "Someone",
	"Sunday", "Support", "System", "Team", "Terraform", "That", "The",
	"Their", "Then", "These", "They", "This", "Those", "Thursday",
	"Tuesday", "User", "Users", "We", "Wednesday", "When", "You", "Your",
	NULL
};

/* Verbs and adverbs that, after a person's name, put the incident on
 * that person.  "broke" and "caused" are left to @handles: "Checkout
 * broke" and "Traffic caused" are how people write about systems. */
static const char *const blame_verbs[] = {
	"deleted", "forgot", "ignored", "misconfigured", "neglected",
	"overlooked", "botched", "messed", "screwed", "fat-fingered",
	"accidentally", "mistakenly", "carelessly", "inadvertently",
	"wrongly", NULL
};

static const char *const handle_verbs[] = {
	"broke", "caused", "dropped", NULL
};

/* "caused by X", "deleted by X": the passive voice names the person. */
static const char *const by_verbs[] = {
	"caused", "broken", "deleted", "triggered", "introduced", NULL
};

/* The word of s at i: [i, end).  Words are letters, digits, '@', '_'
 * and inner '-' or '\''. */
static size_t
word_end(const char *s, size_t i)
{
	while (word_char((unsigned char)s[i]) || s[i] == '@' ||
	    ((s[i] == '-' || s[i] == '\'') && word_char((unsigned char)
	    s[i + 1])))
		i++;
	return i;
}

static size_t
skip_gap(const char *s, size_t i)
{
	while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')
		i++;
	return i;
}

static int
is_one_of(const char *w, size_t n, const char *const *list)
{
	/* asked of every word of every text: the first letter refuses
	 * most of the list before strlen() does */
	if (n == 0)
		return 0;
	for (const char *const *p = list; *p; p++)
		if (lower((unsigned char)**p) == lower((unsigned char)*w) &&
		    strlen(*p) == n && phrase_at(w, n, 0, *p) == n)
			return 1;
	return 0;
}

static int
is_handle(const char *w, size_t n)
{
	return n >= 2 && w[0] == '@' && word_char((unsigned char)w[1]);
}

/* Alice, Bob: a capital and lowercase letters, not a known non-name;
 * "Alice's" reads as Alice. */
static int
is_name(const char *w, size_t n)
{
	size_t i;

	if (n > 2 && w[n - 2] == '\'' && w[n - 1] == 's')
		n -= 2;
	if (n < 2 || n > 20 || !(w[0] >= 'A' && w[0] <= 'Z'))
		return 0;
	for (i = 1; i < n; i++)
		if (!(w[i] >= 'a' && w[i] <= 'z'))
			return 0;
	for (const char *const *p = not_names; *p; p++)
		if (strlen(*p) == n && memcmp(*p, w, n) == 0)
			return 0;
	return 1;
}

/* After "caused by Alice": the clause ends, or goes on about what she
 * did ("Alice deploying", "Alice, who", "Alice's change"). */
static int
name_ends_clause(const char *s, size_t at, size_t end)
{
	size_t j = skip_gap(s, end), k;

	if (end > at + 2 && s[end - 2] == '\'' && s[end - 1] == 's')
		return 1;
	if (s[end] == '\0' || strchr(".,;:!?)", s[end]) != NULL)
		return 1;
	k = word_end(s, j);
	if (k > j + 3 && memcmp(s + k - 3, "ing", 3) == 0)
		return 1;
	return is_one_of(s + j, k - j, (const char *const[]){ "who", "when",
	    "while", "and", "after", NULL });
}

/*
 * Where the blame that starts with the word [i, e) of s ends, or 0:
 * "Alice deleted", "@bob broke", "caused by Alice", "deleted by @bob".
 */
static size_t
blame_at(const char *s, size_t i, size_t e)
{
	int capital = s[i] >= 'A' && s[i] <= 'Z', handle = s[i] == '@';
	int by = is_one_of(s + i, e - i, by_verbs);
	size_t j, f, k, l;

	/* Asked of every word: most are neither a name, a handle nor a
	 * verb of the passive, and are refused before the next word is
	 * read. */
	if (!capital && !handle && !by)
		return 0;
	j = skip_gap(s, e);
	f = word_end(s, j);
	/* The verb first: rarer than a capitalised word, and a name is
	 * checked against a long list. */
	if (capital && is_one_of(s + j, f - j, blame_verbs) &&
	    is_name(s + i, e - i))
		return f;
	if (handle && is_handle(s + i, e - i) && (is_one_of(s + j, f - j,
	    blame_verbs) || is_one_of(s + j, f - j, handle_verbs)))
		return f;
	if (!by || f != j + 2 || lower((unsigned char)s[j]) != 'b' ||
	    lower((unsigned char)s[j + 1]) != 'y')
		return 0;
	k = skip_gap(s, f);
	l = word_end(s, k);
	if (is_handle(s + k, l - k) || (is_name(s + k, l - k) &&
	    name_ends_clause(s, k, l)))
		return l;
	return 0;
}

static size_t
match_blame_person(const char *s, size_t *at, struct pm_buf *msg)
{
	size_t i = *at, e, end;

	for (; s[i]; i = e > i ? e : i + 1) {
		e = word_end(s, i);
		if (e > i && (end = blame_at(s, i, e)) != 0) {
			pm_buf_printf(msg, "\"%.*s\" names a person as the "
			    "cause: say what happened, and what let it happen",
			    (int)(end - i), s + i);
			*at = i;
			return end;
		}
	}
	return 0;
}

static const char *const human_error[] = {
	"human error", "operator error", "human mistake", NULL
};

static size_t
match_human_error(const char *s, size_t *at, struct pm_buf *msg)
{
	size_t end;
	const char *hit;

	while ((hit = find_any(s, at, &end, human_error)) != NULL) {
		size_t b = *at, a;

		/* "not human error", "rather than human error" */
		while (b > 0 && s[b - 1] == ' ')
			b--;
		for (a = b; a > 0 && word_char((unsigned char)s[a - 1]); a--)
			;
		if (!is_one_of(s + a, b - a, (const char *const[]){ "not",
		    "no", "than", "beyond", NULL })) {
			pm_buf_printf(msg, "\"%s\" given as the cause: say "
			    "which safeguard was missing", hit);
			return end;
		}
		*at = end;
	}
	return 0;
}

static const char *const hindsight[] = {
	"should have", "should've", "ought to have", NULL
};

static size_t
match_hindsight(const char *s, size_t *at, struct pm_buf *msg)
{
	size_t end;
	const char *hit = find_any(s, at, &end, hindsight);

	if (hit)
		pm_buf_printf(msg, "\"%.*s\" judges in hindsight: say what "
		    "was missing, and add it to the tasks", (int)(end - *at),
		    s + *at);
	return hit ? end : 0;
}

static const char *const blame_words[] = {
	"careless*", "negligen*", "incompeten*", "fault of", "'s fault",
	"his fault", "her fault", "their fault", NULL
};

static size_t
match_blame_words(const char *s, size_t *at, struct pm_buf *msg)
{
	size_t end, w;
	const char *hit = find_any(s, at, &end, blame_words);

	if (hit == NULL)
		return 0;
	/* "Bob's fault": quote the name too */
	while (hit[0] == '\'' && *at > 0 && word_char((unsigned char)
	    s[*at - 1]))
		(*at)--;
	w = word_end(s, end);
	pm_buf_printf(msg, "\"%.*s\" blames a person: describe what happened "
	    "and what the system allowed", (int)(w - *at), s + *at);
	return w;
}

void
ck_rule_blame_person(struct pm_check *c)
{
	scan_prose(c, match_blame_person, 0);
}

void
ck_rule_blame_human_error(struct pm_check *c)
{
	scan_prose(c, match_human_error, 1);
}

void
ck_rule_blame_hindsight(struct pm_check *c)
{
	scan_prose(c, match_hindsight, 0);
}

void
ck_rule_blame_words(struct pm_check *c)
{
	scan_prose(c, match_blame_words, 0);
}

/* Placeholders ------------------------------------------------------------- */

/*
 * What templates leave to fill in: `pmsite new` writes "[fill in: ...]".
 * "HH:MM" and "YYYY-MM-DD" are not here: a postmortem about a date
 * parser may well name the formats.
 */
static const char *const placeholders[] = {
	"[fill in", "lorem ipsum", NULL
};

/* "TBD" in capitals only: in lowercase it is rare, in capitals a gap. */
static size_t
find_tbd(const char *s, size_t from)
{
	size_t len = strlen(s);

	for (size_t i = from; i + 3 <= len; i++)
		if (memcmp(s + i, "TBD", 3) == 0 && phrase_at(s, len, i, "TBD"))
			return i;
	return (size_t)-1;
}

static size_t
match_placeholder(const char *s, size_t *at, struct pm_buf *msg)
{
	size_t end = 0, stop, tbd = find_tbd(s, *at);
	const char *hit = find_any(s, at, &end, placeholders);

	if (tbd != (size_t)-1 && (hit == NULL || tbd < *at)) {
		hit = "TBD";
		*at = tbd;
		end = tbd + 3;
	}
	if (hit == NULL)
		return 0;
	if (s[*at] == '[') {
		/* the whole "[fill in: ...]", to say which one */
		stop = *at + strcspn(s + *at, "]\n");
		end = s[stop] == ']' ? stop + 1 : stop;
	}
	if (end - *at > 72)
		pm_buf_printf(msg, "placeholder left in: \"%.68s...\"",
		    s + *at);
	else
		pm_buf_printf(msg, "placeholder left in: \"%.*s\"",
		    (int)(end - *at), s + *at);
	return end;
}

void
ck_rule_placeholder(struct pm_check *c)
{
	scan_prose(c, match_placeholder, 0);
}

