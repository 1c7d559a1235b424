//! Reinvested savings: slower growth of emergency admissions in the new care models frees money,
//! a share of which is reinvested in general practice (model research L6).

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
/// `saved_y = A₀ × ((1 + g_base)^y − (1 + g_model)^y) × cost`, and `reinvested_y = saved_y × ρ`.
/// When the new care models grow faster than the rest of England there is nothing to save:
/// savings are floored at zero, never negative money.
pub fn five_years(
    admissions_millions: f64,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slower_growth_saves_money_that_grows_each_year() {
        let years = five_years(5.8, 0.032, 0.011, 2_360.0, 0.5);
        assert_eq!(years.len(), 5);
        // Year 1: 5.8m × 2.1% = 121,800 admissions × £2,360.
        assert!((years[0].admissions_avoided - 121_800.0).abs() < 1e-3);
        assert_eq!(years[0].saved_pence, 28_744_800_000);
        assert_eq!(years[0].reinvested_pence, 14_372_400_000);
        assert!(years
            .windows(2)
            .all(|w| w[1].saved_pence > w[0].saved_pence));
    }

    #[test]
    fn faster_growth_saves_nothing_rather_than_a_negative_sum() {
        for y in five_years(5.8, 0.011, 0.032, 2_360.0, 1.0) {
            assert_eq!(y.saved_pence, 0);
            assert_eq!(y.reinvested_pence, 0);
        }
    }
}
