/*
 * check.c: the review rules of `pmsite check` in their table, the rules
 * about sections, values and their consistency, and the run that sorts
 * what they find.  The rules that read the prose are in check_text.c.
 */
#include "check_int.h"
#include "buf.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* The format asks for 400 to 600 words. */
#define WORDS_MIN 400
#define WORDS_MAX 600

/* A stated duration may differ from end - start by this much. */
#define DURATION_SLACK_MINUTES 5
#define DURATION_SLACK_PERCENT 5

/* A task shorter than this many words says too little to act on. */
#define TASK_WORDS_MIN 3

void
ck_add(struct pm_check *c, int line, const char *fmt, ...)
{
	struct pm_buf b = PM_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	pm_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 8;
		c->v = pm_xrealloc(c->v, pm_xmul(c->cap, sizeof(*c->v)));
	}
	c->v[c->n].line = line > 0 ? line : 1;
	c->v[c->n].rule = c->rule;
	c->v[c->n].seq = c->n;
	c->v[c->n].text = pm_buf_detach(&b, NULL);
	c->n++;
}

/* The first line of a front matter key, 0 when it is not there. */
int
ck_front_line(const struct pm_incident *inc, const char *key)
{
	const struct pm_value *v = pm_value_map_get(inc->front, key);

	return v ? v->line : 0;
}

/* The first of the lines that is known, else 0. */
int
ck_first_known(int a, int b, int c)
{
	return a > 0 ? a : b > 0 ? b : c;
}

static int
summary_at(const struct pm_check *c)
{
	return c->rep->sections.issue_summary;
}

/* "2024-03-05 14:30" of an ISO 8601 time; any other text as it is. */
static void
put_time(struct pm_buf *out, const char *iso)
{
	if (strlen(iso) >= 16 && iso[10] == 'T')
		pm_buf_printf(out, "%.10s %.5s", iso, iso + 11);
	else
		pm_buf_puts(out, iso);
}

static void
put_minutes(struct pm_buf *out, long m)
{
	if (m >= 60 && m % 60)
		pm_buf_printf(out, "%ld h %ld min", m / 60, m % 60);
	else if (m >= 60)
		pm_buf_printf(out, "%ld h", m / 60);
	else
		pm_buf_printf(out, "%ld min", m);
}

/* Does an ISO 8601 time carry its offset ("Z", "+02:00")? */
static int
has_offset(const char *iso)
{
	size_t len = iso ? strlen(iso) : 0;

	return len > 16 && (iso[len - 1] == 'Z' || (len > 6 &&
	    (iso[len - 6] == '+' || iso[len - 6] == '-') &&
	    iso[len - 3] == ':'));
}

/* Sections ---------------------------------------------------------------- */

/*
 * A missing section is reported where it would go: at the heading of the
 * next section of the format that is there, else at line 1.
 */
static int
section_slot(const struct pm_check *c, int order)
{
	const int lines[] = {
		c->rep->sections.issue_summary, c->rep->sections.timeline,
		c->rep->sections.root_cause,
		c->rep->sections.corrective_measures,
		c->rep->sections.task_list
	};

	for (int i = order + 1; i < (int)CK_COUNT(lines); i++)
		if (lines[i] > 0)
			return lines[i];
	return 1;
}

static void
rule_section_summary(struct pm_check *c)
{
	if (!c->inc->sections.issue_summary)
		ck_add(c, section_slot(c, 0), "no \"Issue Summary\" section: "
		    "the duration with start and end times, the impact and "
		    "the root cause, for readers in a hurry");
}

static void
rule_section_timeline(struct pm_check *c)
{
	if (!c->inc->sections.timeline)
		ck_add(c, section_slot(c, 1), "no \"Timeline\" section: "
		    "\"- 14:30 UTC - what happened\", from detection to "
		    "resolution");
}

static void
rule_section_root_cause(struct pm_check *c)
{
	if (!c->inc->sections.root_cause)
		ck_add(c, section_slot(c, 2), "no \"Root Cause and "
		    "Resolution\" section: what caused the issue and how it "
		    "was fixed, in detail");
}

static void
rule_section_corrective(struct pm_check *c)
{
	if (!c->inc->sections.corrective_measures)
		ck_add(c, section_slot(c, 3), "no \"Corrective and "
		    "Preventative Measures\" section: what to improve so that "
		    "it does not happen again");
}

static void
rule_tasks(struct pm_check *c)
{
	if (!c->inc->sections.task_list && c->inc->naction_items == 0)
		ck_add(c, ck_first_known(c->rep->sections.corrective_measures,
		    1, 1), "no task list: concrete tasks such as \"- [ ] add "
		    "an alert on database CPU\"");
}

/* Missing values ---------------------------------------------------------- */

static void
rule_duration(struct pm_check *c)
{
	if (c->inc->duration_minutes == PM_UNKNOWN)
		ck_add(c, summary_at(c), "the duration is not stated "
		    "(\"Duration: 2 hours 15 minutes\")");
}

static void
rule_start_time(struct pm_check *c)
{
	if (c->inc->start == NULL && c->rep->start_line == 0)
		ck_add(c, summary_at(c), "no start time (\"Start: 2024-03-05 "
		    "14:30 UTC\")");
}

static void
rule_end_time(struct pm_check *c)
{
	if (c->inc->end == NULL && c->rep->end_line == 0)
		ck_add(c, summary_at(c), "no end time (\"End: 2024-03-05 "
		    "16:45 UTC\")");
}

static void
rule_timezone(struct pm_check *c)
{
	const struct pm_incident *inc = c->inc;
	int timed = inc->start || inc->end || c->rep->start_line ||
	    c->rep->end_line;

	if (timed && inc->timezone == NULL && !has_offset(inc->start) &&
	    !has_offset(inc->end))
		ck_add(c, ck_first_known(c->rep->start_line, ck_front_line(inc,
		    "start"), summary_at(c)), "the times have no time zone "
		    "(\"14:30 UTC\", \"09:30 EST\")");
}

static void
rule_summary_times(struct pm_check *c)
{
	const char *src = c->rep->times_source;

	if (c->inc->sections.issue_summary && src &&
	    strcmp(src, "timeline") == 0)
		ck_add(c, summary_at(c), "the issue summary gives no start and "
		    "end times (they were taken from the timeline)");
}

static void
rule_impact(struct pm_check *c)
{
	if (c->inc->impact == NULL)
		ck_add(c, summary_at(c), "the impact is not stated: which "
		    "service was down or slow, and what users saw");
}

static void
rule_impact_percent(struct pm_check *c)
{
	if (isnan(c->inc->impact_percent))
		ck_add(c, ck_first_known(c->rep->impact_line, summary_at(c), 1),
		    "the share of users affected is not stated (\"about 40%% "
		    "of users\")");
}

static void
rule_root_cause(struct pm_check *c)
{
	if (c->inc->root_cause == NULL)
		ck_add(c, ck_first_known(c->rep->sections.root_cause,
		    summary_at(c), 1), "the root cause is not stated");
}

static const char *const cause_words[] = {
	"caus*", "due to", "because", "result of", "resulted from",
	"triggered", "traced to", "stemmed from", "attributed to", "owing to",
	NULL
};

/*
 * The summary names the cause when it says so in words, or when a "Root
 * cause:" line sits inside it (the extractor counts that line as the
 * root cause section, which then opens before the summary's end).
 */
static void
rule_summary_cause(struct pm_check *c)
{
	const struct pm_extract_report *r = c->rep;
	int from = r->sections.issue_summary, to = 0;
	const int later[] = {
		r->sections.timeline, r->sections.corrective_measures,
		r->sections.task_list
	};

	if (!c->inc->sections.issue_summary || c->inc->summary == NULL ||
	    ck_mentions(c->inc->summary, cause_words))
		return;
	for (size_t i = 0; i < CK_COUNT(later); i++)
		if (later[i] > from && (to == 0 || later[i] < to))
			to = later[i];
	if (r->sections.root_cause > from && (to == 0 ||
	    r->sections.root_cause < to))
		return;
	ck_add(c, ck_first_known(summary_at(c), r->summary_line, 1),
	    "the issue summary does not say what caused the incident");
}

/* A timeline of steps without times (extract_said.c) has entries, but
 * none a reader can place. */
static void
rule_timeline_entries(struct pm_check *c)
{
	size_t timed = 0;

	for (size_t i = 0; i < c->inc->ntimeline; i++)
		timed += c->inc->timeline[i].time != NULL;
	if (c->inc->sections.timeline && timed == 0)
		ck_add(c, c->rep->sections.timeline, "the timeline has no "
		    "entry with a time (\"- 14:30 UTC - alert on checkout "
		    "errors\")");
}

/* What the format wants a timeline to tell, and the kinds that tell it. */
static const struct {
	const char *what;
	const char *kinds[3];
} timeline_needs[] = {
	{ "how the issue was detected", { "detected" } },
	{ "what was investigated or done", { "investigated", "mitigated" } },
	{ "which paths misled the investigation", { "misleading" } },
	{ "whom it was escalated to", { "escalated" } },
	{ "how it was resolved", { "resolved" } },
};

static void
rule_timeline_coverage(struct pm_check *c)
{
	const struct pm_incident *inc = c->inc;
	struct pm_buf miss = PM_BUF_INIT;

	if (inc->ntimeline == 0)
		return;
	for (size_t n = 0; n < CK_COUNT(timeline_needs); n++) {
		int found = 0;

		for (size_t i = 0; i < inc->ntimeline && !found; i++)
			for (size_t k = 0; k < 3 && timeline_needs[n].kinds[k];
			    k++)
				found |= inc->timeline[i].kind && strcmp(
				    inc->timeline[i].kind,
				    timeline_needs[n].kinds[k]) == 0;
		if (!found)
			pm_buf_printf(&miss, "%s%s", miss.len ? ", " : "",
			    timeline_needs[n].what);
	}
	if (miss.len)
		ck_add(c, ck_first_known(c->rep->sections.timeline,
		    inc->timeline[0].line, 1), "the timeline does not say %s",
		    pm_buf_cstr(&miss));
	pm_buf_free(&miss);
}

static void
rule_task_concrete(struct pm_check *c)
{
	for (size_t i = 0; i < c->inc->naction_items; i++) {
		const struct pm_action_item *a = &c->inc->action_items[i];

		if (a->text && ck_count_words(a->text) < TASK_WORDS_MIN)
			ck_add(c, a->line, "task \"%s\" is vague: say what to "
			    "do to what (\"add an alert on disk usage\")",
			    a->text);
	}
}

static void
rule_length(struct pm_check *c)
{
	long n = c->inc->word_count;

	if (n != PM_UNKNOWN && (n < WORDS_MIN || n > WORDS_MAX))
		ck_add(c, 1, "%ld word%s: the format asks for %d to %d, brief "
		    "and to the point", n, n == 1 ? "" : "s", WORDS_MIN,
		    WORDS_MAX);
}

/* Consistency ------------------------------------------------------------- */

static void
rule_end_after_start(struct pm_check *c)
{
	const struct pm_incident *inc = c->inc;
	long m = c->rep->computed_duration_minutes;
	struct pm_buf b = PM_BUF_INIT;

	if (m == PM_UNKNOWN || m >= 0)
		return;
	if (inc->start && inc->end) {
		pm_buf_puts(&b, " (");
		put_time(&b, inc->end);
		pm_buf_puts(&b, " < ");
		put_time(&b, inc->start);
		pm_buf_puts(&b, ")");
	}
	ck_add(c, ck_first_known(c->rep->end_line, ck_front_line(inc, "end"),
	    1), "the end is before the start%s", pm_buf_cstr(&b));
	pm_buf_free(&b);
}

static void
rule_duration_matches(struct pm_check *c)
{
	long stated = c->rep->stated_duration_minutes;
	long computed = c->rep->computed_duration_minutes;
	long diff = labs(stated - computed);
	struct pm_buf a = PM_BUF_INIT, b = PM_BUF_INIT;

	if (stated == PM_UNKNOWN || computed == PM_UNKNOWN || computed < 0 ||
	    diff <= DURATION_SLACK_MINUTES ||
	    diff * 100 <= stated * DURATION_SLACK_PERCENT)
		return;
	put_minutes(&a, stated);
	put_minutes(&b, computed);
	ck_add(c, ck_first_known(c->rep->duration_line, summary_at(c), 1),
	    "the stated duration (%s) disagrees with the start and end (%s)",
	    pm_buf_cstr(&a), pm_buf_cstr(&b));
	pm_buf_free(&a);
	pm_buf_free(&b);
}

static void
rule_timeline_order(struct pm_check *c)
{
	const struct pm_incident *inc = c->inc;
	int line = c->rep->timeline_out_of_order;
	struct pm_buf b = PM_BUF_INIT;

	if (line <= 0)
		return;
	for (size_t i = 1; i < inc->ntimeline; i++)
		if (inc->timeline[i].line == line && inc->timeline[i].time &&
		    inc->timeline[i - 1].time) {
			pm_buf_puts(&b, " (");
			put_time(&b, inc->timeline[i].time);
			pm_buf_puts(&b, " after ");
			put_time(&b, inc->timeline[i - 1].time);
			pm_buf_puts(&b, ")");
			break;
		}
	ck_add(c, line, "the timeline is out of order: this entry is earlier "
	    "than the one before it%s", pm_buf_cstr(&b));
	pm_buf_free(&b);
}

static void
rule_impact_range(struct pm_check *c)
{
	double p = c->inc->impact_percent;

	if (!isnan(p) && (p < 0 || p > 100))
		ck_add(c, ck_first_known(c->rep->impact_percent_line,
		    ck_front_line(c->inc, "impact_percent"), summary_at(c)),
		    "the share of users affected (%g%%) is not between 0 and "
		    "100", p);
}

/* The table ---------------------------------------------------------------- */

static const struct pm_check_rule rules[] = {
	{ "section-summary", rule_section_summary,
	  "an \"Issue Summary\" section", PM_CHECK_SECTION },
	{ "duration", rule_duration,
	  "the duration of the outage", PM_CHECK_MISSING },
	{ "start-time", rule_start_time,
	  "the start time", PM_CHECK_MISSING },
	{ "end-time", rule_end_time,
	  "the end time", PM_CHECK_MISSING },
	{ "timezone", rule_timezone,
	  "a time zone for the times", PM_CHECK_MISSING },
	{ "summary-times", rule_summary_times,
	  "start and end times in the summary, not only in the timeline",
	  PM_CHECK_MISSING },
	{ "impact", rule_impact,
	  "the impact: what was down or slow, what users saw",
	  PM_CHECK_MISSING },
	{ "impact-percent", rule_impact_percent,
	  "the share of users affected", PM_CHECK_MISSING },
	{ "root-cause", rule_root_cause,
	  "a root cause", PM_CHECK_MISSING },
	{ "summary-cause", rule_summary_cause,
	  "the summary says what caused the incident", PM_CHECK_MISSING },
	{ "section-timeline", rule_section_timeline,
	  "a \"Timeline\" section", PM_CHECK_SECTION },
	{ "timeline-entries", rule_timeline_entries,
	  "timeline entries with a time", PM_CHECK_MISSING },
	{ "timeline-coverage", rule_timeline_coverage,
	  "the timeline tells detection, actions, misleading paths, "
	  "escalation and resolution", PM_CHECK_MISSING },
	{ "timeline-order", rule_timeline_order,
	  "timeline entries in time order", PM_CHECK_CONSISTENCY },
	{ "section-root-cause", rule_section_root_cause,
	  "a \"Root Cause and Resolution\" section", PM_CHECK_SECTION },
	{ "section-corrective", rule_section_corrective,
	  "a \"Corrective and Preventative Measures\" section",
	  PM_CHECK_SECTION },
	{ "tasks", rule_tasks,
	  "a task list", PM_CHECK_SECTION },
	{ "task-concrete", rule_task_concrete,
	  "tasks of three words or more", PM_CHECK_MISSING },
	{ "length", rule_length,
	  "400 to 600 words", PM_CHECK_MISSING },
	{ "end-after-start", rule_end_after_start,
	  "the end after the start", PM_CHECK_CONSISTENCY },
	{ "duration-matches", rule_duration_matches,
	  "a stated duration within 5 minutes or 5% of end - start",
	  PM_CHECK_CONSISTENCY },
	{ "impact-range", rule_impact_range,
	  "a share of users between 0 and 100%", PM_CHECK_CONSISTENCY },
	{ "blame-person", ck_rule_blame_person,
	  "no person named as the cause (\"Alice deleted\", \"caused by "
	  "@bob\")", PM_CHECK_BLAMELESS },
	{ "blame-human-error", ck_rule_blame_human_error,
	  "no \"human error\" as the cause", PM_CHECK_BLAMELESS },
	{ "blame-hindsight", ck_rule_blame_hindsight,
	  "no \"should have\"", PM_CHECK_BLAMELESS },
	{ "blame-words", ck_rule_blame_words,
	  "no \"careless\", \"negligent\", \"fault of\", \"his fault\"",
	  PM_CHECK_BLAMELESS },
	{ "placeholder", ck_rule_placeholder,
	  "no template text left (\"[fill in: ...]\", \"TBD\")",
	  PM_CHECK_PLACEHOLDER },
};

const struct pm_check_rule *
pm_check_rules(size_t *n)
{
	*n = CK_COUNT(rules);
	return rules;
}

const struct pm_check_rule *
pm_check_rule_find(const char *name)
{
	for (size_t i = 0; i < CK_COUNT(rules); i++)
		if (strcmp(rules[i].name, name) == 0)
			return &rules[i];
	return NULL;
}

static int
finding_cmp(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int
pm_check_incident(struct pm_warnings *out, const struct pm_incident *inc,
    const struct pm_extract_report *rep, const char *file)
{
	struct pm_extract_report none;
	struct pm_check c;
	size_t i;

	if (rep == NULL) {
		memset(&none, 0, sizeof(none));
		none.stated_duration_minutes = PM_UNKNOWN;
		none.computed_duration_minutes = PM_UNKNOWN;
		rep = &none;
	}
	memset(&c, 0, sizeof(c));
	c.inc = inc;
	c.rep = rep;
	c.file = file ? file : inc->path ? inc->path : "";
	for (c.rule = 0; c.rule < CK_COUNT(rules); c.rule++)
		rules[c.rule].fn(&c);
	if (c.n > 1)
		qsort(c.v, c.n, sizeof(*c.v), finding_cmp);
	for (i = 0; i < c.n; i++) {
		pm_warnings_add(out, c.file, c.v[i].line, "%s [%s]",
		    c.v[i].text, rules[c.v[i].rule].name);
		free(c.v[i].text);
	}
	for (i = 0; i < c.nseen; i++) {
		free(c.seen[i].before);
		free(c.seen[i].from);
	}
	free(c.seen);
	free(c.v);
	return (int)c.n;
}
