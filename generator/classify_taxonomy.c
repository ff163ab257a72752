/*
 * classify_taxonomy.c: the built-in taxonomy of root causes (the taxonomy
 * of a site, compiled from it and pmsite.yml, is classify_compile.c's).
 *
 * Keywords name causes, not symptoms: "deadlock", "missing index",
 * "connection pool", "expired certificate".  Words every database incident
 * shares ("database", "CPU", "slow") are left out or weigh little, so that
 * the category follows what the writer says caused the incident.
 * Weights: 6 to 8 for a phrase that names the cause by itself ("human
 * error", "packet loss"), 4 to 5 for a strong hint, 1 to 3 for a word
 * that only leans one way.
 */
#include "classify.h"

#include <string.h>

#define KW(name) name, sizeof(name) / sizeof(name[0])

static const struct pm_keyword kw_query[] = {
	{ "slow query", 5 }, { "slow queries", 5 }, { "missing index", 6 },
	{ "without an index", 6 }, { "without index", 6 }, { "no index", 5 },
	{ "lacked proper indexing", 6 }, { "index*", 1.5 },
	{ "full table scan*", 6 }, { "table scan*", 5 },
	{ "sequential scan*", 6 }, { "seq scan*", 6 }, { "query plan*", 4 },
	{ "scanned the table", 5 }, { "could not use an index", 6 },
	{ "could not use the index", 6 },
	{ "execution plan*", 4 }, { "inefficient query", 6 },
	{ "inefficient queries", 6 }, { "inefficient sql", 6 },
	{ "unoptimized", 4 }, { "unoptimised", 4 }, { "expensive query", 5 },
	{ "expensive queries", 5 }, { "n 1", 6 }, { "one query per", 5 },
	{ "missing join", 6 }, { "join*", 2 }, { "query", 1.5 },
	{ "queries", 1.5 }, { "sql", 1 }, { "leading wildcard", 6 },
	{ "like query", 4 }, { "query optimi*", 3 },
	{ "optimi*", 1 }, { "explain", 2 },
	/* not "scan*": every barcode scanner, and scanning for malware */
	{ "scan", 2 }, { "scans", 2 }, { "rows scanned", 4 },
	{ "scanned rows", 4 },
	/* a search pattern, not a certificate's or a key rule's wildcard */
	{ "wildcard search*", 5 }, { "wildcard quer*", 5 },
	{ "subquer*", 3 }, { "query planner", 4 }, { "bad plan", 5 },
	{ "wrong plan", 5 }, { "planner statistics", 6 },
	{ "table statistics", 6 }, { "stale statistics", 6 },
	{ "missing statistics", 6 }, { "no statistics", 6 },
	{ "statistics went stale", 6 }, { "statistics were stale", 6 },
	/* the planner's choice told step by step ("a planner" is as
	 * often a person who plans) */
	{ "the planner", 3 }, { "nested loop*", 5 }, { "row estimate*", 5 },
	/* a prepared statement's plan made once for every parameter */
	{ "generic plan*", 6 }, { "custom plan*", 5 }, { "plan cache*", 4 },
	/* a predicate the planner cannot match to partitions or an index */
	{ "partition pruning", 6 }, { "every partition", 4 },
	{ "all partitions", 4 }, { "index cannot", 5 },
	{ "index could not", 5 },
	/* "to_char(spent_at, ...)": a function around the indexed column */
	{ "cant use the index", 6 }, { "cannot use the index", 6 },
	{ "function around the column", 6 },
	{ "function wrapped around the column", 6 },
	{ "wrapping the column", 6 }, { "read the whole table", 5 },
	{ "reads the whole table", 5 },
	/* a query in plain words: the shop's "slow database question" */
	{ "slow question", 5 }, { "database question*", 4 },
	{ "slow database", 4 },
};

static const struct pm_keyword kw_connections[] = {
	{ "connection pool*", 6 }, { "pool exhaust*", 6 },
	{ "connections exhausted", 6 }, { "exhausted connections", 6 },
	{ "max connections", 6 }, { "too many connections", 6 },
	{ "too many clients", 6 }, { "connection limit*", 6 },
	{ "connection slots", 6 }, { "concurrent connections", 5 },
	{ "connection storm", 6 }, { "connection surge", 6 },
	{ "reconnect*", 4 }, { "pgbouncer", 4 }, { "connection leak*", 6 },
	{ "connections", 3 }, { "connection", 1.5 }, { "pool size", 5 },
	{ "pool", 2 }, { "pools", 2 }, { "server connections", 4 },
	{ "open connections", 4 }, { "connection count", 4 },
	{ "pooler", 5 },
};

static const struct pm_keyword kw_locking[] = {
	{ "deadlock*", 7 }, { "lock contention", 7 }, { "lock wait*", 6 },
	{ "row lock*", 6 }, { "table lock*", 6 }, { "locked", 3 },
	{ "locking", 3 }, { "locks", 3 }, { "lock", 3 },
	{ "idle in transaction", 6 }, { "long running transaction*", 5 },
	{ "open transaction*", 4 }, { "single transaction", 3 },
	{ "transaction*", 1.5 }, { "blocking", 2 }, { "blocked on", 3 },
	{ "hot row", 6 }, { "contention", 4 }, { "access exclusive", 6 },
	{ "exclusive lock", 6 }, { "waiting for the lock", 6 },
	{ "waiting on a lock", 6 }, { "queueing for the lock", 6 },
	/* maintenance that locks a table while it runs */
	{ "blocks writes", 6 }, { "blocks every write", 6 },
	{ "blocked writes", 6 }, { "reindex", 4 },
	/* a lock in plain words, as people who do not say "lock" tell it */
	{ "holds on to", 4 }, { "held on to", 4 }, { "holding on to", 4 },
	{ "nobody else can change", 6 }, { "no one else can change", 6 },
	{ "nobody else could change", 6 }, { "lets go of", 3 },
	{ "let go of", 3 }, { "released everything", 4 },
	/* a lock named by who holds it, or by the query that takes it */
	{ "for update", 6 }, { "s lock", 5 },
};

static const struct pm_keyword kw_deploy[] = {
	{ "deploy*", 2 }, { "release*", 2 }, { "rollout", 2 },
	{ "rolled out", 2 }, { "new version", 2.5 }, { "recent change*", 2 },
	{ "code change*", 2 }, { "canary", 4 }, { "skip canary", 6 },
	{ "rolling update", 3 }, { "rolling deploy*", 3 },
	{ "migration*", 2.5 }, { "schema change*", 3 },
	{ "backwards compatib*", 5 }, { "backward compatib*", 5 },
	{ "not backwards compatible", 6 }, { "incompatib*", 3 },
	{ "compatibility issue*", 3 }, { "compatibility problem*", 3 },
	{ "wrong artifact", 6 }, { "wrong build", 6 }, { "wrong version", 5 },
	{ "wrong image", 6 }, { "stale", 2 }, { "pipeline", 2.5 },
	{ "image tag", 3 }, { "mutable tag", 4 }, { "shipped", 2 },
	{ "bad deploy*", 6 }, { "bad release", 6 }, { "bad push", 5 },
	{ "introduced in", 2 }, { "introduced with", 2 },
	{ "recently deployed", 3 }, { "new feature", 2 },
	{ "change management", 4 }, { "without a canary", 6 },
	{ "skipped the canary", 6 }, { "upgrade*", 2 },
	/* what a change brought with it */
	{ "update that introduced", 7 }, { "update introduced", 6 },
	{ "deployment that introduced", 7 }, { "release that introduced", 7 },
	{ "recent update", 5 }, { "recent software update", 6 },
	/* infrastructure as code that replaced what it changed */
	{ "infrastructure change*", 4 }, { "module version", 3 },
	{ "destroyed and created", 5 }, { "destroyed and recreated", 5 },
	/* what was shipped was not what was tested */
	{ "stale artifact*", 6 }, { "cached artifact*", 5 },
	{ "build profile", 5 }, { "wrong profile", 5 },
	{ "fresh build", 4 }, { "rebuilds for each", 4 },
	{ "redeploy*", 2 }, { "than the one tested", 5 },
	{ "than what was tested", 5 },
	/* an image built for one model or hardware revision */
	{ "release manifest*", 5 }, { "hardware revision*", 4 },
	{ "wrong image*", 6 }, { "wrong firmware", 6 },
	/* two changes that had to ship in order */
	{ "merge request*", 3 }, { "merged first", 5 }, { "merged before", 4 },
	/* the switch between two live versions */
	{ "blue green", 5 }, { "deploy pipeline", 5 },
	/* an update sent to every device at once */
	{ "pushed out", 4 }, { "pushed to every", 4 },
	{ "without being tried", 4 },
};

static const struct pm_keyword kw_config[] = {
	{ "config*", 3.5 }, { "misconfigur*", 7 }, { "mis configur*", 7 },
	{ "typo", 4 }, { "setting*", 2.5 }, { "parameter*", 1.5 },
	{ "certificate expir*", 7 }, { "expired certificate*", 7 },
	{ "cert expir*", 7 }, { "expired cert*", 7 }, { "certificate*", 3 },
	{ "expired", 2 }, { "expiry", 2 }, { "tls cert*", 4 },
	{ "ssl cert*", 4 }, { "wrong value", 4 },
	{ "environment variable*", 3 }, { "env var*", 3 }, { "yaml", 2 },
	{ "terraform", 2 }, { "feature flag*", 2.5 }, { "flag", 1.5 },
	{ "client max body size", 5 },
	{ "limit was set", 4 }, { "was set to", 3 }, { "default value", 3 },
	{ "include", 1 }, { "allowlist", 3 }, { "whitelist", 3 },
	{ "unit", 1 }, { "default setting*", 5 },
	/* a certificate's or a domain's renewal, not a policy's or a
	 * subscription's: "renewal" alone is an insurer's daily business */
	{ "failed to renew", 5 }, { "did not renew", 5 },
	{ "not renewed", 5 }, { "auto renew*", 3 }, { "renewal fail*", 5 },
	{ "was configured with", 4 }, { "changed the default*", 4 },
	{ "changed a default*", 4 }, { "new default*", 4 },
	{ "waf rule*", 4 }, { "firewall rule*", 4 },
	/* limits and addresses that a setting decides */
	{ "ulimit", 5 }, { "nofile", 5 }, { "open files", 4 },
	{ "file descriptor limit*", 6 }, { "soft limit", 5 },
	{ "default limit", 5 }, { "bind address", 5 }, { "sysctl", 4 },
	/* the web stack a first postmortem debugs: a misspelt file name in
	 * WordPress's settings ("class-wp-locale.phpp"), a semicolon missing
	 * in a site's configuration */
	{ "phpp", 8 }, { "wp settings", 6 }, { "misspel*", 5 },
	{ "spelling error*", 5 }, { "spelling mistake*", 5 },
	{ "wrong file name", 8 }, { "wrong filename", 8 },
	{ "file extension", 4 }, { "missing semicolon", 6 },
	{ "sites enabled", 5 }, { "sites available", 5 },
	/* a load balancer set up wrong: "a mix-up in the load balancer
	 * settings", "balancing algorithms were readjusted" */
	{ "load balancer setting*", 7 }, { "load balancer config*", 7 },
	{ "load balancing config*", 7 }, { "setting up the load balancer", 7 },
	{ "misconfigured load balancer", 8 }, { "balancing algorithm*", 5 },
	{ "load balancing rule*", 5 },
	/* a web server pointed at the wrong port: "the upstream block
	 * named port 8081", "Nginx was listening on port 8080" */
	{ "wrong port", 7 }, { "incorrect port", 7 }, { "port number", 4 },
	{ "listening on port", 5 }, { "listen on port", 5 },
	{ "upstream block", 5 }, { "server block", 4 }, { "site file", 4 },
	{ "nginx configuration", 5 }, { "nginx config", 5 },
	/* "A configuration change to the load balancer" */
	{ "configuration change*", 6 }, { "config change*", 6 },
	/* a value changed everywhere but one place */
	{ "inventory file", 5 }, { "secret rotation", 5 },
	{ "key rotation", 5 }, { "credential rotation", 5 },
	{ "rotation job", 4 }, { "kept the old", 4 }, { "missing from the", 3 },
	{ "configuration template", 5 }, { "config template", 5 },
	{ "block mode", 4 }, { "blocking mode", 4 }, { "count only mode", 4 },
	{ "rule set*", 3 }, { "idle timeout*", 5 }, { "timeout setting*", 4 },
	{ "set them all", 4 },
	/* configured, but wrongly */
	{ "improperly configured", 7 }, { "incorrectly configured", 7 },
	{ "wrongly configured", 7 }, { "poorly configured", 6 },
	{ "rate limiting rule*", 5 }, { "rate limit rule*", 5 },
	/* who may read a file or a repository: "changed the permissions
	 * of the root directory", "file permissions set to 600" */
	{ "file permission*", 6 }, { "changed the permission*", 6 },
	{ "wrong permission*", 6 }, { "incorrect permission*", 6 },
	{ "permission denied", 4 }, { "chmod", 5 }, { "chown", 5 },
	/* a health check tuned for another service kills a busy one */
	{ "probe setting*", 5 }, { "probe timeout*", 5 },
	{ "probe threshold*", 5 }, { "liveness probe*", 3 },
	/* what a cache or a CDN keys its objects by */
	{ "cache key*", 4 }, { "cache ttl*", 4 },
	/* what a chart or a manifest sets on what it deploys */
	{ "annotation*", 3 }, { "values file*", 4 },
	/* a test endpoint reached from production (a sandbox alone may
	 * be the product: a coding school's learners work in one) */
	{ "sandbox url*", 4 }, { "sandbox default*", 4 },
	{ "sandbox endpoint*", 4 }, { "sandbox key*", 4 },
	{ "sandbox credential*", 4 }, { "sandbox mode", 4 },
	{ "sandbox environment", 3 }, { "to the sandbox", 3 },
	{ "at the sandbox", 3 }, { "the sandbox api", 3 },
	{ "is the sandbox", 4 }, { "was the sandbox", 4 },
	{ "s sandbox", 3 },
};

static const struct pm_keyword kw_capacity[] = {
	{ "traffic spike*", 6 }, { "traffic surge*", 6 }, { "surge*", 3 },
	{ "spike*", 2 }, { "peak*", 2.5 }, { "load", 1.5 },
	{ "high traffic", 5 }, { "unexpected traffic", 5 }, { "viral", 5 },
	{ "capacity", 5 }, { "autoscal*", 4 }, { "scale out", 3 },
	{ "scaling", 2.5 }, { "under provisioned", 6 },
	{ "underprovisioned", 6 }, { "not enough capacity", 7 },
	{ "overload*", 3 }, { "demand", 3.5 }, { "thundering herd", 5 },
	{ "fixed size", 3 }, { "fixed pool", 4 }, { "worker pool", 3 },
	{ "backlog", 2 }, { "times the usual", 4 }, { "times its usual", 4 },
	{ "times normal", 4 }, { "times our", 3 }, { "more traffic", 5 },
	{ "flash sale", 5 }, { "on sale", 3 }, { "concurrent users", 4 },
	{ "resource exhaustion", 4 }, { "quota", 2 }, { "cpu", 1 },
	{ "memory", 1 }, { "throughput", 2 }, { "growth", 2 },
	{ "volume", 2.5 }, { "month end", 2 }, { "traffic", 2 },
	{ "could not keep up", 5 }, { "ran out of room", 5 },
	{ "sized for", 5 }, { "sized and tested for", 5 },
	{ "virtual waiting room", 4 }, { "at the same moment", 3 },
	/* a resource used up by growth */
	{ "out of inodes", 6 }, { "inode*", 3 }, { "ran out of", 3 },
	{ "enough storage", 6 }, { "storage space", 5 }, { "out of storage", 6 },
	/* a disk filled up, not a disk that failed */
	{ "disk space", 5 }, { "out of space", 6 }, { "out of disk", 6 },
	{ "disk full", 6 }, { "full disk", 6 }, { "no space left", 7 },
	{ "space exhaustion", 6 }, { "filled up", 4 }, { "free space", 4 },
	/* seats bought for fewer users than came */
	{ "licence limit*", 6 }, { "license limit*", 6 },
	{ "licence count", 5 }, { "license count", 5 },
	{ "concurrent licen*", 5 },
	/* what a system was built for, against what came */
	{ "sizing", 4 }, { "more requests than", 5 },
	/* the crowd in plain words: "more readers than our server could
	 * serve", "too small for the crowd" */
	{ "more readers than", 5 }, { "more buyers than", 5 },
	{ "more visitors than", 5 }, { "more customers than", 5 },
	{ "more users than", 5 }, { "more people than", 5 },
	/* "an enormous uptake of our API, hits up by 427%" */
	{ "uptake", 4 }, { "hits increas*", 5 }, { "increase in hits", 5 },
	{ "more members than", 5 }, { "more guests than", 5 },
	{ "could serve", 3 }, { "too small for", 4 },
};

static const struct pm_keyword kw_network[] = {
	{ "dns", 5 }, { "resolver*", 4 }, { "nameserver*", 5 },
	/* the same in plain words */
	{ "address lookup*", 5 }, { "looks up the address*", 5 },
	{ "wi-fi", 3 }, { "wifi", 3 },
	{ "name server*", 5 }, { "domain*", 3 }, { "registrar", 4 },
	{ "network*", 3 }, { "packet loss", 7 }, { "packets", 4 },
	{ "network problem*", 6 }, { "dsl", 3 }, { "broadband", 3 },
	{ "bgp", 7 }, { "routing", 3 }, { "firewall*", 3 },
	/* "route*" alone is a courier's route as often as a packet's */
	{ "route table*", 4 }, { "route leak*", 6 }, { "static route*", 4 },
	{ "default route*", 4 }, { "routes were", 2 }, { "advertised", 2 },
	{ "route announcement*", 5 }, { "route advert*", 5 },
	{ "announced route*", 5 },
	{ "load balancer*", 3 }, { "cdn", 2 }, { "switch", 2 },
	{ "router*", 4 }, { "cname", 4 }, { "a record", 5 }, { "ttl", 2 },
	{ "tcp", 2 }, { "connectivity", 4 }, { "network partition", 7 },
	{ "mtu", 6 }, { "vpn", 3 }, { "peering", 5 }, { "transit", 5 },
	{ "subnet*", 3 }, { "ip address*", 2.5 }, { "name resolution", 6 },
	{ "dns cach*", 6 }, { "could not translate host name", 6 },
	{ "nxdomain", 6 }, { "dangling", 4 }, { "upstream provider", 3 },
	{ "fiber", 5 }, { "fibre", 5 }, { "latency", 1 }, { "timeouts", 1 },
	/* links between switches and routers */
	{ "lacp", 6 }, { "link aggregation", 6 }, { "dropping frames", 6 },
	{ "dropped frames", 6 }, { "interface errors", 5 },
	/* an address that moved without its neighbours learning it */
	{ "arp", 5 }, { "garp", 6 }, { "gratuitous arp", 7 },
	{ "arp cache*", 6 }, { "arp table*", 6 },
	/* two machines answering for one address */
	{ "duplicate ip*", 7 }, { "ip conflict*", 7 },
	{ "address conflict*", 6 }, { "static ip*", 4 },
	/* names resolved through a forwarder at the internet provider */
	{ "forwarder*", 3 }, { "internet provider", 4 },
	/* the ports a NAT gives outgoing connections, used up */
	{ "nat gateway*", 6 }, { "source port*", 5 }, { "snat", 6 },
	{ "port exhaustion", 6 }, { "ephemeral port*", 5 },
	/* a DNS record in plain words */
	{ "record that points", 6 }, { "records that point", 6 },
	{ "web address", 2.5 },
};

static const struct pm_keyword kw_hardware[] = {
	{ "hardware", 6 }, { "disk*", 3 }, { "disk failure", 7 },
	/* the building and the weather: "the basement holding our servers
	 * flooded", "animals chewed the wires at the server site" */
	{ "flooding that", 6 }, { "flood water*", 6 },
	{ "floodwater*", 6 }, { "basement", 4 }, { "downpour", 6 },
	{ "torrential", 6 }, { "water damage", 7 }, { "natural disaster*", 6 },
	{ "chewed", 6 }, { "raccoon*", 5 }, { "rodent*", 5 },
	{ "wires", 4 }, { "server site", 5 }, { "physical server*", 5 },
	{ "ssd*", 4 }, { "power", 4 }, { "power outage", 7 },
	{ "power loss", 7 }, { "power event", 7 }, { "power feed", 7 },
	/* "ups" alone is every "sign-ups", "top-ups" and "pop-ups" */
	{ "the ups", 5 }, { "our ups", 5 }, { "an ups", 5 }, { "a ups", 5 },
	{ "ups batter*", 5 }, { "pdu*", 5 }, { "rack*", 3 }, { "data center", 3 },
	{ "datacenter", 3 }, { "colo", 4 }, { "server failure", 6 },
	{ "host failure", 6 }, { "node failure", 5 }, { "kernel panic", 6 },
	{ "memory module", 6 }, { "dimm*", 6 }, { "ecc", 5 }, { "ram", 2 },
	{ "nic", 4 }, { "cable", 4 }, { "cooling", 6 }, { "overheat*", 6 },
	{ "availability zone", 3 }, { "zone outage", 5 }, { "hypervisor*", 5 },
	{ "instance failure", 5 }, { "hardware failure", 8 },
	{ "battery", 4 }, { "diesel generator*", 6 },
	{ "backup generator*", 6 }, { "standby generator*", 6 },
	{ "on generator*", 4 }, { "storage controller", 7 },
	{ "controller", 2 }, { "firmware", 4 }, { "raid", 5 },
	{ "physical host", 5 }, { "bare metal", 3 }, { "faulty", 3 },
	/* the parts of a link: a failing optic is hardware, whatever the
	 * network showed */
	{ "transceiver*", 6 }, { "sfp*", 5 }, { "optic", 4 }, { "optics", 4 },
	{ "network card*", 6 }, { "network interface card*", 6 },
	{ "backplane*", 6 }, { "chassis", 4 }, { "failing drive*", 5 },
	{ "drive fail*", 5 }, { "failing connector*", 5 },
	{ "crc error*", 5 },
	/* the room the machines stand in */
	{ "air conditioning", 6 }, { "air conditioner*", 6 }, { "hvac", 6 },
	{ "compressor", 5 }, { "chiller*", 6 }, { "thermal*", 4 },
	{ "temperature", 2 },
	{ "data centre", 3 }, { "datacentre", 3 },
};

static const struct pm_keyword kw_dependency[] = {
	{ "third party", 6 }, { "vendor*", 4 }, { "provider*", 3.5 },
	{ "api access restriction*", 7 }, { "api restriction*", 6 },
	{ "upstream", 2.5 }, { "external api", 6 }, { "external service", 6 },
	{ "partner", 1 }, { "saas", 4 }, { "their side", 6 },
	{ "s side", 5 }, { "s end", 4 },
	{ "on their end", 6 }, { "their end", 5 }, { "status page", 3 },
	{ "dependency", 3 }, { "dependencies", 3 }, { "sdk", 2 },
	{ "payment provider", 6 }, { "email provider", 6 },
	{ "sms provider", 6 }, { "cdn provider", 6 },
	{ "identity provider", 6 }, { "idp", 4 }, { "their api", 5 },
	{ "without warning", 3 }, { "regional degradation", 4 },
	{ "their incident", 5 }, { "their service", 5 },
	{ "their platform", 5 }, { "carrier", 3 }, { "changelog", 3 },
	{ "api change*", 3 }, { "outage at", 3 }, { "on their", 3 },
	{ "dns provider", 6 }, { "managed dns", 6 }, { "hosting provider", 6 },
	{ "cloud provider", 5 },
	{ "public cdn", 5 }, { "third party script*", 6 },
	{ "their data cent*", 6 }, { "their system*", 4 },
	{ "platform holder", 6 }, { "according to their", 4 },
	{ "behind their", 5 }, { "has told us", 3 },
	{ "s incident report", 6 },
	{ "their later report", 5 }, { "their report", 5 },
	{ "their postmortem", 5 }, { "their post mortem", 5 },
	{ "their post incident*", 5 },
	/* an outage of theirs that others felt too */
	{ "their customers", 3 }, { "not only us", 5 }, { "not just us", 5 },
	{ "their clients", 3 }, { "all their clients", 5 },
	{ "their authori*", 4 }, { "payment partner", 6 }, { "acquirer", 3 },
	{ "card processor", 5 },
	{ "external script*", 5 },
	/* a telecom operator's API, which resellers and apps call; its
	 * maintenance is the provider's, not ours */
	{ "mobile operator*", 5 }, { "network operator*", 5 },
	{ "telecom operator*", 5 }, { "reseller api*", 5 },
	{ "its maintenance", 4 }, { "their maintenance", 4 },
	/* the carriers behind a messaging provider */
	{ "mobile operator*", 5 },
	/* a public service's terms, changed under us */
	{ "changed its rules", 5 }, { "changed their rules", 5 },
	{ "public registry", 5 },
	{ "s own report", 5 }, { "their own report", 5 },
	/* what the team could not mend: someone else's system */
	{ "outside our control", 5 }, { "out of our control", 5 },
	{ "beyond our control", 5 }, { "nothing we could repair", 5 },
	{ "nothing we could fix", 5 },
	/* "the problem was not ours": the writer's way of pointing at the
	 * one whose service failed */
	{ "was not ours", 5 }, { "not on our side", 5 },
	{ "nothing on our side", 5 }, { "nothing in our own", 5 },
	{ "nothing changed on our side", 5 },
	/* "the national card switch, which is operated by a third party" */
	{ "operated by a third party", 6 }, { "run by a third party", 6 },
	{ "we depend", 3 }, { "we depend on", 5 }, { "do not control", 4 },
	{ "don t control", 4 },
};

static const struct pm_keyword kw_security[] = {
	{ "ddos", 6 }, { "attack*", 5 }, { "attacker*", 6 },
	{ "malicious", 6 }, { "breach*", 6 }, { "leaked", 6 },
	{ "credential leak*", 7 }, { "key leak*", 7 }, { "data leak*", 7 },
	{ "credential*", 4 }, { "api key", 3 },
	{ "access key", 4 }, { "secret*", 2 }, { "compromis*", 6 },
	{ "phishing", 4 }, { "exploit*", 6 }, { "vulnerab*", 6 },
	{ "unauthori*", 5 }, { "brute force", 6 }, { "credential stuffing", 7 },
	{ "botnet*", 6 }, { "bots", 3 }, { "crypto mining", 6 },
	{ "cryptocurrency", 5 }, { "mining", 2 }, { "abuse", 3 },
	{ "intrusion", 6 }, { "ransomware", 7 }, { "hacked", 6 },
	{ "sql injection", 7 }, { "xss", 6 }, { "login flood", 5 },
	{ "scraper*", 3 }, { "residential prox*", 5 }, { "public repo*", 4 },
	/* "hard-coded per host" is an address, not a secret */
	{ "hard coded credential*", 5 }, { "hard coded password*", 5 },
	{ "hard coded key*", 5 }, { "hard coded secret*", 5 },
	{ "hard coded token*", 5 }, { "plain text", 3 },
	{ "rate limit*", 2 }, { "rapid reset", 7 },
	/* a flaw named as such, and reading what is not one's own */
	{ "security flaw*", 7 }, { "security hole*", 7 },
	{ "security bug*", 7 }, { "security issue*", 6 },
	{ "idor", 7 }, { "insecure direct object*", 7 },
	{ "enumerat*", 3 },
	{ "fraudulent*", 5 }, { "false identit*", 5 },
	/* traffic bounced off other people's servers at us */
	{ "reflection", 5 }, { "amplification", 5 }, { "spoofed", 5 },
	{ "fake source", 5 }, { "extortion", 6 }, { "ransom*", 5 },
	/* stolen cards tried on a payment form */
	{ "card testing", 7 }, { "carding", 6 }, { "stolen card*", 7 },
	/* a hole that anyone could reach, found by a scanner, and what
	 * was left behind through it */
	{ "unauthenticated", 6 }, { "without being logged in", 5 },
	{ "without logging in", 4 }, { "unpatched", 5 },
	{ "known hole", 6 }, { "automated scanner*", 5 },
	{ "malware", 7 }, { "web shell*", 7 }, { "backdoor*", 6 },
	{ "planted", 4 }, { "to plant", 4 }, { "defaced", 6 },
	/* a token left where anyone could read it */
	{ "admin token*", 4 }, { "api token*", 4 }, { "access token*", 4 },
	{ "public workspace*", 4 },
	/* a password phished and used by someone else */
	{ "stolen password*", 7 }, { "password was stolen", 7 },
	{ "security incident", 5 },
};

static const struct pm_keyword kw_bug[] = {
	{ "bug", 6 }, { "bugs", 6 }, { "null pointer*", 7 },
	{ "our own code", 5 }, { "never checked", 4 },
	{ "did not check", 4 }, { "didn t check", 4 }, { "test suite", 3 },
	{ "nullpointer*", 7 }, { "null check", 6 }, { "null reference*", 7 },
	{ "nil pointer*", 7 }, { "exception", 3 }, { "race condition*", 6 },
	{ "memory leak*", 7 }, { "leak*", 2 }, { "off by one", 6 },
	{ "regression", 3 }, { "defect", 6 }, { "infinite loop", 6 },
	{ "retry bug", 7 }, { "retry logic", 5 }, { "retries", 2 },
	{ "retry storm", 4 }, { "retry*", 1.5 }, { "edge case", 4 },
	{ "unhandled", 5 }, { "crash*", 3 }, { "logic error", 6 },
	/* a mistake, but the program's: "a mistake in the program, not in
	 * the drivers' phones" */
	{ "mistake in the program", 8 }, { "mistake in the code", 8 },
	{ "mistake in the app", 8 }, { "mistake in our code", 8 },
	{ "code path", 3 }, { "in the code", 3 }, { "the code", 1.5 },
	{ "old code", 4 }, { "the rewrite", 4 },
	{ "coding error", 6 }, { "coding issue", 6 }, { "code issue", 5 },
	{ "truncated to", 5 }, { "truncation", 4 },
	{ "character field", 5 }, { "field size", 4 }, { "field length", 4 },
	{ "never been tested", 3 }, { "overflow", 4 }, { "deserializ*", 3 },
	{ "parser", 2 }, { "segfault", 6 }, { "panic", 2 }, { "assert*", 2 },
	{ "does not handle", 5 }, { "didn t handle", 5 },
	{ "did not handle", 5 }, { "not handled", 5 }, { "without a check", 5 },
	{ "never closed", 5 }, { "not closed", 4 }, { "file handle*", 4 },
	{ "goroutine*", 3 }, { "thread*", 2 }, { "duplicate*", 1.5 },
	{ "file descriptor*", 5 }, { "descriptor leak*", 7 },
	{ "unbounded", 5 }, { "collid*", 4 }, { "collision*", 4 },
	{ "not unique", 4 }, { "the same reference*", 4 },
	{ "pagination", 3 }, { "cursor", 3 }, { "never removed", 5 },
	{ "never deleted", 5 }, { "never cleaned up", 5 }, { "never freed", 5 },
	{ "the same id*", 4 },
	{ "never evict*", 5 }, { "never expired", 5 }, { "never expire", 5 },
	{ "resource leak*", 6 }, { "latent bug", 7 },
	{ "idempoten*", 4 }, { "backoff", 3 }, { "jitter", 3 },
	/* text our code mishandles */
	{ "unicode", 5 }, { "normalisation", 4 }, { "normalization", 4 },
	{ "encoding", 3 },
	{ "regular expression*", 4 }, { "regex*", 4 },
	{ "backtracking", 5 },
	/* calendar arithmetic */
	{ "leap year*", 5 }, { "leap second*", 5 }, { "53 weeks", 5 },
	{ "week 53", 5 },
	{ "date arithmetic", 6 }, { "date math", 6 }, { "modulo", 4 },
};

static const struct pm_keyword kw_human[] = {
	{ "human error", 9 }, { "by hand", 4 }, { "manual*", 3 },
	{ "human mistake", 8 }, { "intern", 5 }, { "deletion of the whole", 6 },
	{ "deleted the whole", 6 },
	{ "mistake*", 4 }, { "accidental*", 6 }, { "by accident", 6 },
	{ "wrong host", 7 }, { "wrong server", 7 }, { "wrong database", 7 },
	{ "wrong environment", 7 }, { "wrong pane", 7 },
	{ "wrong terminal", 7 }, { "wrong window", 7 }, { "wrong cluster", 7 },
	{ "fat finger*", 7 }, { "operator error", 8 }, { "ran the", 2 },
	{ "against production", 5 }, { "against prod", 5 },
	{ "instead of staging", 7 }, { "instead of the staging", 7 },
	{ "my bad", 5 }, { "ran a command", 4 },
	{ "load test*", 3 }, { "pasted", 3 }, { "rm rf", 6 },
	{ "connected to production", 5 }, { "connected to prod", 5 },
	{ "meant for staging", 6 }, { "intended for staging", 6 },
	{ "without confirmation", 3 }, { "runbook step", 3 },
	{ "entered incorrectly", 7 }, { "incorrectly entered", 7 },
	{ "mistyped", 6 }, { "wrong input", 5 }, { "incorrect input", 5 },
	{ "typo in the command", 7 }, { "executed a command", 3 },
	{ "meant to run", 6 }, { "did not mean to", 5 },
	{ "didn t mean to", 5 }, { "ran a statement", 4 },
	{ "wrong statement", 6 }, { "wrong query", 5 },
	{ "wrong argument*", 6 }, { "wrong parameter*", 5 },
	{ "wrong flag", 5 }, { "wrong target", 5 }, { "wrong node*", 5 },
	{ "wrong file", 6 }, { "picked the wrong", 6 }, { "chose the wrong", 6 },
	{ "selected the wrong", 6 }, { "the operator", 3 },
	{ "pointed at production", 6 }, { "pointed to production", 6 },
	{ "ran the script", 3 }, { "shell history", 5 },
	{ "meant for the lab", 6 }, { "instead targeted", 6 },
	{ "command history", 5 }, { "recalled the earlier", 5 },
	{ "wrong tab", 7 }, { "switched tabs", 5 }, { "production tab", 5 },
	/* a healthy part taken out in place of the failed one */
	{ "wrong disk", 7 }, { "wrong drive", 7 }, { "wrong tray", 7 },
	{ "wrong cable", 7 }, { "healthy disk", 8 }, { "healthy drive", 8 },
	{ "the healthy one", 6 }, { "pulled out the", 4 }, { "took out", 3 },
	{ "terminal tab", 5 },
	{ "against the production", 5 }, { "production connection string", 5 },
	{ "wrote for staging", 5 }, { "no confirmation step", 4 },
	/* a console that acted on what it still had selected */
	{ "wrong group", 6 }, { "one click", 4 }, { "selector", 2 },
	{ "confirmation dialog", 4 }, { "confirmation prompt", 4 },
	/* a value typed wrong where nobody checked it */
	{ "typed", 4 }, { "second person", 3 }, { "four eyes", 3 },
};

/* A decision made outside, which no fix of ours undoes: an authority's
 * order or a platform's ruling.  Nothing failed, so no other category
 * fits; the outage still shows in network and provider words. */
static const struct pm_keyword kw_other[] = {
	{ "court order*", 8 }, { "order of a court", 8 },
	{ "ordered by a court", 8 }, { "court has authorised", 8 },
	{ "court has authorized", 8 }, { "court ruling", 8 },
	{ "order of the authorities", 8 }, { "ordered by the government", 8 },
	{ "government ordered", 8 }, { "authorities ordered", 8 },
	{ "internet shutdown*", 8 }, { "shut down the internet", 8 },
	{ "shutdown of the internet", 8 }, { "internet blackout*", 8 },
	{ "decision of the regulator", 8 }, { "regulator ordered", 8 },
	{ "ordered by the regulator", 8 }, { "regulator s order", 8 },
	{ "trademark complaint", 8 }, { "legal complaint", 8 },
	{ "takedown notice", 8 }, { "takedown request", 8 },
	{ "removed from the app store", 8 },
	{ "removed from the play store", 8 }, { "safe browsing", 6 },
	{ "reputation system", 5 },
	/* the writer's own filing */
	{ "not a technical failure", 8 }, { "not a technical problem", 8 },
	{ "not a technical issue", 8 }, { "fit any of our usual", 8 },
	{ "did not fit any", 8 }, { "fits none of our", 8 },
};

static const struct pm_category default_categories[] = {
	{ "database-query-performance", "Database query performance",
	    "Slow or inefficient queries: missing indexes, full scans, N+1.",
	    KW(kw_query) },
	{ "database-connections", "Database connections",
	    "Connection pools, connection limits and reconnect storms.",
	    KW(kw_connections) },
	{ "database-locking", "Database locking",
	    "Lock contention, deadlocks and long-held transactions.",
	    KW(kw_locking) },
	{ "deployment-change", "Deployment or change",
	    "A release, migration or change that broke things as shipped.",
	    KW(kw_deploy) },
	{ "configuration", "Configuration",
	    "A wrong setting, a typo in a config file, an expired certificate.",
	    KW(kw_config) },
	{ "capacity-traffic", "Capacity and traffic",
	    "More demand than the system could take, or could scale to.",
	    KW(kw_capacity) },
	{ "network-dns", "Network and DNS",
	    "Packet loss, routing, load balancers, DNS and domains.",
	    KW(kw_network) },
	{ "hardware-infrastructure", "Hardware and infrastructure",
	    "Failed disks, hosts, power, data centre and zone failures.",
	    KW(kw_hardware) },
	{ "dependency-third-party", "Third-party dependency",
	    "An outage or change at a provider or vendor we depend on.",
	    KW(kw_dependency) },
	{ "security", "Security",
	    "Attacks, leaked credentials, abuse and breaches.",
	    KW(kw_security) },
	{ "software-bug", "Software bug",
	    "A defect in our code: crashes, leaks, races, retry bugs.",
	    KW(kw_bug) },
	{ "human-error", "Human error",
	    "A manual action in the wrong place or the wrong way.",
	    KW(kw_human) },
	{ PM_CATEGORY_OTHER, "Other",
	    "An outside decision (a court, a regulator, an app store), a "
	    "cause that is unknown, or one that fits no other category.",
	    KW(kw_other) },
};

static const struct pm_taxonomy default_taxonomy = {
	default_categories,
	sizeof(default_categories) / sizeof(default_categories[0]),
	NULL, NULL
};

const struct pm_taxonomy *
pm_taxonomy_default(void)
{
	return &default_taxonomy;
}

const struct pm_category *
pm_taxonomy_find(const struct pm_taxonomy *tax, const char *id)
{
	for (size_t i = 0; tax && id && i < tax->len; i++)
		if (strcmp(tax->categories[i].id, id) == 0)
			return &tax->categories[i];
	return NULL;
}
