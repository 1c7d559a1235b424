//! One proposal against another on the real England dataset: B against A is (B against
//! 2022/23) less (A against 2022/23), practice by practice and group by group, to the penny.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{assert_groups_add_up, dataset, model};
use gpfe_core::model::{compare, ModelError, Outcome, BINS};
use gpfe_core::scenario::{Scenario, PRESETS};

fn scenario(query: &str) -> Scenario {
    Scenario::from_query(query).unwrap()
}

fn outcome(query: &str) -> Outcome {
    model().run(&scenario(query)).unwrap()
}

/// Every figure of B against A follows from the two outcomes.
fn assert_b_against_a(a: &Outcome, b: &Outcome, c: &Outcome) {
    let mut with_patients = 0;
    for ((pa, pb), pc) in a.practices.iter().zip(&b.practices).zip(&c.practices) {
        assert_eq!(pc.total_baseline_pence, pa.total_scenario_pence);
        assert_eq!(pc.total_scenario_pence, pb.total_scenario_pence);
        // The change from A to B is B's change from 2022/23 less A's, to the penny.
        assert_eq!(pc.change_pence(), pb.change_pence() - pa.change_pence());
        // As in any outcome: the total less the pooled money plus the lever amounts.
        let levers = pc.london_adjustment_pence
            + pc.following_pence
            + pc.floor_top_up_pence
            + pc.network_pool_pence
            + pc.qof_successor_pence
            + pc.savings_pence
            + pc.budget_holder_pence
            + pc.local_discretion_pence
            + pc.new_money_pence
            + pc.core_shift_pence;
        assert_eq!(
            pc.total_scenario_pence,
            pc.total_baseline_pence - pc.pooled_baseline_pence + pc.pooled_scenario_pence + levers
        );
        // £ per weighted patient on the fixed yardstick on both sides.
        assert_eq!(
            pc.per_weighted(),
            (pa.per_weighted().1, pb.per_weighted().1)
        );
        if pc.registered_scenario > 0.0 {
            with_patients += 1;
        }
    }
    let bins: usize = c.winners_losers.iter().map(|b| b.practices).sum();
    assert_eq!(bins, with_patients);
    assert_eq!(c.national.baseline_pence, a.national.scenario_pence);
    assert_eq!(c.national.scenario_pence, b.national.scenario_pence);
    for ((ga, gb), gc) in a
        .by_imd_quintile
        .iter()
        .zip(&b.by_imd_quintile)
        .zip(&c.by_imd_quintile)
    {
        assert_eq!(gc.change_pence(), gb.change_pence() - ga.change_pence());
        assert_eq!(gc.baseline_per_weighted(), ga.scenario_per_weighted());
        assert_eq!(gc.scenario_per_weighted(), gb.scenario_per_weighted());
    }
    let equity = |o| model().equity(o);
    assert_eq!(equity(c).baseline, equity(a).scenario);
    assert_eq!(equity(c).scenario, equity(b).scenario);
    assert_groups_add_up(c);
}

#[test]
fn b_against_a_is_the_difference_of_their_changes_to_the_penny() {
    let (a, b) = (outcome("preset=age-only"), outcome("preset=need-index"));
    let c = compare(&a, &b).unwrap();
    assert_b_against_a(&a, &b, &c);
    // Both share the same fixed pot: money is conserved between them.
    assert_eq!(c.national.baseline_pence, c.national.scenario_pence);
    assert_eq!(c.national.scenario_pence, 1_023_009_480_370);
    assert!(c.gainers() > 1000 && c.losers() > 1000);
    assert_eq!(
        c,
        model()
            .run_pair(&scenario("preset=age-only"), &scenario("preset=need-index"))
            .unwrap()
    );
    // Against 2022/23, B against the default scenario is B itself, figure for figure.
    let baseline = outcome("");
    let against_2022 = compare(&baseline, &b).unwrap();
    for (x, y) in against_2022.practices.iter().zip(&b.practices) {
        assert_eq!(x.change_pence(), y.change_pence());
        assert_eq!(x.per_weighted(), y.per_weighted());
    }
    assert_eq!(against_2022.winners_losers, b.winners_losers);
    assert_eq!(against_2022.by_imd_quintile, b.by_imd_quintile);
}

#[test]
fn every_preset_against_another_keeps_the_rules() {
    // Every preset against the next one, levers that add or take money included.
    for pair in PRESETS.windows(2) {
        let (a, b) = (outcome(pair[0].query), outcome(pair[1].query));
        let c = compare(&a, &b).unwrap();
        assert_b_against_a(&a, &b, &c);
        let d = dataset();
        for (i, p) in d.practices.iter().enumerate().step_by(97) {
            let rows = c.practice_rows(p, i).unwrap();
            let sum = |side: fn(&(&str, i64, i64)) -> i64| rows.rows.iter().map(side).sum::<i64>();
            assert_eq!(sum(|r| r.1), rows.total.1, "{} {}", pair[0].name, p.code);
            assert_eq!(sum(|r| r.2), rows.total.2, "{} {}", pair[1].name, p.code);
            assert_eq!(rows.total.1, a.practices[i].total_scenario_pence);
            assert_eq!(rows.total.2, b.practices[i].total_scenario_pence);
        }
    }
}

#[test]
fn a_scenario_against_itself_changes_nothing() {
    let a = outcome("preset=deprivation-uplift&lt=0.1");
    let c = compare(&a, &a).unwrap();
    assert!(c.practices.iter().all(|r| r.change_pence() == 0));
    assert_eq!(c.gainers() + c.losers(), 0);
    let middle = BINS.len() / 2;
    let with_patients = a
        .practices
        .iter()
        .filter(|r| r.registered_scenario > 0.0)
        .count();
    assert_eq!(c.winners_losers[middle].practices, with_patients);
    assert!(c.by_imd_quintile.iter().all(|g| g.change_pence() == 0));
}

#[test]
fn outcomes_of_different_datasets_are_not_compared() {
    let a = outcome("preset=age-only");
    let mut fewer = a.clone();
    fewer.practices.pop();
    assert_eq!(
        compare(&a, &fewer),
        Err(ModelError::NotComparable { what: "practices" })
    );
    let mut other = a.clone();
    other.by_region.pop();
    assert_eq!(
        compare(&other, &a).unwrap_err().to_string(),
        "the two scenarios cannot be compared: their regions differ"
    );
}
