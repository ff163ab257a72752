/*
 * classify_ties.c: the tie-breaks between two categories that one story
 * names (classify.c scores; these rules decide which of the two the
 * cause is).
 */
#include "classify.h"
#include "classify_int.h"

#include <stddef.h>

/* A connection pool or limit used up ("the connection pool was
 * exhausted", "hit max_connections", "could not get a connection"). */
static const char *const pool_exhaustion[] = {
	"connection pool*", "max connections", "connection limit*",
	"connections exhausted", "exhausted connections", "pool exhaust*",
	"exhausted the pool", "too many connections", "too many clients",
	"connection slots", "out of database connections",
	"out of connections", "no connections left", "get a connection",
	"acquire a connection", "acquiring connection*",
	"connection acquisition", "connection count", NULL
};

/*
 * Tie-breaks.  Some stories name two categories: the load or trigger,
 * and the mechanism that failed under it.  The category is the
 * mechanism, because it is what the fix changes and what a reader looks
 * for next time.  A rule puts `first` ahead of `over` when both fit
 * (first scores at least MIN_SCORE, over more than first) and the root
 * cause, the summary or the title names one of `when` in a clause that
 * is not doubted:
 *  - a connection pool, a connection limit or max_connections used up
 *    by a traffic increase is database-connections, not
 *    capacity-traffic: more traffic is why, the pool is what failed (and
 *    the same incident told twice, once with "traffic" in front, must
 *    land in the same category).
 *  - the network and the load are where most incidents show, not what
 *    caused them: a registrar account taken over is security, a cache
 *    rule or a limit set wrong is configuration, a change made in the
 *    wrong place is human error, a rollout strategy that took the
 *    capacity away is deployment-change, a chiller that failed is
 *    hardware, a playbook run against the wrong hosts or the healthy disk
 *    pulled in place of the failed one is human error,
 *    even when the story is told in DNS, traffic or firmware words, and
 *    an expired certificate or an allowlist of ours is configuration
 *    though a provider's calls were what it broke.
 *  - a lock a migration held is database-locking, a key we leaked that a
 *    provider suspended us for is security, a provider's own database
 *    or capacity running out is the provider's, and an ISP's peering is
 *    the network though a provider runs it.
 *    (Not a rule: a faulty cable or optic that drops packets, which
 *    writers file under the network as often as under hardware.)
 *    These rules need the mechanism to be a candidate already.
 * Not a rule, on purpose: a query pattern that exhausts the pool (N+1,
 * slow queries holding connections) stays database-query-performance,
 * which its own keywords already decide; and a lock that piles up
 * connections stays database-locking.
 */
/* An account or a system taken over: what made the DNS or the
 * traffic go wrong was an attack. */
static const char *const takeover[] = {
	"compromis*", "hijack*", "breach*", "stolen", "phish*",
	"two factor", "2fa", "mfa", "taken over", "takeover", "leaked",
	"abused", NULL
};

/* A setting written wrong, which the network or the load only showed. */
static const char *const setting_wrong[] = {
	"misconfigur*", "was configured", "were configured",
	"configured to", "was set to", "were set to", "set too",
	"cache rule", "the rule", "rule was", "path pattern", "ttl was",
	"ttl of", "default limit", "limit was set", "config file",
	"configuration file", "config block", "in the config",
	"configuration template", "config template", "idle timeout",
	"set them all", "block mode", "blocking mode",
	/* "the firewall configuration was affected": a setting of ours */
	"firewall configuration", "firewall config", "firewall setting*",
	NULL
};

/* Machines or the room they stand in failing, which the load showed. */
static const char *const hardware_failed[] = {
	"chiller*", "cooling", "overheat*", "air conditioning",
	"power loss", "power outage", "hardware failure", "failed disk*",
	"disk failure", "failed host*", NULL
};

/* A provider's outage, which our network only carried. */
static const char *const provider_down[] = {
	"outage at", "provider s incident", "provider s outage",
	"vendor s incident", "vendor s outage", "provider outage",
	"vendor outage", "their incident", "their side", "their end",
	"status page", "their report", "their later report",
	"according to their", "s incident report", "their post incident*",
	"not only us", "not just us", "outside our control",
	"out of our control", "beyond our control",
	"nothing we could repair", "nothing we could fix", NULL
};

/* A person's action in the wrong place, which the network showed. */
static const char *const action_wrong[] = {
	"by mistake", "accidentally", "mistakenly", "wrong workspace",
	"wrong zone", "wrong account", "wrong environment", "meant to",
	"instead of staging", "wrong host", "wrong file", "meant for",
	"instead targeted", "pointed at production", "shell history",
	"command history", "wrong tab", "production tab", "live tab",
	"wrong server", "wrong machine",
	/* a healthy part taken out in place of the failed one */
	"wrong disk", "wrong drive", "wrong tray", "healthy disk",
	"healthy drive", "the healthy one", NULL
};

/* An attack, which the network only carried. */
static const char *const attack_signs[] = {
	"scraper*", "botnet*", "residential prox*", "ddos",
	"credential stuffing", "brute force", "reflection",
	"amplification", "spoofed", NULL
};

/* A setting of ours (a certificate left to expire, an allowlist that
 * missed an address), which a provider's calls showed. */
static const char *const own_setting[] = {
	"certificate expired", "certificate had expired", "cert expired",
	"expired certificate", "certificate expiry", "allowlist",
	"whitelist", "block mode", "blocking mode", "count only mode",
	"tls certificate", "automatic renewal", NULL
};

/* A secret someone outside found and used: whatever mistake exposed
 * it, the incident is the abuse. */
static const char *const secret_abused[] = {
	"someone found it", "found it and used", "found the token",
	"found the key", "used it to download", "used the token",
	"used the key", NULL
};

/* A lock held by a migration or a job, which every query then waited
 * for. */
static const char *const lock_held[] = {
	"exclusive lock", "access exclusive", "table lock", "held a lock",
	"held the lock", "waited for the lock", "queued behind", NULL
};

/* The internet's own carriers: a peering or transit failure is the
 * network, though a provider runs it. */
static const char *const carrier_down[] = {
	"isp", "isps", "peering", "transit provider", NULL
};

/* Infrastructure as code that replaced what it changed, which the network
 * showed. */
static const char *const infra_replaced[] = {
	"destroyed and created", "destroyed and recreated",
	"infrastructure change", "module version", NULL
};

/* How a release was rolled out, which took the capacity away. */
static const char *const rollout_wrong[] = {
	"rollout strategy", "deployment strategy", "deploy strategy",
	"update strategy", "maxunavailable", "max unavailable",
	"maxsurge", "max surge", "rolling update", "recreate",
	"pilot step", "skipped the pilot", "pilot was skipped",
	"skipped the canary", "canary was skipped", "without a canary",
	NULL
};

/*
 * The rules after the first need the mechanism to be a candidate already
 * (min_share of the best score): the network and the load are where
 * most incidents show, so their words come with nearly every story, and
 * the rules must not pull a category out of one word.
 */
static const struct {
	const char *first, *over;
	const char *const *when;
	double min_share;
} tie_breaks[] = {
	{ "database-connections", "capacity-traffic", pool_exhaustion, 0 },
	{ "security", "network-dns", takeover, ALSO_SHARE },
	{ "security", "network-dns", attack_signs, ALSO_SHARE },
	{ "configuration", "network-dns", setting_wrong, ALSO_SHARE },
	{ "human-error", "network-dns", action_wrong, ALSO_SHARE },
	/* a part pulled from the wrong machine comes with every word of
	 * the hardware it broke */
	{ "human-error", "hardware-infrastructure", action_wrong, 0.3 },
	{ "human-error", "security", action_wrong, ALSO_SHARE },
	/* after the rule above: a secret exposed by mistake and abused */
	{ "security", "human-error", secret_abused, ALSO_SHARE },
	{ "deployment-change", "network-dns", infra_replaced, 0.3 },
	{ "dependency-third-party", "network-dns", provider_down,
	    ALSO_SHARE },
	/* after the rule above: a carrier's failure stays the network */
	{ "network-dns", "dependency-third-party", carrier_down, ALSO_SHARE },
	{ "configuration", "dependency-third-party", own_setting, 0.4 },
	{ "database-locking", "deployment-change", lock_held, ALSO_SHARE },
	{ "security", "dependency-third-party", takeover, 0.3 },
	{ "dependency-third-party", "database-connections", provider_down,
	    ALSO_SHARE },
	{ "dependency-third-party", "capacity-traffic", provider_down,
	    ALSO_SHARE },
	{ "deployment-change", "capacity-traffic", rollout_wrong, ALSO_SHARE },
	{ "deployment-change", "hardware-infrastructure", rollout_wrong,
	    ALSO_SHARE },
	{ "dependency-third-party", "configuration", provider_down,
	    ALSO_SHARE },
	{ "configuration", "capacity-traffic", setting_wrong, ALSO_SHARE },
	{ "hardware-infrastructure", "capacity-traffic", hardware_failed,
	    ALSO_SHARE },
};

void
pm_classify__tie_break(double *scores, const struct pm_taxonomy *tax,
    struct ctext *root_cause, struct ctext *summary, struct ctext *title)
{
	for (size_t r = 0; r < sizeof(tie_breaks) / sizeof(tie_breaks[0]);
	    r++) {
		const struct pm_category *a = pm_taxonomy_find(tax,
		    tie_breaks[r].first);
		const struct pm_category *b = pm_taxonomy_find(tax,
		    tie_breaks[r].over);
		size_t ia, ib;

		if (a == NULL || b == NULL)
			continue;
		ia = (size_t)(a - tax->categories);
		ib = (size_t)(b - tax->categories);
		if (scores[ia] < MIN_SCORE || scores[ib] <= scores[ia] ||
		    scores[ia] < tie_breaks[r].min_share * scores[ib])
			continue;
		if (pm_classify__names_any(root_cause, tie_breaks[r].when) ||
		    pm_classify__names_any(summary, tie_breaks[r].when) ||
		    pm_classify__names_any(title, tie_breaks[r].when))
			scores[ia] = scores[ib] * 1.01;
	}
}
