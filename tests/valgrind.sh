#!/bin/sh
# Run the end-to-end tests with every pmsite process under valgrind:
# PMSITE points at a wrapper that runs the real binary with
#   valgrind --error-exitcode=99 --leak-check=full
#            --errors-for-leak-kinds=definite,indirect -q
# so a memory error or a leak makes that build exit 99 and its test fail.
#
# usage: tests/valgrind.sh [TEST_PROGRAM...]
#   default: build/tests/check_build.  Other end-to-end programs work too
#   (build/tests/check_adversarial, build/tests/check_faults): their time
#   limits are scaled by PM_TIME_SCALE, 30 unless set.
# Environment: PMSITE_BIN the binary to wrap (default build/pmsite).
# Ends with "valgrind: N passed, M failed" (cmocka's counts); exit 1 when
# anything failed.
set -u
cd "$(dirname "$0")/.."

command -v valgrind >/dev/null || {
	echo "valgrind: not installed (apt-get install valgrind)" >&2
	exit 1
}
bin=${PMSITE_BIN:-build/pmsite}
case "$bin" in /*) ;; *) bin="$(pwd)/$bin" ;; esac
[ -x "$bin" ] || { echo "valgrind: $bin not built" >&2; exit 1; }
[ $# -gt 0 ] || set -- build/tests/check_build

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wrapper="$tmp/pmsite"
# The wrapper keeps the binary's name and folder out of the picture: pmsite
# finds its default theme from /proc/self/exe, which valgrind reports as
# the real binary.
cat >"$wrapper" <<EOF
#!/bin/sh
exec valgrind --error-exitcode=99 --leak-check=full \\
    --errors-for-leak-kinds=definite,indirect -q "$bin" "\$@"
EOF
chmod +x "$wrapper"

passed=0
failed=0
for t in "$@"; do
	log="$tmp/$(basename "$t").log"
	PMSITE="$wrapper" PM_TIME_SCALE=${PM_TIME_SCALE:-30} "$t" >"$log" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" |
	    awk '{s += $1} END {print s + 0}')
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" |
	    awk '{s += $1} END {print s + 0}')
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	if [ "$rc" -ne 0 ]; then
		echo "--- $t failed (exit $rc):"
		grep -v '^\[ \(RUN\|       OK\) ' "$log" | tail -n 60
	fi
	printf '%-28s %4d passed, %d failed\n' "$(basename "$t")" "$p" "$f"
	passed=$((passed + p))
	failed=$((failed + f))
done
echo "valgrind: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
