/*
 * check_cache.c: unit tests of the build cache (generator/cache.h): the
 * incident payload round trip field by field, the checks that turn a
 * damaged file into a miss, keys, the cache folder and its state.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "cache.h"
#include "cache_int.h"
#include "config.h"
#include "ingest.h"
#include "markdown.h"
#include "testutil.h"
#include "yamltree.h"

static int
setup(void **state)
{
	*state = pm_arena_new();
	return 0;
}

static int
teardown(void **state)
{
	pm_arena_free(*state);
	return 0;
}

/* A string of n bytes cycling through the printable ASCII range. */
static char *
long_string(struct pm_arena *a, size_t n)
{
	char *s = pm_arena_alloc(a, n + 1);

	for (size_t i = 0; i < n; i++)
		s[i] = (char)(' ' + 1 + (i * 7) % 94);
	s[n] = '\0';
	return s;
}

/* Every field of the record set to something distinctive. */
static void
fill(struct pm_incident *inc, struct pm_arena *a)
{
	static const char *kinds[] = { "detected", "misleading", "resolved" };
	struct pm_value *front, *list, *inner;
	struct pm_error err;
	const char *yaml = "title: From front\nnested:\n  list: [1, 2.5, "
	    "true, null, \"x\"]\n  map: {a: {b: {c: deep}}}\nempty: \"\"\n";

	pm_incident_init(inc);
	inc->slug = "checkout-lock";
	inc->path = "content/2024/checkout-lock.md";
	inc->title = long_string(a, 100000);
	inc->summary = "Orders stalled for forty minutes.";
	inc->start = "2024-03-05T10:00:00-05:00";
	inc->end = "2024-03-05T10:40:00-05:00";
	inc->timezone = "EST";
	inc->duration_minutes = 40;
	inc->impact_percent = 12.5;
	inc->impact = "checkout unavailable";
	inc->severity = "SEV2";
	pm_strlist_push(&inc->services, a, "checkout");
	pm_strlist_push(&inc->services, a, "orders");
	pm_strlist_push(&inc->services, a, "");
	inc->root_cause = "a lock held by a migration";
	inc->category = "database-locking";
	pm_strlist_push(&inc->categories, a, "database-locking");
	pm_strlist_push(&inc->categories, a, "deployment-change");
	pm_strlist_push(&inc->tags, a, "postgres");
	inc->ntimeline = 3;
	inc->timeline = pm_arena_calloc(a, 3, sizeof(*inc->timeline));
	for (size_t i = 0; i < 3; i++) {
		inc->timeline[i].time = i == 1 ? NULL : "10:0x";
		inc->timeline[i].text = i == 2 ? "" : "something happened";
		inc->timeline[i].kind = kinds[i];
		inc->timeline[i].line = (int)(10 + i);
	}
	inc->time_to_detect_minutes = 5;
	inc->time_to_resolve_minutes = -7;	/* negatives survive */
	inc->naction_items = 2;
	inc->action_items = pm_arena_calloc(a, 2, sizeof(*inc->action_items));
	inc->action_items[0].text = "add a lock timeout";
	inc->action_items[0].done = 1;
	inc->action_items[0].line = 30;
	inc->action_items[1].text = "alert on lock waits";
	inc->action_items[1].line = -1;
	inc->sections.issue_summary = 1;
	inc->sections.timeline = 1;
	inc->sections.root_cause = 0;
	inc->sections.corrective_measures = 1;
	inc->sections.task_list = 2;
	inc->word_count = 987654321012L;
	inc->reading_minutes = 3;
	inc->git.created = "2024-03-06T09:00:00+01:00";
	inc->git.updated = "2024-03-07T09:00:00+01:00";
	inc->git.commit = "0123456789abcdef0123456789abcdef01234567";
	pm_strlist_push(&inc->git.authors, a, "Ana Lima");
	pm_strlist_push(&inc->git.authors, a, "Ben Okafor");
	pm_strlist_push(&inc->related, a, "other-one");
	inc->repeat_of = "earlier-lock";
	inc->date = "2024-03-05";
	inc->blob_id = "89abcdef0123456789abcdef0123456789abcdef";
	/* HTML carries its length: a NUL inside must survive. */
	inc->html = "<p>a\0b</p>";
	inc->html_len = 10;
	inc->search_entry = "{\"slug\":\"earlier-lock\"}";
	inc->search_entry_len = strlen(inc->search_entry);
	inc->body_line = 9;
	pm_error_clear(&err);
	assert_int_equal(pm_yaml_parse(&front, a, yaml, strlen(yaml), "x.md",
	    2, &err), 0);
	/* Values yamltree does not make but a tree may hold. */
	list = pm_value_new_list(a);
	pm_value_list_push(a, list, pm_value_new_number(a, NAN));
	pm_value_list_push(a, list, pm_value_new_number(a, -0.0));
	pm_value_list_push(a, list, pm_value_new_number(a, -INFINITY));
	pm_value_list_push(a, list, pm_value_new_string(a, "n\0ul", 4));
	inner = pm_value_new_map(a);
	pm_value_list_push(a, list, pm_value_new_null(a));
	pm_value_list_push(a, list, pm_value_new_bool(a, 0));
	pm_value_list_push(a, list, inner);
	pm_value_map_setn(a, front, "odd", 3, list);
	inc->front = front;
	inc->fixed.title = 1;
	inc->fixed.end = 1;
	inc->fixed.impact_percent = 1;
	inc->fixed.slug = 1;
	inc->fixed.action_items = 1;
}

static char *
json_of(const struct pm_value *v)
{
	struct pm_buf b = PM_BUF_INIT;

	pm_value_write_json(&b, v, 0);
	return pm_buf_detach(&b, NULL);
}

static void
assert_same_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void
assert_same_list(const struct pm_strlist *a, const struct pm_strlist *b)
{
	assert_int_equal(a->len, b->len);
	for (size_t i = 0; i < a->len; i++)
		assert_string_equal(a->items[i], b->items[i]);
}

static void
assert_same_double(double a, double b)
{
	assert_memory_equal(&a, &b, sizeof(a));
}

static void
assert_same_value(const struct pm_value *a, const struct pm_value *b)
{
	if (a == NULL || b == NULL) {
		assert_ptr_equal(a, b);
		return;
	}
	assert_int_equal(a->type, b->type);
	assert_int_equal(a->line, b->line);
	switch (a->type) {
	case PM_VALUE_BOOL:
		assert_int_equal(a->u.boolean, b->u.boolean);
		break;
	case PM_VALUE_NUMBER:
		assert_same_double(a->u.number, b->u.number);
		break;
	case PM_VALUE_STRING:
		assert_int_equal(a->u.string.len, b->u.string.len);
		assert_memory_equal(a->u.string.ptr, b->u.string.ptr,
		    a->u.string.len);
		break;
	case PM_VALUE_LIST:
		assert_int_equal(a->u.list.len, b->u.list.len);
		for (size_t i = 0; i < a->u.list.len; i++)
			assert_same_value(a->u.list.items[i],
			    b->u.list.items[i]);
		break;
	case PM_VALUE_MAP:
		assert_int_equal(a->u.map.len, b->u.map.len);
		for (size_t i = 0; i < a->u.map.len; i++) {
			assert_int_equal(a->u.map.entries[i].key_len,
			    b->u.map.entries[i].key_len);
			assert_memory_equal(a->u.map.entries[i].key,
			    b->u.map.entries[i].key,
			    a->u.map.entries[i].key_len);
			assert_same_value(a->u.map.entries[i].value,
			    b->u.map.entries[i].value);
		}
		break;
	default:
		break;
	}
}

/* Field by field, then the record as JSON, then the bytes once more. */
static void
assert_same_incident(const struct pm_incident *a, const struct pm_incident *b,
    struct pm_arena *arena)
{
	char *ja, *jb;

	assert_same_str(a->slug, b->slug);
	assert_same_str(a->path, b->path);
	assert_same_str(a->title, b->title);
	assert_same_str(a->summary, b->summary);
	assert_same_str(a->start, b->start);
	assert_same_str(a->end, b->end);
	assert_same_str(a->timezone, b->timezone);
	assert_int_equal(a->duration_minutes, b->duration_minutes);
	assert_same_double(a->impact_percent, b->impact_percent);
	assert_same_str(a->impact, b->impact);
	assert_same_str(a->severity, b->severity);
	assert_same_list(&a->services, &b->services);
	assert_same_str(a->root_cause, b->root_cause);
	assert_same_str(a->category, b->category);
	assert_same_list(&a->categories, &b->categories);
	assert_same_list(&a->tags, &b->tags);
	assert_int_equal(a->ntimeline, b->ntimeline);
	for (size_t i = 0; i < a->ntimeline; i++) {
		assert_same_str(a->timeline[i].time, b->timeline[i].time);
		assert_same_str(a->timeline[i].text, b->timeline[i].text);
		assert_same_str(a->timeline[i].kind, b->timeline[i].kind);
		assert_int_equal(a->timeline[i].line, b->timeline[i].line);
	}
	assert_int_equal(a->time_to_detect_minutes, b->time_to_detect_minutes);
	assert_int_equal(a->time_to_resolve_minutes,
	    b->time_to_resolve_minutes);
	assert_int_equal(a->naction_items, b->naction_items);
	for (size_t i = 0; i < a->naction_items; i++) {
		assert_same_str(a->action_items[i].text,
		    b->action_items[i].text);
		assert_int_equal(a->action_items[i].done,
		    b->action_items[i].done);
		assert_int_equal(a->action_items[i].line,
		    b->action_items[i].line);
	}
	assert_memory_equal(&a->sections, &b->sections, sizeof(a->sections));
	assert_int_equal(a->word_count, b->word_count);
	assert_int_equal(a->reading_minutes, b->reading_minutes);
	assert_same_str(a->git.created, b->git.created);
	assert_same_str(a->git.updated, b->git.updated);
	assert_same_str(a->git.commit, b->git.commit);
	assert_same_list(&a->git.authors, &b->git.authors);
	assert_same_list(&a->related, &b->related);
	assert_same_str(a->repeat_of, b->repeat_of);
	assert_same_str(a->date, b->date);
	assert_same_str(a->blob_id, b->blob_id);
	assert_int_equal(a->html_len, b->html_len);
	if (a->html == NULL)
		assert_null(b->html);
	else
		assert_memory_equal(a->html, b->html, a->html_len);
	assert_int_equal(a->search_entry_len, b->search_entry_len);
	if (a->search_entry == NULL)
		assert_null(b->search_entry);
	else
		assert_memory_equal(a->search_entry, b->search_entry,
		    a->search_entry_len);
	assert_int_equal(a->body_line, b->body_line);
	assert_same_value(a->front, b->front);
	assert_memory_equal(&a->fixed, &b->fixed, sizeof(a->fixed));
	ja = json_of(pm_incident_to_value(a, arena));
	jb = json_of(pm_incident_to_value(b, arena));
	assert_string_equal(ja, jb);
	free(ja);
	free(jb);
}

/* Encode, decode, compare, and check the decoding encodes to the same
 * bytes; returns the payload (heap). */
static char *
round_trip(const struct pm_incident *inc, const char *const *lines,
    size_t nlines, struct pm_arena *a, size_t *len)
{
	struct pm_buf one = PM_BUF_INIT, two = PM_BUF_INIT;
	struct pm_incident back;
	const char **got;
	size_t ngot;

	assert_int_equal(pm_cache__encode(&one, inc, lines, nlines), 0);
	assert_int_equal(pm_cache__decode(&back, &got, &ngot, a, one.ptr,
	    one.len), 0);
	assert_same_incident(inc, &back, a);
	assert_int_equal(ngot, nlines);
	for (size_t i = 0; i < nlines; i++)
		assert_string_equal(got[i], lines[i]);
	assert_int_equal(pm_cache__encode(&two, &back, got, ngot), 0);
	assert_int_equal(one.len, two.len);
	assert_memory_equal(one.ptr, two.ptr, one.len);
	pm_buf_free(&two);
	return pm_buf_detach(&one, len);
}

/* A tripwire: a field added to struct pm_incident must be added to
 * cache_codec.c (and PM_CACHE_FORMAT bumped), or cached builds would
 * drop it.  Then update the size here. */
static void
test_incident_layout_known(void **state)
{
	(void)state;
#if defined(__x86_64__) || defined(__aarch64__)
	assert_int_equal(sizeof(struct pm_incident), 376);
#else
	skip();
#endif
}

static void
test_round_trip_every_field(void **state)
{
	struct pm_arena *a = *state;
	struct pm_incident inc;
	const char *lines[] = { "x.md:3: warning: one", "", "two" };
	size_t len;

	fill(&inc, a);
	free(round_trip(&inc, lines, 3, a, &len));
}

static void
test_round_trip_unknowns(void **state)
{
	struct pm_arena *a = *state;
	struct pm_incident inc;
	size_t len;

	pm_incident_init(&inc);
	assert_true(isnan(inc.impact_percent));
	free(round_trip(&inc, NULL, 0, a, &len));
}

/* Every other value of impact_percent that is not a plain number. */
static void
test_round_trip_special_numbers(void **state)
{
	struct pm_arena *a = *state;
	const double odd[] = { -0.0, INFINITY, -INFINITY, 1e-310, -NAN };
	struct pm_incident inc;
	size_t len;

	for (size_t i = 0; i < sizeof(odd) / sizeof(*odd); i++) {
		pm_incident_init(&inc);
		inc.impact_percent = odd[i];
		inc.duration_minutes = i % 2 ? -9223372036854775807L - 1 :
		    9223372036854775807L;
		free(round_trip(&inc, NULL, 0, a, &len));
	}
}

/* A real postmortem through the real ingest (front matter, cmark-gfm,
 * extraction, classification), then through the cache. */
static void
test_round_trip_real_ingest(void **state)
{
	struct pm_arena *a = *state;
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_config cfg;
	struct pm_incident inc;
	struct pm_error err;
	const char md[] =
	    "---\ntitle: Billing pool exhausted\nservices: [billing]\n"
	    "tags: [pg]\nextra: {owner: ops, n: 3}\n---\n"
	    "# Billing pool exhausted\n\n"
	    "Start: 2 January 2024, 07:50 CET. End: 2 January 2024, 09:35 "
	    "CET.\nRoughly 18% of customers could not load invoices.\n\n"
	    "## Root cause\n\nWorkers exhausted the database connections.\n\n"
	    "## Timeline\n\n- **07:50** Errors start.\n"
	    "- **08:15** On-call suspects a DDoS. No effect.\n"
	    "- **09:35** Workers scaled down.\n\n"
	    "## Action items\n\n- [ ] Add PgBouncer\n- [x] Cap workers\n\n"
	    "| a | b |\n|---|---|\n| 1 | 2 |\n";
	size_t len;

	pm_config_defaults(&cfg);
	pm_error_clear(&err);
	if (pm_ingest_bytes(&inc, a, "content/x.md", md, strlen(md), &cfg,
	    NULL, &w, &err) < 0)
		fail_msg("%s:%d: %s", err.file, err.line, err.message);
	assert_non_null(inc.html);
	assert_true(inc.ntimeline >= 3);
	assert_int_equal(inc.naction_items, 2);
	free(round_trip(&inc, (const char *const *)w.lines, w.len, a, &len));
	pm_warnings_free(&w);
}

/* Every proper prefix and every longer buffer is refused. */
static void
test_decode_refuses_truncation_and_trailing(void **state)
{
	struct pm_arena *a = *state;
	struct pm_incident inc, back;
	const char *lines[] = { "a warning" };
	const char **got;
	size_t len, ngot;
	char *p, *longer;

	fill(&inc, a);
	inc.title = "short";	/* keep the loop quick */
	p = round_trip(&inc, lines, 1, a, &len);
	for (size_t n = 0; n < len; n++) {
		assert_int_equal(pm_cache__decode(&back, &got, &ngot, a, p, n),
		    -1);
		assert_null(back.slug);
		assert_null(got);
	}
	longer = malloc(len + 1);
	memcpy(longer, p, len);
	longer[len] = 'x';
	assert_int_equal(pm_cache__decode(&back, &got, &ngot, a, longer,
	    len + 1), -1);
	free(longer);
	free(p);
}

/* Counts and lengths are checked against the bytes left: a huge count
 * is refused without allocating for it. */
static void
test_decode_refuses_huge_counts(void **state)
{
	struct pm_arena *a = *state;
	struct pm_incident inc, back;
	const char **got;
	size_t len, ngot, before;
	char *p;

	pm_incident_init(&inc);
	p = round_trip(&inc, NULL, 0, a, &len);
	/* The first field is the slug: NULL, ffffffff.  Make it 2^31. */
	memcpy(p, "\0\0\0\x80", 4);
	assert_int_equal(pm_cache__decode(&back, &got, &ngot, a, p, len), -1);
	/* The last four bytes are the warning count. */
	memcpy(p, "\xff\xff\xff\xff", 4);
	memcpy(p + len - 4, "\xf0\xff\xff\xff", 4);
	before = pm_arena_used(a);
	assert_int_equal(pm_cache__decode(&back, &got, &ngot, a, p, len), -1);
	assert_true(pm_arena_used(a) - before < 4096);
	free(p);
}

/* A string's NUL terminator is checked, and C strings hold no NUL. */
static void
test_decode_refuses_bad_strings(void **state)
{
	struct pm_arena *a = *state;
	struct pm_incident inc, back;
	const char **got;
	size_t len, ngot;
	char *p;

	pm_incident_init(&inc);
	inc.slug = "abc";
	p = round_trip(&inc, NULL, 0, a, &len);
	assert_memory_equal(p, "\3\0\0\0abc\0", 8);
	p[7] = 'd';
	assert_int_equal(pm_cache__decode(&back, &got, &ngot, a, p, len), -1);
	p[7] = '\0';
	p[5] = '\0';
	assert_int_equal(pm_cache__decode(&back, &got, &ngot, a, p, len), -1);
	p[5] = 'b';
	assert_int_equal(pm_cache__decode(&back, &got, &ngot, a, p, len), 0);
	free(p);
}

/* Garbage of every small size, and a damaged real payload at every
 * offset: decoding never crashes (ASan watches) and never accepts a
 * payload of the wrong length. */
static void
test_decode_survives_garbage(void **state)
{
	struct pm_arena *a = *state;
	struct pm_incident inc, back;
	const char **got;
	size_t len, ngot;
	uint32_t x = 12345;
	char buf[600], *p;

	for (size_t n = 0; n < sizeof(buf); n++) {
		for (size_t i = 0; i < n; i++) {
			x = x * 1103515245u + 12345u;
			buf[i] = (char)(x >> 16);
		}
		(void)pm_cache__decode(&back, &got, &ngot, a, buf, n);
	}
	fill(&inc, a);
	inc.title = "short";
	p = round_trip(&inc, NULL, 0, a, &len);
	for (size_t i = 0; i < len; i++) {
		char keep = p[i];

		p[i] = (char)(keep ^ 0x80);
		(void)pm_cache__decode(&back, &got, &ngot, a, p, len);
		p[i] = keep;
	}
	free(p);
}

/* What cannot be stored is refused, not truncated. */
static void
test_encode_refuses_deep_and_null_items(void **state)
{
	struct pm_arena *a = *state;
	struct pm_buf b = PM_BUF_INIT;
	struct pm_incident inc;
	struct pm_value *v;
	size_t len;

	pm_incident_init(&inc);
	v = pm_value_new_null(a);
	for (int i = 0; i < PM_YAML_MAX_DEPTH; i++) {
		struct pm_value *l = pm_value_new_list(a);

		pm_value_list_push(a, l, v);
		v = l;
	}
	inc.front = v;		/* as deep as yamltree goes: stored */
	free(round_trip(&inc, NULL, 0, a, &len));
	for (int i = 0; i < 5; i++) {
		struct pm_value *l = pm_value_new_list(a);

		pm_value_list_push(a, l, v);
		v = l;
	}
	inc.front = v;
	pm_buf_puts(&b, "kept");
	assert_int_equal(pm_cache__encode(&b, &inc, NULL, 0), -1);
	assert_int_equal(b.len, 4);
	inc.front = NULL;
	pm_strlist_push(&inc.tags, a, NULL);
	assert_int_equal(pm_cache__encode(&b, &inc, NULL, 0), -1);
	assert_int_equal(b.len, 4);
	pm_buf_free(&b);
}

/* A decoded list keeps pm_strlist_push()'s growth rule, so the site can
 * push related incidents onto it later. */
static void
test_decoded_lists_grow(void **state)
{
	struct pm_arena *a = *state;
	struct pm_incident inc, back;
	struct pm_buf b = PM_BUF_INIT;
	const char **got;
	size_t ngot;

	pm_incident_init(&inc);
	for (int i = 0; i < 3; i++)
		pm_strlist_push(&inc.related, a, "r");
	assert_int_equal(pm_cache__encode(&b, &inc, NULL, 0), 0);
	assert_int_equal(pm_cache__decode(&back, &got, &ngot, a, b.ptr,
	    b.len), 0);
	for (int i = 0; i < 20; i++)
		pm_strlist_push(&back.related, a, "more");
	assert_int_equal(back.related.len, 23);
	assert_string_equal(back.related.items[22], "more");
	pm_buf_free(&b);
}

/* Any one flipped bit changes the checksum. */
static void
test_checksum_sees_every_bit(void **state)
{
	unsigned char buf[1031];
	uint64_t sum;

	(void)state;
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (unsigned char)(i * 31 + 7);
	sum = pm_cache__checksum(buf, sizeof(buf));
	assert_true(sum != pm_cache__checksum(buf, sizeof(buf) - 1));
	for (size_t i = 0; i < sizeof(buf) * 8; i++) {
		buf[i / 8] ^= (unsigned char)(1u << (i % 8));
		assert_true(pm_cache__checksum(buf, sizeof(buf)) != sum);
		buf[i / 8] ^= (unsigned char)(1u << (i % 8));
	}
	assert_true(pm_cache__checksum(buf, sizeof(buf)) == sum);
}

static void
test_state_round_trip(void **state)
{
	struct pm_arena *a = *state;
	const struct pm_page_piece pieces[2] = {
		{ { { 7, 7 } }, 2, 40 }, { { { 9 } }, 45, UINT64_MAX } };
	struct pm_cache_stat files[2] = {
		{ "index.html", { 123, 456, 1700000000, 999999999, -1, 0 },
		    0, { { 0 } }, NULL, 0 },
		{ "incidents/x/index.html", { 0, 1, 0, 0, 1, 2 }, 1,
		    { { 0xff, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
		    0xfe } }, pieces, 2 }
	};
	const char *lines[] = { "w1", "w2" };
	struct pm_cache_state st;
	struct pm_buf b = PM_BUF_INIT;

	assert_int_equal(pm_cache__encode_state(&b, "default", lines, 2,
	    files, 2), 0);
	assert_int_equal(pm_cache__decode_state(&st, a, b.ptr, b.len), 0);
	assert_string_equal(st.theme, "default");
	assert_int_equal(st.nwarnings, 2);
	assert_string_equal(st.warnings[1], "w2");
	assert_int_equal(st.nfiles, 2);
	assert_string_equal(st.files[1].path, "incidents/x/index.html");
	assert_int_equal(st.files[0].st.size, 123);
	assert_int_equal(st.files[0].st.ino, 456);
	assert_int_equal(st.files[0].st.mtime_ns, 999999999);
	assert_int_equal(st.files[0].st.ctime_s, -1);
	assert_int_equal(st.files[1].st.ctime_ns, 2);
	assert_false(st.files[0].keyed);
	assert_true(st.files[1].keyed);
	assert_true(pm_digest_equal(&st.files[1].key, &files[1].key));
	assert_int_equal(st.files[0].npieces, 0);
	assert_int_equal(st.files[1].npieces, 2);
	assert_true(pm_digest_equal(&st.files[1].pieces[0].key,
	    &pieces[0].key));
	assert_int_equal(st.files[1].pieces[0].off, 2);
	assert_int_equal(st.files[1].pieces[0].len, 40);
	assert_int_equal(st.files[1].pieces[1].key.bytes[0], 9);
	assert_true(st.files[1].pieces[1].len == UINT64_MAX);
	assert_ptr_equal(pm_cache_state_file(&st, "incidents/x/index.html"),
	    &st.files[1]);
	assert_null(pm_cache_state_file(&st, "incidents/y/index.html"));
	for (size_t n = 0; n < b.len; n++)
		assert_int_equal(pm_cache__decode_state(&st, a, b.ptr, n), -1);
	assert_null(st.theme);
	assert_int_equal(st.nfiles, 0);
	assert_int_equal(pm_cache__encode_state(&b, NULL, NULL, 0, NULL, 0),
	    -1);
	pm_buf_free(&b);
}

/* Keys: deterministic, and no two field lists collide by construction. */
static void
test_keys(void **state)
{
	struct pm_cache_key k;
	char a[PM_CACHE_KEY_SIZE], b[PM_CACHE_KEY_SIZE];

	(void)state;
	pm_cache_key_init(&k);
	pm_cache_key_add_str(&k, "x", "ab");
	pm_cache_key_add_str(&k, "y", "c");
	pm_cache_key_final(a, &k);
	assert_int_equal(strlen(a), PM_CACHE_KEY_SIZE - 1);
	pm_cache_key_add_str(&k, "x", "a");
	pm_cache_key_add_str(&k, "y", "bc");
	pm_cache_key_final(b, &k);
	assert_string_not_equal(a, b);
	pm_cache_key_add_str(&k, "x", "ab");
	pm_cache_key_add_str(&k, "y", "c");
	pm_cache_key_final(b, &k);
	assert_string_equal(a, b);
	pm_cache_key_add_str(&k, "x", NULL);
	pm_cache_key_final(a, &k);
	pm_cache_key_add_str(&k, "x", "");
	pm_cache_key_final(b, &k);
	assert_string_not_equal(a, b);
	/* The empty key is XXH3-128 of nothing, as xxHash's own tests
	 * give it: a real hash, not made up. */
	pm_cache_key_final(a, &k);
	assert_string_equal(a, "99aa06d3014798d86001c324468d497f");
	pm_cache_key_free(&k);
	assert_int_equal(pm_cache_identity(a), 0);
	assert_int_equal(pm_cache_identity(b), 0);
	assert_string_equal(a, b);
}

/*
 * The keys of a real repository's documents made on threads are the keys
 * made one by one, in document order, whatever the number of threads;
 * and a document's key changes with its blob.
 */
static void
test_doc_keys_on_threads(void **state)
{
	char *dir = tu_tempdir(), id[41], files[40][32], bodies[40][64];
	const char *list[81];
	git_repository *repo = tu_repo_init(dir);
	struct pm_source_opts opts = { dir, NULL, "pm", 0, 0, 1 };
	struct pm_source *src = NULL;
	struct pm_cache *c = NULL;
	struct pm_error err;
	char site[600], (*one)[PM_CACHE_KEY_SIZE], (*many)[PM_CACHE_KEY_SIZE];
	size_t n;

	(void)state;
	for (int i = 0; i < 40; i++) {
		snprintf(files[i], sizeof(files[i]), "pm/p%02d.md", i);
		snprintf(bodies[i], sizeof(bodies[i]), "# Outage %d\n", i);
		list[2 * i] = files[i];
		list[2 * i + 1] = bodies[i];
	}
	list[80] = NULL;
	tu_commit(repo, "ana", 1700000000, list, "forty", id);
	pm_error_clear(&err);
	assert_int_equal(pm_source_open(&src, &opts, &err), 0);
	assert_int_equal(pm_source_load(src, &err), 0);
	n = pm_source_count(src);
	assert_int_equal(n, 40);
	snprintf(site, sizeof(site), "%s/site", dir);
	assert_int_equal(pm_cache_open(&c, site, "identity", &err), 0);
	pm_cache_set_env(c, "00000000000000000000000000000000");
	one = calloc(n, sizeof(*one));
	many = calloc(n, sizeof(*many));
	for (size_t i = 0; i < n; i++)
		pm_cache_doc_key(one[i], c, pm_source_doc(src, i), 0);
	for (int jobs = 1; jobs <= 4; jobs++) {
		memset(many, 0, n * sizeof(*many));
		pm_cache_doc_keys(many, c, src, 0, jobs);
		for (size_t i = 0; i < n; i++)
			assert_string_equal(many[i], one[i]);
	}
	for (size_t i = 1; i < n; i++)
		assert_string_not_equal(one[i], one[i - 1]);
	free(one);
	free(many);
	pm_cache_free(c);
	pm_source_free(src);
	git_repository_free(repo);
	tu_rm_rf(dir);
	free(dir);
}

/* ------------------------------------------------ the folder on disk */

struct folder {
	char *dir;		/* holds site/ and .site.pmsite-cache/ */
	char site[512], cache[512];
	struct pm_cache *c;
};

static void
folder_open(struct folder *f)
{
	struct pm_error err;

	if (f->dir == NULL) {
		f->dir = tu_tempdir();
		snprintf(f->site, sizeof(f->site), "%s/site", f->dir);
		snprintf(f->cache, sizeof(f->cache), "%s/.site.pmsite-cache",
		    f->dir);
	}
	pm_cache_free(f->c);
	pm_error_clear(&err);
	assert_int_equal(pm_cache_open(&f->c, f->site, "identity", &err), 0);
	pm_cache_set_env(f->c, "00000000000000000000000000000000");
}

static void
folder_free(struct folder *f)
{
	pm_cache_free(f->c);
	tu_rm_rf(f->dir);
	free(f->dir);
}

static const char key1[] = "11111111111111111111111111111111";
static const char key2[] = "22222222222222222222222222222222";

static void
put_one(struct folder *f, const char *key, const char *slug,
    struct pm_arena *a)
{
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	pm_incident_init(&inc);
	inc.slug = slug;
	pm_warnings_add_line(&w, "ingest said this");
	pm_warnings_add_line(&w, "and this");
	(void)a;
	pm_cache_put(f->c, key, &inc, &w, 1);
	pm_warnings_free(&w);
}

static int
get_one(struct folder *f, const char *key, struct pm_arena *a,
    const char **slug)
{
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;
	int hit;

	pm_incident_init(&inc);
	hit = pm_cache_get(&inc, &w, f->c, key, a);
	*slug = inc.slug;
	if (hit) {
		assert_int_equal(w.len, 1);
		assert_string_equal(w.lines[0], "and this");
	} else {
		assert_int_equal(w.len, 0);
	}
	pm_warnings_free(&w);
	return hit;
}

static char *
pack_path(struct folder *f)
{
	char *p = malloc(strlen(f->cache) + 8);

	sprintf(p, "%s/pack", f->cache);
	return p;
}

static void
write_bytes(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

/* Where key's entry starts in the pack's bytes, found by walking the
 * headers as a reader would (lengths at byte 16, keys at 32). */
static size_t
entry_at(const char *data, size_t len, const char *key)
{
	size_t at = 0;

	while (at + 64 <= len) {
		uint64_t n = 0;

		for (int i = 0; i < 8; i++)
			n |= (uint64_t)(unsigned char)data[at + 16 + i] << (8 * i);
		if (memcmp(data + at + 32, key, 32) == 0)
			return at;
		at += 64 + (size_t)n;
	}
	fail_msg("no entry for %s", key);
	return 0;
}

static void
test_folder_hit_and_miss(void **state)
{
	struct pm_arena *a = *state;
	struct folder f = { 0 };
	const char *slug;
	struct stat st;
	char path[600];

	folder_open(&f);
	assert_string_equal(pm_cache_dir(f.c), f.cache);
	assert_int_equal(get_one(&f, key1, a, &slug), 0);
	/* Reading creates nothing. */
	assert_false(tu_exists(f.cache));
	put_one(&f, key1, "one", a);
	assert_int_equal(get_one(&f, key1, a, &slug), 1);
	assert_string_equal(slug, "one");
	assert_int_equal(get_one(&f, key2, a, &slug), 0);
	assert_int_equal(pm_cache_hits(f.c), 1);
	assert_int_equal(pm_cache_lookups(f.c), 3);
	snprintf(path, sizeof(path), "%s/CACHEDIR.TAG", f.cache);
	assert_int_equal(stat(path, &st), 0);
	snprintf(path, sizeof(path), "%s/.gitignore", f.cache);
	assert_int_equal(stat(path, &st), 0);
	/* Another open finds the entry. */
	folder_open(&f);
	assert_int_equal(get_one(&f, key1, a, &slug), 1);
	folder_free(&f);
}

/* Each kind of damage is a miss, and a rewrite repairs it. */
static void
test_folder_damage_is_a_miss(void **state)
{
	struct pm_arena *a = *state;
	struct folder f = { 0 };
	const char *slug;
	char *p, *data, *two;
	size_t len;

	folder_open(&f);
	put_one(&f, key1, "one", a);
	p = pack_path(&f);
	data = tu_read(p, &len);	/* key1's entry alone */
	assert_non_null(data);
	assert_true(len > 64);
	/* Truncated anywhere. */
	for (size_t n = 0; n < len; n += (n < 80 ? 1 : 37)) {
		write_bytes(p, data, n);
		folder_open(&f);
		assert_int_equal(get_one(&f, key1, a, &slug), 0);
	}
	/* One byte changed: the magic, the format, the kind, the length,
	 * the checksum, the key (32 hex digits from byte 32), the payload. */
	const size_t at[] = { 0, 8, 12, 16, 24, 40, 64, len - 1 };
	for (size_t i = 0; i < sizeof(at) / sizeof(*at); i++) {
		data[at[i]] ^= 1;
		write_bytes(p, data, len);
		data[at[i]] ^= 1;
		folder_open(&f);
		assert_int_equal(get_one(&f, key1, a, &slug), 0);
	}
	/* The entry again under key2's header: the checksum covers the
	 * key, so it passes for neither. */
	two = malloc(2 * len);
	memcpy(two, data, len);
	memcpy(two + len, data, len);
	memcpy(two + len + 32, key2, 32);
	write_bytes(p, two, 2 * len);
	folder_open(&f);
	assert_int_equal(get_one(&f, key2, a, &slug), 0);
	assert_int_equal(get_one(&f, key1, a, &slug), 1);
	/* A damaged payload is a miss for its entry only; a damaged
	 * length loses what follows it, as a torn tail does. */
	put_one(&f, key2, "two", a);
	free(two);
	two = tu_read(p, &len);
	two[entry_at(two, len, key1) + 100] ^= 1;
	write_bytes(p, two, len);
	folder_open(&f);
	assert_int_equal(get_one(&f, key1, a, &slug), 0);
	assert_int_equal(get_one(&f, key2, a, &slug), 1);
	two[entry_at(two, len, key1) + 100] ^= 1;
	two[entry_at(two, len, key1) + 17] ^= 1;
	write_bytes(p, two, len);
	folder_open(&f);
	assert_int_equal(get_one(&f, key1, a, &slug), 0);
	/* A rewrite repairs the damaged one. */
	put_one(&f, key1, "one", a);
	assert_int_equal(get_one(&f, key1, a, &slug), 1);
	free(p);
	free(two);
	free(data);
	folder_free(&f);
}

static long
file_size(const char *dir, const char *name)
{
	char path[700];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static void
finish_build(struct folder *f)
{
	struct pm_warnings problems = PM_WARNINGS_INIT;

	(void)mkdir(f->site, 0755);	/* the state needs a site */
	pm_cache_finish(f->c, key1, "default", &problems, NULL, 0, NULL, 0,
	    &problems);
	assert_int_equal(problems.len, 0);
	pm_warnings_free(&problems);
}

/*
 * A build appends to the pack; entries no build looked up are dropped
 * once they outweigh the rest; a build of mostly new entries writes a
 * new pack beside the old one, which stays whole until the new one
 * replaces it.
 */
static void
test_folder_pack_reclaims(void **state)
{
	struct pm_arena *a = *state;
	static const char *const keys[] = {
	    "a0000000000000000000000000000000",
	    "b0000000000000000000000000000000",
	    "c0000000000000000000000000000000",
	    "d0000000000000000000000000000000" };
	struct folder f = { 0 };
	const char *slug;
	long one, all;

	folder_open(&f);
	for (int i = 0; i < 4; i++)
		put_one(&f, keys[i], "same", a);
	finish_build(&f);
	all = file_size(f.cache, "pack");
	one = all / 4;
	assert_true(one > 64);
	/* Three of four looked up: a quarter unused stays. */
	folder_open(&f);
	for (int i = 0; i < 3; i++)
		assert_int_equal(get_one(&f, keys[i], a, &slug), 1);
	finish_build(&f);
	assert_int_equal(file_size(f.cache, "pack"), all);
	/* One changed document: its new entry is appended. */
	folder_open(&f);
	for (int i = 0; i < 2; i++)
		assert_int_equal(get_one(&f, keys[i], a, &slug), 1);
	put_one(&f, key1, "same", a);
	assert_int_equal(file_size(f.cache, "pack"), 5 * one);
	finish_build(&f);
	/* Then two of five used, and the pack keeps just those. */
	folder_open(&f);
	assert_int_equal(get_one(&f, keys[0], a, &slug), 1);
	assert_int_equal(get_one(&f, key1, a, &slug), 1);
	finish_build(&f);
	assert_int_equal(file_size(f.cache, "pack"), 2 * one);
	folder_open(&f);
	assert_int_equal(get_one(&f, keys[1], a, &slug), 0);
	assert_int_equal(get_one(&f, keys[0], a, &slug), 1);
	assert_int_equal(get_one(&f, key1, a, &slug), 1);
	/* Nothing looked up, one new: written to pack.new; the pack is
	 * untouched until the build finishes. */
	folder_open(&f);
	put_one(&f, key2, "same", a);
	assert_int_equal(file_size(f.cache, "pack"), 2 * one);
	assert_int_equal(file_size(f.cache, "pack.new"), one);
	finish_build(&f);
	assert_int_equal(file_size(f.cache, "pack.new"), -1);
	assert_int_equal(file_size(f.cache, "pack"), one);
	folder_open(&f);
	assert_int_equal(get_one(&f, key2, a, &slug), 1);
	assert_int_equal(get_one(&f, key1, a, &slug), 0);
	folder_free(&f);
}

/*
 * pm_cache_get_all() on one and on three threads gives, task for task,
 * what pm_cache_get() gives: hits with their slug and warnings, misses
 * for absent and damaged entries, and the same counts.
 */
static void
test_folder_get_all_matches_get(void **state)
{
	struct pm_arena *a = *state;
	struct folder f = { 0 };
	enum { N = 40 };
	char keys[N][PM_CACHE_KEY_SIZE], slugs[N][24];

	folder_open(&f);
	for (int i = 0; i < N; i++) {
		snprintf(keys[i], sizeof(keys[i]), "%0*d", PM_CACHE_KEY_SIZE - 1, i);
		snprintf(slugs[i], sizeof(slugs[i]), "slug-%d", i);
		if (i % 5 != 0)		/* every fifth is absent */
			put_one(&f, keys[i], slugs[i], a);
	}
	{
		/* and 7 is damaged */
		char *p = pack_path(&f), *data;
		size_t len;

		data = tu_read(p, &len);
		data[entry_at(data, len, keys[7]) + 80] = '~';
		write_bytes(p, data, len);
		free(data);
		free(p);
	}
	for (int jobs = 1; jobs <= 3; jobs += 2) {
		struct pm_cache_get_task tasks[N];
		struct pm_incident incs[N];
		struct pm_warnings w[N];
		int hit[N];
		size_t hits, expect = 0;
		const char *slug;

		folder_open(&f);
		for (int i = 0; i < N; i++) {
			pm_incident_init(&incs[i]);
			w[i] = (struct pm_warnings)PM_WARNINGS_INIT;
			hit[i] = -1;
			tasks[i] = (struct pm_cache_get_task){ keys[i],
			    &incs[i], &w[i], &hit[i] };
		}
		hits = pm_cache_get_all(f.c, tasks, N, a, jobs);
		for (int i = 0; i < N; i++) {
			int one = get_one(&f, keys[i], a, &slug);

			assert_int_equal(hit[i], one);
			assert_int_equal(hit[i], i % 5 != 0 && i != 7);
			expect += (size_t)one;
			if (one) {
				assert_string_equal(incs[i].slug, slug);
				assert_int_equal(w[i].len, 1);
				assert_string_equal(w[i].lines[0], "and this");
			} else {
				assert_int_equal(w[i].len, 0);
			}
			pm_warnings_free(&w[i]);
		}
		assert_int_equal(hits, expect);
		assert_int_equal(pm_cache_hits(f.c), 2 * expect);
		assert_int_equal(pm_cache_lookups(f.c), 2 * N);
	}
	folder_free(&f);
}

/* A cache folder that is a link, or a file, is not written through. */
static void
test_folder_refuses_links(void **state)
{
	struct pm_arena *a = *state;
	struct pm_warnings problems = PM_WARNINGS_INIT;
	struct folder f = { 0 };
	char elsewhere[600];
	const char *slug;

	folder_open(&f);
	snprintf(elsewhere, sizeof(elsewhere), "%s/elsewhere", f.dir);
	assert_int_equal(mkdir(elsewhere, 0755), 0);
	assert_int_equal(symlink(elsewhere, f.cache), 0);
	put_one(&f, key1, "one", a);
	assert_int_equal(get_one(&f, key1, a, &slug), 0);
	pm_cache_finish(f.c, key1, "default", &problems, NULL, 0, NULL, 0,
	    &problems);
	assert_int_equal(problems.len, 1);
	assert_non_null(strstr(problems.lines[0], "warning: cache not "
	    "updated"));
	snprintf(elsewhere, sizeof(elsewhere), "%s/elsewhere/docs", f.dir);
	assert_false(tu_exists(elsewhere));
	pm_warnings_free(&problems);
	folder_free(&f);
}

static void
write_site_file(struct folder *f, const char *rel, const char *text)
{
	tu_write(f->site, rel, text);
}

/* The state, the marker's stamp and the files must all agree. */
static void
test_state_and_up_to_date(void **state)
{
	struct pm_arena *a = *state;
	struct pm_warnings w = PM_WARNINGS_INIT, problems = PM_WARNINGS_INIT;
	struct pm_output_file files[] = { { "a.html", 0, { 0, 0, 0, 0, 0, 0 } },
	    { "d/b.html", 0, { 0, 0, 0, 0, 0, 0 } } };
	/* Keys in any order, one for a file that is not there. */
	const struct pm_page_piece piece = { { { 5 } }, 1, 3 };
	struct pm_cache_page_key keys[2] = { { "e.html", { { 1 } }, NULL, 0 },
	    { "d/b.html", { { 2 } }, &piece, 1 } };
	struct pm_cache_state st;
	struct folder f = { 0 };
	const char *slug;
	char marker[200];

	folder_open(&f);
	assert_int_equal(pm_cache_state_load(&st, f.c, a), 0);
	write_site_file(&f, "a.html", "A");
	write_site_file(&f, "d/b.html", "B");
	snprintf(marker, sizeof(marker), "pmsite site v1\nbuild %s\n", key1);
	write_site_file(&f, ".pmsite", marker);
	pm_warnings_add_line(&w, "the build said this");
	/* An entry used by this build, and one that is not. */
	put_one(&f, key2, "old", a);
	folder_open(&f);
	put_one(&f, key1, "new", a);
	assert_int_equal(get_one(&f, key1, a, &slug), 1);
	pm_cache_finish(f.c, key1, "default", &w, files, 2, keys, 2,
	    &problems);
	assert_int_equal(problems.len, 0);
	assert_int_equal(get_one(&f, key2, a, &slug), 0);	/* collected */
	folder_open(&f);
	assert_int_equal(pm_cache_state_load(&st, f.c, a), 1);
	assert_string_equal(st.key, key1);
	assert_string_equal(st.theme, "default");
	assert_int_equal(st.nwarnings, 1);
	assert_int_equal(st.nfiles, 2);
	assert_int_equal(pm_cache_state_file(&st, "a.html")->st.size, 1);
	assert_false(pm_cache_state_file(&st, "a.html")->keyed);
	assert_true(pm_cache_state_file(&st, "d/b.html")->keyed);
	assert_int_equal(pm_cache_state_file(&st, "d/b.html")->key.bytes[0],
	    2);
	assert_int_equal(pm_cache_state_file(&st, "d/b.html")->npieces, 1);
	assert_int_equal(pm_cache_state_file(&st, "d/b.html")->pieces[0].len,
	    3);
	assert_null(pm_cache_state_file(&st, "e.html"));
	assert_true(pm_cache_state_published(f.c, &st));
	assert_true(pm_cache_up_to_date(f.c, &st, key1));
	assert_false(pm_cache_up_to_date(f.c, &st, key2));
	/* Same size, same content, rewritten: the inode tells. */
	{
		char p[600];

		snprintf(p, sizeof(p), "%s/d/b.html", f.site);
		assert_int_equal(unlink(p), 0);
		write_site_file(&f, "d/b.html", "B");
		assert_false(pm_cache_up_to_date(f.c, &st, key1));
		assert_int_equal(unlink(p), 0);
		assert_false(pm_cache_up_to_date(f.c, &st, key1));
	}
	/* A marker with another stamp, or none. */
	pm_cache_finish(f.c, key1, "default", &w, files, 1, NULL, 0,
	    &problems);
	folder_open(&f);
	assert_int_equal(pm_cache_state_load(&st, f.c, a), 1);
	assert_true(pm_cache_up_to_date(f.c, &st, key1));
	snprintf(marker, sizeof(marker), "pmsite site v1\nbuild %s\n", key2);
	write_site_file(&f, ".pmsite", marker);
	assert_false(pm_cache_up_to_date(f.c, &st, key1));
	assert_false(pm_cache_state_published(f.c, &st));
	write_site_file(&f, ".pmsite", "pmsite site v1\n");
	assert_false(pm_cache_up_to_date(f.c, &st, key1));
	/* A damaged state is no state. */
	tu_write(f.cache, "state", "pmsiteC\ngarbage");
	folder_open(&f);
	assert_int_equal(pm_cache_state_load(&st, f.c, a), 0);
	pm_warnings_free(&w);
	pm_warnings_free(&problems);
	folder_free(&f);
}

/* A stat the output knew is recorded as it was given, without asking the
 * site (where the file need not even be), beside one taken from there. */
static void
test_state_known_stat(void **state)
{
	struct pm_arena *a = *state;
	struct pm_warnings w = PM_WARNINGS_INIT, problems = PM_WARNINGS_INIT;
	struct pm_output_file files[] = {
	    { "a.html", 0, { 0, 0, 0, 0, 0, 0 } },
	    { "k.html", 1, { 7, 42, 1, 2, 3, 4 } } };
	const struct pm_output_stat *k;
	struct pm_cache_state st;
	struct folder f = { 0 };

	folder_open(&f);
	write_site_file(&f, "a.html", "AAA");
	pm_cache_finish(f.c, key1, "default", &w, files, 2, NULL, 0,
	    &problems);
	assert_int_equal(problems.len, 0);
	folder_open(&f);
	assert_int_equal(pm_cache_state_load(&st, f.c, a), 1);
	assert_int_equal(st.nfiles, 2);
	assert_int_equal(pm_cache_state_file(&st, "a.html")->st.size, 3);
	k = &pm_cache_state_file(&st, "k.html")->st;
	assert_true(k->size == 7 && k->ino == 42 && k->mtime_s == 1 &&
	    k->mtime_ns == 2 && k->ctime_s == 3 && k->ctime_ns == 4);
	pm_warnings_free(&w);
	pm_warnings_free(&problems);
	folder_free(&f);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_incident_layout_known),
		T(test_round_trip_every_field),
		T(test_round_trip_unknowns),
		T(test_round_trip_special_numbers),
		T(test_round_trip_real_ingest),
		T(test_decode_refuses_truncation_and_trailing),
		T(test_decode_refuses_huge_counts),
		T(test_decode_refuses_bad_strings),
		T(test_decode_survives_garbage),
		T(test_encode_refuses_deep_and_null_items),
		T(test_decoded_lists_grow),
		T(test_checksum_sees_every_bit),
		T(test_state_round_trip),
		T(test_keys),
		T(test_doc_keys_on_threads),
		T(test_folder_hit_and_miss),
		T(test_folder_damage_is_a_miss),
		T(test_folder_get_all_matches_get),
		T(test_folder_pack_reclaims),
		T(test_folder_refuses_links),
		T(test_state_and_up_to_date),
		T(test_state_known_stat),
	};
	int rc;

	git_libgit2_init();
	pm_markdown_init();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	git_libgit2_shutdown();
	return rc;
}
