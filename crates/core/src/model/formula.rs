//! The scenario's weighted population, built from the published one.
//!
//! Each practice's published weighted list is split into parts (Carr-Hill style, every index
//! normalised to a national mean of 1):
//!
//! ```text
//! W_p = N_p × AS_p × LT_p × Q_p
//! AS_p = (Σ_g n_pg·w_g / N_p) / (Σ_q Σ_g n_qg·w_g / Σ_q N_q)      age-sex index, weights w_g
//! LT_p = (1 + λ·ν_p) / (1 + λ·ν̄)                                 list turnover, λ = 46%
//! Q_p  = W_p / (N_p × AS_p × LT_p)                               the rest, as one index
//! ```
//!
//! where `ν_p` estimates the share of new registrants from the practice's list growth since
//! 2021/22 and `Q_p` holds additional needs, care homes, market forces and rurality. `Q_p` is
//! split further (see [`super::parts`]) by a least-squares fit into additional needs, rurality,
//! area costs and a remainder, each with a registered-weighted national mean of 1:
//!
//! ```text
//! Q_p = scale × AN_p × RUR_p × AREA_p × REM_p
//! ```
//!
//! The scenario rebuilds each part and multiplies the published list by the *ratio* of scenario
//! to baseline parts, so at default settings every ratio is exactly 1 and the baseline is
//! reproduced exactly:
//!
//! ```text
//! W'_p = W_p × (AS'_p/AS_p) × (LT'_p/LT_p) × c × AN_p^(a−1) × RUR_p^(r−1) × AREA_p^(m−1)
//!        × REM_p^(s−1) × D_p × R_p
//! ```
//!
//! `a`, `r`, `m` and `s` are the strengths of the parts (1 = as published), `D_p = (1+u)^z_p` a
//! deprivation uplift (z the practice's IMD score in standard deviations from the
//! registered-weighted mean) and `R_p = 1+r` for rural practices. One constant `c` keeps the
//! national weighted total unchanged.

use super::kept::Kept;
use super::parts::{ExpMemo, FitInputs, Parts};
use crate::data::{Dataset, RuralClass};
use crate::scenario::{Scenario, WholeFormula, DEFAULT_AGE_SEX_WEIGHTS, DEFAULT_TURNOVER_PREMIUM};
use std::borrow::Cow;
use std::sync::Arc;

/// NHS England's need-weighted list (2023/24) is used for a practice only where it is within
/// this range of its published 2022/23 weighted list.
pub const PMC_PLAUSIBLE: (f64, f64) = (0.5, 2.0);

/// Per-practice inputs to the formula, derived once from the dataset.
#[derive(Debug, Clone)]
pub struct FormulaInputs {
    /// Registered patients.
    pub registered: Vec<f64>,
    /// Published weighted patients.
    pub weighted: Vec<f64>,
    /// Patients by cell: men 0-4 … 85+, then women.
    pub cells: Vec<[f64; 14]>,
    /// England's patients by cell (the sum of `cells`; moving patients leaves it unchanged).
    pub national_cells: [f64; 14],
    /// Estimated share of the list registered in the last year.
    pub new_share: Vec<f64>,
    /// Registered-weighted mean of `new_share`.
    pub mean_new_share: f64,
    /// IMD score in standard deviations from the registered-weighted mean.
    pub imd_z: Vec<f64>,
    pub rural: Vec<bool>,
    /// The rural-urban class of each surgery's neighbourhood.
    pub rural_class: Vec<Option<RuralClass>>,
    /// Baseline age-sex index (default weights).
    pub age_sex_index: Vec<f64>,
    /// Baseline list-turnover index (default premium).
    pub turnover_index: Vec<f64>,
    /// The rest of the formula, `Q_p`; 1 for practices with no patients.
    pub rest_index: Vec<f64>,
    /// `ln Q_p`.
    pub ln_rest_index: Vec<f64>,
    /// The age-sex weights the published weighted list is taken to be built with: `AS_p` and
    /// so `Q_p` are split out of it with these.
    pub reference_weights: [[f64; 7]; 2],
    /// IMD 2019 score of each practice's registered patients.
    pub imd: Vec<f64>,
    /// Each practice's ICB (index into the dataset's ICBs), and how many ICBs there are.
    pub icb: Vec<usize>,
    pub icbs: usize,
    /// `Q_p` split into additional needs, rurality, area costs and a remainder.
    pub parts: Parts,
    /// The parts as indices at their published or estimated strength (`exp` of each of
    /// `parts.ln_needs`, `ln_rurality`, `ln_area`, `ln_remainder`), kept so that a run at those
    /// strengths need not recompute them.
    pub part_indices: [Vec<f64>; 4],
    /// NHS England's primary medical care need-weighted list, scaled so that the practices
    /// with one keep their published weighted total; `None` where the practice has none, or
    /// one outside [`PMC_PLAUSIBLE`] of its published list.
    pub pmc: Vec<Option<f64>>,
    /// The last deprivation and rurality uplifts worked out, by the bits of their two
    /// logarithms (see `FormulaInputs::uplifts`).
    uplifts_kept: Kept<[u64; 2], Vec<f64>>,
}

/// `exp` of each part's log, in the order of [`FormulaInputs::part_indices`].
fn part_indices(parts: &Parts) -> [Vec<f64>; 4] {
    [
        &parts.ln_needs,
        &parts.ln_rurality,
        &parts.ln_area,
        &parts.ln_remainder,
    ]
    .map(|l| {
        let mut memo = ExpMemo::new();
        l.iter().map(|v| memo.exp(*v)).collect()
    })
}

/// One practice's formula as a product of indices: registered × every index = weighted list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FormulaParts {
    /// Age-sex index (computed from the age bands).
    pub age_sex: f64,
    /// List-turnover index (estimated from list growth).
    pub turnover: f64,
    /// Additional needs (fitted on the IMD score of the practice's patients).
    pub needs: f64,
    /// Rurality (fitted on the rural flag and the rural-urban class).
    pub rurality: f64,
    /// Area costs: staff market forces and the rest of the area (fitted ICB effects).
    pub area: f64,
    /// What the fit leaves of the published list.
    pub remainder: f64,
    /// Uplifts a scenario adds (deprivation, rurality, the digital-first host's dispersion); 1
    /// in the baseline.
    pub uplifts: f64,
    /// The national scale that keeps the weighted total: the same for every practice.
    pub scale: f64,
}

impl FormulaParts {
    /// The product of every index.
    pub fn product(&self) -> f64 {
        self.age_sex
            * self.turnover
            * self.needs
            * self.rurality
            * self.area
            * self.remainder
            * self.uplifts
            * self.scale
    }
}

/// Lists after patients have moved between practices (the digital-first story): every field
/// has one entry per practice.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    pub cells: Arc<Vec<[f64; 14]>>,
    pub registered: Arc<Vec<f64>>,
    pub new_share: Vec<f64>,
    /// Multiplier on the rest of the formula (the host's dispersion uplift); 1 elsewhere.
    pub rest_factor: Vec<f64>,
    /// The raw age-sex workload of `cells`, kept with them (see [`RawAgeSex`]).
    pub raw_age_sex: RawAgeSex,
}

/// The raw age-sex workload of one set of cells (Σ_g n_pg·w_g for each practice) at the first
/// weights asked for, worked out once and shared by every run on those cells: the
/// digital-first joiners are placed once for many runs, and each run asks for it up to twice
/// (its own lists, the yardstick), the comparison with the rules before 2019 once more
/// ([`crate::model::Model::rules_before_2019`]). Natively the age-sex index
/// was a tenth of such a run; keeping this sum saves about 4% of it (BENCHMARKS.md). Other
/// weights are worked out afresh. A cache of what the cells and weights give, it plays no
/// part in comparing two [`Moved`].
#[derive(Debug, Clone, Default)]
pub struct RawAgeSex(Arc<std::sync::OnceLock<WeightedRaw>>);

/// Age-sex weights and each practice's raw workload at them.
type WeightedRaw = ([[f64; 7]; 2], Vec<f64>);

impl PartialEq for RawAgeSex {
    fn eq(&self, _: &RawAgeSex) -> bool {
        true
    }
}

impl RawAgeSex {
    /// The raw workload of `cells`, which must be the cells this was made for, at `weights`.
    fn of<'a>(&'a self, cells: &[[f64; 14]], weights: &[[f64; 7]; 2]) -> Cow<'a, [f64]> {
        let (kept_weights, raw) = self
            .0
            .get_or_init(|| (*weights, raw_age_sex(cells, weights)));
        if kept_weights == weights {
            Cow::Borrowed(raw)
        } else {
            Cow::Owned(raw_age_sex(cells, weights))
        }
    }
}

/// The scenario's weighted list for every practice, and, when asked for, its indices.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightedPopulation {
    /// `W'_p`.
    pub weighted: Vec<f64>,
    /// `W'_p / W_p`; 1 where the practice has no weighted patients.
    pub ratio: Vec<f64>,
    /// The list as a product of indices, per practice: `None` when only the lists were asked
    /// for (a run that stops at each practice's total, see [`super::Model::totals`]).
    pub parts: Option<PopulationParts>,
}

/// The scenario's indices for every practice: the weighted list as a product of parts.
#[derive(Debug, Clone, PartialEq)]
pub struct PopulationParts {
    pub age_sex_index: Vec<f64>,
    pub turnover_index: Vec<f64>,
    /// Needs, deprivation and rurality parts together, relative to baseline's `Q_p`.
    pub rest_index: Vec<f64>,
    /// The age-sex index at its strength (`AS'^s`), per practice.
    pub age_sex_part: Vec<f64>,
    /// Each part of `Q` at its strength (`part^s`), per practice: needs, rurality, area,
    /// remainder.
    pub needs_index: Vec<f64>,
    pub rurality_index: Vec<f64>,
    pub area_index: Vec<f64>,
    pub remainder_index: Vec<f64>,
    /// The scenario's uplifts per practice: deprivation, rurality and the host's dispersion.
    pub uplifts: Vec<f64>,
    /// The national scale: `Q`'s scale times the factor that keeps the weighted total.
    pub scale: f64,
}

impl PopulationParts {
    /// Practice `p`'s parts (1 for any part the columns lack).
    pub fn at(&self, p: usize) -> FormulaParts {
        let at = |c: &[f64]| c.get(p).copied().unwrap_or(1.0);
        FormulaParts {
            age_sex: at(&self.age_sex_part),
            turnover: at(&self.turnover_index),
            needs: at(&self.needs_index),
            rurality: at(&self.rurality_index),
            area: at(&self.area_index),
            remainder: at(&self.remainder_index),
            uplifts: at(&self.uplifts),
            scale: self.scale,
        }
    }

    /// No practice's parts: what an outcome with no practices holds.
    pub fn empty() -> PopulationParts {
        PopulationParts {
            age_sex_index: Vec::new(),
            turnover_index: Vec::new(),
            rest_index: Vec::new(),
            age_sex_part: Vec::new(),
            needs_index: Vec::new(),
            rurality_index: Vec::new(),
            area_index: Vec::new(),
            remainder_index: Vec::new(),
            uplifts: Vec::new(),
            scale: 1.0,
        }
    }
}

/// How much of the scenario's weighted population to work out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PopulationDetail {
    /// The weighted lists and their ratios to the published ones.
    Lists,
    /// The lists and every index they are the product of ([`PopulationParts`]).
    Parts,
}

/// Why the formula cannot be evaluated for a scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum FormulaError {
    /// Every age-sex weight is zero (or the weights give no practice any weight).
    NoAgeSexWeight,
    /// A lever produced a value that is not a finite non-negative number.
    NotFinite { what: &'static str },
}

impl std::fmt::Display for FormulaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoAgeSexWeight => write!(
                f,
                "the age-sex weights give no patient any weight; set at least one above zero"
            ),
            Self::NotFinite { what } => write!(f, "the {what} is not a finite number"),
        }
    }
}

impl std::error::Error for FormulaError {}

/// Raw age-sex workload of each practice: Σ_g n_pg·w_g.
fn raw_age_sex(cells: &[[f64; 14]], weights: &[[f64; 7]; 2]) -> Vec<f64> {
    let w: Vec<f64> = weights.iter().flatten().copied().collect();
    cells
        .iter()
        .map(|c| c.iter().zip(&w).map(|(n, w)| n * w).sum())
        .collect()
}

/// Normalised age-sex index; `None` if no practice has any weight.
fn age_sex_index(
    cells: &[[f64; 14]],
    registered: &[f64],
    weights: &[[f64; 7]; 2],
) -> Option<Vec<f64>> {
    index_from_raw(&raw_age_sex(cells, weights), registered)
}

/// Normalised age-sex index from each practice's raw workload; `None` if no practice has any
/// weight.
fn index_from_raw(raw: &[f64], registered: &[f64]) -> Option<Vec<f64>> {
    let total_raw: f64 = raw.iter().sum();
    let total_registered: f64 = registered.iter().sum();
    let positive = |v: f64| v.is_finite() && v > 0.0;
    if !positive(total_raw) || !positive(total_registered) {
        return None;
    }
    let mean = total_raw / total_registered;
    Some(
        raw.iter()
            .zip(registered)
            .map(|(r, n)| if *n > 0.0 { r / n / mean } else { 1.0 })
            .collect(),
    )
}

/// A practice's share of new registrants estimated from list growth: (now − before) / now,
/// between 0 and 1, where "before" is its 2021/22 list plus the 2021/22 lists of closed or merged
/// practices it took over. `None` when it has neither a 2021/22 list nor an absorbed one, or no
/// list now.
pub fn new_registrant_share(p: &crate::data::Practice) -> Option<f64> {
    let now = p.registered_centi as f64;
    let before = match (p.registered_previous_centi, p.registered_absorbed_centi) {
        (Some(own), absorbed) => own.saturating_add(absorbed),
        (None, absorbed) if absorbed > 0 => absorbed,
        _ => return None,
    };
    (now > 0.0).then(|| ((now - before as f64) / now).clamp(0.0, 1.0))
}

fn turnover(new_share: &[f64], mean: f64, premium: f64) -> Vec<f64> {
    let denominator = 1.0 + premium * mean;
    new_share
        .iter()
        .map(|v| (1.0 + premium * v) / denominator)
        .collect()
}

/// `Q_p = W_p / (N_p × AS_p × LT_p)`; 1 for a practice with no patients or no weighted list.
fn rest_of_formula(
    weighted: &[f64],
    registered: &[f64],
    age_sex_index: &[f64],
    turnover_index: &[f64],
) -> Vec<f64> {
    (0..registered.len())
        .map(|p| {
            let base = registered[p] * age_sex_index[p] * turnover_index[p];
            if base > 0.0 && weighted[p] > 0.0 {
                weighted[p] / base
            } else {
                1.0
            }
        })
        .collect()
}

/// The practices with registered and weighted patients: those the parts are fitted on.
fn in_fit(registered: &[f64], weighted: &[f64]) -> Vec<bool> {
    registered
        .iter()
        .zip(weighted)
        .map(|(n, w)| *n > 0.0 && *w > 0.0)
        .collect()
}

impl FormulaInputs {
    /// Derives the inputs from the dataset with the default weights and premium.
    pub fn new(dataset: &Dataset) -> FormulaInputs {
        let registered: Vec<f64> = dataset.practices.iter().map(|p| p.registered()).collect();
        let weighted: Vec<f64> = dataset.practices.iter().map(|p| p.weighted()).collect();
        let cells: Vec<[f64; 14]> = dataset
            .practices
            .iter()
            .map(|p| {
                let mut c = [0.0; 14];
                c[..7].copy_from_slice(&p.carr_hill[0]);
                c[7..].copy_from_slice(&p.carr_hill[1]);
                c
            })
            .collect();
        let total_registered: f64 = registered.iter().sum();

        // New registrants: list growth since 2021/22, as a share of this year's list. The lists
        // of closed or merged practices a practice took over count as already registered.
        let growth: Vec<Option<f64>> = dataset.practices.iter().map(new_registrant_share).collect();
        let (sum, weight) = growth
            .iter()
            .zip(&registered)
            .filter_map(|(g, n)| g.map(|g| (g * n, *n)))
            .fold((0.0, 0.0), |(s, w), (a, b)| (s + a, w + b));
        let known_mean = if weight > 0.0 { sum / weight } else { 0.0 };
        // A practice with no 2021/22 list gets the national average share.
        let new_share: Vec<f64> = growth.iter().map(|g| g.unwrap_or(known_mean)).collect();
        let mean_new_share = if total_registered > 0.0 {
            new_share
                .iter()
                .zip(&registered)
                .map(|(v, n)| v * n)
                .sum::<f64>()
                / total_registered
        } else {
            0.0
        };

        let imd: Vec<f64> = dataset.practices.iter().map(|p| p.imd_score).collect();
        let (mean_imd, sd_imd) = if total_registered > 0.0 {
            let mean =
                imd.iter().zip(&registered).map(|(x, n)| x * n).sum::<f64>() / total_registered;
            let var = imd
                .iter()
                .zip(&registered)
                .map(|(x, n)| n * (x - mean) * (x - mean))
                .sum::<f64>()
                / total_registered;
            (mean, var.sqrt())
        } else {
            (0.0, 0.0)
        };
        let imd_z = imd
            .iter()
            .map(|x| {
                if sd_imd > 0.0 {
                    (x - mean_imd) / sd_imd
                } else {
                    0.0
                }
            })
            .collect();

        let age_sex_index = age_sex_index(&cells, &registered, &DEFAULT_AGE_SEX_WEIGHTS)
            .unwrap_or_else(|| vec![1.0; registered.len()]);
        let turnover_index = turnover(&new_share, mean_new_share, DEFAULT_TURNOVER_PREMIUM);
        let rest_index = rest_of_formula(&weighted, &registered, &age_sex_index, &turnover_index);
        let ln_rest_index: Vec<f64> = rest_index.iter().map(|q| q.ln()).collect();
        let rural: Vec<bool> = dataset
            .practices
            .iter()
            .map(|p| p.rurality == crate::data::Rurality::Rural)
            .collect();
        let icb: Vec<usize> = dataset.practices.iter().map(|p| p.icb).collect();
        let icbs = dataset.icbs.len();
        let rural_class: Vec<Option<RuralClass>> =
            dataset.practices.iter().map(|p| p.rural_class).collect();
        let fitted = in_fit(&registered, &weighted);
        let fit_inputs = FitInputs {
            ln_q: &ln_rest_index,
            imd: &imd,
            rural: &rural,
            rural_class: &rural_class,
            icb: &icb,
            icbs,
            registered: &registered,
            in_fit: &fitted,
        };
        // The dataset builder made the fit from the raw files; a dataset without one (a user's
        // own file) is fitted here.
        let parts = match &dataset.formula_fit {
            Some(fit) => Parts::apply(fit.clone(), fit_inputs),
            None => Parts::fit(fit_inputs),
        };
        // The need-weighted list is from the 2022/23 allocations, whose lists are projected from
        // an earlier count: where it is not within half to twice the published 2022/23 list, the
        // practice's list changed in between (it closed, merged or took others over), and its
        // published list is kept.
        let raw_pmc: Vec<Option<f64>> = dataset
            .practices
            .iter()
            .zip(&weighted)
            .map(|(p, w)| {
                p.pmc_2022.filter(|v| {
                    v.is_finite()
                        && *v >= PMC_PLAUSIBLE.0 * w
                        && *v <= PMC_PLAUSIBLE.1 * w
                        && *w > 0.0
                })
            })
            .collect();
        let (with_pmc, with_weighted) = raw_pmc
            .iter()
            .zip(&weighted)
            .filter_map(|(a, w)| a.map(|a| (a, *w)))
            .fold((0.0, 0.0), |(a, b), (x, y)| (a + x, b + y));
        let pmc_scale = if with_pmc > 0.0 {
            with_weighted / with_pmc
        } else {
            0.0
        };
        let pmc = raw_pmc.iter().map(|a| a.map(|a| a * pmc_scale)).collect();

        let mut national_cells = [0.0; 14];
        for c in &cells {
            for (sum, v) in national_cells.iter_mut().zip(c) {
                *sum += v;
            }
        }
        FormulaInputs {
            rural,
            rural_class,
            registered,
            weighted,
            cells,
            national_cells,
            new_share,
            mean_new_share,
            imd_z,
            age_sex_index,
            turnover_index,
            ln_rest_index,
            rest_index,
            reference_weights: DEFAULT_AGE_SEX_WEIGHTS,
            imd,
            icb,
            icbs,
            part_indices: part_indices(&parts),
            parts,
            pmc,
            uplifts_kept: Kept::default(),
        }
    }

    /// Every practice's formula parts in the baseline, as columns (see [`PopulationParts::at`]):
    /// the age-sex and turnover indices, the parts of the rest of the formula, no uplift, and
    /// the national scale. Made once, with the model.
    pub fn baseline_parts(&self) -> PopulationParts {
        let n = self.registered.len();
        let column =
            |c: &[f64]| -> Vec<f64> { (0..n).map(|p| c.get(p).copied().unwrap_or(1.0)).collect() };
        let part = |i: usize| column(self.part_indices.get(i).map_or(&[], Vec::as_slice));
        PopulationParts {
            age_sex_index: column(&self.age_sex_index),
            turnover_index: column(&self.turnover_index),
            rest_index: column(&self.rest_index),
            age_sex_part: column(&self.age_sex_index),
            needs_index: part(0),
            rurality_index: part(1),
            area_index: part(2),
            remainder_index: part(3),
            uplifts: vec![1.0; n],
            scale: self.parts.scale,
        }
    }

    /// The same inputs with the published weighted list split by other age-sex weights: the
    /// baseline is still reproduced exactly, but what a scenario changes in the formula acts on
    /// other parts. `None` where the weights give no positive age-sex total.
    pub fn with_reference_weights(&self, weights: &[[f64; 7]; 2]) -> Option<FormulaInputs> {
        let age_sex_index = age_sex_index(&self.cells, &self.registered, weights)?;
        let rest_index = rest_of_formula(
            &self.weighted,
            &self.registered,
            &age_sex_index,
            &self.turnover_index,
        );
        let ln_rest_index: Vec<f64> = rest_index.iter().map(|q| q.ln()).collect();
        let fitted = in_fit(&self.registered, &self.weighted);
        let parts = Parts::fit(FitInputs {
            ln_q: &ln_rest_index,
            imd: &self.imd,
            rural: &self.rural,
            rural_class: &self.rural_class,
            icb: &self.icb,
            icbs: self.icbs,
            registered: &self.registered,
            in_fit: &fitted,
        });
        Some(FormulaInputs {
            age_sex_index,
            ln_rest_index,
            rest_index,
            reference_weights: *weights,
            part_indices: part_indices(&parts),
            parts,
            ..self.clone()
        })
    }

    /// The scenario's weighted population when patients have moved between practices, with
    /// as much detail as `detail` asks for.
    pub fn weighted_population_moved(
        &self,
        scenario: &Scenario,
        moved: Option<&Moved>,
        detail: PopulationDetail,
    ) -> Result<WeightedPopulation, FormulaError> {
        let n = self.registered.len();
        let (cells, registered, new_share) = match moved {
            Some(m) => (&m.cells[..], &m.registered[..], &m.new_share[..]),
            None => (&self.cells[..], &self.registered[..], &self.new_share[..]),
        };
        let age_sex: Cow<[f64]> =
            if moved.is_none() && scenario.age_sex_weights == self.reference_weights {
                Cow::Borrowed(&self.age_sex_index)
            } else {
                let raw = match moved {
                    Some(m) => m.raw_age_sex.of(cells, &scenario.age_sex_weights),
                    None => Cow::Owned(raw_age_sex(cells, &scenario.age_sex_weights)),
                };
                Cow::Owned(index_from_raw(&raw, registered).ok_or(FormulaError::NoAgeSexWeight)?)
            };
        let turnover_index: Cow<[f64]> =
            if moved.is_none() && scenario.turnover_premium == DEFAULT_TURNOVER_PREMIUM {
                Cow::Borrowed(&self.turnover_index)
            } else {
                Cow::Owned(turnover(
                    new_share,
                    self.mean_new_share,
                    scenario.turnover_premium,
                ))
            };

        // The parts of `Q` at their strengths and the uplifts, as one factor per practice
        // normalised once so that the national weighted total is kept: Σ W·f = Σ W.
        let parts = &self.parts;
        let strengths = [
            (scenario.additional_needs_strength, &parts.ln_needs),
            (scenario.rurality_strength, &parts.ln_rurality),
            (scenario.area_strength, &parts.ln_area),
            (scenario.needs_strength, &parts.ln_remainder),
        ];
        let uplifts = self.uplifts(scenario)?;
        // At the defaults every factor is exactly 1: skip the arithmetic.
        let published = strengths.iter().all(|(s, _)| *s == 1.0)
            && scenario.deprivation_uplift == 0.0
            && scenario.rurality_uplift == 0.0;
        if scenario.formula != WholeFormula::CarrHill {
            return self.other_formula(scenario, moved, age_sex, &uplifts, detail);
        }
        let (rest_factor, k) = if published {
            (vec![1.0; n], 1.0)
        } else {
            let raw: Vec<f64> = (0..n)
                .map(|p| {
                    let ln: f64 = strengths.iter().map(|(s, l)| (s - 1.0) * l[p]).sum();
                    ln.exp() * uplifts.at(p)
                })
                .collect();
            let total_weighted: f64 = self.weighted.iter().sum();
            let weighted_sum: f64 = raw.iter().zip(&self.weighted).map(|(x, w)| x * w).sum();
            if !weighted_sum.is_finite() || weighted_sum <= 0.0 || !total_weighted.is_finite() {
                return Err(FormulaError::NotFinite {
                    what: "needs index",
                });
            }
            let k = total_weighted / weighted_sum;
            (raw.into_iter().map(|x| x * k).collect(), k)
        };
        // Each part's index at its strength, in the order of `strengths` and `part_indices`.
        let at_strength = |i: usize| -> Vec<f64> {
            let (s, l) = strengths[i];
            if s == 1.0 {
                self.part_indices[i].clone()
            } else {
                l.iter().map(|v| (s * v).exp()).collect()
            }
        };

        // N'·AS' / (N·AS) with a given age-sex index AS': the list itself may have grown or
        // shrunk.
        let list_with = |p: usize, index: f64| -> f64 {
            match moved {
                // A practice with no registered list to scale (possible in a user's file)
                // keeps its own ratio.
                Some(m) if self.registered[p] > 0.0 && self.age_sex_index[p] > 0.0 => {
                    (m.registered[p] * index) / (self.registered[p] * self.age_sex_index[p])
                        * m.rest_factor[p]
                }
                _ => index / self.age_sex_index[p],
            }
        };
        // The age-sex index at its strength, AS'^a, times one constant that keeps the national
        // weighted total of the lists as the weights make them.
        let strength = scenario.age_sex_strength;
        let age_sex_part: Cow<[f64]> = if strength == 1.0 {
            Cow::Borrowed(&age_sex)
        } else {
            let powered: Vec<f64> = age_sex
                .iter()
                .map(|a| {
                    if *a > 0.0 {
                        (strength * a.ln()).exp()
                    } else {
                        0.0
                    }
                })
                .collect();
            let (plain, strong) =
                (0..n)
                    .filter(|&p| self.weighted[p] > 0.0)
                    .fold((0.0, 0.0), |(x, y), p| {
                        (
                            x + self.weighted[p] * list_with(p, age_sex[p]),
                            y + self.weighted[p] * list_with(p, powered[p]),
                        )
                    });
            if !(plain.is_finite() && strong.is_finite() && strong > 0.0) {
                return Err(FormulaError::NotFinite {
                    what: "age-sex index",
                });
            }
            let c = plain / strong;
            Cow::Owned(powered.into_iter().map(|v| v * c).collect())
        };

        let mut ratio = Vec::with_capacity(n);
        let mut weighted = Vec::with_capacity(n);
        for p in 0..n {
            let r = if self.weighted[p] > 0.0 {
                list_with(p, age_sex_part[p])
                    * (turnover_index[p] / self.turnover_index[p])
                    * rest_factor[p]
            } else {
                1.0
            };
            if !r.is_finite() || r < 0.0 {
                return Err(FormulaError::NotFinite {
                    what: "weighted population",
                });
            }
            ratio.push(r);
            weighted.push(self.weighted[p] * r);
        }
        let parts = match detail {
            PopulationDetail::Lists => None,
            PopulationDetail::Parts => Some(PopulationParts {
                // With the age-sex index at another strength, what AS'^a adds to AS' counts
                // in the rest.
                rest_index: (0..n)
                    .map(|p| {
                        let age_sex_extra = if strength != 1.0 && age_sex[p] > 0.0 {
                            age_sex_part[p] / age_sex[p]
                        } else {
                            1.0
                        };
                        self.rest_index[p] * rest_factor[p] * age_sex_extra
                    })
                    .collect(),
                uplifts: (0..n)
                    .map(|p| {
                        let dispersion = moved.map_or(1.0, |m| m.rest_factor[p]);
                        if published {
                            dispersion
                        } else {
                            uplifts.at(p) * dispersion
                        }
                    })
                    .collect(),
                needs_index: at_strength(0),
                rurality_index: at_strength(1),
                area_index: at_strength(2),
                remainder_index: at_strength(3),
                age_sex_part: age_sex_part.into_owned(),
                age_sex_index: age_sex.into_owned(),
                turnover_index: turnover_index.into_owned(),
                scale: parts.scale * k,
            }),
        };
        Ok(WeightedPopulation {
            weighted,
            ratio,
            parts,
        })
    }

    /// The scenario's deprivation and rurality uplifts, each practice's one factor for both.
    fn uplifts(&self, scenario: &Scenario) -> Result<Uplifts, FormulaError> {
        let ln_uplift = (1.0 + scenario.deprivation_uplift).ln();
        let ln_rural_uplift = (1.0 + scenario.rurality_uplift).ln();
        if !ln_uplift.is_finite() || !ln_rural_uplift.is_finite() {
            return Err(FormulaError::NotFinite { what: "uplift" });
        }
        // With neither uplift each factor is e^0 = 1 exactly (the deprivation scores are
        // finite): no need to work them out.
        if ln_uplift == 0.0 && ln_rural_uplift == 0.0 && self.imd_z.iter().all(|z| z.is_finite()) {
            return Ok(Uplifts::None);
        }
        // One exponential a practice, the same for every scenario with these two uplifts: kept
        // for the next run, so that a slider other than the uplifts does not work them out again.
        Ok(Uplifts::Each(self.uplifts_kept.get_or_make(
            [ln_uplift.to_bits(), ln_rural_uplift.to_bits()],
            || {
                self.imd_z
                    .iter()
                    .zip(&self.rural)
                    .map(|(z, &rural)| {
                        let rural = if rural { ln_rural_uplift } else { 0.0 };
                        (ln_uplift * z + rural).exp()
                    })
                    .collect()
            },
        )))
    }

    /// The weighted list under another whole formula: NHS England's primary medical care need
    /// index, or registered patients × the age-sex index. The list before the uplifts (a
    /// practice's own where it has no need-weighted list) is scaled with the uplifts so that the
    /// national weighted total is kept.
    fn other_formula(
        &self,
        scenario: &Scenario,
        moved: Option<&Moved>,
        age_sex: Cow<[f64]>,
        uplifts: &Uplifts,
        detail: PopulationDetail,
    ) -> Result<WeightedPopulation, FormulaError> {
        let n = self.registered.len();
        let registered = moved.map_or(&self.registered, |m| &m.registered);
        // Each practice's list before the uplifts, and the index it is registered × by.
        let base: Vec<f64> = (0..n)
            .map(|p| {
                if self.weighted[p] <= 0.0 {
                    return 0.0;
                }
                match scenario.formula {
                    WholeFormula::PrimaryMedicalCare => {
                        // Need per registered patient kept where patients moved.
                        let per_head = match self.pmc[p] {
                            Some(pmc) if self.registered[p] > 0.0 => pmc / self.registered[p],
                            Some(pmc) => return pmc,
                            None if self.registered[p] > 0.0 => {
                                self.weighted[p] / self.registered[p]
                            }
                            None => return self.weighted[p],
                        };
                        per_head * registered[p]
                    }
                    _ if age_sex[p] > 0.0 => {
                        registered[p] * (scenario.age_sex_strength * age_sex[p].ln()).exp()
                    }
                    _ => 0.0,
                }
            })
            .collect();
        let raw: Vec<f64> = (0..n).map(|p| base[p] * uplifts.at(p)).collect();
        let total_weighted: f64 = self.weighted.iter().sum();
        let sum: f64 = raw.iter().sum();
        if !sum.is_finite() || sum <= 0.0 || !total_weighted.is_finite() {
            return Err(FormulaError::NotFinite {
                what: "weighted population",
            });
        }
        let k = total_weighted / sum;
        let mut ratio = Vec::with_capacity(n);
        let mut weighted = Vec::with_capacity(n);
        let mut remainder = Vec::with_capacity(n);
        for p in 0..n {
            let w = raw[p] * k;
            let r = if self.weighted[p] > 0.0 {
                w / self.weighted[p]
            } else {
                1.0
            };
            if !r.is_finite() || r < 0.0 {
                return Err(FormulaError::NotFinite {
                    what: "weighted population",
                });
            }
            ratio.push(r);
            weighted.push(self.weighted[p] * r);
            // Under the need index its list per registered patient is the whole formula.
            remainder.push(match scenario.formula {
                WholeFormula::PrimaryMedicalCare if registered[p] > 0.0 => base[p] / registered[p],
                _ => 1.0,
            });
        }
        let parts = match detail {
            PopulationDetail::Lists => None,
            PopulationDetail::Parts => {
                let ones = vec![1.0; n];
                let age_sex_part = match scenario.formula {
                    WholeFormula::Own => age_sex
                        .iter()
                        .map(|a| {
                            if *a > 0.0 {
                                (scenario.age_sex_strength * a.ln()).exp()
                            } else {
                                0.0
                            }
                        })
                        .collect(),
                    _ => ones.clone(),
                };
                let age_sex_index = match scenario.formula {
                    WholeFormula::Own => age_sex.into_owned(),
                    _ => ones.clone(),
                };
                Some(PopulationParts {
                    rest_index: (0..n).map(|p| remainder[p] * uplifts.at(p) * k).collect(),
                    age_sex_index,
                    age_sex_part,
                    turnover_index: ones.clone(),
                    needs_index: ones.clone(),
                    rurality_index: ones.clone(),
                    area_index: ones,
                    remainder_index: remainder,
                    uplifts: (0..n).map(|p| uplifts.at(p)).collect(),
                    scale: k,
                })
            }
        };
        Ok(WeightedPopulation {
            weighted,
            ratio,
            parts,
        })
    }
}

/// Each practice's deprivation and rurality uplift together (see `FormulaInputs::uplifts`).
enum Uplifts {
    /// Neither uplift is in use: every factor is 1.
    None,
    Each(Arc<Vec<f64>>),
}

impl Uplifts {
    fn at(&self, p: usize) -> f64 {
        match self {
            Uplifts::None => 1.0,
            Uplifts::Each(v) => v[p],
        }
    }
}
