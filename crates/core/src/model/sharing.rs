//! Pots of money shared out by weight, to the penny, and the pooled funding lines shared so.
//!
//! A pot is a whole number of pence. Sharing it by weights gives each recipient the floor of its
//! exact share, then hands the pence left over, one each, to the recipients with the largest
//! remainders (ties go to the earlier recipient). The shares therefore always sum to the pot exactly,
//! and no share differs from its exact value by a penny or more.

use std::fmt;

use super::formula::WeightedPopulation;
use super::outcome::PotLine;
use super::{to_pence, Model, ModelError};
use crate::data::{funding_line_index, FundingLineKey, FUNDING_LINES};
use crate::scenario::{PotMode, Scenario, Sharing};

/// Why a pot could not be shared.
#[derive(Debug, Clone, PartialEq)]
pub enum ShareError {
    /// A weight was negative, NaN or infinite; `index` says which.
    InvalidWeight { index: usize, weight: f64 },
    /// Every weight was zero (or there were none), so there is nothing to share by.
    NoWeight,
    /// The pot itself was negative.
    NegativePot { pence: i64 },
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::InvalidWeight { index, weight } => write!(
                f,
                "weight {index} is {weight}; weights must be finite and not negative"
            ),
            ShareError::NoWeight => write!(f, "all weights are zero, so the pot cannot be shared"),
            ShareError::NegativePot { pence } => {
                write!(f, "the pot is {pence} pence; a pot cannot be negative")
            }
        }
    }
}

impl std::error::Error for ShareError {}

/// Shares `pot_pence` in proportion to `weights`, by largest remainder.
///
/// The result has one entry per weight and sums to `pot_pence` exactly.
pub fn share_pot(pot_pence: i64, weights: &[f64]) -> Result<Vec<i64>, ShareError> {
    if pot_pence < 0 {
        return Err(ShareError::NegativePot { pence: pot_pence });
    }
    // The weights' sum and whether any is bad, in one pass; which one, only if one is.
    let is_bad = |w: f64| !w.is_finite() || w < 0.0;
    let (mut total, mut bad) = (0.0, false);
    for &w in weights {
        bad |= is_bad(w);
        total += w;
    }
    if bad {
        if let Some((index, &weight)) = weights.iter().enumerate().find(|(_, &w)| is_bad(w)) {
            return Err(ShareError::InvalidWeight { index, weight });
        }
    }
    if total <= 0.0 || !total.is_finite() {
        return Err(ShareError::NoWeight);
    }
    let pot = pot_pence as f64;
    let scale = pot / total;
    let mut shares = Vec::with_capacity(weights.len());
    // Each remainder as the bits of its f64: remainders are not negative, and the bits of
    // non-negative floats order as the floats do, so they compare as plain integers.
    let mut remainders = Vec::with_capacity(weights.len());
    let mut given: i64 = 0;
    for &weight in weights {
        let exact = weight * scale;
        // `exact` lies in [0, pot] (up to rounding), so truncating is its floor, and the floor
        // fits in i64. (A cast rather than `floor()`, which is a call into libm on x86-64.)
        let floor = (exact as i64).min(pot_pence);
        shares.push(floor);
        given += floor;
        remainders.push((exact - floor as f64).max(0.0).to_bits());
    }
    let mut left = pot_pence - given;
    // Rounding in f64 can, in extreme cases (pots beyond 2^53 pence), hand out pennies too many;
    // take them back a penny at a time from the smallest remainders, pass after pass, so the
    // identity holds whatever the inputs. `given` exceeds the pot, so there are pennies to take.
    if left < 0 {
        let mut order: Vec<(u64, usize)> = remainders.into_iter().zip(0..).collect();
        order.sort_unstable();
        while left < 0 {
            for &(_, index) in &order {
                if left == 0 {
                    break;
                }
                if shares[index] > 0 {
                    shares[index] -= 1;
                    left += 1;
                }
            }
        }
        return Ok(shares);
    }
    let n = remainders.len() as i64;
    // Each recipient gets `left / n` extra pence all round (only when rounding drifted by more
    // than one penny per recipient), then one more in remainder order.
    let all_round = left / n;
    for share in shares.iter_mut() {
        *share += all_round;
    }
    left -= all_round * n;
    if left > 0 {
        // The `left` largest remainders, ties to the earlier recipient: find the smallest
        // remainder among them by partitioning a copy (not sorting), then give a penny to every
        // remainder above it and to the earliest of those equal to it.
        let k = left as usize;
        let mut copy = remainders.clone();
        let cut = copy.len() - k;
        let (_, &mut threshold, _) = copy.select_nth_unstable(cut);
        let above = remainders.iter().filter(|&&r| r > threshold).count();
        let mut at_threshold = k - above;
        for (share, &r) in shares.iter_mut().zip(&remainders) {
            if r > threshold {
                *share += 1;
            } else if r == threshold && at_threshold > 0 {
                *share += 1;
                at_threshold -= 1;
            }
        }
    }
    Ok(shares)
}

/// The pooled lines after sharing, and each practice's pooled money before and after, pence.
pub(super) struct SharedLines {
    pub lines: Vec<PotLine>,
    pub baseline: Vec<i64>,
    pub scenario: Vec<i64>,
}

impl Model {
    /// The funding lines the scenario pools.
    pub fn pooled_lines(scenario: &Scenario) -> Vec<usize> {
        let keys = FundingLineKey::scope(
            true,
            scenario.pot_pcn,
            scenario.pot_qof,
            scenario.pot_enhanced_services,
        );
        keys.into_iter().filter_map(funding_line_index).collect()
    }

    /// Shares each pooled line out, in a fixed pot (the first line less the London adjustment's
    /// cost) or at a fixed price, by each practice's rate or by weighted patients alone.
    pub(super) fn share_pooled_lines(
        &self,
        scenario: &Scenario,
        population: &WeightedPopulation,
        income_factor: &[f64],
        london_total: i64,
    ) -> Result<SharedLines, ModelError> {
        let n = self.len();
        let weighted = &self.inputs.weighted;
        let mut lines = Vec::new();
        let mut pooled_baseline = vec![0_i64; n];
        let mut pooled_scenario = vec![0_i64; n];
        let mut weights = Vec::with_capacity(n);
        let mut members = Vec::with_capacity(n);
        for (line_number, &line) in Self::pooled_lines(scenario).iter().enumerate() {
            let info = &FUNDING_LINES[line];
            let column = &self.funding[line];
            let mut practice_pence: Vec<i64> = column.clone();
            // One pass: who takes part (practices with weighted patients and no negative amount
            // here; sharing by rate, a practice with nothing on the line would get nothing, so
            // it is left out), the line's money, the members' money and weighted patients, each
            // member's weight, and each practice's pooled money as paid.
            let keep_rates = scenario.sharing == Sharing::KeepRates;
            members.clear();
            weights.clear();
            let (mut baseline_total, mut pool, mut pool_weighted) = (0_i64, 0_i64, 0.0);
            let rows = column
                .iter()
                .zip(weighted)
                .zip(population.ratio.iter().zip(&population.weighted))
                .zip(income_factor.iter().zip(pooled_baseline.iter_mut()));
            for (p, (((&pence, &w), (&ratio, &w_scenario)), (&income, pooled))) in rows.enumerate()
            {
                baseline_total += pence;
                *pooled += pence;
                let member = w > 0.0 && if keep_rates { pence > 0 } else { pence >= 0 };
                if member {
                    members.push(p);
                    pool += pence;
                    pool_weighted += w;
                    weights.push(if keep_rates {
                        pence as f64 * ratio * income
                    } else {
                        w_scenario * income
                    });
                }
            }
            match scenario.pot_mode {
                PotMode::FixedPot => {
                    let mut to_share = pool;
                    if line_number == 0 {
                        if london_total > to_share {
                            return Err(ModelError::LondonAdjustmentTooLarge {
                                cost_pence: london_total,
                                pot_pence: to_share,
                            });
                        }
                        to_share -= london_total;
                    }
                    if to_share > 0 {
                        let shares =
                            share_pot(to_share, &weights).map_err(|error| ModelError::Share {
                                line: info.label,
                                error,
                            })?;
                        for (&p, s) in members.iter().zip(shares) {
                            practice_pence[p] = s;
                        }
                    } else {
                        for &p in &members {
                            practice_pence[p] = 0;
                        }
                    }
                }
                PotMode::FixedPrice => {
                    let price = if pool_weighted > 0.0 {
                        pool as f64 / pool_weighted
                    } else {
                        0.0
                    };
                    // Each member's payment: its money at its new rate (its weight), or the
                    // price times its weighted patients.
                    for (&p, &weight) in members.iter().zip(&weights) {
                        let exact = if keep_rates {
                            weight
                        } else {
                            price * population.weighted[p] * income_factor[p]
                        };
                        practice_pence[p] = to_pence(exact, "fixed-price payment")?;
                    }
                }
            }
            let mut scenario_total = 0;
            for (pooled, v) in pooled_scenario.iter_mut().zip(&practice_pence) {
                *pooled += v;
                scenario_total += v;
            }
            lines.push(PotLine {
                key: info.key,
                label: info.label,
                baseline_pence: baseline_total,
                scenario_pence: scenario_total,
                practice_pence,
            });
        }

        Ok(SharedLines {
            lines,
            baseline: pooled_baseline,
            scenario: pooled_scenario,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pot_beyond_f64_precision_is_still_shared_to_the_penny() {
        // 2^62 + 513 pence: f64 steps are 1,024 pence apart here and the pot rounds up to
        // 2^62 + 1,024, so the floors overshoot by far more pennies than there are recipients.
        let pot = (1_i64 << 62) + 513;
        for weights in [vec![1.0], vec![1.0, 1.0, 1.0], vec![0.1, 1e-3, 7.0, 1e6]] {
            let shares = share_pot(pot, &weights).unwrap();
            assert_eq!(shares.iter().sum::<i64>(), pot, "{weights:?}");
            assert!(shares.iter().all(|s| *s >= 0));
        }
    }

    #[test]
    fn equal_weights_split_the_odd_penny_to_the_first() {
        assert_eq!(share_pot(100, &[1.0, 1.0, 1.0]).unwrap(), vec![34, 33, 33]);
    }

    #[test]
    fn shares_follow_the_weights() {
        assert_eq!(share_pot(1_000, &[3.0, 1.0]).unwrap(), vec![750, 250]);
        assert_eq!(
            share_pot(1_000, &[2.0, 0.0, 3.0]).unwrap(),
            vec![400, 0, 600]
        );
    }

    #[test]
    fn largest_remainder_gets_the_leftover_pence() {
        // Exact shares 333.33.., 666.66..: the second has the larger remainder.
        assert_eq!(share_pot(1_000, &[1.0, 2.0]).unwrap(), vec![333, 667]);
    }

    #[test]
    fn every_split_sums_to_the_pot() {
        let weights: Vec<f64> = (1..=997).map(|i| (i as f64).sqrt() * 1.37).collect();
        for pot in [0_i64, 1, 999, 1_000_003, 436_873_152_976] {
            let shares = share_pot(pot, &weights).unwrap();
            assert_eq!(shares.iter().sum::<i64>(), pot, "pot {pot}");
            assert!(shares.iter().all(|&s| s >= 0));
        }
    }

    #[test]
    fn bad_weights_are_errors_not_panics() {
        assert_eq!(share_pot(10, &[]), Err(ShareError::NoWeight));
        assert_eq!(share_pot(10, &[0.0, 0.0]), Err(ShareError::NoWeight));
        assert!(matches!(
            share_pot(10, &[1.0, f64::NAN]),
            Err(ShareError::InvalidWeight { index: 1, .. })
        ));
        assert!(matches!(
            share_pot(10, &[-1.0, 2.0]),
            Err(ShareError::InvalidWeight { index: 0, .. })
        ));
        assert!(matches!(
            share_pot(10, &[f64::MAX, f64::MAX]),
            Err(ShareError::NoWeight)
        ));
        assert_eq!(
            share_pot(-5, &[1.0]),
            Err(ShareError::NegativePot { pence: -5 })
        );
    }
}
