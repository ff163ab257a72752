/*
 * extract_narrative.c: the entries of a timeline written as running
 * prose, where a time in the middle of a sentence can start an event
 * ("... and at 14:07 UTC the on-call issued a rollback"); the rest of the
 * timeline is extract_timeline.c's.  A story with no timeline but its
 * paragraphs has its events read here too (x_tl_story).
 */
#include "extract_tl.h"

/* Is the entry at s[p] set off from its text by a colon ("12:09pm EAT:
 * Issue was handled"), text its text's offset from p? */
static int
colon_led(const char *s, size_t p, size_t text)
{
	while (text > 0 && s[p + text - 1] == ' ')
		text--;
	return text > 0 && s[p + text - 1] == ':';
}

/* How a line's entries are set off from their text: by a colon, or by
 * nothing but a capital or a number ("10:30 AM Outage begins 10:40 AM
 * Error logs checked 10:49 AM 100% restored"), as entries pasted onto
 * one line run; LED_NONE for neither. */
enum { LED_NONE, LED_COLON, LED_CAPITAL };

static int
led_by(const struct xline *l, size_t p, size_t text)
{
	const char *s = l->s;
	size_t e = p + text;

	if (colon_led(l->t, p, text))
		return LED_COLON;
	if (e >= l->len || !((s[e] >= 'A' && s[e] <= 'Z') ||
	    (s[e] >= '0' && s[e] <= '9')))
		return LED_NONE;
	/* only blanks after the time: not "**9:30 AM** — Hana" or
	 * "entries at 12:38. Server clock checked" */
	while (e > p && s[e - 1] == ' ')
		e--;
	return e > p && e < p + text && x_alnum((unsigned char)s[e - 1]) ?
	    LED_CAPITAL : LED_NONE;
}

/*
 * Where the entry after the one whose text starts at s[from] starts: a
 * sentence that opens with a time, also after the "- " of bullets run
 * together on one line ("... began troubleshooting. - 11:00 AM: ..."),
 * or, when the line's entries are set off by a colon or a capital (led,
 * led_by()), a time set off the same way anywhere ("... only one server
 * responded 12:09pm EAT: Issue was handled ..."), a writer having left
 * out the full stops.  *cut is where the text before it ends; l->len
 * when there is none.
 */
static size_t
next_entry(const struct xtl *t, const struct xline *l, size_t from,
    int led, struct pm_when *w, int *mer, size_t *text, size_t *cut)
{
	const char *s = l->s;
	size_t i, e, k;

	for (i = from; i < l->len; i = e) {
		e = x_sentence_end(s, l->len, i);
		if (e <= i)
			break;
		for (k = i + 1; led != LED_NONE && k < e; k++)
			if (s[k - 1] == ' ' && s[k] >= '0' && s[k] <= '9' &&
			    x_entry_at(l->t + k, l->len - k, w, mer, text) &&
			    w->hour >= 0 && led_by(l, k, *text) == led) {
				*cut = k;
				return k;
			}
		if (e >= l->len)
			break;
		k = x_skip_blanks(s, l->len, e);
		if (k + 1 < l->len && s[k] == '-' && s[k + 1] == ' ')
			k = x_skip_blanks(s, l->len, k + 1);
		if (!(x_alnum((unsigned char)s[k]) &&
		    !(s[k] >= 'a' && s[k] <= 'z')) ||
		    !x_entry_at(l->t + k, l->len - k, w, mer, text) ||
		    w->hour < 0)
			continue;
		/* "- 11:20 — ... By 13:00 the same crash is confirmed": in
		 * a list item, what was so by a time is the item's news,
		 * not a step of its own */
		if (l->kind == XL_ITEM && x_phrase_at(s, l->len, k, "by"))
			continue;
		/* under bold times, a sentence opening with a bare time is
		 * the next bold one ("... ticket. **7:38am** The alert"),
		 * and "By 16:50 searches had tripled" is still the story */
		if (t->para_led == 2 && (s[k] < '0' || s[k] > '9'))
			continue;
		*cut = e;
		return k;
	}
	return l->len;
}

/*
 * "nginx: configuration file test failed 12:14pm EAT: She then opened
 * the file": entries run together go on past the log they quote, on the
 * quote's line, the first time set off by a colon.  Where that time is
 * in a line of the timeline section after entries, else 0.
 */
static size_t
resumed_at(const struct xtl *t, const struct xline *l, size_t from)
{
	struct pm_when w;
	size_t text;
	int mer;

	/* a nested item is a detail of the entry above ("Decision
	 * recorded at 08:35: accept ...") */
	if (t->n < 2 || l->sec != SEC_TIMELINE ||
	    (l->kind == XL_ITEM && l->level > 1))
		return 0;
	for (size_t k = from + 1; k < l->len; k++)
		if (l->s[k - 1] == ' ' && l->s[k] >= '0' && l->s[k] <= '9' &&
		    x_entry_at(l->t + k, l->len - k, &w, &mer, &text) &&
		    w.hour >= 0 && colon_led(l->t, k, text))
			return k;
	return 0;
}

/*
 * The entries of l from offset from on: the one that starts there (or,
 * resumed_at(), after a quote), and every later one next_entry() finds
 * ("At 13:58 UTC the team found ..."), as narrative timelines are
 * written.  Returns how many.
 */
int
x_tl_sentences(struct xtl *t, const struct xline *l, size_t from)
{
	struct pm_when w, w2;
	size_t text, text2, at, k, cut;
	int mer, mer2, n = 0, led;

	if (!x_entry_at(l->t + from, l->len - from, &w, &mer, &text) &&
	    ((from = resumed_at(t, l, from)) == 0 ||
	    !x_entry_at(l->t + from, l->len - from, &w, &mer, &text)))
		return 0;
	led = led_by(l, from, text);
	at = from + text;
	while ((k = next_entry(t, l, at, led, &w2, &mer2, &text2,
	    &cut)) < l->len) {
		x_tl_push(t, l, &w, mer, l->s + at, cut - at);
		n++;
		w = w2;
		mer = mer2;
		at = k + text2;
	}
	x_tl_push(t, l, &w, mer, l->s + at, l->len - at);
	return n + 1;
}

/* Words before a time in running text that make it the time of an event
 * ("was done at 13:40", "and by 10:30 the queue drained"). */
static const char *const event_leads[] = {
	"at", "around", "about", "approximately", "approx", "by",
	"at around", "at about", "at approximately", "shortly after", NULL
};

/* Words before "by" a time that make it a deadline, not an event
 * ("drivers are due on the road by 6:30"). */
static const char *const deadline_words[] = {
	"due", "must", "should", "expected", "supposed", "promised", NULL
};

/* Words before a time that make it what was planned, not an event ("The
 * migration was planned to finish at 19:45. It never finished."). */
static const char *const plan_words[] = {
	"planned to", "scheduled to", "planned for", "scheduled for",
	"due to start", "due to finish", "due to end", NULL
};

/* Words before a time that make it a bound, not an event. */
static const char *const bound_words[] = {
	"until", "till", "since", "from", "to", "between", "through",
	"before", "after", "than", NULL
};

/* The start of the word before s[i] (across blanks), or i. */
static size_t
word_before(const char *s, size_t i)
{
	size_t k = i;

	while (k > 0 && s[k - 1] == ' ')
		k--;
	while (k > 0 && x_alnum((unsigned char)s[k - 1]))
		k--;
	return k;
}

/* Is s[at] inside parentheses opened after from? */
static int
in_parens(const char *s, size_t from, size_t at)
{
	int open = 0;

	for (size_t i = from; i < at; i++)
		open += s[i] == '(' ? 1 : s[i] == ')' && open ? -1 : 0;
	return open > 0;
}

/* Is s[at] inside double quotes opened after from?  A quoted message
 * ("I submitted at 22:10 and it says late") is what someone said, and
 * its times are not events of the timeline. */
static int
in_quotes(const char *s, size_t from, size_t at)
{
	int open = 0, curly = 0;

	for (size_t i = from; i < at; i++) {
		if (s[i] == '"')
			open = !open;
		else if (s[i] == '\xe2' && i + 2 < at && s[i + 1] == '\x80')
			curly += s[i + 2] == '\x9c' ? 1 :
			    s[i + 2] == '\x9d' && curly ? -1 : 0;
	}
	return open || curly > 0;
}

/* Cut [text, end) of l off as an entry at w, without a dangling "and". */
static void
tl_cut(struct xtl *t, const struct xline *l, const struct pm_when *w,
    size_t text, size_t end)
{
	static const char *const tails[] = { "and", "so", "then", "but" };
	size_t k;

	for (;;) {
		while (end > text && (l->s[end - 1] == ' ' ||
		    l->s[end - 1] == ','))
			end--;
		k = word_before(l->s, end);
		for (size_t i = 0; i < XCOUNT(tails); i++)
			if (k >= text && k < end && x_phrase_at(l->s, end, k,
			    tails[i]) == end)
				goto trim;
		break;
trim:
		end = k;
	}
	if (end > text)
		x_tl_push(t, l, w, w->meridiem >= 0, l->s + text, end - text);
}

/*
 * A paragraph of a narrative timeline, cut into an entry at each time an
 * event happened: a time that opens a sentence ("At 13:58 the alert
 * ..."), or one after "at", "around", "by" in the middle of one ("...
 * he wrote to them and at 14:20 the provider answered").  An entry starts
 * with the sentence of its time, or, when an earlier entry already
 * started in that sentence, with the words that lead to its time; text
 * before the first time belongs to the first entry.  Times after "until",
 * "since", "from" and the like, and times in parentheses or quotes, are
 * bounds, asides or what someone said, not events, except "until 09:18,
 * when" a thing happened.  With per_sentence, a sentence holds one entry
 * at most: where every paragraph opens with its time, "At 09:10 response
 * times began to climb, and by 09:14 most requests were timing out" is
 * one event and how it went on.  Returns how many entries were made.
 */
int
x_tl_narrative(struct xtl *t, const struct xline *l, size_t from,
    int per_sentence)
{
	struct pm_when w, w2, cw[32];
	size_t cut[32], pos = from, at, n, ss, se, k, lead, txt, stamp;
	int ncut = 0, mer, when, colon;

	/* "12:00pm EAT: Issue was detected. ... to the requests 12:09pm
	 * EAT: Issue was handled": in a line of entries set off by a colon,
	 * a time set off the same way opens one, full stop or not; and
	 * such entries go on after a log they quote (resumed_at()) */
	if (!x_entry_at(l->t + from, l->len - from, &w2, &mer, &txt) &&
	    (k = resumed_at(t, l, from)) != 0)
		from = k;
	colon = x_entry_at(l->t + from, l->len - from, &w2, &mer, &txt) &&
	    colon_led(l->t, from, txt);
	stamp = colon ? from + txt : from;	/* "10:10 - 10:45 AM:" */
	while (pos < l->len && ncut < 32 && pm_when_find(&w, &at, &n,
	    l->t + pos, l->len - pos)) {
		at += pos;
		pos = at + n;
		if (w.hour < 0)
			continue;
		for (ss = from; (se = x_sentence_end(l->s, l->len, ss)) <= at &&
		    se > ss; ss = se)
			while (se < l->len && l->s[se] == ' ')
				se++, ss = se;
		k = word_before(l->s, at);
		lead = at;
		for (const char *const *p = event_leads; *p; p++)
			if (x_phrase_at(l->s, at, k, *p))
				lead = k;
		/* "nobody noticed until 09:18, when a merchant called": the
		 * clause after the time tells what happened at it */
		when = at + n < l->len && l->s[at + n] == ',' &&
		    x_phrase_at(l->s, l->len, x_skip_blanks(l->s, l->len,
		    at + n + 1), "when") && (x_phrase_at(l->s, at, k,
		    "until") || x_phrase_at(l->s, at, k, "till"));
		if (when)
			lead = k;
		/* a time set off by a colon opens its entry, as a sentence
		 * would; no word before it leads it */
		if (colon && at > ss && at >= stamp && l->s[at - 1] == ' ' &&
		    x_entry_at(l->t + at, l->len - at, &w2, &mer, &txt) &&
		    colon_led(l->t, at, txt))
			ss = lead = at;
		if ((lead == at && at != ss) || in_parens(l->s, ss, at) ||
		    in_quotes(l->s, from, at))
			continue;
		if (lead < at && ((x_phrase_at(l->s, at, lead, "by") &&
		    x_find_any(l->s + ss, lead - ss, deadline_words, NULL)) ||
		    x_find_any(l->s + ss, lead - ss, plan_words, NULL)))
			continue;
		/* "until about 1 a.m.": a bound with its lead */
		for (const char *const *p = bound_words; *p && lead > ss &&
		    !when; p++)
			if (x_phrase_at(l->s, lead, word_before(l->s, lead),
			    *p))
				lead = at;
		if ((lead == at && at != ss) || (per_sentence && ncut > 0 &&
		    cut[ncut - 1] >= ss))
			continue;
		cut[ncut] = ncut > 0 && cut[ncut - 1] >= ss ? lead : ss;
		cw[ncut++] = w;
	}
	if (ncut == 0 || (ncut == 1 && x_entry_at(l->t + from, l->len - from,
	    &w, &mer, &txt)))
		return 0;	/* one entry: the line's own reading */
	cut[0] = from;
	for (int i = 0; i < ncut; i++) {
		size_t end = i + 1 < ncut ? cut[i + 1] : l->len;

		txt = cut[i];
		if (x_entry_at(l->t + txt, end - txt, &w, &mer, &n))
			txt += n;
		tl_cut(t, l, &cw[i], txt, end);
	}
	return ncut;
}

/*
 * A postmortem told as a story has no timeline but its paragraphs: each
 * time an event happened in them, at a sentence's start or after "at",
 * "by", "around" in its middle, is an entry (x_tl_narrative), while the
 * window's bounds ("from 04:10 to 06:55") and times in quotes are not,
 * nor are the times of a cause section (the days before, "Monday's run
 * finished at 6:10"), nor lines that open with one of notes ("All times
 * COT.").  Read only where no section and no run of time-led lines made
 * one.  Returns how many entries it made.
 */
size_t
x_tl_story(struct xtl *t, const char *const *notes)
{
	struct xdoc *d = t->d;
	size_t made = 0;
	int n;

	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];

		if (l->sec == SEC_TASKS || l->sec == SEC_CORRECTIVE ||
		    l->sec == SEC_ROOT || l->kind != XL_PARA || l->quoted ||
		    l->line == d->rep->title_line ||
		    (l->head && l->content >= l->len) ||
		    x_phrase_at_any(l->s, l->len, 0, notes))
			continue;
		n = x_tl_narrative(t, l, l->head ? l->content : 0, 0);
		if (n == 0)
			n = x_tl_sentences(t, l, l->head ? l->content : 0);
		made += (size_t)n;
	}
	return made;
}

/* How many paragraphs the entries come from.  A story's events are told
 * across it, or are many: a short account that names a few times in two
 * or three paragraphs has no timeline (a blog post's "paged at 4:31 ...
 * restored at 6:05"). */
int
x_tl_paragraphs(const struct xtl *t)
{
	int n = 0;

	for (size_t i = 0; i < t->n; i++)
		n += i == 0 || t->block[i] != t->block[i - 1];
	return n;
}
