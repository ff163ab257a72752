/*
 * site_stats.c: what the knowledge base adds up to: figures (counts,
 * downtime, time to detect and to resolve), the incidents of each cause,
 * and the misleading first guesses of every timeline, grouped.
 */
#include "site.h"

#include <stdlib.h>
#include <string.h>

void
pm_site_figures(struct pm_figures *out, struct pm_incident *const *incidents,
    size_t n)
{
	long detect = 0, resolve = 0;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->count = n;
	out->latest = n ? incidents[0] : NULL;
	for (i = 0; i < n; i++) {
		const struct pm_incident *inc = incidents[i];

		/* Negative numbers are unknowns in disguise, not time. */
		if (inc->duration_minutes >= 0) {
			out->downtime_minutes += inc->duration_minutes;
			out->downtime_known++;
		}
		if (inc->time_to_detect_minutes >= 0) {
			detect += inc->time_to_detect_minutes;
			out->detect_known++;
		}
		if (inc->time_to_resolve_minutes >= 0) {
			resolve += inc->time_to_resolve_minutes;
			out->resolve_known++;
		}
	}
	out->mean_detect_minutes = out->detect_known ? (detect +
	    (long)out->detect_known / 2) / (long)out->detect_known :
	    PM_UNKNOWN;
	out->mean_resolve_minutes = out->resolve_known ? (resolve +
	    (long)out->resolve_known / 2) / (long)out->resolve_known :
	    PM_UNKNOWN;
}

/* The incidents of one year, in site order, into arena. */
static void
year_figures(struct pm_figures *out, const struct pm_site *site, int year)
{
	struct pm_incident **list;
	size_t i, n = 0;

	list = pm_arena_alloc(site->arena, pm_xmul(site->len + 1,
	    sizeof(*list)));
	for (i = 0; year && i < site->len; i++)
		if (pm_site_year(site->incidents[i]) == year)
			list[n++] = site->incidents[i];
	pm_site_figures(out, list, n);
}

static const char *
cause_id(const struct pm_incident *inc)
{
	return inc->category && *inc->category ? inc->category :
	    PM_CATEGORY_OTHER;
}

/* Category, then site position: each cause's incidents newest first. */
static int
group_order(const struct pm_site *site, size_t a, size_t b)
{
	int c = strcmp(cause_id(site->incidents[a]),
	    cause_id(site->incidents[b]));

	return c ? c : (a < b ? -1 : a > b);
}

/* Most incidents, then the most recent, then by id. */
static int
cause_cmp(const void *pa, const void *pb)
{
	const struct pm_cause *a = pa, *b = pb;
	const char *da = a->incidents[0]->date, *db = b->incidents[0]->date;
	int c;

	if (a->len != b->len)
		return a->len > b->len ? -1 : 1;
	if (da && db && (c = strcmp(db, da)) != 0)
		return c;
	if ((da == NULL) != (db == NULL))
		return da ? -1 : 1;
	return strcmp(a->id, b->id);
}

static int
slug_taken(const struct pm_cause *c, size_t n, const char *slug)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].slug && strcmp(c[i].slug, slug) == 0)
			return 1;
	return 0;
}

/*
 * Page folders: valid ids first, as they are (ids are distinct, so they
 * cannot clash), then a slug for each of the others, in id order.
 */
static void
assign_slugs(struct pm_cause *c, size_t n, struct pm_arena *arena)
{
	size_t i;

	for (i = 0; i < n; i++)
		c[i].slug = pm_slug_valid(c[i].id) ? c[i].id : NULL;
	for (i = 0; i < n; i++) {
		const char *base;
		char *slug;
		int k = 2;

		if (c[i].slug)
			continue;
		base = pm_slug_from_name(arena, c[i].id);
		if (base == NULL || strlen(base) > 90)
			base = "cause";
		slug = pm_arena_strdup(arena, base);
		while (slug_taken(c, n, slug))
			slug = pm_arena_printf(arena, "%s-%d", base, k++);
		c[i].slug = slug;
	}
}

static void
build_causes(struct pm_site_stats *out, const struct pm_site *site)
{
	size_t *pos, i, start, n = 0;

	pos = pm_xmalloc(pm_xmul(site->len + 1, sizeof(*pos)));
	for (i = 0; i < site->len; i++)
		pos[i] = i;
	pm_site__sort(pos, site->len, site, group_order);
	for (i = 0; i < site->len; i++)
		if (i == 0 || strcmp(cause_id(site->incidents[pos[i]]),
		    cause_id(site->incidents[pos[i - 1]])) != 0)
			n++;
	out->causes = pm_arena_calloc(site->arena, n + 1,
	    sizeof(*out->causes));
	out->ncauses = 0;
	for (start = 0; start < site->len; start = i) {
		struct pm_cause *c = &out->causes[out->ncauses++];

		c->id = cause_id(site->incidents[pos[start]]);
		for (i = start; i < site->len && strcmp(c->id,
		    cause_id(site->incidents[pos[i]])) == 0; i++)
			;
		c->len = i - start;
		c->incidents = pm_arena_alloc(site->arena, pm_xmul(c->len,
		    sizeof(*c->incidents)));
		for (size_t k = 0; k < c->len; k++)
			c->incidents[k] = site->incidents[pos[start + k]];
		pm_site_figures(&c->figures, c->incidents, c->len);
	}
	free(pos);
	/* Slugs in id order (the order groups were made in), so a slug does
	 * not change when counts do. */
	assign_slugs(out->causes, out->ncauses, site->arena);
	qsort(out->causes, out->ncauses, sizeof(*out->causes), cause_cmp);
}

void
pm_site_stats(struct pm_site_stats *out, const struct pm_site *site)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	pm_site_figures(&out->all, site->incidents, site->len);
	for (i = 0; i < site->len && out->year == 0; i++)
		out->year = pm_site_year(site->incidents[i]);
	year_figures(&out->this_year, site, out->year);
	year_figures(&out->last_year, site, out->year ? out->year - 1 : 0);
	build_causes(out, site);
}

const struct pm_cause *
pm_site_cause(const struct pm_site_stats *stats, const char *id)
{
	if (id == NULL || *id == '\0')
		id = PM_CATEGORY_OTHER;
	for (size_t i = 0; i < stats->ncauses; i++)
		if (strcmp(stats->causes[i].id, id) == 0)
			return &stats->causes[i];
	return NULL;
}

/* The first guesses on-call makes, in the order ties are settled: a
 * longer phrase that starts where a shorter one does comes first ("load
 * balancer" before "load"). */
static const char *const w_ddos[] = { "ddos", "dos attack*", "attack*",
    "attacker*", "bot", "bots", "botnet*", "malicious", "abuse",
    "scraper*", "hack*", "breach*", "intrusion*", NULL };
static const char *const w_network[] = { "network*", "packet*",
    "interconnect*", "router*", "bgp", "connectivity", "vpn", "peering",
    "nat gateway*", NULL };
static const char *const w_dns[] = { "dns", "resolver*", "name resolution",
    "nameserver*", "coredns", "route53", "route 53", NULL };
static const char *const w_database[] = { "database*", "db", "dbs",
    "postgres*", "postgresql", "mysql", "mongo*", "sql", "query",
    "queries", "replica*", "replication", "pgbouncer", "connection pool*",
    "deadlock*", NULL };
static const char *const w_deploy[] = { "deploy*", "release*", "rollout*",
    "roll out", "rolled out", "rollback*", "roll back", "rolled back",
    "canary", "new version", "code change*", "upgrade*", NULL };
static const char *const w_config[] = { "config*", "misconfig*",
    "feature flag*", "flag", "flags", "setting*", "toggle*", NULL };
static const char *const w_cache[] = { "cache*", "caching", "redis",
    "memcache*", "cdn", "cdns", "varnish", NULL };
static const char *const w_lb[] = { "load balancer*", "load balancing",
    "lb", "lbs", "elb", "alb", "haproxy", "ingress*", NULL };
static const char *const w_traffic[] = { "traffic", "load", "spike*",
    "surge*", "capacity", "cpu", "cpus", "overload*", "thundering herd",
    NULL };
static const char *const w_memory[] = { "memory", "oom*", "out of memory",
    "leak*", "heap", "garbage collect*", "gc", NULL };
static const char *const w_disk[] = { "disk*", "ssd*", "nvme", "hardware",
    "storage", "iops", "raid", "host failure*", "server failure*", NULL };
static const char *const w_cert[] = { "certificate*", "cert", "certs",
    "tls", "ssl", NULL };
static const char *const w_vendor[] = { "third party", "provider*",
    "vendor*", "upstream", "partner*", "aws", "gcp", "azure", "saas",
    NULL };
static const char *const w_auth[] = { "auth", "authentication", "authn",
    "oauth", "sso", "login*", "token*", "session*", "credential*",
    "password*", NULL };
static const char *const w_firewall[] = { "firewall*", "waf", "wafs",
    "security group*", "iptables", "acl", "acls", NULL };

static const struct pm_guess guesses[] = {
	{ "ddos", "a DDoS or an attack", w_ddos, "security" },
	{ "network", "the network", w_network, "network-dns" },
	{ "dns", "DNS", w_dns, "network-dns" },
	{ "database", "the database", w_database, "database-*" },
	{ "deploy", "a deploy or release", w_deploy, "deployment-change" },
	{ "configuration", "a configuration change", w_config,
	    "configuration" },
	{ "cache", "a cache or the CDN", w_cache, NULL },
	{ "load-balancer", "the load balancer", w_lb, NULL },
	{ "traffic", "traffic or load", w_traffic, "capacity-traffic" },
	{ "memory", "memory", w_memory, NULL },
	{ "hardware", "disks or hardware", w_disk, "hardware-infrastructure" },
	{ "certificate", "a certificate", w_cert, "configuration" },
	{ "third-party", "a third party or provider", w_vendor,
	    "dependency-third-party" },
	{ "authentication", "authentication", w_auth, NULL },
	{ "firewall", "a firewall", w_firewall, NULL },
};

/* Words that say what follows was a suspicion. */
static const char *const cues[] = { "suspect*", "thought", "think*",
    "assum*", "blam*", "believ*", "looked like", "seemed", "theory",
    "hypothes*", "guess*", NULL };

const struct pm_guess *
pm_site_guesses(size_t *n)
{
	*n = sizeof(guesses) / sizeof(guesses[0]);
	return guesses;
}

int
pm_site_guess_matches(const struct pm_guess *g, const char *id)
{
	size_t n;

	if (g == NULL || g->category == NULL || id == NULL)
		return 0;
	n = strlen(g->category);
	if (n && g->category[n - 1] == '*')
		return strncmp(id, g->category, n - 1) == 0;
	return strcmp(id, g->category) == 0;
}

static int
alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80;
}

static unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/*
 * Does phrase match text at s (a word start)?  A space in the phrase
 * matches any run of punctuation and blanks ("third-party", "load
 * balancer"); the match must end on a word boundary unless the phrase
 * ends with '*'.  Returns the length matched, 0 when none.
 */
static size_t
match_at(const char *s, const char *phrase)
{
	const unsigned char *t = (const unsigned char *)s;
	const unsigned char *p = (const unsigned char *)phrase;

	while (*p && *p != '*') {
		if (*p == ' ') {
			if (*t == '\0' || alnum(*t))
				return 0;
			while (*t && !alnum(*t))
				t++;
			p++;
			continue;
		}
		if (lower(*t) != *p)
			return 0;
		t++;
		p++;
	}
	if (*p == '*') {
		while (alnum(*t))
			t++;
	} else if (alnum(*t)) {
		return 0;
	}
	return (size_t)(t - (const unsigned char *)s);
}

/* The first word start where one of words matches; sets *end past the
 * match.  Returns the offset, or -1. */
static long
find_words(const char *text, const char *const *words, size_t *end)
{
	size_t i, n;

	for (i = 0; text[i]; i++) {
		if (i > 0 && alnum((unsigned char)text[i - 1]))
			continue;
		if (!alnum((unsigned char)text[i]))
			continue;
		for (size_t w = 0; words[w]; w++)
			if ((n = match_at(text + i, words[w])) > 0) {
				*end = i + n;
				return (long)i;
			}
	}
	return -1;
}

/*
 * The words of every guess by their first byte, in table order: a word
 * start is tried only against the few words that begin with its letter.
 * A large site has thousands of misleading entries, and trying each
 * guess's words at each word start (a pass per guess at first) made the
 * misleading page a tenth of a one-change rebuild.
 */
#define GUESS_WORDS_MAX 256

struct guess_index {
	unsigned short first[257];	/* byte c's words: first[c] .. first[c + 1] */
	struct guess_word {
		const char *word;
		unsigned char guess;
	} at[GUESS_WORDS_MAX];
};

static void
guess_index_init(struct guess_index *ix)
{
	enum { NG = sizeof(guesses) / sizeof(guesses[0]) };
	unsigned short next[256];
	size_t g, w, n = 0;

	memset(ix->first, 0, sizeof(ix->first));
	for (g = 0; g < NG; g++)
		for (w = 0; guesses[g].words[w]; w++, n++)
			ix->first[(unsigned char)guesses[g].words[w][0] + 1]++;
	if (n > GUESS_WORDS_MAX || NG > 255)
		abort();	/* the table above outgrew the index */
	for (size_t c = 1; c <= 256; c++)
		ix->first[c] += ix->first[c - 1];
	memcpy(next, ix->first, sizeof(next));
	for (g = 0; g < NG; g++)
		for (w = 0; guesses[g].words[w]; w++) {
			unsigned char c = (unsigned char)guesses[g].words[w][0];

			ix->at[next[c]++] = (struct guess_word){
				guesses[g].words[w], (unsigned char)g };
		}
}

/* The guess whose words come first in text, from `from` on; of those
 * matching at one place, the first of the table.  -1 when none does. */
static int
earliest_guess(const struct guess_index *ix, const char *text, size_t from)
{
	for (size_t i = from; text[i]; i++) {
		unsigned char c = lower((unsigned char)text[i]);
		int best = -1;

		if ((i > 0 && alnum((unsigned char)text[i - 1])) || !alnum(c))
			continue;
		for (size_t k = ix->first[c]; k < ix->first[c + 1]; k++)
			if ((best < 0 || ix->at[k].guess < best) &&
			    match_at(text + i, ix->at[k].word))
				best = ix->at[k].guess;
		if (best >= 0)
			return best;
	}
	return -1;
}

static int
guess_of(const struct guess_index *ix, const char *text)
{
	size_t end = 0;
	int g = -1;

	if (text == NULL)
		return -1;
	/* "sees 9x traffic and suspects a DDoS": the suspicion is what
	 * follows the cue, not the symptom before it. */
	if (find_words(text, cues, &end) >= 0)
		g = earliest_guess(ix, text, end);
	return g >= 0 ? g : earliest_guess(ix, text, 0);
}

int
pm_site_guess_of(const char *text)
{
	struct guess_index ix;

	guess_index_init(&ix);
	return guess_of(&ix, text);
}

static int
is_misleading(const struct pm_timeline_entry *e)
{
	return e->kind && strcmp(e->kind, "misleading") == 0;
}

void
pm_site_misleading(struct pm_misleading_group **out, size_t *n,
    const struct pm_site *site)
{
	enum { NG = sizeof(guesses) / sizeof(guesses[0]) };
	struct pm_misleading_group groups[NG + 1];
	size_t last[NG + 1], i, k, g, ng = 0, nhits = 0, cap = 0;
	struct pm_misleading_group *res;
	/* Each misleading entry and its group, found in one pass: every
	 * entry of the site is looked at once, and each guess made once. */
	struct hit {
		size_t pos, entry, group;
	} *hits = NULL;
	struct guess_index ix;

	guess_index_init(&ix);
	memset(groups, 0, sizeof(groups));
	for (g = 0; g <= NG; g++) {
		groups[g].guess = g < NG ? &guesses[g] : NULL;
		last[g] = site->len;
	}
	for (i = 0; i < site->len; i++) {
		const struct pm_incident *inc = site->incidents[i];

		for (k = 0; k < inc->ntimeline; k++) {
			int gi;

			if (!is_misleading(&inc->timeline[k]))
				continue;
			if (nhits == cap) {
				cap = cap ? 2 * cap : 64;
				hits = pm_xrealloc(hits, pm_xmul(cap,
				    sizeof(*hits)));
			}
			gi = guess_of(&ix, inc->timeline[k].text);
			hits[nhits++] = (struct hit){ i, k,
			    gi < 0 ? NG : (size_t)gi };
			groups[hits[nhits - 1].group].len++;
		}
	}
	/* Every list is allocated once, at its size. */
	for (g = 0; g <= NG; g++) {
		groups[g].entries = pm_arena_alloc(site->arena,
		    pm_xmul(groups[g].len + 1, sizeof(*groups[g].entries)));
		groups[g].len = 0;
	}
	for (size_t h = 0; h < nhits; h++) {
		const struct pm_incident *inc = site->incidents[hits[h].pos];
		struct pm_misleading_group *grp = &groups[hits[h].group];

		grp->entries[grp->len].incident = inc;
		grp->entries[grp->len++].entry = &inc->timeline[hits[h].entry];
		if (last[hits[h].group] == hits[h].pos)
			continue;
		last[hits[h].group] = hits[h].pos;
		grp->incidents++;
		if (pm_site_guess_matches(grp->guess, inc->category))
			grp->confirmed++;
	}
	free(hits);
	res = pm_arena_calloc(site->arena, NG + 1, sizeof(*res));
	for (g = 0; g < NG; g++)
		if (groups[g].len)
			res[ng++] = groups[g];
	/* Most incidents first; a stable insertion sort keeps table order
	 * among equals (there are at most a few dozen groups). */
	for (i = 1; i < ng; i++) {
		struct pm_misleading_group t = res[i];

		for (k = i; k > 0 && res[k - 1].incidents < t.incidents; k--)
			res[k] = res[k - 1];
		res[k] = t;
	}
	if (groups[NG].len)
		res[ng++] = groups[NG];
	*out = res;
	*n = ng;
}
