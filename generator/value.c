/* value.c: the data tree's constructors, lookups and JSON writer. */
#include "value.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct pm_value *
value_new(struct pm_arena *arena, enum pm_value_type type)
{
	struct pm_value *v = pm_arena_calloc(arena, 1, sizeof(*v));

	v->type = type;
	return v;
}

struct pm_value *
pm_value_new_null(struct pm_arena *arena)
{
	return value_new(arena, PM_VALUE_NULL);
}

struct pm_value *
pm_value_new_bool(struct pm_arena *arena, int b)
{
	struct pm_value *v = value_new(arena, PM_VALUE_BOOL);

	v->u.boolean = b != 0;
	return v;
}

struct pm_value *
pm_value_new_number(struct pm_arena *arena, double n)
{
	struct pm_value *v = value_new(arena, PM_VALUE_NUMBER);

	v->u.number = n;
	return v;
}

struct pm_value *
pm_value_new_string_ref(struct pm_arena *arena, const char *s, size_t len)
{
	struct pm_value *v = value_new(arena, PM_VALUE_STRING);

	v->u.string.ptr = s ? s : "";
	v->u.string.len = s ? len : 0;
	return v;
}

struct pm_value *
pm_value_new_string(struct pm_arena *arena, const char *s, size_t len)
{
	return pm_value_new_string_ref(arena,
	    pm_arena_strndup(arena, s ? s : "", s ? len : 0), s ? len : 0);
}

struct pm_value *
pm_value_new_cstr(struct pm_arena *arena, const char *s)
{
	return pm_value_new_string(arena, s, s ? strlen(s) : 0);
}

struct pm_value *
pm_value_new_list(struct pm_arena *arena)
{
	return value_new(arena, PM_VALUE_LIST);
}

struct pm_value *
pm_value_new_map(struct pm_arena *arena)
{
	return value_new(arena, PM_VALUE_MAP);
}

/* Grow an arena array by doubling; the old copy stays in the arena, which
 * costs at most as much again as the final array. */
static void *
grow(struct pm_arena *arena, void *old, size_t len, size_t *cap, size_t size)
{
	size_t ncap = *cap ? *cap * 2 : 4;
	void *p = pm_arena_alloc(arena, pm_xmul(ncap, size));

	if (len)
		memcpy(p, old, len * size);
	*cap = ncap;
	return p;
}

struct pm_value *
pm_value_new_made_list(struct pm_arena *arena, size_t len,
    const struct pm_value_maker *maker)
{
	struct pm_value *v = value_new(arena, PM_VALUE_LIST);

	v->u.list.maker = maker;
	v->u.list.len = len;
	v->u.list.cap = PM_VALUE_MADE;
	return v;
}

struct pm_value *
pm_value_list_item(const struct pm_value *list, size_t i,
    struct pm_arena *arena)
{
	struct pm_value *item;

	if (!pm_value_is_made(list))
		return list->u.list.items[i];
	item = list->u.list.maker->make(list->u.list.maker->arg, i, arena);
	return item ? item : pm_value_new_null(arena);
}

void
pm_value_list_push(struct pm_arena *arena, struct pm_value *list,
    struct pm_value *item)
{
	if (pm_value_is_made(list))
		abort();
	if (list->u.list.len == list->u.list.cap)
		list->u.list.items = grow(arena, list->u.list.items,
		    list->u.list.len, &list->u.list.cap,
		    sizeof(*list->u.list.items));
	list->u.list.items[list->u.list.len++] =
	    item ? item : pm_value_new_null(arena);
}

uint32_t
pm_value_key_hash(const char *key, size_t key_len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < key_len; i++)
		h = (h ^ (unsigned char)key[i]) * 16777619u;
	return h;
}

struct pm_value *
pm_value_map_getn(const struct pm_value *map, const char *key, size_t len)
{
	uint32_t hash = pm_value_key_hash(key, len);
	size_t i;

	if (map == NULL || map->type != PM_VALUE_MAP)
		return NULL;
	for (i = 0; i < map->u.map.len; i++) {
		const struct pm_value_entry *e = &map->u.map.entries[i];

		if (e->hash == hash && e->key_len == len &&
		    memcmp(e->key, key, len) == 0)
			return e->value;
	}
	return NULL;
}

struct pm_value *
pm_value_map_get(const struct pm_value *map, const char *key)
{
	return pm_value_map_getn(map, key, strlen(key));
}

static void
map_put(struct pm_arena *arena, struct pm_value *map, const char *key,
    size_t key_len, struct pm_value *value, int copy_key)
{
	struct pm_value_entry *e;
	uint32_t hash = pm_value_key_hash(key, key_len);
	size_t i;

	if (value == NULL)
		value = pm_value_new_null(arena);
	for (i = 0; i < map->u.map.len; i++) {
		e = &map->u.map.entries[i];
		if (e->hash == hash && e->key_len == key_len &&
		    memcmp(e->key, key, key_len) == 0) {
			e->value = value;
			return;
		}
	}
	if (map->u.map.len == map->u.map.cap)
		map->u.map.entries = grow(arena, map->u.map.entries,
		    map->u.map.len, &map->u.map.cap,
		    sizeof(*map->u.map.entries));
	e = &map->u.map.entries[map->u.map.len++];
	if (key_len > UINT32_MAX)
		abort();
	e->key = copy_key ? pm_arena_strndup(arena, key, key_len) : key;
	e->key_len = (uint32_t)key_len;
	e->hash = hash;
	e->value = value;
}

void
pm_value_map_reserve(struct pm_arena *arena, struct pm_value *map,
    size_t n)
{
	struct pm_value_entry *e;

	if (n <= map->u.map.cap)
		return;
	e = pm_arena_alloc(arena, pm_xmul(n, sizeof(*e)));
	if (map->u.map.len)
		memcpy(e, map->u.map.entries, map->u.map.len * sizeof(*e));
	map->u.map.entries = e;
	map->u.map.cap = n;
}

void
pm_value_map_setn(struct pm_arena *arena, struct pm_value *map,
    const char *key, size_t key_len, struct pm_value *value)
{
	map_put(arena, map, key, key_len, value, 1);
}

void
pm_value_map_set(struct pm_arena *arena, struct pm_value *map,
    const char *key, struct pm_value *value)
{
	map_put(arena, map, key, strlen(key), value, 0);
}

void
pm_value_map_set_str(struct pm_arena *arena, struct pm_value *map,
    const char *key, const char *s)
{
	pm_value_map_set(arena, map, key,
	    s ? pm_value_new_cstr(arena, s) : NULL);
}

void
pm_value_map_set_num(struct pm_arena *arena, struct pm_value *map,
    const char *key, double n)
{
	pm_value_map_set(arena, map, key, pm_value_new_number(arena, n));
}

void
pm_value_map_set_bool(struct pm_arena *arena, struct pm_value *map,
    const char *key, int b)
{
	pm_value_map_set(arena, map, key, pm_value_new_bool(arena, b));
}

struct pm_value *
pm_value_get_path(const struct pm_value *v, const char *path)
{
	const char *dot;

	while (v && (dot = strchr(path, '.')) != NULL) {
		v = pm_value_map_getn(v, path, (size_t)(dot - path));
		path = dot + 1;
	}
	return v ? pm_value_map_get(v, path) : NULL;
}

const char *
pm_value_str(const struct pm_value *v)
{
	return v && v->type == PM_VALUE_STRING ? v->u.string.ptr : NULL;
}

int
pm_value_is(const struct pm_value *v, enum pm_value_type type)
{
	return v && v->type == type;
}

size_t
pm_value_len(const struct pm_value *v)
{
	if (v && v->type == PM_VALUE_LIST)
		return v->u.list.len;
	if (v && v->type == PM_VALUE_MAP)
		return v->u.map.len;
	return 0;
}

void
pm_value_put_number(struct pm_buf *out, double n)
{
	char tmp[40];
	int prec;

	if (!isfinite(n)) {
		pm_buf_puts(out, "null");
		return;
	}
	/* A whole number as "%.0f" writes it, without printf, which cost
	 * more than the rest of the JSON writer's numbers; -0 as 0.  Longs
	 * narrower than 1e15 leave the larger ones to printf. */
	if (n == floor(n) && fabs(n) < 1e15) {
		if (fabs(n) <= (double)LONG_MAX) {
			pm_buf_put_int(out, (long)n, 0);
			return;
		}
		pm_buf_printf(out, "%.0f", n);
		return;
	}
	/* The fewest digits that read back as the same double. */
	for (prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*g", prec, n);
		if (strtod(tmp, NULL) == n)
			break;
	}
	pm_buf_puts(out, tmp);
}

static void
newline_indent(struct pm_buf *out, int indent, int depth)
{
	/* A newline and the spaces of the deepest common level in one go:
	 * a line's start is a sixth of incidents.json. */
	static const char line[] = "\n                                ";
	size_t n = indent > 0 ? (size_t)indent * (size_t)depth : 0;

	if (indent <= 0)
		return;
	if (n < sizeof(line) - 1) {
		pm_buf_put(out, line, n + 1);
		return;
	}
	pm_buf_putc(out, '\n');
	while (n--)
		pm_buf_putc(out, ' ');
}

/*
 * Iterative would need an explicit stack; the trees written here are
 * built by pmsite itself or parsed under the YAML depth limit, so the
 * recursion depth is bounded by that limit.
 */
static void write_json(struct pm_buf *out, const struct pm_value *v,
    int indent, int depth);

/* Item i of list; a made one is made and freed here. */
static void
write_item(struct pm_buf *out, const struct pm_value *list, size_t i,
    int indent, int depth)
{
	struct pm_arena *a = pm_value_is_made(list) ? pm_arena_new() : NULL;

	write_json(out, pm_value_list_item(list, i, a), indent, depth);
	pm_arena_free(a);
}

static void
write_json(struct pm_buf *out, const struct pm_value *v, int indent,
    int depth)
{
	size_t i;

	if (v == NULL) {
		pm_buf_puts(out, "null");
		return;
	}
	switch (v->type) {
	case PM_VALUE_NULL:
		pm_buf_puts(out, "null");
		break;
	case PM_VALUE_BOOL:
		pm_buf_puts(out, v->u.boolean ? "true" : "false");
		break;
	case PM_VALUE_NUMBER:
		pm_value_put_number(out, v->u.number);
		break;
	case PM_VALUE_STRING:
		pm_buf_put_json(out, v->u.string.ptr, v->u.string.len);
		break;
	case PM_VALUE_LIST:
		pm_buf_putc(out, '[');
		for (i = 0; i < v->u.list.len; i++) {
			if (i)
				pm_buf_putc(out, ',');
			newline_indent(out, indent, depth + 1);
			write_item(out, v, i, indent, depth + 1);
		}
		if (v->u.list.len)
			newline_indent(out, indent, depth);
		pm_buf_putc(out, ']');
		break;
	case PM_VALUE_MAP:
		pm_buf_putc(out, '{');
		for (i = 0; i < v->u.map.len; i++) {
			const struct pm_value_entry *e = &v->u.map.entries[i];

			if (i)
				pm_buf_putc(out, ',');
			newline_indent(out, indent, depth + 1);
			pm_buf_put_json(out, e->key, e->key_len);
			pm_buf_puts(out, indent > 0 ? ": " : ":");
			write_json(out, e->value, indent, depth + 1);
		}
		if (v->u.map.len)
			newline_indent(out, indent, depth);
		pm_buf_putc(out, '}');
		break;
	}
}

void
pm_value_write_json_nested(struct pm_buf *out, const struct pm_value *v,
    int indent, int depth)
{
	write_json(out, v, indent, depth);
}

void
pm_value_write_json(struct pm_buf *out, const struct pm_value *v, int indent)
{
	write_json(out, v, indent, 0);
	if (indent > 0)
		pm_buf_putc(out, '\n');
}

struct pm_value *
pm_value_copy(struct pm_arena *arena, const struct pm_value *v)
{
	struct pm_value *c;
	size_t i;

	if (v == NULL)
		return pm_value_new_null(arena);
	switch (v->type) {
	case PM_VALUE_STRING:
		c = pm_value_new_string(arena, v->u.string.ptr,
		    v->u.string.len);
		break;
	case PM_VALUE_LIST:
		c = pm_value_new_list(arena);
		for (i = 0; i < v->u.list.len; i++)
			pm_value_list_push(arena, c, pm_value_copy(arena,
			    pm_value_list_item(v, i, arena)));
		break;
	case PM_VALUE_MAP:
		c = pm_value_new_map(arena);
		for (i = 0; i < v->u.map.len; i++)
			pm_value_map_setn(arena, c, v->u.map.entries[i].key,
			    v->u.map.entries[i].key_len,
			    pm_value_copy(arena, v->u.map.entries[i].value));
		break;
	default:
		c = pm_arena_alloc(arena, sizeof(*c));
		*c = *v;
		break;
	}
	c->line = v->line;
	return c;
}
