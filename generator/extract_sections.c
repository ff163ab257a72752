/*
 * extract_sections.c: the names people give to the sections of a
 * postmortem ("Root Cause and Resolution", "What went wrong", "Incident
 * history", "Follow-ups"), in English and in the other languages some
 * headings pair with it.
 */
#include "extract_int.h"

#include <string.h>

/*
 * The names of sections.  Rows are tried in order, so the first row that
 * matches wins: "Root Cause and Resolution" is a root cause, "Tasks to
 * address the issue" a task list, "Timeline summary" a timeline.  EXACT
 * rows match the whole normalised label, PREFIX rows its start, WORD rows
 * anywhere on word boundaries; "Label: content" lines use only the first
 * two, since a sentence's opening words say little.
 */
enum { EXACT, PREFIX, WORD };

struct section_name {
	int sec, mode;
	const char *name;
};

static const struct section_name sections[] = {
	{ SEC_ROOT, WORD, "root cause*" },
	{ SEC_ROOT, WORD, "root casue*" },	/* as typed in a hurry */
	{ SEC_ROOT, WORD, "route cause*" },	/* as heard */
	{ SEC_ROOT, WORD, "rootcause*" },
	{ SEC_ROOT, WORD, "rca" },
	{ SEC_ROOT, EXACT, "cause" },
	{ SEC_ROOT, EXACT, "causes" },
	{ SEC_ROOT, EXACT, "the cause" },
	{ SEC_ROOT, PREFIX, "cause of" },
	{ SEC_ROOT, PREFIX, "causes of" },
	{ SEC_ROOT, PREFIX, "underlying cause" },
	{ SEC_ROOT, EXACT, "main cause" },
	{ SEC_ROOT, EXACT, "primary cause" },
	{ SEC_ROOT, EXACT, "probable cause" },
	{ SEC_ROOT, EXACT, "immediate cause" },
	{ SEC_ROOT, PREFIX, "contributing factor" },
	{ SEC_ROOT, PREFIX, "what caused" },
	{ SEC_ROOT, PREFIX, "why it happened" },
	{ SEC_ROOT, PREFIX, "why did" },
	{ SEC_ROOT, EXACT, "why" },
	/* an FAQ's "Why was the shop closed?", "Then why did it fail?"
	 * ("why were" is also "Why we're calling this 'other'") */
	{ SEC_ROOT, PREFIX, "why was" },
	{ SEC_ROOT, PREFIX, "why could" },
	{ SEC_ROOT, PREFIX, "why couldnt" },
	{ SEC_ROOT, PREFIX, "then why" },
	{ SEC_ROOT, PREFIX, "so why" },
	{ SEC_ROOT, EXACT, "fault" },
	{ SEC_ROOT, PREFIX, "five whys" },
	{ SEC_ROOT, PREFIX, "5 whys" },
	{ SEC_ROOT, PREFIX, "what went wrong" },
	{ SEC_ROOT, PREFIX, "what actually happened" },
	{ SEC_ROOT, PREFIX, "what really happened" },
	{ SEC_ROOT, PREFIX, "what was actually happening" },
	{ SEC_ROOT, PREFIX, "what was really happening" },
	{ SEC_ROOT, PREFIX, "why it hurt" },
	{ SEC_ROOT, PREFIX, "why it broke" },
	{ SEC_ROOT, PREFIX, "why it failed" },
	/* the mechanism; "How it happened, hour by hour" is a timeline */
	{ SEC_ROOT, EXACT, "how it happened" },
	{ SEC_ROOT, EXACT, "how it broke" },
	{ SEC_ROOT, PREFIX, "what we found" },
	/* a first postmortem's template: "Debugging process", then the
	 * bug it found under "Summation" */
	{ SEC_ROOT, PREFIX, "summation" },
	{ SEC_ROOT, PREFIX, "what was wrong" },
	{ SEC_ROOT, PREFIX, "what was the cause" },
	{ SEC_ROOT, PREFIX, "what was behind" },
	{ SEC_ROOT, PREFIX, "what lay behind" },
	{ SEC_TIMELINE, WORD, "timeline*" },
	{ SEC_TIMELINE, WORD, "time line" },
	{ SEC_TIMELINE, WORD, "chronology" },
	{ SEC_TIMELINE, WORD, "sequence of events" },
	{ SEC_TIMELINE, PREFIX, "how it unfolded" },
	{ SEC_TIMELINE, PREFIX, "how it played out" },
	{ SEC_TIMELINE, PREFIX, "how the day went" },
	{ SEC_TIMELINE, PREFIX, "how the morning went" },
	{ SEC_TIMELINE, PREFIX, "how the afternoon went" },
	{ SEC_TIMELINE, PREFIX, "how the evening went" },
	{ SEC_TIMELINE, PREFIX, "how the night went" },
	{ SEC_TIMELINE, PREFIX, "as it happened" },
	/* an FAQ's "What happened when?", "What happened, hour by hour?",
	 * before "what happened" names the summary */
	{ SEC_TIMELINE, PREFIX, "what happened when" },
	{ SEC_TIMELINE, PREFIX, "what happened in order" },
	{ SEC_TIMELINE, WORD, "hour by hour" },
	{ SEC_TIMELINE, WORD, "minute by minute" },
	{ SEC_TIMELINE, WORD, "step by step" },
	{ SEC_TIMELINE, EXACT, "events" },
	{ SEC_TIMELINE, EXACT, "incident log" },
	{ SEC_TIMELINE, EXACT, "log of events" },
	/* a change's runbook with the times each step ran: "Runbook,
	 * planned and actual", "What ran, and when" */
	{ SEC_TIMELINE, WORD, "planned and actual" },
	{ SEC_TIMELINE, PREFIX, "what ran" },
	/* the steps of a first postmortem's hunt for its bug */
	{ SEC_DEBUGGING, PREFIX, "debugging" },
	{ SEC_DEBUGGING, PREFIX, "the debugging" },
	{ SEC_UPDATES, EXACT, "incident history" },
	{ SEC_UPDATES, EXACT, "update history" },
	{ SEC_UPDATES, EXACT, "updates" },
	{ SEC_UPDATES, EXACT, "status updates" },
	{ SEC_UPDATES, EXACT, "incident updates" },
	{ SEC_TASKS, WORD, "action item*" },
	{ SEC_TASKS, WORD, "action point*" },
	{ SEC_TASKS, WORD, "todo*" },
	{ SEC_TASKS, WORD, "to do" },
	{ SEC_TASKS, WORD, "follow up*" },
	{ SEC_TASKS, WORD, "followup*" },
	{ SEC_TASKS, WORD, "next step*" },
	{ SEC_TASKS, WORD, "task*" },
	/* the format's own words, copied as a heading: "A list of tasks to
	 * address the issue:" */
	{ SEC_TASKS, PREFIX, "a list of task*" },
	{ SEC_TASKS, PREFIX, "list of task*" },
	{ SEC_TASKS, WORD, "work items" },
	{ SEC_TASKS, WORD, "open items" },
	{ SEC_TASKS, WORD, "tickets" },
	{ SEC_TASKS, EXACT, "what now" },
	{ SEC_TASKS, EXACT, "action" },
	{ SEC_TASKS, PREFIX, "linked issue*" },
	{ SEC_TASKS, PREFIX, "linked ticket*" },
	{ SEC_TASKS, PREFIX, "what are we changing" },
	{ SEC_TASKS, PREFIX, "what will we change" },
	/* a customer's FAQ asks it of the company */
	{ SEC_TASKS, PREFIX, "what are you changing" },
	{ SEC_TASKS, PREFIX, "what will you change" },
	{ SEC_TASKS, EXACT, "actions" },
	{ SEC_TASKS, EXACT, "next actions" },
	{ SEC_TASKS, EXACT, "actions to take" },
	{ SEC_TASKS, EXACT, "what next" },
	{ SEC_TASKS, EXACT, "next time" },
	{ SEC_TASKS, EXACT, "for next time" },
	{ SEC_TASKS, PREFIX, "what we will change" },
	{ SEC_CORRECTIVE, PREFIX, "what well change" },	/* "we'll" */
	{ SEC_CORRECTIVE, PREFIX, "what well fix" },
	{ SEC_TASKS, EXACT, "next" },
	{ SEC_TASKS, PREFIX, "what were changing" },	/* x_norm: "we're" */
	{ SEC_TASKS, PREFIX, "what we are changing" },
	{ SEC_TASKS, PREFIX, "what we change" },
	{ SEC_TASKS, PREFIX, "what we do now" },
	/* "What it was, and what we're changing" */
	{ SEC_TASKS, WORD, "what were changing" },
	{ SEC_TASKS, PREFIX, "what we are fixing" },
	{ SEC_TASKS, PREFIX, "what were fixing" },	/* "we're" */
	{ SEC_TASKS, PREFIX, "what we will fix" },
	{ SEC_TASKS, PREFIX, "what we fix" },
	{ SEC_TASKS, WORD, "action plan" },
	{ SEC_TASKS, WORD, "capa" },	/* corrective and preventive actions */
	{ SEC_TASKS, PREFIX, "sub issues" },	/* Linear, GitHub */
	{ SEC_TASKS, PREFIX, "subtasks" },
	{ SEC_TASKS, PREFIX, "sub tasks" },
	{ SEC_TASKS, EXACT, "child issues" },
	{ SEC_CORRECTIVE, WORD, "corrective" },
	{ SEC_CORRECTIVE, WORD, "preventative" },
	{ SEC_CORRECTIVE, WORD, "preventive" },
	{ SEC_CORRECTIVE, WORD, "prevention" },
	{ SEC_CORRECTIVE, WORD, "remediation*" },
	{ SEC_CORRECTIVE, WORD, "remedial" },
	{ SEC_CORRECTIVE, WORD, "lessons" },
	{ SEC_CORRECTIVE, WORD, "improvement*" },
	{ SEC_CORRECTIVE, WORD, "recommendation*" },
	{ SEC_CORRECTIVE, WORD, "countermeasure*" },
	{ SEC_CORRECTIVE, WORD, "counter measure*" },
	{ SEC_CORRECTIVE, PREFIX, "what we are doing" },
	{ SEC_CORRECTIVE, PREFIX, "what were doing" },
	{ SEC_CORRECTIVE, PREFIX, "what we will do" },
	{ SEC_CORRECTIVE, PREFIX, "what well do" },	/* "we'll" */
	{ SEC_CORRECTIVE, PREFIX, "what we are going to do" },
	{ SEC_CORRECTIVE, PREFIX, "what were going to do" },
	{ SEC_CORRECTIVE, PREFIX, "what were gonna do" },	/* "we're" */
	{ SEC_CORRECTIVE, PREFIX, "what we are gonna do" },
	{ SEC_CORRECTIVE, PREFIX, "what were gonna change" },
	{ SEC_CORRECTIVE, PREFIX, "what were gonna fix" },
	{ SEC_CORRECTIVE, PREFIX, "what we have changed" },
	{ SEC_CORRECTIVE, PREFIX, "what weve changed" },
	{ SEC_CORRECTIVE, PREFIX, "what we changed" },
	{ SEC_CORRECTIVE, PREFIX, "what has changed" },
	{ SEC_CORRECTIVE, PREFIX, "what we have done since" },
	{ SEC_CORRECTIVE, PREFIX, "what weve done since" },
	{ SEC_CORRECTIVE, PREFIX, "how we will prevent" },
	{ SEC_CORRECTIVE, PREFIX, "what are we doing" },
	{ SEC_CORRECTIVE, PREFIX, "what will we do" },
	{ SEC_CORRECTIVE, PREFIX, "what will you do" },
	{ SEC_CORRECTIVE, PREFIX, "what are you going to do" },
	{ SEC_CORRECTIVE, PREFIX, "how will we prevent" },
	{ SEC_CORRECTIVE, PREFIX, "how are we preventing" },
	/* "How are we making incidents like this less likely?" */
	{ SEC_CORRECTIVE, PREFIX, "how are we making" },
	{ SEC_CORRECTIVE, PREFIX, "how we are making" },
	{ SEC_CORRECTIVE, WORD, "less likely" },
	{ SEC_CORRECTIVE, PREFIX, "preventing" },
	{ SEC_CORRECTIVE, EXACT, "fixes" },
	{ SEC_CORRECTIVE, EXACT, "changes" },
	{ SEC_CORRECTIVE, EXACT, "measures" },
	{ SEC_CORRECTIVE, PREFIX, "measures to prevent" },
	{ SEC_CORRECTIVE, WORD, "prevent recurrence" },
	{ SEC_CORRECTIVE, WORD, "recurrence prevention" },
	/* "What actually went wrong", after "timeline of what went wrong" */
	{ SEC_ROOT, WORD, "went wrong" },
	{ SEC_IMPACT, PREFIX, "impact" },
	{ SEC_IMPACT, EXACT, "customer impact" },
	{ SEC_IMPACT, EXACT, "user impact" },
	{ SEC_IMPACT, EXACT, "business impact" },
	{ SEC_IMPACT, PREFIX, "who was affected" },
	{ SEC_IMPACT, PREFIX, "who was hit" },
	{ SEC_IMPACT, PREFIX, "who was impacted" },
	{ SEC_IMPACT, PREFIX, "who got hit" },
	{ SEC_IMPACT, PREFIX, "who it hit" },
	{ SEC_IMPACT, PREFIX, "who it affected" },
	{ SEC_IMPACT, PREFIX, "who noticed" },
	{ SEC_SUMMARY, WORD, "summary" },
	{ SEC_SUMMARY, WORD, "overview" },
	{ SEC_SUMMARY, WORD, "tl dr" },
	{ SEC_SUMMARY, WORD, "tldr" },
	{ SEC_SUMMARY, PREFIX, "the short version" },
	{ SEC_SUMMARY, PREFIX, "short version" },
	{ SEC_SUMMARY, PREFIX, "in short" },
	{ SEC_SUMMARY, PREFIX, "in brief" },
	{ SEC_SUMMARY, PREFIX, "what happened" },
	{ SEC_SUMMARY, PREFIX, "what broke" },
	{ SEC_SUMMARY, EXACT, "the incident" },
	{ SEC_SUMMARY, EXACT, "incident" },
	{ SEC_SUMMARY, EXACT, "the outage" },
	{ SEC_SUMMARY, EXACT, "outage" },
	{ SEC_SUMMARY, WORD, "synopsis" },
	{ SEC_SUMMARY, WORD, "abstract" },
	{ SEC_SUMMARY, EXACT, "description" },
	{ SEC_SUMMARY, EXACT, "incident description" },
	{ SEC_SUMMARY, EXACT, "issue description" },
	{ SEC_SUMMARY, EXACT, "introduction" },
	{ SEC_SUMMARY, EXACT, "executive summary" },
	{ SEC_RESOLUTION, PREFIX, "resolution" },
	{ SEC_RESOLUTION, PREFIX, "recovery" },
	{ SEC_RESOLUTION, PREFIX, "mitigation" },
	{ SEC_RESOLUTION, PREFIX, "how it was fixed" },
	{ SEC_RESOLUTION, EXACT, "fix" },
	{ SEC_RESOLUTION, EXACT, "the fix" },
	/* Sections the extractor does not read but must see end others. */
	{ SEC_OTHER, PREFIX, "conclusion" },
	{ SEC_OTHER, PREFIX, "leadup" },
	{ SEC_OTHER, PREFIX, "lead up" },
	{ SEC_OTHER, EXACT, "response" },
	{ SEC_OTHER, PREFIX, "escalation" },
	{ SEC_OTHER, PREFIX, "misleading" },
	{ SEC_OTHER, PREFIX, "detection" },
	{ SEC_OTHER, PREFIX, "how did we find" },
	{ SEC_OTHER, PREFIX, "how we found" },
	{ SEC_OTHER, PREFIX, "background" },
	{ SEC_OTHER, PREFIX, "appendix" },
	{ SEC_OTHER, PREFIX, "what went" },
	{ SEC_OTHER, PREFIX, "where we got lucky" },
	{ SEC_OTHER, PREFIX, "supporting" },
	{ SEC_OTHER, PREFIX, "references" },
	{ SEC_OTHER, PREFIX, "glossary" },
	{ SEC_OTHER, PREFIX, "acknowledg" },
	{ SEC_OTHER, PREFIX, "participants" },
	{ SEC_OTHER, PREFIX, "attendees" },
	{ SEC_OTHER, PREFIX, "trigger" },
	{ SEC_OTHER, PREFIX, "questions" },
	{ SEC_OTHER, PREFIX, "communication" },
	/* a ticket's comments under its description, as Jira exports it */
	{ SEC_OTHER, EXACT, "comments" },
	{ SEC_OTHER, EXACT, "activity" },
};

/*
 * The same in the languages whose writers head an English report in
 * their own (x_norm has folded their marks: "Causa raíz" is "causa
 * raiz").  Tried after the English rows and after a heading's two
 * halves ("Massnahmen / Actions" is a task list by its English half).
 */
static const struct section_name other_languages[] = {
	/* "Causa raíz", "Cause racine", "Ursache", "Oorzaak", "Przyczyna",
	 * "Akar masalah", "Kök neden", "Nguyên nhân" */
	{ SEC_ROOT, WORD, "causa" },
	{ SEC_ROOT, WORD, "causas" },
	{ SEC_ROOT, PREFIX, "cause et" },
	{ SEC_ROOT, PREFIX, "causes et" },
	{ SEC_ROOT, WORD, "cause racine" },
	{ SEC_ROOT, WORD, "cause profonde" },
	{ SEC_ROOT, WORD, "cause premiere" },
	{ SEC_ROOT, WORD, "ursache*" },
	{ SEC_ROOT, WORD, "grundursache*" },
	{ SEC_ROOT, WORD, "oorzaak" },
	{ SEC_ROOT, WORD, "przyczyn*" },
	{ SEC_ROOT, WORD, "akar masalah" },
	{ SEC_ROOT, WORD, "penyebab" },
	{ SEC_ROOT, WORD, "kok neden*" },
	{ SEC_ROOT, WORD, "nguyen nhan" },
	{ SEC_TIMELINE, WORD, "cronolog*" },
	{ SEC_TIMELINE, WORD, "chronolog*" },
	{ SEC_TIMELINE, WORD, "kronolog*" },
	{ SEC_TIMELINE, WORD, "linea de tiempo" },
	{ SEC_TIMELINE, WORD, "linha do tempo" },
	{ SEC_TIMELINE, WORD, "zeitablauf" },
	{ SEC_TIMELINE, WORD, "zeitleiste" },
	{ SEC_TIMELINE, EXACT, "ablauf" },
	{ SEC_TIMELINE, WORD, "tijdlijn" },
	{ SEC_TIMELINE, WORD, "os czasu" },
	{ SEC_TIMELINE, WORD, "przebieg" },
	{ SEC_TIMELINE, WORD, "tidslinje" },
	{ SEC_TASKS, EXACT, "tareas" },
	{ SEC_TASKS, EXACT, "acciones" },
	{ SEC_TASKS, EXACT, "acoes" },
	{ SEC_TASKS, EXACT, "azioni" },
	{ SEC_TASKS, EXACT, "aufgaben" },
	{ SEC_TASKS, EXACT, "zadania" },
	/* "Medidas correctivas", "Mesures préventives", "Azioni
	 * correttive", "Maßnahmen", "Maatregelen", "Działania",
	 * "Tindak lanjut", "Önlemler" */
	{ SEC_CORRECTIVE, WORD, "correctiv*" },
	{ SEC_CORRECTIVE, WORD, "correttiv*" },
	{ SEC_CORRECTIVE, WORD, "corretiv*" },
	{ SEC_CORRECTIVE, WORD, "preventiv*" },
	{ SEC_CORRECTIVE, WORD, "massnahmen" },
	{ SEC_CORRECTIVE, WORD, "maatregel*" },
	{ SEC_CORRECTIVE, WORD, "dzialania" },
	{ SEC_CORRECTIVE, WORD, "tindak lanjut" },
	{ SEC_CORRECTIVE, WORD, "onlem*" },
	{ SEC_CORRECTIVE, WORD, "medidas" },
	{ SEC_CORRECTIVE, WORD, "mesures" },
	{ SEC_CORRECTIVE, WORD, "misure" },
	{ SEC_IMPACT, EXACT, "impacto" },
	{ SEC_IMPACT, EXACT, "impatto" },
	{ SEC_IMPACT, PREFIX, "auswirkung" },
	{ SEC_IMPACT, EXACT, "dampak" },
	{ SEC_SUMMARY, WORD, "resumen" },
	{ SEC_SUMMARY, WORD, "resumo" },
	{ SEC_SUMMARY, PREFIX, "resume" },
	{ SEC_SUMMARY, WORD, "riepilogo" },
	{ SEC_SUMMARY, WORD, "sintesi" },
	{ SEC_SUMMARY, WORD, "sommario" },
	{ SEC_SUMMARY, WORD, "zusammenfassung" },
	{ SEC_SUMMARY, WORD, "samenvatting" },
	{ SEC_SUMMARY, WORD, "podsumowanie" },
	{ SEC_SUMMARY, WORD, "ringkasan" },
	{ SEC_SUMMARY, WORD, "ozet" },
	{ SEC_SUMMARY, WORD, "sammanfattning" },
	{ SEC_RESOLUTION, PREFIX, "resolucion" },
	{ SEC_RESOLUTION, PREFIX, "resolucao" },
	{ SEC_RESOLUTION, PREFIX, "risoluzione" },
	{ SEC_RESOLUTION, PREFIX, "losung" },
	{ SEC_RESOLUTION, PREFIX, "oplossing" },
	{ SEC_RESOLUTION, PREFIX, "penyelesaian" },
};

/* "Incident summary", "Issue summary", "Outage timeline": the length of
 * such a first word with its space, else 0. */
static size_t
lead_word(const char *n, size_t nl)
{
	static const char *const lead[] = { "incident", "issue", "outage",
	    "event", "problem" };
	size_t e;

	for (size_t i = 0; i < XCOUNT(lead); i++)
		if ((e = x_phrase_at(n, nl, 0, lead[i])) != 0 && e < nl)
			return e + 1;
	return 0;
}

/*
 * "Massnahmen / Actions", "Azioni / Actions": a heading in two languages
 * names the section in either half.  Only tried when the whole does not
 * name one, so "Root cause / Resolution" stays a root cause.
 */
static int
bilingual_section(const char *s, size_t len, int strict)
{
	for (size_t i = 1; i + 2 < len; i++) {
		int sec;

		if (s[i] != '/' || s[i - 1] != ' ' || s[i + 1] != ' ')
			continue;
		if ((sec = x_section_of(s + i + 2, len - i - 2, strict)) !=
		    SEC_NONE)
			return sec;
		return x_section_of(s, i - 1, strict);
	}
	return SEC_NONE;
}

/* The first letters of the words of n[0, nl), one bit per letter. */
static unsigned long
initials(const char *n, size_t nl)
{
	unsigned long m = 0;

	for (size_t i = 0; i < nl; i++)
		if ((i == 0 || n[i - 1] == ' ') && n[i] >= 'a' && n[i] <= 'z')
			m |= 1ul << (n[i] - 'a');
	return m;
}

/* Can row r match the normalised label n, whose initials() are m?  Every
 * row is asked of most labels, so a name is refused on the letter its
 * match must start with, inline in the loop, before row_matches() is
 * called: the call cost more than the refusal. */
static inline int
row_refused(const struct section_name *r, const char *n, unsigned long m)
{
	int c = (unsigned char)r->name[0];

	return r->mode != WORD ? c != n[0] :
	    c >= 'a' && c <= 'z' && !(m & (1ul << (c - 'a')));
}

/* Does the normalised label n[0, nl), not refused by row_refused(),
 * match row r? */
static int
row_matches(const struct section_name *r, const char *n, size_t nl,
    int strict)
{
	size_t e, k;

	switch (r->mode) {
	case EXACT:
		return strcmp(n, r->name) == 0;
	case PREFIX:
		return (e = x_phrase_at(n, nl, 0, r->name)) != 0 &&
		    (!strict || e == nl || strchr(r->name, ' '));
	default:
		if (!strict)
			return x_find(n, nl, r->name) != (size_t)-1;
		/* "Root cause", "Timeline", "Action items": the name, maybe
		 * after "incident"; a stem takes the rest of its word */
		k = lead_word(n, nl);
		if ((e = x_phrase_at(n, nl, k, r->name)) != 0)
			while (e < nl && n[e] != ' ')
				e++;
		return e == nl;
	}
}

/* The section a closing "(...)" of s names in other_languages, or
 * SEC_NONE. */
static int
gloss_section(const char *s, size_t len)
{
	char n[64];
	size_t open = len, nl;
	unsigned long m;

	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len < 3 || s[len - 1] != ')')
		return SEC_NONE;
	while (open > 0 && s[open - 1] != '(')
		open--;
	if (open == 0 || (nl = x_norm(n, sizeof(n), s + open,
	    len - 1 - open)) == 0)
		return SEC_NONE;
	m = initials(n, nl);
	for (size_t i = 0; i < XCOUNT(other_languages); i++)
		if (!row_refused(&other_languages[i], n, m) &&
		    row_matches(&other_languages[i], n, nl, 0))
			return other_languages[i].sec;
	return SEC_NONE;
}

/* "Original summary (11 December, superseded)": a section the writer
 * kept after replacing it says nothing any more. */
static int
taken_back(const char *s, size_t len)
{
	static const char *const words[] = { "superseded", "obsolete",
	    "outdated", "withdrawn", "retracted", NULL };

	for (size_t i = 0; i < len; i++) {
		int c = x_lower((unsigned char)s[i]);

		/* the words' first letters, refused before any is tried */
		if ((c == 's' || c == 'o' || c == 'w' || c == 'r') &&
		    (i == 0 || !x_alnum((unsigned char)s[i - 1])) &&
		    x_phrase_at_any(s, len, i, words))
			return 1;
	}
	return 0;
}

int
x_section_of(const char *s, size_t len, int strict)
{
	char n[128];
	size_t nl = x_norm(n, sizeof(n), s, len), i;
	unsigned long m;
	int sec;

	if (nl == 0 || len > 120)
		return SEC_NONE;
	/* "What happened (cronologia)": a gloss in the writer's language
	 * says which section the English words mean */
	if ((sec = gloss_section(s, len)) != SEC_NONE)
		return sec;
	if (taken_back(s, len))
		return SEC_OTHER;
	m = initials(n, nl);
	for (i = 0; i < XCOUNT(sections); i++)
		if (!row_refused(&sections[i], n, m) &&
		    row_matches(&sections[i], n, nl, strict))
			return sections[i].sec;
	if ((sec = bilingual_section(s, len, strict)) != SEC_NONE)
		return sec;
	for (i = 0; i < XCOUNT(other_languages); i++)
		if (!row_refused(&other_languages[i], n, m) &&
		    row_matches(&other_languages[i], n, nl, strict))
			return other_languages[i].sec;
	return SEC_NONE;
}
