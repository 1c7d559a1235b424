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

pub mod compare;
pub mod formula;
pub mod groups;
mod kept;
pub mod levers;
pub mod metrics;
pub mod outcome;
pub mod parts;
pub mod sharing;
mod totals;

pub use compare::{compare, Pair};
pub use formula::{
    FormulaError, FormulaInputs, FormulaParts, PopulationDetail, PopulationParts,
    WeightedPopulation,
};
pub use groups::{Group, OutcomeEquity, LIST_SIZE_BANDS, PER_WEIGHTED_YARDSTICK};
pub use levers::budget_holder::{CoreShiftOutcome, CoreShiftYear, HolderOutcome};
pub use levers::digital_first::{
    host_before, DigitalFirstOutcome, DonorArea, HostBefore, RulesBefore2019, TheoreticalPractice,
    BEFORE_DIGITAL_FIRST, REPORTED_JULY_2018_EFFECT,
};
pub use levers::envelope::{EnvelopeYear, NewMoneyOutcome};
pub use levers::local_discretion::{LocalDiscretionError, LocalDiscretionOutcome};
pub use levers::london::LONDON_REGION;
pub use levers::networks::NetworksOutcome;
pub use levers::qof_successor::QofOutcome;
pub use levers::savings::SavingsOutcome;
pub use levers::transition::{TransitionPath, TransitionYear, HORIZON as TRANSITION_HORIZON};
pub use metrics::{Bin, Equity, BINS};
pub use outcome::{
    FormulaColumns, Outcome, PaymentRow, Pot, PotLine, PracticeResult, PracticeRows,
};
pub use parts::{how_fitted, FormulaFit, Parts, REMAINDER_PLAUSIBLE};
/// The pot's sharing, under its earlier name.
pub use sharing as pot;
pub use sharing::{share_pot, ShareError};

use crate::data::{ContractType, Dataset, Rurality, FUNDING_LINES};
use crate::scenario::Scenario;
use groups::{EmptyGroups, GROUPINGS};
use metrics::deprivation_groupings;
use std::sync::Arc;

/// Why a scenario could not be run.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelError {
    Formula(FormulaError),
    DigitalFirst(levers::digital_first::DigitalFirstError),
    LocalDiscretion(LocalDiscretionError),
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
    /// Two outcomes to compare are not of the same dataset: `what` differs.
    NotComparable {
        what: &'static str,
    },
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Formula(e) => write!(f, "{e}"),
            Self::DigitalFirst(e) => write!(f, "{e}"),
            Self::LocalDiscretion(e) => write!(f, "{e}"),
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
            Self::NotComparable { what } => {
                write!(
                    f,
                    "the two scenarios cannot be compared: their {what} differ"
                )
            }
        }
    }
}

impl std::error::Error for ModelError {}

impl From<FormulaError> for ModelError {
    fn from(e: FormulaError) -> Self {
        ModelError::Formula(e)
    }
}

/// Every practice's code, in one buffer: a `String` each would be an allocation each, 6,669 of
/// them in `Model::new`, which is slower in WebAssembly (BENCHMARKS.md).
#[derive(Debug, Clone, Default)]
pub(crate) struct Codes {
    text: String,
    /// Where each code ends in `text`.
    ends: Vec<usize>,
}

impl Codes {
    fn new<'a>(codes: impl Iterator<Item = &'a str>) -> Codes {
        let mut out = Codes::default();
        for code in codes {
            out.text.push_str(code);
            out.ends.push(out.text.len());
        }
        out
    }

    /// Where `code` is, the first practice of that code.
    pub(crate) fn position(&self, code: &str) -> Option<usize> {
        let mut start = 0;
        for (i, &end) in self.ends.iter().enumerate() {
            if self.text.get(start..end) == Some(code) {
                return Some(i);
            }
            start = end;
        }
        None
    }
}

/// What depends on the dataset alone, computed once.
#[derive(Debug, Clone)]
pub struct Model {
    pub inputs: FormulaInputs,
    /// Every practice's formula parts in the baseline, shared by every outcome.
    baseline_parts: Arc<formula::PopulationParts>,
    /// Funding lines, one column per line, one entry per practice, pence.
    funding: Vec<Vec<i64>>,
    /// Which groups each practice counts in: slots into `group_template`.
    slots: Vec<[u32; GROUPINGS]>,
    /// Every group of every grouping, end to end, empty; `group_ranges` says where each starts.
    group_template: Vec<Group>,
    group_ranges: [(usize, usize); GROUPINGS],
    total: Vec<i64>,
    london: Vec<bool>,
    codes: Codes,
    location: Vec<Option<(f64, f64)>>,
    pmc: Vec<Option<f64>>,
    decile: Vec<usize>,
    quintile: Vec<usize>,
    from_most_deprived: Vec<usize>,
    need: Vec<Option<f64>>,
    /// Practices from the most deprived to the least.
    deprivation_order: Vec<usize>,
    /// What each run's equity points take from the dataset (see `build_equity_layout`).
    equity_layout: Vec<groups::EquityBase>,
    /// The baseline's equity measures and its points' order by value, worked out when first
    /// asked for (see [`Model::equity`]).
    baseline_equity: std::sync::OnceLock<groups::BaselineEquity>,
    region: Vec<usize>,
    icb: Vec<usize>,
    sub_icb: Vec<usize>,
    pcn: Vec<Option<usize>>,
    rurality: Vec<usize>,
    list_size: Vec<usize>,
    contract: Vec<usize>,
    local_authority: Vec<Option<usize>>,
    constituency: Vec<Option<usize>>,
    /// The last networks built (see `Model::networks_cached`).
    network_cache: kept::Kept<levers::networks::NetworksKey, Vec<levers::networks::Network>>,
    /// The last digital-first joiners placed (see `Model::digital_first_movement`).
    placement_cache:
        kept::Kept<levers::digital_first::PlacementKey, levers::digital_first::Placement>,
    /// The last yardstick worked out for joiners placed (see `Model::yardstick`).
    yardstick_cache: kept::Kept<YardstickKey, Vec<f64>>,
}

/// What the yardstick of a digital-first scenario depends on (see `Model::yardstick`).
#[derive(Debug, PartialEq)]
struct YardstickKey {
    placement: levers::digital_first::PlacementKey,
    /// The host's share of new registrants, as bits.
    host_new_share: Option<u64>,
}

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
        let (mut groups, from_most_deprived) =
            deprivation_groupings(&imd, &inputs.registered, &[10, 5]);
        let quintile = groups.pop().unwrap_or_default();
        let decile = groups.pop().unwrap_or_default();

        let empty_groups = EmptyGroups::new(dataset);
        // `from_most_deprived` is a permutation: invert it.
        let mut deprivation_order: Vec<usize> = vec![0; from_most_deprived.len()];
        for (p, &position) in from_most_deprived.iter().enumerate() {
            deprivation_order[position] = p;
        }
        // Every funding line's column, one line at a time (faster than one pass filling all twelve).
        let funding: Vec<Vec<i64>> = (0..FUNDING_LINES.len())
            .map(|line| dataset.practices.iter().map(|p| p.funding[line]).collect())
            .collect();
        let mut model = Model {
            deprivation_order,
            equity_layout: Vec::new(),
            baseline_equity: std::sync::OnceLock::new(),
            funding,
            slots: Vec::new(),
            codes: Codes::new(dataset.practices.iter().map(|p| p.code.as_str())),
            location: dataset.practices.iter().map(|p| p.location).collect(),
            pmc: dataset
                .practices
                .iter()
                .map(|p| p.allocation_weights.map(|a| a.primary_medical_care))
                .collect(),
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
            local_authority: dataset
                .practices
                .iter()
                .map(|p| p.local_authority)
                .collect(),
            constituency: dataset.practices.iter().map(|p| p.constituency).collect(),
            rurality: dataset
                .practices
                .iter()
                .map(|p| usize::from(p.rurality == Rurality::Rural))
                .collect(),
            list_size: inputs
                .registered
                .iter()
                .map(|r| groups::list_size_band(*r))
                .collect(),
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
            network_cache: Default::default(),
            placement_cache: Default::default(),
            yardstick_cache: Default::default(),
            baseline_parts: Arc::new(inputs.baseline_parts()),
            inputs,
        };
        model.build_slots(empty_groups);
        model.build_equity_layout();
        model
    }

    /// Number of practices.
    pub fn len(&self) -> usize {
        self.total.len()
    }

    pub fn is_empty(&self) -> bool {
        self.total.is_empty()
    }

    /// The same model with the published weighted list split by other age-sex weights (see
    /// [`FormulaInputs::with_reference_weights`]); `None` where the weights are unusable.
    pub fn with_reference_weights(&self, weights: &[[f64; 7]; 2]) -> Option<Model> {
        let inputs = self.inputs.with_reference_weights(weights)?;
        Some(Model {
            inputs,
            ..self.clone()
        })
    }

    /// The practices whose remainder is implausible (outside [`REMAINDER_PLAUSIBLE`]): their
    /// age bands probably do not describe the list the published weighted list was made from.
    pub fn implausible_remainders(&self) -> Vec<usize> {
        (0..self.len()).filter(|&p| self.implausible(p)).collect()
    }

    /// Whether practice `p`'s remainder is implausible (see [`Model::implausible_remainders`]).
    fn implausible(&self, p: usize) -> bool {
        self.inputs.weighted[p] > 0.0 && self.inputs.parts.implausible(p)
    }

    /// A practice's patients by cell (men 0-4 … 85+, then women) in the scenario: its own, or
    /// where the digital-first story moves patients, its list after they moved. `None` for an
    /// index the model does not hold.
    pub fn scenario_cells(
        &self,
        scenario: &Scenario,
        practice: usize,
    ) -> Result<Option<[f64; 14]>, ModelError> {
        let movement = self.digital_first_movement(&scenario.digital_first)?;
        let cells = match &movement {
            Some(m) => &m.moved.cells,
            None => &self.inputs.cells,
        };
        Ok(cells.get(practice).copied())
    }

    /// The fit that splits the rest of the formula, in sentences for the page.
    pub fn formula_fit_sentences(&self) -> Vec<String> {
        let fit = &self.inputs.parts.fit;
        if fit.practices == 0 {
            return vec!["The rest of the formula could not be split into parts: the remainder holds all of it.".into()];
        }
        let pct = |x: f64| format!("{:.1}%", x * 100.0);
        let points = |x: f64| format!("{:.1}", x * 100.0);
        let (mut lo, mut hi) = (None::<usize>, None::<usize>);
        for (i, a) in fit.area.iter().enumerate() {
            if lo.is_none_or(|l| *a < fit.area[l]) {
                lo = Some(i);
            }
            if hi.is_none_or(|h| *a > fit.area[h]) {
                hi = Some(i);
            }
        }
        let icb = |i: Option<usize>| {
            i.and_then(|i| {
                let name = &self.groups_in(groups::ICB).get(i)?.name;
                Some(format!("{name} ({:.3})", fit.area[i].exp()))
            })
            .unwrap_or_else(|| "none".into())
        };
        let [needs, rurality, area] = fit.r_squared_lost;
        let (low, high) = REMAINDER_PLAUSIBLE;
        vec![
            format!(
                "NHS England does not publish the parts of each practice's weighted list. What is left once the age-sex and list-turnover indices are taken out is fitted by least squares, weighted by registered patients, in logs on the IMD 2019 score of the practice's patients, its rural flag, the rural-urban class of its surgery's neighbourhood and its ICB ({} practices with a list). The dataset builder makes the fit from the raw files.",
                crate::format::count(fit.practices as u64)
            ),
            format!(
                "Additional needs: each point of IMD score adds {} to the list. Rurality: a practice the payments file calls rural counts {} more than an urban one with the same deprivation in the same ICB, and one in a smaller rural settlement far from a major town {} more than one in a town near a city. Area costs: from {} to {}.",
                pct(fit.needs_per_imd_point.exp() - 1.0),
                pct(fit.rural.exp() - 1.0),
                pct(fit
                    .rural_class
                    .get(crate::data::RuralClass::SmallerRuralFurther.index())
                    .copied()
                    .unwrap_or(0.0)
                    .exp()
                    - 1.0),
                icb(lo),
                icb(hi)
            ),
            format!(
                "Together they explain {} of the spread of the logged rest of the formula; left out, additional needs would lose {} points of it, rurality {} and area costs {}. The remainder holds the rest.",
                pct(fit.r_squared),
                points(needs),
                points(rurality),
                points(area)
            ),
            format!(
                "{} practices have a remainder below {low} or above {high}: their December 2025 age bands probably do not describe the list their 2022/23 weighted list was made from, so their age-sex index is unreliable. Their panels say so.",
                crate::format::count(self.implausible_remainders().len() as u64)
            ),
        ]
    }

    /// Runs a scenario.
    pub fn run(&self, scenario: &Scenario) -> Result<Outcome, ModelError> {
        let mut outcome = self.run_once(scenario)?;
        outcome.transition = levers::transition::path(&outcome, &scenario.transition);
        Ok(outcome)
    }

    /// The fixed yardstick for £ per weighted patient: the published 2022/23 formula applied to
    /// each practice's patients in the scenario. Where no patients moved, that is the published
    /// weighted list itself; where the scenario's formula is the published one and no dispersion
    /// uplift applies, it is the scenario's own weighted list.
    fn yardstick<'a>(
        &'a self,
        scenario: &Scenario,
        movement: Option<&levers::digital_first::Movement>,
        population: &'a WeightedPopulation,
    ) -> Result<std::borrow::Cow<'a, [f64]>, ModelError> {
        let Some(m) = movement else {
            return Ok(std::borrow::Cow::Borrowed(&self.inputs.weighted));
        };
        let published_formula = scenario.formula == crate::scenario::WholeFormula::CarrHill
            && scenario.age_sex_strength == 1.0
            && scenario.age_sex_weights == self.inputs.reference_weights
            && scenario.turnover_premium == crate::scenario::DEFAULT_TURNOVER_PREMIUM
            && scenario.needs_strength == 1.0
            && scenario.additional_needs_strength == 1.0
            && scenario.rurality_strength == 1.0
            && scenario.area_strength == 1.0
            && scenario.deprivation_uplift == 0.0
            && scenario.rurality_uplift == 0.0;
        if published_formula && m.moved.rest_factor.iter().all(|f| *f == 1.0) {
            return Ok(std::borrow::Cow::Borrowed(&population.weighted));
        }
        // The 2022/23 rules: the published formula, and no dispersion uplift for the host (the
        // catchment rule for rurality was in force). Under them the lists depend on the joiners
        // placed and the host's share of new registrants alone (the rest of the scenario is set
        // aside), so they are kept for the next run with the same two: the run under the rules
        // before 2019, and every move of a slider but the story's own.
        let key = YardstickKey {
            placement: levers::digital_first::PlacementKey::of(&scenario.digital_first),
            host_new_share: m.moved.new_share.get(m.host).map(|s| s.to_bits()),
        };
        let lists = self.yardstick_cache.get_or_build(key, || {
            let mut moved = m.moved.clone();
            moved.rest_factor.iter_mut().for_each(|f| *f = 1.0);
            let rules = Scenario {
                age_sex_weights: self.inputs.reference_weights,
                ..Scenario::default()
            };
            self.inputs
                .weighted_population_moved(&rules, Some(&moved), PopulationDetail::Lists)
                .map(|published| published.weighted)
        })?;
        Ok(std::borrow::Cow::Owned(lists.as_ref().clone()))
    }

    fn run_once(&self, scenario: &Scenario) -> Result<Outcome, ModelError> {
        match self.run_to(scenario, Detail::Outcome)? {
            Ran::Outcome(outcome) => Ok(*outcome),
            // `Detail::Outcome` always gives an outcome; this arm is never taken.
            Ran::Totals(_) => Err(ModelError::NotFinite { what: "outcome" }),
        }
    }

    /// Each practice's total payments in the scenario and its yardstick, and nothing else: what
    /// comparing one scenario with another or a figure of a sweep needs, without the groups and
    /// the stories' results a full run also works out.
    pub fn totals(&self, scenario: &Scenario) -> Result<Totals, ModelError> {
        Ok(match self.run_to(scenario, Detail::Totals)? {
            Ran::Totals(totals) => totals,
            Ran::Outcome(outcome) => Totals {
                scenario_pence: outcome
                    .practices
                    .iter()
                    .map(|r| r.total_scenario_pence)
                    .collect(),
                yardstick: outcome.practices.iter().map(|r| r.yardstick).collect(),
            },
        })
    }

    /// Each practice's total NHS payments in 2022/23, pence.
    pub fn baseline_pence(&self) -> &[i64] {
        &self.total
    }

    /// Each practice's deprivation quintile, 0 (least deprived) to 4.
    pub fn quintiles(&self) -> &[usize] {
        &self.quintile
    }

    fn run_to(&self, scenario: &Scenario, detail: Detail) -> Result<Ran, ModelError> {
        let n = self.len();
        let df = &scenario.digital_first;
        let movement = self.digital_first_movement(df)?;
        let mut population = self.inputs.weighted_population_moved(
            scenario,
            movement.as_ref().map(|m| &m.moved),
            match detail {
                Detail::Totals => PopulationDetail::Lists,
                Detail::Outcome => PopulationDetail::Parts,
            },
        )?;
        // The parts go to the outcome whole, as columns.
        let scenario_parts = population.parts.take();
        let weighted = &self.inputs.weighted;
        let registered = movement
            .as_ref()
            .map_or(&self.inputs.registered, |m| &m.moved.registered);
        let yardstick = self.yardstick(scenario, movement.as_ref(), &population)?;
        // The host's pooled income can be scaled by a digital-first multiplier.
        let mut income_factor = vec![1.0; n];
        if let Some(m) = &movement {
            income_factor[m.host] = df.income_multiplier;
        }

        let (london_pence, london_weighting_pence) =
            self.london_adjustment(scenario, registered, movement.as_ref())?;
        let london_total: i64 = london_pence.iter().sum();

        let shared =
            self.share_pooled_lines(scenario, &population, &income_factor, london_total)?;
        let (lines, pooled_baseline, pooled_scenario) =
            (shared.lines, shared.baseline, shared.scenario);

        let following = match &movement {
            Some(m) => self.following_payments(m, &pooled_baseline)?,
            None => vec![0; n],
        };

        let floor_top_up = self.floor_top_ups(
            scenario,
            &population.weighted,
            &pooled_scenario,
            &london_pence,
        )?;

        // Networks: money pooled within each, and the groups for their results.
        let (network_groups, network_change, network_pools) =
            self.network_pool(scenario, &lines, registered, &population.weighted);

        let (qof_change, qof_outcome) = self.qof_successor(
            &scenario.qof_successor,
            &lines,
            registered,
            &population.weighted,
        )?;

        let (savings_paid, savings_outcome) =
            self.savings(&scenario.savings, registered, &population.weighted)?;
        let holder = self.budget_holder(
            scenario,
            &lines,
            &population.weighted,
            savings_outcome.as_ref(),
        )?;
        let (holder_change, core_shift) = (holder.change, holder.core_shift);
        // Last of the levers that move money between practices: an ICB's Health Equity Payment
        // re-spends part of its money in scope as the formula, the London adjustment and the
        // floor left it.
        let (discretion_change, discretion_outcome) = self.local_discretion(
            &scenario.local_discretion,
            &lines,
            &[&london_pence, &floor_top_up],
            &yardstick,
        )?;
        let baseline_national: i64 = self.total.iter().sum();
        let (new_money_paid, envelope) = self.envelope(
            &scenario.envelope,
            baseline_national,
            registered,
            &yardstick,
        )?;

        let baseline_pot: i64 = lines.iter().map(|l| l.baseline_pence).sum();
        let allocated: i64 = lines.iter().map(|l| l.scenario_pence).sum::<i64>() + london_total;
        let floor_cost: i64 = floor_top_up.iter().sum();

        // Each practice's total: its 2022/23 total with its pooled money as shared, and every
        // lever's change. Added one column at a time: each pass is a plain loop over two
        // slices, with no index to check.
        let mut totals: Vec<i64> = self
            .total
            .iter()
            .zip(&pooled_baseline)
            .map(|(total, pooled)| total - pooled)
            .collect();
        for change in [
            &pooled_scenario,
            &london_pence,
            &following,
            &floor_top_up,
            &network_change,
            &qof_change,
            &savings_paid,
            &holder_change,
            &discretion_change,
            &new_money_paid,
            &core_shift,
        ] {
            for (total, v) in totals.iter_mut().zip(change.iter()) {
                *total += v;
            }
        }
        if detail == Detail::Totals {
            return Ok(Ran::Totals(Totals {
                scenario_pence: totals,
                yardstick: yardstick.into_owned(),
            }));
        }

        // Asked for with `Detail::Outcome`, so always there.
        let Some(parts) = scenario_parts else {
            return Err(ModelError::NotFinite { what: "formula" });
        };
        let practices: Vec<PracticeResult> = totals
            .iter()
            .enumerate()
            .map(|(p, &total_scenario)| PracticeResult {
                registered_baseline: self.inputs.registered[p],
                registered_scenario: registered[p],
                weighted_baseline: weighted[p],
                weighted_scenario: population.weighted[p],
                yardstick: yardstick[p],
                age_sex_index_baseline: self.inputs.age_sex_index[p],
                age_sex_index_scenario: parts.age_sex_index[p],
                other_index_baseline: self.inputs.turnover_index[p] * self.inputs.rest_index[p],
                other_index_scenario: parts.turnover_index[p] * parts.rest_index[p],
                implausible_remainder: self.implausible(p),
                pooled_baseline_pence: pooled_baseline[p],
                pooled_scenario_pence: pooled_scenario[p],
                london_adjustment_pence: london_pence[p],
                following_pence: following[p],
                floor_top_up_pence: floor_top_up[p],
                network_pool_pence: network_change[p],
                qof_successor_pence: qof_change[p],
                savings_pence: savings_paid[p],
                budget_holder_pence: holder_change[p],
                local_discretion_pence: discretion_change[p],
                new_money_pence: new_money_paid[p],
                core_shift_pence: core_shift[p],
                total_baseline_pence: self.total[p],
                total_scenario_pence: total_scenario,
                imd_decile: (self.decile[p] + 1) as u8,
                imd_quintile: (self.quintile[p] + 1) as u8,
            })
            .collect();

        let columns = groups::Columns {
            registered,
            weighted_scenario: &population.weighted,
            yardstick: &yardstick,
            totals: &totals,
        };
        let formula = FormulaColumns {
            baseline: self.baseline_parts.clone(),
            scenario: Arc::new(parts),
        };
        let mut outcome = self.measure(
            practices,
            formula,
            Pot {
                mode: scenario.pot_mode,
                lines,
                baseline_pence: baseline_pot,
                allocated_pence: allocated,
                london_adjustment_pence: london_total,
                floor_cost_pence: floor_cost,
                floor_practices: floor_top_up.iter().filter(|v| **v > 0).count(),
            },
            columns,
        );
        outcome.qof_successor = qof_outcome;
        outcome.savings = savings_outcome;
        outcome.budget_holder = holder.outcome;
        outcome.core_shift = holder.core_shift_outcome;
        outcome.local_discretion = discretion_outcome;
        if let Some((path, new_money)) = envelope {
            outcome.envelope = Some(path);
            outcome.new_money = Some(new_money);
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
            outcome.digital_first = Some(self.digital_first_outcome(
                &outcome,
                m,
                df,
                london_weighting_pence,
                scenario.turnover_premium,
                &scenario.age_sex_weights,
            )?);
        }
        Ok(Ran::Outcome(Box::new(outcome)))
    }
}

/// How much of a run to work out.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Detail {
    /// Each practice's total payments alone.
    Totals,
    /// The whole [`Outcome`].
    Outcome,
}

/// Each practice's total payments in a scenario and the yardstick of its £ per weighted
/// patient (see [`Model::totals`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Totals {
    /// As [`PracticeResult::total_scenario_pence`].
    pub scenario_pence: Vec<i64>,
    /// As [`PracticeResult::yardstick`].
    pub yardstick: Vec<f64>,
}

/// What a run worked out (see [`Detail`]).
enum Ran {
    Totals(Totals),
    Outcome(Box<Outcome>),
}

#[cfg(test)]
mod tests {
    use super::Codes;

    #[test]
    fn a_code_is_found_where_it_stands_and_nowhere_else() {
        // Codes that are the start or the end of another, a repeat, and an empty one.
        let codes = Codes::new(["A12", "A1", "", "12", "A1", "B7"].into_iter());
        assert_eq!(codes.position("A1"), Some(1), "the first of two");
        assert_eq!(codes.position("A12"), Some(0));
        assert_eq!(codes.position("12"), Some(3));
        assert_eq!(codes.position(""), Some(2));
        assert_eq!(codes.position("B7"), Some(5));
        assert_eq!(codes.position("A"), None);
        assert_eq!(codes.position("A121"), None);
        assert_eq!(Codes::new(std::iter::empty()).position("A1"), None);
    }
}
