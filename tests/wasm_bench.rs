//! Speed of the model in WebAssembly, in headless Chromium. Not part of the test suite: run by
//! `scripts/bench.sh`, which builds it in release mode; it prints its figures and checks only
//! that the browser computes the same money as the native build.
#![cfg(target_arch = "wasm32")]

use gpfe_core::data::Dataset;
use gpfe_core::model::Model;
use gpfe_core::scenario::Scenario;
use gpfe_core::seek::{sweep_points, Measure, Sweep, CURVE_POINTS, CURVE_SLICE_POINTS};

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

fn percentile(sorted: &[f64], q: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

/// The median and 95th percentile of `times` runs of `f`, in milliseconds. What `f` returns is
/// dropped after the clock stops: the page keeps its dataset and model, it never frees them.
fn timed<T>(times: usize, mut f: impl FnMut() -> T) -> (f64, f64) {
    let mut took: Vec<f64> = (0..times)
        .map(|_| {
            let start = now_ms();
            let kept = f();
            let took = now_ms() - start;
            drop(kept);
            took
        })
        .collect();
    took.sort_by(f64::total_cmp);
    (percentile(&took, 0.5), percentile(&took, 0.95))
}

#[wasm_bindgen_test]
fn model_speed_in_webassembly() {
    let bytes = include_bytes!("../public/data/england-2022-23.bin");
    let start = now_ms();
    let dataset = Dataset::from_bytes(bytes).expect("the dataset decodes");
    let decoded = now_ms();
    let model = Model::new(&dataset);
    let built = now_ms();
    console_log!(
        "BENCH wasm Dataset::from_bytes: {:.2} ms; Model::new: {:.2} ms",
        decoded - start,
        built - decoded
    );
    // Decoding again, many times: the first decode above also pays for warming up.
    let (median, p95) = timed(30, || {
        Dataset::from_bytes(bytes).expect("the dataset decodes")
    });
    console_log!(
        "BENCH wasm decode start-up dataset: median {median:.2} ms, p95 {p95:.2} ms (30 decodes)"
    );
    // Building the model again: the first build above also pays for warming up. As many builds
    // as decodes: the median of 10 moved by up to a third between runs of the same build.
    let (median, p95) = timed(30, || Model::new(&dataset));
    console_log!("BENCH wasm Model::new: median {median:.2} ms, p95 {p95:.2} ms (30 builds)");
    // Many runs per interaction: a sweep of one slider across its range in 64 points, as a
    // sensitivity range or a slider's curve needs, on the main thread.
    let scenario = Scenario::default();
    let (median, p95) = timed(7, || {
        let points = sweep_points(&model, &scenario, "ns", Measure::DeprivationGap, 64)
            .expect("the sweep runs");
        assert_eq!(points.len(), 64);
    });
    console_log!(
        "BENCH wasm 64 runs (a sweep of ns in 64 points): median {median:.1} ms, p95 {p95:.1} ms (7 sweeps)"
    );
    // What the page does between two inputs while curves are worked out: one slice of a
    // curve (see src/ui/curves.rs), on a reform so that every point moves money.
    let reform = Scenario::from_query("v=1&m2=1.2&ns=0.8&dep=0.1&qof=1&es=1&floor=90")
        .expect("a valid scenario");
    let mut slices = Vec::new();
    for _ in 0..5 {
        let mut sweep = Sweep::new(&reform, "dep", Measure::DeprivationGap, CURVE_POINTS)
            .expect("a numeric setting");
        loop {
            let start = now_ms();
            let done = sweep
                .advance(&model, CURVE_SLICE_POINTS)
                .expect("the sweep runs");
            slices.push(now_ms() - start);
            if done {
                break;
            }
        }
    }
    slices.sort_by(f64::total_cmp);
    console_log!(
        "BENCH wasm curve slice ({CURVE_SLICE_POINTS} points): median {:.2} ms, p95 {:.2} ms over {} slices",
        percentile(&slices, 0.5),
        percentile(&slices, 0.95),
        slices.len()
    );
    // The digital-first card's comparison with the rules before 2019: a second run, made while
    // the card is on screen.
    let july = Scenario::from_query("preset=df-july-2018").expect("a preset");
    let proposals = model.run(&july).expect("runs");
    let (median, p95) = timed(100, || {
        model.rules_before_2019(&july, &proposals).expect("runs")
    });
    console_log!(
        "BENCH wasm digital-first, the host under the rules before 2019: median {median:.3} ms, p95 {p95:.3} ms over 100"
    );
    // Each run: its name | the scenarios it runs in turn. The presets repeat one scenario, as
    // moving a slider the model keeps nothing for does; the last two alternate two scenarios,
    // so that what the model keeps from run to run (the joiners placed, the networks built) is
    // built afresh each time, as when that slider itself is dragged.
    for (name, queries) in [
        ("default scenario", ""),
        ("reform", "v=1&m2=1.2&ns=0.8&dep=0.1&qof=1&es=1&floor=90"),
        ("digital-first, July 2018 proposals", "preset=df-july-2018"),
        (
            "automatic networks of 40k pooling 10%",
            "preset=networks-40k",
        ),
        (
            "digital-first, the number of joiners dragged",
            "preset=df-july-2018&dfn=23000|preset=df-july-2018&dfn=25000",
        ),
        (
            "automatic networks, the target size dragged",
            "preset=networks-40k&nws=39000|preset=networks-40k&nws=41000",
        ),
    ] {
        let scenarios: Vec<Scenario> = queries
            .split('|')
            .map(|q| Scenario::from_query(q).expect("a valid scenario"))
            .collect();
        // Warm up long enough for the engine to move the hot code to its optimising tier.
        for i in 0..100 {
            model.run(&scenarios[i % scenarios.len()]).expect("runs");
        }
        let mut turn = 0;
        let (median, p95) = timed(200, || {
            turn += 1;
            model.run(&scenarios[turn % scenarios.len()]).expect("runs")
        });
        console_log!(
            "BENCH wasm run ({name}): median {median:.3} ms, p95 {p95:.3} ms over 200 runs"
        );
        // The same scenarios for each practice's money alone (`Model::totals`: no groups, no
        // story results, no comparison under other rules), so that the table can say how much
        // of a run the money itself takes.
        let mut turn = 0;
        let (median, p95) = timed(200, || {
            turn += 1;
            model
                .totals(&scenarios[turn % scenarios.len()])
                .expect("runs")
        });
        console_log!(
            "BENCH wasm totals ({name}): median {median:.3} ms, p95 {p95:.3} ms over 200 runs"
        );
        let total = model
            .run(&scenarios[0])
            .expect("runs")
            .national
            .scenario_pence;
        assert!(total > 1_000_000_000_000, "the run paid out over £10bn");
        let paid: i64 = model
            .totals(&scenarios[0])
            .expect("runs")
            .scenario_pence
            .iter()
            .sum();
        assert_eq!(paid, total, "the totals add up to the run's national total");
    }
}
