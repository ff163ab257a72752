#!/bin/sh
# regress_templates.sh: golden tests of `pmsite template`.
#
# Every tests/regress/templates/NAME.mustache that has a NAME.yml (the data)
# is a case: it is rendered with the partials of regress/templates/partials
# and its standard output must equal NAME.out (exit 0), or its standard
# error NAME.err (exit 1) for a template that must fail.
#
# usage: PMSITE=path/to/pmsite sh tests/regress_templates.sh
#        REBUILD=1 ... rewrites NAME.out / NAME.err and prints the diffs.
set -u

if [ -z "${PMSITE:-}" ]; then
	echo "regress_templates.sh: set PMSITE to the pmsite binary" >&2
	exit 2
fi
case $PMSITE in
/*) ;;
*) PMSITE=$(pwd)/$PMSITE ;;
esac
cd "$(dirname "$0")/regress/templates" || exit 2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/regress_templates.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

pass=0
fail=0
for tpl in *.mustache; do
	name=${tpl%.mustache}
	[ -f "$name.yml" ] || continue
	"$PMSITE" template "$tpl" "$name.yml" --partials partials \
		>"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -eq 0 ]; then
		got=$tmp/out want=$name.out stale=$name.err
	else
		got=$tmp/err want=$name.err stale=$name.out
	fi
	if [ -n "${REBUILD:-}" ]; then
		if [ ! -f "$want" ] || ! cmp -s "$got" "$want"; then
			echo "rebuilt $want"
			[ -f "$want" ] && diff -u "$want" "$got"
			cp "$got" "$want"
		fi
		if [ -f "$stale" ]; then
			echo "removed $stale"
			rm -f "$stale"
		fi
		pass=$((pass + 1))
		continue
	fi
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
		echo "FAIL $name: exit status $rc"
		fail=$((fail + 1))
	elif [ ! -f "$want" ]; then
		echo "FAIL $name: exit status $rc, but no $want"
		[ -f "$stale" ] && diff -u "$stale" "$tmp/out"
		cat "$tmp/err"
		fail=$((fail + 1))
	elif ! cmp -s "$got" "$want"; then
		echo "FAIL $name:"
		diff -u "$want" "$got"
		fail=$((fail + 1))
	elif [ "$rc" -eq 0 ] && [ -s "$tmp/err" ]; then
		echo "FAIL $name: unexpected standard error:"
		cat "$tmp/err"
		fail=$((fail + 1))
	elif [ "$rc" -ne 0 ] && [ -s "$tmp/out" ]; then
		echo "FAIL $name: output despite the error"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
if [ $((pass + fail)) -eq 0 ]; then
	echo "regress_templates.sh: no cases found" >&2
	exit 2
fi
echo "regress templates: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
