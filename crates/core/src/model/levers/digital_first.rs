//! The digital-first practice: patients leave donor practices and register with one host.
//!
//! Joiners have an age-sex profile (a share aged 20-39, which sits in the Carr-Hill 15-44 band,
//! and a share of men; the rest follow England's profile), come from donor practices in
//! proportion to each donor's patients aged 15-44 (London, England, or one ICB), and are moved
//! cell by cell, so the national list and every cell of it are unchanged. The host's new
//! registrants rise by the joiners who earn the premium. Payment rules act on the joiners:
//! with the rurality rule off, out-of-area joiners weigh more by the dispersion uplift; with the
//! London rule off, joiners living outside London still attract £2.18 each.

use super::super::formula::{FormulaInputs, Moved};
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

/// Where the joiners came from and what the host gained.
#[derive(Debug, Clone, PartialEq)]
pub struct Movement {
    pub host: usize,
    pub moved: Moved,
    /// Patients each practice gave (0 for non-donors; the host's entry is 0).
    pub given: Vec<f64>,
    /// Patients the host received.
    pub received: f64,
    /// Joiners living outside London who attract London weighting with the rule off.
    pub london_weighted_joiners: f64,
}

/// What the model needs to know about the practices to place the joiners.
pub struct Practices<'a> {
    pub codes: &'a [String],
    pub london: &'a [bool],
    pub icb: &'a [usize],
    pub icb_codes: &'a [String],
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

/// Moves the joiners. Never panics: bad codes are errors.
pub fn move_joiners(
    inputs: &FormulaInputs,
    practices: &Practices<'_>,
    df: &DigitalFirst,
) -> Result<Movement, DigitalFirstError> {
    let n = inputs.registered.len();
    let host = practices
        .codes
        .iter()
        .position(|c| *c == df.host)
        .ok_or_else(|| DigitalFirstError::UnknownHost(df.host.clone()))?;
    if inputs.registered[host] <= 0.0 || inputs.weighted[host] <= 0.0 {
        return Err(DigitalFirstError::HostHasNoPatients(df.host.clone()));
    }
    let donor_icb = match df.donors {
        Donors::Icb if !df.donor_icb.is_empty() => Some(
            practices
                .icb_codes
                .iter()
                .position(|c| *c == df.donor_icb)
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
    let mut national = [0.0; 14];
    for c in &inputs.cells {
        for (sum, v) in national.iter_mut().zip(c) {
            *sum += v;
        }
    }
    let profile = joiner_profile(df, &national);
    let mut cells = inputs.cells.clone();
    let mut registered = inputs.registered.clone();
    let mut given = vec![0.0; n];
    let mut joined = [0.0; 14];
    let donors: Vec<usize> = (0..n).filter(|&p| is_donor(p)).collect();
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

    // New registrants: the joiners who earn the premium.
    let earning = match df.premium {
        Premium::On => received,
        Premium::Off => 0.0,
        Premium::AfterStay => received * (1.0 - df.early_leavers),
    };
    let mut new_share = inputs.new_share.clone();
    new_share[host] = ((inputs.new_share[host] * inputs.registered[host] + earning)
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
    Ok(Movement {
        host,
        moved: Moved {
            cells,
            registered,
            new_share,
            rest_factor,
        },
        given,
        received,
        london_weighted_joiners,
    })
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

impl Model {
    /// Moves the story's joiners from their donors to the host, when there are any.
    pub(in crate::model) fn digital_first_movement(
        &self,
        df: &DigitalFirst,
    ) -> Result<Option<Movement>, ModelError> {
        if df.joiners <= 0.0 {
            return Ok(None);
        }
        move_joiners(
            &self.inputs,
            &Practices {
                codes: &self.codes,
                london: &self.london,
                icb: &self.icb,
                icb_codes: &self.icb_codes,
            },
            df,
        )
        .map(Some)
        .map_err(ModelError::DigitalFirst)
    }

    /// Sets the host's total under the rules before 2019 and the effect of this scenario's rules
    /// against them, by running the same joiners under the old rules.
    pub(in crate::model) fn compare_rules_before_2019(
        &self,
        scenario: &Scenario,
        outcome: &mut Outcome,
    ) -> Result<(), ModelError> {
        if let Some(df) = outcome.digital_first.as_mut() {
            // The same joiners under the rules before 2019: no catchment rule for rurality, London
            // weighting for every joiner, the premium for all, no multiplier.
            let mut before = scenario.clone();
            let rules = &mut before.digital_first;
            rules.rurality_catchment_only = false;
            rules.london_residents_only = false;
            rules.premium = Premium::On;
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
        Ok(())
    }

    /// The digital-first story's own results.
    pub(in crate::model) fn digital_first_outcome(
        &self,
        o: &Outcome,
        m: &Movement,
        df: &DigitalFirst,
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
