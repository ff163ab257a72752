# pmsite: a static site from a git repository of postmortems.
# Plain make; Debian is the target.  See README.md.

VERSION = 0.1.0
PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
DATADIR = $(PREFIX)/share/pmsite
MANDIR = $(PREFIX)/share/man

CC ?= cc
PKGS = libgit2 libcmark-gfm yaml-0.1 zlib libxxhash
OPT ?= -O2 -g
CFLAGS ?= $(OPT)
CFLAGS += -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L \
	-DPM_VERSION='"$(VERSION)"' -DPM_DATADIR='"$(DATADIR)"'
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) \
	-lcmark-gfm-extensions -lpthread -lm
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)

# Objects land in $(O) so sanitizer builds do not mix with normal ones.
O ?= build
SRC = $(sort $(wildcard generator/*.c))
LIBSRC = $(filter-out generator/main.c,$(SRC))
LIBOBJ = $(LIBSRC:generator/%.c=$(O)/%.o)
HDR = $(wildcard generator/*.h)
TESTSRC = $(sort $(wildcard tests/check_*.c tests/spec_*.c))
TESTBIN = $(TESTSRC:tests/%.c=$(O)/tests/%)

all: pmsite

sinclude Makefile.local

pmsite: $(O)/pmsite
	cp $(O)/pmsite pmsite

$(O)/pmsite: $(O)/main.o $(O)/libpmsite.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(O)/main.o $(O)/libpmsite.a $(PKG_LIBS)

$(O)/libpmsite.a: $(LIBOBJ)
	rm -f $@
	ar rcs $@ $(LIBOBJ)

$(O)/%.o: generator/%.c $(HDR)
	@mkdir -p $(O)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -c -o $@ $<

# Test programs share tests/testutil.c (temporary folders, real git
# repositories, running the binary).
$(O)/tests/%: tests/%.c tests/testutil.c tests/testutil.h $(O)/libpmsite.a $(HDR)
	@mkdir -p $(O)/tests
	$(CC) $(CFLAGS) -Wno-unused-parameter $(PKG_CFLAGS) -Igenerator -Itests \
		-o $@ $< tests/testutil.c $(O)/libpmsite.a $(PKG_LIBS) $(CMOCKA_LIBS)

# Test programs that include harness sources or fixtures of their own.
$(O)/tests/check_mustache $(O)/tests/check_mustache_limits: \
	tests/mustache_fixture.h
$(O)/tests/check_extract $(O)/tests/check_extract_forms: \
	tests/extract_fixture.h
$(O)/tests/check_fuzz_regress: $(wildcard tests/fuzz/*.c tests/fuzz/*.h)
$(O)/tests/check_adversarial $(O)/tests/check_faults: \
	tests/adversarial/harness.c tests/adversarial/harness.h \
	tests/fuzz/common.c tests/fuzz/fuzz.h

# Every test: unit tests, the Mustache spec, end-to-end builds.  The runner
# prints one line per suite and ends with "N passed, N failed".
check: deps-test $(O)/pmsite $(TESTBIN)
	@PMSITE=$(CURDIR)/$(O)/pmsite TESTBIN_DIR=$(O)/tests \
		sh tests/run.sh $(TESTBIN)

# The same suite under AddressSanitizer and UndefinedBehaviorSanitizer.
asan ubsan:
	$(MAKE) O=build-san OPT="-O1 -g -fno-omit-frame-pointer \
		-fsanitize=address,undefined -fno-sanitize-recover=all" check

# What runs on several threads (the history walk, ingest, views, render)
# under ThreadSanitizer: the pools' own tests and the end-to-end builds,
# any race a failure.
# ThreadSanitizer sees only instrumented code, so the cmark-gfm race of
# DESIGN.md is caught by check_parallel's comparison instead.
TSAN_TESTS = check_parallel check_build check_incremental check_output_keep \
	check_render check_itemhist check_views check_history
tsan:
	$(MAKE) O=build-tsan OPT="-O1 -g -fsanitize=thread" build-tsan/pmsite \
		$(TSAN_TESTS:%=build-tsan/tests/%)
	@PMSITE=$(CURDIR)/build-tsan/pmsite \
		TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
		sh tests/run.sh --no-regress $(TSAN_TESTS:%=build-tsan/tests/%)

# Benchmarks, not part of check: pmsite against Hugo and the bare
# libgit2 + cmark-gfm floor at N = 1,000 and 10,000 postmortems
# (BENCH_SIZES="1000 10000 100000" for more), and the Mustache engine
# against mustache.js.  Results go to bench/RESULTS.md.
BENCH_SIZES ?= 1000 10000
bench: deps pmsite $(O)/libpmsite.a
	PMSITE=$(CURDIR)/pmsite PMSITE_LIB=$(CURDIR)/$(O)/libpmsite.a \
		sh bench/run.sh $(BENCH_SIZES)
	sh bench/mustache/run.sh

# libFuzzer targets (clang), FUZZ_SECONDS each; crashes land in build/fuzz.
FUZZ_SECONDS ?= 60
fuzz:
	sh tests/fuzz/run.sh $(FUZZ_SECONDS)

# The end-to-end tests with every pmsite process under valgrind memcheck.
valgrind: $(O)/pmsite $(O)/tests/check_build
	PMSITE_BIN=$(CURDIR)/$(O)/pmsite sh tests/valgrind.sh \
		$(O)/tests/check_build

# Install missing Debian packages (with sudo when not root).
deps:
	@sh tests/deps.sh build

# What every test needs besides: chromium, tidy, valgrind, clang, node.
deps-test:
	@sh tests/deps.sh test

site: deps pmsite
	./pmsite build --worktree --content content --out public
	@echo "open $(CURDIR)/public/index.html"

install: pmsite
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/themes \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 pmsite $(DESTDIR)$(BINDIR)/pmsite
	cp -R themes/default $(DESTDIR)$(DATADIR)/themes/
	install -m 644 pmsite.1 $(DESTDIR)$(MANDIR)/man1/pmsite.1
	[ ! -f pmsite-theme.5 ] || \
		install -m 644 pmsite-theme.5 $(DESTDIR)$(MANDIR)/man5/

clean:
	rm -rf build build-san build-tsan pmsite

.PHONY: all check asan ubsan tsan deps deps-test site install clean bench fuzz valgrind
