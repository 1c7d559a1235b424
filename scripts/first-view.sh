#!/usr/bin/env bash
# Writes public/first-view.html: the page for the default scenario as the release build draws
# it, which index.html holds and shows at once while the app and its data load (see
# tests/e2e/first-view.mjs). The end-to-end test `the first view in index.html is the page this
# build draws` fails until this is run after a change to what the default page shows; run it
# then, and commit the file with that change.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
setup_test
cd "$REPO_ROOT"
trunk build --release
(cd tests/e2e && GPFE_DIST="$REPO_ROOT/dist" node first-view.mjs --write "$REPO_ROOT/public/first-view.html")
say "building again, with the new first view in index.html"
trunk build --release
