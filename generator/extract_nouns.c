/*
 * extract_nouns.c: the nouns a share of which is an impact (people, what
 * they use and what they send), and among them the people themselves.
 * No list of nouns can hold them all: in a sentence about the impact,
 * extract_impact.c takes any noun but a machine or a resource.
 */
#include "extract_int.h"

#include <string.h>

/* Nouns a share of which is an impact. */
const char *const x_people[] = {
	"user*", "customer*", "request*", "traffic", "transaction*",
	"account*", "client*", "visitor*", "session*", "merchant*",
	"tenant*", "api call*", "calls", "order*", "checkout*", "login*",
	"log in*", "player*", "subscriber*", "member*", "shopper*",
	"buyer*", "people", "audience", "userbase", "purchases",
	"payments", "page loads", "page views", "pageviews", "seller*",
	"driver*", "rider*", "patient*", "student*", "employee*",
	"sites", "stores", "websites", "queries", "api requests",
	"consumer*", "partner*", "integrator*", "developer*", "donation*",
	"booking*", "reader*", "listener*", "viewer*", "guest*",
	"passenger*", "traveller*", "traveler*", "household*", "home*",
	"upload*", "download*", "payout*",
	"transfer*", "search*", "signup*", "sign up*", "sign in*",
	"signin*", "attempt*", "population", "employer*", "business*",
	"compan*", "organi*", "restaurant*", "shop*", "school*",
	"teacher*", "pay run*", "payroll*", "storefront*", "reqs", "lookup*",
	"event*", "dashboard*", "loads", "invoice*", "pipeline*",
	"renewal*", "confirmation*", "deliveries", "shipment*", "parcel*",
	"ticket*", "receipt*", "statement*", "scanner*", "terminal*",
	"unit*", "our base", "message*", "donor*", "production line*",
	"visit*", "appointment*", "consultation*", "regulars",
	/* the devices people use */
	"device*", "laptop*", "desktop*", "workstation*", "tablet*",
	"handset*", "phone*", "handheld*",
	/* what a business is made of, or handles for people */
	"hotel*", "clinic*", "pharmac*", "branch*", "bags", "claims",
	/* the people an organisation serves or employs */
	"staff", "personnel", "clinician*", "publisher*", "resident*",
	"supporter*", "ticket holder*", "account holder*", "policyholder*",
	"citizen*", "arrivals", "recipient*", "those who", "candidate*",
	/* the informal words for people */
	"ppl", "folks", "peeps", NULL
};

/* The people among them: a share of these beats a share of requests in
 * the same sentence ("12% of page loads, and 38% of active users"). */
const char *const x_persons[] = {
	"user*", "customer*", "account*", "client*", "visitor*", "merchant*",
	"tenant*", "player*", "subscriber*", "member*", "shopper*", "buyer*",
	"people", "seller*", "driver*", "rider*", "patient*", "student*",
	"employee*", "consumer*", "partner*", "developer*", "reader*",
	"listener*", "viewer*", "guest*", "passenger*", "traveller*",
	"traveler*", "household*", "employer*", "business*", "compan*",
	"organi*", "restaurant*", "shop*", "school*", "teacher*", "store*",
	"donor*", "staff", "personnel", "clinician*", "publisher*",
	"regulars",
	"resident*", "supporter*", "ticket holder*", "account holder*",
	"policyholder*", "citizen*", "recipient*", "those who",
	"candidate*", "ppl", "folks", "peeps", NULL
};

/* Words that make a sentence about impact. */
const char *const x_impact_words[] = {
	"affect*", "impact*", "unable", "could not", "couldn't", "cannot",
	"can't", "unavailable", "down", "outage", "failed", "fail*",
	"error*", "timeouts", "experienced", "lost", "degraded",
	"logged out", "broken", "stuck", "blocked", "timed out",
	"declined", "rejected", "delay*", "hung", "offline", "dropped",
	"missed", "refus*", "bounce*", "denied", "locked out", "went silent",
	"disrupt*", "interrupt*", "disconnect*", "froze", "frozen",
	"freez*", "maintenance page",
	/* harm told plainly, without an engineer's word for it */
	"unpaid", "not paid", "turned away", "left without", "stranded",
	"without service", "charged twice", "double charged",
	"did not receive", "didn't receive", "never received",
	"not received", "this problem", "the problem", "stood idle",
	"sat idle", "out of service", "out of action", "late",
	"had to wait", "had to queue", "went stale", "stopped updating",
	"stopped working", "got a timeout", "hit a timeout",
	/* data late or wrong rather than a service down */
	"stale", "outdated", "out of date", "old data", "wrong data",
	"incorrect", "duplicate*", NULL
};

/*
 * Plurals that end like people and are not: what a share of them is
 * says nothing about who was hurt ("40% of errors", "12% of
 * components").  The devices people use (meters, chargers, scanners)
 * are not here: a share of them is an impact, as in x_people.
 */
static const char *const not_agents[] = {
	"errors", "servers", "routers", "containers", "clusters", "brokers",
	"buffers", "headers", "parameters", "layers", "filters", "timers",
	"numbers", "letters", "characters", "chapters", "markers",
	"identifiers", "others", "answers", "folders", "handlers",
	"controllers", "triggers", "counters", "centers", "centres",
	"monitors", "peers", "components", "segments", "elements",
	"documents", "incidents", "deployments", "environments",
	"experiments", "requirements", "adjustments", "assignments",
	"attachments", "comments", "amounts", "variants", "constants",
	"contents", "moments", "investments", "arguments", "fragments",
	"instruments", "departments", "sectors", "factors", "vectors",
	"colors", "colours", "floors", "doors", "mirrors", "processors",
	"cursors", "selectors", "connectors", "generators", "indicators",
	"executors", "descriptors", "validators", "tiers", "papers",
	"covers", "towers", "powers", "offers", "registers", "matters",
	"masters", "producers", "writers", "workers", "parsers", "loaders",
	"schedulers", "balancers", "resolvers", "pointers", "integers",
	"barriers", "borders", "quarters", "corners", "dollars", "chambers",
	"engineers", "responders", "providers", "vendors", "carriers",
	"suppliers", "regulators", "auditors", "investigators", "analysts",
	"specialists", "events", "payments", "statements", "shipments",
	"appointments", "settlements", "scanners", "printers", "computers",
	"sensors", "meters", "chargers", "trackers", NULL
};

/*
 * "Workers" are far more often processes than people in a postmortem,
 * but not when the words after them tell of a working day: "2,600
 * workers rostered to fly", "9,500 workers could not punch in".
 */
static const char *const workday_words[] = {
	"roster*", "punch*", "clock in", "clock on", "clocking", "shift*",
	"wage*", "salar*", "payslip*", "badge in", "fly", NULL
};

static int
workers_at_work(const char *s, size_t len, size_t e)
{
	for (int words = 0; e < len && words < 4; words++) {
		e = x_skip_blanks(s, len, e);
		if (e >= len || s[e] == ',' || s[e] == '.' || s[e] == ';')
			return 0;
		if (x_phrase_at_any(s, len, e, workday_words))
			return 1;
		while (e < len && s[e] != ' ')
			e++;
	}
	return 0;
}

/*
 * "Every trader on the floor was affected": one of a kind that the
 * clause says was hurt, past a place of up to six words ("on the
 * floor"), is a person too.  Not "every chiller plant was affected",
 * where a noun, not a place, follows the word that ends like a person.
 */
static int
one_hurt_after(const char *s, size_t len, size_t e)
{
	static const char *const places[] = {
		"on", "in", "at", "across", "from", NULL
	};
	static const char *const hurt[] = {
		"was affected", "was impacted", "was hit", "could not",
		"couldn't", "was unable", "was locked out", NULL
	};
	size_t k = x_skip_blanks(s, len, e);

	if (x_phrase_at_any(s, len, k, places))
		for (int words = 0; words < 6; words++) {
			while (k < len && x_alnum((unsigned char)s[k]))
				k++;
			k = x_skip_blanks(s, len, k);
			if (k >= len || !x_alnum((unsigned char)s[k]) ||
			    x_phrase_at_any(s, len, k, hurt))
				break;
		}
	return x_phrase_at_any(s, len, k, hurt) != 0;
}

/* Endings of plural words for people: claimants, residents, couriers,
 * retailers, donors, trainees, pharmacists, librarians. */
static const char *const agent_endings[] = {
	"ants", "ents", "ers", "ors", "ees", "ists", "ians", NULL
};

/* A plural of people at s[i], or with one, the singular followed by
 * "who" ("every applicant who"), whose plural must not be one of
 * not_agents. */
static size_t
agent_at(const char *s, size_t len, size_t i, int one)
{
	const char *const *p;
	char plural[48];
	size_t e = i;

	while (e < len && ((s[e] >= 'a' && s[e] <= 'z') ||
	    (s[e] >= 'A' && s[e] <= 'Z')))
		e++;
	if (e - i < 4 + !one || e - i + 2 > sizeof(plural) ||
	    (e < len && x_alnum((unsigned char)s[e])))
		return 0;
	memcpy(plural, s + i, e - i);
	plural[e - i] = 's';
	plural[e - i + one] = '\0';
	for (p = agent_endings; *p; p++) {
		size_t n = strlen(*p), w = e - i + (size_t)one, k = 0;

		while (k < n && x_lower((unsigned char)plural[w - n + k]) ==
		    (*p)[k])
			k++;
		if (k == n && (x_phrase_at_any(plural, w, 0, not_agents) != w ||
		    (w == 7 && memcmp(plural, "workers", 7) == 0 &&
		    workers_at_work(s, len, e))))
			break;
	}
	if (*p == NULL)
		return 0;
	/* one of a kind is a person only when a "who" says so ("every
	 * applicant who tried"; not "every chiller plant") or the clause
	 * says it was hurt */
	if (one && !x_phrase_at(s, len, x_skip_blanks(s, len, e), "who") &&
	    !x_phrase_at(s, len, x_skip_blanks(s, len, e), "whose") &&
	    !one_hurt_after(s, len, e))
		return 0;
	return e;
}

size_t
x_agent_noun_at(const char *s, size_t len, size_t i)
{
	return agent_at(s, len, i, 0);
}

size_t
x_agent_one_at(const char *s, size_t len, size_t i)
{
	return agent_at(s, len, i, 1);
}
