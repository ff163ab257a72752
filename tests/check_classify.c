/*
 * check_classify.c - root-cause categories: the cause wins over the
 * symptom, doubted causes count nothing, the taxonomy from pmsite.yml
 * extends or replaces the built-in one, and its errors name the line.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "classify.h"
#include "config.h"
#include "ingest.h"
#include "markdown.h"
#include "yamltree.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The primary category of a root cause, with the built-in taxonomy. */
static const char *
primary(const char *root, const char *summary, const char *title)
{
	const char *ids[4];

	assert_true(pm_classify_text(ids, 4, pm_taxonomy_default(), root,
	    summary, title) >= 1);
	return ids[0];
}

/* A root cause and the primary category it should get. */
struct cause_case {
	const char *root, *want;
};

static void
check_causes(const struct cause_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *got = primary(cases[i].root, NULL, NULL);

		if (strcmp(got, cases[i].want) != 0)
			fail_msg("\"%s\": got %s, want %s", cases[i].root,
			    got, cases[i].want);
	}
}

static void
test_cause_not_symptom(void **state)
{
	static const struct cause_case cases[] = {
		{ "High CPU on the database caused by a deadlock.",
		    "database-locking" },
		{ "A query missing an index.", "database-query-performance" },
		{ "A surge of connections.", "database-connections" },
		{ "We initially suspected a DDoS attack, but the cause was a "
		    "retry bug in the mobile client.", "software-bug" },
		{ "The database was fine; packet loss on one load balancer "
		    "made queries time out.", "network-dns" },
		{ "The TLS certificate of the API expired because renewal "
		    "was manual.", "configuration" },
		{ "Someone ran the cleanup script against production instead "
		    "of staging.", "human-error" },
		{ "Our payment provider had an outage on their side.",
		    "dependency-third-party" },
		{ "The UPS failed to transfer when the power feed dropped.",
		    "hardware-infrastructure" },
		{ "An access key was leaked in a public repository and used "
		    "by attackers.", "security" },
		{ "Traffic from a viral post was ten times our capacity.",
		    "capacity-traffic" },
		{ "The release skipped the canary and shipped the wrong "
		    "build.", "deployment-change" },
		{ "Each pod opened a connection pool of 40 and the database "
		    "hit max_connections.", "database-connections" },
		{ "An N+1 pattern exhausted the connection pool: one query "
		    "per author.", "database-query-performance" },
		/* a limit a setting decides, with the suspect denied */
		{ "We blamed the database, but it was never busy. The real "
		    "problem was the soft limit of 1024 open files per "
		    "worker, so new connections were refused.",
		    "configuration" },
		{ "After the upgrade MySQL listened on 127.0.0.1 only, the "
		    "bind address of the packaged my.cnf, so every "
		    "connection from the app servers was refused. Raising "
		    "max_connections did not help.", "configuration" },
		{ "The slot lookup compared suburb names byte for byte and "
		    "never applied Unicode normalization, so two spellings "
		    "that look the same did not match.", "software-bug" },
		{ "The only air conditioning unit of the server room lost "
		    "its compressor overnight and the switches shut down "
		    "when the room got too hot.", "hardware-infrastructure" },
		{ "An engineer ran a statement that was not the one they "
		    "meant to run against the orders table.", "human-error" },
		{ "A manual command was run with the wrong argument: a "
		    "wildcard matched ten nodes instead of one.", "human-error" },
		{ "A software defect: a regular expression with nested "
		    "quantifiers, vulnerable to catastrophic backtracking. The "
		    "addresses were unusual but not malicious.",
		    "software-bug" },
		/* what a change broke, named by its compatibility */
		{ "The root cause was traced to a compatibility issue between "
		    "the payment gateway and a recent API update.",
		    "deployment-change" },
		/* what the story calls symptoms counts for nothing */
		{ "A query in the release that could not use an index. The "
		    "pool exhaustion and the CPU were symptoms.",
		    "database-query-performance" },
		{ "The weekly job runs a plain REINDEX, which blocks every "
		    "write to the table until it finishes.",
		    "database-locking" },
		{ "The catalogue grew until the thumbnail cache ran out of "
		    "inodes; nothing was broken.", "capacity-traffic" },
		/* words that are other things in other trades: a courier's
		 * route, a sign-up, a reference generator */
		{ "Route-close held one transaction open for an hour; every "
		    "scan of a parcel waited for its row lock.",
		    "database-locking" },
		{ "Bots scripted the sign-ups through the API to farm the "
		    "referral bonus: an attack on a flow with no rate limit.",
		    "security" },
		{ "Our reference generator gave two donations the same "
		    "reference: references collided once a third server "
		    "joined.", "software-bug" },
		{ "The transceiver in port 14 of the storage controller was "
		    "failing and corrupted reads with CRC errors.",
		    "hardware-infrastructure" },
		{ "The site had been sized and tested for 5,000 people at "
		    "once; 11,000 arrived at the same moment and the waiting "
		    "room was off.", "capacity-traffic" },
		{ "The secret rotation job only updates the clusters in its "
		    "inventory file; the new cluster kept the old secret.",
		    "configuration" },
		{ "The engineer ran the script in a terminal whose "
		    "environment still pointed at production.",
		    "human-error" },
		{ "The engineer switched tabs to run the test commands, but "
		    "the focus stayed on the production tab.", "human-error" },
		{ "The engineer recalled the earlier command from the command "
		    "history and ran the purge with the production connection.",
		    "human-error" },
		{ "The backplane of the chassis had a failing connector that "
		    "dropped the link to different drives in turn.",
		    "hardware-infrastructure" },
		{ "The engineer had exported the production variables in a "
		    "terminal tab that he later reused to run the clean-up.",
		    "human-error" },
		{ "The next-page cursor was the creation timestamp of the "
		    "last item, so the pagination returned the same page "
		    "again and again when two items shared it.",
		    "software-bug" },
		{ "MapTerra's incident report describes a faulty release of "
		    "their key validation service that rejected our keys.",
		    "dependency-third-party" },
		{ "The broker's single network card was failing, so its link "
		    "dropped and every session on it reconnected.",
		    "hardware-infrastructure" },
		{ "The lookup's OR over group_id could not use an index and "
		    "scanned the table on every poll of the waiting room.",
		    "database-query-performance" },
		{ "The relay's public address was hard-coded per host in the "
		    "old configuration; the new config renders the private "
		    "address instead.", "configuration" },
		{ "Their data center in Campinas had a storage fault, so "
		    "their authorization system timed out for our requests.",
		    "dependency-third-party" },
		/* a cache that keeps what it should drop is a leak */
		{ "The session cache never evicted entries after the key "
		    "format changed, the heap filled and garbage collection "
		    "stalled every node.", "software-bug" },
		/* a rewrite of our own code, whatever query it runs */
		{ "The March rewrite moved the check to vehicle records and "
		    "the query joined payments to vehicles; in the old code "
		    "it read memberships.", "software-bug" },
		/* a provider chased first is a red herring, not the cause */
		{ "The alert group in the config inventory matched every "
		    "host named relay-*, the old one too. We lost an hour "
		    "chasing the SMS provider first.", "configuration" },
		/* a cache's lifetime set wrong is a setting, not DNS */
		{ "The cache TTL of the daily report became 15 hours instead "
		    "of 15 minutes in Tuesday's move.", "configuration" },
		/* the planner's choice, told without "slow query" */
		{ "After the bulk load the table's statistics went stale and "
		    "the planner picked a nested loop over forty million "
		    "rows.", "database-query-performance" },
		{ "The import job connects straight to the ledger database, "
		    "without a pooler, and its workers held 180 of the 200 "
		    "slots for the whole run.", "database-connections" },
		{ "The blue/green switch started the new colour before the "
		    "old one was drained, so both colours sent the batch.",
		    "deployment-change" },
		{ "The collector's Java DNS caching was set to forever, so it "
		    "kept polling the vendor's old cluster after the vendor "
		    "moved their feed to a new one.", "network-dns" },
		{ "The first forwarder at our internet provider died, so "
		    "every uncached name waited five seconds.",
		    "network-dns" },
		{ "An analyst typed the start date of the new price list as "
		    "2025 instead of 2026; the form took it without a second "
		    "person looking.", "human-error" },
		/* an attack told through how it worked */
		{ "Someone aimed a reflection flood at our game servers: open "
		    "DNS and CLDAP servers answered spoofed requests with large "
		    "packets, and the transit links filled with packet loss "
		    "for everyone.", "security" },
		{ "A new label printer was given a static IP that the "
		    "database proxy already used, so two devices answered for "
		    "the same address and the switches sent its traffic back "
		    "and forth.", "network-dns" },
		{ "After the power came back, every router reconnected within "
		    "two minutes and sent far more requests than the "
		    "authentication cluster could answer; our sizing assumed "
		    "they would come back slowly.", "capacity-traffic" },
		{ "The chart's new version reads the annotations from another "
		    "key of the values file, so the ingress lost its body size "
		    "limit and went back to 1 MB.", "configuration" },
		{ "The rota code computed the week of the cycle with the ISO "
		    "week modulo 52, and this year has 53 weeks, so week 53 "
		    "showed the empty first week of next year.",
		    "software-bug" },
		/* the wrong machine, told in the words of its hardware */
		{ "The technician unplugged power and pulled the disks from "
		    "the wrong server: the RAID controller alarms and the rack "
		    "labels were on the neighbouring host.", "human-error" },
		{ "The leaderboard query now wraps the column in lower(), so "
		    "it reads the whole table on each call; those calls held "
		    "their connections and filled the pool.",
		    "database-query-performance" },
		/* a stranger's name, but "their report" tells whose it was */
		{ "Relaymesh's east region kept routing to a failed node "
		    "(their report names it), and our app was pinned there.",
		    "dependency-third-party" },
		/* a hole anyone could reach, found by a scanner */
		{ "An outdated gallery plugin let anyone change its settings "
		    "without being logged in, and an automated scanner used "
		    "that to add a redirect to every page.", "security" },
		/* the ports of a NAT used up, whatever the provider showed */
		{ "Every outgoing call leaves through one NAT gateway with a "
		    "single public address, and at three times the usual "
		    "traffic it ran out of source ports towards the payment "
		    "provider, so new connections were dropped.",
		    "network-dns" },
		/* a sandbox that is the product, not a test endpoint */
		{ "Every learner works in a sandbox. The sandbox cluster "
		    "holds 600 sandboxes, and at noon 4,000 learners opened "
		    "the new project at the same moment.",
		    "capacity-traffic" },
		/* a prepared statement's generic plan, not its setting */
		{ "After the fifth run Postgres switched the prepared "
		    "statement to a generic plan that walks the created_at "
		    "index, fine for small tenants and terrible for the "
		    "largest one; CPU went to 100% and the setting "
		    "plan_cache_mode was left at auto.",
		    "database-query-performance" },
		/* a secret exposed by a mistake and then abused */
		{ "A contractor saved the admin token by mistake in a public "
		    "Postman workspace; someone found it and used it to "
		    "download the customer list.", "security" },
		{ "The government's company registry was overloaded on the "
		    "filing deadline and answered few of our calls; that was "
		    "outside our control, and our own servers were idle.",
		    "dependency-third-party" },
		/* a decision made outside, which shows in network words */
		{ "A court order made the internet providers block the "
		    "CDN addresses that our site shares with illegal streams; "
		    "our DNS answered normally.", "other" },
		{ "This was not a technical failure: the regulator ordered "
		    "all networks to stop bulk SMS for 36 hours.", "other" },
		{ "The mobile networks cut internet access for three hours, "
		    "an internet shutdown ordered for the national exams.",
		    "other" },
		/* a telecom operator's maintenance is the provider's */
		{ "The mobile operator took its recharge API down for "
		    "maintenance without telling its resellers, and the "
		    "operator finished its maintenance two hours late.",
		    "dependency-third-party" },
		{ "We have not found a root cause. Our sender logged a "
		    "success for every push; a support case with the push "
		    "provider is open.", "other" },
		{ "After two weeks we still do not know the cause. There was "
		    "no deploy and no configuration change; the threads wait "
		    "on a socket.", "other" },
		/* the writer's way of pointing at whose service failed */
		{ "The problem was not ours. The invoicing web service of the "
		    "tax agency was degraded and timed out; we depend 100% on "
		    "it, and our contingency mode was not on by default.",
		    "dependency-third-party" },
		{ "The trigger was a failover inside the national card "
		    "switch, which is operated by a third party and connects "
		    "acquirers like us to the Danish card issuers. At 11:12 "
		    "CET the switch operator moved traffic from its primary "
		    "site to its secondary site after a storage alarm. The "
		    "switch's secondary site had not received the routing "
		    "table update of 3 February, in which the issuer "
		    "identification ranges of two banks changed. Nothing in "
		    "our own platform failed.", "dependency-third-party" },
		{ "The aggregator moved its transaction database to new "
		    "hardware on the morning of 31 October. Their own report "
		    "says that a connection setting on the new database "
		    "limited the number of parallel payment confirmations, so "
		    "calls from all their clients queued. Calls from us timed "
		    "out after 30 s. Nothing changed on our side.",
		    "dependency-third-party" },
		/* a regulator told, not obeyed, names no category */
		{ "A full disk on the database host stopped writes; we "
		    "reported the outage to the regulator the same day.",
		    "capacity-traffic" },
	};

	(void)state;
	check_causes(cases, COUNT(cases));
}

/*
 * Tie-breaks between categories that the same story names (classify.c
 * lists them): a connection pool exhausted by more traffic is a
 * connection problem, the mechanism that failed, not a capacity one; the
 * same story told by its summary decides the same.
 */
static void
test_tie_breaks(void **state)
{
	static const struct {
		const char *root, *summary, *want;
	} cases[] = {
		{ "The nightly export scaled out to 60 workers after a "
		    "traffic increase, and each worker opened its own pool of "
		    "8 connections. Together they used up max_connections on "
		    "the database and the API could not get a connection.",
		    "Traffic to the API doubled during the sale.",
		    "database-connections" },
		{ "A traffic spike from the newsletter tripled requests and "
		    "the connection pool was exhausted.", NULL,
		    "database-connections" },
		{ "Autoscaling added pods under a surge of traffic; each pod "
		    "opened 20 connections until the database hit its "
		    "connection limit.",
		    "Peak load, three times the usual traffic.",
		    "database-connections" },
		{ NULL, "The checkout API ran out of database connections when "
		    "traffic grew fivefold: the connection pool was exhausted.",
		    "database-connections" },
		/* without a pool or a limit, load stays a capacity problem */
		{ "A traffic surge from a TV spot was five times our "
		    "capacity; the web tier could not keep up.", NULL,
		    "capacity-traffic" },
		/* and a query pattern that exhausts the pool stays a query
		 * problem */
		{ "An N+1 query pattern exhausted the connection pool during "
		    "a traffic peak: one query per item.", NULL,
		    "database-query-performance" },
		/* the network and the load show what another layer did */
		{ "Our DNS records were changed to point at a stranger's "
		    "servers after the registrar account was compromised "
		    "with a reused password.",
		    "The domain resolved to the wrong servers for an hour.",
		    "security" },
		{ "A CDN cache rule was configured to override the origin's "
		    "headers, and its path pattern also matched /account, so "
		    "the CDN served one customer's page to others.",
		    "Account pages were cached by the CDN.", "configuration" },
		/* a firewall set wrong while another box was tuned */
		{ "The load balancer was tuned and the firewall configuration "
		    "was changed with it: every port but 22 was blocked.",
		    "Visitors could not reach the site behind the firewall.",
		    "configuration" },
		{ "The deployment strategy was changed to Recreate, so every "
		    "pod restarted at once and the capacity left could not "
		    "take the traffic.", "Checkout failed under load.",
		    "deployment-change" },
		{ "The only chiller of hall B failed; the hosts overheated, "
		    "throttled and could not keep up with the evening "
		    "traffic.", "Requests queued under the evening load.",
		    "hardware-infrastructure" },
		{ "An outage at our managed DNS provider: their name servers "
		    "dropped queries after a bad configuration push.",
		    "Our portal's names did not resolve.",
		    "dependency-third-party" },
		{ "A configuration change to the load balancer: the health "
		    "check path was changed to one the app does not serve yet.",
		    "Every target was marked unhealthy.", "configuration" },
		{ "The load balancer's virtual server moved to the new "
		    "configuration template, which has no persistence profile "
		    "for the load balancer pool.",
		    "Customers were logged out by the load balancer.",
		    "configuration" },
		/* our certificate, though the provider's calls failed */
		{ "When you pay, our payment provider calls back our "
		    "servers. One server's certificate expired, so the "
		    "payment provider's confirmations to it were refused by "
		    "the provider's client.",
		    "Payments could not be confirmed.", "configuration" },
		/* a provider's own configuration change is their outage */
		{ "The platform holder's account service had a failure. "
		    "According to their later report, a configuration change "
		    "in their token service caused timeouts.",
		    "Console logins failed.", "dependency-third-party" },
		/* a release that skipped its pilot, whatever it broke */
		{ "Release 5.3 was deployed to every site because the pilot "
		    "step was skipped. Printer firmware older than 2018 "
		    "ignores the new font command, and old firmware is still "
		    "on the printers of two sites.",
		    "Label printers with old firmware printed blank labels.",
		    "deployment-change" },
		/* a migration's lock is a lock */
		{ "The release shipped a migration that rewrote the "
		    "appointments table; the migration ran during the deploy "
		    "and held an exclusive lock on the table while bookings "
		    "queued behind it.",
		    "Bookings hung during the deploy of the migration.",
		    "database-locking" },
		/* a leaked key the provider suspended us for */
		{ "Our SMS provider suspended the account after fraud: the "
		    "API key was leaked in the app bundle and abused to send "
		    "messages through the provider.", "The SMS provider "
		    "stopped sending our codes; the provider's support "
		    "confirmed the suspension.", "security" },
		/* an ISP's peering is the network, though a provider runs it */
		{ "The ISP's peering session in Mumbai failed and our traffic "
		    "took a congested transit detour through Singapore; on "
		    "their side the provider restored the peering.",
		    "Live classes stuttered for students on the provider's "
		    "network.", "network-dns" },
		/* a provider's capacity, which others felt too */
		{ "TuneKey's licence API failed over to a replica that could "
		    "not keep up with the evening traffic of all their "
		    "customers, not only us; their post-incident note says "
		    "it was sized for a normal night.",
		    "Song lyrics failed to load during the evening peak.",
		    "dependency-third-party" },
		/* a lock told in plain words, and a release blamed */
		{ "The stock-take screen holds on to every product on its "
		    "list until the count is saved; every order for one of "
		    "those products waited for it.",
		    "Checkout hung after the new seed list was released.",
		    "database-locking" },
		/* a lock named by the query that takes it, beside a
		 * provider the job calls */
		{ "The top-up job opens one transaction, selects every "
		    "credit row FOR UPDATE, then calls the payment provider "
		    "for each family; every booking waited behind the job's "
		    "lock until it timed out.",
		    "Bookings failed on Saturday morning.",
		    "database-locking" },
		/* a fault owned in plain words */
		{ "Slots store a start and an end with no date, so a slot "
		    "past midnight had a negative length. The fault is in "
		    "our own code, not in bad data.",
		    "Every evening room showed as fully booked.",
		    "software-bug" },
		{ "decline_offer() never checked whether the offer had "
		    "already been declined, so a second click shifted the "
		    "list again.",
		    "The waiting list pages failed.", "software-bug" },
		/* a provider's report of its own failure */
		{ "StampPDF's own report says a storage failure in their "
		    "main data centre stopped their processing.",
		    "Downloads stuck after purchase.",
		    "dependency-third-party" },
		/* two changes that had to ship in order */
		{ "The two merge requests were approved on the same day, "
		    "but the web one was merged first and called an API "
		    "that did not exist yet.",
		    "Checkout failed for everyone.", "deployment-change" },
		/* stolen cards tried on our form, the provider doubted */
		{ "We first read it as the card processor having an outage. "
		    "Someone was card testing through our pay step.",
		    "Real customers' cards were declined.", "security" },
		/* a function around the indexed column */
		{ "With a function wrapped around the column, Postgres "
		    "can't use the index on created_at, and the disk filled "
		    "with temp files.",
		    "Reports timed out.", "database-query-performance" },
		/* what was shipped was not what was tested */
		{ "Production got a fresh build with another dependency "
		    "version than the one tested on staging: the SDK was "
		    "not pinned.",
		    "Card payments failed.", "deployment-change" },
		{ "The recorder took all of the DSL line's upload. This was "
		    "a network problem inside our own building.",
		    "Livestreams stuttered.", "network-dns" },
		/* the security scare it was not */
		{ "A refactor dropped the customer ID from the fragments' "
		    "keys. There was no attacker, and no credentials were "
		    "involved. This was a bug in our library.",
		    "Customers saw other customers' pages.",
		    "software-bug" },
		/* name lookups told in plain words */
		{ "The venue's Wi-Fi answers address lookups through a "
		    "filtering service, which did not know our new address.",
		    "The app showed No connection for most attendees.",
		    "network-dns" },
		/* the healthy disk pulled in place of the failed one */
		{ "The alert said disk 1 failed, counting from 0; the "
		    "engineer took out tray 1, which held the healthy disk, "
		    "and the array lost both disks.",
		    "The print service went down when its server lost both "
		    "disks.", "human-error" },
		/* a provider's database ran out of connections */
		{ "The provider has told us that a database cluster behind "
		    "their challenge service reached its connection limit and "
		    "its connection pool was exhausted; their report is due.",
		    "3-D Secure challenges timed out at the provider.",
		    "dependency-third-party" },
		/* an allowlist of ours missed a vendor's new range */
		{ "Our allowlist is generated from the vendor register "
		    "export, which was stale, so the vendor's new address range "
		    "was missing from the allowlist.",
		    "The vendor could not reach us.", "configuration" },
		/* a provider's rule set we applied in the wrong mode */
		{ "Our WAF provider publishes managed rule sets. The change "
		    "said to apply version 2 in count only mode; it was "
		    "applied in block mode and the provider's rules blocked "
		    "invoices.", "The provider's WAF blocked uploads.",
		    "configuration" },
		/* infrastructure as code that replaced the load balancer */
		{ "A routine infrastructure change upgraded our Terraform "
		    "load balancer module; the new module version renames the "
		    "load balancer, so it was destroyed and created again with "
		    "a new address while DNS still pointed at the old load "
		    "balancer.", "Tickets could not be bought: DNS pointed at "
		    "a load balancer that was gone.", "deployment-change" },
		/* a timeout we set, which the load balancer enforced */
		{ "The change set them all to 30 seconds: the load balancer "
		    "idle timeout cut the export requests that need minutes, "
		    "behind the load balancer of the export service.",
		    "Exports failed with timeouts at the load balancer.",
		    "configuration" },
		/* a scraper from residential proxies is an attack */
		{ "The scraper requests came from 2,600 IP addresses in "
		    "residential proxy networks, so no single IP address "
		    "tripped our per-IP rate limit at the CDN.",
		    "Search was slow for everyone on the network.",
		    "security" },
		/* our TLS certificate, whose renewal used a provider we left */
		{ "The TLS certificate for the API expired at 11:20. "
		    "Automatic renewal had been failing because it still used "
		    "credentials for the DNS provider we left.",
		    "The apps could not reach the API.", "configuration" },
		/* a person's action, whatever machine it reached */
		{ "An engineer ran the firmware playbook with the wrong host "
		    "limit; it was meant for the lab and instead targeted "
		    "production, where the firmware update rebooted three "
		    "storage nodes.", "Storage pool outage during firmware "
		    "work on the storage hardware.", "human-error" },
		/* but one word does not pull a category that does not fit */
		{ "A traffic spike from a TV spot was ten times our capacity; "
		    "the rule was that we scale at 70% CPU.", NULL,
		    "capacity-traffic" },
	};

	(void)state;
	for (size_t i = 0; i < COUNT(cases); i++) {
		const char *got = primary(cases[i].root, cases[i].summary,
		    NULL);

		if (strcmp(got, cases[i].want) != 0)
			fail_msg("case %zu: got %s, want %s", i, got,
			    cases[i].want);
	}
}

/* Causes told in a trade's own words, and business words that are no
 * cause: an insurer's "renewal" is not a certificate's. */
/*
 * A verdict in so many words decides over the mechanism told around it;
 * a doubted or a vague one does not, and in "a deployment mistake" the
 * kind is the word before the general noun.
 */
static void
test_verdicts(void **state)
{
	static const char story[] = "Requests for the www host were "
	    "answered 400 after DNS moved to the new server; the redirect "
	    "from the www domain, a DNS and HTTPS detail, was lost.";
	struct pm_buf b = PM_BUF_INIT;

	(void)state;
	assert_string_equal(primary(story, NULL, NULL), "network-dns");
	pm_buf_printf(&b, "The root cause was a configuration error. %s",
	    story);
	assert_string_equal(primary(b.ptr, NULL, NULL), "configuration");
	/* in the summary when the root cause gives none */
	assert_string_equal(primary(story, "Bookings failed for two hours. "
	    "The root cause was a configuration error in the new server.",
	    NULL), "configuration");
	/* doubted, or naming an event rather than a kind of cause */
	pm_buf_clear(&b);
	pm_buf_printf(&b, "We first thought the root cause was a "
	    "configuration error. %s", story);
	assert_string_equal(primary(b.ptr, NULL, NULL), "network-dns");
	pm_buf_clear(&b);
	pm_buf_printf(&b, "The root cause was a change. %s", story);
	assert_string_equal(primary(b.ptr, NULL, NULL), "network-dns");
	/* a likeness is a doubt, however exact (the story is its own
	 * summary when the report has none) */
	{
		static const char looked[] = "Release 4.2 was deployed with "
		    "the test environment file. Every request went to the "
		    "test API behind the VPN and timed out. This looked "
		    "exactly like a network outage.";

		assert_string_equal(primary(looked, looked, NULL),
		    "deployment-change");
	}
	/* the root cause's verdict before the summary's */
	assert_string_equal(primary("The cause was a human error: a rule "
	    "removed by hand from the firewall.", "The root cause was a "
	    "network problem.", NULL), "human-error");
	assert_string_equal(primary("The root cause was a DNS problem on "
	    "our own servers: dnsmasq crashed on a bug and stayed down.",
	    NULL, NULL), "network-dns");
	/* "mistake" alone is a person's; a deployment mistake is not */
	assert_string_equal(primary("The root cause was a mistake made by "
	    "one of us while tidying old certificates: the production one "
	    "was revoked.", NULL, NULL), "human-error");
	assert_string_equal(primary("The root cause was a deployment "
	    "mistake: the release went to every till at once instead of "
	    "one store first.", NULL, NULL), "deployment-change");
	/* a noun of an event gives no verdict by itself */
	assert_string_equal(primary("The root cause was a database "
	    "migration that held an exclusive lock on the bookings table "
	    "while it rewrote it; every booking waited for the lock.", NULL,
	    NULL), "database-locking");
	/* a noun that leans nowhere is told by its relative clause, over
	 * words of an outside party elsewhere ("their service address") */
	assert_string_equal(primary("We released a change so residents can "
	    "search by their service address or by account number, and "
	    "their service address lookups went through a vendor API. "
	    "The root cause is a query that could not use its index.",
	    NULL, NULL), "database-query-performance");
	/* where the writer puts the mistake */
	assert_string_equal(primary("We added an address pool to two "
	    "access routers; the pool was entered with a /24 mask instead "
	    "of /20, and DHCP leases ran out on the network. The mistake "
	    "was in the configuration itself.", NULL, NULL),
	    "configuration");
	/* a cause the writer could not determine is none, whatever the
	 * preliminary report had named */
	assert_string_equal(primary("We have not been able to determine "
	    "the root cause. Our preliminary report named a fault in an "
	    "aggregation switch, but the manufacturer found no fault.",
	    NULL, NULL), "other");
	/* a label's bare value is a verdict, a description is not */
	assert_string_equal(primary(story, "Root cause: configuration. "
	    "The timeout went into the wrong block.", NULL), "configuration");
	/* as is the value once the label is read off the root cause */
	pm_buf_clear(&b);
	pm_buf_printf(&b, "configuration. %s", story);
	assert_string_equal(primary(b.ptr, NULL, NULL), "configuration");
	pm_buf_clear(&b);
	pm_buf_printf(&b, "Version 2. %s", story);
	assert_string_equal(primary(b.ptr, NULL, NULL), "network-dns");
	/* a noun phrase for an opening sentence is a label's value too
	 * (a sentence with a verb is not: test_tie_breaks' "A traffic
	 * spike from the newsletter tripled requests and ...") */
	assert_string_equal(primary("a network failure between the depot "
	    "and the data centre. Our hosting provider's carrier lost a "
	    "link, and the provider routed us over its backup carrier, "
	    "whose vendor's path dropped packets.", NULL, NULL),
	    "network-dns");
	assert_string_equal(primary("A query without an index read and "
	    "discarded millions of rows for each page.", "Root cause: "
	    "deep-offset pagination on the audit table.", NULL),
	    "database-query-performance");
	pm_buf_free(&b);
}

static void
test_trade_words(void **state)
{
	static const struct cause_case cases[] = {
		{ "The renewal print run locked each policy it read until "
		    "the whole batch was done, and agents' amendments waited "
		    "on those locks.", "database-locking" },
		{ "Each sign-on ran a subquery over 28 days of duty records "
		    "for every line of the day.",
		    "database-query-performance" },
		{ "After the upgrade the tables had no statistics, so the "
		    "query planner chose nested loops.",
		    "database-query-performance" },
		{ "An HTTP/2 rapid reset flood against our origin.",
		    "security" },
		/* a flaw named as one; a provider cleared by the writer */
		{ "Invoice links ended in a running number and nothing "
		    "checked the owner: a security flaw since 2021.",
		    "security" },
		{ "Our payment settings still pointed at the old return "
		    "address, and nobody updated them. The card provider was "
		    "working normally.", "configuration" },
		{ "Order numbers were kept in a six-character field, and the "
		    "code had never been tested with a seventh digit.",
		    "software-bug" },
		/* scanners that scan tickets are no table scan */
		{ "Scanners at the gates kept an old NTP setting; scanners "
		    "then refused scanned tickets and scanning stalled.",
		    "configuration" },
		{ "Staff working from home hit the VPN licence limit of 400 "
		    "concurrent users.", "capacity-traffic" },
		{ "The cluster moved the address to the standby, but the "
		    "router ignored the gratuitous ARP.", "network-dns" },
		{ "Our probe settings came from a template for small "
		    "services: a one-second probe timeout killed busy pods.",
		    "configuration" },
		{ "The payment URL fell back to the sandbox default when the "
		    "key was renamed.", "configuration" },
		{ "With the function around the column the planner lost "
		    "partition pruning and read every partition.",
		    "database-query-performance" },
		{ "The console's selector still held the previous group, and "
		    "one click reset the wrong group of terminals.",
		    "human-error" },
		{ "The pipeline copied the one image it had built into the "
		    "manifest of every hardware revision, so rev B units got "
		    "the wrong image.", "deployment-change" },
		{ "Not determined; the encoder and the network were ruled "
		    "out.", "other" },
		/* the words of a first web-stack postmortem */
		{ "To reach the uploads folder I changed the permissions of "
		    "the web root, and the server could no longer read its "
		    "pages.", "configuration" },
		{ "A coding issue in the form script: it never re-enabled "
		    "the submit button after an error.", "software-bug" },
		/* configured, but wrongly: not the load the setting was
		 * for; a typo's character "in the wrong place" no person's
		 * slip */
		{ "An improperly configured auto-scaling policy: the "
		    "cluster scaled too late for the traffic.",
		    "configuration" },
		{ "A typo in the database connection string: an extra "
		    "character in the wrong place.", "configuration" },
		{ "The server did not have enough storage for its logs.",
		    "capacity-traffic" },
		{ "A recent update that introduced a memory leak in the "
		    "search service.", "deployment-change" },
		/* a disk filled, a disk failed */
		{ "The database server failed due to disk space exhaustion: "
		    "old log files filled up its disk.", "capacity-traffic" },
		{ "A disk of the database server failed, and the second one "
		    "of the mirror had failed a week before.",
		    "hardware-infrastructure" },
		{ "The clock service repeated 23:59:59 at the leap second "
		    "and the scheduler ran every job twice.",
		    "software-bug" },
	};

	(void)state;
	check_causes(cases, COUNT(cases));
}

/*
 * The same incident told twice lands in one category: once with a
 * "Root cause:" line in the summary and a section that tells how the
 * load grew, once with a section that says the pool ran dry.
 */
static void
test_repeat_consistent(void **state)
{
	static const char first[] =
	    "# Search API down during the catalog import\n\n"
	    "## Summary\n\n"
	    "Root cause: the import job scaled out to 30 workers and each "
	    "one opened its own connection pool, until they held nearly "
	    "all of max_connections on the catalog database.\n\n"
	    "## Root cause\n\n"
	    "The import moved to a queue-driven autoscaler last month. At "
	    "the start of a big import the queue is long, so the "
	    "autoscaler went to its maximum of 30 workers under the load. "
	    "Each worker keeps 15 connections open.\n";
	static const char second[] =
	    "# Search API down during the catalog import, again\n\n"
	    "## Root cause\n\n"
	    "Import workers exhausted the catalog database's connection "
	    "pool again after the traffic increase of the spring import: "
	    "the worker cap was only set on the nightly job.\n";
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;
	struct pm_config cfg;
	struct pm_error err;

	(void)state;
	pm_error_clear(&err);
	pm_config_defaults(&cfg);
	assert_int_equal(pm_ingest_bytes(&inc, a, "a.md", first,
	    strlen(first), &cfg, NULL, &w, &err), 0);
	assert_string_equal(inc.category, "database-connections");
	/* the line that states the cause opens the root cause */
	assert_true(strncmp(inc.root_cause, "the import job scaled", 21) == 0);
	assert_int_equal(pm_ingest_bytes(&inc, a, "b.md", second,
	    strlen(second), &cfg, NULL, &w, &err), 0);
	assert_string_equal(inc.category, "database-connections");
	pm_warnings_free(&w);
	pm_arena_free(a);
}

static void
test_other(void **state)
{
	(void)state;
	assert_string_equal(primary(NULL, NULL, NULL), "other");
	assert_string_equal(primary("Something went wrong.", NULL, NULL),
	    "other");
	/* an unknown cause is not guessed from the symptoms */
	assert_string_equal(primary("Unknown. We checked the load balancer "
	    "and the DNS.", "Intermittent 502 errors on the network edge.",
	    NULL), "other");
	/* with no root cause written, the title or summary may say so */
	assert_string_equal(primary(NULL, "Live view failed after a deploy "
	    "of the relay and a traffic peak. We have not found the cause.",
	    "Live view unavailable (cause not found)"), "other");
	assert_string_equal(primary(NULL, "Live view failed after a bad "
	    "deploy of the relay.", "Live view unavailable"),
	    "deployment-change");
	/* "Not found." heading the cause is no error message */
	assert_string_equal(primary("Not found. The agent reported success "
	    "and the vendor's servers answered every poll.", NULL, NULL),
	    "other");
	assert_string_equal(primary("The vendor's agent returned not found "
	    "for every poll after its update.", NULL, NULL),
	    "dependency-third-party");
}

static void
test_weights(void **state)
{
	const char *ids[4];
	size_t n;

	(void)state;
	/* the root cause outweighs the summary's symptoms */
	assert_string_equal(primary("A deadlock between two transactions.",
	    "Database CPU at 95% and slow queries everywhere; traffic was "
	    "normal.", NULL), "database-locking");
	/* without a root cause, the summary decides */
	assert_string_equal(primary(NULL, "Checkout failed because the "
	    "payment provider returned errors on their side.", NULL),
	    "dependency-third-party");
	/* several causes: all listed, the best first */
	n = pm_classify_text(ids, 4, pm_taxonomy_default(),
	    "A deadlock, made worse by a missing index on the same table.",
	    NULL, NULL);
	assert_true(n >= 2);
	assert_string_equal(ids[0], "database-locking");
	assert_string_equal(ids[1], "database-query-performance");
	/* max bounds the list */
	assert_int_equal(pm_classify_text(ids, 1, pm_taxonomy_default(),
	    "A deadlock, made worse by a missing index.", NULL, NULL), 1);
}

/* A "Category:" label naming a category of the taxonomy is the writer's
 * filing, over the story's words and over a verdict. */
static void
test_stated_category(void **state)
{
	(void)state;
	/* the cloud provider in the story leans third-party; the writer
	 * filed it under "other" */
	assert_string_equal(primary("The cloud provider suspended our "
	    "account when the card on file expired.", "Uploads failed for "
	    "two hours. Root cause category: other. Nothing failed.", NULL),
	    "other");
	/* by id or by name, in the root cause itself */
	assert_string_equal(primary("Category: database-locking. The "
	    "provider's API timed out.", NULL, NULL), "database-locking");
	assert_string_equal(primary("Cause category: Human error. The "
	    "payment provider returned errors.", NULL, NULL), "human-error");
	/* not a label: a category named in passing, or a value that says
	 * more than a category */
	assert_string_equal(primary("Our payment provider had an outage; "
	    "in the category of other incidents we logged it.", NULL, NULL),
	    "dependency-third-party");
	assert_string_equal(primary("Our payment provider had an outage. "
	    "Category: other teams were paged too.", NULL, NULL),
	    "dependency-third-party");
	/* a root cause that opens with a category's name, a clause of its
	 * own, files itself there; one that opens with the words of a
	 * longer clause does not */
	assert_string_equal(primary("capacity and traffic. Booking requests "
	    "reached six times a normal Friday peak, and each new worker "
	    "opens database connections and the database refused them until "
	    "the connection limit was raised.", "On 14 February 2025 "
	    "bookings failed.", "Bookings"), "capacity-traffic");
	assert_string_equal(primary("other \xe2\x80\x94 space weather. A "
	    "geomagnetic storm disturbed the satellite corrections.", NULL,
	    NULL), "other");
	assert_string_equal(primary("Other teams' database connections "
	    "filled the shared pool.", NULL, NULL), "database-connections");
}

/* The taxonomy compiled from a pmsite.yml text. */
static int
compile(const struct pm_taxonomy **tax, struct pm_arena *a,
    const char *yml, struct pm_error *err)
{
	struct pm_value *root = NULL;

	pm_error_clear(err);
	assert_int_equal(pm_yaml_parse(&root, a, yml, strlen(yml),
	    "pmsite.yml", 1, err), 0);
	return pm_taxonomy_compile(tax, pm_value_map_get(root, "taxonomy"),
	    0, "pmsite.yml", err);
}

static void
test_extend(void **state)
{
	struct pm_arena *a = pm_arena_new();
	const struct pm_taxonomy *tax = NULL;
	const struct pm_category *c;
	const char *ids[4];
	struct pm_error err;

	(void)state;
	assert_int_equal(compile(&tax, a,
	    "taxonomy:\n"
	    "  - id: payments-provider\n"
	    "    name: Payments provider\n"
	    "    description: Stripe and friends.\n"
	    "    keywords: [stripe, {keyword: \"card network\", weight: 8}]\n"
	    "  - id: configuration\n"
	    "    name: Config\n"
	    "    keywords: [helm values]\n", &err), 0);
	assert_int_equal(tax->len, pm_taxonomy_default()->len + 1);
	assert_string_equal(tax->categories[tax->len - 1].id, "other");
	c = pm_taxonomy_find(tax, "payments-provider");
	assert_non_null(c);
	assert_string_equal(c->name, "Payments provider");
	assert_int_equal(c->nkeywords, 2);
	assert_string_equal(c->keywords[1].phrase, "card network");
	c = pm_taxonomy_find(tax, "configuration");
	assert_string_equal(c->name, "Config");
	assert_true(c->nkeywords > 1);	/* kept its own, gained one */
	pm_classify_text(ids, 4, tax, "The card network rejected "
	    "authorisations.", NULL, NULL);
	assert_string_equal(ids[0], "payments-provider");
	pm_classify_text(ids, 4, tax, "Bad Helm values in the chart.", NULL,
	    NULL);
	assert_string_equal(ids[0], "configuration");
	pm_taxonomy_free(tax);
	pm_arena_free(a);
}

static void
test_replace(void **state)
{
	struct pm_arena *a = pm_arena_new();
	const struct pm_taxonomy *tax = NULL;
	const char *ids[4];
	struct pm_error err;

	(void)state;
	assert_int_equal(compile(&tax, a,
	    "taxonomy:\n"
	    "  replace: true\n"
	    "  categories:\n"
	    "    - id: ours\n"
	    "      keywords: [deadlock]\n", &err), 0);
	assert_int_equal(tax->len, 2);
	assert_string_equal(tax->categories[0].id, "ours");
	assert_string_equal(tax->categories[1].id, "other");
	assert_null(pm_taxonomy_find(tax, "database-locking"));
	pm_classify_text(ids, 4, tax, "A deadlock.", NULL, NULL);
	assert_string_equal(ids[0], "ours");
	pm_classify_text(ids, 4, tax, "A missing index.", NULL, NULL);
	assert_string_equal(ids[0], "other");
	pm_taxonomy_free(tax);

	/* no taxonomy at all: the built-in categories, with the index of
	 * their keywords made once, which classifies as the default does */
	assert_int_equal(pm_taxonomy_compile(&tax, NULL, 0, "pmsite.yml",
	    &err), 0);
	assert_ptr_equal(tax->categories, pm_taxonomy_default()->categories);
	assert_int_equal(tax->len, pm_taxonomy_default()->len);
	assert_non_null(tax->index);
	assert_null(pm_taxonomy_default()->index);
	{
		static const char *const causes[] = {
			"A deadlock between two batch jobs.",
			"A query missing an index scanned the table.",
			"The pool ran out of connections during the sale.",
			"An expired TLS certificate on the gateway.",
			"Nobody knows yet.",
		};
		const char *a_ids[4], *b_ids[4];

		for (size_t i = 0; i < sizeof(causes) / sizeof(causes[0]);
		    i++) {
			size_t na = pm_classify_text(a_ids, 4, tax, causes[i],
			    "Checkout failed.", NULL);
			size_t nb = pm_classify_text(b_ids, 4,
			    pm_taxonomy_default(), causes[i],
			    "Checkout failed.", NULL);

			assert_int_equal(na, nb);
			for (size_t k = 0; k < na; k++)
				assert_string_equal(a_ids[k], b_ids[k]);
		}
		pm_classify_text(a_ids, 1, tax, causes[1], NULL, NULL);
		assert_string_equal(a_ids[0], "database-query-performance");
	}
	pm_taxonomy_free(tax);

	/* the configuration's replace flag on a plain list */
	assert_int_equal(compile(&tax, a, "taxonomy:\n  - id: ours\n", &err),
	    0);
	assert_int_equal(tax->len, pm_taxonomy_default()->len + 1);
	pm_taxonomy_free(tax);
	{
		struct pm_value *root = NULL;
		const char *yml = "taxonomy:\n  - id: ours\n";

		assert_int_equal(pm_yaml_parse(&root, a, yml, strlen(yml),
		    "pmsite.yml", 1, &err), 0);
		assert_int_equal(pm_taxonomy_compile(&tax,
		    pm_value_map_get(root, "taxonomy"), 1, "pmsite.yml",
		    &err), 0);
		assert_int_equal(tax->len, 2);
		pm_taxonomy_free(tax);
	}
	pm_arena_free(a);
}

static void
test_errors(void **state)
{
	static const struct {
		const char *yml, *message;
		int line;
	} cases[] = {
		{ "taxonomy: 3\n", "taxonomy: must be a list", 1 },
		{ "taxonomy:\n  - name: No id\n",
		    "taxonomy: category without an 'id'", 2 },
		{ "taxonomy:\n  - id: Bad Id\n",
		    "taxonomy: category id must be lowercase", 2 },
		{ "taxonomy:\n  - just-a-string\n",
		    "taxonomy: each category must be a map", 2 },
		{ "taxonomy:\n  - id: a\n  - id: a\n",
		    "taxonomy: category defined twice: 'a'", 3 },
		{ "taxonomy:\n  - id: a\n    keywords: x\n",
		    "taxonomy: keywords must be a list", 3 },
		{ "taxonomy:\n  - id: a\n    keywords:\n      - {keyword: x, "
		    "weight: -1}\n", "taxonomy: a keyword weight", 4 },
		{ "taxonomy:\n  - id: a\n    colour: red\n",
		    "taxonomy: unknown category key 'colour'", 3 },
		{ "taxonomy:\n  replace: yes\n  categories: []\n",
		    "taxonomy: replace must be true or false", 2 },
		{ "taxonomy:\n  replace: true\n",
		    "taxonomy: must be a list", 2 },
	};

	(void)state;
	for (size_t i = 0; i < COUNT(cases); i++) {
		struct pm_arena *a = pm_arena_new();
		const struct pm_taxonomy *tax = NULL;
		struct pm_error err;
		char line[1024];

		assert_int_equal(compile(&tax, a, cases[i].yml, &err),
		    PM_ERROR);
		pm_error_format(line, sizeof(line), &err);
		if (strstr(err.message, cases[i].message) != err.message ||
		    err.line != cases[i].line ||
		    strcmp(err.file, "pmsite.yml") != 0)
			fail_msg("case %zu: got \"%s\", want line %d \"%s\"",
			    i, line, cases[i].line, cases[i].message);
		pm_arena_free(a);
	}
}

static void
test_incident(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	pm_incident_init(&inc);
	inc.path = "x.md";
	inc.root_cause = "A deadlock between two jobs.";
	pm_classify_incident(&inc, a, pm_taxonomy_default(), &w);
	assert_string_equal(inc.category, "database-locking");
	assert_int_equal(inc.categories.len, 1);
	assert_string_equal(inc.categories.items[0], "database-locking");

	/* a front matter category the taxonomy lacks (a blog generator's
	 * "engineering") is kept as a tag, warned of, and the cause is read
	 * from the text */
	pm_incident_init(&inc);
	inc.path = "x.md";
	inc.root_cause = "A deadlock between two jobs.";
	inc.category = "payments";
	inc.fixed.category = 1;
	pm_strlist_push(&inc.categories, a, "payments");
	pm_classify_incident(&inc, a, pm_taxonomy_default(), &w);
	assert_string_equal(inc.category, "database-locking");
	assert_true(pm_strlist_has(&inc.tags, "payments"));
	assert_int_equal(w.len, 1);
	assert_string_equal(w.lines[0], "x.md: warning: category 'payments' "
	    "is not a root cause of the taxonomy: kept as a tag (add it under "
	    "'taxonomy' in pmsite.yml to make it one)");

	/* a known one wins over the text */
	pm_incident_init(&inc);
	inc.path = "x.md";
	inc.root_cause = "A deadlock between two jobs.";
	inc.category = "security";
	inc.fixed.category = 1;
	pm_strlist_push(&inc.categories, a, "security");
	pm_classify_incident(&inc, a, pm_taxonomy_default(), &w);
	assert_string_equal(inc.category, "security");
	assert_int_equal(w.len, 1);

	/* only `categories` written: its first is the primary */
	pm_incident_init(&inc);
	inc.path = "x.md";
	pm_strlist_push(&inc.categories, a, "security");
	pm_strlist_push(&inc.categories, a, "human-error");
	pm_classify_incident(&inc, a, pm_taxonomy_default(), &w);
	assert_string_equal(inc.category, "security");
	assert_int_equal(w.len, 1);
	pm_warnings_free(&w);
	pm_arena_free(a);
}

/* The build path: pmsite.yml's taxonomy, compiled once, reaches classify
 * through ingest; its errors carry the pmsite.yml line. */
static void
test_ingest(void **state)
{
	static const char doc[] = "# T\n\n## Root cause\n\n"
	    "Bad Helm values.\n";
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_value *root = NULL;
	const struct pm_taxonomy *tax = NULL;
	struct pm_incident inc;
	struct pm_config cfg;
	struct pm_error err;
	const char *yml = "taxonomy:\n  - id: helm\n    keywords: [helm]\n";

	(void)state;
	pm_error_clear(&err);
	pm_config_defaults(&cfg);
	assert_int_equal(pm_yaml_parse(&root, a, yml, strlen(yml),
	    "pmsite.yml", 1, &err), 0);
	assert_int_equal(pm_taxonomy_compile(&tax,
	    pm_value_map_get(root, "taxonomy"), 0, "pmsite.yml", &err), 0);
	assert_int_equal(pm_ingest_bytes(&inc, a, "t.md", doc, strlen(doc),
	    &cfg, tax, &w, &err), 0);
	assert_string_equal(inc.category, "helm");
	pm_taxonomy_free(tax);
	/* Without it, the built-in taxonomy has no "helm". */
	assert_int_equal(pm_ingest_bytes(&inc, a, "t.md", doc, strlen(doc),
	    &cfg, NULL, &w, &err), 0);
	assert_string_not_equal(inc.category, "helm");

	yml = "taxonomy:\n  - id: Helm\n";
	assert_int_equal(pm_yaml_parse(&root, a, yml, strlen(yml),
	    "pmsite.yml", 1, &err), 0);
	tax = NULL;
	assert_int_equal(pm_taxonomy_compile(&tax,
	    pm_value_map_get(root, "taxonomy"), 0, "pmsite.yml", &err),
	    PM_ERROR);
	assert_string_equal(err.file, "pmsite.yml");
	assert_int_equal(err.line, 2);
	pm_warnings_free(&w);
	pm_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cause_not_symptom),
		cmocka_unit_test(test_trade_words),
		cmocka_unit_test(test_verdicts),
		cmocka_unit_test(test_tie_breaks),
		cmocka_unit_test(test_repeat_consistent),
		cmocka_unit_test(test_other),
		cmocka_unit_test(test_weights),
		cmocka_unit_test(test_extend),
		cmocka_unit_test(test_replace),
		cmocka_unit_test(test_stated_category),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_incident),
		cmocka_unit_test(test_ingest),
	};

	pm_markdown_init();
	return cmocka_run_group_tests_name("classify", tests, NULL, NULL);
}
