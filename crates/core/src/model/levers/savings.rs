//! Reinvested savings: slower growth of emergency admissions in the new care models frees money,
//! a share of which is reinvested in general practice.

use crate::model::sharing::share_pot;
use crate::model::{Model, ModelError};
/// Who receives the reinvested money.
pub use crate::scenario::Recipient;

/// One year of savings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SavingsYear {
    /// Years from now, 1 to 5.
    pub year: u32,
    /// Admissions avoided that year.
    pub admissions_avoided: f64,
    /// Money saved, pence (never negative).
    pub saved_pence: i64,
    /// Money reinvested, pence.
    pub reinvested_pence: i64,
}

/// Savings over five years:
/// `saved_y = A₀ × c × ((1 + g_base)^y − (1 + g_model)^y) × cost`, and `reinvested_y = saved_y × ρ`,
/// where `c` is the share of England's population the new care models cover: only their
/// admissions grow more slowly.
/// When the new care models grow faster than the rest of England there is nothing to save:
/// savings are floored at zero, never negative money.
pub fn five_years(
    admissions_millions: f64,
    covered_share: f64,
    growth_base: f64,
    growth_model: f64,
    cost_per_admission: f64,
    reinvested: f64,
) -> Vec<SavingsYear> {
    (1..=5)
        .map(|year| {
            let y = year as f64;
            let avoided = (admissions_millions
                * 1e6
                * covered_share.clamp(0.0, 1.0)
                * ((1.0 + growth_base).powf(y) - (1.0 + growth_model).powf(y)))
            .max(0.0);
            let saved = (avoided * cost_per_admission * 100.0).round();
            let saved_pence = if saved.is_finite() { saved as i64 } else { 0 }.max(0);
            SavingsYear {
                year,
                admissions_avoided: avoided,
                saved_pence,
                reinvested_pence: ((saved_pence as f64) * reinvested.clamp(0.0, 1.0)).round()
                    as i64,
            }
        })
        .collect()
}

/// Reinvested savings over five years.
#[derive(Debug, Clone, PartialEq)]
pub struct SavingsOutcome {
    pub years: Vec<SavingsYear>,
    pub recipient: crate::scenario::Recipient,
    /// The first year's reinvestment paid to practices (new money), pence.
    pub paid_to_practices_pence: i64,
}

impl Model {
    /// Reinvested savings: the five-year path, and the first year's reinvestment paid to
    /// practices (new money) unless the budget holder keeps it.
    pub(in crate::model) fn savings(
        &self,
        s: &crate::scenario::Savings,
        registered: &[f64],
        weighted: &[f64],
    ) -> Result<(Vec<i64>, Option<SavingsOutcome>), ModelError> {
        let n = self.len();
        if !s.active() {
            return Ok((vec![0; n], None));
        }
        // The covered share of England's registered patients.
        let england: f64 = registered.iter().sum();
        let covered_share = if england > 0.0 {
            (s.covered_millions * 1e6 / england).min(1.0)
        } else {
            0.0
        };
        let years = five_years(
            s.admissions_millions,
            covered_share,
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slower_growth_saves_money_that_grows_each_year() {
        let years = five_years(5.8, 1.0, 0.032, 0.011, 2_360.0, 0.5);
        assert_eq!(years.len(), 5);
        // Year 1: 5.8m × 2.1% = 121,800 admissions × £2,360.
        assert!((years[0].admissions_avoided - 121_800.0).abs() < 1e-3);
        assert_eq!(years[0].saved_pence, 28_744_800_000);
        assert_eq!(years[0].reinvested_pence, 14_372_400_000);
        // A tenth of the population covered avoids a tenth of the admissions.
        let tenth = five_years(5.8, 0.1, 0.032, 0.011, 2_360.0, 0.5);
        assert!((tenth[0].admissions_avoided - 12_180.0).abs() < 1e-6);
        assert!(years
            .windows(2)
            .all(|w| w[1].saved_pence > w[0].saved_pence));
    }

    #[test]
    fn faster_growth_saves_nothing_rather_than_a_negative_sum() {
        for y in five_years(5.8, 1.0, 0.011, 0.032, 2_360.0, 1.0) {
            assert_eq!(y.saved_pence, 0);
            assert_eq!(y.reinvested_pence, 0);
        }
    }
}
