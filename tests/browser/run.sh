#!/bin/sh
# run.sh: the real-browser test (browser.test.mjs) with what it needs:
# playwright-core from package-lock.json, installed with npm when missing
# or not the pinned version, and Debian's chromium (tests/deps.sh test).
#
# usage: PMSITE=path/to/pmsite sh tests/browser/run.sh
# Ends with "browser: N passed, M failed".  Without chromium (or node)
# the test is skipped with a message, counting 0 passed, except on CI
# (CI=true), where that is a failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)

missing() {	# missing WHAT
	if [ "${CI:-}" = true ]; then
		echo "browser: $1 is missing; run sh tests/deps.sh test"
		echo "browser: 0 passed, 1 failed"
		exit 1
	fi
	echo "skipped: $1 is missing (sh tests/deps.sh test installs it);" \
	    "nothing was checked"
	echo "browser: 0 passed, 0 failed"
	exit 0
}

for tool in node npm; do
	command -v "$tool" >/dev/null 2>&1 || missing "$tool"
done
browser=${CHROMIUM:-/usr/bin/chromium}
[ -x "$browser" ] || missing "$browser"

want=$(sed -n 's/.*"playwright-core": "\([^"]*\)".*/\1/p' \
    "$here/package.json" | head -n 1)
have=$(sed -n 's/^  "version": "\([^"]*\)".*/\1/p' \
    "$here/node_modules/playwright-core/package.json" 2>/dev/null)
if [ "$have" != "$want" ]; then
	echo "installing playwright-core $want with npm ci"
	if ! npm ci --prefix "$here" --no-audit --no-fund \
	    >"$here/npm.log" 2>&1; then
		cat "$here/npm.log"
		echo "browser: 0 passed, 1 failed"
		exit 1
	fi
	rm -f "$here/npm.log"
fi
exec node "$here/browser.test.mjs"
