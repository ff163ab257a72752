/*
 * itemhist.c: following each action item through the versions of its
 * file, by the words of the line it stands on (see itemhist.h).
 */
#include "itemhist.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "extract.h"

/* Status cells of a table row that say the item is done. */
static const char *const done_cells[] = {
	"done", "completed", "complete", "closed", "fixed", "resolved",
	"shipped", "yes", NULL
};

/* What is known of one item while the versions go by. */
struct track {
	size_t key;	/* into the keys buffer; SIZE_MAX: none */
	const char *added, *done_at;
};

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

/* Does s[0..len) start with prefix, ignoring ASCII case? */
static int
starts_with(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	if (n > len)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (lower((unsigned char)s[i]) !=
		    lower((unsigned char)prefix[i]))
			return 0;
	return 1;
}

/*
 * Append to out the words of s[0..len), lowercased and folded to single
 * spaces, with done marks and strike-through left out, but no more than
 * max bytes of them; sets *done when a mark was there (in the part read).
 * Every line of every version comes through here, so it writes to the
 * buffer directly: each byte gives at most one, and a run of others one
 * space, so len bytes are room enough.
 */
static void
put_words(struct pm_buf *out, const char *s, size_t len, int *done,
    size_t max, const unsigned char *mark_first)
{
	char *start, *w;
	size_t i = 0;
	int space = 0;

	pm_buf_grow(out, (len < max ? len : max) + 1);
	start = w = out->ptr + out->len;
	while (i < len && (size_t)(w - start) < max) {
		size_t skip = 0;
		unsigned char c = (unsigned char)s[i];

		/* No done mark starts with a letter or a digit
		 * (pm_extract_done_marks). */
		if (c < 0x80 && is_alnum(c)) {
			if (space && w > start) {
				*w++ = ' ';
				if ((size_t)(w - start) == max)
					break;
			}
			space = 0;
			*w++ = (char)lower(c);
			i++;
			continue;
		}
		/* no mark or strike-through begins here: a blank */
		if (c == ' ' || (c < 0x80 && !mark_first[c])) {
			space = 1;
			i++;
			continue;
		}
		if (c == '~' && starts_with(s + i, len - i, "~~"))
			skip = 2;
		/* done marks are blanked out: the first byte rules out most */
		for (const char *const *m = pm_extract_done_marks;
		    skip == 0 && *m; m++)
			if ((unsigned char)(*m)[0] == c &&
			    starts_with(s + i, len - i, *m))
				skip = strlen(*m);
		if (skip) {
			*done = 1;
			i += skip;
			space = 1;
			continue;
		}
		if (!is_alnum(c)) {
			space = 1;
			i++;
			continue;
		}
		if (space && w > start) {
			*w++ = ' ';
			if ((size_t)(w - start) == max)
				break;
		}
		space = 0;
		*w++ = (char)c;
		i++;
	}
	out->len = (size_t)(w - out->ptr);
	*w = '\0';
}

/* The cells of a table row: the longest is the item, another may be its
 * status. */
static void
put_row_words(struct pm_buf *out, const char *s, size_t len, int *done,
    size_t max, const unsigned char *mark_first)
{
	const char *best = NULL;
	size_t best_len = 0, i = 0;

	while (i < len) {
		size_t j = i, a, b;

		while (j < len && s[j] != '|')
			j++;
		for (a = i; a < j && (s[a] == ' ' || s[a] == '\t'); a++)
			;
		for (b = j; b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'); b--)
			;
		for (int c = 0; done_cells[c]; c++)
			if (b - a == strlen(done_cells[c]) &&
			    starts_with(s + a, b - a, done_cells[c]))
				*done = 1;
		if (b - a > best_len) {
			best = s + a;
			best_len = b - a;
		}
		i = j + 1;
	}
	if (best)
		put_words(out, best, best_len, done, max, mark_first);
}

/* Append the key of one source line to out, or its first max bytes
 * (nothing when it has no words), and say whether it marks the item
 * done. */
static void
line_key(struct pm_buf *out, const char *s, size_t len, int *done,
    size_t max, const unsigned char *mark_first)
{
	size_t i = 0;

	*done = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '>'))
		i++;
	if (i < len && s[i] == '|') {
		put_row_words(out, s + i + 1, len - i - 1, done, max,
		    mark_first);
		return;
	}
	if (i + 1 < len && strchr("-*+", s[i]) && (s[i + 1] == ' ' ||
	    s[i + 1] == '\t')) {
		i += 2;
	} else if (starts_with(s + i, len - i, "\xe2\x80\xa2")) {
		i += 3;
	} else {
		size_t d = i;

		while (d < len && s[d] >= '0' && s[d] <= '9')
			d++;
		if (d > i && d + 1 < len && (s[d] == '.' || s[d] == ')') &&
		    s[d + 1] == ' ')
			i = d + 2;
	}
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i + 2 < len && s[i] == '[' && s[i + 2] == ']' &&
	    strchr(" xX", s[i + 1])) {
		*done = s[i + 1] != ' ';
		i += 3;
	}
	put_words(out, s + i, len - i, done, max, mark_first);
}

/* The keys of the current items, from the lines they stand on. */
static void
item_keys(struct track *t, struct pm_buf *keys, const struct pm_incident *inc,
    const char *data, size_t len, const unsigned char *mark_first)
{
	const char *p = data, *end = data + len;
	int line = 1;

	for (size_t k = 0; k < inc->naction_items; k++)
		t[k].key = SIZE_MAX;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);

		for (size_t k = 0; k < inc->naction_items; k++) {
			size_t at = keys->len;
			int done;

			if (inc->action_items[k].line != line)
				continue;
			line_key(keys, p, len, &done, SIZE_MAX, mark_first);
			if (keys->len > at) {
				pm_buf_putc(keys, '\0');
				t[k].key = at;
			}
		}
		if (nl == NULL)
			break;
		p = nl + 1;
		line++;
	}
}

/* One document's items on their way through its versions. */
struct pm_itemhist {
	const struct pm_doc *doc;
	struct track *t;
	size_t n;
	struct pm_buf keys;
	/* nversions * n: for each version, whether item k is there and
	 * whether it is done there (SEEN, SEEN | DONE); 0 when absent. */
	unsigned char *seen;
	char **errors;		/* per version: why it was not read */
	/* the first bytes of the done marks and of "~~": every other
	 * byte but letters and digits is a blank between words */
	unsigned char mark_first[256];
};

enum { SEEN = 1, DONE = 2 };

struct pm_itemhist *
pm_itemhist_new(const struct pm_incident *inc, const struct pm_doc *doc,
    const char *data, size_t len)
{
	struct pm_itemhist *h;
	size_t n = inc->naction_items;

	if (n == 0 || doc->nversions == 0)
		return NULL;
	h = pm_xcalloc(1, sizeof(*h));
	h->doc = doc;
	h->n = n;
	h->t = pm_xcalloc(n, sizeof(*h->t));
	pm_buf_init(&h->keys);
	h->mark_first['~'] = 1;
	for (const char *const *m = pm_extract_done_marks; *m; m++)
		h->mark_first[(unsigned char)(*m)[0]] = 1;
	item_keys(h->t, &h->keys, inc, data, len, h->mark_first);
	h->seen = pm_xcalloc(doc->nversions, n);
	h->errors = pm_xcalloc(doc->nversions, sizeof(*h->errors));
	for (size_t v = 0; v < doc->nversions; v++)
		if (!pm_itemhist_needs(h, v))
			pm_itemhist_version(h, v, data, len);
	return h;
}

int
pm_itemhist_needs(const struct pm_itemhist *h, size_t v)
{
	return strcmp(h->doc->versions[v].blob_id, h->doc->blob_id) != 0;
}

/* Does the key of item k begin with the n bytes of pre (and end there
 * when whole is set)? */
static int
key_starts(const struct pm_itemhist *h, size_t k, const char *pre, size_t n,
    int whole)
{
	const char *key;

	if (h->t[k].key == SIZE_MAX)
		return 0;
	key = h->keys.ptr + h->t[k].key;
	return key[0] == pre[0] && strncmp(key, pre, n) == 0 &&
	    (!whole || key[n] == '\0');
}

/*
 * Each line of a version is matched against the items' keys; the first
 * line with an item's key tells whether the item is there and done.  Old
 * versions are read whole and most of their lines are prose, so a line's
 * key is made in full only when its first KEY_PREFIX bytes begin some
 * item's key: that was a third of the history's cost.
 */
#define KEY_PREFIX 16

void
pm_itemhist_version(struct pm_itemhist *h, size_t v, const char *data,
    size_t len)
{
	struct pm_buf pre = PM_BUF_INIT, key = PM_BUF_INIT;
	unsigned char *seen = h->seen + v * h->n;
	size_t i = 0, k;

	while (i < len) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) : len;
		int done = 0, whole;

		pm_buf_clear(&pre);
		line_key(&pre, data + i, end - i, &done, KEY_PREFIX,
		    h->mark_first);
		whole = pre.len < KEY_PREFIX;
		for (k = 0; pre.len > 0 && k < h->n; k++)
			if (!seen[k] && key_starts(h, k, pre.ptr, pre.len,
			    whole))
				break;
		if (pre.len > 0 && k < h->n) {
			const char *full = pre.ptr;

			if (!whole) {
				pm_buf_clear(&key);
				done = 0;
				line_key(&key, data + i, end - i, &done,
				    SIZE_MAX, h->mark_first);
				full = key.ptr;
			}
			for (; k < h->n; k++)
				if (!seen[k] && h->t[k].key != SIZE_MAX &&
				    strcmp(h->keys.ptr + h->t[k].key,
				    full) == 0)
					seen[k] = SEEN | (done ? DONE : 0);
		}
		i = end + 1;
	}
	pm_buf_free(&pre);
	pm_buf_free(&key);
}

void
pm_itemhist_failed(struct pm_itemhist *h, size_t v, const char *why)
{
	free(h->errors[v]);
	h->errors[v] = pm_xstrdup(why);
}

int
pm_itemhist_finish(struct pm_itemhist *h, struct pm_incident *inc,
    struct pm_arena *arena, struct pm_error *err)
{
	const struct pm_doc *doc = h->doc;

	for (size_t v = 0; v < doc->nversions; v++)
		if (h->errors[v])
			return pm_error_set(err, PM_ERROR, doc->path, 0, 0,
			    "%s", h->errors[v]);
	/* Items present get added, done ones keep or start their done
	 * time, and the others lose it. */
	for (size_t v = 0; v < doc->nversions; v++) {
		const unsigned char *seen = h->seen + v * h->n;
		const char *when = doc->versions[v].when;

		for (size_t k = 0; k < h->n; k++) {
			if ((seen[k] & SEEN) && h->t[k].added == NULL)
				h->t[k].added = when;
			if (!(seen[k] & DONE))
				h->t[k].done_at = NULL;
			else if (h->t[k].done_at == NULL)
				h->t[k].done_at = when;
		}
	}
	for (size_t k = 0; k < h->n && k < inc->naction_items; k++) {
		struct pm_action_item *it = &inc->action_items[k];

		it->added = h->t[k].added && arena ?
		    pm_arena_strdup(arena, h->t[k].added) : h->t[k].added;
		it->done_at = it->done ? h->t[k].done_at : NULL;
		if (it->done_at && arena)
			it->done_at = pm_arena_strdup(arena, it->done_at);
	}
	return 0;
}

void
pm_itemhist_free(struct pm_itemhist *h)
{
	if (h == NULL)
		return;
	for (size_t v = 0; v < h->doc->nversions; v++)
		free(h->errors[v]);
	free(h->errors);
	free(h->seen);
	free(h->t);
	pm_buf_free(&h->keys);
	free(h);
}

int
pm_itemhist_apply(struct pm_incident *inc, const struct pm_doc *doc,
    const char *data, size_t len, const struct pm_source *src,
    struct pm_error *err)
{
	struct pm_itemhist *h = pm_itemhist_new(inc, doc, data, len);
	struct pm_buf old = PM_BUF_INIT;
	int rc = 0;

	if (h == NULL)
		return 0;
	for (size_t v = 0; v < doc->nversions && rc == 0; v++)
		if (pm_itemhist_needs(h, v) && (rc = pm_source_read_version(
		    src, doc, v, &old, err)) == 0)
			pm_itemhist_version(h, v, old.ptr, old.len);
	if (rc == 0)
		rc = pm_itemhist_finish(h, inc, NULL, err);
	pm_itemhist_free(h);
	pm_buf_free(&old);
	return rc;
}
