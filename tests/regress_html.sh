#!/bin/sh
# regress_html.sh: the built sample site, checked as documents.
#
# Builds content/ twice (--worktree; relative links only, and with
# --base-url https://example.org/postmortems/), then for each build:
#  - xmllint --noout on every .svg file, on feed.xml and sitemap.xml
#    (required with a base URL: sitemaps need absolute URLs), and on every
#    inline <svg> element cut out of the pages, since an SVG in HTML must
#    stay well-formed XML to be saved or reused as a file;
#  - two HTML checkers on every page, because neither is enough alone:
#    tidy (HTML Tidy 5, which knows HTML5 elements) fails the page on any
#    error and on any warning except the false alarms it raises on valid
#    HTML5 (listed in tidy_false_alarms below, each with its reason);
#    xmllint --html (libxml2's HTML 4 parser, strict about nesting, end
#    tags and entities) fails it on any complaint except "Tag X invalid",
#    which it says of every HTML5 and SVG element name;
#  - every internal href/src/action names a file of the site, every
#    #anchor an id of its target page, every aria-labelledby, for=...
#    an id of the page, no id twice, and with the base URL every URL of
#    the feeds and the sitemap under it a file (tests/html_links.py).
# Ends with "html checks: N passed, M failed"; exit 1 on any failure.
#
# usage: PMSITE=path/to/pmsite sh tests/regress_html.sh
# Needs tidy, xmllint and python3 (sh tests/deps.sh test installs them).
set -u

if [ -z "${PMSITE:-}" ]; then
	echo "regress_html.sh: set PMSITE to the pmsite binary" >&2
	exit 2
fi
case $PMSITE in
/*) ;;
*) PMSITE=$(pwd)/$PMSITE ;;
esac
cd "$(dirname "$0")/.." || exit 2
tests=$(pwd)/tests
base_url=https://example.org/postmortems/

tmp=$(mktemp -d "${TMPDIR:-/tmp}/regress_html.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() {	# bad WHAT DETAILS-FILE
	fail=$((fail + 1))
	echo "FAIL $1"
	[ -n "${2:-}" ] && sed 's/^/    /' "$2" | head -n 20
}

missing=
for tool in tidy xmllint python3; do
	command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
	echo "regress_html.sh: missing$missing: run sh tests/deps.sh test"
	echo "html checks: 0 passed, 1 failed"
	exit 1
fi

# Warnings tidy 5.6 gives on valid HTML5, and why they are valid:
#  - a <div> around each <dt>/<dd> group of a <dl> (HTML 5.2, WHATWG):
#    "missing <dd>", "inserting implicit <dl>", "missing </dl> before
#    </div>", "missing </div> before <dt>";
#  - an inline SVG's own <style> and its <title id> (aria-labelledby
#    points at it): tidy reads them as the HTML head elements;
#  - aria-current (WAI-ARIA 1.1), newer than tidy's attribute table.
tidy_false_alarms=$tmp/tidy-false-alarms
printf '%s\n' 'missing <dd>$' 'inserting implicit <dl>$' \
    'missing </dl> before </div>$' 'missing </div> before <dt>$' \
    'moved <style> tag to <head>' '<title> proprietary attribute "id"$' \
    'proprietary attribute "aria-current"$' >"$tidy_false_alarms"

check_xml() {	# check_xml FILE WHAT
	if xmllint --noout "$1" >"$tmp/xml.log" 2>&1; then
		ok
	else
		bad "$2: not well-formed XML" "$tmp/xml.log"
	fi
}

check_page() {	# check_page SITE REL LABEL
	tidy -q -e --drop-empty-elements no "$1/$2" >"$tmp/tidy.log" 2>&1
	rc=$?
	grep -E '^line [0-9]+ column [0-9]+ - (Warning|Error|Access)' \
	    "$tmp/tidy.log" | grep -Evf "$tidy_false_alarms" >"$tmp/tidy.bad"
	if [ "$rc" -ge 2 ] || [ -s "$tmp/tidy.bad" ]; then
		[ -s "$tmp/tidy.bad" ] || cp "$tmp/tidy.log" "$tmp/tidy.bad"
		bad "$3 $2: tidy (exit $rc)" "$tmp/tidy.bad"
	else
		ok
	fi
	xmllint --html --noout "$1/$2" >"$tmp/html.log" 2>&1
	grep -E ':[0-9]+: ' "$tmp/html.log" |
	    grep -Ev ': Tag [a-zA-Z0-9]+ invalid$' >"$tmp/html.bad"
	if [ -s "$tmp/html.bad" ]; then
		bad "$3 $2: xmllint --html" "$tmp/html.bad"
	else
		ok
	fi
}

check_site() {	# check_site SITE LABEL [BASE_URL]
	site=$1
	label=$2
	find "$site" -name '*.svg' | sort >"$tmp/svgs"
	while read -r f; do
		check_xml "$f" "$label ${f#"$site"/}"
	done <"$tmp/svgs"
	for doc in feed.xml sitemap.xml; do
		if [ -f "$site/$doc" ]; then
			check_xml "$site/$doc" "$label $doc"
		elif [ "$doc" = feed.xml ] || [ -n "${3:-}" ]; then
			bad "$label $doc: missing"
		fi
	done
	rm -rf "$tmp/inline"
	mkdir "$tmp/inline"
	python3 "$tests/html_links.py" svg "$site" "$tmp/inline" \
	    >"$tmp/inline.list" || bad "$label: cannot cut inline SVG out"
	while read -r page n; do
		check_xml "$tmp/inline/$n.svg" "$label $page inline <svg> #$n"
	done <"$tmp/inline.list"
	find "$site" -name '*.html' | sort >"$tmp/pages"
	if [ ! -s "$tmp/pages" ]; then
		bad "$label: no HTML page"
	fi
	while read -r f; do
		check_page "$site" "${f#"$site"/}" "$label"
	done <"$tmp/pages"
	python3 "$tests/html_links.py" links "$site" ${3:+"$3"} \
	    >"$tmp/links.log" 2>&1
	p=$(grep -c '^ok ' "$tmp/links.log")
	f=$(grep -c '^FAIL ' "$tmp/links.log")
	pass=$((pass + p))
	fail=$((fail + f))
	grep '^FAIL ' "$tmp/links.log" | sed "s|^FAIL |FAIL $label links: |"
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		bad "$label links: the checker ran no check" "$tmp/links.log"
	fi
}

for variant in plain base; do
	out=$tmp/site-$variant
	if [ $variant = base ]; then
		set -- --base-url "$base_url"
	else
		set --
	fi
	if "$PMSITE" build -q --worktree --out "$out" "$@" \
	    >"$tmp/build.log" 2>&1; then
		ok
		check_site "$out" "$variant" ${1:+"$base_url"}
	else
		bad "$variant: pmsite build --worktree $*" "$tmp/build.log"
	fi
done

echo "html checks: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
