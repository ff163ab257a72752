/*
 * cache_codec.c: the bytes of a cached incident, and their decoding, which
 * trusts no length or count it reads.
 *
 * Layout: little-endian integers; a string is a u32 length (0xffffffff for
 * NULL), its bytes and a NUL, so decoded strings point into the file's
 * copy without being copied; a list is a u32 count and its items.  The
 * fields follow struct pm_incident in order (incident.h), then the front
 * matter tree, the `fixed` bits, and the warning lines.  A decoder that
 * does not end exactly at the end of the payload has read something else.
 * The state of the last build and the history walk's state use the same
 * pieces (cache_codec_int.h, cache_codec_state.c).
 */
#include "cache_int.h"
#include "cache_codec_int.h"

#include <limits.h>
#include <string.h>

#include "yamltree.h"

/* Deepest front matter tree stored: what yamltree can produce. */
#define VALUE_DEPTH (PM_YAML_MAX_DEPTH + 1)

/* ------------------------------------------------------------ encoding */

static void
put_strlist(struct enc *e, const struct pm_strlist *l)
{
	put_count(e, l->len);
	for (size_t i = 0; i < l->len; i++) {
		if (l->items[i] == NULL)
			e->bad = 1;	/* a list holds strings */
		else
			put_str(e, l->items[i]);
	}
}

static void
put_value(struct enc *e, const struct pm_value *v, int depth)
{
	if (v == NULL) {
		put_u32(e, NONE);
		return;
	}
	if (depth > VALUE_DEPTH) {
		e->bad = 1;
		return;
	}
	put_u32(e, (uint32_t)v->type);
	put_int(e, v->line);
	switch (v->type) {
	case PM_VALUE_NULL:
		break;
	case PM_VALUE_BOOL:
		put_int(e, v->u.boolean);
		break;
	case PM_VALUE_NUMBER:
		put_double(e, v->u.number);
		break;
	case PM_VALUE_STRING:
		put_bytes(e, v->u.string.ptr ? v->u.string.ptr : "",
		    v->u.string.len);
		break;
	case PM_VALUE_LIST:
		put_count(e, v->u.list.len);
		for (size_t i = 0; i < v->u.list.len; i++) {
			struct pm_arena *a = pm_value_is_made(v) ?
			    pm_arena_new() : NULL;

			put_value(e, pm_value_list_item(v, i, a), depth + 1);
			pm_arena_free(a);
		}
		break;
	case PM_VALUE_MAP:
		put_count(e, v->u.map.len);
		for (size_t i = 0; i < v->u.map.len; i++) {
			put_bytes(e, v->u.map.entries[i].key,
			    v->u.map.entries[i].key_len);
			put_value(e, v->u.map.entries[i].value, depth + 1);
		}
		break;
	default:
		e->bad = 1;
	}
}

/* The `fixed` bits in a fixed order, whatever the compiler's layout. */
static uint32_t
fixed_mask(const struct pm_incident *inc)
{
	const unsigned bits[] = {
		inc->fixed.title, inc->fixed.summary, inc->fixed.start,
		inc->fixed.end, inc->fixed.timezone, inc->fixed.duration,
		inc->fixed.impact, inc->fixed.impact_percent,
		inc->fixed.severity, inc->fixed.services,
		inc->fixed.root_cause, inc->fixed.category, inc->fixed.tags,
		inc->fixed.slug, inc->fixed.date, inc->fixed.timeline,
		inc->fixed.action_items
	};
	uint32_t mask = 0;

	for (size_t i = 0; i < sizeof(bits) / sizeof(*bits); i++)
		mask |= (uint32_t)(bits[i] & 1) << i;
	return mask;
}

static void
set_fixed(struct pm_incident *inc, uint32_t m)
{
	inc->fixed.title = m & 1;
	inc->fixed.summary = (m >> 1) & 1;
	inc->fixed.start = (m >> 2) & 1;
	inc->fixed.end = (m >> 3) & 1;
	inc->fixed.timezone = (m >> 4) & 1;
	inc->fixed.duration = (m >> 5) & 1;
	inc->fixed.impact = (m >> 6) & 1;
	inc->fixed.impact_percent = (m >> 7) & 1;
	inc->fixed.severity = (m >> 8) & 1;
	inc->fixed.services = (m >> 9) & 1;
	inc->fixed.root_cause = (m >> 10) & 1;
	inc->fixed.category = (m >> 11) & 1;
	inc->fixed.tags = (m >> 12) & 1;
	inc->fixed.slug = (m >> 13) & 1;
	inc->fixed.date = (m >> 14) & 1;
	inc->fixed.timeline = (m >> 15) & 1;
	inc->fixed.action_items = (m >> 16) & 1;
}

#define FIXED_BITS 17

int
pm_cache__encode(struct pm_buf *out, const struct pm_incident *inc,
    const char *const *lines, size_t nlines)
{
	struct enc e = { out, 0 };
	size_t start = out->len;

	put_str(&e, inc->slug);
	put_str(&e, inc->path);
	put_str(&e, inc->title);
	put_str(&e, inc->summary);
	put_str(&e, inc->start);
	put_str(&e, inc->end);
	put_str(&e, inc->timezone);
	put_long(&e, inc->duration_minutes);
	put_double(&e, inc->impact_percent);
	put_str(&e, inc->impact);
	put_str(&e, inc->severity);
	put_strlist(&e, &inc->services);
	put_str(&e, inc->root_cause);
	put_str(&e, inc->category);
	put_strlist(&e, &inc->categories);
	put_strlist(&e, &inc->tags);
	put_count(&e, inc->ntimeline);
	for (size_t i = 0; i < inc->ntimeline; i++) {
		put_str(&e, inc->timeline[i].time);
		put_str(&e, inc->timeline[i].text);
		put_str(&e, inc->timeline[i].kind);
		put_int(&e, inc->timeline[i].line);
	}
	put_long(&e, inc->time_to_detect_minutes);
	put_long(&e, inc->time_to_resolve_minutes);
	put_count(&e, inc->naction_items);
	for (size_t i = 0; i < inc->naction_items; i++) {
		put_str(&e, inc->action_items[i].text);
		put_int(&e, inc->action_items[i].done);
		put_int(&e, inc->action_items[i].line);
		put_str(&e, inc->action_items[i].added);
		put_str(&e, inc->action_items[i].done_at);
	}
	put_int(&e, inc->sections.issue_summary);
	put_int(&e, inc->sections.timeline);
	put_int(&e, inc->sections.root_cause);
	put_int(&e, inc->sections.corrective_measures);
	put_int(&e, inc->sections.task_list);
	put_long(&e, inc->word_count);
	put_long(&e, inc->reading_minutes);
	put_str(&e, inc->git.created);
	put_str(&e, inc->git.updated);
	put_str(&e, inc->git.commit);
	put_strlist(&e, &inc->git.authors);
	put_strlist(&e, &inc->related);
	put_str(&e, inc->repeat_of);
	put_str(&e, inc->date);
	put_str(&e, inc->blob_id);
	put_bytes(&e, inc->html, inc->html ? inc->html_len : 0);
	put_bytes(&e, inc->search_entry, inc->search_entry ?
	    inc->search_entry_len : 0);
	put_int(&e, inc->body_line);
	put_value(&e, inc->front, 0);
	put_u32(&e, fixed_mask(inc));
	put_count(&e, nlines);
	for (size_t i = 0; i < nlines; i++)
		put_str(&e, lines[i]);
	if (e.bad) {
		pm_buf_truncate(out, start);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ decoding */

static void
get_strlist(struct dec *d, struct pm_strlist *l)
{
	size_t n = get_count(d, 5);

	memset(l, 0, sizeof(*l));
	for (size_t i = 0; i < n && !d->bad; i++) {
		const char *s = get_str(d);

		if (s == NULL)
			d->bad = 1;
		else	/* through push: it keeps the list's growth rule */
			pm_strlist_push(l, d->arena, s);
	}
}

static struct pm_value *
get_value(struct dec *d, int depth)
{
	uint32_t type = get_u32(d);
	struct pm_value *v = NULL;
	const char *s;
	size_t n, len;

	if (d->bad || type == NONE)
		return NULL;
	if (depth > VALUE_DEPTH) {
		d->bad = 1;
		return NULL;
	}
	switch (type) {
	case PM_VALUE_NULL:
		v = pm_value_new_null(d->arena);
		v->line = get_int(d);
		break;
	case PM_VALUE_BOOL:
		v = pm_value_new_bool(d->arena, 0);
		v->line = get_int(d);
		v->u.boolean = get_int(d);
		break;
	case PM_VALUE_NUMBER:
		v = pm_value_new_number(d->arena, 0);
		v->line = get_int(d);
		v->u.number = get_double(d);
		break;
	case PM_VALUE_STRING: {
		int line = get_int(d);

		s = get_bytes(d, &len);
		if (s == NULL)
			d->bad = 1;
		v = pm_value_new_string_ref(d->arena, s, len);
		v->line = line;
		break;
	}
	case PM_VALUE_LIST:
		v = pm_value_new_list(d->arena);
		v->line = get_int(d);
		n = get_count(d, 4);
		for (size_t i = 0; i < n && !d->bad; i++) {
			struct pm_value *item = get_value(d, depth + 1);

			if (item == NULL)
				d->bad = 1;
			else
				pm_value_list_push(d->arena, v, item);
		}
		break;
	case PM_VALUE_MAP:
		v = pm_value_new_map(d->arena);
		v->line = get_int(d);
		n = get_count(d, 9);
		for (size_t i = 0; i < n && !d->bad; i++) {
			struct pm_value *item;

			s = get_bytes(d, &len);
			item = get_value(d, depth + 1);
			if (s == NULL || item == NULL)
				d->bad = 1;
			else
				pm_value_map_setn(d->arena, v, s, len, item);
		}
		break;
	default:
		d->bad = 1;
	}
	return d->bad ? NULL : v;
}

int
pm_cache__decode(struct pm_incident *inc, const char ***lines,
    size_t *nlines, struct pm_arena *arena, const char *data, size_t len)
{
	struct dec d = { (const unsigned char *)data,
	    (const unsigned char *)data + len, arena, 0 };
	const char *html;
	uint32_t mask;
	size_t n;

	pm_incident_init(inc);
	*lines = NULL;
	*nlines = 0;
	inc->slug = get_str(&d);
	inc->path = get_str(&d);
	inc->title = get_str(&d);
	inc->summary = get_str(&d);
	inc->start = get_str(&d);
	inc->end = get_str(&d);
	inc->timezone = get_str(&d);
	inc->duration_minutes = get_long(&d);
	inc->impact_percent = get_double(&d);
	inc->impact = get_str(&d);
	inc->severity = get_str(&d);
	get_strlist(&d, &inc->services);
	inc->root_cause = get_str(&d);
	inc->category = get_str(&d);
	get_strlist(&d, &inc->categories);
	get_strlist(&d, &inc->tags);
	n = get_count(&d, 16);
	if (n > 0)
		inc->timeline = pm_arena_calloc(arena, n,
		    sizeof(*inc->timeline));
	inc->ntimeline = n;
	for (size_t i = 0; i < n && !d.bad; i++) {
		inc->timeline[i].time = get_str(&d);
		inc->timeline[i].text = get_str(&d);
		inc->timeline[i].kind = get_str(&d);
		inc->timeline[i].line = get_int(&d);
	}
	inc->time_to_detect_minutes = get_long(&d);
	inc->time_to_resolve_minutes = get_long(&d);
	n = get_count(&d, 12);
	if (n > 0)
		inc->action_items = pm_arena_calloc(arena, n,
		    sizeof(*inc->action_items));
	inc->naction_items = n;
	for (size_t i = 0; i < n && !d.bad; i++) {
		inc->action_items[i].text = get_str(&d);
		inc->action_items[i].done = get_int(&d);
		inc->action_items[i].line = get_int(&d);
		inc->action_items[i].added = get_str(&d);
		inc->action_items[i].done_at = get_str(&d);
	}
	inc->sections.issue_summary = get_int(&d);
	inc->sections.timeline = get_int(&d);
	inc->sections.root_cause = get_int(&d);
	inc->sections.corrective_measures = get_int(&d);
	inc->sections.task_list = get_int(&d);
	inc->word_count = get_long(&d);
	inc->reading_minutes = get_long(&d);
	inc->git.created = get_str(&d);
	inc->git.updated = get_str(&d);
	inc->git.commit = get_str(&d);
	get_strlist(&d, &inc->git.authors);
	get_strlist(&d, &inc->related);
	inc->repeat_of = get_str(&d);
	inc->date = get_str(&d);
	inc->blob_id = get_str(&d);
	html = get_bytes(&d, &n);
	inc->html = html;
	inc->html_len = n;
	inc->search_entry = get_bytes(&d, &inc->search_entry_len);
	inc->body_line = get_int(&d);
	inc->front = get_value(&d, 0);
	mask = get_u32(&d);
	if (mask >> FIXED_BITS)
		d.bad = 1;
	set_fixed(inc, mask);
	n = get_count(&d, 5);
	if (!d.bad && n > 0)
		*lines = pm_arena_calloc(arena, n, sizeof(**lines));
	for (size_t i = 0; i < n && !d.bad; i++)
		if (((*lines)[i] = get_str(&d)) == NULL)
			d.bad = 1;
	if (d.bad || d.p != d.end) {
		pm_incident_init(inc);
		*lines = NULL;
		return -1;
	}
	*nlines = n;
	return 0;
}
