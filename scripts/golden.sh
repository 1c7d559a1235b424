#!/usr/bin/env bash
# Writes crates/cli/tests/golden/: `gpfe summary` and `gpfe practice E85124` for every preset.
# The test `every_presets_summary_and_practice_are_as_in_the_golden_files` compares gpfe's output
# with these files byte for byte, so a change of the model's figures cannot pass unnoticed. Run
# this only when a change of the figures is meant, and say why in the commit.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --locked --release -p gpfe
gpfe=target/release/gpfe
out=crates/cli/tests/golden
mkdir -p "$out"
rm -f "$out"/*.json
for preset in $("$gpfe" presets | grep -o '"name":"[^"]*"' | cut -d'"' -f4); do
  "$gpfe" summary --scenario "preset=$preset" >"$out/summary-$preset.json"
  "$gpfe" practice E85124 --scenario "preset=$preset" >"$out/practice-E85124-$preset.json"
done
echo "wrote $(ls "$out" | wc -l) files in $out"
