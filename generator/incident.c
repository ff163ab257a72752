/* incident.c: the incident record: defaults, front matter, value tree. */
#include "incident.h"
#include "digest.h"
#include "placeholder.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void
pm_incident_init(struct pm_incident *inc)
{
	memset(inc, 0, sizeof(*inc));
	inc->duration_minutes = PM_UNKNOWN;
	inc->impact_percent = NAN;
	inc->time_to_detect_minutes = PM_UNKNOWN;
	inc->time_to_resolve_minutes = PM_UNKNOWN;
	inc->word_count = PM_UNKNOWN;
	inc->reading_minutes = PM_UNKNOWN;
	inc->body_line = 1;
}

static const char *
copy_str(struct pm_arena *arena, const char *s)
{
	return s ? pm_arena_strdup(arena, s) : NULL;
}

static struct pm_strlist
copy_strlist(struct pm_arena *arena, const struct pm_strlist *l)
{
	struct pm_strlist c = { NULL, l->len };

	if (l->len == 0)
		return c;
	c.items = pm_arena_alloc(arena, pm_xmul(l->len, sizeof(*c.items)));
	for (size_t i = 0; i < l->len; i++)
		c.items[i] = copy_str(arena, l->items[i]);
	return c;
}

void
pm_incident_copy(struct pm_incident *dst, const struct pm_incident *src,
    struct pm_arena *arena)
{
	struct pm_arena *a = arena;

	/* The numbers, flags and sizes as they are; then every pointer. */
	*dst = *src;
	dst->slug = copy_str(a, src->slug);
	dst->path = copy_str(a, src->path);
	dst->title = copy_str(a, src->title);
	dst->summary = copy_str(a, src->summary);
	dst->start = copy_str(a, src->start);
	dst->end = copy_str(a, src->end);
	dst->timezone = copy_str(a, src->timezone);
	dst->impact = copy_str(a, src->impact);
	dst->severity = copy_str(a, src->severity);
	dst->services = copy_strlist(a, &src->services);
	dst->root_cause = copy_str(a, src->root_cause);
	dst->category = copy_str(a, src->category);
	dst->categories = copy_strlist(a, &src->categories);
	dst->tags = copy_strlist(a, &src->tags);
	dst->timeline = src->ntimeline ? pm_arena_alloc(a,
	    pm_xmul(src->ntimeline, sizeof(*dst->timeline))) : NULL;
	for (size_t i = 0; i < src->ntimeline; i++) {
		struct pm_timeline_entry *e = &dst->timeline[i];

		*e = src->timeline[i];
		e->time = copy_str(a, e->time);
		e->text = copy_str(a, e->text);
		e->kind = copy_str(a, e->kind);
	}
	dst->action_items = src->naction_items ? pm_arena_alloc(a,
	    pm_xmul(src->naction_items, sizeof(*dst->action_items))) : NULL;
	for (size_t i = 0; i < src->naction_items; i++) {
		struct pm_action_item *it = &dst->action_items[i];

		*it = src->action_items[i];
		it->text = copy_str(a, it->text);
		it->added = copy_str(a, it->added);
		it->done_at = copy_str(a, it->done_at);
	}
	dst->git.created = copy_str(a, src->git.created);
	dst->git.updated = copy_str(a, src->git.updated);
	dst->git.commit = copy_str(a, src->git.commit);
	dst->git.authors = copy_strlist(a, &src->git.authors);
	dst->related = copy_strlist(a, &src->related);
	dst->repeat_of = copy_str(a, src->repeat_of);
	dst->date = copy_str(a, src->date);
	dst->blob_id = copy_str(a, src->blob_id);
	dst->html = src->html ? pm_arena_strndup(a, src->html,
	    src->html_len) : NULL;
	dst->search_entry = src->search_entry ? pm_arena_strndup(a,
	    src->search_entry, src->search_entry_len) : NULL;
	dst->front = src->front ? pm_value_copy(a, src->front) : NULL;
}

void
pm_strlist_push(struct pm_strlist *l, struct pm_arena *arena, const char *s)
{
	/* Grow by powers of two: a new array when len reaches one. */
	if ((l->len & (l->len - 1)) == 0) {
		size_t cap = l->len ? l->len * 2 : 1;
		const char **n = pm_arena_alloc(arena,
		    pm_xmul(cap, sizeof(*n)));

		if (l->len)
			memcpy(n, l->items, l->len * sizeof(*n));
		l->items = n;
	}
	l->items[l->len++] = s;
}

int
pm_strlist_has(const struct pm_strlist *l, const char *s)
{
	for (size_t i = 0; i < l->len; i++)
		if (strcmp(l->items[i], s) == 0)
			return 1;
	return 0;
}

struct pm_value *
pm_strlist_to_value(const struct pm_strlist *l, struct pm_arena *arena)
{
	struct pm_value *list = pm_value_new_list(arena);

	for (size_t i = 0; i < l->len; i++)
		pm_value_list_push(arena, list,
		    pm_value_new_string_ref(arena, l->items[i],
		    strlen(l->items[i])));
	return list;
}

char *
pm_slug_from_name(struct pm_arena *arena, const char *name)
{
	const char *base = strrchr(name, '/');
	size_t len, i, o = 0;
	char *s;

	base = base ? base + 1 : name;
	len = strlen(base);
	if (len >= 3 && strcmp(base + len - 3, ".md") == 0)
		len -= 3;
	s = pm_arena_alloc(arena, len + 1);
	for (i = 0; i < len && o < 100; i++) {
		unsigned char c = (unsigned char)base[i];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			s[o++] = (char)c;
		else if (o > 0 && s[o - 1] != '-')
			s[o++] = '-';
	}
	while (o > 0 && s[o - 1] == '-')
		o--;
	s[o] = '\0';
	return o ? s : NULL;
}

int
pm_slug_valid(const char *s)
{
	size_t len = strlen(s);

	if (len == 0 || len > 100 || s[0] == '-' || s[len - 1] == '-')
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == len;
}

/*
 * "/incidents/upload-limit/" -> "upload-limit": the last segment of a URL
 * path, when every segment is a slug; otherwise path itself, which the
 * caller then refuses ("../../x" is not a URL path anyone means).
 */
static const char *
last_segment(struct pm_arena *arena, const char *path)
{
	const char *p = path, *last = NULL;
	size_t n, last_len = 0;

	while (*p) {
		n = strcspn(p, "/");
		if (n > 0) {
			char *seg = pm_arena_strndup(arena, p, n);

			if (!pm_slug_valid(seg))
				return path;
			last = seg;
			last_len = n;
		}
		p += n + (p[n] == '/');
	}
	return last_len ? last : path;
}

static int
type_error(const char *file, const struct pm_value *v, const char *key,
    const char *what, struct pm_error *err)
{
	return pm_error_set(err, PM_ERROR, file, v->line, 0,
	    "front matter: %s must be %s", key, what);
}

/* A string field; numbers are taken as their text ("severity: 1"). */
static int
front_string(const char **out, struct pm_arena *arena,
    const struct pm_value *v, const char *key, const char *file,
    struct pm_error *err)
{
	struct pm_buf b = PM_BUF_INIT;

	switch (v->type) {
	case PM_VALUE_NULL:
		return 1;
	case PM_VALUE_STRING:
		*out = v->u.string.ptr;
		return 0;
	case PM_VALUE_NUMBER:
		pm_value_put_number(&b, v->u.number);
		*out = pm_arena_strdup(arena, pm_buf_cstr(&b));
		pm_buf_free(&b);
		return 0;
	default:
		return type_error(file, v, key, "text", err);
	}
}

/* Front matter keys that incident tools use for the impact window and
 * the share of users. */
static const char *const start_aliases[] = {
	"impact_start", "start_time", "started_at", "started", NULL
};
static const char *const end_aliases[] = {
	"impact_end", "end_time", "ended_at", "ended", NULL
};

static const char *const percent_aliases[] = {
	"users_affected_percent", "affected_users_percent",
	"percent_affected", "impact_pct", NULL
};

/* Keys that may hold a count as well as a share ("users_affected:
 * 1200"): read only when the value is written as a percentage. */
static const char *const share_or_count_keys[] = {
	"users_affected", "affected_users", "customers_affected",
	"affected_customers", NULL
};

/*
 * A string value that is a number and perhaps "%" ("30", "30%", "30 %"):
 * 1 with the number in *out, else 0.  sign: the "%" must be there.
 */
static int
percent_text(double *out, const struct pm_value *v, int sign)
{
	const char *s;
	char *end;

	if (v->type != PM_VALUE_STRING)
		return 0;
	s = v->u.string.ptr;
	*out = strtod(s, &end);
	if (end == s)
		return 0;
	while (*end == ' ')
		end++;
	return strcmp(end, "%") == 0 || (!sign && *end == '\0');
}

/* "35%" under a key that may hold a count: the share, in range. */
static int
percent_string(double *out, const struct pm_value *v)
{
	return percent_text(out, v, 1) && isfinite(*out) && *out >= 0 &&
	    *out <= 100;
}

static int
is_alias(const char *key, const char *const *aliases)
{
	for (; *aliases; aliases++)
		if (strcmp(key, *aliases) == 0)
			return 1;
	return 0;
}

/* A list of strings, or one string standing for a list of one. */
static int
front_list(struct pm_strlist *out, struct pm_arena *arena,
    const struct pm_value *v, const char *key, const char *file,
    struct pm_error *err)
{
	size_t i;

	out->items = NULL;
	out->len = 0;
	if (v->type == PM_VALUE_STRING) {
		pm_strlist_push(out, arena, v->u.string.ptr);
		return 0;
	}
	if (v->type != PM_VALUE_LIST)
		return type_error(file, v, key, "a list of names", err);
	for (i = 0; i < v->u.list.len; i++) {
		const char *s = NULL;

		if (front_string(&s, arena, v->u.list.items[i], key, file,
		    err) < 0)
			return PM_ERROR;
		if (s && !pm_placeholder(s, strlen(s)) &&
		    !pm_strlist_has(out, s))
			pm_strlist_push(out, arena, s);
	}
	return 0;
}

/* Was a list written, rather than left as a template's gaps ("[TBD]")? */
static int
written(const struct pm_strlist *l, const struct pm_value *v)
{
	return l->len > 0 || (v->type == PM_VALUE_LIST && v->u.list.len == 0);
}

static int
front_number(double *out, const struct pm_value *v, const char *key,
    const char *file, int percent, struct pm_error *err)
{
	if (v->type == PM_VALUE_NUMBER) {
		*out = v->u.number;
	} else if (percent && v->type == PM_VALUE_STRING) {
		/* "30%" reads naturally in YAML; accept it. */
		if (!percent_text(out, v, 0))
			return type_error(file, v, key, "a number", err);
	} else {
		return type_error(file, v, key, "a number", err);
	}
	if (!isfinite(*out) || *out < 0 || (percent && *out > 100))
		return type_error(file, v, key, percent ?
		    "between 0 and 100" : "a positive number", err);
	return 0;
}

int
pm_incident_apply_front(struct pm_incident *inc, struct pm_arena *arena,
    const struct pm_value *front, const char *file, struct pm_error *err)
{
	double n = 0;
	size_t i;
	int rc = 0;

	inc->front = front;
	if (front == NULL || front->type != PM_VALUE_MAP)
		return 0;
	for (i = 0; i < front->u.map.len && rc >= 0; i++) {
		const char *k = front->u.map.entries[i].key;
		const struct pm_value *v = front->u.map.entries[i].value;

		/* A template's gap ("TBD", "<title>") states nothing: the
		 * value is read from the body, as if the key were absent.
		 * Not a slug: one names a page's path, and a bad one is
		 * refused rather than guessed at. */
		if (v->type == PM_VALUE_STRING && strcmp(k, "slug") != 0 &&
		    pm_placeholder(v->u.string.ptr, v->u.string.len))
			continue;
#define STRING_FIELD(name, field, flag) \
		else if (strcmp(k, name) == 0) { \
			rc = front_string(&inc->field, arena, v, k, file, err); \
			if (rc == 0) \
				inc->fixed.flag = 1; \
		}
		if (0) {
		}
		STRING_FIELD("title", title, title)
		STRING_FIELD("summary", summary, summary)
		STRING_FIELD("date", date, date)
		STRING_FIELD("start", start, start)
		STRING_FIELD("end", end, end)
		/* incident tools' names for them; "start" and "end" win
		 * wherever they stand, since they are read over these */
		else if (is_alias(k, start_aliases) && !inc->fixed.start) {
			rc = front_string(&inc->start, arena, v, k, file, err);
			inc->fixed.start = rc == 0;
		} else if (is_alias(k, end_aliases) && !inc->fixed.end) {
			rc = front_string(&inc->end, arena, v, k, file, err);
			inc->fixed.end = rc == 0;
		}
		STRING_FIELD("timezone", timezone, timezone)
		STRING_FIELD("impact", impact, impact)
		STRING_FIELD("severity", severity, severity)
		STRING_FIELD("root_cause", root_cause, root_cause)
		STRING_FIELD("category", category, category)
		else if (strcmp(k, "slug") == 0) {
			rc = front_string(&inc->slug, arena, v, k, file, err);
			/* Docusaurus and Hugo write the slug as a URL path
			 * ("/incidents/upload-limit/"): its last segment */
			if (rc == 0 && strchr(inc->slug, '/'))
				inc->slug = last_segment(arena, inc->slug);
			if (rc == 0 && !pm_slug_valid(inc->slug))
				rc = type_error(file, v, k, "lowercase letters, "
				    "digits and dashes (at most 100)", err);
			if (rc == 0)
				inc->fixed.slug = 1;
		} else if (strcmp(k, "duration_minutes") == 0) {
			if (v->type == PM_VALUE_NULL)
				continue;
			rc = front_number(&n, v, k, file, 0, err);
			if (rc == 0) {
				inc->duration_minutes = (long)n;
				inc->fixed.duration = 1;
			}
		} else if (strcmp(k, "impact_percent") == 0 ||
		    (is_alias(k, percent_aliases) &&
		    !inc->fixed.impact_percent)) {
			if (v->type == PM_VALUE_NULL)
				continue;
			rc = front_number(&n, v, k, file, 1, err);
			if (rc == 0) {
				inc->impact_percent = n;
				inc->fixed.impact_percent = 1;
			}
		} else if (is_alias(k, share_or_count_keys) &&
		    !inc->fixed.impact_percent && percent_string(&n, v)) {
			inc->impact_percent = n;
			inc->fixed.impact_percent = 1;
		} else if (strcmp(k, "services") == 0) {
			rc = front_list(&inc->services, arena, v, k, file, err);
			inc->fixed.services = rc == 0 && written(&inc->services,
			    v);
		} else if (strcmp(k, "tags") == 0) {
			rc = front_list(&inc->tags, arena, v, k, file, err);
			inc->fixed.tags = rc == 0 && written(&inc->tags, v);
		} else if (strcmp(k, "categories") == 0) {
			rc = front_list(&inc->categories, arena, v, k, file,
			    err);
		}
#undef STRING_FIELD
		if (rc > 0)	/* a null value: as if not written */
			rc = 0;
	}
	if (rc < 0)
		return PM_ERROR;
	/* DESIGN.md: categories[] starts with the primary category. */
	if (inc->fixed.category && inc->category && *inc->category) {
		struct pm_strlist all = { NULL, 0 };

		pm_strlist_push(&all, arena, inc->category);
		for (i = 0; i < inc->categories.len; i++)
			if (strcmp(inc->categories.items[i], inc->category))
				pm_strlist_push(&all, arena,
				    inc->categories.items[i]);
		inc->categories = all;
	}
	return 0;
}

static void
set_str(struct pm_arena *a, struct pm_value *m, const char *k, const char *s)
{
	pm_value_map_set(a, m, k, s ? pm_value_new_string_ref(a, s,
	    strlen(s)) : NULL);
}

static void
set_minutes(struct pm_arena *a, struct pm_value *m, const char *k, long n)
{
	pm_value_map_set(a, m, k, n == PM_UNKNOWN ? NULL :
	    pm_value_new_number(a, (double)n));
}

static struct pm_value *
timeline_entry(const void *arg, size_t i, struct pm_arena *a)
{
	const struct pm_timeline_entry *e = &((const struct pm_incident *)
	    arg)->timeline[i];
	struct pm_value *item = pm_value_new_map(a);

	pm_value_map_reserve(a, item, 3);
	set_str(a, item, "time", e->time);
	set_str(a, item, "text", e->text);
	set_str(a, item, "kind", e->kind);
	return item;
}

static struct pm_value *
action_item(const void *arg, size_t i, struct pm_arena *a)
{
	const struct pm_action_item *ai = &((const struct pm_incident *)
	    arg)->action_items[i];
	struct pm_value *item = pm_value_new_map(a);

	pm_value_map_reserve(a, item, 4);
	set_str(a, item, "text", ai->text);
	pm_value_map_set_bool(a, item, "done", ai->done);
	set_str(a, item, "added", ai->added);
	set_str(a, item, "done_at", ai->done_at);
	return item;
}

/* What timeline_entry() and action_item() read, for a digest of a made
 * list that names its items instead of making them (value.h): each
 * record's digest made ten thousand small maps per rebuild. */
static void
timeline_inputs(const void *arg, size_t i, unsigned char out[16])
{
	const struct pm_timeline_entry *e = &((const struct pm_incident *)
	    arg)->timeline[i];
	const char *s[] = { e->time, e->text, e->kind };
	struct pm_digest d;

	pm_digest_strings(&d, s, 3);
	memcpy(out, d.bytes, 16);
}

static void
action_inputs(const void *arg, size_t i, unsigned char out[16])
{
	const struct pm_action_item *ai = &((const struct pm_incident *)
	    arg)->action_items[i];
	const char *s[] = { ai->text, ai->done ? "1" : "0", ai->added,
	    ai->done_at };
	struct pm_digest d;

	pm_digest_strings(&d, s, 4);
	memcpy(out, d.bytes, 16);
}

static struct pm_value *
list_of(const struct pm_incident *inc, size_t n,
    struct pm_value *(*item)(const void *, size_t, struct pm_arena *),
    struct pm_arena *a)
{
	struct pm_value *list = pm_value_new_list(a);

	for (size_t i = 0; i < n; i++)
		pm_value_list_push(a, list, item(inc, i, a));
	return list;
}

/* made: the timeline and action items as made lists (incident.h). */
static struct pm_value *
to_value(const struct pm_incident *inc, struct pm_arena *a, size_t room,
    int made)
{
	struct pm_value *m = pm_value_new_map(a), *sec, *git;
	struct pm_value_maker *makers = NULL;

	if (made) {
		makers = pm_arena_alloc(a, 2 * sizeof(*makers));
		makers[0] = (struct pm_value_maker){ timeline_entry, inc,
		    timeline_inputs };
		makers[1] = (struct pm_value_maker){ action_item, inc,
		    action_inputs };
	}
	pm_value_map_reserve(a, m, PM_INCIDENT_FIELDS + room);

	set_str(a, m, "slug", inc->slug);
	set_str(a, m, "path", inc->path);
	set_str(a, m, "title", inc->title);
	set_str(a, m, "summary", inc->summary);
	set_str(a, m, "start", inc->start);
	set_str(a, m, "end", inc->end);
	set_str(a, m, "timezone", inc->timezone);
	set_minutes(a, m, "duration_minutes", inc->duration_minutes);
	pm_value_map_set(a, m, "impact_percent", isnan(inc->impact_percent) ?
	    NULL : pm_value_new_number(a, inc->impact_percent));
	set_str(a, m, "impact", inc->impact);
	set_str(a, m, "severity", inc->severity);
	pm_value_map_set(a, m, "services", pm_strlist_to_value(&inc->services,
	    a));
	set_str(a, m, "root_cause", inc->root_cause);
	set_str(a, m, "category", inc->category);
	pm_value_map_set(a, m, "categories",
	    pm_strlist_to_value(&inc->categories, a));
	pm_value_map_set(a, m, "tags", pm_strlist_to_value(&inc->tags, a));
	pm_value_map_set(a, m, "timeline", made ? pm_value_new_made_list(a,
	    inc->ntimeline, &makers[0]) : list_of(inc, inc->ntimeline,
	    timeline_entry, a));
	set_minutes(a, m, "time_to_detect_minutes",
	    inc->time_to_detect_minutes);
	set_minutes(a, m, "time_to_resolve_minutes",
	    inc->time_to_resolve_minutes);
	pm_value_map_set(a, m, "action_items", made ?
	    pm_value_new_made_list(a, inc->naction_items, &makers[1]) :
	    list_of(inc, inc->naction_items, action_item, a));
	sec = pm_value_new_map(a);
	pm_value_map_set_bool(a, sec, "issue_summary",
	    inc->sections.issue_summary);
	pm_value_map_set_bool(a, sec, "timeline", inc->sections.timeline);
	pm_value_map_set_bool(a, sec, "root_cause", inc->sections.root_cause);
	pm_value_map_set_bool(a, sec, "corrective_measures",
	    inc->sections.corrective_measures);
	pm_value_map_set_bool(a, sec, "task_list", inc->sections.task_list);
	pm_value_map_set(a, m, "sections", sec);
	set_minutes(a, m, "word_count", inc->word_count);
	set_minutes(a, m, "reading_minutes", inc->reading_minutes);
	git = pm_value_new_map(a);
	set_str(a, git, "created", inc->git.created);
	set_str(a, git, "updated", inc->git.updated);
	pm_value_map_set(a, git, "authors",
	    pm_strlist_to_value(&inc->git.authors, a));
	set_str(a, git, "commit", inc->git.commit);
	pm_value_map_set(a, m, "git", git);
	pm_value_map_set(a, m, "related", pm_strlist_to_value(&inc->related,
	    a));
	set_str(a, m, "repeat_of", inc->repeat_of);
	return m;
}

struct pm_value *
pm_incident_to_value(const struct pm_incident *inc, struct pm_arena *a)
{
	return to_value(inc, a, 0, 0);
}

struct pm_value *
pm_incident_to_value_made(const struct pm_incident *inc, size_t room,
    struct pm_arena *a)
{
	return to_value(inc, a, room, 1);
}
