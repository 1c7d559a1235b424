#!/usr/bin/env bash
# Prints the model's speed figures: native (criterion) and WebAssembly in headless Chromium.
# See BENCHMARKS.md for the figures recorded and the machine they were measured on.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
setup_test
cd "$REPO_ROOT"

say "native: cargo bench --bench model"
cargo bench --locked --bench model 2>&1 | grep -E "^(run|Model|Dataset|memory)|time:|MEMORY"

say "WebAssembly in headless Chromium (release build)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
CHROMEDRIVER=/usr/bin/chromedriver \
WASM_BINDGEN_TEST_TIMEOUT=300 \
  cargo test --locked --release --target wasm32-unknown-unknown --test wasm_bench -- --nocapture 2>&1 \
  | grep -E "BENCH|test result"

say "cold load, first-load bytes and slider-to-paint latency in headless Chromium (release build)"
trunk build --release
(cd tests/e2e && GPFE_DIST="$REPO_ROOT/dist" node latency.mjs)
