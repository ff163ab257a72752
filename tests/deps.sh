#!/bin/sh
# Install the Debian packages pmsite needs, only those missing, with sudo
# when not root.  "build" covers building and the unit tests; "test" adds
# what the end-to-end and browser tests use.
set -e
want="build-essential pkg-config git libgit2-dev libcmark-gfm-dev \
libcmark-gfm-extensions-dev libyaml-dev zlib1g-dev libxxhash-dev libcmocka-dev \
libxml2-utils"
if [ "${1:-build}" = test ]; then
	# tidy and python3: tests/regress_html.sh; chromium: the browser test;
	# clang and its runtime: the libFuzzer targets; valgrind: make valgrind.
	want="$want valgrind tidy python3 chromium clang libclang-rt-14-dev"
	# Node.js may come from elsewhere than Debian (NodeSource's nodejs
	# carries npm and conflicts with Debian's npm): Debian's packages only
	# where the commands are missing.
	command -v node >/dev/null 2>&1 || want="$want nodejs"
	command -v npm >/dev/null 2>&1 || want="$want npm"
fi
missing=
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
if [ "$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
