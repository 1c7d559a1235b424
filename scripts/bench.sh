#!/usr/bin/env bash
# Measures the speed and size budget and prints it as one table: the model natively (criterion)
# and in WebAssembly in headless Chromium, slider-to-paint latency, cold load to the first chart
# and the bytes of the first load. Each part's own output is kept in target/bench/.
# See BENCHMARKS.md for what each figure means, the figures recorded and the machine.
#
#   scripts/bench.sh           measure everything, then print the table
#   scripts/bench.sh --table   print the table again from the last run's outputs, measuring nothing
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$REPO_ROOT"
out="$REPO_ROOT/target/bench"
mkdir -p "$out"

if [ "${1:-}" != "--table" ]; then
  setup_test

  say "native: cargo bench -p gpfe-core --bench model"
  cargo bench --locked -p gpfe-core --bench model 2>&1 | tee "$out/native.txt" | grep -E "^(run|Model|Dataset)|time:|MEMORY" >&2

  say "WebAssembly in headless Chromium (release build)"
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  CHROMEDRIVER=/usr/bin/chromedriver \
  WASM_BINDGEN_TEST_TIMEOUT=300 \
    cargo test --locked --release --target wasm32-unknown-unknown --test wasm_bench -- --nocapture 2>&1 \
    | tee "$out/wasm.txt" | grep -E "BENCH|test result" >&2

  say "cold load, first-load bytes and slider-to-paint latency in headless Chromium (release build)"
  trunk build --release
  (cd tests/e2e && GPFE_DIST="$REPO_ROOT/dist" node latency.mjs) | tee "$out/browser.txt" >&2
fi

# criterion prints a benchmark's name, then (on the same or the next line) "time: [low median
# high]"; the median is the middle figure. Converted to milliseconds.
native_ms() {
  awk -v want="$1" '
    index($0, want) == 1 { found = 1 }
    found && /time:/ {
      sub(/.*\[/, ""); split($0, f, " ")
      v = f[3]; u = f[4]
      if (u == "ns") v /= 1e6; else if (u == "µs" || u == "us") v /= 1e3; else if (u == "s") v *= 1e3
      printf "%.2f", v; exit
    }' "$out/native.txt"
}
wasm_ms() { sed -n "s/.*BENCH wasm run ($1): median \([0-9.]*\) ms.*/\1/p" "$out/wasm.txt" | head -1; }
wasm_decode_ms() { sed -n "s/.*BENCH wasm decode start-up dataset: median \([0-9.]*\) ms.*/\1/p" "$out/wasm.txt" | head -1; }
browser() { sed -n "$1" "$out/browser.txt" | head -1; }
# floor_ms TAG DRAWINGS QUANTILE: a plain page's figure at one size (latency.mjs), where DRAWINGS
# starts the name of what it holds beside the slider ("plain canvases the size", "plain canvases
# at a pixel ratio of 1", "plain SVG drawings") and QUANTILE is p50 or p95.
floor_ms() { browser "s/^$1a page with the slider and [0-9]* $2.*$3 \([0-9.]*\) ms.*/\1/p"; }

rows=()
row() { rows+=("$1|$2|$3|$4"); }
# verdict FIGURE LIMIT: "yes" when FIGURE <= LIMIT (within a budget is at most it: "p95 at most 10 ms").
verdict() { awk -v a="$1" -v b="$2" 'BEGIN { print (a != "" && a + 0 <= b + 0) ? "yes" : "NO" }'; }

# Each run: its label here | its name in tests/wasm_bench.rs | the start of its criterion name.
for run in "default scenario|default scenario|run: default scenario" \
           "reform|reform|run: reform" \
           "digital-first, July 2018|digital-first, July 2018 proposals|run: digital-first" \
           "automatic networks of 40k|automatic networks of 40k pooling 10%|run: automatic networks"; do
  IFS='|' read -r label wasm_name native_name <<<"$run"
  n=$(native_ms "$native_name")
  w=$(wasm_ms "$wasm_name")
  row "model run, $label: native median" "$n ms" "1 ms" "$(verdict "$n" 1)"
  row "model run, $label: WebAssembly median" "$w ms" "1 ms" "$(verdict "$w" 1)"
done
# Dragging the slider whose result the model keeps between runs: two scenarios in turn.
for run in "digital-first, joiners dragged|digital-first, the number of joiners dragged" \
           "networks, target size dragged|automatic networks, the target size dragged"; do
  IFS='|' read -r label name <<<"$run"
  row "  model run, $label: native median" "$(native_ms "run: $name") ms" "" ""
  row "  model run, $label: WebAssembly median" "$(wasm_ms "$name") ms" "" ""
done
# Asked for only while the digital-first card is on screen (or once the controls are still).
row "  digital-first's host under the rules before 2019 (on request): native median" "$(native_ms "digital-first, July 2018: the host under the rules before 2019") ms" "" ""
row "  digital-first's host under the rules before 2019 (on request): WebAssembly median" "$(sed -n 's/.*BENCH wasm digital-first, the host under the rules before 2019: median \([0-9.]*\) ms.*/\1/p' "$out/wasm.txt" | head -1) ms" "" ""
decode=$(native_ms "Dataset::from_bytes (decode start-up dataset)")
row "decode the start-up dataset: native median" "$decode ms" "" ""
decode=$(wasm_decode_ms)
row "decode the start-up dataset: WebAssembly median" "$decode ms" "3 ms" "$(verdict "$decode" 3)"
built=$(native_ms "Model::new (once per dataset)")
row "Model::new: native median" "$built ms" "" ""
built=$(sed -n 's/.*BENCH wasm Model::new: median \([0-9.]*\) ms.*/\1/p' "$out/wasm.txt" | head -1)
row "Model::new: WebAssembly median" "$built ms" "3 ms" "$(verdict "$built" 3)"
many=$(sed -n 's/.*BENCH wasm 64 runs.*median \([0-9.]*\) ms.*/\1/p' "$out/wasm.txt" | head -1)
row "64 model runs (a sweep of one slider): WebAssembly median" "$many ms" "40 ms" "$(verdict "$many" 40)"
slice=$(sed -n 's/.*BENCH wasm curve slice.*median \([0-9.]*\) ms.*/\1/p' "$out/wasm.txt" | head -1)
row "a curve's slice (what input waits for): WebAssembly median" "$slice ms" "" ""
range=$(native_ms "how sure: headline range")
row "how sure, digital-first July 2018 (after controls settle): native" "$range ms" "" ""
# Slider to paint at each size latency.mjs measures: its tag | the label here | the p95 budget.
for size in "LATENCY |1280x900||" \
            "LATENCY \[1920x1080@2\] |1920x1080, DPR 2|5" \
            "LATENCY \[375x812@2\] |375x812, DPR 2|10"; do
  IFS='|' read -r tag label budget <<<"$size"
  p50=$(browser "s/^${tag}input event to painted frame.*p50 \([0-9.]*\) ms.*/\1/p")
  p95=$(browser "s/^${tag}input event to painted frame.*p95 \([0-9.]*\) ms.*/\1/p")
  row "slider to painted frame, $label: p50" "$p50 ms" "" ""
  if [ -n "$budget" ]; then
    row "slider to painted frame, $label: p95" "$p95 ms" "$budget ms" "$(verdict "$p95" "$budget")"
  else
    row "slider to painted frame, $label: p95" "$p95 ms" "" ""
  fi
  # What the browser alone takes at this size: the same drag on a page with the slider alone.
  bare=$(browser "s/^${tag}a page with the slider alone: input event to painted frame.*p95 \([0-9.]*\) ms.*/\1/p")
  row "  the same, a page with the slider alone: p95" "$bare ms" "" ""
  # And with plain canvases the size of the charts on screen, redrawn on each move.
  count=$(browser "s/^${tag}a page with the slider and \([0-9]*\) plain canvases the size.*/\1/p")
  plain=$(floor_ms "$tag" "plain canvases the size" p95)
  row "  the same, the slider and $count plain canvases as on screen: p95" "$plain ms" "" ""
  # The same plain drawings as canvases of a quarter of the pixels, and as SVG.
  low=$(floor_ms "$tag" "plain canvases at a pixel ratio of 1" p95)
  svg=$(floor_ms "$tag" "plain SVG drawings" p95)
  [ -z "$low" ] || row "  the same drawn at a pixel ratio of 1; as SVG: p95" "$low; $svg ms" "" ""
done
# The first chart a reader sees is the first view's, written into index.html; the app's own
# replaces it once the app has started.
cold=$(browser 's/.*cold load to first chart shown (the first view.*median \([0-9]*\) ms.*/\1/p')
row "cold load to first chart shown (the first view), localhost, median of 5" "$cold ms" "250 ms" "$(verdict "$cold" 250)"
app_cold=$(browser "s/.*cold load to the app's own first chart.*median \([0-9]*\) ms.*/\1/p")
row "  the app's own first chart, in its place" "$app_cold ms" "" ""
polled=$(browser 's/.*the same, as the harness saw it polling: median \([0-9]*\) ms.*/\1/p')
row "  the app's own first chart, as the harness saw it polling" "$polled ms" "" ""
# The floor under it: a page that only downloads and compiles the WebAssembly and downloads the
# start-up file (tests/e2e/load-floor.html).
floor=$(browser 's/.*only downloads and compiles the WebAssembly.*median \([0-9]*\) ms.*/\1/p')
row "  a page that only fetches and compiles the WebAssembly and data" "$floor ms" "" ""
bytes=$(browser 's/.*first view: \([0-9.]*\) MB gzip.*/\1/p')
row "first load to the first view, gzip" "$bytes MB" "0.6 MB" "$(verdict "$bytes" 0.6)"
app_bytes=$(browser 's/.*the app ready to use (first load):.*, \([0-9.]*\) MB gzip.*/\1/p')
row "  the app ready to use (its WebAssembly and data too), gzip" "$app_bytes MB" "" ""

# Where a budget is missed: the reason, from the figures measured above, and what would meet it.
whys=()
why() { whys+=("$1"); }
missed() { [ "$(verdict "$1" "$2")" = "NO" ]; }
# awk arithmetic on measured figures, printed to one decimal (or as asked).
calc() { awk "BEGIN { printf \"${2:-%.1f}\", $1 }"; }
wasm_totals_ms() { sed -n "s/.*BENCH wasm totals ($1): median \([0-9.]*\) ms.*/\1/p" "$out/wasm.txt" | head -1; }
for run in "default scenario|default scenario|run: default scenario" \
           "reform|reform|run: reform" \
           "digital-first, July 2018|digital-first, July 2018 proposals|run: digital-first" \
           "automatic networks of 40k|automatic networks of 40k pooling 10%|run: automatic networks"; do
  IFS='|' read -r label wasm_name native_name <<<"$run"
  w=$(wasm_ms "$wasm_name"); t=$(wasm_totals_ms "$wasm_name"); n=$(native_ms "$native_name")
  if [ -n "$w" ] && [ -n "$t" ] && { missed "$w" 1 || missed "$n" 1; }; then
    if missed "$t" 1; then
      meet="each practice's money alone is over the budget: the sharing and the formula's pass must be $(calc "$t" %.2f) times faster"
    else
      meet="the money alone is within it, so what must shrink is the rest, to what the views on screen need"
    fi
    why "model run, $label: natively $n ms; in WebAssembly $w ms, of which each practice's money (Model::totals) $t ms and the rest (each practice's result, every grouping of practices, the stories' results) $(calc "$w - $t" %.2f) ms; $meet."
  fi
done
if [ -n "$decode" ] && missed "$decode" 3; then
  native=$(native_ms "Dataset::from_bytes (decode start-up dataset)")
  why "decode, WebAssembly: $decode ms, $(calc "$decode / $native") times the same decode natively ($native ms); to meet 3 ms it must do $(calc "$decode / 3" %.2f) times less work (natively, under $(calc "3 * $native / $decode" %.2f) ms)."
fi
if [ -n "$built" ] && missed "$built" 3; then
  native=$(native_ms "Model::new (once per dataset)")
  why "Model::new, WebAssembly: $built ms, $(calc "$built / $native") times the same work natively ($native ms); to meet 3 ms it must do $(calc "$built / 3" %.2f) times less work (natively, under $(calc "3 * $native / $built" %.2f) ms)."
fi
if [ -n "$many" ] && missed "$many" 40; then
  t=$(wasm_totals_ms "default scenario")
  why "64 runs, WebAssembly: $many ms, $(calc "$many / 64" %.2f) ms a point (one run's money alone on the default scenario: $t ms); 40 ms needs 0.63 ms a point."
fi
for size in "LATENCY |DRAW |1280x900|" \
            "LATENCY \[1920x1080@2\] |DRAW \[1920x1080@2\] |1920x1080, DPR 2|5" \
            "LATENCY \[375x812@2\] |DRAW \[375x812@2\] |375x812, DPR 2|10"; do
  IFS='|' read -r tag draw label budget <<<"$size"
  [ -n "$budget" ] || continue
  p50=$(browser "s/^${tag}input event to painted frame.*p50 \([0-9.]*\) ms.*/\1/p")
  p95=$(browser "s/^${tag}input event to painted frame.*p95 \([0-9.]*\) ms.*/\1/p")
  missed "$p95" "$budget" || continue
  count=$(browser "s/^${tag}a page with the slider and \([0-9]*\) plain canvases the size.*/\1/p")
  plain50=$(floor_ms "$tag" "plain canvases the size" p50)
  plain95=$(floor_ms "$tag" "plain canvases the size" p95)
  low=$(floor_ms "$tag" "plain canvases at a pixel ratio of 1" p95)
  svg=$(floor_ms "$tag" "plain SVG drawings" p95)
  model=$(sed -n "s/^${draw}model run:.*p50 \([0-9.]*\) ms.*/\1/p" "$out/browser.txt" | head -1)
  # (No chart may have been drawn: then only the model's run is there.)
  charts=$(grep "^${draw}" "$out/browser.txt" | { grep -v "model run" || true; } | sed -n 's/.*p50 \([0-9.]*\) ms.*/\1/p' | awk '{ s += $1 } END { printf "%.1f", s }')
  if missed "$plain95" "$budget"; then
    meet="the browser alone, showing $count plain canvases of the same sizes changing, takes $plain95 ms at p95, over the budget"
    if [ -n "$low" ] && [ -n "$svg" ]; then
      # Another way of drawing: the better of the two, with the model's run added.
      best=$(awk -v a="$low" -v b="$svg" 'BEGIN { print (a + 0 < b + 0) ? a : b }')
      if missed "$(calc "$best + $model")" "$budget"; then
        meet="$meet; the same drawings as canvases of a quarter of the pixels take $low ms, as SVG $svg ms (the page's thread alone), each with the model's run ($model ms) over it: in this Chromium (run without a GPU) no way of drawing measured meets it while that many charts of that size change with each move"
      else
        meet="$meet; drawn another way they take $low ms (a quarter of the pixels) and $svg ms (SVG), which with the model's run ($model ms) leaves $(calc "$budget - $best - $model") ms for the rest of the page"
      fi
    fi
  else
    meet="the browser's part with $count canvases changing is within it ($plain95 ms at p95), so the page's own work must fit in the remaining $(calc "$budget - $plain95") ms"
  fi
  why "slider to painted frame, $label: p95 $p95 ms (p50 $p50); at p50 the model's run $model ms, the charts' draws $charts ms, the browser with $count plain canvases changing $plain50 ms, and the rest ($(calc "$p50 - $model - $charts - $plain50") ms) the page's own updates (its reactive graph, text, layout and paint); $meet."
done
if [ -n "$cold" ] && missed "$cold" 250; then
  why "cold load to first chart: $cold ms to the first paint of the first view in index.html (the app's own first chart $app_cold ms, of which fetching and compiling the WebAssembly and fetching the start-up file $floor ms); the first view needs only index.html, its style sheet and first-view.js, so what is over is their fetch and the browser's first layout and paint of the page."
fi
if [ -n "$bytes" ] && missed "$bytes" 0.6; then
  files=$(browser 's/.*first view: [0-9.]* MB gzip (\(.*\))/\1/p')
  why "first load to the first view: $bytes MB gzip ($files); the first view is index.html with the page written into it, so what is over is that copy of the page: keep less of the page below the first screen in it."
fi

printf '\n%-66s %10s %9s  %s\n' "measure" "figure" "budget" "within"
printf '%-66s %10s %9s  %s\n' "-------" "------" "------" "------"
for r in "${rows[@]}"; do
  IFS='|' read -r what figure budget ok <<<"$r"
  printf '%-66s %10s %9s  %s\n' "$what" "$figure" "$budget" "$ok"
done
if [ "${#whys[@]}" -gt 0 ]; then
  printf '\nWhere a budget is missed (reasons from the figures above; BENCHMARKS.md has the profiles):\n'
  for w in "${whys[@]}"; do
    printf -- '- %s\n' "$w" | fold -s -w 100 | sed '2,$s/^/  /'
  done
fi
