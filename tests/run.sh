#!/bin/sh
# Run every test suite given on the command line (cmocka programs and the
# spec runner) plus the shell-driven regress suites, and end with one line:
# "N passed, N failed".  Exit status 1 when anything failed.
#
# --no-regress: the given programs only.
#
# Environment: PMSITE is the pmsite binary under test.
regress=1
if [ "$1" = --no-regress ]; then
	regress=0
	shift
fi
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

count() {	# count PASS FAIL SUITE
	passed=$((passed + $1))
	failed=$((failed + $2))
	printf '%-28s %4d passed, %d failed\n' "$3" "$1" "$2"
}

for t in "$@"; do
	name=$(basename "$t")
	"$t" >"$log" 2>&1
	rc=$?
	# cmocka's closing lines, summed over the groups of a program.
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	case "$name" in spec_*)
		p=$(sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$log" | tail -n 1)
		f=$(sed -n 's/.*: [0-9]* passed, \([0-9]*\) failed$/\1/p' "$log" | tail -n 1)
		grep '^spec ' "$log" | sed 's/^/  /'
	esac
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1	# crashed, or failed outside a counted test
	fi
	if [ "$rc" -ne 0 ]; then
		echo "--- $name failed (exit $rc):"
		grep -v '^\[ \(RUN\|       OK\) ' "$log" | tail -n 40
	fi
	count "$p" "$f" "$name"
done

for s in tests/regress_*.sh; do
	[ "$regress" = 1 ] && [ -f "$s" ] || continue
	name=$(basename "$s" .sh)
	sh "$s" >"$log" 2>&1
	rc=$?
	p=$(sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/.*: [0-9]* passed, \([0-9]*\) failed$/\1/p' "$log" | tail -n 1)
	p=${p:-0}
	f=${f:-0}
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	[ "$rc" -ne 0 ] && tail -n 40 "$log"
	count "$p" "$f" "$name"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
