//! What a scenario does: each practice's result, the pot as shared, the groups, and each
//! story's own results. [`Outcome`] is what the app shows and `gpfe` prints.

use super::formula::{FormulaParts, PopulationParts};
use super::levers::budget_holder::{CoreShiftOutcome, HolderOutcome};
use super::levers::digital_first::DigitalFirstOutcome;
use super::levers::envelope::{EnvelopeYear, NewMoneyOutcome};
use super::levers::local_discretion::LocalDiscretionOutcome;
use super::levers::networks::NetworksOutcome;
use super::levers::qof_successor::QofOutcome;
use super::levers::savings::SavingsOutcome;
use super::metrics::{self, Bin, Group};
use crate::data::{FundingLineKey, FUNDING_LINES, HEADLINE_FUNDING_LINE_COUNT};
use crate::scenario::PotMode;
use std::sync::Arc;

/// One pooled funding line after sharing.
#[derive(Debug, Clone, PartialEq)]
pub struct PotLine {
    /// Funding line key (see `data::FUNDING_LINES`).
    pub key: FundingLineKey,
    pub label: &'static str,
    pub baseline_pence: i64,
    pub scenario_pence: i64,
    /// Each practice's scenario amount on this line, pence.
    pub practice_pence: Vec<i64>,
}

/// The pot as a whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Pot {
    pub mode: PotMode,
    pub lines: Vec<PotLine>,
    /// Σ of the pooled lines in the baseline, pence.
    pub baseline_pence: i64,
    /// Σ of the pooled lines in the scenario plus the London adjustment, pence (equal to the
    /// baseline in a fixed pot).
    pub allocated_pence: i64,
    /// London adjustment paid, pence.
    pub london_adjustment_pence: i64,
    /// Cost of the floor's top-ups (new money), pence.
    pub floor_cost_pence: i64,
    /// Practices topped up by the floor.
    pub floor_practices: usize,
}

/// One practice's result.
#[derive(Debug, Clone, PartialEq)]
pub struct PracticeResult {
    /// Registered patients in 2022/23.
    pub registered_baseline: f64,
    /// Registered patients in the scenario (changed only where patients move).
    pub registered_scenario: f64,
    /// The published 2022/23 weighted list.
    pub weighted_baseline: f64,
    /// The scenario's weighted list: what the scenario's formula shares money by.
    pub weighted_scenario: f64,
    /// The yardstick for £ per weighted patient in the scenario: the published 2022/23 formula
    /// applied to the practice's patients in the scenario. It equals `weighted_baseline` unless
    /// patients moved, so a per-head figure moves with money alone and baseline and scenario
    /// can be compared (dividing by the scenario's own weighted list would hide what the
    /// formula changed).
    pub yardstick: f64,
    pub age_sex_index_baseline: f64,
    pub age_sex_index_scenario: f64,
    /// Turnover × rest of the formula, baseline.
    pub other_index_baseline: f64,
    pub other_index_scenario: f64,
    /// The remainder of its published list is outside [`super::parts::REMAINDER_PLAUSIBLE`]:
    /// its age bands probably do not describe the list the published figure was made from.
    pub implausible_remainder: bool,
    pub pooled_baseline_pence: i64,
    /// Pooled lines after sharing (without London adjustment or floor).
    pub pooled_scenario_pence: i64,
    pub london_adjustment_pence: i64,
    /// Payments outside the pot that followed patients who moved (the digital-first story),
    /// pence.
    pub following_pence: i64,
    pub floor_top_up_pence: i64,
    /// Money gained (or given) through the network pool, pence.
    pub network_pool_pence: i64,
    /// Money gained (or lost) by the QOF successor, pence.
    pub qof_successor_pence: i64,
    /// Reinvested savings paid to the practice (new money), pence.
    pub savings_pence: i64,
    /// Change from the budget holder: diverted, double running, surplus passed on, pence.
    pub budget_holder_pence: i64,
    /// Change from an ICB's Health Equity Payment: paid less top-sliced, pence.
    pub local_discretion_pence: i64,
    /// The stated year's new money of the spending path paid to the practice, pence.
    pub new_money_pence: i64,
    /// Core funding moved to an integrated health organisation by the stated year (negative),
    /// pence.
    pub core_shift_pence: i64,
    /// Total NHS payments (headline), pence.
    pub total_baseline_pence: i64,
    pub total_scenario_pence: i64,
    /// 1 (least deprived) to 10.
    pub imd_decile: u8,
    /// 1 (least deprived) to 5.
    pub imd_quintile: u8,
}

impl PracticeResult {
    pub fn change_pence(&self) -> i64 {
        self.total_scenario_pence - self.total_baseline_pence
    }

    /// Change in total payments as a percentage; 0 where the baseline is not positive.
    pub fn change_pct(&self) -> f64 {
        metrics::percent(self.change_pence(), self.total_baseline_pence)
    }

    /// £ per weighted patient on the fixed yardstick (the published 2022/23 weighted list of
    /// the practice's patients), baseline and scenario.
    pub fn per_weighted(&self) -> (f64, f64) {
        (
            metrics::per(self.total_baseline_pence, self.weighted_baseline),
            metrics::per(self.total_scenario_pence, self.yardstick),
        )
    }

    /// £ per registered patient, baseline (2022/23 list) and scenario (the scenario's list).
    pub fn per_registered(&self) -> (f64, f64) {
        (
            metrics::per(self.total_baseline_pence, self.registered_baseline),
            metrics::per(self.total_scenario_pence, self.registered_scenario),
        )
    }
}

/// Every practice's weighted list as a product of indices, in the baseline and the scenario:
/// registered × every index = weighted. Kept as columns beside the practices' results (not in
/// each result), shared rather than copied: see [`Outcome::parts_baseline`].
#[derive(Debug, Clone, PartialEq)]
pub struct FormulaColumns {
    /// The published list's parts (for B against A, A's).
    pub baseline: Arc<PopulationParts>,
    /// The scenario's (the age-sex index on the scenario's list).
    pub scenario: Arc<PopulationParts>,
}

/// Everything a scenario does.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub practices: Vec<PracticeResult>,
    /// The formula's parts, by practice in the order of `practices`.
    pub formula: FormulaColumns,
    pub pot: Pot,
    pub national: Group,
    pub by_imd_decile: Vec<Group>,
    pub by_imd_quintile: Vec<Group>,
    pub by_region: Vec<Group>,
    pub by_icb: Vec<Group>,
    pub by_sub_icb: Vec<Group>,
    pub by_pcn: Vec<Group>,
    pub by_rurality: Vec<Group>,
    pub by_list_size: Vec<Group>,
    pub by_contract: Vec<Group>,
    /// By the local authority (May 2024) the surgery is in.
    pub by_local_authority: Vec<Group>,
    /// By the Westminster constituency (July 2024) the surgery is in.
    pub by_constituency: Vec<Group>,
    /// Practices with registered patients in each of [`BINS`].
    pub winners_losers: [Bin; 5],
    /// The digital-first story's results, when it is on.
    pub digital_first: Option<DigitalFirstOutcome>,
    /// Networks' results, when a network lever is in use.
    pub networks: Option<NetworksOutcome>,
    /// The QOF successor's totals, when QOF money is retired.
    pub qof_successor: Option<QofOutcome>,
    /// Reinvested savings, when that lever is in use.
    pub savings: Option<SavingsOutcome>,
    /// The path of new money and the primary care share, when that lever is in use.
    pub envelope: Option<Vec<EnvelopeYear>>,
    /// The stated year's new money paid to practices, when the spending path is in use.
    pub new_money: Option<NewMoneyOutcome>,
    /// The budget holder's flows, when that lever is in use.
    pub budget_holder: Option<HolderOutcome>,
    /// An ICB's Health Equity Payment, when that lever is in use.
    pub local_discretion: Option<LocalDiscretionOutcome>,
    /// The pace of change from 2022/23 to this scenario, when it is set.
    pub transition: Option<super::levers::transition::TransitionPath>,
    /// Core funding shifting to an integrated health organisation, when that lever is in use.
    pub core_shift: Option<CoreShiftOutcome>,
    /// Practices whose remainder is implausible (see [`PracticeResult::implausible_remainder`]).
    pub implausible_remainders: usize,
    /// When this outcome is one scenario against another (see [`super::compare()`]): the two
    /// outcomes it was made from.
    pub pair: Option<std::sync::Arc<super::compare::Pair>>,
}

/// One row of a table of payments, as the page shows it, pence.
#[derive(Debug, Clone, PartialEq)]
pub struct PaymentRow {
    pub label: String,
    pub baseline_pence: i64,
    pub scenario_pence: i64,
    pub change_pence: i64,
}

impl PaymentRow {
    pub fn new(label: impl Into<String>, baseline_pence: i64, scenario_pence: i64) -> PaymentRow {
        PaymentRow {
            label: label.into(),
            baseline_pence,
            scenario_pence,
            change_pence: scenario_pence - baseline_pence,
        }
    }
}

/// A practice's payments, row by row (see [`Outcome::practice_rows`]). Each row is (label,
/// baseline pence, scenario pence).
#[derive(Debug, Clone, PartialEq)]
pub struct PracticeRows {
    /// Rows that add up exactly to `total`, under the baseline and under the scenario.
    pub rows: Vec<(&'static str, i64, i64)>,
    /// Total NHS payments to the practice.
    pub total: (&'static str, i64, i64),
    /// Lines paid to the practice outside its total NHS payments (PCN payments it receives on
    /// its network's behalf), as paid and as the scenario shares them.
    pub outside_total: Vec<(&'static str, i64, i64)>,
}

impl PracticeRows {
    /// Every row as the page's table shows it: the rows that add up to the total, the total,
    /// then the lines paid outside the total, marked so.
    pub fn table(&self) -> Vec<PaymentRow> {
        let outside = self.outside_total.iter().map(|&(label, b, s)| {
            PaymentRow::new(format!("{label} (paid outside the total)"), b, s)
        });
        self.rows
            .iter()
            .chain(std::iter::once(&self.total))
            .map(|&(label, b, s)| PaymentRow::new(label, b, s))
            .chain(outside)
            .collect()
    }
}

impl Outcome {
    /// Practice `p`'s published list as a product of indices (for B against A, its list in A).
    pub fn parts_baseline(&self, p: usize) -> FormulaParts {
        self.formula.baseline.at(p)
    }

    /// Practice `p`'s list in the scenario as a product of indices.
    pub fn parts_scenario(&self, p: usize) -> FormulaParts {
        self.formula.scenario.at(p)
    }

    /// An outcome with no practices: what the page shows if even the default scenario could not
    /// be run (it always can on a decoded dataset), so that no path has to panic.
    pub fn empty() -> Outcome {
        let none = Arc::new(PopulationParts::empty());
        Outcome {
            practices: Vec::new(),
            formula: FormulaColumns {
                baseline: none.clone(),
                scenario: none,
            },
            pot: Pot {
                mode: PotMode::FixedPot,
                lines: Vec::new(),
                baseline_pence: 0,
                allocated_pence: 0,
                london_adjustment_pence: 0,
                floor_cost_pence: 0,
                floor_practices: 0,
            },
            national: Group::new("E92000001", "England"),
            by_imd_decile: Vec::new(),
            by_imd_quintile: vec![Group::new("", ""); 5],
            by_region: Vec::new(),
            by_icb: Vec::new(),
            by_sub_icb: Vec::new(),
            by_pcn: Vec::new(),
            by_rurality: Vec::new(),
            by_list_size: Vec::new(),
            by_contract: Vec::new(),
            by_local_authority: Vec::new(),
            by_constituency: Vec::new(),
            winners_losers: [Bin::default(); 5],
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
            implausible_remainders: 0,
            pair: None,
        }
    }

    /// One practice's funding lines as (line, baseline pence, scenario pence), in the order of
    /// `data::FUNDING_LINES`: pooled lines as shared, the rest as paid.
    pub fn practice_lines(
        &self,
        practice: &crate::data::Practice,
        index: usize,
    ) -> Vec<(&'static crate::data::FundingLine, i64, i64)> {
        if let Some(pair) = &self.pair {
            let b = pair.b.practice_lines(practice, index);
            return pair
                .a
                .practice_lines(practice, index)
                .into_iter()
                .zip(b)
                .map(|((line, _, a), (_, _, b))| (line, a, b))
                .collect();
        }
        FUNDING_LINES
            .iter()
            .zip(&practice.funding)
            .map(|(line, &baseline)| {
                let scenario = self
                    .pot
                    .lines
                    .iter()
                    .find(|l| l.key == line.key)
                    .and_then(|l| l.practice_pence.get(index).copied())
                    .unwrap_or(baseline);
                (line, baseline, scenario)
            })
            .collect()
    }

    /// One practice's payments as rows of (label, baseline pence, scenario pence), laid out so
    /// that [`PracticeRows::rows`] add up exactly to [`PracticeRows::total`] under the baseline
    /// and the scenario: the funding lines that make up its total NHS payments, then each
    /// adjustment a lever made to it, then (when the pot pools them) the change in lines paid
    /// outside that total. Those lines themselves are in [`PracticeRows::outside_total`].
    /// `None` for an index the outcome does not hold.
    pub fn practice_rows(
        &self,
        practice: &crate::data::Practice,
        index: usize,
    ) -> Option<PracticeRows> {
        if let Some(pair) = &self.pair {
            return pair.practice_rows(practice, index);
        }
        let r = self.practices.get(index)?;
        let lines = self.practice_lines(practice, index);
        let (in_total, outside) = lines.split_at(HEADLINE_FUNDING_LINE_COUNT.min(lines.len()));
        let mut rows: Vec<(&'static str, i64, i64)> = in_total
            .iter()
            .map(|(line, baseline, scenario)| (line.label, *baseline, *scenario))
            .collect();
        let pooled_outside: i64 = outside.iter().map(|(_, b, s)| s - b).sum();
        let adjustments = [
            ("London adjustment", r.london_adjustment_pence),
            (
                "Payments outside the pot following the patients who moved",
                r.following_pence,
            ),
            ("Floor top-up (new money)", r.floor_top_up_pence),
            (
                "QOF successor (re-spent less retired)",
                r.qof_successor_pence,
            ),
            (
                "Network pool (shared back less put in)",
                r.network_pool_pence,
            ),
            ("Reinvested savings (new money)", r.savings_pence),
            (
                "Budget holder (diverted, double running, surplus)",
                r.budget_holder_pence,
            ),
            ("New money from the spending path", r.new_money_pence),
            (
                "Core funding moved to the integrated health organisation",
                r.core_shift_pence,
            ),
            (
                "Health Equity Payment (paid less top-sliced)",
                r.local_discretion_pence,
            ),
            (
                "PCN lines paid outside the total, as shared in the pot less as paid",
                pooled_outside,
            ),
        ];
        rows.extend(
            adjustments
                .into_iter()
                .filter(|(_, pence)| *pence != 0)
                .map(|(label, pence)| (label, 0, pence)),
        );
        Some(PracticeRows {
            rows,
            total: (
                "Total NHS payments",
                r.total_baseline_pence,
                r.total_scenario_pence,
            ),
            outside_total: outside
                .iter()
                .map(|(line, baseline, scenario)| (line.label, *baseline, *scenario))
                .collect(),
        })
    }

    /// A practice's rank by scenario £ per registered patient among practices with patients
    /// (1 = most per patient), and how many are ranked; `None` for a practice with no patients.
    pub fn rank_per_registered(&self, practice: usize) -> Option<(usize, usize)> {
        let per = |r: &PracticeResult| metrics::per(r.total_scenario_pence, r.registered_scenario);
        let mine = match self.practices.get(practice) {
            Some(r) if r.registered_scenario > 0.0 => per(r),
            _ => return None,
        };
        let (mut above, mut count) = (0, 0);
        for r in self
            .practices
            .iter()
            .filter(|r| r.registered_scenario > 0.0)
        {
            count += 1;
            if per(r) > mine {
                above += 1;
            }
        }
        Some((above + 1, count))
    }
}
