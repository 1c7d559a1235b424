#!/usr/bin/env bash
# Installs whatever is missing, then runs every check and every test:
#   formatting, clippy (native and wasm32), native tests of every crate, browser tests in headless Chromium,
#   a release build into dist/, and end-to-end tests against that build.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
setup_test
cd "$REPO_ROOT"

say "cargo fmt --check"
cargo fmt --all --check

say "clippy (native, every crate)"
cargo clippy --locked --workspace --all-targets -- -D warnings
say "clippy (wasm32: the app and the core it runs)"
cargo clippy --locked -p gp-funding-explorer -p gpfe-core --all-targets --target wasm32-unknown-unknown -- -D warnings

say "native tests (every crate: the core, gpfe, the dataset builder)"
cargo test --locked --workspace

say "browser tests (wasm-bindgen-test in headless Chromium)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
CHROMEDRIVER=/usr/bin/chromedriver \
WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --locked --target wasm32-unknown-unknown --test web

say "release build into dist/, and the gpfe command line the end-to-end tests compare with"
trunk build --release
cargo build --locked --release -p gpfe

say "end-to-end tests (dist/ served on 127.0.0.1, headless Chromium)"
(cd tests/e2e && GPFE_DIST="$REPO_ROOT/dist" GPFE_BIN="$REPO_ROOT/target/release/gpfe" \
  node --test --test-concurrency=1)
