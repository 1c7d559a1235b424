#!/usr/bin/env bash
# Coverage-guided fuzzing with cargo-fuzz (libFuzzer) of the URL parser (`url`), the model over
# arbitrary scenarios (`scenario`) and the payments-CSV importer (`csv`); the targets' bodies are
# in crates/core/tests/common/fuzz.rs. Needs a nightly toolchain (`rustup toolchain install nightly`);
# installs cargo-fuzz if it is missing. Not part of scripts/test.sh, which replays the saved
# inputs on stable Rust instead (crates/core/fuzz.rs).
#
#   scripts/fuzz.sh [seconds per target, default 300] [target ...]
#
# Each target starts from crates/core/fuzz/corpus/<target>, and what it learns is merged back there,
# minimised. A crash stops that target and is left in crates/core/fuzz/artifacts/<target>/; once the
# fault is fixed, copy the input to crates/core/fuzz/regressions/<target>/ so it is replayed for good.
# The code is safe Rust, so no sanitizer is used (-s none): it would only slow the search.
# Prints one line per target: seconds, executions, corpus size, and whether it crashed.
set -uo pipefail
source "$(dirname "$0")/setup.sh"
cd "$REPO_ROOT/crates/core/fuzz"

seconds="${1:-300}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(url scenario csv)

rustup run nightly rustc --version >/dev/null 2>&1 || {
  echo "error: fuzzing needs a nightly toolchain: rustup toolchain install nightly" >&2
  exit 1
}
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --version 0.13.2 --locked || exit 1
cargo +nightly fuzz build --fuzz-dir . -O -s none || exit 1

declare -A max_len=([url]=512 [scenario]=256 [csv]=8192)
report=()
status=0
for target in "${targets[@]}"; do
  say "fuzzing $target for $seconds s"
  mkdir -p "corpus/$target" "artifacts/$target"
  log="artifacts/$target/last-run.log"
  # New inputs go to a scratch folder beside the artefacts, then are merged into the corpus.
  new="artifacts/$target/new"
  min="artifacts/$target/min"
  rm -rf "$new" "$min"
  mkdir -p "$new" "$min"
  cargo +nightly fuzz run --fuzz-dir . -O -s none "$target" "$new" "corpus/$target" -- \
    -max_total_time="$seconds" -max_len="${max_len[$target]}" -print_final_stats=1 \
    -rss_limit_mb=4096 >"$log" 2>&1
  code=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [ $code -eq 0 ]; then result="no crash"; else result="CRASH (see $log)"; status=1; fi
  # Merge what was found into the saved corpus, keeping only inputs that add coverage.
  cargo +nightly fuzz run --fuzz-dir . -O -s none "$target" "$min" "corpus/$target" "$new" -- \
    -merge=1 >>"$log" 2>&1 &&
    rm -rf "corpus/$target" && mv "$min" "corpus/$target"
  rm -rf "$new" "$min"
  report+=("$(printf '%-9s %6s s %12s executions %6s saved inputs   %s' "$target" "$seconds" \
    "${runs:-?}" "$(ls "corpus/$target" | wc -l)" "$result")")
done
printf '%s\n' "${report[@]}"
exit $status
