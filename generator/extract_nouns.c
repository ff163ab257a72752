/*
 * extract_nouns.c: the nouns a share of which is an impact (people, what
 * they use and what they send), and among them the people themselves.
 * No list of nouns can hold them all: in a sentence about the impact,
 * extract_impact.c takes any noun but a machine or a resource.
 */
#include "extract_int.h"

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
	"teacher*", "pay run*", "payroll*", "store*", "reqs", "lookup*",
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
	"staff", "clinician*", "publisher*", "resident*", "supporter*",
	"ticket holder*", "account holder*", "policyholder*", "citizen*",
	"arrivals", "recipient*", NULL
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
	"donor*", "staff", "clinician*", "publisher*", "regulars",
	"resident*", "supporter*", "ticket holder*", "account holder*",
	"policyholder*", "citizen*", "recipient*", NULL
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
	"freez*", NULL
};
