/* config.c: pmsite.yml into struct pm_config, with validation. */
#include "config.h"
#include "yamltree.h"

#include <string.h>
#include <strings.h>

void
pm_config_defaults(struct pm_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->title = "Postmortems";
	cfg->description = "What we learned from our incidents.";
	cfg->base_url = "";
	cfg->theme = "default";
	cfg->language = "en";
}

/* http(s)://host…: a scheme alone ("https://") would make links like
 * "https:/edit/…". */
static int
is_http_url(const char *s)
{
	size_t n = strncasecmp(s, "https://", 8) == 0 ? 8 :
	    strncasecmp(s, "http://", 7) == 0 ? 7 : 0;

	return n > 0 && s[n] != '\0' && s[n] != '/';
}

/* URLs end up in attributes and feeds: refuse bytes that would need more
 * than HTML escaping to be harmless. */
static int
url_chars_ok(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s <= 0x20 || *s == '"' || *s == '<' ||
		    *s == '>' || *s == '\\' || (unsigned char)*s == 0x7f)
			return 0;
	return 1;
}

int
pm_config_set_base_url(struct pm_config *cfg, struct pm_arena *arena,
    const char *url, const char *file, int line, struct pm_error *err)
{
	size_t len = strlen(url);

	if (len == 0) {
		cfg->base_url = "";
		return 0;
	}
	if (!is_http_url(url) || !url_chars_ok(url))
		return pm_error_set(err, PM_ERROR, file, line, 0,
		    "base_url must be an http(s) URL, not '%s'", url);
	cfg->base_url = url[len - 1] == '/' ? pm_arena_strdup(arena, url) :
	    pm_arena_printf(arena, "%s/", url);
	return 0;
}

static int
want_string(const char **out, const struct pm_value *v, const char *key,
    const char *file, struct pm_error *err)
{
	if (v->type == PM_VALUE_NULL) {
		*out = NULL;
		return 0;
	}
	if (v->type != PM_VALUE_STRING)
		return pm_error_set(err, PM_ERROR, file, v->line, 0,
		    "%s must be a string", key);
	*out = v->u.string.ptr;
	return 0;
}

static int
want_theme_name(const char *name, const struct pm_value *v, const char *file,
    struct pm_error *err)
{
	/* A theme is a folder name: never a path. */
	if (name == NULL || *name == '\0' ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != strlen(name))
		return pm_error_set(err, PM_ERROR, file, v->line, 0,
		    "theme must be a folder name of letters, digits, - and _");
	return 0;
}

int
pm_config_parse(struct pm_config *cfg, struct pm_arena *arena,
    const char *src, size_t len, const char *file,
    struct pm_warnings *warnings, struct pm_error *err)
{
	struct pm_value *root = NULL;
	const char *s = NULL;
	size_t i;

	if (pm_yaml_parse(&root, arena, src, len, file, 1, err) < 0)
		return PM_ERROR;
	if (root->type == PM_VALUE_NULL)
		return 0;
	if (root->type != PM_VALUE_MAP)
		return pm_error_set(err, PM_ERROR, file, 1, 0,
		    "pmsite.yml must be a mapping of settings");
	for (i = 0; i < root->u.map.len; i++) {
		const char *key = root->u.map.entries[i].key;
		const struct pm_value *v = root->u.map.entries[i].value;

		if (strcmp(key, "title") == 0) {
			if (want_string(&s, v, key, file, err) < 0)
				return PM_ERROR;
			if (s)
				cfg->title = s;
		} else if (strcmp(key, "description") == 0) {
			if (want_string(&s, v, key, file, err) < 0)
				return PM_ERROR;
			cfg->description = s ? s : "";
		} else if (strcmp(key, "base_url") == 0) {
			if (want_string(&s, v, key, file, err) < 0 ||
			    pm_config_set_base_url(cfg, arena, s ? s : "",
			    file, v->line, err) < 0)
				return PM_ERROR;
		} else if (strcmp(key, "theme") == 0) {
			if (want_string(&s, v, key, file, err) < 0 ||
			    want_theme_name(s, v, file, err) < 0)
				return PM_ERROR;
			cfg->theme = s;
		} else if (strcmp(key, "repo_url") == 0) {
			if (want_string(&s, v, key, file, err) < 0)
				return PM_ERROR;
			if (s && *s && (!is_http_url(s) || !url_chars_ok(s)))
				return pm_error_set(err, PM_ERROR, file,
				    v->line, 0, "repo_url must be an http(s) "
				    "URL, not '%s'", s);
			cfg->repo_url = s && *s ? s : NULL;
			if (cfg->repo_url) {
				size_t n = strlen(s);

				while (n > 0 && s[n - 1] == '/')
					n--;
				cfg->repo_url = pm_arena_strndup(arena, s, n);
			}
		} else if (strcmp(key, "repo_branch") == 0) {
			if (want_string(&s, v, key, file, err) < 0)
				return PM_ERROR;
			cfg->repo_branch = s;
		} else if (strcmp(key, "cname") == 0) {
			if (want_string(&s, v, key, file, err) < 0)
				return PM_ERROR;
			if (s && strspn(s, "abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") !=
			    strlen(s))
				return pm_error_set(err, PM_ERROR, file,
				    v->line, 0, "cname must be a host name");
			cfg->cname = s && *s ? s : NULL;
		} else if (strcmp(key, "language") == 0) {
			if (want_string(&s, v, key, file, err) < 0)
				return PM_ERROR;
			if (s && *s)
				cfg->language = s;
		} else if (strcmp(key, "unsafe_html") == 0) {
			if (v->type != PM_VALUE_BOOL)
				return pm_error_set(err, PM_ERROR, file,
				    v->line, 0, "unsafe_html must be true or "
				    "false");
			cfg->unsafe_html = v->u.boolean;
		} else if (strcmp(key, "taxonomy") == 0) {
			if (v->type != PM_VALUE_LIST &&
			    v->type != PM_VALUE_MAP)
				return pm_error_set(err, PM_ERROR, file,
				    v->line, 0, "taxonomy must be a list of "
				    "categories or a map with 'replace' and "
				    "'categories'");
			cfg->taxonomy = v;
			cfg->taxonomy_replace = v->type == PM_VALUE_MAP &&
			    pm_value_is(pm_value_map_get(v, "replace"),
			    PM_VALUE_BOOL) &&
			    pm_value_map_get(v, "replace")->u.boolean;
		} else {
			pm_warnings_add(warnings, file, v->line,
			    "unknown setting '%s' ignored", key);
		}
	}
	return 0;
}
