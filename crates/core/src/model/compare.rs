//! One proposal against another: an [`Outcome`] whose "baseline" is scenario A and whose
//! "scenario" is scenario B, so that every chart, table and sentence made from an outcome shows
//! B against A with no code of its own.
//!
//! Each practice's and each group's baseline money is what A pays it and its scenario money what
//! B pays it; the winners and losers are counted again on the change from A to B; the equity
//! measures ([`super::Model::equity`]) are A's and B's own. £ per weighted patient keeps the
//! fixed yardstick on both sides: A's money is divided by A's yardstick and B's by B's (each the
//! published 2022/23 weighted list of the practice's patients in that scenario). A lever's own
//! results (networks, the budget holder, the spending path...) belong to one scenario and are
//! left out; the two outcomes are kept in [`Outcome::pair`] for them and for a practice's
//! payments line by line.

use std::sync::Arc;

use super::metrics::{bin, Bin};
use super::outcome::{FormulaColumns, Outcome, Pot, PotLine, PracticeResult, PracticeRows};
use super::{Group, Model, ModelError};
use crate::scenario::Scenario;

/// The two outcomes an outcome of B against A was made from.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub a: Outcome,
    pub b: Outcome,
}

/// B against A: see the module's notes. The outcomes must be of the same dataset (the same
/// practices and groups); otherwise an error says what differs.
pub fn compare(a: &Outcome, b: &Outcome) -> Result<Outcome, ModelError> {
    let mismatch = |what: &'static str| ModelError::NotComparable { what };
    if a.practices.len() != b.practices.len() {
        return Err(mismatch("practices"));
    }
    let practices: Vec<PracticeResult> = a
        .practices
        .iter()
        .zip(&b.practices)
        .map(|(a, b)| practice(a, b))
        .collect();
    let mut winners_losers = [Bin::default(); 5];
    for r in practices.iter().filter(|r| r.registered_scenario > 0.0) {
        let bin = &mut winners_losers[bin(r.change_pct())];
        bin.practices += 1;
        bin.patients += r.registered_scenario;
    }
    let groups = |a: &[Group], b: &[Group], what: &'static str| -> Result<Vec<Group>, ModelError> {
        if a.len() != b.len() || a.iter().zip(b).any(|(a, b)| a.code != b.code) {
            return Err(mismatch(what));
        }
        Ok(a.iter().zip(b).map(|(a, b)| group(a, b)).collect())
    };
    Ok(Outcome {
        national: group(&a.national, &b.national),
        by_imd_decile: groups(&a.by_imd_decile, &b.by_imd_decile, "deprivation deciles")?,
        by_imd_quintile: groups(&a.by_imd_quintile, &b.by_imd_quintile, "deprivation fifths")?,
        by_region: groups(&a.by_region, &b.by_region, "regions")?,
        by_icb: groups(&a.by_icb, &b.by_icb, "ICBs")?,
        by_sub_icb: groups(&a.by_sub_icb, &b.by_sub_icb, "sub-ICB locations")?,
        by_pcn: groups(&a.by_pcn, &b.by_pcn, "PCNs")?,
        by_rurality: groups(&a.by_rurality, &b.by_rurality, "rurality groups")?,
        by_list_size: groups(&a.by_list_size, &b.by_list_size, "list-size bands")?,
        by_contract: groups(&a.by_contract, &b.by_contract, "contract types")?,
        by_local_authority: groups(&a.by_local_authority, &b.by_local_authority, "councils")?,
        by_constituency: groups(&a.by_constituency, &b.by_constituency, "constituencies")?,
        winners_losers,
        pot: pot(&a.pot, &b.pot),
        implausible_remainders: a.implausible_remainders,
        practices,
        formula: FormulaColumns {
            baseline: a.formula.scenario.clone(),
            scenario: b.formula.scenario.clone(),
        },
        digital_first: None,
        networks: None,
        qof_successor: None,
        savings: None,
        envelope: None,
        new_money: None,
        budget_holder: None,
        local_discretion: None,
        transition: None,
        core_shift: None,
        pair: Some(Arc::new(Pair {
            a: a.clone(),
            b: b.clone(),
        })),
    })
}

impl Model {
    /// Runs scenarios A and B and gives B against A (see [`compare`]).
    pub fn run_pair(&self, a: &Scenario, b: &Scenario) -> Result<Outcome, ModelError> {
        compare(&self.run(a)?, &self.run(b)?)
    }
}

/// A practice under B against A. The lever amounts are B's less A's, and the pooled baseline is
/// B's pooled lines as paid plus what A changed on the lines it pools, so that, as in any
/// outcome, B's total is A's less the pooled baseline plus B's pooled money plus the amounts.
fn practice(a: &PracticeResult, b: &PracticeResult) -> PracticeResult {
    PracticeResult {
        registered_baseline: a.registered_scenario,
        registered_scenario: b.registered_scenario,
        // A's side of £ per weighted patient is on A's yardstick.
        weighted_baseline: a.yardstick,
        weighted_scenario: b.weighted_scenario,
        yardstick: b.yardstick,
        age_sex_index_baseline: a.age_sex_index_scenario,
        age_sex_index_scenario: b.age_sex_index_scenario,
        other_index_baseline: a.other_index_scenario,
        other_index_scenario: b.other_index_scenario,
        implausible_remainder: a.implausible_remainder,
        pooled_baseline_pence: b.pooled_baseline_pence + a.pooled_scenario_pence
            - a.pooled_baseline_pence,
        pooled_scenario_pence: b.pooled_scenario_pence,
        london_adjustment_pence: b.london_adjustment_pence - a.london_adjustment_pence,
        following_pence: b.following_pence - a.following_pence,
        floor_top_up_pence: b.floor_top_up_pence - a.floor_top_up_pence,
        network_pool_pence: b.network_pool_pence - a.network_pool_pence,
        qof_successor_pence: b.qof_successor_pence - a.qof_successor_pence,
        savings_pence: b.savings_pence - a.savings_pence,
        budget_holder_pence: b.budget_holder_pence - a.budget_holder_pence,
        local_discretion_pence: b.local_discretion_pence - a.local_discretion_pence,
        new_money_pence: b.new_money_pence - a.new_money_pence,
        core_shift_pence: b.core_shift_pence - a.core_shift_pence,
        total_baseline_pence: a.total_scenario_pence,
        total_scenario_pence: b.total_scenario_pence,
        imd_decile: a.imd_decile,
        imd_quintile: a.imd_quintile,
    }
}

/// A group under B against A: A's money, patients and yardstick as the baseline, B's as the
/// scenario.
fn group(a: &Group, b: &Group) -> Group {
    Group {
        code: a.code.clone(),
        name: a.name.clone(),
        practices: a.practices,
        registered_baseline: a.registered,
        registered: b.registered,
        weighted_baseline: a.yardstick,
        weighted_scenario: b.weighted_scenario,
        yardstick: b.yardstick,
        baseline_pence: a.scenario_pence,
        scenario_pence: b.scenario_pence,
    }
}

/// B's pot, each line's baseline being what A pays on it (as A shares it where A pools it, as
/// paid where not).
fn pot(a: &Pot, b: &Pot) -> Pot {
    let lines: Vec<PotLine> = b
        .lines
        .iter()
        .map(|line| PotLine {
            baseline_pence: a
                .lines
                .iter()
                .find(|l| l.key == line.key)
                .map_or(line.baseline_pence, |l| l.scenario_pence),
            ..line.clone()
        })
        .collect();
    Pot {
        mode: b.mode,
        baseline_pence: lines.iter().map(|l| l.baseline_pence).sum(),
        lines,
        allocated_pence: b.allocated_pence,
        london_adjustment_pence: b.london_adjustment_pence,
        floor_cost_pence: b.floor_cost_pence,
        floor_practices: b.floor_practices,
    }
}

impl Pair {
    /// A practice's payments row by row, A's as the baseline and B's as the scenario: each
    /// row either shows (a row only one of them has is 0 in the other), in A's order then B's,
    /// so that the rows add up to each side's total exactly.
    pub fn practice_rows(
        &self,
        practice: &crate::data::Practice,
        index: usize,
    ) -> Option<PracticeRows> {
        let a = self.a.practice_rows(practice, index)?;
        let b = self.b.practice_rows(practice, index)?;
        fn merge(
            a: &[(&'static str, i64, i64)],
            b: &[(&'static str, i64, i64)],
        ) -> Vec<(&'static str, i64, i64)> {
            let mut rows: Vec<(&'static str, i64, i64)> = a
                .iter()
                .map(|&(label, _, pence)| (label, pence, 0))
                .collect();
            for &(label, _, pence) in b {
                match rows.iter_mut().find(|r| r.0 == label) {
                    Some(row) => row.2 = pence,
                    None => rows.push((label, 0, pence)),
                }
            }
            rows
        }
        Some(PracticeRows {
            rows: merge(&a.rows, &b.rows),
            total: (a.total.0, a.total.2, b.total.2),
            outside_total: merge(&a.outside_total, &b.outside_total),
        })
    }
}
