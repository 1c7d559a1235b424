//! An ICB's local discretion: a Health Equity Payment.
//!
//! With delegated commissioning an ICB has discretion over part of its GP money. Here an acting
//! ICB (one, or every ICB, each within its own practices) top-slices a share of its money in
//! scope from every one of its practices, in proportion to each practice's money in scope, and
//! pays it to the practices below the ICB's average money in scope per weighted patient:
//!
//! - the average is the ICB's money in scope over its weighted list on the fixed yardstick (the
//!   published 2022/23 formula), so a practice's need-based share of the ICB's money is its share
//!   of that weighted list; the top-slice is spent within the ICB, so the average is the same
//!   before and after;
//! - a practice below the average has a gap: the average times its weighted list less its money
//!   in scope. The pot is shared in proportion to the gaps, and no practice is paid more than
//!   would lift it above the average after its own top-slice (rounded up to the penny);
//! - what a cap leaves goes to those still below, in proportion to what each still lacks; what
//!   none of them can take (every one reached the average) goes back to the other practices in
//!   proportion to what was top-sliced from them.
//!
//! A practice above the average therefore never gains, and one below never ends above it. With a
//! share of 1 every practice below ends on its ICB's average, paid for by the others in
//! proportion to their money in scope.

use crate::data::{funding_line_index, FundingLineKey, HEADLINE_FUNDING_LINE_COUNT};
use crate::model::outcome::PotLine;
use crate::model::sharing::share_pot;
use crate::model::{to_pence, Model, ModelError};
use crate::scenario::{DiscretionScope, LocalDiscretion};

/// Why the lever cannot be run.
#[derive(Debug, Clone, PartialEq)]
pub enum LocalDiscretionError {
    UnknownIcb(String),
}

impl std::fmt::Display for LocalDiscretionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::UnknownIcb(code) => write!(f, "'hi': no ICB has the code '{code}'"),
        }
    }
}

impl std::error::Error for LocalDiscretionError {}

/// What the Health Equity Payment did.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalDiscretionOutcome {
    /// Index of the acting ICB in the dataset; `None` when every ICB acts.
    pub icb: Option<usize>,
    pub scope: DiscretionScope,
    pub share: f64,
    /// Practices in the acting ICB(s).
    pub practices: usize,
    /// Money in scope in the acting ICB(s) before the top-slice, pence.
    pub in_scope_pence: i64,
    /// Money top-sliced, pence.
    pub sliced_pence: i64,
    /// Money paid to practices below their ICB's average, pence (the rest of the top-slice
    /// went back to the practices it came from).
    pub respent_pence: i64,
    /// Practices below their ICB's average paid part of the payment.
    pub topped_up: usize,
    /// Practices paid more than was top-sliced from them.
    pub gainers: usize,
    /// The payment's change (paid less top-sliced) in £ per weighted patient on the fixed
    /// yardstick, among the acting ICBs' practices in each IMD quintile: 1 (least deprived) to 5.
    pub per_weighted_change_by_quintile: [f64; 5],
}

/// The funding lines in scope: those of [`FundingLineKey::scope`] within total NHS payments.
fn scope_keys(scope: DiscretionScope) -> Vec<FundingLineKey> {
    let delegated = scope == DiscretionScope::Delegated;
    FundingLineKey::scope(true, delegated, delegated, delegated)
        .into_iter()
        .filter(|&k| funding_line_index(k).is_some_and(|i| i < HEADLINE_FUNDING_LINE_COUNT))
        .collect()
}

/// One ICB's payment, per member in the members' order.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Payment {
    /// Top-sliced, pence.
    sliced: Vec<i64>,
    /// Paid back, pence: the payment to a practice below the average, or the part of its
    /// top-slice handed back to one that was not.
    paid: Vec<i64>,
    /// Below the ICB's average before the top-slice.
    below: Vec<bool>,
}

/// One ICB's payment. What the practices below the average cannot take without passing it is
/// handed back to the others in proportion to their top-slice.
fn one_icb(money: &[i64], weighted: &[f64], share: f64) -> Result<Payment, ModelError> {
    let n = money.len();
    let total: i64 = money.iter().sum();
    let weight: f64 = weighted.iter().sum();
    let nothing = Payment {
        sliced: vec![0; n],
        paid: vec![0; n],
        below: vec![false; n],
    };
    if total <= 0 || weight <= 0.0 || !weight.is_finite() {
        return Ok(nothing);
    }
    let share = if share.is_finite() {
        share.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let pot = to_pence(total as f64 * share, "Health Equity Payment")?.clamp(0, total);
    let share_error = |error| ModelError::Share {
        line: "Health Equity Payment",
        error,
    };
    let sliced = if pot == total {
        money.to_vec()
    } else if pot == 0 {
        vec![0; n]
    } else {
        let weights: Vec<f64> = money.iter().map(|m| *m as f64).collect();
        share_pot(pot, &weights).map_err(share_error)?
    };
    let average = total as f64 / weight;
    // Below the average before the top-slice: the gap; and the room left after it.
    let gap: Vec<f64> = (0..n)
        .map(|i| {
            let g = average * weighted[i] - money[i] as f64;
            if weighted[i] > 0.0 && g > 0.0 {
                g
            } else {
                0.0
            }
        })
        .collect();
    let room: Vec<i64> = (0..n)
        .map(|i| {
            if gap[i] > 0.0 {
                (average * weighted[i] - (money[i] - sliced[i]) as f64)
                    .ceil()
                    .clamp(0.0, 9.0e15) as i64
            } else {
                0
            }
        })
        .collect();
    let mut paid = vec![0_i64; n];
    let mut left = pot;
    for round in 0..64 {
        if left == 0 {
            break;
        }
        let lacking: Vec<usize> = (0..n).filter(|&i| room[i] > paid[i]).collect();
        if lacking.is_empty() {
            break;
        }
        // First by the gap, then what a cap left by what each still lacks.
        let weights: Vec<f64> = lacking
            .iter()
            .map(|&i| {
                if round == 0 {
                    gap[i]
                } else {
                    (room[i] - paid[i]) as f64
                }
            })
            .collect();
        let shares = share_pot(left, &weights).map_err(share_error)?;
        for (&i, s) in lacking.iter().zip(shares) {
            let give = s.min(room[i] - paid[i]);
            paid[i] += give;
            left -= give;
        }
    }
    if left > 0 {
        // Every practice below reached the average: the rest goes back to the others, in
        // proportion to what was top-sliced from them.
        let weights: Vec<f64> = (0..n)
            .map(|i| if gap[i] > 0.0 { 0.0 } else { sliced[i] as f64 })
            .collect();
        let shares = share_pot(left, &weights).map_err(share_error)?;
        for (p, s) in paid.iter_mut().zip(shares) {
            *p += s;
        }
    }
    Ok(Payment {
        sliced,
        paid,
        below: gap.iter().map(|g| *g > 0.0).collect(),
    })
}

impl Model {
    /// The Health Equity Payment: each practice's change (paid less top-sliced), pence, and
    /// the lever's summary when it acts.
    pub(in crate::model) fn local_discretion(
        &self,
        ld: &LocalDiscretion,
        lines: &[PotLine],
        adjustments: &[&[i64]],
        yardstick: &[f64],
    ) -> Result<(Vec<i64>, Option<LocalDiscretionOutcome>), ModelError> {
        let n = self.len();
        if !ld.active() {
            return Ok((vec![0; n], None));
        }
        let acting = if ld.icb.is_empty() {
            None
        } else {
            Some(
                self.groups_in(crate::model::groups::ICB)
                    .iter()
                    .position(|g| *g.code == *ld.icb)
                    .ok_or_else(|| {
                        ModelError::LocalDiscretion(LocalDiscretionError::UnknownIcb(
                            ld.icb.clone(),
                        ))
                    })?,
            )
        };
        let keys = scope_keys(ld.scope);
        let amount = |key: FundingLineKey, p: usize| -> i64 {
            match lines.iter().find(|l| l.key == key) {
                Some(l) => l.practice_pence.get(p).copied().unwrap_or(0),
                None => funding_line_index(key)
                    .and_then(|i| self.funding.get(i))
                    .and_then(|line| line.get(p).copied())
                    .unwrap_or(0),
            }
        };
        let mut members: Vec<Vec<usize>> =
            vec![Vec::new(); self.groups_in(crate::model::groups::ICB).len()];
        for p in 0..n {
            let icb = self.icb[p];
            if icb < members.len() && acting.is_none_or(|a| a == icb) {
                members[icb].push(p);
            }
        }
        let mut change = vec![0_i64; n];
        let (mut in_scope, mut sliced_total, mut respent) = (0_i64, 0_i64, 0_i64);
        let (mut topped_up, mut gainers, mut practices) = (0, 0, 0);
        let (mut by_quintile, mut weight_by_quintile) = ([0_i64; 5], [0.0_f64; 5]);
        for who in members.iter().filter(|m| !m.is_empty()) {
            let money: Vec<i64> = who
                .iter()
                .map(|&p| {
                    let lines: i64 = keys.iter().map(|&k| amount(k, p)).sum();
                    let extra: i64 = adjustments.iter().filter_map(|a| a.get(p)).sum();
                    (lines + extra).max(0)
                })
                .collect();
            let weighted: Vec<f64> = who
                .iter()
                .map(|&p| {
                    let w = yardstick.get(p).copied().unwrap_or(0.0);
                    if w.is_finite() && w > 0.0 {
                        w
                    } else {
                        0.0
                    }
                })
                .collect();
            let Payment {
                sliced,
                paid,
                below,
            } = one_icb(&money, &weighted, ld.share)?;
            for (k, &p) in who.iter().enumerate() {
                change[p] = paid[k] - sliced[k];
                if below[k] {
                    topped_up += usize::from(paid[k] > 0);
                    respent += paid[k];
                }
                gainers += usize::from(change[p] > 0);
                let q = self.quintile[p].min(4);
                by_quintile[q] += change[p];
                weight_by_quintile[q] += weighted[k];
            }
            practices += who.len();
            in_scope += money.iter().sum::<i64>();
            sliced_total += sliced.iter().sum::<i64>();
        }
        let per_weighted_change_by_quintile = std::array::from_fn(|q| {
            if weight_by_quintile[q] > 0.0 {
                by_quintile[q] as f64 / 100.0 / weight_by_quintile[q]
            } else {
                0.0
            }
        });
        Ok((
            change,
            Some(LocalDiscretionOutcome {
                icb: acting,
                scope: ld.scope,
                share: ld.share,
                practices,
                in_scope_pence: in_scope,
                sliced_pence: sliced_total,
                respent_pence: respent,
                topped_up,
                gainers,
                per_weighted_change_by_quintile,
            }),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pot_goes_to_those_below_the_average_and_what_they_cannot_take_goes_back() {
        // Three practices of one weighted patient each with £90, £100 and £110: average £100.
        let money = [9_000, 10_000, 11_000];
        let p = one_icb(&money, &[1.0, 1.0, 1.0], 0.1).unwrap();
        assert_eq!(p.sliced, vec![900, 1_000, 1_100]);
        assert_eq!(p.below, vec![true, false, false]);
        // The first is topped up to the average (£81 left + £19); the £11 it cannot take goes
        // back to the other two by their top-slice (1,000 : 1,100).
        assert_eq!(p.paid, vec![1_900, 524, 576]);
        let after: Vec<i64> = (0..3).map(|i| money[i] - p.sliced[i] + p.paid[i]).collect();
        assert_eq!(after, vec![10_000, 9_524, 10_476]);
        assert_eq!(after.iter().sum::<i64>(), money.iter().sum::<i64>());
    }

    #[test]
    fn a_small_share_goes_by_the_gap_and_lifts_none_past_the_average() {
        let money = [9_000, 10_000, 12_000, 0];
        let weighted = [1.0, 1.0, 1.0, 0.0];
        // Average 31,000 / 3 pence; gaps 1,333.33 and 333.33; a 1% pot of 310.
        let p = one_icb(&money, &weighted, 0.01).unwrap();
        assert_eq!(p.sliced, vec![90, 100, 120, 0]);
        assert_eq!(p.paid, vec![248, 62, 0, 0]);
        assert_eq!(p.below, vec![true, true, false, false]);
        let after: Vec<i64> = (0..4).map(|i| money[i] - p.sliced[i] + p.paid[i]).collect();
        assert_eq!(after, vec![9_158, 9_962, 11_880, 0]);
        assert!(after.iter().take(2).all(|a| *a as f64 <= 31_000.0 / 3.0));
    }

    #[test]
    fn the_whole_of_the_money_lifts_those_below_to_the_average_at_the_others_cost() {
        let money = [9_000, 10_000, 11_000, 30_000];
        let p = one_icb(&money, &[1.0, 1.0, 1.0, 3.0], 1.0).unwrap();
        assert_eq!(p.sliced, money.to_vec());
        let after: Vec<i64> = (0..4).map(|i| money[i] - p.sliced[i] + p.paid[i]).collect();
        // The one below ends on the average (£100); the other £500 goes back to the rest in
        // proportion to their money: 10,000 : 11,000 : 30,000.
        assert_eq!(after, vec![10_000, 9_804, 10_784, 29_412]);
        assert_eq!(after.iter().sum::<i64>(), 60_000);
    }

    #[test]
    fn nothing_to_share_is_not_an_error() {
        let none = |n| Payment {
            sliced: vec![0; n],
            paid: vec![0; n],
            below: vec![false; n],
        };
        assert_eq!(one_icb(&[0, 0], &[1.0, 1.0], 0.5).unwrap(), none(2));
        assert_eq!(one_icb(&[10, 20], &[0.0, 0.0], 0.5).unwrap(), none(2));
        assert_eq!(one_icb(&[], &[], 0.5).unwrap(), none(0));
        let nan = one_icb(&[10, 20], &[1.0, 1.0], f64::NAN).unwrap();
        assert_eq!((nan.sliced, nan.paid), (vec![0, 0], vec![0, 0]));
    }
}
