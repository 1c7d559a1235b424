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

impl Model {
    /// The budget holder: GP money in its scope goes through it; it may divert a share to
    /// hospital services, bear a double-running cost, and pass a surplus on.
    pub(in crate::model) fn budget_holder(
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
}
