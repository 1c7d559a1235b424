//! Speed of the model over every practice in England: `cargo bench --bench model`.
//!
//! Prints criterion's figures for a full run with every aggregate (the app's work per slider
//! move), for building the dataset-dependent part once, and for decoding the start-up dataset
//! and attaching the names file.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{criterion_group, Criterion};
    use gpfe_core::data::Dataset;
    use gpfe_core::model::Model;
    use gpfe_core::scenario::Scenario;
    use std::hint::black_box;

    const DATASET: &[u8] = include_bytes!("../../../public/data/england-2022-23.bin");
    const NAMES: &[u8] = include_bytes!("../../../public/data/england-2022-23-names.bin");

    /// Heap bytes held by the dataset's practices (their strings and funding lines included).
    fn dataset_bytes(d: &Dataset) -> usize {
        d.practices
            .iter()
            .map(|p| {
                std::mem::size_of_val(p)
                    + p.code.capacity()
                    + p.name.capacity()
                    + p.postcode.capacity()
            })
            .sum::<usize>()
            + d.boundaries
                .iter()
                .map(|s| s.rings.iter().map(|r| r.capacity() * 16).sum::<usize>())
                .sum::<usize>()
    }

    /// Heap bytes held by one outcome: per-practice results, per-line shares and the groups.
    fn outcome_bytes(o: &gpfe_core::model::Outcome) -> usize {
        let groups = o.by_imd_decile.len()
            + o.by_imd_quintile.len()
            + o.by_region.len()
            + o.by_icb.len()
            + o.by_sub_icb.len()
            + o.by_pcn.len()
            + o.by_rurality.len()
            + o.by_list_size.len()
            + o.by_contract.len()
            + o.by_local_authority.len()
            + o.by_constituency.len();
        o.practices.capacity() * std::mem::size_of::<gpfe_core::model::PracticeResult>()
            + o.pot
                .lines
                .iter()
                .map(|l| l.practice_pence.capacity() * 8)
                .sum::<usize>()
            + groups * std::mem::size_of::<gpfe_core::model::Group>()
    }

    fn model(c: &mut Criterion) {
        let dataset = Dataset::from_files(DATASET, NAMES).expect("the dataset decodes");
        let model = Model::new(&dataset);
        let outcome = model.run(&Scenario::default()).expect("runs");
        println!(
            "MEMORY dataset practices {:.1} MB; one Outcome (default pot) {:.2} MB",
            dataset_bytes(&dataset) as f64 / 1e6,
            outcome_bytes(&outcome) as f64 / 1e6
        );
        let default = Scenario::default();
        let reform = Scenario::from_query("v=1&m2=1.2&ns=0.8&dep=0.1&qof=1&es=1&floor=90")
            .expect("a valid scenario");
        c.bench_function("run: default scenario, all practices and aggregates", |b| {
            b.iter(|| model.run(black_box(&default)).expect("runs"))
        });
        c.bench_function(
            "run: reform (age weight, needs, deprivation, QOF+ES pot, floor)",
            |b| b.iter(|| model.run(black_box(&reform)).expect("runs")),
        );
        let digital_first = Scenario::from_query("preset=df-july-2018").expect("a preset");
        c.bench_function("run: digital-first, July 2018 proposals", |b| {
            b.iter(|| model.run(black_box(&digital_first)).expect("runs"))
        });
        // Its host under the rules before 2019: a second run, made on request (while the
        // story's card is on screen, or once the controls are still).
        let proposals = model.run(&digital_first).expect("runs");
        c.bench_function(
            "digital-first, July 2018: the host under the rules before 2019",
            |b| {
                b.iter(|| {
                    model
                        .rules_before_2019(black_box(&digital_first), &proposals)
                        .expect("runs")
                })
            },
        );
        // The headline's range runs after the controls settle: the scenario's own run is
        // reused, each acting input adds two runs, and the age-sex table two rebuilt models.
        let july = model.run(&digital_first).expect("runs");
        c.bench_function(
            "how sure: headline range, digital-first July 2018 (4 variants, 2 rebuilt models)",
            |b| {
                b.iter(|| {
                    gpfe_core::sensitivity::headline_range(&model, black_box(&digital_first), &july)
                })
            },
        );
        let networks = Scenario::from_query("preset=networks-40k").expect("a preset");
        c.bench_function("run: automatic networks of 40k pooling 10%", |b| {
            b.iter(|| model.run(black_box(&networks)).expect("runs"))
        });
        // Dragging the slider whose settings the model keeps from run to run (the joiners
        // placed, the networks built): two scenarios in turn, so each run builds them afresh.
        for (name, queries) in [
            (
                "run: digital-first, the number of joiners dragged",
                [
                    "preset=df-july-2018&dfn=23000",
                    "preset=df-july-2018&dfn=25000",
                ],
            ),
            (
                "run: automatic networks, the target size dragged",
                [
                    "preset=networks-40k&nws=39000",
                    "preset=networks-40k&nws=41000",
                ],
            ),
        ] {
            let pair = queries.map(|q| Scenario::from_query(q).expect("a valid scenario"));
            let mut turn = 0;
            c.bench_function(name, |b| {
                b.iter(|| {
                    turn += 1;
                    model.run(black_box(&pair[turn % 2])).expect("runs")
                })
            });
        }
        c.bench_function("Model::new (once per dataset)", |b| {
            b.iter(|| Model::new(black_box(&dataset)))
        });
        c.bench_function("Dataset::from_bytes (decode start-up dataset)", |b| {
            b.iter(|| Dataset::from_bytes(black_box(DATASET)).expect("decodes"))
        });
        c.bench_function("Dataset::attach_names (names file)", |b| {
            b.iter_batched(
                || Dataset::from_bytes(DATASET).expect("decodes"),
                |mut d| d.attach_names(black_box(NAMES)).expect("attaches"),
                criterion::BatchSize::LargeInput,
            )
        });
    }

    criterion_group!(benches, model);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
