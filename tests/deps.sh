#!/bin/sh
# Install the Debian packages pmsite needs, only those missing, with sudo
# when not root.  "build" covers building and the unit tests; "test" adds
# what the end-to-end and browser tests use.
set -e
want="build-essential pkg-config git libgit2-dev libcmark-gfm-dev \
libcmark-gfm-extensions-dev libyaml-dev libcmocka-dev libxml2-utils"
[ "${1:-build}" = test ] && want="$want valgrind"
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
