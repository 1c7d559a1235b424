//! New money and the primary care share: a year-by-year path of the NHS budget and general
//! practice's part of it, against a target share, and the new money of one stated year of the
//! path paid to practices.
//!
//! One basis throughout: NHS England's net expenditure, in 2022/23 prices. The budget grows at
//! one real rate a year, `budget_t = budget_0 × (1 + g)^t`, plus any extra money on top of that
//! growth (none by default), phased in evenly to its full amount in the fifth year. General
//! practice starts from what practices were paid in 2022/23 (the data) and receives a share of
//! each year's new money, the budget above its 2022/23 level.

use crate::model::sharing::share_pot;
use crate::model::{Model, ModelError};
use crate::scenario::{EnvelopeSettings, NewMoneyChannel};

/// The first calendar year of the path: 2022 is 2022/23.
pub const START_YEAR: u32 = 2022;

/// One year of the path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EnvelopeYear {
    /// The first calendar year of the financial year: 2022 is 2022/23.
    pub year: u32,
    /// NHS budget, £bn in 2022/23 prices.
    pub nhs_bn: f64,
    /// Spending on general practice, £bn in 2022/23 prices.
    pub gp_bn: f64,
    /// General practice's part of that year's new money, pence in 2022/23 prices: what it
    /// receives above its 2022/23 payments.
    pub gp_new_pence: i64,
    /// General practice's share of the NHS budget.
    pub share: f64,
    /// The target path's share that year (0 with no target).
    pub target_share: f64,
    /// Extra £bn general practice would need that year to be on the target path.
    pub extra_needed_bn: f64,
}

/// The path from 2022/23 to 2035/36.
/// `gp_base_pence` is what practices were paid in 2022/23 (the data), pence.
pub fn path(e: &EnvelopeSettings, gp_base_pence: i64) -> Vec<EnvelopeYear> {
    let gp_base_bn = gp_base_pence as f64 / 1e11;
    let share0 = if e.nhs_base_bn > 0.0 {
        gp_base_bn / e.nhs_base_bn
    } else {
        0.0
    };
    (START_YEAR..=2035)
        .map(|year| {
            let t = (year - START_YEAR) as f64;
            let extra = e.extra_bn * (t / 5.0).min(1.0);
            let nhs = e.nhs_base_bn * (1.0 + e.growth).powf(t) + extra;
            let new_money = (nhs - e.nhs_base_bn).max(0.0);
            let gp_new = (e.gp_share_of_new * new_money * 1e11).round();
            // `as` saturates: a non-finite amount cannot panic (and cannot arise in range).
            let gp_new_pence = if gp_new.is_finite() { gp_new as i64 } else { 0 };
            let gp = gp_base_bn + gp_new_pence as f64 / 1e11;
            let target = if e.target_share > 0.0 && e.target_year > START_YEAR {
                let span = (e.target_year - START_YEAR) as f64;
                let progress = (t / span).min(1.0);
                let progress = if e.front_loaded {
                    1.0 - (1.0 - progress).powi(2)
                } else {
                    progress
                };
                share0 + (e.target_share - share0) * progress
            } else {
                0.0
            };
            let share = if nhs > 0.0 { gp / nhs } else { 0.0 };
            EnvelopeYear {
                year,
                nhs_bn: nhs,
                gp_bn: gp,
                gp_new_pence,
                share,
                target_share: target,
                extra_needed_bn: if target > 0.0 {
                    (target * nhs - gp).max(0.0)
                } else {
                    0.0
                },
            }
        })
        .collect()
}

/// The new money of one stated year of the path, paid to practices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewMoneyOutcome {
    /// The first calendar year of the stated financial year: 2027 is 2027/28.
    pub year: u32,
    pub channel: NewMoneyChannel,
    /// General practice's new money that year, pence in 2022/23 prices.
    pub new_money_pence: i64,
    /// Of which paid to practices (all of it, unless the channel pays none), pence.
    pub paid_to_practices_pence: i64,
}

/// The path year by year, and its stated year's new money as paid.
pub(in crate::model) type SpendingPath = (Vec<EnvelopeYear>, NewMoneyOutcome);

impl Model {
    /// The spending path, and the new money of its stated year paid to practices through the
    /// chosen channel: per weighted patient of `yardstick` (the published 2022/23 formula), or to
    /// each network per registered patient and then its practices per weighted patient.
    pub(in crate::model) fn envelope(
        &self,
        e: &EnvelopeSettings,
        gp_base_pence: i64,
        registered: &[f64],
        yardstick: &[f64],
    ) -> Result<(Vec<i64>, Option<SpendingPath>), ModelError> {
        let n = self.len();
        if !e.active() {
            return Ok((vec![0; n], None));
        }
        let years = path(e, gp_base_pence);
        let stated = START_YEAR + e.paid_year.clamp(1, 5);
        let new_money = years
            .iter()
            .find(|y| y.year == stated)
            .map_or(0, |y| y.gp_new_pence);
        let mut paid = vec![0_i64; n];
        if new_money > 0 && e.channel != NewMoneyChannel::None {
            let who: Vec<usize> = (0..n).filter(|&p| yardstick[p] > 0.0).collect();
            let weights = match e.channel {
                NewMoneyChannel::Networks => self.network_weights(&who, registered, yardstick),
                _ => who.iter().map(|&p| yardstick[p]).collect(),
            };
            let shares = share_pot(new_money, &weights).map_err(|error| ModelError::Share {
                line: "new money",
                error,
            })?;
            for (&p, v) in who.iter().zip(shares) {
                paid[p] = v;
            }
        }
        let paid_total = paid.iter().sum();
        Ok((
            paid,
            Some((
                years,
                NewMoneyOutcome {
                    year: stated,
                    channel: e.channel,
                    new_money_pence: new_money,
                    paid_to_practices_pence: paid_total,
                },
            )),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// £10.8bn in pence.
    const GP_BASE_PENCE: i64 = 1_080_000_000_000;

    fn envelope() -> EnvelopeSettings {
        EnvelopeSettings {
            nhs_base_bn: 180.0,
            growth: 0.0,
            extra_bn: 20.0,
            gp_share_of_new: 0.1,
            target_share: 0.08,
            target_year: 2029,
            ..EnvelopeSettings::default()
        }
    }

    #[test]
    fn the_extra_money_phases_in_over_five_years() {
        let p = path(&envelope(), GP_BASE_PENCE);
        assert_eq!(p.first().map(|y| y.year), Some(2022));
        assert_eq!(p.last().map(|y| y.year), Some(2035));
        assert!((p[0].share - 0.06).abs() < 1e-12);
        assert!((p[5].nhs_bn - 200.0).abs() < 1e-9);
        assert!((p[5].gp_bn - 12.8).abs() < 1e-9);
        assert_eq!(p[5].gp_new_pence, 200_000_000_000, "10% of £20bn");
        assert!(
            (p[9].nhs_bn - 200.0).abs() < 1e-9,
            "no growth beyond the extra"
        );
    }

    #[test]
    fn growth_alone_compounds_with_nothing_added() {
        let e = EnvelopeSettings {
            nhs_base_bn: 150.0,
            growth: 0.034,
            extra_bn: 0.0,
            gp_share_of_new: 0.1,
            ..EnvelopeSettings::default()
        };
        let p = path(&e, GP_BASE_PENCE);
        for y in &p {
            let t = (y.year - START_YEAR) as i32;
            assert!((y.nhs_bn - 150.0 * 1.034_f64.powi(t)).abs() < 1e-9);
        }
        // Year 5: £150bn × (1.034^5 − 1) = £27.3bn of new money, a tenth of it to GP.
        let new5 = 150.0 * (1.034_f64.powi(5) - 1.0);
        assert_eq!(p[5].gp_new_pence, (0.1 * new5 * 1e11).round() as i64);
    }

    #[test]
    fn the_target_path_reaches_the_target_in_its_year_and_prices_the_gap() {
        let p = path(&envelope(), GP_BASE_PENCE);
        let y2029 = p.iter().find(|y| y.year == 2029).unwrap();
        assert!((y2029.target_share - 0.08).abs() < 1e-12);
        assert!((y2029.extra_needed_bn - (0.08 * 200.0 - 12.8)).abs() < 1e-9);
        let front = path(
            &EnvelopeSettings {
                front_loaded: true,
                ..envelope()
            },
            GP_BASE_PENCE,
        );
        assert!(front[2].target_share > p[2].target_share);
        assert!(p.iter().all(|y| y.extra_needed_bn >= 0.0));
    }
}
