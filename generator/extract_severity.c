/*
 * extract_severity.c: the severity as written ("SEV2", "Sev 2", "P1",
 * "High") and the affected services, from their fields or the list under
 * them.
 */
#include "extract_int.h"

#include <stdio.h>
#include <string.h>

static const char *const severity_labels[] = {
	"severity", "sev", "severity level", "incident severity", "priority",
	"incident priority", "incident level", "level", "impact level",
	"severity priority", NULL
};

static const char *const service_labels[] = {
	"affected services", "services affected", "impacted services",
	"services impacted", "affected systems", "systems affected",
	"affected components", "components affected", "services", "service",
	"affected service", "systems", "components", "affected products",
	"products affected", "impacted systems", "systems impacted", NULL
};

/*
 * A severity token at s[i]: "SEV1", "Sev 2", "SEV-3", "sev1", "P1" and,
 * when allow_s (after a "Severity:" label), "S2".  Copies it as written
 * into out and returns its end, or 0.
 */
static size_t
severity_at(const char *s, size_t len, size_t i, int allow_s, char *out,
    size_t size)
{
	size_t e = 0, k;

	if (i > 0 && x_alnum((unsigned char)s[i - 1]))
		return 0;
	if ((e = x_phrase_at(s, len, i, "sev*")) != 0) {
		k = e;
		while (k < len && (s[k] == ' ' || s[k] == '-' || s[k] == '_') &&
		    k - e < 2)
			k++;
		if (!(k < len && s[k] >= '0' && s[k] <= '9' && (k + 1 >= len ||
		    !x_alnum((unsigned char)s[k + 1]))))
			return 0;
		e = k + 1;
	} else if (i + 1 < len && (s[i] == 'P' || s[i] == 'p' ||
	    (allow_s && (s[i] == 'S' || s[i] == 's'))) && s[i + 1] >= '0' &&
	    s[i + 1] <= '5' && (i + 2 >= len ||
	    !x_alnum((unsigned char)s[i + 2]))) {
		e = i + 2;
	} else {
		return 0;
	}
	snprintf(out, size, "%.*s", (int)(e - i), s + i);
	return e;
}

static const char *const severity_words[] = {
	"critical", "high", "major", "medium", "moderate", "minor", "low",
	"severe", NULL
};

/* The severity as written: a field first ("Severity: SEV2", "Priority:
 * P1", "Severity: High"), else a "SEV2" anywhere, else a "P1" next to
 * "incident" or "priority" or in brackets ("[P1] Checkout down"). */
void
x_find_severity(struct xdoc *d)
{
	const struct xfield *f = x_field(d, severity_labels);
	char out[32];
	size_t i, e;

	if (f) {
		for (i = 0; i < f->vlen; i++)
			if (severity_at(f->v, f->vlen, i, 1, out, sizeof(out)))
				goto found_field;
		/* "Severity: 2" */
		if (f->v[0] >= '0' && f->v[0] <= '9' && (f->vlen == 1 ||
		    !x_alnum((unsigned char)f->v[1]))) {
			snprintf(out, sizeof(out), "%c", f->v[0]);
			goto found_field;
		}
		for (const char *const *w = severity_words; *w; w++)
			if ((e = x_phrase_at(f->v, f->vlen, 0, *w)) != 0) {
				snprintf(out, sizeof(out), "%.*s", (int)e,
				    f->v);
				goto found_field;
			}
	}
	for (i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];

		for (size_t k = 0; k < l->len; k++) {
			if (!severity_at(l->s, l->len, k, 0, out, sizeof(out)))
				continue;
			if ((out[0] == 'P' || out[0] == 'p') &&
			    x_find(l->s, l->len, "incident*") == (size_t)-1 &&
			    x_find(l->s, l->len, "priority") == (size_t)-1 &&
			    x_find(l->s, l->len, "severity") == (size_t)-1 &&
			    (k == 0 || l->s[k - 1] != '['))
				continue;
			d->inc->severity = pm_arena_strdup(d->arena, out);
			d->rep->severity_line = l->line;
			return;
		}
	}
	return;
found_field:
	d->inc->severity = pm_arena_strdup(d->arena, out);
	d->rep->severity_line = f->line;
}

static void
add_service(struct xdoc *d, const char *s, size_t len)
{
	while (len > 0 && (*s == ' ' || *s == '`' || *s == '"' || *s == '\''))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '`' ||
	    s[len - 1] == '.' || s[len - 1] == '"' || s[len - 1] == '\''))
		len--;
	if (len == 0 || len > 60 || !x_has_letter(s, len) ||
	    d->inc->services.len >= 20)
		return;
	s = pm_arena_strndup(d->arena, s, len);
	if (!pm_strlist_has(&d->inc->services, s))
		pm_strlist_push(&d->inc->services, d->arena, s);
}

/* "Affected services: api, billing and search" or the list below an
 * "Affected services:" line. */
void
x_find_services(struct xdoc *d)
{
	const struct xfield *f = x_field(d, service_labels);
	size_t i, k;

	if (f) {
		size_t from = 0, e;

		for (i = 0; i <= f->vlen; i++) {
			e = i < f->vlen ? x_phrase_at(f->v, f->vlen, i,
			    "and") : 0;
			if (i < f->vlen && f->v[i] != ',' && f->v[i] != ';' &&
			    !e)
				continue;
			add_service(d, f->v + from, i - from);
			from = e ? e : i + 1;
			i = from - 1;
		}
		d->rep->services_line = f->line;
		return;
	}
	for (i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];

		if (l->kind == XL_ROW || !x_label_is(l, service_labels) ||
		    l->content < l->len)
			continue;
		for (k = i + 1; k < d->n && d->v[k].kind == XL_ITEM; k++)
			if (d->v[k].first)
				add_service(d, d->v[k].s, d->v[k].len);
		d->rep->services_line = l->line;
		return;
	}
}

