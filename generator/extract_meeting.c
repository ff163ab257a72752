/*
 * extract_meeting.c: the lines that date the review meeting, not the
 * incident.  Postmortems kept as the notes of their review open with the
 * meeting's own date and hour ("**When:** Wednesday 16 July 2025,
 * 10:00-10:45, on a video call", "Review meeting: Tuesday 18 March",
 * "| Meeting | 16 December, 11:00 a.m.-12:00 p.m. |", "review held
 * Friday 5 September"), often the only date with a year and the first
 * range of the document, where the incident's window would be.  Such a
 * line gives no window, and its day is not the incident's; a line that
 * is only the meeting's gives no field either.
 */
#include "extract_int.h"

#include <string.h>

/* Labels that name the meeting: its line dates it. */
static const char *const meeting_labels[] = {
	"meeting", "review meeting", "meeting date", "meeting time",
	"meeting date and time", "date of meeting", "date of the meeting",
	"postmortem meeting", "post mortem meeting", "postmortem review",
	"post mortem review", "post incident review", "review", "review call",
	"review held", "review session", "retro", "retrospective",
	"retro meeting", "meeting held", "held", "held on", NULL
};

/* Labels of the people of a meeting: a "When:" or "Date:" among them is
 * the meeting's. */
static const char *const meeting_people[] = {
	"attendees", "attendance", "present", "participants", "facilitator",
	"facilitated by", "chair", "chaired by", "note taker", "notetaker",
	"notes by", "minutes", "minutes by", "minute taker", "scribe",
	"apologies", "absent", "invitees", "invited", NULL
};

static const char *const meeting_when[] = {
	"when", "date", "time", "date and time", "date time", "day", NULL
};

/* Words of a line that say a meeting was held then ("Postmortem review
 * held Monday 11 August 2025, 1:30-2:30 p.m."). */
static const char *const meeting_held[] = {
	"review held", "meeting held", "review was held", "meeting was held",
	"review took place", "meeting took place", "retro held",
	"retrospective held", "review call held", NULL
};

/* A line longer than this tells more than when a meeting was held. */
#define MEETING_LINE_MAX 200

/* The line's label, normalised (x_norm), from "Label: value" or a
 * two-column row; "" when it has none with a value after it. */
static void
label_of(const struct xline *l, char *out, size_t size)
{
	const char *tab;

	*out = '\0';
	if (l->kind == XL_ROW) {
		if (l->ncells == 2 && !l->header_row &&
		    (tab = memchr(l->s, '\t', l->len)) != NULL)
			x_norm(out, size, l->s, (size_t)(tab - l->s));
	} else if (l->kind != XL_HEADING && l->label_len &&
	    l->content < l->len) {
		x_norm(out, size, l->s, l->label_len);
	}
}

void
x_mark_meeting(struct xdoc *d)
{
	char label[48];
	size_t i, k, end;
	int people;

	for (i = 0; i < d->n; i = end) {
		/* a run of labelled lines: the header of the notes */
		people = 0;
		for (end = i; end < d->n; end++) {
			label_of(&d->v[end], label, sizeof(label));
			if (*label == '\0')
				break;
			people |= x_in_list(label, meeting_people);
		}
		for (k = i; k < end; k++) {
			label_of(&d->v[k], label, sizeof(label));
			if (x_in_list(label, meeting_labels) ||
			    (people && x_in_list(label, meeting_when)))
				d->v[k].meeting = X_MEETING_LINE;
		}
		if (end == i)
			end = i + 1;
	}
	/* a field of another kind keeps its value ("Severity: S1 · Network
	 * Operations · Review held 18 February 2025") */
	for (i = 0; i < d->n; i++) {
		struct xline *l = &d->v[i];

		if (l->meeting || l->len > MEETING_LINE_MAX ||
		    l->sec == SEC_TIMELINE || l->sec == SEC_UPDATES ||
		    !x_find_any(l->s, l->len, meeting_held, NULL))
			continue;
		label_of(l, label, sizeof(label));
		l->meeting = *label == '\0' || x_in_list(label, meeting_when) ?
		    X_MEETING_LINE : X_MEETING_DATES;
	}
}

/* Words of the meeting's own business, which a note-taker writes between
 * the entries of the timeline it walks through ("13:24 — moved on to
 * item 3", "(10:35 — timebox for item 2 reached)"). */
static const char *const meeting_business[] = {
	"walk-through", "walkthrough", "timebox*", "time box*",
	"moved on to item", "moved to item", "on to item", "timeline closed",
	NULL
};

int
x_meeting_remark(const struct xline *l)
{
	char label[48];
	size_t n;

	const char *colon;

	if (x_find_any(l->s, l->len, meeting_business, NULL))
		return 1;
	/* "Bikash's note:", "Note (Ito):", "Minutes note:", read from the
	 * text: a possessive is no label to the line cutter */
	colon = memchr(l->s, ':', l->len < 40 ? l->len : 40);
	if (colon == NULL)
		return 0;
	n = x_norm(label, sizeof(label), l->s, (size_t)(colon - l->s));
	return strcmp(label, "note") == 0 || strncmp(label, "note ", 5) == 0 ||
	    (n > 5 && strcmp(label + n - 5, " note") == 0 &&
	    strchr(label, ' ') == label + n - 5) ||
	    strcmp(label, "note taker") == 0 || strcmp(label, "scribe") == 0;
}
