/*
 * extract_kind.c: what a timeline entry says happened (its kind), from
 * its words.
 *
 * What is not read: words inside code spans and double quotes (a log
 * line, an error message, an alert's name: "ERROR: deadlock detected" is
 * not a detection, a status page set to "Resolved" is not the end of the
 * impact), and the rest of a sentence after an upper-case log level
 * ("PANIC: could not write ...").  Words in a denied clause count
 * nothing: "No alert fires yet", "nobody has noticed", "before anyone was
 * paged", "we decide not to roll back", "the alert did not fire" (the
 * misleading row is the exception: it is made of denials).
 *
 * Precedence.  Rows are tried in order and the first row with a word
 * that is said (not denied) decides:
 *  1. misleading: a path is named as such even when it was investigated
 *     ("initially suspected ...");
 *  2. a page or a report that reaches the on-call ("paged the on-call",
 *     "customers report", "a merchant emails support", a customer, user
 *     or partner who says, calls, writes or complains within four words)
 *     is the detection when nothing was detected before; after a
 *     detection, a page is an escalation and a report says nothing more;
 *  3. resolved: the end of the impact beats the work that led to it
 *     ("rolled back, errors stop" is resolved); an entry whose last word
 *     says it is over ("... error rates normal.", "Closed.") is resolved
 *     too;
 *  4. mitigated: an action that stops or reduces the impact ("rolled
 *     back", "was reverted", "pods are being terminated"), before the
 *     escalation or alert that came with it;
 *  5. escalated;
 *  6. detected: alerts, pages and reports; after a detection, "paged"
 *     is an escalation and a report says nothing more;
 *  7. "noticed", "spotted", "saw": how an incident is found, but once it
 *     is, noticing is part of the investigation;
 *  8. investigated.
 * Before the first detection nobody responds yet, and the caller may ask
 * for the kind without the rows of a response, mitigation and
 * investigation (XK_NOT_RESPONDING).
 * Words ending in '*' are stems; the others match whole words.
 */
#include "extract_int.h"

#include <string.h>

/* People outside the team, and the words with which they tell us
 * ("a customer emails support", "customers in chat say ..."). */
static const char *const reporters[] = {
	"customer*", "user*", "merchant*", "partner*", "client*",
	"shopper*", "subscriber*", "tenant*", "player*", NULL
};

static const char *const telling[] = {
	"report*", "complain*", "email*", "call*", "say", "says", "said",
	"tell*", "told", "write*", "wrote", "tweet*", "post*", "ask*",
	"message*", "contact*", "chat*", "phone*", NULL
};

/* What a row means after a detection: its own kind, another, or none. */
#define SAME	-1
#define SKIP	-2

static const struct {
	int kind, after;
	const char *words[XK_ROW_WORDS];
} kinds[] = {
	{ TK_MISLEADING, SAME, { "misleading", "misled", "red herring*",
	    "ruled out", "rule out", "assum*", "suspect*",
	    "initially thought", "initially believed", "thought it was",
	    "believed to be", "thought to be", "turned out not",
	    "turned out to be unrelated", "was not the cause",
	    "wasn't the cause", "not the root cause", "unrelated",
	    "dead end", "false lead", "wrong", "mistaken*", "incorrect*",
	    "unsuccessful", "no conclusive", "no abnormalit*",
	    "did not help", "didn't help", "had no effect", "no effect",
	    "unnecessary", "hypothes*", "no improvement", "inconclusive",
	    "takes it for", "took it for", "mistook", "blamed",
	    "makes it worse", "made it worse", "made things worse",
	    "makes things worse", "without effect", NULL } },
	{ TK_DETECTED, TK_ESCALATED, { "paged the on call",
	    "paged on call", "on call was paged", "on call engineer was paged",
	    "paged the primary", "pages the on call", "pages on call",
	    "support escalat*", NULL } },
	{ TK_DETECTED, SKIP, { "support ticket*", "emails support",
	    "emailed support", "contacts support", "contacted support",
	    "calls support", "called support", "writes to support",
	    "wrote to support", "customers report*", "users report*",
	    "customer reports", "user reports", "merchants report*",
	    "partners report*", "clients report*", "customers complain*",
	    "users complain*", "support says", "support said",
	    "support reports", "support reported", "helpdesk", "help desk",
	    "service desk", NULL } },
	{ TK_RESOLVED, SAME, { "resolved", "resolution confirmed",
	    "restored", "recovered", "recovery confirmed", "back to normal",
	    "returned to normal", "back online", "fully operational",
	    "full functionality", "normal operation*", "operating normally",
	    "functioning properly", "working normally", "working again",
	    "works normally", "stabiliz*", "stabilis*", "all clear",
	    "incident closed", "closed the incident", "was fixed",
	    "were fixed", "is fixed", "issue fixed", "marked resolved",
	    "declared resolved", "normal levels", "healthy again",
	    "fully recovered", "closed", "error rate normal",
	    "error rates normal", "errors at zero", "back to baseline",
	    "at baseline", "latency normal", "all good", "backlog drained",
	    "queue drained", "backlog cleared", "backlog processed",
	    "caught up", "back to zero", "at zero", "resume*",
	    "backfill complete*", "queue empty", "queue is empty", "solved",
	    "up and running", "site is up", "website is up", "site back up",
	    "website back up", "is back up", "was back up", "came back up",
	    "comes back up", "fully functional", "functional again",
	    "live again", "accessible again", "available again",
	    "online again", "operational again", "working fine",
	    "working properly", "running normally", "running properly",
	    "loading properly", "loading normally", "loads normally",
	    "loads properly",
	    "working as expected", "works again", "everything works",
	    "everything is working", NULL } },
	{ TK_MITIGATED, SAME, { "mitigat*", "rollback*", "roll back",
	    "rolled back", "rolling back", "rolls back", "revert*",
	    "restart*", "reboot*", "failover", "fail over", "failed over",
	    "hotfix*", "hot fix", "workaround*", "work around", "scaled",
	    "scale up", "scale out", "scaling up", "scaling out",
	    "added capacity", "temporar*", "alleviat*", "implement*",
	    "applied", "deployed to", "was deployed", "were deployed",
	    "deployed a", "deployed the", "deployed fix", "patch*",
	    "refactor*", "flushed", "cleared the", "killed", "disabl*",
	    "drained", "throttl*", "rate limit*", "fix", "fixes", "rerouted",
	    "redirected traffic", "blocked the", "blocks the", "block the",
	    "purge", "purged", "increased the", "suspend*", "deleted the",
	    "deletes the", "deployed", "deploys",
	    "switched off", "turned off", "paused", "pause", "pauses",
	    "terminated", "enabled", "lowered", "raised the", "stops the",
	    "stopped the", "stop the", "halted", "switched back",
	    "cancelled", "canceled", "failed back", "fail back", "moved back",
	    "pointed back", "put back", "capped", "re run*", "rerun*",
	    "reran", "corrected", "fixed the", "fixed a", "fixed it",
	    "edited the", "modified the", "raised from", "increased from",
	    "bumped", NULL } },
	{ TK_ESCALATED, SAME, { "escalat*", "paged the", "paged in",
	    "called in", "brought in", "looped in", "pulled in", "engaged",
	    "war room", "incident commander", "declared an incident",
	    "declared a sev*", "incident declared", "declares an incident",
	    "declares a sev*", "notified the", "contacted", "handed over",
	    "handed off", "raised to sev*", "raised to p0", "raised to p1",
	    "raised to p2", "incident raised", "reached out", NULL } },
	{ TK_DETECTED, TK_ESCALATED, { "paged", "pager", "pages the",
	    "paging the", "page the", "page on call", "page security",
	    "page the on call", NULL } },
	{ TK_DETECTED, SAME, { "alert*", "detect*", "monitoring", "flagged",
	    "triggered", "fired", "first sign*", NULL } },
	{ TK_DETECTED, SKIP, { "reported", "users reporting",
	    "customers reporting", "are reporting", "were reporting",
	    "started reporting", "reporting errors", "reporting issues",
	    "reporting problems", "reports of",
	    "reports it", "report that", "reports that", "complain*",
	    "customer support", "support team", "customer report*",
	    "can't load", "cannot load", "couldn't load", "messages the",
	    "messaged", "emailed", "tweet*", "phoned", "called us",
	    "told us", "reports", "support channel", NULL } },
	{ TK_DETECTED, SKIP, { "noticed", "notices", "spotted",
	    "observed", "saw", "sees", NULL } },
	{ TK_INVESTIGATED, SAME, { "investigat*", "check", "checks",
	    "checked", "checking", "look*", "review*", "analy*", "examin*",
	    "diagnos*", "identif*", "discover*", "found", "finds", "traced",
	    "debug*", "inspect*", "confirm*", "revealed", "determined",
	    "focus*", "query*", "logs", "tested", "verif*", "narrowed",
	    "root cause", "show", "shows", "showed", "noticed", "notices",
	    "spotted", "observed", "saw", "sees", "dashboard*", "traces",
	    "sampling", "profiling", "profiler", "profiled", "leads back",
	    "decision", "decided", "decides", "stack trace*", NULL } },
};

static const char *const kind_names[] = {
	"detected", "investigated", "misleading", "escalated", "mitigated",
	"resolved", "other"
};

/* Last words that say the incident is over: "Latency and error rates
 * normal.", "Error rate back to 0.2%. Resolved." */
static const char *const over[] = {
	"normal", "normally", "resolved", "closed", "recovered", "healthy",
	"restored", "done", "fixed", NULL
};

/* Symptoms, and the words after them that say they ended ("errors
 * stop", "the 503s are gone", "deadlocks have stopped"). */
static const char *const symptoms[] = {
	"errors", "error rate", "error rates", "timeouts", "deadlocks",
	"failures", "5xx*", "500s", "502s", "503s", "504s", "crashes",
	"evictions", "retries", "alerts", "error reports", "complaints",
	NULL
};

static const char *const symptom_ends[] = {
	"stop*", "cease*", "disappear*", "subside*", "gone", "vanish*",
	"back to normal", "back to baseline", NULL
};

static const char *const fillers[] = {
	"are", "is", "have", "has", "had", "all", "finally", "completely",
	NULL
};

/* Words that deny what follows them in their clause. */
static const char *const denials[] = {
	"no", "not", "nobody", "no one", "none", "never", "without",
	"before anyone", "before anybody", "before any", "didn't", "doesn't",
	"don't", "hasn't", "haven't", "isn't", "wasn't", "weren't",
	"won't", "cannot", "can't", "instead of", "rather than",
	"fails to", "failed to", "unable to", "yet to", "nothing",
	/* what a check looked for, not what happened ("Ensuring Apache is
	 * up and running", "a check revealed that the server was working
	 * properly" while the site was down) */
	"ensuring", "making sure", "to see if", "to see whether", "whether",
	"revealed that", NULL
};

/* Words that deny what comes just before them ("the alert did not
 * fire"). */
static const char *const denials_after[] = {
	"did not", "didn't", "does not", "doesn't", "never", "failed to",
	"fails to", NULL
};

/* Words that open a clause that is said again ("not X but Y"). */
static const char *const clause_openers[] = {
	"but", "however", "while", "although", "though", "then", NULL
};

static int
clause_break(int c)
{
	return c == '.' || c == ';' || c == ':' || c == ',' || c == '!' ||
	    c == '?' || c == '(' || c == ')';
}

static int
word_in(const char *s, size_t len, size_t i, const char *const *words)
{
	for (const char *const *w = words; *w; w++)
		if (x_phrase_at(s, len, i, *w))
			return 1;
	return 0;
}

/* Is the word at [at, end) denied: by a denial earlier in its clause
 * (at most six words back), or by one of denials_after right after it? */
static int
denied(const char *s, size_t len, size_t at, size_t end)
{
	size_t i = at, k;
	int words = 0;

	while (i > 0 && words < 6) {
		while (i > 0 && s[i - 1] == ' ')
			i--;
		if (i == 0 || clause_break((unsigned char)s[i - 1]))
			break;
		while (i > 0 && s[i - 1] != ' ' &&
		    !clause_break((unsigned char)s[i - 1]))
			i--;
		if (word_in(s, at, i, clause_openers))
			break;
		if (word_in(s, at, i, denials))
			return 1;
		words++;
	}
	for (k = end; k < len && s[k] == ' '; k++)
		;
	return word_in(s, len, k, denials_after);
}

static size_t
bucket_of(int b0, int b1)
{
	return (size_t)(b0 & 31) << 5 | (size_t)(b1 & 31);
}

#define ANY_SECOND 31
#define MAX_HELD 64

/* What an entry says, row by row: the words of each row found in it,
 * whose denial is read only when the row's turn comes (a row found said
 * ends the reading, and most entries are decided by an early row). */
struct said {
	const struct xkinds *k;
	const char *s;
	size_t len;
	unsigned yes, no;		/* rows known said, known not */
	size_t nheld;
	struct { unsigned short at, end; unsigned char row; } held[MAX_HELD];
};

static void
try_bucket(struct said *sd, size_t i, size_t b)
{
	const struct xkinds *k = sd->k;

	for (size_t j = k->first[b]; j < k->first[b + 1]; j++) {
		size_t w = k->by_bucket[j], e;
		unsigned r = k->row_of[w];

		if ((sd->yes & 1u << r) || (e = x_phrase_at(sd->s, sd->len, i,
		    k->words[w])) == 0)
			continue;
		/* the misleading row is made of denials: a word of it is
		 * said whatever comes before it */
		if (kinds[r].kind == TK_MISLEADING)
			sd->yes |= 1u << r;
		else if (sd->nheld < MAX_HELD) {
			sd->held[sd->nheld].at = (unsigned short)i;
			sd->held[sd->nheld].end = (unsigned short)e;
			sd->held[sd->nheld++].row = (unsigned char)r;
		} else if (!denied(sd->s, sd->len, i, e)) {
			sd->yes |= 1u << r;
		}
	}
}

/* Find the words of every row in s (len < 65536). */
static void
said_scan(struct said *sd, const struct xkinds *k, const char *s,
    size_t len)
{
	sd->k = k, sd->s = s, sd->len = len;
	sd->yes = sd->no = 0;
	sd->nheld = 0;
	for (size_t i = 0; i < len; i++) {
		int b1 = i + 1 < len ? (unsigned char)s[i + 1] : 0;
		size_t two = bucket_of((unsigned char)s[i], b1);
		size_t any = bucket_of((unsigned char)s[i], ANY_SECOND);

		if (i > 0 && x_alnum((unsigned char)s[i - 1]))
			continue;
		if (two != any)
			try_bucket(sd, i, two);
		try_bucket(sd, i, any);
	}
}

/* Is a word of row r said (not denied) in the scanned entry? */
static int
said(struct said *sd, unsigned r)
{
	unsigned bit = 1u << r;

	if (sd->yes & bit)
		return 1;
	if (sd->no & bit)
		return 0;
	for (size_t h = 0; h < sd->nheld; h++)
		if (sd->held[h].row == r && !denied(sd->s, sd->len,
		    sd->held[h].at, sd->held[h].end)) {
			sd->yes |= bit;
			return 1;
		}
	sd->no |= bit;
	return 0;
}

/* A reporter telling us, within four words ("customers in chat say"). */
static int
reporter_tells(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		size_t k, e = 0;

		if (i > 0 && x_alnum((unsigned char)s[i - 1]))
			continue;
		for (const char *const *w = reporters; *w && !e; w++)
			e = x_phrase_at(s, len, i, *w);
		if (e == 0 || denied(s, len, i, e))
			continue;
		for (int n = 0; n < 4; n++) {
			while (e < len && x_alnum((unsigned char)s[e]))
				e++;
			for (k = e; k < len && s[k] == ' '; k++)
				;
			if (k == e || k >= len)
				break;
			if (word_in(s, len, k, telling))
				return 1;
			e = k;
		}
	}
	return 0;
}

/* A symptom said to have ended ("errors stop", "503s are gone"). */
static int
symptom_over(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		size_t e = 0, k;

		if (i > 0 && x_alnum((unsigned char)s[i - 1]))
			continue;
		for (const char *const *w = symptoms; *w && !e; w++)
			e = x_phrase_at(s, len, i, *w);
		if (e == 0 || denied(s, len, i, e))
			continue;
		for (int n = 0; n < 3; n++) {
			for (k = e; k < len && s[k] == ' '; k++)
				;
			if (word_in(s, len, k, symptom_ends))
				return 1;
			if (!word_in(s, len, k, fillers))
				break;
			while (k < len && x_alnum((unsigned char)s[k]))
				k++;
			e = k;
		}
	}
	return 0;
}

/* Does the entry end on a word that says it is over, not denied? */
static int
ends_over(const char *s, size_t len)
{
	size_t e = len, w;

	while (e > 0 && !x_alnum((unsigned char)s[e - 1]))
		e--;
	for (w = e; w > 0 && x_alnum((unsigned char)s[w - 1]); w--)
		;
	for (const char *const *p = over; *p; p++)
		if (x_phrase_at(s, e, w, *p) == e)
			return !denied(s, len, w, e);
	return 0;
}

/* Is s[i] an upper-case log level that opens a log message ("ERROR:",
 * "PANIC:", "[WARN]")?  Returns its end, or 0. */
static size_t
log_level(const char *s, size_t len, size_t i)
{
	static const char *const levels[] = {
		"ERROR", "FATAL", "PANIC", "WARN", "WARNING", "CRITICAL",
		"EXCEPTION", "SEVERE"
	};

	/* the first letters of the levels: this runs at every byte */
	if (i >= len || memchr("EFPWCS", s[i], 6) == NULL ||
	    (i > 0 && x_alnum((unsigned char)s[i - 1])))
		return 0;
	for (size_t k = 0; k < XCOUNT(levels); k++) {
		size_t n = strlen(levels[k]);

		if (i + n < len && memcmp(s + i, levels[k], n) == 0 &&
		    (s[i + n] == ':' || s[i + n] == ']'))
			return i + n + 1;
	}
	return 0;
}

/*
 * s with what is quoted rather than said blanked out: code spans, double
 * quotes, and a log message from its level to the end of its sentence.
 * Writes n bytes to buf.
 */
static void
unquote(char *buf, const char *s, size_t n)
{
	int code = 0, quote = 0;
	size_t i, e;

	for (i = 0; i < n; i++) {
		if (s[i] == '`' && !quote)
			code = !code;
		else if (s[i] == '"' && !code)
			quote = !quote;
		buf[i] = code || quote || s[i] == '`' || s[i] == '"' ? ' ' :
		    s[i];
	}
	for (i = 0; i < n; i++) {
		if ((e = log_level(buf, n, i)) == 0)
			continue;
		e = x_sentence_end(buf, n, e);
		memset(buf + i, ' ', e - i);
		i = e;
	}
}

_Static_assert(XCOUNT(kinds) == XK_ROWS, "XK_ROWS counts the rows");

_Static_assert(XK_ROWS <= 32, "a row is a bit of an unsigned");

static size_t
word_bucket(const char *w)
{
	int b1 = (unsigned char)w[0] ? (unsigned char)w[1] : 0;

	return bucket_of((unsigned char)w[0], x_alnum(b1) ? b1 : ANY_SECOND);
}

void
x_kinds_init(struct xkinds *k)
{
	size_t n = 0, count[XK_BUCKETS] = { 0 };

	memset(k->first, 0, sizeof(k->first));
	for (size_t r = 0; r < XK_ROWS; r++)
		for (size_t w = 0; kinds[r].words[w]; w++) {
			k->words[n] = kinds[r].words[w];
			k->row_of[n] = (unsigned char)r;
			k->first[word_bucket(k->words[n++]) + 1]++;
		}
	for (size_t b = 1; b <= XK_BUCKETS; b++)
		k->first[b] += k->first[b - 1];
	/* a stable counting sort: each bucket in row order */
	for (size_t w = 0; w < n; w++) {
		size_t b = word_bucket(k->words[w]);

		k->by_bucket[k->first[b] + count[b]++] = (unsigned short)w;
	}
}

int
x_timeline_kind(const struct xkinds *k, const char *s, size_t len,
    int flags)
{
	int detected_before = flags & XK_DETECTED_BEFORE;
	char buf[512];
	size_t n = len < sizeof(buf) ? len : sizeof(buf) - 1;

	struct said sd;

	unquote(buf, s, n);
	buf[n] = '\0';
	said_scan(&sd, k, buf, n);
	if ((ends_over(buf, n) || symptom_over(buf, n)) && !said(&sd, 0))
		return TK_RESOLVED;
	for (size_t r = 0; r < XCOUNT(kinds); r++) {
		int kind = kinds[r].kind;

		if ((kind == TK_MITIGATED || kind == TK_INVESTIGATED) &&
		    (flags & XK_NOT_RESPONDING))
			continue;
		if (detected_before && kinds[r].after != SAME) {
			if (kinds[r].after == SKIP)
				continue;
			kind = kinds[r].after;
		}
		if (said(&sd, (unsigned)r))
			return kind;
		/* after the reports of row 2b: a reporter telling us */
		if (r == 2 && !detected_before && reporter_tells(buf, n))
			return TK_DETECTED;
	}
	return TK_OTHER;
}

const char *
x_timeline_kind_name(int kind)
{
	return kind >= 0 && kind <= TK_OTHER ? kind_names[kind] : "other";
}
