#!/bin/sh
# run.sh: builds the C benchmark, installs mustache.js if needed, renders
# the same page with both engines, checks that they agree byte for byte,
# and prints both figures side by side.
#
# usage: sh bench/mustache/run.sh [SECONDS [ROUNDS]]
# Each engine reports its best of ROUNDS rounds (default 5) of SECONDS
# (default 1): on a shared machine the best round is the least disturbed.
# CC and CFLAGS may be set; the C side is built with -O2 by default.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${1:-1}
rounds=${2:-5}
CC=${CC:-cc}
CFLAGS=${CFLAGS:--O2 -g}

work=$(mktemp -d "${TMPDIR:-/tmp}/pmsite-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# The generator objects the engine needs: the template engine and the
# foundation under it.
src=""
for f in error arena buf value yamltree mustache mustache_compile \
    mustache_render; do
	src="$src $root/generator/$f.c"
done
# shellcheck disable=SC2086
$CC -std=c11 -Wall -Wextra -D_POSIX_C_SOURCE=200809L $CFLAGS \
	-I"$root/generator" $(pkg-config --cflags yaml-0.1) \
	-o "$work/bench" "$here/bench.c" $src \
	$(pkg-config --libs yaml-0.1) -lm
# shellcheck disable=SC2086
$CC -std=c11 -Wall -Wextra -D_POSIX_C_SOURCE=200809L $CFLAGS \
	-I"$root/generator" -o "$work/gendata" "$here/gendata.c" \
	"$root/generator/arena.c" "$root/generator/buf.c" \
	"$root/generator/value.c" -lm
"$work/gendata" 200 >"$work/data.json"

if [ ! -d "$here/node_modules/mustache" ]; then
	npm install --prefix "$here" --no-audit --no-fund >/dev/null
fi

echo "page: base layout (inheritance), 3 partials, 200 incidents;" \
	"best of $rounds rounds of ${seconds}s per engine"
"$work/bench" -t "$seconds" -r "$rounds" -o "$work/c.html" \
	"$here/templates" "$work/data.json" | tee "$work/c.txt"
node "$here/bench.js" -t "$seconds" -r "$rounds" -o "$work/js.html" \
	"$here/templates" "$work/data.json" | tee "$work/js.txt"

c=$(awk '{ print $3 }' "$work/c.txt")
js=$(awk '{ print $2 }' "$work/js.txt")
awk -v c="$c" -v js="$js" 'BEGIN {
	printf "speed-up: %.1fx the renders/s of mustache.js\n", c / js
}'
if cmp -s "$work/c.html" "$work/js.html"; then
	echo "outputs: identical ($(wc -c <"$work/c.html") bytes)"
else
	echo "outputs: DIFFERENT"
	diff "$work/c.html" "$work/js.html" | head -20
	exit 1
fi
