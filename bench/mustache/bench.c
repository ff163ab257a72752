/*
 * bench.c: how fast the template engine renders a realistic page: the
 * templates of a directory compiled once, then page.mustache rendered
 * again and again with one context.  Prints renders per second and the
 * megabytes of HTML per second of the best of several rounds: the best
 * round is the one least disturbed by whatever else the machine runs.
 *
 * usage: bench [-t SECONDS] [-r ROUNDS] [-n RENDERS] [-o OUT.html]
 *              TEMPLATE_DIR DATA.json
 * -t: length of a round (default 1), -r: rounds (default 5), -n: render
 * exactly RENDERS times instead (for perf stat and profilers).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "error.h"
#include "mustache.h"
#include "value.h"
#include "yamltree.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
read_file(struct pm_buf *b, const char *path)
{
	char chunk[65536];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (f == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		pm_buf_put(b, chunk, n);
	fclose(f);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *out_path = NULL, *dir, *data_path;
	struct pm_template_set *set = NULL;
	const struct pm_template *page;
	struct pm_arena *arena = pm_arena_new();
	struct pm_buf data = PM_BUF_INIT, out = PM_BUF_INIT;
	struct pm_value *ctx = NULL;
	struct pm_error err;
	double seconds = 1, t0, t1, compile, best = 0;
	long renders, batch, fixed = 0;
	int rounds = 5, round;
	char msg[1024];
	int i = 1, rc = 1;

	pm_error_clear(&err);
	for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		if (strcmp(argv[i], "-t") == 0)
			seconds = atof(argv[i + 1]);
		else if (strcmp(argv[i], "-r") == 0)
			rounds = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "-n") == 0)
			fixed = atol(argv[i + 1]);
		else if (strcmp(argv[i], "-o") == 0)
			out_path = argv[i + 1];
	}
	if (argc - i != 2) {
		fprintf(stderr, "usage: bench [-t SECONDS] [-r ROUNDS] "
		    "[-n RENDERS] [-o OUT.html] TEMPLATE_DIR DATA.json\n");
		goto out;
	}
	dir = argv[i];
	data_path = argv[i + 1];
	if (read_file(&data, data_path) != 0 ||
	    pm_yaml_parse(&ctx, arena, pm_buf_cstr(&data), data.len,
	    data_path, 1, &err) != 0) {
		fprintf(stderr, "bench: %s: %s\n", data_path,
		    pm_error_format(msg, sizeof(msg), &err));
		goto out;
	}

	t0 = now();
	pm_template_set_new(&set);
	if (pm_template_set_add_dir(set, dir, &err) != 0) {
		fprintf(stderr, "bench: %s\n", pm_error_format(msg,
		    sizeof(msg), &err));
		goto out;
	}
	compile = now() - t0;
	if ((page = pm_template_set_get(set, "page")) == NULL) {
		fprintf(stderr, "bench: %s: no page.mustache\n", dir);
		goto out;
	}

	if (pm_template_render(&out, page, set, ctx, &err) != 0) {
		fprintf(stderr, "bench: %s\n", pm_error_format(msg,
		    sizeof(msg), &err));
		goto out;
	}
	if (fixed > 0) {
		for (long k = 0; k < fixed; k++) {
			pm_buf_clear(&out);
			pm_template_render(&out, page, set, ctx, &err);
		}
		rounds = 0;
	}
	/* Warm up, and pick a batch that takes about 10 ms so the clock is
	 * read rarely. */
	t0 = now();
	for (batch = 0; rounds > 0 && now() - t0 < 0.2; batch++) {
		pm_buf_clear(&out);
		pm_template_render(&out, page, set, ctx, &err);
	}
	batch = batch / 20 + 1;
	for (round = 0; round < rounds; round++) {
		renders = 0;
		t0 = now();
		do {
			for (long k = 0; k < batch; k++) {
				pm_buf_clear(&out);
				pm_template_render(&out, page, set, ctx, &err);
			}
			renders += batch;
			t1 = now();
		} while (t1 - t0 < seconds);
		if (renders / (t1 - t0) > best)
			best = renders / (t1 - t0);
	}
	if (fixed == 0)
		printf("pmsite (C)   %10.1f renders/s %9.1f MB/s  %zu "
		    "bytes/page  compile %.0f us\n", best,
		    best * (double)out.len / 1e6, out.len, compile * 1e6);
	if (out_path != NULL) {
		FILE *f = fopen(out_path, "wb");

		if (f == NULL || fwrite(out.ptr, 1, out.len, f) != out.len) {
			fprintf(stderr, "bench: %s: cannot write\n", out_path);
			if (f)
				fclose(f);
			goto out;
		}
		fclose(f);
	}
	rc = 0;
out:
	pm_template_set_free(set);
	pm_buf_free(&data);
	pm_buf_free(&out);
	pm_arena_free(arena);
	return rc;
}
