#!/bin/sh
# run.sh: the site-generation benchmarks.  For each corpus size N it makes
# (once, cached in bench/out/) a git repository of N synthetic postmortems
# with 2N commits, then times pmsite (full build, no-op rebuild, rebuild
# after one committed change), Hugo on the same Markdown, the bare
# libgit2 + cmark-gfm floor, and the git history walk alone; it prints a
# Markdown table and writes bench/RESULTS.md.  See bench/README.md.
#
# usage: sh bench/run.sh [N...]		(default: 1000 10000)
# environment: PMSITE (binary, default ./pmsite), PMSITE_LIB (default
# build/libpmsite.a; its headers are taken from generator/ beside build/),
# RUNS (repetitions, default 3; medians are reported), SEED (corpus seed,
# default 1), PROFILE=0 (skip the profile),
# PROFILER=callgrind (instead of perf), KEEP=1 (keep the output folders),
# STEPS (default "measure profile report": "report" alone rewrites
# RESULTS.md from the last timings), CC, CFLAGS.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=$here/out
sizes=${*:-1000 10000}
runs=${RUNS:-3}
steps=${STEPS:-measure profile report}
seed=${SEED:-1}
CC=${CC:-cc}
CFLAGS=${CFLAGS:--O2 -g}
pmsite_src=${PMSITE:-$root/pmsite}
pmsite_dir=$(cd "$(dirname "$pmsite_src")" && pwd)
lib=${PMSITE_LIB:-$root/build/libpmsite.a}
TIME=/usr/bin/time

die() {
	echo "bench: $*" >&2
	exit 1
}

step() {
	case " $steps " in
	*" $1 "*) return 0 ;;
	esac
	return 1
}

# Hugo, GNU time and perf are not build dependencies: install what is
# missing the way tests/deps.sh does (Debian packages, sudo when not root).
install_missing() {
	missing=
	command -v hugo >/dev/null 2>&1 || missing="$missing hugo"
	[ -x "$TIME" ] || missing="$missing time"
	[ -z "$missing" ] && return 0
	command -v apt-get >/dev/null 2>&1 || return 0
	echo "bench: installing:$missing"
	if [ "$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
		--no-install-recommends $missing >/dev/null ||
		echo "bench: could not install$missing" >&2
}

install_missing
[ -x "$TIME" ] || die "$TIME: not found (apt-get install time)"
[ -x "$pmsite_src" ] || die "$pmsite_src: not found (run make first)"
[ -f "$lib" ] || die "$lib: not found (run make build/libpmsite.a)"
# The headers that match the library: generator/ beside its build folder.
inc=$(cd "$(dirname "$lib")/.." && pwd)/generator
have_hugo=0
command -v hugo >/dev/null 2>&1 && have_hugo=1
for n in $sizes; do
	case $n in
	'' | *[!0-9]*) die "$n: not a number of postmortems" ;;
	esac
done

# ------------------------------------------------------------------ tools

mkdir -p "$out/bin"
bin=$out/bin
# A copy, so that a `make` elsewhere cannot swap the binary mid-run.
cp "$pmsite_src" "$bin/pmsite"
pmsite=$bin/pmsite
# The copy is not beside themes/ any more: name the folder (beside the
# binary, or above it for build/pmsite).
for t in "$pmsite_dir/themes" "$pmsite_dir/../themes" "$root/themes"; do
	if [ -d "$t" ]; then
		PMSITE_THEME_PATH=$(cd "$t" && pwd)
		break
	fi
done
export PMSITE_THEME_PATH
pkgs="libgit2 libcmark-gfm"
# shellcheck disable=SC2086
$CC -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L $CFLAGS \
	-o "$bin/gencorpus" "$here/gencorpus.c" "$here/gencorpus_text.c"
# shellcheck disable=SC2086
$CC -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L $CFLAGS \
	$(pkg-config --cflags $pkgs) -o "$bin/floor" "$here/floor.c" \
	$(pkg-config --libs $pkgs) -lcmark-gfm-extensions
# shellcheck disable=SC2086
$CC -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L $CFLAGS \
	-I"$inc" $(pkg-config --cflags $pkgs yaml-0.1 zlib libxxhash) \
	-o "$bin/gitfacts_bench" "$here/gitfacts_bench.c" "$lib" \
	$(pkg-config --libs $pkgs yaml-0.1 zlib libxxhash) -lcmark-gfm-extensions \
	-lpthread -lm

# ------------------------------------------------------------- measuring

raw=$out/raw.tsv	# N case run wall user+sys rss_kb
facts=$out/facts.tsv	# N run files commits load walk walk_cpu
sizes_f=$out/sizes.tsv	# N case output_kb
machine=$out/machine.txt
loadf=$out/load.txt	# load average before and after measuring
runsdir=$out/runs
if step measure; then
	: >"$raw"
	: >"$facts"
	: >"$sizes_f"
	rm -rf "$runsdir"
fi
mkdir -p "$runsdir"
errlog=$out/last-stderr.txt

# measure N CASE RUN COMMAND...: time one run, append a row to $raw.
measure() {
	m_n=$1 m_case=$2 m_run=$3
	shift 3
	if ! "$TIME" -f '%e %U %S %M' -o "$out/time.txt" "$@" \
	    >/dev/null 2>"$errlog"; then
		cat "$errlog" >&2
		die "$m_case (N=$m_n, run $m_run) failed: $*"
	fi
	read -r e u s m <"$out/time.txt"
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$m_n" "$m_case" "$m_run" "$e" \
		"$(echo "$u $s" | awk '{ printf "%.2f", $1 + $2 }')" "$m" \
		>>"$raw"
	printf '  %-14s run %s: %6ss wall %6ss cpu %8s KB\n' "$m_case" \
		"$m_run" "$e" "$(echo "$u $s" | awk '{ print $1 + $2 }')" "$m"
}

output_size() {
	printf '%s\t%s\t%s\n' "$1" "$2" "$(du -sk "$3" | cut -f1)" \
		>>"$sizes_f"
}

# The corpus of size N, made once per generator version and seed.
corpus_for() {
	c=$out/corpus-$1
	stamp="$(cat "$here/gencorpus.c" "$here/gencorpus_text.c" \
		"$here/gencorpus_text.h" | cksum) $1 $seed"
	if [ ! -f "$c.stamp" ] || [ "$(cat "$c.stamp")" != "$stamp" ]; then
		rm -rf "$c" "$c.stamp" "$out/hugo-$1"
		echo "corpus: $1 postmortems, $(($1 * 2)) commits"
		t0=$(date +%s)
		"$bin/gencorpus" "$1" "$c" --seed "$seed" >/dev/null
		git -C "$c" tag bench-base
		echo "  generated in $(($(date +%s) - t0)) s"
		# Hugo reads the same Markdown from a plain folder.
		mkdir -p "$out/hugo-$1"
		cp -R "$c/content" "$out/hugo-$1/content"
		rm -f "$out/hugo-$1/content/pmsite.yml"
		echo "$stamp" >"$c.stamp"
	fi
	# Undo the one-change commits of an earlier run.
	git -C "$c" reset -q --hard bench-base
	cp -R "$here/hugo/." "$out/hugo-$1/"
}

# One edit to one postmortem, committed: what a writer pushes.
commit_one_change() {
	f=$(git -C "$1" ls-files content | sed -n "$(($2 / 2 + 1))p")
	printf '\nUpdate %s: the fix was verified in production.\n' "$3" \
		>>"$1/$f"
	GIT_AUTHOR_DATE="$((1735732800 + $3 * 3600)) +0000" \
	GIT_COMMITTER_DATE="$((1735732800 + $3 * 3600)) +0000" \
	git -C "$1" -c user.name=Bench -c user.email=bench@example.com \
		commit -q --no-verify -a -m "Bench edit $3"
}

loadavg() {
	cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?"
}

if step measure; then
	loadavg >"$loadf"
	commit=$(git -C "$pmsite_dir" rev-parse --short HEAD 2>/dev/null ||
		echo "?")
	commit="$commit ($(git -C "$pmsite_dir" log -1 --format=%s \
		2>/dev/null))"
	if [ -n "$(git -C "$pmsite_dir" status --porcelain -- :/generator \
	    :/themes 2>/dev/null)" ]; then
		commit="$commit + uncommitted changes in generator/ or themes/"
	fi
	echo "$commit" >"$out/pmsite-commit.txt"
fi
for n in $sizes; do
	step measure || break
	corpus_for "$n"
	c=$out/corpus-$n
	d=$runsdir/$n
	mkdir -p "$d"
	echo "N=$n"
	# Warm the page cache so that the first tool is not charged for it.
	cat "$c"/.git/objects/pack/* >/dev/null
	r=1
	while [ "$r" -le "$runs" ]; do
		measure "$n" floor "$r" "$bin/floor" "$c" "$d/floor-$r"
		r=$((r + 1))
	done
	output_size "$n" floor "$d/floor-1"
	r=1
	while [ "$r" -le "$runs" ]; do
		measure "$n" pmsite-full "$r" "$pmsite" build --repo "$c" \
			--out "$d/pmsite-$r" -q
		r=$((r + 1))
	done
	output_size "$n" pmsite-full "$d/pmsite-1"
	site=$d/pmsite-$runs
	r=1
	while [ "$r" -le "$runs" ]; do
		measure "$n" pmsite-noop "$r" "$pmsite" build --repo "$c" \
			--out "$site" -q
		r=$((r + 1))
	done
	r=1
	while [ "$r" -le "$runs" ]; do
		commit_one_change "$c" "$n" "$r"
		measure "$n" pmsite-one "$r" "$pmsite" build --repo "$c" \
			--out "$site" -q
		r=$((r + 1))
	done
	git -C "$c" reset -q --hard bench-base
	if [ "$have_hugo" -eq 1 ]; then
		r=1
		while [ "$r" -le "$runs" ]; do
			measure "$n" hugo "$r" hugo --quiet --noBuildLock \
				--source "$out/hugo-$n" \
				--destination "$d/hugo-$r" \
				--cacheDir "$out/hugo-cache"
			r=$((r + 1))
		done
		output_size "$n" hugo "$d/hugo-1"
	fi
	r=1
	while [ "$r" -le "$runs" ]; do
		measure "$n" git-log "$r" git -C "$c" log --no-renames \
			--name-only --format='%H %an %at' -- content
		line=$("$bin/gitfacts_bench" "$c")
		echo "  gitfacts       run $r: $line"
		echo "$line" | awk -v n="$n" -v r="$r" '{
			for (i = 1; i <= NF; i++) {
				split($i, kv, "="); v[kv[1]] = kv[2]
			}
			printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", n, r,
			    v["files"], v["commits"], v["load"], v["walk"],
			    v["walk_cpu"]
		}' >>"$facts"
		r=$((r + 1))
	done
done
step measure && loadavg >>"$loadf"

# -------------------------------------------------------------- profiling

# One full pmsite build under perf: hardware cycles when the machine has
# counters, else the kernel's cpu-clock timer (virtual machines); without
# perf, callgrind on the smallest size.
profile=$out/profile.md
profile_perf() {
	p_n=$1 p_event=$2
	p_data=$out/perf.data
	mkdir -p "$runsdir/$p_n"
	perf record -q -F 499 -e "$p_event" --call-graph dwarf,16384 \
		-o "$p_data" -- "$pmsite" build --repo "$out/corpus-$p_n" \
		--out "$runsdir/$p_n/profile" -q >/dev/null 2>&1 || return 1
	{
		echo "pmsite full build, N=$p_n, \`perf record -e $p_event" \
			"--call-graph dwarf\`; self cost (where the CPU time" \
			"is spent; symbols of libraries without debug" \
			"information are grouped by library):"
		echo
		echo "| # | function | library | self % |"
		echo "| --: | --- | --- | --: |"
		perf report -i "$p_data" --stdio --no-children -g none \
			--sort dso,sym --percent-limit 0 2>/dev/null |
		awk '/^ +[0-9.]+%/ {
			pct = $1; sub(/%/, "", pct); dso = $2; sym = $4
			if ($3 == "[k]") { dso = "kernel"; }
			# Unresolved addresses add up per library; two static
			# functions of one name stay apart.
			if (sym ~ /^0x/)
				key = "(no symbols)\t" dso
			else
				key = sym "\t" dso "\t" NR
			if (!(key in sum)) order[++k] = key
			sum[key] += pct
		} END {
			for (i = 1; i <= k; i++)
				for (j = i + 1; j <= k; j++)
					if (sum[order[j]] > sum[order[i]]) {
						t = order[i]
						order[i] = order[j]
						order[j] = t
					}
			for (i = 1; i <= k && i <= 10; i++) {
				split(order[i], f, "\t")
				printf "| %d | `%s` | %s | %.1f |\n", i, f[1],
				    f[2], sum[order[i]]
			}
		}'
		echo
		echo "Inclusive cost of pmsite's own stages (a function and" \
			"everything it calls):"
		echo
		echo "| function | inclusive % |"
		echo "| --- | --: |"
		perf report -i "$p_data" --stdio --children -g none \
			--sort sym --percent-limit 1 2>/dev/null |
		awk '/^ +[0-9.]+%/ && $4 ~ /^pm_/ && $4 != "pm_cmd_build" &&
		    !seen[$4]++ && ++k <= 12 {
			printf "| `%s` | %s |\n", $4, $1
		}'
		echo
		echo "Inclusive cost of the libraries' entry points (where" \
			"the library time above comes from):"
		echo
		echo "| function | library | inclusive % |"
		echo "| --- | --- | --: |"
		perf report -i "$p_data" --stdio --children -g none \
			--sort dso,sym --percent-limit 1 2>/dev/null |
		awk '/^ +[0-9.]+%/ && $5 ~ /^(git_|cmark_|inflate$)/ &&
		    !seen[$5]++ && ++k <= 10 {
			printf "| `%s` | %s | %s |\n", $5, $3, $1
		}'
		echo
		echo "By library:"
		echo
		echo "| library | self % |"
		echo "| --- | --: |"
		perf report -i "$p_data" --stdio --no-children -g none \
			--sort dso --percent-limit 0.5 2>/dev/null |
		awk '/^ +[0-9.]+%/ { printf "| %s | %s |\n", $2, $1 }'
	} >"$profile"
	rm -f "$p_data" "$p_data.old"
}

profile_callgrind() {
	p_n=$1
	mkdir -p "$runsdir/$p_n"
	valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" \
		"$pmsite" build --repo "$out/corpus-$p_n" \
		--out "$runsdir/$p_n/profile" -q >/dev/null 2>&1 || return 1
	{
		echo "pmsite full build, N=$p_n," \
			"\`valgrind --tool=callgrind\` (instructions)," \
			"self cost:"
		echo
		echo "| # | function | library | self % |"
		echo "| --: | --- | --- | --: |"
		callgrind_annotate "$out/callgrind.out" 2>/dev/null |
		awk '/^ *[0-9,]+ \( *[0-9.]+%\)/ && !/PROGRAM TOTALS/ &&
		    ++k <= 10 {
			line = $0
			sub(/^ *[0-9,]+ \( */, "", line)
			pct = line; sub(/%.*/, "", pct)
			fn = line; sub(/^[^)]*\) +/, "", fn)
			lib = fn; sub(/^.*\[/, "", lib); sub(/\].*$/, "", lib)
			sub(/.*\//, "", lib)
			sub(/ \[.*$/, "", fn); sub(/^.*:/, "", fn)
			if (fn ~ /^0x/) fn = "(no symbols)"
			printf "| %d | `%s` | %s | %s |\n", k, fn, lib, pct
		}'
		echo
		echo "Inclusive cost of pmsite's own stages:"
		echo
		echo "| function | inclusive % |"
		echo "| --- | --: |"
		callgrind_annotate --inclusive=yes "$out/callgrind.out" \
			2>/dev/null |
		awk '/^ *[0-9,]+ \( *[0-9.]+%\)/ && /:pm_/ &&
		    !/:pm_cmd_build / && ++k <= 12 {
			line = $0
			sub(/^ *[0-9,]+ \( */, "", line)
			pct = line; sub(/%.*/, "", pct)
			fn = line; sub(/^[^)]*\) +/, "", fn)
			sub(/ \[.*$/, "", fn); sub(/^.*:/, "", fn)
			printf "| `%s` | %s |\n", fn, pct
		}'
	} >"$profile"
	rm -f "$out/callgrind.out"
}

if [ "${PROFILE:-1}" != 0 ] && step profile; then
	: >"$profile"
	for n in $sizes; do
		corpus_for "$n"
	done
	pn=
	for n in $sizes; do
		[ "$n" -eq 10000 ] && pn=10000
	done
	if [ "${PROFILER:-perf}" = perf ] && command -v perf >/dev/null 2>&1 &&
	    perf record -q -e cpu-clock -o "$out/perf.test" true \
	    >/dev/null 2>&1; then
		rm -f "$out/perf.test"
		event=cpu-clock
		perf stat -e instructions true 2>&1 | grep -q 'not supported' ||
			event=cycles
		[ -n "$pn" ] || pn=$(echo "$sizes" | tr ' ' '\n' | sort -n |
			tail -1)
		echo "profile: perf, $event, N=$pn"
		profile_perf "$pn" "$event" ||
			echo "perf record failed" >"$profile"
	elif command -v valgrind >/dev/null 2>&1; then
		pn=$(echo "$sizes" | tr ' ' '\n' | sort -n | head -1)
		echo "profile: callgrind, N=$pn"
		profile_callgrind "$pn" ||
			echo "callgrind failed" >"$profile"
	else
		echo "neither perf nor valgrind is installed" >"$profile"
	fi
fi

# ---------------------------------------------------------------- report

step report || exit 0
commit=$(cat "$out/pmsite-commit.txt" 2>/dev/null || echo "?")
{
	echo "- CPU: $(nproc) × $(grep -m1 '^model name' /proc/cpuinfo |
		sed 's/.*: //')"
	echo "- memory: $(awk '/^MemTotal/ { printf "%.1f GiB",
		$2 / 1048576 }' /proc/meminfo)"
	echo "- kernel: $(uname -sr); $(. /etc/os-release 2>/dev/null &&
		echo "$PRETTY_NAME")"
	echo "- compiler: $($CC --version | head -1) ($CFLAGS for the" \
		"bench tools; pmsite as built by make)"
	echo "- libraries: libgit2 $(pkg-config --modversion libgit2)," \
		"cmark-gfm $(pkg-config --modversion libcmark-gfm)"
	if [ "$have_hugo" -eq 1 ]; then
		echo "- hugo: $(hugo version | cut -d' ' -f1-2)"
	else
		echo "- hugo: not installed"
	fi
	echo "- git: $(git --version | cut -d' ' -f3)"
	echo "- pmsite: $commit"
	echo "- load average (1, 5, 15 min) at start: $(sed -n 1p "$loadf");" \
		"at end: $(sed -n 2p "$loadf")"
	echo "- runs per case: $runs (medians); corpus seed $seed"
} >"$machine"

table=$out/table.md
awk -F '\t' -v sizesfile="$sizes_f" -v factsfile="$facts" \
	-f "$here/report.awk" "$raw" >"$table"

results=$here/RESULTS.md
# Everything from "## Analysis" on is written by people: keep it.
analysis=$out/analysis.md
: >"$analysis"
if [ -f "$results" ]; then
	sed -n '/^## Analysis/,$p' "$results" >"$analysis"
fi
{
	echo "# Benchmark results"
	echo
	echo "Written by \`bench/run.sh $sizes\` on $(date -u +%Y-%m-%d)." \
		"Everything above \"Analysis\" is regenerated on each run;" \
		"see bench/README.md for what each case does."
	echo
	echo "## Machine"
	echo
	cat "$machine"
	echo
	echo "## Results"
	echo
	cat "$table"
	echo
	echo "pages/s counts postmortems (N) per second of wall time for" \
		"every tool.  CPU is user + system time; wall above CPU" \
		"means waiting (disk, fsync, other processes); CPU above" \
		"wall means several cores.  pmsite renders on every core" \
		"(\`-j\`, default: the number of cores) and keeps its cache" \
		"beside the site: the no-op rebuild stops after comparing" \
		"one key; the one-change rebuild walks only the new commit" \
		"of the history, reads and ingests the changed file only" \
		"and rewrites only pages whose bytes changed."
	echo
	echo "## Profile"
	echo
	cat "$profile"
	if [ -s "$analysis" ]; then
		echo
		cat "$analysis"
	fi
} >"$results"

echo
cat "$table"
echo
echo "bench: wrote $results"
if [ "${KEEP:-0}" != 1 ]; then
	rm -rf "$runsdir"
fi
