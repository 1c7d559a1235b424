//! A practice's receipt on the real England dataset: its payments add up to the practice panel's
//! total to the penny, its weighted list is registered patients × its factors, and its age bands
//! give the model's age-sex index, for every preset and practices of every kind.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{dataset, model};
use gpfe_core::data::{Dataset, Rurality};
use gpfe_core::model::Outcome;
use gpfe_core::receipt::{receipt, Receipt, ReceiptError, Role, Step, Value, ADJUSTMENT};
use gpfe_core::scenario::{Scenario, WholeFormula, PRESETS};

/// The relative tolerance of the products of indices: the model's own checks of its parts use
/// the same (floating-point products of eight factors).
const PRODUCT_TOLERANCE: f64 = 1e-6;

/// One column of a step: 2022/23's figure or the scenario's.
type Column = fn(&Step) -> Value;

fn number(v: Value) -> f64 {
    match v {
        Value::Number(x) => x,
        other => panic!("not a number: {other:?}"),
    }
}

fn pence(v: Value) -> i64 {
    match v {
        Value::Pence(p) => p,
        other => panic!("not pence: {other:?}"),
    }
}

/// E85124 (a digital-first practice in London, also England's largest list), the largest list
/// after it, the smallest list, the largest rural list, and the smallest rural list.
fn practices(d: &Dataset) -> Vec<usize> {
    let with_list = || {
        d.practices
            .iter()
            .enumerate()
            .filter(|(_, p)| p.registered() > 0.0 && p.code != "E85124")
    };
    let by_list = |a: &(usize, &gpfe_core::data::Practice),
                   b: &(usize, &gpfe_core::data::Practice)| {
        a.1.registered().total_cmp(&b.1.registered())
    };
    let rural = || with_list().filter(|(_, p)| p.rurality == Rurality::Rural);
    let mut chosen = vec![
        d.practice_index("E85124")
            .expect("E85124 is in the dataset"),
        with_list().max_by(by_list).unwrap().0,
        with_list().min_by(by_list).unwrap().0,
        rural().max_by(by_list).unwrap().0,
        rural().min_by(by_list).unwrap().0,
    ];
    chosen.dedup();
    chosen
}

fn check(query: &str, scenario: &Scenario, o: &Outcome, i: usize) -> Receipt {
    let d = dataset();
    let p = &d.practices[i];
    let r = &o.practices[i];
    let what = format!("{query} {}", p.code);
    let receipt = receipt(d, model(), scenario, o, i).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(receipt.code, p.code);

    // The payments add up to the total, and the total is the panel's.
    let total = receipt.step("total").unwrap();
    let (b, s) = receipt.payments_pence();
    assert_eq!(b, pence(total.baseline), "{what}");
    assert_eq!(s, pence(total.scenario), "{what}");
    let panel = o.practice_rows(p, i).unwrap().total;
    assert_eq!(pence(total.baseline), panel.1, "{what}");
    assert_eq!(pence(total.scenario), panel.2, "{what}");
    assert_eq!(pence(total.baseline), p.total_pence(), "{what}");
    assert_eq!(pence(total.scenario), r.total_scenario_pence, "{what}");
    let change = receipt.step("change").unwrap();
    assert_eq!(pence(change.scenario), r.change_pence(), "{what}");

    // Registered patients × every factor = the weighted list.
    let registered = receipt.step("registered").unwrap();
    let weighted = receipt.step("weighted").unwrap();
    assert_eq!(number(weighted.baseline), r.weighted_baseline, "{what}");
    assert_eq!(number(weighted.scenario), r.weighted_scenario, "{what}");
    let factors: Vec<_> = receipt
        .steps
        .iter()
        .filter(|s| matches!(s.role, Role::Factor(_)))
        .collect();
    assert_eq!(factors.len(), 8, "{what}");
    if r.weighted_baseline > 0.0 {
        let columns: [(Column, f64); 2] = [
            (|s| s.baseline, r.weighted_baseline),
            (|s| s.scenario, r.weighted_scenario),
        ];
        for (column, list) in columns {
            let rebuilt = factors
                .iter()
                .fold(number(column(registered)), |acc, f| acc * number(column(f)));
            assert!(
                (rebuilt - list).abs() <= PRODUCT_TOLERANCE * list.max(1.0),
                "{what}: {rebuilt} against {list}"
            );
        }
    }

    // The age bands give the model's age-sex index.
    let bands: Vec<_> = receipt
        .steps
        .iter()
        .filter(|s| s.key.starts_with("age-") && s.key.len() <= 10)
        .collect();
    assert_eq!(bands.len(), 7, "{what}");
    let per = receipt.step("age-sex-per-patient").unwrap();
    let england = receipt.step("age-sex-england").unwrap();
    let index = receipt.step("age-sex-index").unwrap();
    let mut columns: Vec<(Column, f64)> = vec![(|s| s.baseline, r.registered_baseline)];
    if scenario.formula != WholeFormula::PrimaryMedicalCare {
        columns.push((|s| s.scenario, r.registered_scenario));
    }
    for (column, list) in columns {
        let work: f64 = bands.iter().map(|s| number(column(s))).sum();
        assert!(
            (work / list - number(column(per))).abs() < 1e-12 * work.max(1.0),
            "{what}"
        );
        let rebuilt = number(column(per)) / number(column(england));
        let model_index = number(column(index));
        assert!(
            (rebuilt - model_index).abs() < 1e-9,
            "{what}: {rebuilt} against {model_index}"
        );
    }

    // Each pooled line's share of its pot gives its payment.
    for line in &o.pot.lines {
        let key = line.key.as_str();
        let pot = receipt.step(&format!("pot-{key}")).unwrap();
        let share = receipt.step(&format!("share-{key}")).unwrap();
        let pay = receipt.step(&format!("pay-{key}")).unwrap();
        assert_eq!(pence(pot.scenario), line.scenario_pence, "{what} {key}");
        assert_eq!(pence(pay.scenario), line.practice_pence[i], "{what} {key}");
        let from_share = number(share.scenario) * pence(pot.scenario) as f64;
        assert!(
            (from_share - pence(pay.scenario) as f64).abs() < 0.5,
            "{what} {key}: {from_share}"
        );
    }
    // Every lever's adjustment is explained in its own words.
    for step in receipt.steps.iter().filter(|s| s.key.starts_with("line-")) {
        assert_ne!(step.explanation, ADJUSTMENT, "{what}: {}", step.label);
    }
    // Every step has a label and an explanation of one line.
    for step in &receipt.steps {
        assert!(
            !step.label.is_empty() && !step.explanation.is_empty(),
            "{what}"
        );
        assert!(!step.explanation.contains('\n'), "{what}");
    }
    receipt
}

#[test]
fn every_presets_receipt_adds_up_to_the_panels_figures() {
    let d = dataset();
    let chosen = practices(d);
    assert_eq!(chosen.len(), 5);
    for preset in PRESETS {
        let scenario = Scenario::from_query(preset.query).unwrap();
        let o = model().run(&scenario).unwrap();
        let mut these = chosen.clone();
        if let Some(df) = &o.digital_first {
            these.push(df.host);
        }
        for &i in &these {
            check(preset.query, &scenario, &o, i);
        }
    }
}

#[test]
fn pooled_lines_outside_the_total_a_fixed_price_another_formula_and_an_income_multiplier_add_up_too(
) {
    let d = dataset();
    for query in [
        "v=1&pcn=1&qof=1&es=1&share=formula",
        "v=1&fix=price&an=0",
        "v=1&fm=own&dep=0.2",
        "v=1&dfn=23997&dfx=0.8",
    ] {
        let scenario = Scenario::from_query(query).unwrap();
        let o = model().run(&scenario).unwrap();
        for i in practices(d) {
            let receipt = check(query, &scenario, &o, i);
            if query.contains("pcn=1") {
                assert!(
                    receipt
                        .steps
                        .iter()
                        .any(|s| s.role == Role::OutsideTotal && s.key.starts_with("pay-")),
                    "{query}"
                );
            }
        }
    }
}

#[test]
fn e85124s_receipt_in_2022_23_shows_its_published_figures() {
    let d = dataset();
    let i = d.practice_index("E85124").unwrap();
    let scenario = Scenario::default();
    let o = model().run(&scenario).unwrap();
    let receipt = check("", &scenario, &o, i);
    // GP at Hand's published 2022/23 figures: 109,484.50 registered, 84,032.72 weighted
    // patients, £9,991,908.40 total NHS payments.
    let step = |k: &str| receipt.step(k).unwrap();
    assert_eq!(step("registered").baseline_text(), "109,484.50");
    assert_eq!(step("weighted").baseline_text(), "84,032.72");
    assert_eq!(step("total").baseline_text(), "£9,991,908.40");
    assert_eq!(step("total").scenario_text(), "£9,991,908.40");
    assert_eq!(step("change").scenario_text(), "£0.00");
    // A young London list: its age-sex index is well below England's average.
    assert!(number(step("age-sex-index").baseline) < 0.8);
    // The CSV has a header and one row per step.
    let csv = receipt.to_csv();
    assert_eq!(csv.lines().count(), receipt.steps.len() + 1);
    assert!(csv.contains("\ntotal,Total,Total NHS payments,total,pounds,9991908.40,9991908.40,"));
}

#[test]
fn no_receipt_for_a_practice_that_is_not_there() {
    let d = dataset();
    let scenario = Scenario::default();
    let o = model().run(&scenario).unwrap();
    let n = d.practices.len();
    assert_eq!(
        receipt(d, model(), &scenario, &o, n),
        Err(ReceiptError::NoPractice(n))
    );
}
