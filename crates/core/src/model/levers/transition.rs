//! The pace of change: how a reform's end state is reached year by year from 2022/23.
//!
//! Each practice moves in equal steps from its 2022/23 payments to its scenario payments over
//! the chosen number of years. With a cap, no practice's payments fall by more than the cap's
//! share of its previous year's payments in any year: a practice whose step would cut deeper is
//! protected (held at the cap), and keeps moving in later years until it reaches its scenario
//! payments, so the path can run beyond the chosen years. The protection is paid either with
//! new money or by the practices that gain, whose gains that year are scaled down in proportion
//! to pay for it (with any part the gains cannot cover paid as new money, and said). The path
//! ends when every practice is at its scenario payments, or at [`HORIZON`] years.

use crate::model::outcome::Outcome;
use crate::model::sharing::share_pot;
use crate::scenario::{ProtectionFunding, Transition};

/// The most years a path runs.
pub const HORIZON: usize = 30;

/// One year of the path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TransitionYear {
    /// The first calendar year of the financial year: 2023 is 2023/24.
    pub year: u32,
    /// Practices held at the cap.
    pub capped: usize,
    /// What holding them costs this year, pence.
    pub protection_pence: i64,
    /// Of which paid as new money (all of it when new money pays; what the gains could not
    /// cover when the gainers pay).
    pub new_money_pence: i64,
    /// Total NHS payments to practices that year, pence.
    pub total_pence: i64,
}

/// The path from 2022/23 to the scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct TransitionPath {
    pub settings: Transition,
    pub years: Vec<TransitionYear>,
    /// Whether every practice reached its scenario payments within the horizon.
    pub finished: bool,
    /// Each practice's payments in each year of the path, pence (the path's years in order).
    pub practice_pence: Vec<Vec<i64>>,
}

impl TransitionPath {
    /// The largest number of practices held at the cap in any year.
    pub fn most_capped(&self) -> usize {
        self.years.iter().map(|y| y.capped).max().unwrap_or(0)
    }

    /// The total cost of protection over the path, pence.
    pub fn protection_pence(&self) -> i64 {
        self.years.iter().map(|y| y.protection_pence).sum()
    }
}

/// Each practice `k/years` of the way from `base` to `end`, in whole pence that add up to the
/// same share of the national change (rounded once).
fn step_towards(base: &[i64], end: &[i64], k: usize, years: usize) -> Vec<i64> {
    if k >= years {
        return end.to_vec();
    }
    let share = k as f64 / years as f64;
    let exact: Vec<f64> = base
        .iter()
        .zip(end)
        .map(|(b, e)| (e - b) as f64 * share)
        .collect();
    let mut whole: Vec<i64> = exact.iter().map(|x| x.floor() as i64).collect();
    let national = (end.iter().sum::<i64>() - base.iter().sum::<i64>()) as f64 * share;
    let short = (national.round() as i64 - whole.iter().sum::<i64>()).max(0) as usize;
    let mut order: Vec<usize> = (0..exact.len()).collect();
    order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())));
    for &p in order.iter().take(short) {
        whole[p] += 1;
    }
    base.iter().zip(whole).map(|(b, w)| b + w).collect()
}

/// The path for `o` under `t`; `None` when the pace of change is not set (one step, no cap).
pub fn path(o: &Outcome, t: &Transition) -> Option<TransitionPath> {
    if !t.active() {
        return None;
    }
    let years = t.years.max(1) as usize;
    let cap = t.cap.clamp(0.0, 1.0);
    let n = o.practices.len();
    let base: Vec<i64> = o.practices.iter().map(|r| r.total_baseline_pence).collect();
    let end: Vec<i64> = o.practices.iter().map(|r| r.total_scenario_pence).collect();
    let mut previous = base.clone();
    let mut out = Vec::new();
    let mut practice_pence: Vec<Vec<i64>> = vec![Vec::new(); n];
    let mut finished = false;
    for step in 1..=HORIZON {
        // The unprotected step: equal steps to the end state, rounded so that the steps add up
        // to the national step to the penny (largest remainders get the odd pence).
        let target = step_towards(&base, &end, step.min(years), years);
        // The cap: no fall of more than `cap` of last year's payments.
        let mut paid = target.clone();
        let mut capped = 0;
        let mut protection = 0_i64;
        if cap > 0.0 {
            for p in 0..n {
                // A practice paid nothing (or less, after recoveries) has no income to protect.
                if previous[p] <= 0 {
                    continue;
                }
                let floor = (previous[p] as f64 * (1.0 - cap)).ceil() as i64;
                if target[p] < floor {
                    paid[p] = floor.min(previous[p]);
                    capped += 1;
                    protection += paid[p] - target[p];
                }
            }
        }
        // Who pays for it.
        let mut new_money = protection;
        if protection > 0 && t.funding == ProtectionFunding::Gainers {
            let gains: Vec<f64> = (0..n)
                .map(|p| (target[p] - base[p]).max(0) as f64)
                .collect();
            let available: i64 = (0..n).map(|p| (target[p] - base[p]).max(0)).sum();
            let from_gainers = protection.min(available);
            if from_gainers > 0 {
                if let Ok(shares) = share_pot(from_gainers, &gains) {
                    for (p, s) in shares.into_iter().enumerate() {
                        paid[p] -= s;
                    }
                    new_money = protection - from_gainers;
                }
            }
        }
        for (p, v) in paid.iter().enumerate() {
            practice_pence[p].push(*v);
        }
        out.push(TransitionYear {
            year: 2022 + step as u32,
            capped,
            protection_pence: protection,
            new_money_pence: new_money,
            total_pence: paid.iter().sum(),
        });
        let done = step >= years && paid == end;
        previous = paid;
        if done {
            finished = true;
            break;
        }
    }
    Some(TransitionPath {
        settings: *t,
        years: out,
        finished,
        practice_pence,
    })
}
