//! The allocation engine.
//!
//! [`run`] is the one entry point: a pure function of the dataset and the scenario. [`Model`]
//! holds what depends on the dataset alone (indices, groupings), so the app builds it once and
//! re-runs scenarios on it as sliders move; `run` is `Model::new(dataset).run(scenario)`.
//!
//! How money moves: the scenario names a pot of funding lines (core capitation always; QOF, PCN
//! and enhanced services optionally). Each pooled line is shared out separately, in whole pence:
//!
//! - **fixed pot**: the line's national total (less any London adjustment, taken from the Global
//!   Sum) is shared by largest remainder, so it sums back to the penny;
//! - **fixed price**: each practice's line moves with its weighted patients at an unchanged price,
//!   rounded to the penny, and the total moves.
//!
//! Shares follow each practice's own baseline rate scaled by its change in weighted patients
//! (`share=rate`), or weighted patients alone (`share=formula`). A practice with no weighted
//! patients, or a negative amount on a line, keeps that line as paid. Lines outside the pot are
//! unchanged. A floor tops practices up to a minimum of pooled money per weighted patient, as new
//! money whose cost is reported.

pub mod formula;
pub mod levers;
pub mod metrics;
pub mod pot;
mod totals;

pub use formula::{FormulaError, FormulaInputs, WeightedPopulation};
pub use metrics::{Bin, Equity, Group, BINS};
pub use pot::{share_pot, ShareError};

use crate::data::{
    funding_line_index, ContractType, Dataset, Rurality, FUNDING_LINES, HEADLINE_FUNDING_LINE_COUNT,
};
use crate::scenario::{PotMode, Scenario, Sharing};
use metrics::{bin, deprivation_groups, equity, EquityPoint};

/// The London region's code in the payments file.
pub const LONDON_REGION: &str = "Y56";

/// List-size bands used to group practices, by registered patients (lower bound, label).
pub const LIST_SIZE_BANDS: [(f64, &str); 6] = [
    (0.0, "No registered patients"),
    (0.01, "Under 5,000"),
    (5_000.0, "5,000 to 9,999"),
    (10_000.0, "10,000 to 14,999"),
    (15_000.0, "15,000 to 19,999"),
    (20_000.0, "20,000 or more"),
];

/// Why a scenario could not be run.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelError {
    Formula(FormulaError),
    DigitalFirst(levers::digital_first::DigitalFirstError),
    Share {
        line: &'static str,
        error: ShareError,
    },
    /// The London adjustment costs more than the Global Sum pot it comes from.
    LondonAdjustmentTooLarge {
        cost_pence: i64,
        pot_pence: i64,
    },
    /// A computed amount of money is not a finite number of pence.
    NotFinite {
        what: &'static str,
    },
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Formula(e) => write!(f, "{e}"),
            Self::DigitalFirst(e) => write!(f, "{e}"),
            Self::Share { line, error } => write!(f, "the {line} pot cannot be shared: {error}"),
            Self::LondonAdjustmentTooLarge {
                cost_pence,
                pot_pence,
            } => write!(
                f,
                "the London adjustment would cost {} but the Global Sum pot is only {}",
                crate::format::pounds(*cost_pence),
                crate::format::pounds(*pot_pence)
            ),
            Self::NotFinite { what } => write!(f, "the {what} is not a finite amount of money"),
        }
    }
}

impl std::error::Error for ModelError {}

impl From<FormulaError> for ModelError {
    fn from(e: FormulaError) -> Self {
        ModelError::Formula(e)
    }
}

/// One pooled funding line after sharing.
#[derive(Debug, Clone, PartialEq)]
pub struct PotLine {
    /// Funding line key (see `data::FUNDING_LINES`).
    pub key: &'static str,
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
    /// Registered patients in the scenario (changed only where patients move).
    pub registered_scenario: f64,
    pub weighted_baseline: f64,
    pub weighted_scenario: f64,
    pub age_sex_index_baseline: f64,
    pub age_sex_index_scenario: f64,
    /// Turnover × rest of the formula, baseline.
    pub other_index_baseline: f64,
    pub other_index_scenario: f64,
    pub pooled_baseline_pence: i64,
    /// Pooled lines after sharing (without London adjustment or floor).
    pub pooled_scenario_pence: i64,
    pub london_adjustment_pence: i64,
    pub floor_top_up_pence: i64,
    /// Money gained (or given) through the network pool, pence.
    pub network_pool_pence: i64,
    /// Money gained (or lost) by the QOF successor, pence.
    pub qof_successor_pence: i64,
    /// Reinvested savings paid to the practice (new money), pence.
    pub savings_pence: i64,
    /// Change from the budget holder: diverted, double running, surplus passed on, pence.
    pub budget_holder_pence: i64,
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

    /// £ per weighted patient, baseline (published list) and scenario (scenario list).
    pub fn per_weighted(&self) -> (f64, f64) {
        (
            metrics::per(self.total_baseline_pence, self.weighted_baseline),
            metrics::per(self.total_scenario_pence, self.weighted_scenario),
        )
    }

    /// £ per registered patient, baseline and scenario, given the practice's registered list.
    pub fn per_registered(&self, registered: f64) -> (f64, f64) {
        (
            metrics::per(self.total_baseline_pence, registered),
            metrics::per(self.total_scenario_pence, registered),
        )
    }
}

/// Everything a scenario does.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub practices: Vec<PracticeResult>,
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
    /// Practices with registered patients in each of [`BINS`].
    pub winners_losers: [Bin; 5],
    pub equity_baseline: Equity,
    pub equity_scenario: Equity,
    /// The digital-first story's results, when it is on.
    pub digital_first: Option<DigitalFirstOutcome>,
    /// Networks' results, when a network lever is in use.
    pub networks: Option<NetworksOutcome>,
    /// The QOF successor's totals, when QOF money is retired.
    pub qof_successor: Option<QofOutcome>,
    /// Reinvested savings, when that lever is in use.
    pub savings: Option<SavingsOutcome>,
    /// The path of new money and the primary care share, when that lever is in use.
    pub envelope: Option<Vec<levers::envelope::EnvelopeYear>>,
    /// The budget holder's flows, when that lever is in use.
    pub budget_holder: Option<HolderOutcome>,
}

/// The money flowing through a budget holder, pence a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HolderOutcome {
    pub holder: crate::scenario::Holder,
    /// GP money from NHS England through the commissioner (what practices got before the
    /// holder acted).
    pub gp_money_pence: i64,
    /// Of which routed through the holder.
    pub routed_pence: i64,
    /// Diverted by the holder to hospital services.
    pub diverted_pence: i64,
    /// Spent on double running.
    pub double_running_pence: i64,
    /// Surplus (kept savings) passed on to practices.
    pub surplus_to_practices_pence: i64,
    /// Surplus the holder keeps.
    pub surplus_kept_pence: i64,
}

/// Reinvested savings over five years.
#[derive(Debug, Clone, PartialEq)]
pub struct SavingsOutcome {
    pub years: Vec<levers::savings::SavingsYear>,
    pub recipient: crate::scenario::Recipient,
    /// The first year's reinvestment paid to practices (new money), pence.
    pub paid_to_practices_pence: i64,
}

/// What the QOF successor moved, pence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QofOutcome {
    /// Taken out of every practice's QOF money.
    pub retired_pence: i64,
    /// Spent again by the chosen base.
    pub respent_pence: i64,
    /// Returned to QOF in proportion to each practice's QOF money.
    pub returned_pence: i64,
}

/// What the networks story does.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworksOutcome {
    pub networks: Vec<levers::networks::NetworkResult>,
    pub sizes: levers::networks::Sizes,
    /// Total pooled and shared back within networks, pence.
    pub pooled_pence: i64,
    /// Family care networks: the national scope shared by need, pence.
    pub fcn_scope_pence: i64,
}

/// Patients given and money changed in one ICB whose practices gave joiners.
#[derive(Debug, Clone, PartialEq)]
pub struct DonorArea {
    /// Index into the dataset's ICBs.
    pub icb: usize,
    pub patients_given: f64,
    /// Change in the total payments of all the ICB's practices, pence.
    pub change_pence: i64,
}

/// What the digital-first story does.
#[derive(Debug, Clone, PartialEq)]
pub struct DigitalFirstOutcome {
    /// Index of the host practice.
    pub host: usize,
    /// Patients who moved to the host.
    pub joiners: f64,
    pub out_of_area_joiners: f64,
    pub host_change_pence: i64,
    pub host_change_pct: f64,
    /// London weighting paid for joiners living outside London (rule off), pence.
    pub london_weighting_pence: i64,
    /// Cost the host's commissioner carries for out-of-area joiners until allocations follow.
    pub cost_pressure_pence: i64,
    /// The host's total under the rules before 2019, with the same joiners.
    pub host_total_old_rules_pence: i64,
    /// The host's total under this scenario's rules against the rules before 2019, %.
    pub rules_effect_pct: f64,
    /// Donor ICBs, most patients given first.
    pub by_donor_icb: Vec<DonorArea>,
}

/// The effect of the July 2018 proposals on a digital-first practice, as reported (HSJ, 2018):
/// a theoretical digital-first practice -19.5%, the most affected real practice -9.6%.
pub const REPORTED_JULY_2018_EFFECT: (f64, f64) = (-19.5, -9.6);

/// What depends on the dataset alone, computed once.
#[derive(Debug, Clone)]
pub struct Model {
    pub inputs: FormulaInputs,
    /// Funding lines, one column per line, one entry per practice, pence.
    funding: Vec<Vec<i64>>,
    /// Which groups each practice counts in: slots into `group_template`.
    slots: Vec<[u32; GROUPINGS]>,
    /// Every group of every grouping, end to end, empty; `group_ranges` says where each starts.
    group_template: Vec<Group>,
    group_ranges: [(usize, usize); GROUPINGS],
    total: Vec<i64>,
    london: Vec<bool>,
    codes: Vec<String>,
    icb_codes: Vec<String>,
    location: Vec<Option<(f64, f64)>>,
    pcn_names: Vec<(String, String)>,
    sub_icb_names: Vec<(String, String)>,
    icb_names: Vec<(String, String)>,
    pmc: Vec<Option<f64>>,
    decile: Vec<usize>,
    quintile: Vec<usize>,
    from_most_deprived: Vec<usize>,
    need: Vec<Option<f64>>,
    /// Practices from the most deprived to the least.
    deprivation_order: Vec<usize>,
    /// Equity measures of the baseline, which no scenario changes.
    equity_baseline: Equity,
    /// The baseline's equity points in order of £ per need-adjusted patient: where each
    /// scenario's sort for the Gini starts.
    value_order: Vec<u32>,
    region: Vec<usize>,
    icb: Vec<usize>,
    sub_icb: Vec<usize>,
    pcn: Vec<Option<usize>>,
    rurality: Vec<usize>,
    list_size: Vec<usize>,
    contract: Vec<usize>,
    empty_groups: EmptyGroups,
}

#[derive(Debug, Clone)]
struct EmptyGroups {
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
}

/// The groupings every outcome reports, in the order of their slots.
const GROUPINGS: usize = 10;

/// Rounds pounds-worth of pence to whole pence, refusing what is not a sane amount.
fn to_pence(v: f64, what: &'static str) -> Result<i64, ModelError> {
    if v.is_finite() && v.abs() < 9.0e15 {
        Ok(v.round() as i64)
    } else {
        Err(ModelError::NotFinite { what })
    }
}

/// Runs a scenario on a dataset.
pub fn run(dataset: &Dataset, scenario: &Scenario) -> Result<Outcome, ModelError> {
    Model::new(dataset).run(scenario)
}

impl Model {
    pub fn new(dataset: &Dataset) -> Model {
        let inputs = FormulaInputs::new(dataset);
        let imd: Vec<f64> = dataset.practices.iter().map(|p| p.imd_score).collect();
        let (decile, _) = deprivation_groups(&imd, &inputs.registered, 10);
        let (quintile, from_most_deprived) = deprivation_groups(&imd, &inputs.registered, 5);
        let groups = |items: Vec<(String, String)>| -> Vec<Group> {
            items
                .into_iter()
                .map(|(code, name)| Group::new(code.as_str(), name.as_str()))
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
        let list_size = |registered: f64| {
            LIST_SIZE_BANDS
                .iter()
                .rposition(|(low, _)| registered >= *low)
                .unwrap_or(0)
        };
        let empty_groups = EmptyGroups {
            national: vec![Group::new("E92000001", "England")],
            decile: numbered(10, "Decile"),
            quintile: numbered(5, "Quintile"),
            region: groups(
                dataset
                    .regions
                    .iter()
                    .map(|a| (a.code.clone(), a.name.clone()))
                    .collect(),
            ),
            icb: groups(
                dataset
                    .icbs
                    .iter()
                    .map(|a| (a.code.clone(), a.name.clone()))
                    .collect(),
            ),
            sub_icb: groups(
                dataset
                    .sub_icbs
                    .iter()
                    .map(|a| (a.code.clone(), a.name.clone()))
                    .collect(),
            ),
            pcn: groups(
                dataset
                    .pcns
                    .iter()
                    .map(|a| (a.code.clone(), a.name.clone()))
                    .collect(),
            ),
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
        };
        let mut deprivation_order: Vec<usize> = (0..dataset.practices.len()).collect();
        deprivation_order.sort_by_key(|&p| from_most_deprived[p]);
        let mut model = Model {
            deprivation_order,
            equity_baseline: equity(&[]),
            value_order: Vec::new(),
            funding: (0..FUNDING_LINES.len())
                .map(|line| dataset.practices.iter().map(|p| p.funding[line]).collect())
                .collect(),
            slots: Vec::new(),
            codes: dataset.practices.iter().map(|p| p.code.clone()).collect(),
            location: dataset.practices.iter().map(|p| p.location).collect(),
            pcn_names: dataset
                .pcns
                .iter()
                .map(|a| (a.code.clone(), a.name.clone()))
                .collect(),
            sub_icb_names: dataset
                .sub_icbs
                .iter()
                .map(|a| (a.code.clone(), a.name.clone()))
                .collect(),
            icb_names: dataset
                .icbs
                .iter()
                .map(|a| (a.code.clone(), a.name.clone()))
                .collect(),
            pmc: dataset
                .practices
                .iter()
                .map(|p| p.allocation_weights.map(|a| a.primary_medical_care))
                .collect(),
            icb_codes: dataset.icbs.iter().map(|i| i.code.clone()).collect(),
            group_template: Vec::new(),
            group_ranges: [(0, 0); GROUPINGS],
            total: dataset.practices.iter().map(|p| p.total_pence()).collect(),
            london: dataset
                .practices
                .iter()
                .map(|p| {
                    dataset
                        .regions
                        .get(p.region)
                        .is_some_and(|r| r.code == LONDON_REGION)
                })
                .collect(),
            need: dataset
                .practices
                .iter()
                .map(|p| p.allocation_weights.map(|a| a.final_primary_medical_care()))
                .collect(),
            region: dataset.practices.iter().map(|p| p.region).collect(),
            icb: dataset.practices.iter().map(|p| p.icb).collect(),
            sub_icb: dataset.practices.iter().map(|p| p.sub_icb).collect(),
            pcn: dataset.practices.iter().map(|p| p.pcn).collect(),
            rurality: dataset
                .practices
                .iter()
                .map(|p| usize::from(p.rurality == Rurality::Rural))
                .collect(),
            list_size: inputs.registered.iter().map(|r| list_size(*r)).collect(),
            contract: dataset
                .practices
                .iter()
                .map(|p| {
                    ContractType::ALL
                        .iter()
                        .position(|c| *c == p.contract)
                        .unwrap_or(0)
                })
                .collect(),
            decile,
            quintile,
            from_most_deprived,
            empty_groups,
            inputs,
        };
        model.build_slots();
        let baseline_totals = model.total.clone();
        let baseline_points = model.equity_points(&baseline_totals);
        model.equity_baseline = equity(&baseline_points);
        model.value_order = metrics::value_order(&baseline_points);
        model
    }

    /// Each practice with patients and a need-adjusted population, as an equity point, in
    /// order from the most deprived.
    fn equity_points(&self, totals: &[i64]) -> Vec<EquityPoint> {
        let mut points = Vec::with_capacity(totals.len());
        for &p in &self.deprivation_order {
            let registered = self.inputs.registered[p];
            if let Some(need) = self.need[p].filter(|n| *n > 0.0 && registered > 0.0) {
                points.push(EquityPoint {
                    value: totals[p] as f64 / 100.0 / need,
                    weight: registered,
                    need,
                    pence: totals[p],
                    quintile: self.quintile[p],
                    deprivation_order: self.from_most_deprived[p],
                });
            }
        }
        points
    }

    /// Number of practices.
    pub fn len(&self) -> usize {
        self.total.len()
    }

    pub fn is_empty(&self) -> bool {
        self.total.is_empty()
    }

    /// The funding lines the scenario pools.
    pub fn pooled_lines(scenario: &Scenario) -> Vec<usize> {
        let mut keys = vec!["global_sum", "mpig", "pms_balance"];
        if scenario.pot_qof {
            keys.push("qof");
        }
        if scenario.pot_pcn {
            keys.extend(["pcn_participation", "pcn_payments", "pcn_care_home"]);
        }
        if scenario.pot_enhanced_services {
            keys.push("enhanced_services");
        }
        keys.iter().filter_map(|k| funding_line_index(k)).collect()
    }

    /// Runs a scenario.
    pub fn run(&self, scenario: &Scenario) -> Result<Outcome, ModelError> {
        let mut outcome = self.run_once(scenario)?;
        if let Some(df) = outcome.digital_first.as_mut() {
            // The same joiners under the rules before 2019: no catchment rule for rurality, London
            // weighting for every joiner, the premium for all, no multiplier.
            let mut before = scenario.clone();
            let rules = &mut before.digital_first;
            rules.rurality_catchment_only = false;
            rules.london_residents_only = false;
            rules.premium = crate::scenario::Premium::On;
            rules.income_multiplier = 1.0;
            let old_total = if before == *scenario {
                outcome.practices[df.host].total_scenario_pence
            } else {
                self.run_once(&before)?.practices[df.host].total_scenario_pence
            };
            df.host_total_old_rules_pence = old_total;
            df.rules_effect_pct = metrics::percent(
                outcome.practices[df.host].total_scenario_pence - old_total,
                old_total,
            );
        }
        Ok(outcome)
    }

    fn run_once(&self, scenario: &Scenario) -> Result<Outcome, ModelError> {
        let n = self.len();
        let df = &scenario.digital_first;
        let movement = if df.joiners > 0.0 {
            Some(
                levers::digital_first::move_joiners(
                    &self.inputs,
                    &levers::digital_first::Practices {
                        codes: &self.codes,
                        london: &self.london,
                        icb: &self.icb,
                        icb_codes: &self.icb_codes,
                    },
                    df,
                )
                .map_err(ModelError::DigitalFirst)?,
            )
        } else {
            None
        };
        let population = self
            .inputs
            .weighted_population_moved(scenario, movement.as_ref().map(|m| &m.moved))?;
        let weighted = &self.inputs.weighted;
        let registered = movement
            .as_ref()
            .map_or(&self.inputs.registered, |m| &m.moved.registered);
        // The host's pooled income can be scaled by a digital-first multiplier.
        let mut income_factor = vec![1.0; n];
        if let Some(m) = &movement {
            income_factor[m.host] = df.income_multiplier;
        }

        // London adjustment, pence per practice.
        let mut london_pence: Vec<i64> = (0..n)
            .map(|p| {
                if self.london[p] && scenario.london_adjustment > 0.0 {
                    to_pence(
                        scenario.london_adjustment * 100.0 * registered[p],
                        "London adjustment",
                    )
                } else {
                    Ok(0)
                }
            })
            .collect::<Result<_, _>>()?;
        let mut london_weighting_pence = 0;
        if let Some(m) = &movement {
            london_weighting_pence = to_pence(
                m.london_weighted_joiners * crate::scenario::LONDON_WEIGHTING * 100.0,
                "London weighting",
            )?;
            london_pence[m.host] += london_weighting_pence;
        }
        let london_total: i64 = london_pence.iter().sum();

        let mut lines = Vec::new();
        let mut pooled_baseline = vec![0_i64; n];
        let mut pooled_scenario = vec![0_i64; n];
        let mut weights = Vec::with_capacity(n);
        let mut members = Vec::with_capacity(n);
        for (line_number, &line) in Self::pooled_lines(scenario).iter().enumerate() {
            let info = &FUNDING_LINES[line];
            let mut practice_pence: Vec<i64> = (0..n).map(|p| self.funding[line][p]).collect();
            let baseline_total: i64 = practice_pence.iter().sum();
            // Who takes part: practices with weighted patients and no negative amount here.
            members.clear();
            // (Sharing by rate, a practice with nothing on the line would get nothing: skip it.)
            let column = &self.funding[line];
            match scenario.sharing {
                Sharing::KeepRates => {
                    members.extend((0..n).filter(|&p| column[p] > 0 && weighted[p] > 0.0))
                }
                Sharing::Formula => {
                    members.extend((0..n).filter(|&p| column[p] >= 0 && weighted[p] > 0.0))
                }
            }
            let pool: i64 = members.iter().map(|&p| self.funding[line][p]).sum();
            let pool_weighted: f64 = members.iter().map(|&p| weighted[p]).sum();
            match scenario.pot_mode {
                PotMode::FixedPot => {
                    let mut to_share = pool;
                    if line_number == 0 {
                        if london_total > to_share {
                            return Err(ModelError::LondonAdjustmentTooLarge {
                                cost_pence: london_total,
                                pot_pence: to_share,
                            });
                        }
                        to_share -= london_total;
                    }
                    weights.clear();
                    weights.extend(members.iter().map(|&p| match scenario.sharing {
                        Sharing::KeepRates => {
                            self.funding[line][p] as f64 * population.ratio[p] * income_factor[p]
                        }
                        Sharing::Formula => population.weighted[p] * income_factor[p],
                    }));
                    if to_share > 0 {
                        let shares =
                            share_pot(to_share, &weights).map_err(|error| ModelError::Share {
                                line: info.label,
                                error,
                            })?;
                        for (&p, s) in members.iter().zip(shares) {
                            practice_pence[p] = s;
                        }
                    } else {
                        for &p in &members {
                            practice_pence[p] = 0;
                        }
                    }
                }
                PotMode::FixedPrice => {
                    let price = if pool_weighted > 0.0 {
                        pool as f64 / pool_weighted
                    } else {
                        0.0
                    };
                    for &p in &members {
                        practice_pence[p] = match scenario.sharing {
                            Sharing::KeepRates => to_pence(
                                self.funding[line][p] as f64
                                    * population.ratio[p]
                                    * income_factor[p],
                                "fixed-price payment",
                            )?,
                            Sharing::Formula => to_pence(
                                price * population.weighted[p] * income_factor[p],
                                "fixed-price payment",
                            )?,
                        };
                    }
                }
            }
            for p in 0..n {
                pooled_baseline[p] += self.funding[line][p];
                pooled_scenario[p] += practice_pence[p];
            }
            lines.push(PotLine {
                key: info.key,
                label: info.label,
                baseline_pence: baseline_total,
                scenario_pence: practice_pence.iter().sum(),
                practice_pence,
            });
        }

        // Floor: top up pooled money (with London adjustment) per weighted patient.
        let mut floor_top_up = vec![0_i64; n];
        if scenario.floor_per_weighted_patient > 0.0 {
            for p in 0..n {
                if population.weighted[p] > 0.0 {
                    let need =
                        (scenario.floor_per_weighted_patient * 100.0 * population.weighted[p])
                            .ceil();
                    let need = to_pence(need, "floor")?;
                    floor_top_up[p] = (need - pooled_scenario[p] - london_pence[p]).max(0);
                }
            }
        }

        // Networks: money pooled within each, and the groups for their results.
        let network_groups = scenario
            .networks
            .active()
            .then(|| self.networks(scenario, registered));
        let (network_change, network_pools) = match &network_groups {
            Some(groups) => {
                let core_scenario: Vec<i64> = (0..n)
                    .map(|p| {
                        lines
                            .iter()
                            .filter(|l| matches!(l.key, "global_sum" | "mpig" | "pms_balance"))
                            .map(|l| l.practice_pence[p])
                            .sum()
                    })
                    .collect();
                levers::networks::pool(
                    groups,
                    scenario.networks.pooled_share,
                    scenario.networks.pool_rule,
                    &core_scenario,
                    registered,
                    &population.weighted,
                    &self.need,
                )
            }
            None => (vec![0; n], Vec::new()),
        };

        let (qof_change, qof_outcome) = self.qof_successor(
            &scenario.qof_successor,
            &lines,
            registered,
            &population.weighted,
        )?;

        let (savings_paid, savings_outcome) =
            self.savings(&scenario.savings, registered, &population.weighted)?;
        let (holder_change, holder_outcome) = self.budget_holder(
            scenario,
            &lines,
            &population.weighted,
            savings_outcome.as_ref(),
        )?;

        let baseline_pot: i64 = lines.iter().map(|l| l.baseline_pence).sum();
        let allocated: i64 = lines.iter().map(|l| l.scenario_pence).sum::<i64>() + london_total;
        let floor_cost: i64 = floor_top_up.iter().sum();

        let mut practices = Vec::with_capacity(n);
        for p in 0..n {
            let total_scenario = self.total[p] - pooled_baseline[p]
                + pooled_scenario[p]
                + london_pence[p]
                + floor_top_up[p]
                + network_change[p]
                + qof_change[p]
                + savings_paid[p]
                + holder_change[p];
            practices.push(PracticeResult {
                registered_scenario: registered[p],
                weighted_baseline: weighted[p],
                weighted_scenario: population.weighted[p],
                age_sex_index_baseline: self.inputs.age_sex_index[p],
                age_sex_index_scenario: population.age_sex_index[p],
                other_index_baseline: self.inputs.turnover_index[p] * self.inputs.rest_index[p],
                other_index_scenario: population.turnover_index[p] * population.rest_index[p],
                pooled_baseline_pence: pooled_baseline[p],
                pooled_scenario_pence: pooled_scenario[p],
                london_adjustment_pence: london_pence[p],
                floor_top_up_pence: floor_top_up[p],
                network_pool_pence: network_change[p],
                qof_successor_pence: qof_change[p],
                savings_pence: savings_paid[p],
                budget_holder_pence: holder_change[p],
                total_baseline_pence: self.total[p],
                total_scenario_pence: total_scenario,
                imd_decile: (self.decile[p] + 1) as u8,
                imd_quintile: (self.quintile[p] + 1) as u8,
            });
        }

        let mut outcome = self.measure(
            practices,
            Pot {
                mode: scenario.pot_mode,
                lines,
                baseline_pence: baseline_pot,
                allocated_pence: allocated,
                london_adjustment_pence: london_total,
                floor_cost_pence: floor_cost,
                floor_practices: floor_top_up.iter().filter(|v| **v > 0).count(),
            },
            registered,
        );
        outcome.qof_successor = qof_outcome;
        outcome.savings = savings_outcome;
        outcome.budget_holder = holder_outcome;
        if scenario.envelope.active() {
            let e = &scenario.envelope;
            outcome.envelope = Some(levers::envelope::path(
                e,
                outcome.national.baseline_pence as f64 / 1e11,
            ));
        }
        if let Some(groups) = network_groups {
            outcome.networks = Some(self.networks_outcome(
                &outcome,
                scenario,
                &groups,
                &network_pools,
                registered,
            )?);
        }
        if let Some(m) = &movement {
            outcome.digital_first =
                Some(self.digital_first_outcome(&outcome, m, df, london_weighting_pence)?);
        }
        Ok(outcome)
    }

    /// Weights for paying money through networks: each PCN by registered patients, then its
    /// practices by weighted patients (a practice in no PCN by its registered patients).
    fn network_weights(&self, who: &[usize], registered: &[f64], weighted: &[f64]) -> Vec<f64> {
        let mut pcn_registered = vec![0.0; self.pcn_names.len()];
        let mut pcn_weighted = vec![0.0; self.pcn_names.len()];
        for &p in who {
            if let Some(i) = self.pcn[p] {
                pcn_registered[i] += registered[p];
                pcn_weighted[i] += weighted[p];
            }
        }
        who.iter()
            .map(|&p| match self.pcn[p] {
                Some(i) if pcn_weighted[i] > 0.0 => {
                    pcn_registered[i] * weighted[p] / pcn_weighted[i]
                }
                _ => registered[p],
            })
            .collect()
    }

    /// Reinvested savings: the five-year path, and the first year's reinvestment paid to
    /// practices (new money) unless the budget holder keeps it.
    fn savings(
        &self,
        s: &crate::scenario::Savings,
        registered: &[f64],
        weighted: &[f64],
    ) -> Result<(Vec<i64>, Option<SavingsOutcome>), ModelError> {
        let n = self.len();
        if !s.active() {
            return Ok((vec![0; n], None));
        }
        let years = levers::savings::five_years(
            s.admissions_millions,
            s.growth_base,
            s.growth_model,
            s.cost_per_admission,
            s.reinvested,
        );
        let first = years.first().map_or(0, |y| y.reinvested_pence);
        let mut paid = vec![0_i64; n];
        if first > 0 && s.recipient != crate::scenario::Recipient::Holder {
            let who: Vec<usize> = (0..n).filter(|&p| weighted[p] > 0.0).collect();
            let weights = match s.recipient {
                crate::scenario::Recipient::Networks => {
                    self.network_weights(&who, registered, weighted)
                }
                _ => who.iter().map(|&p| weighted[p]).collect(),
            };
            let shares = share_pot(first, &weights).map_err(|error| ModelError::Share {
                line: "reinvested savings",
                error,
            })?;
            for (&p, v) in who.iter().zip(shares) {
                paid[p] = v;
            }
        }
        let to_practices = paid.iter().sum();
        Ok((
            paid,
            Some(SavingsOutcome {
                years,
                recipient: s.recipient,
                paid_to_practices_pence: to_practices,
            }),
        ))
    }

    /// The budget holder: GP money in its scope goes through it; it may divert a share to
    /// hospital services, bear a double-running cost, and pass a surplus on.
    fn budget_holder(
        &self,
        scenario: &Scenario,
        lines: &[PotLine],
        weighted: &[f64],
        savings: Option<&SavingsOutcome>,
    ) -> Result<(Vec<i64>, Option<HolderOutcome>), ModelError> {
        use crate::scenario::{HolderScope, Recipient};
        let n = self.len();
        let h = &scenario.budget_holder;
        if !h.active() {
            return Ok((vec![0; n], None));
        }
        let mut keys = vec!["enhanced_services"];
        if h.scope >= HolderScope::PlusPcn {
            keys.extend(["pcn_participation", "pcn_payments", "pcn_care_home"]);
        }
        if h.scope >= HolderScope::PlusQof {
            keys.push("qof");
        }
        if h.scope >= HolderScope::All {
            keys.extend(["global_sum", "mpig", "pms_balance"]);
        }
        let amount = |key: &str, p: usize| -> i64 {
            match lines.iter().find(|l| l.key == key) {
                Some(l) => l.practice_pence[p],
                None => funding_line_index(key).map_or(0, |i| self.funding[i][p]),
            }
        };
        let routed: Vec<i64> = (0..n)
            .map(|p| keys.iter().map(|k| amount(k, p)).sum::<i64>().max(0))
            .collect();
        let routed_total: i64 = routed.iter().sum();
        let mut change = vec![0_i64; n];
        let mut diverted_total = 0;
        for p in 0..n {
            let d = to_pence(routed[p] as f64 * h.diversion, "diverted money")?;
            change[p] -= d;
            diverted_total += d;
        }
        let double = to_pence(h.double_running_m * 1e8, "double running")?
            .clamp(0, routed_total - diverted_total);
        if double > 0 {
            let weights: Vec<f64> = routed.iter().map(|r| *r as f64).collect();
            let shares = share_pot(double, &weights).map_err(|error| ModelError::Share {
                line: "double running",
                error,
            })?;
            for (c, s) in change.iter_mut().zip(shares) {
                *c -= s;
            }
        }
        let surplus = savings
            .filter(|s| s.recipient == Recipient::Holder)
            .and_then(|s| s.years.first())
            .map_or(0, |y| y.reinvested_pence);
        let mut passed = 0;
        if h.surplus_to_practices && surplus > 0 {
            let who: Vec<usize> = (0..n).filter(|&p| weighted[p] > 0.0).collect();
            let weights: Vec<f64> = who.iter().map(|&p| weighted[p]).collect();
            let shares = share_pot(surplus, &weights).map_err(|error| ModelError::Share {
                line: "holder's surplus",
                error,
            })?;
            for (&p, s) in who.iter().zip(shares) {
                change[p] += s;
            }
            passed = surplus;
        }
        let gp_money: i64 = self.total.iter().sum::<i64>()
            - lines
                .iter()
                .map(|l| l.baseline_pence - l.scenario_pence)
                .sum::<i64>();
        Ok((
            change,
            Some(HolderOutcome {
                holder: h.holder,
                gp_money_pence: gp_money,
                routed_pence: routed_total,
                diverted_pence: diverted_total,
                double_running_pence: double,
                surplus_to_practices_pence: passed,
                surplus_kept_pence: surplus - passed,
            }),
        ))
    }

    /// Retires a share of QOF and spends it again; returns each practice's change (summing to
    /// zero: the money stays in general practice) and the totals.
    fn qof_successor(
        &self,
        q: &crate::scenario::QofSuccessor,
        lines: &[PotLine],
        registered: &[f64],
        weighted: &[f64],
    ) -> Result<(Vec<i64>, Option<QofOutcome>), ModelError> {
        let n = self.len();
        if q.retired <= 0.0 {
            return Ok((vec![0; n], None));
        }
        let qof: Vec<i64> = match lines.iter().find(|l| l.key == "qof") {
            Some(l) => l.practice_pence.clone(),
            None => {
                funding_line_index("qof").map_or_else(|| vec![0; n], |i| self.funding[i].clone())
            }
        };
        let mut retired = vec![0_i64; n];
        for p in 0..n {
            if qof[p] > 0 {
                retired[p] = to_pence(qof[p] as f64 * q.retired, "retired QOF")?;
            }
        }
        let total: i64 = retired.iter().sum();
        let respent = to_pence(total as f64 * q.respent, "re-spent QOF")?.clamp(0, total);
        let returned = total - respent;
        let mut change: Vec<i64> = retired.iter().map(|r| -r).collect();
        let with_patients: Vec<usize> = (0..n).filter(|&p| weighted[p] > 0.0).collect();
        let base: Vec<f64> = match q.base {
            crate::scenario::QofBase::Registered => {
                with_patients.iter().map(|&p| registered[p]).collect()
            }
            crate::scenario::QofBase::Weighted => {
                with_patients.iter().map(|&p| weighted[p]).collect()
            }
            crate::scenario::QofBase::Need => with_patients
                .iter()
                .map(|&p| self.need[p].unwrap_or(weighted[p]))
                .collect(),
            crate::scenario::QofBase::Networks => {
                self.network_weights(&with_patients, registered, weighted)
            }
        };
        let share = |pence: i64, weights: &[f64], who: &[usize], change: &mut [i64]| {
            if pence <= 0 {
                return Ok(());
            }
            share_pot(pence, weights)
                .map(|shares| {
                    for (&p, s) in who.iter().zip(shares) {
                        change[p] += s;
                    }
                })
                .map_err(|error| ModelError::Share {
                    line: "QOF successor",
                    error,
                })
        };
        share(respent, &base, &with_patients, &mut change)?;
        let earners: Vec<usize> = (0..n).filter(|&p| qof[p] > 0).collect();
        let qof_weights: Vec<f64> = earners.iter().map(|&p| qof[p] as f64).collect();
        share(returned, &qof_weights, &earners, &mut change)?;
        Ok((
            change,
            Some(QofOutcome {
                retired_pence: total,
                respent_pence: respent,
                returned_pence: returned,
            }),
        ))
    }

    /// The scenario's networks and their members, for lists `registered`.
    pub fn networks(
        &self,
        scenario: &Scenario,
        registered: &[f64],
    ) -> Vec<levers::networks::Network> {
        levers::networks::group(
            &scenario.networks,
            &levers::networks::Layout {
                registered,
                location: &self.location,
                pcn: &self.pcn,
                pcn_names: &self.pcn_names,
                sub_icb: &self.sub_icb,
                sub_icb_names: &self.sub_icb_names,
                icb: &self.icb,
                icb_names: &self.icb_names,
            },
        )
    }

    /// Each network's totals, contract price and family care budget.
    fn networks_outcome(
        &self,
        o: &Outcome,
        scenario: &Scenario,
        groups: &[levers::networks::Network],
        pools: &[i64],
        registered: &[f64],
    ) -> Result<NetworksOutcome, ModelError> {
        let settings = &scenario.networks;
        let rates = settings
            .contract_year
            .and_then(levers::networks::contract_rates);
        // Family care networks: what practices get today for the scope, and the need measure.
        let mut scope: Vec<&str> = Vec::new();
        if settings.fcn_core {
            scope.extend(["global_sum", "mpig", "pms_balance"]);
        }
        if settings.fcn_pcn {
            scope.extend(["pcn_participation", "pcn_payments", "pcn_care_home"]);
        }
        if settings.fcn_qof {
            scope.push("qof");
        }
        if settings.fcn_enhanced {
            scope.push("enhanced_services");
        }
        let line_amount = |key: &str, p: usize| -> i64 {
            match o.pot.lines.iter().find(|l| l.key == key) {
                Some(l) => l.practice_pence[p],
                None => funding_line_index(key).map_or(0, |i| self.funding[i][p]),
            }
        };
        let mut results = Vec::with_capacity(groups.len());
        let mut today = Vec::with_capacity(groups.len());
        let mut need = Vec::with_capacity(groups.len());
        for (n, g) in groups.iter().enumerate() {
            let (mut reg, mut weighted, mut base, mut now, mut fcn_today, mut fcn_need) =
                (0.0, 0.0, 0_i64, 0_i64, 0_i64, 0.0);
            for &p in &g.members {
                let r = &o.practices[p];
                reg += registered[p];
                weighted += r.weighted_scenario;
                base += r.total_baseline_pence;
                now += r.total_scenario_pence;
                if settings.family_care {
                    fcn_today += scope.iter().map(|k| line_amount(k, p)).sum::<i64>();
                    let final_pmc = self.need[p];
                    fcn_need += levers::networks::need_of(
                        settings.fcn_formula,
                        r.weighted_scenario,
                        self.pmc[p],
                        final_pmc,
                    );
                }
            }
            today.push(fcn_today);
            need.push(fcn_need.max(0.0));
            results.push(levers::networks::NetworkResult {
                code: g.code.clone(),
                name: g.name.clone(),
                practices: g.members.len(),
                registered: reg,
                weighted,
                total_baseline_pence: base,
                total_scenario_pence: now,
                pool_pence: pools.get(n).copied().unwrap_or(0),
                contract_pence: rates
                    .map(|r| {
                        // The care home premium: the members' 2022/23 payments (£120 a bed).
                        let care_home: i64 = if r.care_home_premium {
                            g.members
                                .iter()
                                .map(|&p| line_amount("pcn_care_home", p))
                                .sum()
                        } else {
                            0
                        };
                        to_pence(
                            (r.per_registered * reg + r.per_adjusted * weighted) * 100.0,
                            "network funding",
                        )
                        .map(|v| v + care_home)
                    })
                    .transpose()?,
                arrs_cap_pence: rates
                    .filter(|r| r.arrs_per_adjusted > 0.0)
                    .map(|r| to_pence(r.arrs_per_adjusted * weighted * 100.0, "ARRS cap"))
                    .transpose()?,
                fcn_today_pence: fcn_today,
                fcn_budget_pence: 0,
                fcn_at_risk_pence: 0,
            });
        }
        let fcn_scope: i64 = today.iter().sum();
        if settings.family_care && fcn_scope > 0 {
            let budgets = share_pot(fcn_scope, &need).map_err(|error| ModelError::Share {
                line: "family care network",
                error,
            })?;
            for (r, b) in results.iter_mut().zip(budgets) {
                r.fcn_budget_pence = b;
                r.fcn_at_risk_pence = to_pence(b as f64 * settings.at_risk, "money at risk")?;
            }
        }
        Ok(NetworksOutcome {
            sizes: levers::networks::sizes(&results),
            pooled_pence: pools.iter().sum(),
            fcn_scope_pence: if settings.family_care { fcn_scope } else { 0 },
            networks: results,
        })
    }

    /// The digital-first story's own results.
    fn digital_first_outcome(
        &self,
        o: &Outcome,
        m: &levers::digital_first::Movement,
        df: &crate::scenario::DigitalFirst,
        london_weighting_pence: i64,
    ) -> Result<DigitalFirstOutcome, ModelError> {
        let mut by_icb: Vec<DonorArea> = Vec::new();
        for (p, &given) in m.given.iter().enumerate() {
            if given > 0.0 {
                let icb = self.icb[p];
                match by_icb.iter_mut().find(|a| a.icb == icb) {
                    Some(a) => a.patients_given += given,
                    None => by_icb.push(DonorArea {
                        icb,
                        patients_given: given,
                        change_pence: 0,
                    }),
                }
            }
        }
        for area in &mut by_icb {
            area.change_pence = o
                .by_icb
                .get(area.icb)
                .map_or(0, |g| g.scenario_pence - g.baseline_pence);
        }
        by_icb.sort_by(|a, b| b.patients_given.total_cmp(&a.patients_given));
        let host = &o.practices[m.host];
        let out_of_area = m.received * df.outside_area;
        Ok(DigitalFirstOutcome {
            host: m.host,
            joiners: m.received,
            out_of_area_joiners: out_of_area,
            host_change_pence: host.change_pence(),
            host_change_pct: host.change_pct(),
            london_weighting_pence,
            cost_pressure_pence: to_pence(
                out_of_area * df.cost_per_head * 100.0 * df.lag_quarters / 4.0,
                "cost pressure",
            )?,
            host_total_old_rules_pence: host.total_scenario_pence,
            rules_effect_pct: 0.0,
            by_donor_icb: by_icb,
        })
    }

    /// Lays every grouping's groups end to end and records each practice's slots.
    fn build_slots(&mut self) {
        let e = &self.empty_groups;
        let groupings: [&Vec<Group>; GROUPINGS] = [
            &e.national,
            &e.decile,
            &e.quintile,
            &e.region,
            &e.icb,
            &e.sub_icb,
            &e.pcn,
            &e.rurality,
            &e.list_size,
            &e.contract,
        ];
        let mut template = Vec::new();
        let mut ranges = [(0, 0); GROUPINGS];
        for (i, g) in groupings.iter().enumerate() {
            ranges[i] = (template.len(), g.len());
            template.extend(g.iter().cloned());
        }
        // One spare slot at the end collects practices outside a grouping (no PCN).
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
                ]
            })
            .collect();
        template.push(Group::new("", ""));
        for (p, slots) in self.slots.iter().enumerate() {
            for &slot in slots {
                if let Some(g) = template.get_mut(slot as usize) {
                    g.practices += 1;
                    g.registered += self.inputs.registered[p];
                    g.weighted_baseline += self.inputs.weighted[p];
                    g.baseline_pence += self.total[p];
                }
            }
        }
        self.group_template = template;
        self.group_ranges = ranges;
    }

    /// Aggregates, bins and equity measures for a set of practice results.
    fn measure(&self, practices: Vec<PracticeResult>, pot: Pot, registered: &[f64]) -> Outcome {
        let mut groups = self.group_template.clone();
        // The template holds baseline lists; add any change (patients who moved).
        for (p, (now, before)) in registered.iter().zip(&self.inputs.registered).enumerate() {
            if now != before {
                for &slot in &self.slots[p] {
                    if let Some(g) = groups.get_mut(slot as usize) {
                        g.registered += now - before;
                    }
                }
            }
        }
        let mut winners_losers = [Bin::default(); 5];
        let mut scenario_totals = Vec::with_capacity(practices.len());
        for ((r, slots), &registered) in practices.iter().zip(&self.slots).zip(registered) {
            // The template already holds each group's practices, patients and baseline money.
            for &slot in slots {
                if let Some(g) = groups.get_mut(slot as usize) {
                    g.weighted_scenario += r.weighted_scenario;
                    g.scenario_pence += r.total_scenario_pence;
                }
            }
            if registered > 0.0 {
                let b = &mut winners_losers[bin(r.change_pct())];
                b.practices += 1;
                b.patients += registered;
            }
            scenario_totals.push(r.total_scenario_pence);
        }
        // The groupings lie end to end in `groups` (see `build_slots`): move each out in turn
        // rather than copying it.
        let mut rest = groups.into_iter();
        let mut take = |i: usize| -> Vec<Group> {
            let (_, len) = self.group_ranges[i];
            rest.by_ref().take(len).collect()
        };
        Outcome {
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
            winners_losers,
            equity_baseline: self.equity_baseline.clone(),
            equity_scenario: metrics::equity_near(
                &self.equity_points(&scenario_totals),
                Some(&self.value_order),
            ),
            practices,
            pot,
            digital_first: None,
            networks: None,
            qof_successor: None,
            savings: None,
            envelope: None,
            budget_holder: None,
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

impl Outcome {
    /// An outcome with no practices: what the page shows if even the default scenario could not
    /// be run (it always can on a decoded dataset), so that no path has to panic.
    pub fn empty() -> Outcome {
        Outcome {
            practices: Vec::new(),
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
            winners_losers: [Bin::default(); 5],
            equity_baseline: equity(&[]),
            equity_scenario: equity(&[]),
            digital_first: None,
            networks: None,
            qof_successor: None,
            savings: None,
            envelope: None,
            budget_holder: None,
        }
    }

    /// One practice's funding lines as (line, baseline pence, scenario pence), in the order of
    /// `data::FUNDING_LINES`: pooled lines as shared, the rest as paid.
    pub fn practice_lines(
        &self,
        practice: &crate::data::Practice,
        index: usize,
    ) -> Vec<(&'static crate::data::FundingLine, i64, i64)> {
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
    pub fn rank_per_registered(&self, model: &Model, practice: usize) -> Option<(usize, usize)> {
        let registered = &model.inputs.registered;
        let mine = match (self.practices.get(practice), registered.get(practice)) {
            (Some(r), Some(&n)) if n > 0.0 => metrics::per(r.total_scenario_pence, n),
            _ => return None,
        };
        let (mut above, mut count) = (0, 0);
        for (r, &n) in self.practices.iter().zip(registered) {
            if n > 0.0 {
                count += 1;
                if metrics::per(r.total_scenario_pence, n) > mine {
                    above += 1;
                }
            }
        }
        Some((above + 1, count))
    }
}
