#!/bin/sh
# Build every libFuzzer target with clang and run each for SECONDS.
#
# usage: tests/fuzz/run.sh [SECONDS] [TARGET...]
#   SECONDS  per target (default 60); 0 only builds the targets and
#            replays the seed corpus and the regressions once.
#   TARGET   frontmatter yaml mustache mustache_data when ingest page
#            (default: all)
# Environment: FUZZ_JOBS targets at once (default 2), CLANG (clang),
#   FUZZ_DIR where binaries, the growing corpus, crashes and logs go
#   (default build/fuzz), FUZZ_FLAGS extra libFuzzer flags, FUZZ_SRC the
#   generator sources (default generator; a patched copy lets fuzzing go
#   on past a known bug).
#
# The generator sources are compiled with -fsanitize=fuzzer-no-link,
# address,undefined; cmark-gfm, libgit2 and libyaml come from the system.
# Each target first replays tests/fuzz/regress/TARGET once, then fuzzes
# from tests/fuzz/corpus/TARGET (and what earlier runs added to
# FUZZ_DIR/corpus/TARGET, where new inputs go); SECONDS=0 only replays
# both.  A crash is
# saved in FUZZ_DIR/artifacts/TARGET/ and the target is restarted for the
# time left (at most 20 times).  Copy each crash into tests/fuzz/regress/
# TARGET/ once understood: tests/check_fuzz_regress.c replays them.
#
# Ends with one line per target (runs, exec/s, coverage, new units, CPU
# seconds, crashes) and "fuzz: N passed, N failed" (failed = targets with
# a crash, a timeout, a leak or an out-of-memory).
set -eu
cd "$(dirname "$0")/../.."

secs=${1:-60}
[ $# -gt 0 ] && shift
all="frontmatter yaml mustache mustache_data when ingest page"
targets=${*:-$all}
jobs=${FUZZ_JOBS:-2}
cc=${CLANG:-clang}
dir=${FUZZ_DIR:-build/fuzz}
gen=${FUZZ_SRC:-generator}
pkgs="libgit2 libcmark-gfm yaml-0.1 zlib libxxhash"
san="-fsanitize=address,undefined -fno-sanitize-recover=all"
cflags="-g -O1 -fno-omit-frame-pointer $san -std=c11 \
-D_POSIX_C_SOURCE=200809L -DPM_VERSION=\"0.1.0\" \
-DPM_DATADIR=\"/usr/local/share/pmsite\" $(pkg-config --cflags $pkgs)"
libs="$(pkg-config --libs $pkgs) -lcmark-gfm-extensions -lpthread -lm"

command -v "$cc" >/dev/null || { echo "fuzz: $cc not found" >&2; exit 1; }
mkdir -p "$dir/obj" "$dir/logs"

# The library, instrumented for coverage; a source is compiled again when
# it or a header is newer than its object, FUZZ_JOBS at a time.
objs=
stale=
for src in "$gen"/*.c; do
	case "$src" in */main.c) continue ;; esac
	obj="$dir/obj/$(basename "$src" .c).o"
	if [ ! -f "$obj" ] || [ -n "$(find "$src" "$gen"/*.h -newer "$obj" \
	    2>/dev/null | head -n 1)" ]; then
		stale="$stale $src"
	fi
	objs="$objs $obj"
done
if [ -n "$stale" ]; then
	# shellcheck disable=SC2086
	printf '%s\n' $stale | CC="$cc" CFLAGS="$cflags" GEN="$gen" \
	    OBJDIR="$dir/obj" xargs -P "$jobs" -n 1 sh -c \
	    '$CC $CFLAGS -fsanitize=fuzzer-no-link -I"$GEN" -c \
	    -o "$OBJDIR/$(basename "$1" .c).o" "$1"' sh
fi
rm -f "$dir/libpmsite-fuzz.a"
ar rcs "$dir/libpmsite-fuzz.a" $objs
$cc $cflags -fsanitize=fuzzer-no-link -Wall -Wextra -Werror -I"$gen" \
    -c -o "$dir/obj/fuzz-common.o" tests/fuzz/common.c

source_of() {
	case "$1" in
	mustache_data) echo "tests/fuzz/fuzz_mustache.c -DPM_FUZZ_DATA" ;;
	*) echo "tests/fuzz/fuzz_$1.c" ;;
	esac
}

for t in $targets; do
	# shellcheck disable=SC2046
	$cc $cflags -fsanitize=fuzzer -DPM_FUZZER -Wall -Wextra -Werror \
	    -I"$gen" -Itests/fuzz -o "$dir/fuzz_$t" $(source_of "$t") \
	    "$dir/obj/fuzz-common.o" "$dir/libpmsite-fuzz.a" $libs
done

# Seed (and, with regress, regression) inputs of a target, as directories
# that exist.  Fuzzing starts from the seeds only: a regression input that
# still hangs would end every run before it starts.
seeds() {
	for d in "tests/fuzz/corpus/$1" ${2:+"tests/fuzz/regress/$1"}; do
		[ -d "$d" ] && printf '%s ' "$d"
	done
	return 0
}

run_one() {	# run_one TARGET: fuzz it for $secs, write its summary line
	t=$1
	bin="$dir/fuzz_$t"
	log="$dir/logs/$t.log"
	art="$dir/artifacts/$t"
	mkdir -p "$dir/corpus/$t" "$art"
	: >"$log"
	# The regressions first, once each: a finding that came back counts
	# as a crash (they are not fuzzing seeds, see seeds()).
	regress_failed=0
	if [ -d "tests/fuzz/regress/$t" ] &&
	    ! "$bin" -timeout=5 -rss_limit_mb=1024 \
	    $(find "tests/fuzz/regress/$t" -type f | sort) \
	    >"$dir/logs/$t.regress.log" 2>&1; then
		regress_failed=1
		tail -n 30 "$dir/logs/$t.regress.log" >&2
	fi
	start=$(date +%s)
	cpu=0
	tries=0
	while :; do
		now=$(date +%s)
		left=$((secs - (now - start)))
		[ "$left" -gt 0 ] || break
		tries=$((tries + 1))
		set +e
		if [ -x /usr/bin/time ]; then
			/usr/bin/time -f '%U %S' -o "$dir/logs/$t.time" \
			    "$bin" -max_total_time="$left" -max_len=65536 \
			    -timeout=5 -rss_limit_mb=1024 -print_final_stats=1 \
			    -artifact_prefix="$art/" ${FUZZ_FLAGS:-} \
			    "$dir/corpus/$t" $(seeds "$t") >>"$log" 2>&1
			rc=$?
			c=$(awk '{printf "%d", $1 + $2}' "$dir/logs/$t.time")
			cpu=$((cpu + c))
		else
			"$bin" -max_total_time="$left" -max_len=65536 \
			    -timeout=5 -rss_limit_mb=1024 -print_final_stats=1 \
			    -artifact_prefix="$art/" ${FUZZ_FLAGS:-} \
			    "$dir/corpus/$t" $(seeds "$t") >>"$log" 2>&1
			rc=$?
			cpu=-1
		fi
		set -e
		[ "$rc" -eq 0 ] && break
		[ "$tries" -ge 20 ] && break
	done
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" |
	    awk '{s += $1} END {print s + 0}')
	eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	new=$(sed -n 's/^stat::new_units_added: *//p' "$log" |
	    awk '{s += $1} END {print s + 0}')
	cov0=$(sed -n 's/.*INITED cov: \([0-9]*\).*/\1/p' "$log" | head -n 1)
	cov1=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' "$log" | tail -n 1)
	crashes=$(find "$art" -type f \( -name 'crash-*' -o -name 'leak-*' \
	    -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
	crashes=$((crashes + regress_failed))
	printf '%-14s runs %9s  exec/s %6s  cov %5s -> %5s  new %5s  cpu %5ss  crashes %s\n' \
	    "$t" "$runs" "${eps:-0}" "${cov0:-0}" "${cov1:-0}" "$new" "$cpu" \
	    "$crashes" >"$dir/logs/$t.summary"
}

replay_one() {	# replay_one TARGET: every seed and regression once
	t=$1
	files=$(find $(seeds "$t" regress) -type f 2>/dev/null | sort)
	n=$(printf '%s\n' "$files" | grep -c . || true)
	if [ "$n" -eq 0 ]; then
		crashes=0
	elif "$dir/fuzz_$t" -timeout=5 -rss_limit_mb=1024 $files \
	    >"$dir/logs/$t.log" 2>&1; then
		crashes=0
	else
		crashes=1
		tail -n 30 "$dir/logs/$t.log" >&2
	fi
	printf '%-14s replayed %5d inputs  crashes %s\n' "$t" "$n" \
	    "$crashes" >"$dir/logs/$t.summary"
}

set -- $targets
while [ $# -gt 0 ]; do
	i=0
	while [ $# -gt 0 ] && [ "$i" -lt "$jobs" ]; do
		if [ "$secs" -eq 0 ]; then
			replay_one "$1" &
		else
			run_one "$1" &
		fi
		shift
		i=$((i + 1))
	done
	wait
done

passed=0
failed=0
for t in $targets; do
	cat "$dir/logs/$t.summary"
	if grep -q 'crashes 0$' "$dir/logs/$t.summary"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
done
[ "$failed" -eq 0 ] || echo "fuzz: findings in $dir/artifacts/" >&2
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
