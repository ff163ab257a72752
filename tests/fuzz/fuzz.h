/*
 * fuzz.h: what the fuzz targets share with the programs that replay their
 * inputs without libFuzzer (tests/check_fuzz_regress.c) and with the
 * adversarial tests: the entry point of each target, and the checks that
 * decide whether output is safe to publish.
 *
 * Contract
 *  - fuzz_<name>(data, size) runs one input through the code under test
 *    and returns 0 when every property held, 1 (after one line on stderr
 *    naming the property) when one did not.  A crash is a crash: the
 *    sanitizers report it.  The libFuzzer entry of each target file (built
 *    with -DPM_FUZZER) aborts on 1, so a broken property is a finding.
 *  - fuzz_init() does the process-wide setup every target needs
 *    (pm_markdown_init(), the default theme for fuzz_page) once; the
 *    libFuzzer entries call it from LLVMFuzzerInitialize, replay programs
 *    from main.  fuzz_fini() frees what it loaded.  The theme is read from
 *    $FUZZ_THEME_DIR, else themes/default (run from the source tree).
 *  - The safety checks only read their input and allocate nothing.
 */
#ifndef PM_FUZZ_H
#define PM_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int fuzz_frontmatter(const uint8_t *data, size_t size);
int fuzz_yaml(const uint8_t *data, size_t size);
int fuzz_mustache(const uint8_t *data, size_t size);
int fuzz_mustache_data(const uint8_t *data, size_t size);
int fuzz_when(const uint8_t *data, size_t size);
int fuzz_ingest(const uint8_t *data, size_t size);
int fuzz_page(const uint8_t *data, size_t size);

/*
 * The libFuzzer entry points of a target (compiled with -DPM_FUZZER): set
 * up once, then abort on a broken property so that it is a finding.
 */
#define FUZZ_ENTRY(target)						\
int									\
LLVMFuzzerInitialize(int *argc, char ***argv)				\
{									\
	(void)argc;							\
	(void)argv;							\
	fuzz_init();							\
	return 0;							\
}									\
									\
int									\
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)		\
{									\
	if (target(data, size) != 0)					\
		abort();						\
	return 0;							\
}

/* Returns 0, or -1 when the theme cannot be loaded (fuzz_page then
 * fails every input). */
int fuzz_init(void);
void fuzz_fini(void);

/* The default theme's templates once fuzz_init() loaded them, or NULL. */
struct pm_template_set;
const struct pm_template_set *fuzz_theme(void);

/* What markup a check accepts. */
enum fz_mode {
	FZ_BODY,	/* the HTML of a postmortem's body (cmark's output) */
	FZ_PAGE,	/* a whole page: the body plus the theme's tags */
	FZ_XML		/* Atom, sitemap, SVG: any element but the active
			 * ones (script, iframe, object, embed, foreign
			 * HTML); attributes checked as in HTML */
};

/*
 * Is len bytes of HTML free of active content?  Tags must be ones cmark
 * writes (FZ_BODY: no script, iframe, object, embed, form, meta...) or,
 * for FZ_PAGE, also the ones a theme writes (script and form included:
 * callers compare their counts with the theme's own), no
 * attribute may be an event handler (on*), srcdoc or formaction, and no
 * href, src or similar may hold a javascript:, vbscript:, file: or
 * non-image data: URL, even spelt with entities, case or blanks.
 * Returns NULL when safe, else a static description of the first problem
 * and its byte offset in *at.
 */
const char *fz_html_problem(const char *s, size_t len, enum fz_mode mode,
    size_t *at);

/* Occurrences of needle (ASCII, matched case-insensitively) in s. */
size_t fz_count_ci(const char *s, size_t len, const char *needle);

/* Does s hold needle, case-insensitively? */
int fz_has_ci(const char *s, size_t len, const char *needle);

#endif
