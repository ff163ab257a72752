/*
 * gendata.c: writes the benchmark's page context as JSON: a site, its
 * totals and a list of incidents with text that needs HTML escaping.  The
 * same bytes for every run (a fixed-seed generator), so the C and the
 * JavaScript benchmark render the same page.
 *
 * usage: gendata [COUNT] > data.json	(COUNT defaults to 200)
 */
#include <stdio.h>
#include <stdlib.h>

#include "arena.h"
#include "buf.h"
#include "value.h"

static const char *const words[] = {
	"database", "connection pool", "deploy", "rollback", "latency",
	"p99 <500ms>", "cache & CDN", "\"hot\" partition", "it's", "DNS",
	"timeout", "retry storm", "load balancer", "TLS certificate",
	"feature flag", "queue depth", "disk I/O", "on-call", "runbook",
	"customers", "checkout", "payments", "search", "index",
};

static const char *const services[] = {
	"checkout", "payments", "search", "auth", "billing-api", "gateway",
};

static const char *const causes[][2] = {
	{ "database-connections", "Database connections" },
	{ "deployment-change", "Deployment & change" },
	{ "network-dns", "Network <DNS>" },
	{ "capacity-traffic", "Capacity \"traffic\"" },
	{ "software-bug", "Software bug" },
};

/* A small linear congruential generator: deterministic everywhere. */
static unsigned
next(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 16) & 0x7fff;
}

static const char *
sentence(struct pm_arena *arena, unsigned *seed, int nwords)
{
	struct pm_buf b = PM_BUF_INIT;
	const char *s;
	int i;

	for (i = 0; i < nwords; i++) {
		if (i)
			pm_buf_puts(&b, i % 7 == 0 ? ". " : " ");
		pm_buf_puts(&b, words[next(seed) % (sizeof(words) /
		    sizeof(words[0]))]);
	}
	pm_buf_putc(&b, '.');
	s = pm_arena_strdup(arena, pm_buf_cstr(&b));
	pm_buf_free(&b);
	return s;
}

static struct pm_value *
site(struct pm_arena *a)
{
	static const char *const nav[][2] = {
		{ "Incidents", "incidents/" }, { "Causes", "causes/" },
		{ "Actions", "actions/" },
		{ "Misleading paths", "misleading/" },
		{ "Search", "search/" }, { "Feed", "feed.xml" },
	};
	struct pm_value *s = pm_value_new_map(a), *list = pm_value_new_list(a);
	size_t i;

	pm_value_map_set_str(a, s, "title", "Acme <Ops> Postmortems");
	pm_value_map_set_str(a, s, "base_url", "/postmortems/");
	pm_value_map_set_str(a, s, "version", "0.1.0");
	pm_value_map_set_str(a, s, "commit", "3f2a9c1");
	for (i = 0; i < sizeof(nav) / sizeof(nav[0]); i++) {
		struct pm_value *item = pm_value_new_map(a);

		pm_value_map_set_str(a, item, "label", nav[i][0]);
		pm_value_map_set_str(a, item, "path", nav[i][1]);
		pm_value_map_set_bool(a, item, "current", i == 0);
		pm_value_list_push(a, list, item);
	}
	pm_value_map_set(a, s, "nav", list);
	return s;
}

static struct pm_value *
incident(struct pm_arena *a, unsigned *seed, int i)
{
	struct pm_value *m = pm_value_new_map(a), *svc, *cat;
	int month = 1 + i % 12, day = 1 + i % 28, n, k;

	pm_value_map_set(a, m, "slug", pm_value_new_cstr(a,
	    pm_arena_printf(a, "%d-%02d-%02d-incident-%d", 2019 + i / 40,
	    month, day, i)));
	pm_value_map_set(a, m, "title", pm_value_new_cstr(a,
	    pm_arena_printf(a, "Incident #%d: %s", i, sentence(a, seed, 5))));
	pm_value_map_set(a, m, "date", pm_value_new_cstr(a,
	    pm_arena_printf(a, "%d-%02d-%02d", 2019 + i / 40, month, day)));
	pm_value_map_set(a, m, "start", pm_value_new_cstr(a,
	    pm_arena_printf(a, "%d-%02d-%02dT%02d:%02d:00-05:00",
	    2019 + i / 40, month, day, (int)(next(seed) % 24),
	    (int)(next(seed) % 60))));
	pm_value_map_set_num(a, m, "severity", 1 + next(seed) % 4);
	pm_value_map_set_num(a, m, "duration_minutes",
	    5 + next(seed) % 300 + (next(seed) % 2 ? 0.5 : 0));
	cat = pm_value_new_map(a);
	k = (int)(next(seed) % (sizeof(causes) / sizeof(causes[0])));
	pm_value_map_set_str(a, cat, "id", causes[k][0]);
	pm_value_map_set_str(a, cat, "name", causes[k][1]);
	pm_value_map_set(a, m, "category", cat);
	pm_value_map_set_str(a, m, "summary", sentence(a, seed, 30 + i % 20));
	svc = pm_value_new_list(a);
	n = (int)(next(seed) % 4);
	for (k = 0; k < n; k++)
		pm_value_list_push(a, svc, pm_value_new_cstr(a,
		    services[next(seed) % (sizeof(services) /
		    sizeof(services[0]))]));
	pm_value_map_set(a, m, "services", svc);
	if (i > 0 && next(seed) % 10 == 0) {
		struct pm_value *r = pm_value_new_map(a);

		pm_value_map_set(a, r, "slug", pm_value_new_cstr(a,
		    pm_arena_printf(a, "earlier-incident-%d", i / 2)));
		pm_value_map_set(a, r, "title", pm_value_new_cstr(a,
		    pm_arena_printf(a, "Incident #%d", i / 2)));
		pm_value_map_set(a, m, "repeat_of", r);
	} else {
		pm_value_map_set(a, m, "repeat_of", NULL);
	}
	return m;
}

int
main(int argc, char **argv)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_value *root = pm_value_new_map(a), *list, *totals;
	struct pm_buf out = PM_BUF_INIT;
	unsigned seed = 20240305;
	int count = argc > 1 ? atoi(argv[1]) : 200, i;

	pm_value_map_set(a, root, "site", site(a));
	totals = pm_value_new_map(a);
	pm_value_map_set_num(a, totals, "incidents", count);
	pm_value_map_set_num(a, totals, "downtime_hours", 123.5);
	pm_value_map_set_str(a, totals, "since", "2019-01-07");
	pm_value_map_set_str(a, totals, "top_cause",
	    "Database & connection pools");
	pm_value_map_set(a, root, "totals", totals);
	list = pm_value_new_list(a);
	for (i = 0; i < count; i++)
		pm_value_list_push(a, list, incident(a, &seed, i));
	pm_value_map_set(a, root, "incidents", list);
	pm_value_write_json(&out, root, 1);
	fwrite(out.ptr, 1, out.len, stdout);
	pm_buf_free(&out);
	pm_arena_free(a);
	return 0;
}
