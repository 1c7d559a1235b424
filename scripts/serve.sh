#!/usr/bin/env bash
# Installs whatever is missing, then builds the app and serves it on http://127.0.0.1:8080.
# Extra arguments go to `trunk serve` (for example --release, or --port 9000).
set -euo pipefail
source "$(dirname "$0")/setup.sh"
setup_build
cd "$REPO_ROOT"
say "serving on http://127.0.0.1:8080 (Ctrl-C stops)"
exec trunk serve "$@"
