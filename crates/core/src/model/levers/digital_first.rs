//! The digital-first practice: patients leave donor practices and register with one host.
//!
//! A host that is already digital-first (GP at Hand, E85124) starts from its list before it went
//! digital-first ([`BEFORE_DIGITAL_FIRST`]): the rest of its 2022/23 list is first returned to the
//! donors, with the host's 2022/23 age-sex mix, and then exactly the story's joiners move in, so
//! the host's scenario list is its earlier list plus the joiners. The host's payments outside
//! the pot follow the patients at its own 2022/23 rate per registered patient (what its young,
//! mostly digital patients earned in QOF, enhanced services and PCN money), taken from or given
//! back to the donors in proportion to the patients each gave on balance, so money is conserved.
//!
//! Joiners have an age-sex profile (a share aged 20-39, which sits in the Carr-Hill 15-44 band,
//! and a share of men; the rest follow England's profile), come from donor practices in
//! proportion to each donor's patients aged 15-44 (London, England, or one ICB), and are moved
//! cell by cell, so the national list and every cell of it are unchanged. The host's new
//! registrants rise by the joiners who earn the premium. Payment rules act on the joiners:
//! with the rurality rule off, out-of-area joiners weigh more by the dispersion uplift; with the
//! London rule off, joiners living outside London still attract £2.18 each.

use std::sync::Arc;

use super::super::formula::{FormulaInputs, Moved, RawAgeSex};
use crate::model::outcome::Outcome;
use crate::model::{metrics, to_pence, Model, ModelError};
use crate::scenario::{DigitalFirst, Donors, Premium, Scenario};

/// Index of the 15-44 band among the seven Carr-Hill bands.
const BAND_15_44: usize = 2;

/// Why the story cannot be run.
#[derive(Debug, Clone, PartialEq)]
pub enum DigitalFirstError {
    UnknownHost(String),
    HostHasNoPatients(String),
    UnknownIcb(String),
    NoDonors,
}

impl std::fmt::Display for DigitalFirstError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::UnknownHost(code) => write!(f, "'dfh': no practice has the code '{code}'"),
            Self::HostHasNoPatients(code) => write!(
                f,
                "'dfh': practice {code} has no registered patients to build a list on"
            ),
            Self::UnknownIcb(code) => write!(f, "'dfi': no ICB has the code '{code}'"),
            Self::NoDonors => write!(f, "no donor practice has patients aged 15-44 to give"),
        }
    }
}

impl std::error::Error for DigitalFirstError {}

/// A digital-first practice's list before it went digital-first, as published in NHS Digital's
/// NHS Payments to General Practice for that year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HostBefore {
    pub code: &'static str,
    pub name: &'static str,
    /// The financial year of the figures.
    pub year: &'static str,
    pub registered: f64,
    pub weighted: f64,
    /// Total NHS payments that year, pence.
    pub total_pence: i64,
}

/// Hosts that were already digital-first in 2022/23, as they were before. Lillie Road Practice
/// became GP at Hand in November 2017: 2016/17 is its last year before (NHS Payments to General
/// Practice 2016/17; the 2017/18 list was 16,086).
pub const BEFORE_DIGITAL_FIRST: &[HostBefore] = &[HostBefore {
    code: "E85124",
    name: "Lillie Road Practice",
    year: "2016/17",
    registered: 2_549.0,
    weighted: 2_321.32,
    total_pence: 35_305_129,
}];

/// The list a host had before it went digital-first, where it had one.
pub fn host_before(code: &str) -> Option<&'static HostBefore> {
    BEFORE_DIGITAL_FIRST.iter().find(|b| b.code == code)
}

/// Where the joiners came from and what the host gained.
#[derive(Debug, Clone, PartialEq)]
pub struct Movement {
    pub host: usize,
    pub moved: Moved,
    /// Joiners each practice gave (0 for non-donors; the host's entry is 0).
    pub given: Arc<Vec<f64>>,
    /// Patients each donor took back from a digital-first host before the joiners moved.
    pub returned: Arc<Vec<f64>>,
    /// Patients the host received.
    pub received: f64,
    /// Patients the host returned to the donors (its list above its list before it went
    /// digital-first).
    pub returned_total: f64,
    /// Joiners living outside London who attract London weighting with the rule off.
    pub london_weighted_joiners: f64,
}

/// What the model needs to know about the practices to place the joiners.
pub struct Practices<'a> {
    pub(crate) codes: &'a crate::model::Codes,
    pub london: &'a [bool],
    pub icb: &'a [usize],
    /// The ICBs' (empty) groups, for their codes.
    pub icbs: &'a [crate::model::Group],
}

/// The joiners' profile over the 14 cells (men 0-4 … 85+, then women), summing to 1.
pub fn joiner_profile(df: &DigitalFirst, national: &[f64; 14]) -> [f64; 14] {
    let mut profile = [0.0; 14];
    for sex in 0..2 {
        let sex_share = if sex == 0 {
            df.male_share
        } else {
            1.0 - df.male_share
        };
        let others: f64 = (0..7)
            .filter(|&b| b != BAND_15_44)
            .map(|b| national[sex * 7 + b])
            .sum();
        for band in 0..7 {
            let share = if band == BAND_15_44 {
                df.share_20_39
            } else if others > 0.0 {
                (1.0 - df.share_20_39) * national[sex * 7 + band] / others
            } else {
                0.0
            };
            profile[sex * 7 + band] = sex_share * share;
        }
    }
    profile
}

/// What placing the joiners depends on: the host, how many joiners, their profile and the
/// donors. The rules of the time (premium, London weighting, rurality) act on them afterwards.
#[derive(Debug, Clone, PartialEq)]
pub(in crate::model) struct PlacementKey {
    host: String,
    joiners: f64,
    share_20_39: f64,
    male_share: f64,
    donors: Donors,
    donor_icb: String,
}

impl PlacementKey {
    pub(in crate::model) fn of(df: &DigitalFirst) -> PlacementKey {
        PlacementKey {
            host: df.host.clone(),
            joiners: df.joiners,
            share_20_39: df.share_20_39,
            male_share: df.male_share,
            donors: df.donors,
            donor_icb: df.donor_icb.clone(),
        }
    }
}

/// The joiners placed: each practice's patients by cell after they moved, whatever the rules.
#[derive(Debug)]
pub(in crate::model) struct Placement {
    host: usize,
    cells: Arc<Vec<[f64; 14]>>,
    /// The raw age-sex workload of `cells`, shared by the runs on this placement.
    raw_age_sex: RawAgeSex,
    registered: Arc<Vec<f64>>,
    given: Arc<Vec<f64>>,
    returned: Arc<Vec<f64>>,
    received: f64,
    returned_total: f64,
    /// The host's cells summed before the joiners arrived.
    host_raw_before: f64,
    /// The share of the host's 2022/23 list it keeps (its list before it went digital-first).
    keep: f64,
}

/// Places the joiners (see [`Placement`]). Never panics: bad codes are errors.
fn place_joiners(
    inputs: &FormulaInputs,
    practices: &Practices<'_>,
    df: &DigitalFirst,
) -> Result<Placement, DigitalFirstError> {
    let n = inputs.registered.len();
    let host = practices
        .codes
        .position(&df.host)
        .ok_or_else(|| DigitalFirstError::UnknownHost(df.host.clone()))?;
    if inputs.registered[host] <= 0.0 || inputs.weighted[host] <= 0.0 {
        return Err(DigitalFirstError::HostHasNoPatients(df.host.clone()));
    }
    let donor_icb = match df.donors {
        Donors::Icb if !df.donor_icb.is_empty() => Some(
            practices
                .icbs
                .iter()
                .position(|g| *g.code == *df.donor_icb)
                .ok_or_else(|| DigitalFirstError::UnknownIcb(df.donor_icb.clone()))?,
        ),
        Donors::Icb => Some(practices.icb[host]),
        _ => None,
    };
    let is_donor = |p: usize| {
        p != host
            && inputs.registered[p] > 0.0
            && match df.donors {
                Donors::London => practices.london[p],
                Donors::England => true,
                Donors::Icb => Some(practices.icb[p]) == donor_icb,
            }
    };
    let young = |p: usize| inputs.cells[p][BAND_15_44] + inputs.cells[p][7 + BAND_15_44];
    let total: f64 = (0..n).filter(|&p| is_donor(p)).map(young).sum();
    if total <= 0.0 {
        return Err(DigitalFirstError::NoDonors);
    }
    let profile = joiner_profile(df, &inputs.national_cells);
    let mut cells = inputs.cells.clone();
    let mut registered = inputs.registered.clone();
    let mut given = vec![0.0; n];
    let mut returned = vec![0.0; n];
    let mut joined = [0.0; 14];
    let donors: Vec<usize> = (0..n).filter(|&p| is_donor(p)).collect();

    // A digital-first host first gives its digital-first list back: every cell shrinks to its
    // list before, and each cell's patients go to the donors in proportion to their patients
    // aged 15-44 (as joiners were taken).
    let keep =
        host_before(&df.host).map_or(1.0, |b| (b.registered / inputs.registered[host]).min(1.0));
    let mut returned_total = 0.0;
    if keep < 1.0 {
        let weights: Vec<f64> = donors.iter().map(|&p| young(p)).collect();
        let host_cells = cells[host];
        for (g, c) in host_cells.iter().enumerate() {
            let back = c * (1.0 - keep);
            cells[host][g] -= back;
            returned_total += back;
            for (&p, w) in donors.iter().zip(&weights) {
                let m = back * w / total;
                cells[p][g] += m;
                returned[p] += m;
            }
        }
        for &p in &donors {
            registered[p] += returned[p];
        }
        // Exactly the list before (the cells hold it up to rounding).
        registered[host] = inputs.registered[host] * keep;
    }
    let young = |p: usize| cells[p][BAND_15_44] + cells[p][7 + BAND_15_44];
    let young_now: Vec<f64> = (0..n).map(young).collect();
    let young = |p: usize| young_now[p];
    for g in 0..14 {
        // The cell's joiners come from the donors in proportion to their patients aged 15-44;
        // a donor cannot give more patients of a kind than it has, so what one cannot give is
        // asked again of those that still can, until exactly the cell's joiners have moved.
        let mut wanted = (profile[g] * df.joiners).max(0.0);
        let mut able: Vec<usize> = donors.clone();
        for _ in 0..64 {
            if wanted <= 1e-9 || able.is_empty() {
                break;
            }
            let weight: f64 = able.iter().map(|&p| young(p)).sum();
            if weight <= 0.0 {
                break;
            }
            let mut moved = 0.0;
            for &p in &able {
                let m = (wanted * young(p) / weight).min(cells[p][g]).max(0.0);
                cells[p][g] -= m;
                given[p] += m;
                moved += m;
            }
            joined[g] += moved;
            wanted -= moved;
            able.retain(|&p| cells[p][g] > 1e-9);
        }
    }
    for &p in &donors {
        registered[p] -= given[p];
    }
    let received: f64 = joined.iter().sum();
    let host_raw_before: f64 = cells[host].iter().sum();
    for g in 0..14 {
        cells[host][g] += joined[g];
    }
    registered[host] += received;

    Ok(Placement {
        host,
        cells: Arc::new(cells),
        raw_age_sex: RawAgeSex::default(),
        registered: Arc::new(registered),
        given: Arc::new(given),
        returned: Arc::new(returned),
        received,
        returned_total,
        host_raw_before,
        keep,
    })
}

/// The rules of the time acting on placed joiners: the premium they earn, their dispersion
/// uplift and their London weighting.
fn apply_rules(
    inputs: &FormulaInputs,
    practices: &Practices<'_>,
    placement: &Placement,
    df: &DigitalFirst,
) -> Movement {
    let n = inputs.registered.len();
    let Placement {
        host,
        received,
        returned_total,
        host_raw_before,
        keep,
        ..
    } = *placement;
    let registered = &placement.registered;
    // New registrants: the joiners who registered this year and earn the premium.
    let this_year = received * df.joined_this_year.clamp(0.0, 1.0);
    let earning = match df.premium {
        Premium::On => this_year,
        Premium::Off => 0.0,
        Premium::AfterStay => this_year * (1.0 - df.early_leavers),
    };
    let mut new_share = inputs.new_share.clone();
    new_share[host] = ((inputs.new_share[host] * inputs.registered[host] * keep + earning)
        / registered[host])
        .clamp(0.0, 1.0);

    // Dispersion: with the catchment rule off, out-of-area joiners weigh more.
    let mut rest_factor = vec![1.0; n];
    if !df.rurality_catchment_only && registered[host] > 0.0 {
        let uplifted = received * df.outside_area * df.dispersion_uplift;
        rest_factor[host] = (host_raw_before + received + uplifted) / (host_raw_before + received);
    }
    let london_weighted_joiners = if practices.london[host] && !df.london_residents_only {
        received * df.outside_london
    } else {
        0.0
    };
    Movement {
        host,
        moved: Moved {
            cells: Arc::clone(&placement.cells),
            registered: Arc::clone(&placement.registered),
            new_share,
            rest_factor,
            raw_age_sex: placement.raw_age_sex.clone(),
        },
        given: Arc::clone(&placement.given),
        returned: Arc::clone(&placement.returned),
        received,
        returned_total,
        london_weighted_joiners,
    }
}

/// Patients given and money changed in one ICB whose practices gave joiners.
#[derive(Debug, Clone, PartialEq)]
pub struct DonorArea {
    /// Index into the dataset's ICBs.
    pub icb: usize,
    /// Joiners its practices gave.
    pub patients_given: f64,
    /// Patients its practices took back from a digital-first host.
    pub patients_returned: f64,
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
    /// Donor ICBs, most patients given first.
    pub by_donor_icb: Vec<DonorArea>,
    /// Patients the host returned to the donors before the joiners moved (its digital-first
    /// list above its list before it went digital-first).
    pub returned: f64,
    /// The host's list before it went digital-first, where the story started from it.
    pub before: Option<HostBefore>,
    /// A practice made only of the joiners, at the host's location and price.
    pub theoretical: TheoreticalPractice,
}

/// The digital-first host under the rules before 2019 (see [`Model::rules_before_2019`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RulesBefore2019 {
    /// The host's total under the rules before 2019, with the same joiners, pence.
    pub host_total_old_rules_pence: i64,
    /// The host's total under this scenario's rules against the rules before 2019, %.
    pub rules_effect_pct: f64,
}

/// A theoretical digital-first practice: only the joiners, registered at the host, paid the
/// host's pooled £ per weighted patient. Its rules effect is the one NHS England estimated in
/// July 2018 for such a practice.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TheoreticalPractice {
    pub joiners: f64,
    /// Its weighted list under this scenario's rules.
    pub weighted: f64,
    /// Its pooled payments and London weighting under this scenario's rules, pence.
    pub scenario_rules_pence: i64,
    /// The same under the rules before 2019, pence.
    pub old_rules_pence: i64,
    /// This scenario's rules against the rules before 2019, %.
    pub rules_effect_pct: f64,
}

/// The effect of the July 2018 proposals on a digital-first practice, as reported (HSJ, 2018):
/// a theoretical digital-first practice -19.5%, the most affected real practice -9.6%.
pub const REPORTED_JULY_2018_EFFECT: (f64, f64) = (-19.5, -9.6);

impl Model {
    /// The host's payments outside the pot that follow the patients who moved, pence, per
    /// practice: at the host's own 2022/23 rate per registered patient, each donor gives the
    /// money of the patients it gave on balance (joiners less patients returned to it) and the
    /// host receives what they give, so the national total is unchanged to the penny.
    pub(in crate::model) fn following_payments(
        &self,
        m: &Movement,
        pooled_baseline: &[i64],
    ) -> Result<Vec<i64>, ModelError> {
        let mut follow = vec![0_i64; self.len()];
        let host_list = self.inputs.registered[m.host];
        if host_list <= 0.0 {
            return Ok(follow);
        }
        let rate = (self.total[m.host] - pooled_baseline[m.host]) as f64 / host_list;
        let mut to_host = 0_i64;
        for (p, f) in follow.iter_mut().enumerate() {
            let net = m.given[p] - m.returned[p];
            if net != 0.0 {
                *f = -to_pence(rate * net, "payments following patients")?;
                to_host -= *f;
            }
        }
        follow[m.host] += to_host;
        Ok(follow)
    }

    /// Moves the story's joiners from their donors to the host, when there are any.
    pub(in crate::model) fn digital_first_movement(
        &self,
        df: &DigitalFirst,
    ) -> Result<Option<Movement>, ModelError> {
        if df.joiners <= 0.0 {
            return Ok(None);
        }
        let practices = Practices {
            codes: &self.codes,
            london: &self.london,
            icb: &self.icb,
            icbs: self.groups_in(crate::model::groups::ICB),
        };
        // Placing the joiners is most of the story's cost and the same under any rules: the
        // run under the rules before 2019 and the next slider move reuse it.
        let placement = self
            .placement_cache
            .get_or_build(PlacementKey::of(df), || {
                place_joiners(&self.inputs, &practices, df)
            })
            .map_err(ModelError::DigitalFirst)?;
        Ok(Some(apply_rules(&self.inputs, &practices, &placement, df)))
    }

    /// The host's total under the rules before 2019 and the effect of this scenario's rules
    /// against them, by running the same joiners under the old rules: `outcome` is this
    /// scenario's, and `None` where it moves no patients to a digital-first host. A second run
    /// of the model where the rules differ, so it is worked out on request (the page asks only
    /// while the story's card is on screen, or once the controls are still), not by every run.
    pub fn rules_before_2019(
        &self,
        scenario: &Scenario,
        outcome: &Outcome,
    ) -> Result<Option<RulesBefore2019>, ModelError> {
        let Some(df) = outcome.digital_first.as_ref() else {
            return Ok(None);
        };
        let Some(host) = outcome.practices.get(df.host) else {
            return Ok(None);
        };
        // The same joiners under the rules before 2019: no catchment rule for rurality, London
        // weighting for every joiner, the premium for all, no multiplier.
        let mut before = scenario.clone();
        let rules = &mut before.digital_first;
        rules.rurality_catchment_only = false;
        rules.london_residents_only = false;
        rules.premium = Premium::On;
        rules.income_multiplier = 1.0;
        let old_total = if before == *scenario {
            host.total_scenario_pence
        } else {
            self.totals(&before)?
                .scenario_pence
                .get(df.host)
                .copied()
                .unwrap_or(host.total_scenario_pence)
        };
        Ok(Some(RulesBefore2019 {
            host_total_old_rules_pence: old_total,
            rules_effect_pct: metrics::percent(host.total_scenario_pence - old_total, old_total),
        }))
    }

    /// The digital-first story's own results.
    pub(in crate::model) fn digital_first_outcome(
        &self,
        o: &Outcome,
        m: &Movement,
        df: &DigitalFirst,
        london_weighting_pence: i64,
        lambda: f64,
        weights: &[[f64; 7]; 2],
    ) -> Result<DigitalFirstOutcome, ModelError> {
        let mut by_icb: Vec<DonorArea> = Vec::new();
        for (p, (&given, &returned)) in m.given.iter().zip(m.returned.iter()).enumerate() {
            if given > 0.0 || returned > 0.0 {
                let icb = self.icb[p];
                match by_icb.iter_mut().find(|a| a.icb == icb) {
                    Some(a) => {
                        a.patients_given += given;
                        a.patients_returned += returned;
                    }
                    None => by_icb.push(DonorArea {
                        icb,
                        patients_given: given,
                        patients_returned: returned,
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
        let theoretical = self.theoretical_practice(o, m, df, lambda, weights)?;
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
            by_donor_icb: by_icb,
            returned: m.returned_total,
            before: host_before(&df.host).copied(),
            theoretical,
        })
    }

    /// The theoretical digital-first practice: the joiners alone, weighted by this scenario's
    /// age-sex weights and premium λ, with the host's rest of the formula, paid the host's
    /// pooled £ per weighted patient; under this scenario's rules and under the rules before
    /// 2019 (dispersion uplift for out-of-area joiners, London weighting for every joiner, the
    /// premium for every joiner who registered this year, no income multiplier).
    fn theoretical_practice(
        &self,
        o: &Outcome,
        m: &Movement,
        df: &DigitalFirst,
        lambda: f64,
        weights: &[[f64; 7]; 2],
    ) -> Result<TheoreticalPractice, ModelError> {
        let host = &o.practices[m.host];
        let national = &self.inputs.national_cells;
        let weight = |g: usize| weights[g / 7][g % 7];
        let national_registered: f64 = national.iter().sum();
        let national_raw: f64 = (0..14).map(|g| national[g] * weight(g)).sum();
        let profile = joiner_profile(df, national);
        let joiner_raw: f64 = (0..14).map(|g| profile[g] * weight(g)).sum();
        let age_sex = if national_raw > 0.0 {
            joiner_raw * national_registered / national_raw
        } else {
            0.0
        };
        let denominator = 1.0 + lambda * self.inputs.mean_new_share;
        let this_year = df.joined_this_year.clamp(0.0, 1.0);
        let turnover = |premium: Premium| {
            let earning = match premium {
                Premium::On => this_year,
                Premium::Off => 0.0,
                Premium::AfterStay => this_year * (1.0 - df.early_leavers),
            };
            (1.0 + lambda * earning) / denominator
        };
        // The host's rest of the formula in the scenario, without its turnover.
        let host_new = m.moved.new_share[m.host];
        let host_turnover = (1.0 + lambda * host_new) / denominator;
        let rest = if host_turnover > 0.0 {
            host.other_index_scenario / host_turnover
        } else {
            0.0
        };
        // The host's pooled £ per weighted patient before any digital-first multiplier.
        let price = if host.weighted_scenario > 0.0 && df.income_multiplier > 0.0 {
            host.pooled_scenario_pence as f64 / host.weighted_scenario / df.income_multiplier
        } else {
            0.0
        };
        let london = self.london[m.host];
        let pay =
            |premium: Premium, catchment_only: bool, residents_only: bool, multiplier: f64| {
                let dispersion = if catchment_only {
                    1.0
                } else {
                    1.0 + df.outside_area * df.dispersion_uplift
                };
                let weighted = m.received * age_sex * turnover(premium) * rest * dispersion;
                let london_pence = if london && !residents_only {
                    m.received * df.outside_london * crate::scenario::LONDON_WEIGHTING * 100.0
                } else {
                    0.0
                };
                (weighted, weighted * price * multiplier + london_pence)
            };
        let (weighted, scenario) = pay(
            df.premium,
            df.rurality_catchment_only,
            df.london_residents_only,
            df.income_multiplier,
        );
        let (_, old) = pay(Premium::On, false, false, 1.0);
        let scenario_rules_pence = to_pence(scenario, "theoretical digital-first practice")?;
        let old_rules_pence = to_pence(old, "theoretical digital-first practice")?;
        Ok(TheoreticalPractice {
            joiners: m.received,
            weighted,
            scenario_rules_pence,
            old_rules_pence,
            rules_effect_pct: metrics::percent(
                scenario_rules_pence - old_rules_pence,
                old_rules_pence,
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_profile_puts_the_20_to_39_share_in_the_15_to_44_band() {
        let national = [1.0; 14];
        let df = DigitalFirst::default();
        let p = joiner_profile(&df, &national);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!((p[BAND_15_44] - 0.55 * 0.85).abs() < 1e-12);
        assert!((p[7 + BAND_15_44] - 0.45 * 0.85).abs() < 1e-12);
        assert!((p[..7].iter().sum::<f64>() - 0.55).abs() < 1e-12);
    }
}
