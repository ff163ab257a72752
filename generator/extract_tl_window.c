/*
 * extract_tl_window.c: the incident's window read off its timeline, step 6
 * of extract_facts.c: the first entry (or the one that says the incident
 * starts) and the one that says the impact ends, else the entry a stated
 * duration from that start lands on, else the last "resolved" entry, else
 * the last.  Steps told without a time (x_tl_steps()) are passed over.
 */
#include "extract_int.h"

#include <string.h>

/* Words of a timeline entry that marks the start of the incident. */
static const char *const start_markers[] = {
	"incident start*", "incident begin*", "impact start*",
	"impact begin*", "start of impact", "start of the incident",
	"start of the outage", "outage start*", "outage begin*",
	"incident declared start", NULL
};

/* Words of a timeline entry that marks the end of the impact, which
 * beat later resolved entries ("17:30 OUTAGE ENDS", "18:05 Incident
 * closed"). */
static const char *const end_markers[] = {
	"outage end*", "outage over", "impact end*", "impact over",
	"end of impact", "end of the impact", "end of the outage",
	"end of outage", "incident end*", "incident over",
	/* the same in the languages whose section names extract_sections.c
	 * knows, as their writers leave them in English reports */
	"fin del impacto", "fin del incidente", "fin de la incidencia",
	"fim do impacto", "fim do incidente", "fin de l'impact",
	"fin de l\xe2\x80\x99impact", "fin de l'incident", "fine impatto",
	"fine dell'impatto", "fine del disservizio", "ende der st\xc3\xb6rung",
	"st\xc3\xb6rung beendet", "einde van de impact", "einde impact",
	"einde storing", "koniec awarii", "koniec incydentu",
	"akhir dampak", "insiden selesai", NULL
};

/* Has the i-th entry a place in time: a time, or at least a day? */
static int
placed(const struct xdoc *d, size_t i)
{
	return d->tl_when[i].hour >= 0 || d->tl_when[i].day != 0;
}

/* The first (or, with last, the last) timed entry whose words say one of
 * markers, or ntimeline. */
static size_t
marked_entry(const struct xdoc *d, const char *const *markers, int last)
{
	const struct pm_incident *inc = d->inc;
	struct pm_phrase_index x;

	pm_phrase_index_init(&x, markers);
	for (size_t k = 0; k < inc->ntimeline; k++) {
		size_t i = last ? inc->ntimeline - 1 - k : k;

		if (d->tl_when[i].hour >= 0 && x_index_find(&x,
		    inc->timeline[i].text, strlen(inc->timeline[i].text),
		    NULL))
			return i;
	}
	return inc->ntimeline;
}

void
x_times_from_timeline(struct xdoc *d)
{
	const struct pm_incident *inc = d->inc;
	size_t i, first, last, first_placed, last_placed = 0, nplaced = 0;
	long minutes;
	int marked;

	if (inc->ntimeline == 0 || d->tl_when == NULL)
		return;
	first_placed = inc->ntimeline;
	for (i = 0; i < inc->ntimeline; i++)
		if (placed(d, i)) {
			first_placed = nplaced++ ? first_placed : i;
			last_placed = i;
		}
	if (nplaced == 0)
		return;
	/* "10:00 Sales open ... Incident starts.": entries before the one
	 * that says so are the lead-up; and "| 23:41 | **impact starts** |"
	 * says more than the first time the story tells ("At 23:39 UTC,
	 * path B went dark") */
	first = marked_entry(d, start_markers, 0);
	marked = first < inc->ntimeline;
	if (first < inc->ntimeline && d->times_from_story &&
	    !inc->fixed.start && !inc->fixed.end)
		d->has_start = d->has_end = 0;
	if (!d->has_start && !inc->fixed.start) {
		if (first == inc->ntimeline)
			first = first_placed;
		d->start = d->tl_when[first];
		d->has_start = 1;
		d->start_from_timeline = 1;
		d->rep->start_line = inc->timeline[first].line;
		d->rep->times_source = "timeline";
	}
	/* A stated duration from a stated start says more than the last
	 * entry of the timeline. */
	if (d->has_end || inc->fixed.end || nplaced < 2 ||
	    (!d->start_from_timeline && d->stated_minutes != PM_UNKNOWN))
		return;
	last = marked_entry(d, end_markers, 1);
	for (i = 0; i < inc->ntimeline && last == inc->ntimeline &&
	    d->stated_minutes != PM_UNKNOWN; i++)
		if (d->tl_when[i].hour >= 0 && x_minutes_between(&d->start,
		    &d->tl_when[i]) == d->stated_minutes)
			last = i;
	/* "08:00 Sales open. All normal." reads as a recovery, but one
	 * before the start cannot end the incident. */
	for (i = inc->ntimeline; i-- > 0 && last == inc->ntimeline;)
		if (d->tl_kind[i] == TK_RESOLVED && placed(d, i) &&
		    ((minutes = x_minutes_between(&d->start,
		    &d->tl_when[i])) == PM_UNKNOWN || minutes > 0))
			last = i;
	if (last == inc->ntimeline)
		last = last_placed;
	d->end = d->tl_when[last];
	d->has_end = 1;
	d->end_from_timeline = 1;
	d->rep->end_line = inc->timeline[last].line;
	/* "For the first 85 minutes our site could not cope": when the
	 * first entry does not fit the stated duration, the entry that
	 * duration before the end does, and those before it led up to the
	 * incident ("11:00 the scale-up did not run", "Noon: sale opens") */
	if (!d->start_from_timeline || marked || inc->fixed.start ||
	    d->stated_minutes == PM_UNKNOWN ||
	    x_minutes_between(&d->start, &d->end) == d->stated_minutes)
		return;
	for (i = 1; i < last; i++)
		if (d->tl_when[i].hour >= 0 && x_minutes_between(&d->tl_when[i],
		    &d->end) == d->stated_minutes) {
			d->start = d->tl_when[i];
			d->rep->start_line = inc->timeline[i].line;
			break;
		}
}
