//! The budget holder: GP money in its scope goes through an ICB, a trust or a network, which may
//! divert a share of it to hospital services, bear the cost of double running, and pass a surplus
//! of reinvested savings on to practices.

use super::savings::SavingsOutcome;
use crate::data::{funding_line_index, FundingLineKey};
use crate::model::outcome::PotLine;
use crate::model::sharing::share_pot;
use crate::model::{to_pence, Model, ModelError};
use crate::scenario::Scenario;

/// The money flowing through a budget holder, pence a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HolderOutcome {
    pub holder: crate::scenario::Holder,
    /// GP money from NHS England through the commissioner (what practices got before the
    /// holder acted).
    pub gp_money_pence: i64,
    /// Of which routed through the holder (with any core funding that moves to it, see
    /// `core_moved_pence`).
    pub routed_pence: i64,
    /// Diverted by the holder to hospital services.
    pub diverted_pence: i64,
    /// Spent on double running.
    pub double_running_pence: i64,
    /// Surplus (kept savings) passed on to practices.
    pub surplus_to_practices_pence: i64,
    /// Surplus the holder keeps.
    pub surplus_kept_pence: i64,
    /// Core funding moved from practices to an acute trust as integrated health organisation by
    /// the stated year of the spending path (see [`CoreShiftOutcome`]).
    pub core_moved_pence: i64,
}

/// One year of core funding shifting to an integrated health organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoreShiftYear {
    /// The first calendar year of the financial year: 2022 is 2022/23.
    pub year: u32,
    /// General practice's core funding that year, pence.
    pub core_pence: i64,
    /// What has moved to the trust by that year (since 2022/23), pence.
    pub moved_pence: i64,
}

/// Core funding shifting to an acute trust as integrated health organisation, year by year:
/// `core_t = core_0 × (1 − r)^t`, and what moved is `core_0 − core_t`.
#[derive(Debug, Clone, PartialEq)]
pub struct CoreShiftOutcome {
    /// The share of core funding moving each year.
    pub rate: f64,
    /// 2022/23 (nothing moved) to 2027/28.
    pub years: Vec<CoreShiftYear>,
    /// The stated year of the spending path, whose shift practices bear: 2027 is 2027/28.
    pub year: u32,
    /// What moved by that year, taken from practices in proportion to their core funding, pence.
    pub moved_pence: i64,
}

/// Core funding year by year under a shift of `rate` a year, from `core_0` pence in 2022/23 to
/// the fifth year. Each year's amount moved is rounded to the penny; core is the rest, so the
/// two always add up to `core_0`.
pub fn core_shift_years(core_0: i64, rate: f64) -> Result<Vec<CoreShiftYear>, ModelError> {
    let kept = 1.0 - rate.clamp(0.0, 1.0);
    (0..=5)
        .map(|t| {
            let moved = to_pence(core_0 as f64 * (1.0 - kept.powi(t)), "core funding moved")?;
            Ok(CoreShiftYear {
                year: super::envelope::START_YEAR + t as u32,
                core_pence: core_0 - moved,
                moved_pence: moved,
            })
        })
        .collect()
}

/// What the budget holder changes for each practice.
pub(in crate::model) struct HolderEffect {
    /// Diverted, double running and surplus passed on, per practice, pence.
    pub change: Vec<i64>,
    /// Core funding moved to an integrated health organisation, per practice (negative), pence.
    pub core_shift: Vec<i64>,
    pub outcome: Option<HolderOutcome>,
    pub core_shift_outcome: Option<CoreShiftOutcome>,
}

impl Model {
    /// The budget holder: GP money in its scope goes through it; it may divert a share to
    /// hospital services, bear a double-running cost, and pass a surplus on.
    pub(in crate::model) fn budget_holder(
        &self,
        scenario: &Scenario,
        lines: &[PotLine],
        weighted: &[f64],
        savings: Option<&SavingsOutcome>,
    ) -> Result<HolderEffect, ModelError> {
        use crate::scenario::{Holder, HolderScope, Recipient};
        let n = self.len();
        let h = &scenario.budget_holder;
        if !h.active() {
            return Ok(HolderEffect {
                change: vec![0; n],
                core_shift: vec![0; n],
                outcome: None,
                core_shift_outcome: None,
            });
        }
        let mut keys = vec![FundingLineKey::EnhancedServices];
        if h.scope >= HolderScope::PlusPcn {
            keys.extend(FundingLineKey::PCN);
        }
        if h.scope >= HolderScope::PlusQof {
            keys.push(FundingLineKey::Qof);
        }
        if h.scope >= HolderScope::All {
            keys.extend(FundingLineKey::CORE);
        }
        let amount = |key: FundingLineKey, p: usize| -> i64 {
            match lines.iter().find(|l| l.key == key) {
                Some(l) => l.practice_pence[p],
                None => funding_line_index(key).map_or(0, |i| self.funding[i][p]),
            }
        };
        let routed: Vec<i64> = (0..n)
            .map(|p| keys.iter().map(|&k| amount(k, p)).sum::<i64>().max(0))
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
        // An acute trust as integrated health organisation: core funding shifts to it each year
        // of the spending path; practices bear what moved by the stated year, each in proportion
        // to its core funding.
        let mut core_shift = vec![0_i64; n];
        let mut core_shift_outcome = None;
        if h.holder == Holder::Trust && h.core_shift > 0.0 {
            let core: Vec<i64> = (0..n)
                .map(|p| {
                    FundingLineKey::CORE
                        .iter()
                        .map(|&k| amount(k, p))
                        .sum::<i64>()
                        .max(0)
                })
                .collect();
            let years = core_shift_years(core.iter().sum(), h.core_shift)?;
            let t = scenario.envelope.paid_year.clamp(1, 5) as usize;
            let moved = years.get(t).map_or(0, |y| y.moved_pence);
            if moved > 0 {
                let who: Vec<usize> = (0..n).filter(|&p| core[p] > 0).collect();
                let weights: Vec<f64> = who.iter().map(|&p| core[p] as f64).collect();
                let shares = share_pot(moved, &weights).map_err(|error| ModelError::Share {
                    line: "core funding moved",
                    error,
                })?;
                for (&p, s) in who.iter().zip(shares) {
                    core_shift[p] = -s;
                }
            }
            core_shift_outcome = Some(CoreShiftOutcome {
                rate: h.core_shift,
                years,
                year: super::envelope::START_YEAR + t as u32,
                moved_pence: moved,
            });
        }
        let gp_money: i64 = self.total.iter().sum::<i64>()
            - lines
                .iter()
                .map(|l| l.baseline_pence - l.scenario_pence)
                .sum::<i64>();
        let core_moved = core_shift_outcome.as_ref().map_or(0, |c| c.moved_pence);
        // Core funding that moves to the trust goes through it even when core is not in scope.
        let routed_total = if h.scope >= HolderScope::All {
            routed_total
        } else {
            routed_total + core_moved
        };
        Ok(HolderEffect {
            change,
            core_shift,
            outcome: Some(HolderOutcome {
                holder: h.holder,
                gp_money_pence: gp_money,
                routed_pence: routed_total,
                diverted_pence: diverted_total,
                double_running_pence: double,
                surplus_to_practices_pence: passed,
                surplus_kept_pence: surplus - passed,
                core_moved_pence: core_moved,
            }),
            core_shift_outcome,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::core_shift_years;

    #[test]
    fn core_shifts_compounding_and_adds_up_each_year() {
        let core_0 = 602_000_000_000;
        let years = core_shift_years(core_0, 0.05).unwrap();
        assert_eq!(years.len(), 6);
        assert_eq!(years[0].year, 2022);
        assert_eq!(years[0].moved_pence, 0);
        assert_eq!(years[5].year, 2027);
        for (t, y) in years.iter().enumerate() {
            assert_eq!(y.core_pence + y.moved_pence, core_0);
            let expected = (core_0 as f64 * 0.95_f64.powi(t as i32)).round() as i64;
            assert!((y.core_pence - expected).abs() <= 1, "year {t}");
        }
        // 1 − 0.95^5 = 22.62% of core has moved by the fifth year.
        assert_eq!(
            years[5].moved_pence,
            (core_0 as f64 * (1.0 - 0.95_f64.powi(5))).round() as i64
        );
        assert!(core_shift_years(core_0, 0.0)
            .unwrap()
            .iter()
            .all(|y| y.moved_pence == 0));
    }
}
