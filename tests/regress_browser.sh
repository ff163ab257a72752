#!/bin/sh
# regress_browser.sh: the real-browser test of the built site, for
# tests/run.sh: Debian's chromium driven by playwright-core opens the
# sample site at phone and desktop widths, light and dark (see
# tests/browser/browser.test.mjs; screenshots land in
# tests/browser/screenshots/).
#
# usage: PMSITE=path/to/pmsite sh tests/regress_browser.sh
exec sh "$(dirname "$0")/browser/run.sh"
