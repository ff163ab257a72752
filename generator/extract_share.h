/*
 * extract_share.h: the share of users a text names, and the words that
 * tell a share of people from a rate, a change or a count of things
 * (extract_share.c, extract_share_noun.c, extract_share_change.c,
 * extract_share_line.c, extract_number.c).  Internal to the extract
 * stage, like extract_int.h; the same rules: texts are borrowed, nothing
 * is allocated, NAN when no share is named.
 */
#ifndef PM_EXTRACT_SHARE_H
#define PM_EXTRACT_SHARE_H

#include "extract_int.h"

/* extract_share_noun.c: what the number before s[i] counts.
 * x_noun_after: a word of nouns (x_people or x_persons) among the next
 * few words, in the same noun phrase, with no change word on the way.
 * x_people_after: x_noun_after() with x_people, unless "of their ..."
 * makes it a rate within each one's own use (x_of_their).
 * x_people_before: a word of x_people among the two words before s[i].
 * x_share_aside: the share at s[i] is set aside, in brackets or after a
 * comma, right after such a word ("users (around 20%)").
 * x_thing_after: anything but a machine, a resource or a date.
 * x_who_after: a noun of one or two words that a "who" says are people.
 * x_month_after: a month name ("15 August" is a date).
 * x_resource_at: a machine or resource word at s[i].
 * x_count_starts: s[i] may start a count, not a name's digits ("c-07"),
 * the minutes of a time, a decimal's fraction or a sum ("$150").
 * x_change_words: words that make a number a change, not a share. */
extern const char *const x_change_words[];
int x_noun_after(const char *s, size_t len, size_t i,
    const char *const *nouns);
int x_of_their(const char *s, size_t len, size_t i);
int x_people_after(const char *s, size_t len, size_t i);
int x_people_before(const char *s, size_t i);
int x_share_aside(const char *s, size_t i);
int x_thing_after(const char *s, size_t len, size_t i);
int x_who_after(const char *s, size_t len, size_t i);
int x_month_after(const char *s, size_t len, size_t e);
int x_resource_at(const char *s, size_t len, size_t i);
int x_count_starts(const char *s, size_t i);

/* The end of the clause that goes on from s[k]: a comma (not a number's
 * thousands separator, "3,412"), a semicolon, a colon or the end of a
 * sentence. */
size_t x_clause_end(const char *s, size_t len, size_t k);

/* Words that make a share of people one of all of them ("about 6% of
 * players worldwide", "across all our markets"). */
extern const char *const x_overall_words[];

/* "None of our subscribers received a message", "no customer could log
 * in", "nobody was able to pay" at s[i]: the end of its verb, or 0. */
size_t x_none_could(const char *s, size_t len, size_t i);

/* extract_share_change.c: is the percentage s[i..k) a change ("up
 * 30%"), one end of a move between levels ("from 5% to 10%") or the size
 * of a part on a normal day, rather than a share of the harm? */
int x_share_is_change(const char *s, size_t len, size_t i, size_t k);

/* extract_share.c: the share of users a text names, in percent, or NAN.
 * in_impact: the text is from the impact section or field, so every
 * sentence of it is about the impact.  *whole is set when the share is
 * a word such as "all" or "every", which a number elsewhere beats. */
double x_share_in(const char *s, size_t len, int in_impact, int *whole);

/* extract_number.c: the end of a percent sign or word at s[k] ("%",
 * "per cent", "procent"), or 0. */
size_t x_percent_at(const char *s, size_t len, size_t k);

/* The end of the percent sign that makes the number s[i, e) a share:
 * after it ("17%", "17 per cent") or before it, the Turkish way ("%17",
 * whose end is e); or 0. */
size_t x_percent_after(const char *s, size_t len, size_t i, size_t e);

/* Does a percentage or a fraction of people ("roughly 8% of our users",
 * "three quarters of the people") stand in s? */
int x_names_persons_percent(const char *s, size_t len);
/* extract_share_change.c: does a word of the peak stand near the share
 * s[i, d), in its sentence and not in brackets; the share after s[k]
 * said to be the peak, of people or "of them", or NAN. */
int x_peak_near(const char *s, size_t len, size_t i, size_t d);
double x_peak_after(const char *s, size_t len, size_t k);

/* Does a count of people divided by "N of them" ("71 people watched, and
 * 46 of them lost the picture") stand in s? */
int x_names_persons_of_them(const char *s, size_t len);

/* extract_share_line.c: x_share_in() over the sentences of a line, where
 * one may divide the count of those before or of the line before (before,
 * or NULL): "Of these, ...", "93 of them"; [*from, *to) gets the sentence
 * that said it, *persons whether it is a share of people. */
double x_share_in_line(const struct xline *l, const struct xline *before,
    int in_impact, size_t *from, size_t *to, int *whole, int *persons);

/* The share in the total row of a table ("All customers | 10,700 | 3,308
 * | 31%"): its last cell, a bare percentage, when its first cell says
 * "all", "total" or "overall"; NAN for any other line. */
double x_share_total_row(const struct xline *l);

/* "22%", "about 22%": a front matter impact that is a share and nothing
 * else; NAN otherwise. */
double x_bare_percent(const char *s);

#endif
