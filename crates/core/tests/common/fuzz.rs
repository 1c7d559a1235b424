//! The fuzz targets' bodies. `cargo fuzz` drives them with coverage-guided inputs (see
//! `fuzz/`); `tests/fuzz.rs` replays every saved input through them on stable Rust, so each
//! crash once found stays a regression test. Each panics only when an invariant breaks.

use super::{assert_invariants, dataset, model};
use gpfe_core::data::import::import_payments;
use gpfe_core::model::{Model, ModelError};
use gpfe_core::scenario::{Kind, Scenario, PARAMETERS};

/// The URL parser on any text: it never panics, reports each bad part by key, and whatever it
/// accepts writes back to a query string that reads as the same scenario.
pub fn url(data: &[u8]) {
    let query = String::from_utf8_lossy(data);
    let (lenient, errors) = Scenario::from_query_lenient(&query);
    match Scenario::from_query(&query) {
        Ok(strict) => {
            assert!(errors.is_empty());
            assert_eq!(strict, lenient, "strict and lenient readings agree");
        }
        Err(e) => assert_eq!(
            Some(&e),
            errors.first(),
            "strict stops at the first problem"
        ),
    }
    for e in &errors {
        // Every problem is named to the user by its key, in quotes, at the start of the message.
        let message = e.to_string();
        assert!(
            message.starts_with(&format!("'{}'", e.key())),
            "{message:?} does not start with its key {:?}",
            e.key()
        );
    }
    let written = lenient.to_query();
    assert_eq!(
        Scenario::from_query(&written).as_ref(),
        Ok(&lenient),
        "{written}"
    );
}

/// A scenario built from the bytes, setting any parameter to its bounds, to a value inside them
/// or to an arbitrary number (which must be refused without changing anything), then run.
pub fn scenario(data: &[u8]) {
    let s = scenario_from(data);
    let written = s.to_query();
    assert_eq!(Scenario::from_query(&written).as_ref(), Ok(&s), "{written}");
    check_run(model(), &s);
}

/// The payments-file importer on any bytes: it never panics, and a file it accepts runs through
/// the model at the default settings and with an all-capitation formula, keeping every invariant.
pub fn csv(data: &[u8]) {
    match import_payments("fuzz.csv", data, dataset()) {
        Ok(d) => {
            let model = Model::new(&d);
            for s in [
                Scenario::default(),
                Scenario::from_query("v=1&ns=0&qof=1&pcn=1&es=1").expect("a valid query"),
            ] {
                match model.run(&s) {
                    Ok(o) => assert_invariants(&d, &model, &o),
                    Err(e) => assert!(allowed(&s, &e), "unexpected error {e}"),
                }
            }
        }
        Err(problems) => {
            assert!(!problems.is_empty());
            for p in &problems {
                assert!(!p.to_string().is_empty());
            }
        }
    }
}

fn check_run(model: &Model, s: &Scenario) {
    match model.run(s) {
        Ok(o) => assert_invariants(dataset(), model, &o),
        Err(e) => assert!(allowed(s, &e), "unexpected error {e} for {}", s.to_query()),
    }
}

/// The refusals a valid scenario may meet: no age-sex weight at all, a London adjustment bigger
/// than the Global Sum, or a digital-first host or ICB, or a Health Equity Payment's ICB, that is
/// not in the data. Anything else is a fault.
fn allowed(s: &Scenario, e: &ModelError) -> bool {
    match e {
        ModelError::Formula(_) => s.age_sex_weights.iter().flatten().all(|w| *w == 0.0),
        ModelError::LondonAdjustmentTooLarge { .. }
        | ModelError::DigitalFirst(_)
        | ModelError::LocalDiscretion(_) => true,
        _ => false,
    }
}

/// Codes a fuzzed code parameter may take: real practices (GP at Hand, a large one, one without
/// patients), a real ICB, and codes that exist nowhere.
const CODES: [&str; 7] = ["E85124", "A84036", "A81015", "QHM", "ZZZ999", "", "e85124"];

fn scenario_from(data: &[u8]) -> Scenario {
    let mut bytes = data.iter().copied();
    let mut next = move || bytes.next().unwrap_or(0);
    let mut s = Scenario::default();
    for p in PARAMETERS {
        let pick = next();
        if pick < 96 {
            continue;
        }
        let value = match p.kind() {
            Kind::Number { min, max, .. } => match pick % 4 {
                0 => min.to_string(),
                1 => max.to_string(),
                2 => {
                    let t = f64::from(u16::from_le_bytes([next(), next()])) / f64::from(u16::MAX);
                    (min + (max - min) * t).to_string()
                }
                _ => f64::from_le_bytes(std::array::from_fn(|_| next())).to_string(),
            },
            Kind::Switch => (pick % 2).to_string(),
            Kind::Choice(choices) => choices[usize::from(pick) % choices.len()].to_string(),
            Kind::Code => CODES[usize::from(pick) % CODES.len()].to_string(),
        };
        let before = s.clone();
        if s.set(p.key, &value).is_err() {
            assert_eq!(s, before, "a refused {}={value} changes nothing", p.key);
        }
    }
    s
}
