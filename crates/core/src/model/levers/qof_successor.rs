//! The QOF successor: a share of every practice's QOF money is retired and spent again on a
//! chosen base (registered, weighted or need-adjusted patients, or networks); what is not spent
//! again returns to QOF. The money stays in general practice.

use crate::data::{funding_line_index, FundingLineKey};
use crate::model::outcome::PotLine;
use crate::model::sharing::share_pot;
use crate::model::{to_pence, Model, ModelError};

/// What the QOF successor moved, pence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QofOutcome {
    /// Taken out of every practice's QOF money.
    pub retired_pence: i64,
    /// Spent again by the chosen base.
    pub respent_pence: i64,
    /// Returned to QOF in proportion to each practice's QOF money.
    pub returned_pence: i64,
}

impl Model {
    /// Retires a share of QOF and spends it again; returns each practice's change (summing to
    /// zero: the money stays in general practice) and the totals.
    pub(in crate::model) fn qof_successor(
        &self,
        q: &crate::scenario::QofSuccessor,
        lines: &[PotLine],
        registered: &[f64],
        weighted: &[f64],
    ) -> Result<(Vec<i64>, Option<QofOutcome>), ModelError> {
        let n = self.len();
        if q.retired <= 0.0 {
            return Ok((vec![0; n], None));
        }
        let qof: Vec<i64> = match lines.iter().find(|l| l.key == FundingLineKey::Qof) {
            Some(l) => l.practice_pence.clone(),
            None => funding_line_index(FundingLineKey::Qof)
                .map_or_else(|| vec![0; n], |i| self.funding[i].clone()),
        };
        let mut retired = vec![0_i64; n];
        for p in 0..n {
            if qof[p] > 0 {
                retired[p] = to_pence(qof[p] as f64 * q.retired, "retired QOF")?;
            }
        }
        let total: i64 = retired.iter().sum();
        let respent = to_pence(total as f64 * q.respent, "re-spent QOF")?.clamp(0, total);
        let returned = total - respent;
        let mut change: Vec<i64> = retired.iter().map(|r| -r).collect();
        let with_patients: Vec<usize> = (0..n).filter(|&p| weighted[p] > 0.0).collect();
        let base: Vec<f64> = match q.base {
            crate::scenario::QofBase::Registered => {
                with_patients.iter().map(|&p| registered[p]).collect()
            }
            crate::scenario::QofBase::Weighted => {
                with_patients.iter().map(|&p| weighted[p]).collect()
            }
            crate::scenario::QofBase::Need => with_patients
                .iter()
                .map(|&p| self.need[p].unwrap_or(weighted[p]))
                .collect(),
            crate::scenario::QofBase::Networks => {
                self.network_weights(&with_patients, registered, weighted)
            }
        };
        let share = |pence: i64, weights: &[f64], who: &[usize], change: &mut [i64]| {
            if pence <= 0 {
                return Ok(());
            }
            share_pot(pence, weights)
                .map(|shares| {
                    for (&p, s) in who.iter().zip(shares) {
                        change[p] += s;
                    }
                })
                .map_err(|error| ModelError::Share {
                    line: "QOF successor",
                    error,
                })
        };
        share(respent, &base, &with_patients, &mut change)?;
        let earners: Vec<usize> = (0..n).filter(|&p| qof[p] > 0).collect();
        let qof_weights: Vec<f64> = earners.iter().map(|&p| qof[p] as f64).collect();
        share(returned, &qof_weights, &earners, &mut change)?;
        Ok((
            change,
            Some(QofOutcome {
                retired_pence: total,
                respent_pence: respent,
                returned_pence: returned,
            }),
        ))
    }
}
