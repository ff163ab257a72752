/*
 * gencorpus_text.c: writes one synthetic postmortem in one of the many
 * shapes real ones take (front matter or none; ATX, setext, bold or
 * "Label:" headings; 12- or 24-hour clocks in a named zone; timelines as
 * bullets, tables or bold times; a table; a task list) from word pools.
 */
#include "gencorpus_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(r, a) ((a)[gen_rng_below((r), (uint32_t)COUNT(a))])

/* ------------------------------------------------------------ helpers */

void
gen_rng_seed(struct gen_rng *r, uint64_t seed, uint64_t a, uint64_t b)
{
	r->s = seed * 0x9e3779b97f4a7c15ULL ^ a * 0xbf58476d1ce4e5b9ULL ^
	    b * 0x94d049bb133111ebULL;
	(void)gen_rng_next(r);
}

uint64_t
gen_rng_next(struct gen_rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint32_t
gen_rng_below(struct gen_rng *r, uint32_t n)
{
	/* The bias of a plain modulo is far below what text can show. */
	return (uint32_t)(gen_rng_next(r) % n);
}

static int
chance(struct gen_rng *r, unsigned percent)
{
	return gen_rng_below(r, 100) < percent;
}

void
gen_buf_put(struct gen_buf *b, const char *s, size_t len)
{
	if (b->len + len + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;

		while (cap < b->len + len + 1)
			cap *= 2;
		b->p = realloc(b->p, cap);
		if (!b->p)
			abort();
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, len);
	b->len += len;
	b->p[b->len] = '\0';
}

void
gen_buf_puts(struct gen_buf *b, const char *s)
{
	gen_buf_put(b, s, strlen(s));
}

void
gen_buf_printf(struct gen_buf *b, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	gen_buf_put(b, tmp, (size_t)n < sizeof(tmp) ? (size_t)n :
	    sizeof(tmp) - 1);
}

/* -------------------------------------------------------------- pools */

struct zone {
	const char *name;
	int offset;		/* minutes east of UTC */
};

static const struct zone zones[] = {
	{ "UTC", 0 }, { "UTC", 0 }, { "PST", -480 }, { "PDT", -420 },
	{ "EST", -300 }, { "EDT", -240 }, { "CET", 60 }, { "CEST", 120 },
	{ "BST", 60 }, { "IST", 330 }, { "JST", 540 }, { "AEST", 600 },
	{ "SGT", 480 },
};

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

static const char *const services[] = {
	"checkout", "billing-api", "payments", "search", "inventory",
	"orders", "auth", "login", "notifications", "email-sender", "feed",
	"recommendations", "cart", "catalog", "pricing", "shipping",
	"ledger", "reporting", "webhooks", "gateway", "cdn", "media",
	"uploads", "chat", "dispatch", "maps", "analytics", "admin-console",
	"mobile-api", "storefront",
};

static const char *const components[] = {
	"Postgres", "the primary database", "Redis", "Kafka", "nginx",
	"the load balancer", "the service mesh", "the job queue",
	"the connection pool", "the DNS resolver", "the CDN", "Elasticsearch",
	"the autoscaler", "the config service", "the feature flag service",
	"the object store", "the VPN gateway", "the message broker",
};

static const char *const roles[] = {
	"on-call SRE", "on-call engineer", "database on-call",
	"incident commander", "platform lead", "network on-call",
	"support lead", "service owner",
};

struct cause {
	const char *id;
	const char *titles[2];	/* $S: the service */
	const char *because[2];	/* the root cause in one sentence */
	const char *actions[2];
	const char *tag;
};

static const struct cause causes[] = {
	{ "database-query-performance",
	  { "$S slowed to a crawl by a full table scan",
	    "Slow queries took $S down" },
	  { "A new query on $S could not use any index and scanned $N million "
	      "rows on every request, so $C ran at $P% CPU.",
	    "A missing index made the main $S query take seconds instead of "
	        "milliseconds once the table grew past $N million rows." },
	  { "Review query plans with EXPLAIN in CI against a production-sized "
	      "snapshot",
	    "Alert when database CPU stays above 85% for 5 minutes" },
	  "slow-query" },
	{ "database-connections",
	  { "$S unavailable after the connection pool ran dry",
	    "Connection exhaustion on the $S database" },
	  { "A batch job opened its own pool of connections and took almost "
	      "all of max_connections, leaving $S unable to connect.",
	    "Each of the $N new $S workers opened ten connections, and "
	        "together they went past the database connection limit." },
	  { "Put PgBouncer in transaction mode in front of the database",
	    "Give batch jobs their own role with a connection limit" },
	  "connections" },
	{ "database-locking",
	  { "$S writes stalled behind a table lock",
	    "Deadlocks in $S during the nightly run" },
	  { "A migration took an exclusive lock on a hot table, and every "
	      "write from $S queued behind it for $M minutes.",
	    "Two jobs updated the same rows of the $S tables in opposite "
	        "orders and deadlocked again and again." },
	  { "Run schema migrations with a lock timeout of 5 seconds",
	    "Take row locks in primary key order everywhere" },
	  "locking" },
	{ "deployment-change",
	  { "Bad release of $S rolled out to every region",
	    "$S errors after release $N.$N" },
	  { "Release $N.$N of $S changed a default that the canary did not "
	      "exercise, and it reached every region before anyone noticed.",
	    "A deploy of $S shipped a build with a missing environment "
	        "variable, and the new pods crashed on start." },
	  { "Make the canary stage exercise the checkout path end to end",
	    "Roll out region by region with an automatic rollback on errors" },
	  "deploy" },
	{ "configuration",
	  { "A configuration change broke $S",
	    "$S rejected valid requests after a flag flip" },
	  { "A configuration change meant for staging was applied to "
	      "production and pointed $S at the wrong instance of $C.",
	    "A feature flag was turned on for all regions at once instead of "
	        "$P% of traffic, and $S started rejecting requests." },
	  { "Require review for production configuration changes",
	    "Validate configuration against a schema before it is applied" },
	  "config" },
	{ "capacity-traffic",
	  { "$S overwhelmed by a traffic spike",
	    "$S down at the start of the sale" },
	  { "Traffic to $S grew to $N times the usual peak in minutes, faster "
	      "than the autoscaler could add capacity.",
	    "The $S fleet was sized for last year's peak, and a marketing "
	        "email sent $N times that traffic at once." },
	  { "Pre-scale before every announced launch",
	    "Scale on request count over a one-minute window instead of CPU" },
	  "capacity" },
	{ "network-dns",
	  { "$S unreachable after a DNS failure",
	    "Packet loss between regions broke $S" },
	  { "The internal DNS resolvers stopped answering after a cache "
	      "filled up, and $S could not resolve $C.",
	    "A transit provider lost a link, and $P% of packets between the "
	        "regions that serve $S were dropped." },
	  { "Run two resolver fleets with separate failure domains",
	    "Alert on packet loss between regions, not only on errors" },
	  "dns" },
	{ "hardware-infrastructure",
	  { "Storage failure took $S offline",
	    "$S lost a zone to a power event" },
	  { "A storage controller under $S failed and its replacement took "
	      "hours to rebuild the array, during which writes stalled.",
	    "A power event took out one availability zone, and $S had no "
	        "healthy replicas outside it." },
	  { "Keep replicas of every stateful service in at least two zones",
	    "Test the storage failover every quarter" },
	  "hardware" },
	{ "dependency-third-party",
	  { "$S failed when a provider went down",
	    "Payment provider outage hit $S" },
	  { "An outage at our payment provider made every call from $S time "
	      "out after 30 seconds, and threads piled up.",
	    "A third-party API that $S depends on started answering slowly, "
	        "and we had no timeout shorter than $N seconds." },
	  { "Set timeouts and circuit breakers on every outbound call",
	    "Keep a second provider configured and tested" },
	  "vendor" },
	{ "security",
	  { "Leaked credentials used against $S",
	    "$S throttled by a login flood" },
	  { "An API key for $S was committed to a public repository and used "
	      "to send spam within an hour.",
	    "A credential stuffing attack sent $N thousand login attempts per "
	        "minute to $S and starved real users." },
	  { "Scan commits for secrets before they are pushed",
	    "Rate limit logins per account and per network" },
	  "security" },
	{ "software-bug",
	  { "A memory leak in $S restarted every pod",
	    "$S returned wrong totals after a rounding bug" },
	  { "A cache in $S never evicted entries, so memory grew until the "
	      "pods were killed every $M minutes.",
	    "An off-by-one error in $S dropped the last item of every page of "
	        "results." },
	  { "Add a memory limit alert before the kill threshold",
	    "Add property tests for the pagination code" },
	  "bug" },
	{ "human-error",
	  { "Manual command wiped the $S cache",
	    "$S data deleted from the wrong environment" },
	  { "An engineer ran a flush command in the terminal pane connected "
	      "to production instead of staging.",
	    "A cleanup script meant for a test account ran against the "
	        "production $S database." },
	  { "Color production shells red and require confirmation",
	    "Make destructive scripts refuse to run without a dry run first" },
	  "manual" },
	{ "other",
	  { "$S degraded for reasons still unclear",
	    "Intermittent errors in $S" },
	  { "We could not find a single cause; the errors in $S stopped after "
	      "$C was restarted and did not come back.",
	    "Several small problems in $S and $T lined up on the same "
	        "afternoon." },
	  { "Add tracing to the $S request path",
	    "Write a runbook for restarting $C safely" },
	  "unknown" },
};

static const char *const impacts[] = {
	"About $P% of requests to $S failed with HTTP 503 or timed out after "
	    "30 seconds.",
	"Customers could not finish checkout, and $T was slow for everyone.",
	"Roughly $N thousand users saw error pages; no data was lost.",
	"The $S service answered, but slowly: the p95 latency went from 200 "
	    "ms to $N seconds.",
	"Orders were accepted but not confirmed, and $N thousand emails went "
	    "out late.",
	"Mobile users could not log in; web sessions that were already open "
	    "kept working.",
};

static const char *const triggers[] = {
	"Release $N.$N of $S starts rolling out.",
	"Traffic to $S starts to climb faster than usual.",
	"The nightly batch job starts on schedule.",
	"A configuration change to $C is applied.",
	"Calls to $C start to slow down (seen afterwards in the traces).",
};

static const char *const detected[] = {
	"Alert: $S error rate above $P%. The $R is paged.",
	"The synthetic check on $S fails three times in a row and pages the "
	    "$R.",
	"Support reports a wave of tickets about $S.",
	"The latency alert for $S fires.",
};

static const char *const investigated[] = {
	"The $R checks the dashboards: CPU and memory of $S look normal.",
	"Logs show timeouts talking to $C.",
	"The team looks at recent deploys and finds nothing suspicious.",
	"Traces show the slow spans are all calls from $S to $C.",
	"Metrics of $C show $N times the usual load.",
	"The $R opens an incident channel and starts a call.",
};

static const char *const misleading[] = {
	"Suspecting $C, the team restarts it. No improvement; a dead end.",
	"The $R rolls back the last deploy of $T. Nothing changes.",
	"Cache purged on the suspicion of stale entries. It does not help.",
};

static const char *const escalated[] = {
	"Escalated to the $S team's on-call.",
	"The $R pages the database on-call.",
	"Escalated to the incident commander, who takes over coordination.",
};

static const char *const mitigated[] = {
	"Traffic moved away from $C; error rate falls to $P%.",
	"The batch job is paused and $S recovers slowly.",
	"Rollback complete; error rate dropping.",
	"$N more instances of $S added by hand.",
};

static const char *const resolved[] = {
	"Error rate back at baseline. Incident closed.",
	"All queues drained and $S healthy. Incident over.",
	"Monitoring shows normal behaviour for 30 minutes; incident resolved.",
};

static const char *const analysis[] = {
	"Nothing in the dashboards pointed at the real problem for the first "
	    "$M minutes.",
	"The alerts fired on symptoms at the edge, far from where the fault "
	    "was.",
	"Restarting pods made things briefly worse, because new pods had to "
	    "compete for the same resources.",
	"We had seen a smaller version of this in the past without "
	    "recognising it.",
	"The runbook for $S described an older architecture and sent the $R "
	    "in the wrong direction.",
	"Staging has a fraction of production data, so the problem never "
	    "showed there.",
	"Retries from clients multiplied the load on $S by about $N.",
	"Once the cause was clear, the fix itself took only a few minutes.",
	"The $R kept a running log in the incident channel, which made this "
	    "review much easier.",
	"Capacity of $C had not been reviewed since the last reorganisation.",
	"The on-call engineer for $T was in the middle of a handover when the "
	    "first alert came in.",
	"Because errors were spread across many endpoints, no single alert "
	    "crossed its threshold quickly.",
	"We communicated on the status page after $M minutes, which customers "
	    "told us was too late.",
	"The graphs for $C were on a dashboard nobody on the rotation had "
	    "opened before.",
	"A similar change had gone out safely a month earlier, which made "
	    "everyone trust this one.",
	"Most of the time to resolve went into finding the right people, not "
	    "into the fix.",
	"Our error budget for $S for the quarter was used up by this one "
	    "incident.",
	"Customers with long-running sessions were affected more than new "
	    "visitors.",
};

static const char *const lessons[] = {
	"What went well: the rollback path worked the first time, and the "
	    "incident channel stayed focused.",
	"What went wrong: we did not have an alert close to the cause, only "
	    "at the edge.",
	"Where we got lucky: the incident happened outside the busiest hours "
	    "of the week.",
	"The main lesson is that shared resources need limits per consumer, "
	    "not just a global one.",
	"We will review this incident again in a month to check that the "
	    "action items are done.",
	"Dashboards should lead from symptoms to causes in one or two clicks.",
};

static const char *const generic_actions[] = {
	"Update the runbook for $S with this failure mode",
	"Add a dashboard panel for $C",
	"Post to the status page within 10 minutes of any customer impact",
	"Add a load test for $S to the release checklist",
	"Page the service owner of $S directly for its alerts",
	"Write a game day exercise based on this incident",
	"Lower the alert threshold on $S error rate to 2%",
	"Document the rollback procedure for $T",
	"Add an end-to-end synthetic check for $S",
	"Review the retry policy of every client of $S",
};

static const char *const followups[] = {
	"the fix is deployed to every region",
	"the load test now runs on every release",
	"the dashboard panel is live and linked from the alert",
	"the runbook was rewritten and reviewed by the on-call rotation",
	"a second incident review confirmed the timeline",
	"the vendor sent their own postmortem, linked here",
	"the alert fired correctly in a drill last week",
};

static const char *const regions[] = {
	"us-east", "us-west", "eu-west", "eu-central", "ap-south",
	"ap-northeast", "sa-east",
};

static const char *const generic_tags[] = {
	"on-call", "customer-facing", "postgres", "kubernetes", "latency",
	"availability", "data-loss", "mobile", "internal", "sla",
};

/* ------------------------------------------------------------ writing */

struct writer {
	struct gen_buf *b;
	struct gen_rng *r;
	const struct gen_doc *d;
};

/* Append a pool sentence, filling $S $T $C $R $N $P $M. */
static void
say(struct writer *w, const char *s)
{
	const char *p;

	for (p = s; *p; p++) {
		if (*p != '$' || !p[1]) {
			gen_buf_put(w->b, p, 1);
			continue;
		}
		switch (*++p) {
		case 'S':
			gen_buf_puts(w->b, services[w->d->svc[0]]);
			break;
		case 'T':
			gen_buf_puts(w->b, services[w->d->svc[w->d->nsvc - 1]]);
			break;
		case 'C':
			gen_buf_puts(w->b, PICK(w->r, components));
			break;
		case 'R':
			gen_buf_puts(w->b, PICK(w->r, roles));
			break;
		case 'N':
			gen_buf_printf(w->b, "%u", 2 + gen_rng_below(w->r, 60));
			break;
		case 'P':
			gen_buf_printf(w->b, "%u", 5 + gen_rng_below(w->r, 90));
			break;
		case 'M':
			gen_buf_printf(w->b, "%u", 3 + gen_rng_below(w->r, 45));
			break;
		default:
			gen_buf_put(w->b, p - 1, 2);
			break;
		}
	}
}

static void
heading(struct writer *w, int level, const char *text)
{
	size_t i, n = strlen(text);

	switch (w->d->heads) {
	case 0:
		gen_buf_printf(w->b, "%.*s %s\n\n", level, "###", text);
		break;
	case 1:
		gen_buf_printf(w->b, "%s\n", text);
		for (i = 0; i < n; i++)
			gen_buf_puts(w->b, level == 1 ? "=" : "-");
		gen_buf_puts(w->b, "\n\n");
		break;
	case 2:
		gen_buf_printf(w->b, "**%s**\n\n", text);
		break;
	default:
		gen_buf_printf(w->b, level == 1 ? "%s\n\n" : "%s:\n", text);
		break;
	}
}

static void
local_tm(struct tm *tm, const struct gen_doc *d, int minutes)
{
	time_t t = (time_t)(d->start + (int64_t)(zones[d->zone].offset +
	    minutes) * 60);

	gmtime_r(&t, tm);
}

static void
put_clock(struct writer *w, const struct tm *tm)
{
	if (w->d->clock24)
		gen_buf_printf(w->b, "%02d:%02d", tm->tm_hour, tm->tm_min);
	else
		gen_buf_printf(w->b, "%d:%02d %s",
		    tm->tm_hour % 12 ? tm->tm_hour % 12 : 12, tm->tm_min,
		    tm->tm_hour < 12 ? "AM" : "PM");
}

static void
put_long_date(struct writer *w, const struct tm *tm)
{
	gen_buf_printf(w->b, "%s %d, %d", months[tm->tm_mon], tm->tm_mday,
	    tm->tm_year + 1900);
}

static void
put_duration(struct writer *w)
{
	const char *zone = zones[w->d->zone].name;
	struct tm a, b;

	local_tm(&a, w->d, 0);
	local_tm(&b, w->d, w->d->minutes);
	switch (w->d->durstyle) {
	case 0:
		gen_buf_puts(w->b, "Duration: ");
		put_long_date(w, &a);
		gen_buf_puts(w->b, ", ");
		put_clock(w, &a);
		gen_buf_puts(w->b, " - ");
		put_long_date(w, &b);
		gen_buf_puts(w->b, ", ");
		put_clock(w, &b);
		gen_buf_printf(w->b, " (%s)\n\n", zone);
		break;
	case 1:
		gen_buf_printf(w->b, "**Duration:** %d-%02d-%02d ",
		    a.tm_year + 1900, a.tm_mon + 1, a.tm_mday);
		put_clock(w, &a);
		gen_buf_printf(w->b, " to %d-%02d-%02d ", b.tm_year + 1900,
		    b.tm_mon + 1, b.tm_mday);
		put_clock(w, &b);
		gen_buf_printf(w->b, " %s (%d h %02d min)\n\n", zone,
		    w->d->minutes / 60, w->d->minutes % 60);
		break;
	default:
		gen_buf_puts(w->b, "From ");
		put_clock(w, &a);
		gen_buf_puts(w->b, " to ");
		put_clock(w, &b);
		gen_buf_printf(w->b, " %s on %d %s %d%s, ", zone, a.tm_mday,
		    months[a.tm_mon], a.tm_year + 1900,
		    a.tm_mday == b.tm_mday ? "" : " (ending the next day)");
		say(w, "$S was degraded.");
		gen_buf_puts(w->b, "\n\n");
		break;
	}
}

static void
timeline(struct writer *w)
{
	int offsets[12], n = 8 + (int)gen_rng_below(w->r, 5), i, j;
	int lie = chance(w->r, 60);
	const char *zone = zones[w->d->zone].name;
	struct tm tm;

	offsets[0] = 0;
	offsets[n - 1] = w->d->minutes;
	for (i = 1; i < n - 1; i++)
		offsets[i] = 1 + (int)gen_rng_below(w->r,
		    (uint32_t)w->d->minutes - 1);
	for (i = 1; i < n - 1; i++)
		for (j = i; j > 1 && offsets[j - 1] > offsets[j]; j--) {
			int t = offsets[j];

			offsets[j] = offsets[j - 1];
			offsets[j - 1] = t;
		}
	if (w->d->tlstyle == 1)
		gen_buf_printf(w->b, "| Time (%s) | Event |\n| --- | --- |\n",
		    zone);
	else if (w->d->tlstyle == 2)
		gen_buf_printf(w->b, "All times %s.\n\n", zone);
	for (i = 0; i < n; i++) {
		const char *what;

		if (i == 0)
			what = PICK(w->r, triggers);
		else if (i == 1)
			what = PICK(w->r, detected);
		else if (i == n - 1)
			what = PICK(w->r, resolved);
		else if (i == n - 2)
			what = PICK(w->r, mitigated);
		else if (i == 3 && lie)
			what = PICK(w->r, misleading);
		else if (i == 4)
			what = PICK(w->r, escalated);
		else
			what = PICK(w->r, investigated);
		local_tm(&tm, w->d, offsets[i]);
		switch (w->d->tlstyle) {
		case 0:
			gen_buf_puts(w->b, "- ");
			put_clock(w, &tm);
			gen_buf_puts(w->b, " - ");
			say(w, what);
			gen_buf_puts(w->b, "\n");
			break;
		case 1:
			gen_buf_puts(w->b, "| ");
			put_clock(w, &tm);
			gen_buf_puts(w->b, " | ");
			say(w, what);
			gen_buf_puts(w->b, " |\n");
			break;
		default:
			gen_buf_puts(w->b, "**");
			put_clock(w, &tm);
			gen_buf_puts(w->b, "** ");
			say(w, what);
			gen_buf_puts(w->b, "\n\n");
			break;
		}
	}
	if (w->d->tlstyle != 2)
		gen_buf_puts(w->b, "\n");
}

/*
 * An index into a pool of n < 64 entries that *used does not hold yet,
 * so that a paragraph or a list does not say the same thing twice.
 */
static uint32_t
pick_new(struct gen_rng *r, uint32_t n, uint64_t *used)
{
	uint32_t i = gen_rng_below(r, n), tries;

	for (tries = 0; tries < n && (*used >> i & 1); tries++)
		i = (i + 1) % n;
	*used |= (uint64_t)1 << i;
	return i;
}

static void
paragraph(struct writer *w, const char *first, unsigned sentences)
{
	uint64_t used = 0;
	unsigned i;

	if (first) {
		say(w, first);
		gen_buf_puts(w->b, " ");
	}
	for (i = 0; i < sentences; i++) {
		say(w, analysis[pick_new(w->r, COUNT(analysis), &used)]);
		gen_buf_puts(w->b, i + 1 < sentences ? " " : "\n\n");
	}
}

static void
table(struct writer *w)
{
	unsigned i, n = 3 + gen_rng_below(w->r, 3);

	if (chance(w->r, 50)) {
		gen_buf_puts(w->b, "| Region | Error rate | Requests affected "
		    "|\n|:--|--:|--:|\n");
		for (i = 0; i < n; i++)
			gen_buf_printf(w->b, "| %s | %u%% | %u,%03u |\n",
			    regions[(w->d->index + i) % COUNT(regions)],
			    gen_rng_below(w->r, 100),
			    gen_rng_below(w->r, 900),
			    gen_rng_below(w->r, 1000));
	} else {
		gen_buf_puts(w->b, "| Metric | Before | During | After |\n"
		    "| --- | --- | --- | --- |\n");
		gen_buf_printf(w->b, "| p95 latency | %u ms | %u ms | %u ms "
		    "|\n",
		    100 + gen_rng_below(w->r, 200),
		    900 + gen_rng_below(w->r, 9000),
		    100 + gen_rng_below(w->r, 200));
		gen_buf_printf(w->b, "| error rate | 0.%u%% | %u%% | 0.%u%% "
		    "|\n",
		    gen_rng_below(w->r, 10), 5 + gen_rng_below(w->r, 90),
		    gen_rng_below(w->r, 10));
		gen_buf_printf(w->b, "| ~~queue depth~~ saturation | %u%% | "
		    "%u%% | %u%% |\n", 20 + gen_rng_below(w->r, 40),
		    90 + gen_rng_below(w->r, 10), 20 + gen_rng_below(w->r, 40));
	}
	gen_buf_puts(w->b, "\n");
}

static void
actions(struct writer *w, unsigned rev)
{
	const struct cause *c = &causes[w->d->cause];
	unsigned i, n = 4 + gen_rng_below(w->r, 4);
	unsigned done = gen_rng_below(w->r, n / 2 + 1) + rev;
	uint64_t used = 0;

	for (i = 0; i < n; i++) {
		gen_buf_printf(w->b, "- [%c] ", i < done ? 'x' : ' ');
		say(w, i < 2 ? c->actions[i] : generic_actions[pick_new(w->r,
		    COUNT(generic_actions), &used)]);
		gen_buf_puts(w->b, "\n");
	}
	gen_buf_puts(w->b, "\n");
}

static void
front_matter(struct writer *w)
{
	const struct gen_doc *d = w->d;
	struct tm tm;
	int i;

	local_tm(&tm, d, 0);
	gen_buf_printf(w->b, "---\ntitle: \"%s\"\ndate: %d-%02d-%02d\n"
	    "severity: SEV%d\nservices: [", d->title, tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, d->sev);
	for (i = 0; i < d->nsvc; i++)
		gen_buf_printf(w->b, "%s%s", i ? ", " : "",
		    services[d->svc[i]]);
	gen_buf_printf(w->b, "]\ncategory: %s\ntags: [%s, %s]\n---\n",
	    causes[d->cause].id, causes[d->cause].tag, PICK(w->r,
	    generic_tags));
}

static void
log_block(struct writer *w)
{
	struct tm tm;
	unsigned i;

	gen_buf_puts(w->b, "```\n");
	for (i = 0; i < 3; i++) {
		local_tm(&tm, w->d, (int)i);
		gen_buf_printf(w->b, "%d-%02d-%02dT%02d:%02d:%02dZ %s-%04x "
		    "ERROR %s\n", tm.tm_year + 1900, tm.tm_mon + 1,
		    tm.tm_mday, tm.tm_hour, tm.tm_min, (int)i * 7,
		    services[w->d->svc[0]], gen_rng_below(w->r, 65536),
		    PICK(w->r, components));
	}
	gen_buf_puts(w->b, "```\n\n");
}

void
gen_doc_write(struct gen_buf *out, const struct gen_doc *d, unsigned rev)
{
	struct gen_rng rng;
	struct writer w = { out, &rng, d };
	const struct cause *c = &causes[d->cause];
	unsigned r;

	out->len = 0;
	gen_rng_seed(&rng, d->seed, d->index, 1);
	if (d->front)
		front_matter(&w);
	if (!d->front || chance(&rng, 50))
		heading(&w, 1, d->title);
	heading(&w, 2, "Issue Summary");
	put_duration(&w);
	gen_buf_puts(out, "Impact: ");
	say(&w, PICK(&rng, impacts));
	gen_buf_puts(out, "\n\nRoot cause: ");
	say(&w, c->because[gen_rng_below(&rng, 2)]);
	gen_buf_puts(out, "\n\n");
	if (!d->front)
		gen_buf_printf(out, "Severity: SEV%d\n\n", d->sev);
	heading(&w, 2, "Timeline");
	timeline(&w);
	heading(&w, 2, "Root Cause and Resolution");
	paragraph(&w, c->because[gen_rng_below(&rng, 2)], 3);
	paragraph(&w, NULL, 3 + gen_rng_below(&rng, 3));
	if (chance(&rng, 50))
		log_block(&w);
	table(&w);
	paragraph(&w, NULL, 2 + gen_rng_below(&rng, 3));
	heading(&w, 2, "Corrective and Preventative Measures");
	actions(&w, rev);
	heading(&w, 2, "Lessons Learned");
	r = gen_rng_below(&rng, COUNT(lessons));
	say(&w, lessons[r]);
	gen_buf_puts(out, " ");
	say(&w, lessons[(r + 1) % COUNT(lessons)]);
	gen_buf_puts(out, "\n");
	if (rev > 0) {
		gen_buf_puts(out, "\n");
		heading(&w, 2, "Follow-up");
	}
	for (r = 1; r <= rev; r++) {
		gen_rng_seed(&rng, d->seed, d->index, 1000 + r);
		gen_buf_printf(out, "- Follow-up %u: %s.\n", r,
		    PICK(&rng, followups));
	}
}

/* ------------------------------------------------------------ planning */

static void
slugify(char *out, size_t size, const char *s)
{
	size_t n = 0;
	int dash = 0;

	for (; *s && n + 2 < size; s++) {
		char ch = *s;

		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
			if (dash && n)
				out[n++] = '-';
			out[n++] = ch;
			dash = 0;
		} else {
			dash = 1;
		}
	}
	out[n] = '\0';
}

void
gen_doc_plan(struct gen_doc *d, uint64_t seed, size_t index, int64_t added,
    int monthly)
{
	struct gen_rng rng;
	struct gen_buf title = { NULL, 0, 0 };
	struct writer w = { &title, &rng, d };
	char slug[96];
	struct tm tm;
	int i;

	memset(d, 0, sizeof(*d));
	gen_rng_seed(&rng, seed, index, 0);
	d->seed = seed;
	d->index = index;
	d->minutes = 20 + (int)gen_rng_below(&rng, chance(&rng, 80) ? 240 :
	    1800);
	/* Start one to ten days before the commit, on a whole minute. */
	d->start = added - 86400 - (int64_t)gen_rng_below(&rng, 9 * 86400);
	d->start -= d->start % 60;
	d->zone = (int)gen_rng_below(&rng, COUNT(zones));
	d->clock24 = chance(&rng, 50);
	d->front = gen_rng_below(&rng, 3) == 0;
	d->heads = (int)gen_rng_below(&rng, 10);
	d->heads = d->heads < 5 ? 0 : d->heads < 8 ? 1 : d->heads - 6;
	d->tlstyle = (int)gen_rng_below(&rng, 3);
	d->durstyle = (int)gen_rng_below(&rng, 3);
	d->cause = (int)gen_rng_below(&rng, COUNT(causes));
	d->sev = 1 + (int)gen_rng_below(&rng, 4);
	d->nsvc = 1 + (int)gen_rng_below(&rng, 3);
	for (i = 0; i < d->nsvc; i++)
		d->svc[i] = (int)gen_rng_below(&rng, COUNT(services));
	say(&w, causes[d->cause].titles[gen_rng_below(&rng, 2)]);
	title.p[0] = title.p[0] >= 'a' && title.p[0] <= 'z' ?
	    (char)(title.p[0] - 'a' + 'A') : title.p[0];
	snprintf(d->title, sizeof(d->title), "%s", title.p);
	free(title.p);
	slugify(slug, sizeof(slug), d->title);
	local_tm(&tm, d, 0);
	if (chance(&rng, 80))
		snprintf(d->name, sizeof(d->name), "%d-%02d-%02d-%s-%05zu.md",
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, slug, index);
	else
		snprintf(d->name, sizeof(d->name), "%s-%05zu.md", slug, index);
	if (monthly)
		snprintf(d->path, sizeof(d->path), "content/%d/%02d/%s",
		    tm.tm_year + 1900, tm.tm_mon + 1, d->name);
	else
		snprintf(d->path, sizeof(d->path), "content/%d/%s",
		    tm.tm_year + 1900, d->name);
}
