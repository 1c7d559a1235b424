//! Groups of practices: every grouping an outcome reports (England, deprivation deciles and
//! quintiles, regions, ICBs, sub-ICBs, PCNs, rurality, list size, contract, and the council and
//! constituency the surgery is in), laid out once per
//! dataset so that each run only adds its money in; the winners and losers taken over them;
//! and the equity measures, worked out on request.

use std::sync::Arc;

use super::metrics::{bin, per, percent, Bin, Equity, EquityPoint};
use super::outcome::{FormulaColumns, Outcome, Pot, PracticeResult};
use super::{metrics, Model};
use crate::data::{Area, ContractType, Dataset};

/// The fixed yardstick of every "£ per weighted patient" figure, in words: the scenario's money
/// is divided by the same need measure as the baseline's, never by the scenario's own weighted
/// list, so that the figure moves with money alone.
pub const PER_WEIGHTED_YARDSTICK: &str = "on the published 2022/23 weighted list";

/// Money and patients summed over a group of practices (an area, a decile, a band).
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub code: Arc<str>,
    pub name: Arc<str>,
    pub practices: usize,
    /// Registered patients in 2022/23.
    pub registered_baseline: f64,
    /// Registered patients in the scenario (differs only where patients moved).
    pub registered: f64,
    /// The published 2022/23 weighted list.
    pub weighted_baseline: f64,
    /// The scenario's weighted list.
    pub weighted_scenario: f64,
    /// The fixed yardstick for £ per weighted patient in the scenario: the published 2022/23
    /// weighted list of the group's patients in the scenario (see [`PracticeResult::yardstick`]).
    pub yardstick: f64,
    /// Total NHS payments to the group's practices, pence.
    pub baseline_pence: i64,
    pub scenario_pence: i64,
}

impl Group {
    pub fn new(code: impl Into<Arc<str>>, name: impl Into<Arc<str>>) -> Group {
        Group {
            code: code.into(),
            name: name.into(),
            practices: 0,
            registered_baseline: 0.0,
            registered: 0.0,
            weighted_baseline: 0.0,
            weighted_scenario: 0.0,
            yardstick: 0.0,
            baseline_pence: 0,
            scenario_pence: 0,
        }
    }

    /// Change in pence.
    pub fn change_pence(&self) -> i64 {
        self.scenario_pence - self.baseline_pence
    }

    /// Change as a percentage of the baseline; 0 where the baseline is not positive.
    pub fn change_pct(&self) -> f64 {
        percent(
            self.scenario_pence - self.baseline_pence,
            self.baseline_pence,
        )
    }

    /// £ per registered patient in the baseline (2022/23 lists); 0 with no patients.
    pub fn baseline_per_registered(&self) -> f64 {
        per(self.baseline_pence, self.registered_baseline)
    }

    pub fn scenario_per_registered(&self) -> f64 {
        per(self.scenario_pence, self.registered)
    }

    /// £ per weighted patient in the baseline (published weighted list).
    pub fn baseline_per_weighted(&self) -> f64 {
        per(self.baseline_pence, self.weighted_baseline)
    }

    /// £ per weighted patient in the scenario, on the fixed yardstick (the published 2022/23
    /// weighted list of the group's patients), so that it moves with money alone.
    pub fn scenario_per_weighted(&self) -> f64 {
        per(self.scenario_pence, self.yardstick)
    }
}

/// What [`Model::measure`] reads of each practice in a scenario, a column each, in the
/// practices' order.
pub(super) struct Columns<'a> {
    /// Registered patients (differing from 2022/23's only where patients moved).
    pub registered: &'a [f64],
    pub weighted_scenario: &'a [f64],
    pub yardstick: &'a [f64],
    /// Each practice's total NHS payments, pence.
    pub totals: &'a [i64],
}

/// One practice's part of the equity measures that no scenario changes (see
/// [`Model::build_equity_layout`]).
#[derive(Debug, Clone, Copy)]
pub(super) struct EquityBase {
    practice: u32,
    weight: f64,
    need: f64,
    quintile: usize,
    deprivation_order: usize,
}

/// List-size bands used to group practices, by registered patients (lower bound, label).
pub const LIST_SIZE_BANDS: [(f64, &str); 6] = [
    (0.0, "No registered patients"),
    (0.01, "Under 5,000"),
    (5_000.0, "5,000 to 9,999"),
    (10_000.0, "10,000 to 14,999"),
    (15_000.0, "15,000 to 19,999"),
    (20_000.0, "20,000 or more"),
];

/// The list-size band (index into [`LIST_SIZE_BANDS`]) of a practice with `registered` patients.
pub(super) fn list_size_band(registered: f64) -> usize {
    LIST_SIZE_BANDS
        .iter()
        .rposition(|(low, _)| registered >= *low)
        .unwrap_or(0)
}

#[derive(Debug, Clone)]
pub(super) struct EmptyGroups {
    national: Vec<Group>,
    decile: Vec<Group>,
    quintile: Vec<Group>,
    region: Vec<Group>,
    icb: Vec<Group>,
    sub_icb: Vec<Group>,
    pcn: Vec<Group>,
    rurality: Vec<Group>,
    list_size: Vec<Group>,
    contract: Vec<Group>,
    local_authority: Vec<Group>,
    constituency: Vec<Group>,
}

/// The groupings every outcome reports, in the order of their slots.
pub(super) const GROUPINGS: usize = 12;
/// Where the ICBs, the sub-ICB locations and the PCNs are among the groupings (the order of
/// `build_slots`).
pub(super) const ICB: usize = 4;
pub(super) const SUB_ICB: usize = 5;
pub(super) const PCN: usize = 6;

impl EmptyGroups {
    /// Every grouping's groups, with nothing in them yet.
    pub(super) fn new(dataset: &Dataset) -> EmptyGroups {
        // Each group's code and name are copied once, straight into the group's own.
        let groups = |items: Vec<(String, String)>| -> Vec<Group> {
            items
                .into_iter()
                .map(|(code, name)| Group::new(code.as_str(), name.as_str()))
                .collect()
        };
        let areas = |areas: &[Area]| -> Vec<Group> {
            areas
                .iter()
                .map(|a| Group::new(a.code.as_str(), a.name.as_str()))
                .collect()
        };
        let numbered = |n: usize, what: &str| {
            groups(
                (1..=n)
                    .map(|i| {
                        let label = match (i, n) {
                            (1, _) => format!("{what} {i} (least deprived)"),
                            (i, n) if i == n => format!("{what} {i} (most deprived)"),
                            _ => format!("{what} {i}"),
                        };
                        (i.to_string(), label)
                    })
                    .collect(),
            )
        };
        EmptyGroups {
            national: vec![Group::new("E92000001", "England")],
            decile: numbered(10, "Decile"),
            quintile: numbered(5, "Quintile"),
            region: areas(&dataset.regions),
            icb: dataset
                .icbs
                .iter()
                .map(|a| Group::new(a.code.as_str(), a.name.as_str()))
                .collect(),
            sub_icb: areas(&dataset.sub_icbs),
            pcn: areas(&dataset.pcns),
            rurality: groups(vec![
                ("urban".into(), "Urban".into()),
                ("rural".into(), "Rural".into()),
            ]),
            list_size: groups(
                LIST_SIZE_BANDS
                    .iter()
                    .enumerate()
                    .map(|(i, (_, label))| (i.to_string(), label.to_string()))
                    .collect(),
            ),
            contract: groups(
                ContractType::ALL
                    .iter()
                    .map(|c| (c.label().to_string(), c.label().to_string()))
                    .collect(),
            ),
            local_authority: areas(&dataset.local_authorities),
            constituency: areas(&dataset.constituencies),
        }
    }
}

/// An outcome's equity measures (see [`Model::equity`]).
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeEquity {
    /// Of the outcome's baseline: the published 2022/23 payments, or A's for B against A.
    pub baseline: Equity,
    /// Of the outcome's scenario.
    pub scenario: Equity,
}

/// The baseline's equity measures, and its equity points in order of £ per need-adjusted
/// patient: where each scenario's sort for the Gini starts.
#[derive(Debug, Clone)]
pub(super) struct BaselineEquity {
    value_order: Vec<u32>,
    equity: Equity,
}

impl Model {
    /// Each practice's equity point for the practices' totals `totals` (pence), in order from
    /// the most deprived.
    pub(super) fn equity_points(&self, totals: &[i64]) -> Vec<EquityPoint> {
        self.equity_layout
            .iter()
            .filter_map(|e| {
                let pence = *totals.get(e.practice as usize)?;
                Some(EquityPoint {
                    value: pence as f64 / 100.0 / e.need,
                    weight: e.weight,
                    need: e.need,
                    pence,
                    quintile: e.quintile,
                    deprivation_order: e.deprivation_order,
                })
            })
            .collect()
    }

    /// The equity measures of an outcome this model made (or of B against A, two outcomes it
    /// made): those of the outcome's baseline totals and of its scenario totals.
    ///
    /// Worked out when asked for, not in each run: the page shows none of them (`gpfe` prints
    /// them), and in a run they took about a sixth of the time of a reform.
    pub fn equity(&self, outcome: &Outcome) -> OutcomeEquity {
        let base = self.baseline_equity.get_or_init(|| {
            let points = self.equity_points(&self.total);
            // The order by value first: given it, the measures need no sort of their own.
            let value_order = metrics::value_order(&points);
            let equity = metrics::equity_near(&points, Some(&value_order));
            BaselineEquity {
                value_order,
                equity,
            }
        });
        let of = |totals: &[i64]| {
            if totals == self.total.as_slice() {
                base.equity.clone()
            } else {
                metrics::equity_near(&self.equity_points(totals), Some(&base.value_order))
            }
        };
        let column = |total: fn(&PracticeResult) -> i64| -> Vec<i64> {
            outcome.practices.iter().map(total).collect()
        };
        OutcomeEquity {
            baseline: of(&column(|r| r.total_baseline_pence)),
            scenario: of(&column(|r| r.total_scenario_pence)),
        }
    }

    /// What the equity points take from the dataset, which no scenario changes: the practices
    /// with need and patients, from the most deprived, each with its weight, need, quintile and
    /// rank. A run then looks up each one's money alone.
    pub(super) fn build_equity_layout(&mut self) {
        self.equity_layout = self
            .deprivation_order
            .iter()
            .filter_map(|&p| {
                let registered = self.inputs.registered[p];
                let need = self.need[p].filter(|n| *n > 0.0 && registered > 0.0)?;
                Some(EquityBase {
                    practice: p as u32,
                    weight: registered,
                    need,
                    quintile: self.quintile[p],
                    deprivation_order: self.from_most_deprived[p],
                })
            })
            .collect();
    }

    /// The empty groups of one grouping (such as [`ICB`]), in the dataset's order of its areas:
    /// where the model finds an area's code and name.
    pub(super) fn groups_in(&self, grouping: usize) -> &[Group] {
        let (start, len) = self.group_ranges[grouping];
        self.group_template.get(start..start + len).unwrap_or(&[])
    }

    /// Lays every grouping's groups end to end and records each practice's slots.
    pub(super) fn build_slots(&mut self, e: EmptyGroups) {
        let groupings: [Vec<Group>; GROUPINGS] = [
            e.national,
            e.decile,
            e.quintile,
            e.region,
            e.icb,
            e.sub_icb,
            e.pcn,
            e.rurality,
            e.list_size,
            e.contract,
            e.local_authority,
            e.constituency,
        ];
        let mut template = Vec::new();
        let mut ranges = [(0, 0); GROUPINGS];
        for (i, g) in groupings.into_iter().enumerate() {
            ranges[i] = (template.len(), g.len());
            template.extend(g);
        }
        // One spare slot at the end collects practices outside a grouping (no PCN, or no
        // council or constituency where the surgery is not located).
        let spare = template.len() as u32;
        let slot = |grouping: usize, index: Option<usize>| -> u32 {
            match index {
                Some(i) if i < ranges[grouping].1 => (ranges[grouping].0 + i) as u32,
                _ => spare,
            }
        };
        self.slots = (0..self.len())
            .map(|p| {
                [
                    slot(0, Some(0)),
                    slot(1, Some(self.decile[p])),
                    slot(2, Some(self.quintile[p])),
                    slot(3, Some(self.region[p])),
                    slot(4, Some(self.icb[p])),
                    slot(5, Some(self.sub_icb[p])),
                    slot(6, self.pcn[p]),
                    slot(7, Some(self.rurality[p])),
                    slot(8, Some(self.list_size[p])),
                    slot(9, Some(self.contract[p])),
                    slot(10, self.local_authority[p]),
                    slot(11, self.constituency[p]),
                ]
            })
            .collect();
        template.push(Group::new("", ""));
        for (p, slots) in self.slots.iter().enumerate() {
            for &slot in slots {
                if let Some(g) = template.get_mut(slot as usize) {
                    g.practices += 1;
                    g.registered += self.inputs.registered[p];
                    g.registered_baseline += self.inputs.registered[p];
                    g.weighted_baseline += self.inputs.weighted[p];
                    g.baseline_pence += self.total[p];
                }
            }
        }
        self.group_template = template;
        self.group_ranges = ranges;
    }

    /// Aggregates and winners-and-losers bins for a set of practice results.
    pub(super) fn measure(
        &self,
        practices: Vec<PracticeResult>,
        formula: FormulaColumns,
        pot: Pot,
        columns: Columns,
    ) -> Outcome {
        let mut groups = self.group_template.clone();
        // The template holds baseline lists; add any change (patients who moved).
        for (p, (now, before)) in columns
            .registered
            .iter()
            .zip(&self.inputs.registered)
            .enumerate()
        {
            if now != before {
                for &slot in &self.slots[p] {
                    if let Some(g) = groups.get_mut(slot as usize) {
                        g.registered += now - before;
                    }
                }
            }
        }
        let mut winners_losers = [Bin::default(); 5];
        // Read from the columns the results were made from, not from the results: each
        // practice's result is 192 bytes, of which this needs 24.
        let scenario = columns
            .weighted_scenario
            .iter()
            .zip(columns.yardstick)
            .zip(columns.totals);
        for ((((&weighted, &yardstick), &total), slots), (&registered, &baseline)) in scenario
            .zip(&self.slots)
            .zip(columns.registered.iter().zip(&self.total))
        {
            // The template already holds each group's practices, patients and baseline money.
            for &slot in slots {
                if let Some(g) = groups.get_mut(slot as usize) {
                    g.weighted_scenario += weighted;
                    g.yardstick += yardstick;
                    g.scenario_pence += total;
                }
            }
            if registered > 0.0 {
                let b = &mut winners_losers[bin(percent(total - baseline, baseline))];
                b.practices += 1;
                b.patients += registered;
            }
        }
        // The groupings lie end to end in `groups` (see `build_slots`): move each out in turn
        // rather than copying it.
        let mut rest = groups.into_iter();
        let mut take = |i: usize| -> Vec<Group> {
            let (_, len) = self.group_ranges[i];
            rest.by_ref().take(len).collect()
        };
        Outcome {
            implausible_remainders: practices.iter().filter(|r| r.implausible_remainder).count(),
            national: take(0)
                .pop()
                .unwrap_or_else(|| Group::new("E92000001", "England")),
            by_imd_decile: take(1),
            by_imd_quintile: take(2),
            by_region: take(3),
            by_icb: take(4),
            by_sub_icb: take(5),
            by_pcn: take(6),
            by_rurality: take(7),
            by_list_size: take(8),
            by_contract: take(9),
            by_local_authority: take(10),
            by_constituency: take(11),
            winners_losers,
            practices,
            formula,
            pot,
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
            pair: None,
        }
    }
}
