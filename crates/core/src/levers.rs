//! Lever by lever: how much of a group's change in money comes from each setting that was moved,
//! split fairly by averaging each setting's effect over the orders in which the settings could
//! be applied (Shapley values).
//!
//! A lever is one setting of the parameter table (the fourteen cells of the age-sex table count
//! as one lever). For a set S of levers, `v(S)` is the group's change in total NHS payments when
//! only the levers in S are moved (the rest at 2022/23's values); a lever's share is
//! `φ_i = Σ_{S ⊆ N∖{i}} |S|!(n−|S|−1)!/n! · (v(S ∪ {i}) − v(S))`. The shares add up to `v(N)`, the
//! scenario's change, exactly: they are rounded to pence and the rounding is settled on the
//! largest share. Up to [`EXACT_UP_TO`] levers every subset is run (at most 256 runs); beyond,
//! [`SAMPLED_ORDERS`] orders drawn from a fixed seed are averaged and the result says so.

use crate::model::{Model, ModelError, Outcome};
use crate::scenario::{Access, Parameter, Scenario, Section, PARAMETERS};
use std::collections::HashMap;

/// The most levers whose shares are computed exactly.
pub const EXACT_UP_TO: usize = 8;
/// Orders averaged when more levers are moved.
pub const SAMPLED_ORDERS: usize = 64;

/// The group whose change is split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    England,
    /// An IMD fifth, 1 (least deprived) to 5.
    Quintile(usize),
    /// An ICB, by index into the dataset's ICBs.
    Icb(usize),
    /// A practice, by index.
    Practice(usize),
}

impl Target {
    /// The group's total NHS payments in 2022/23 and in an outcome's scenario, pence; `None`
    /// where it has no such group.
    fn totals(&self, o: &Outcome) -> Option<(i64, i64)> {
        match *self {
            Target::England => Some((o.national.baseline_pence, o.national.scenario_pence)),
            Target::Quintile(q) => o
                .by_imd_quintile
                .get(q.checked_sub(1)?)
                .map(|g| (g.baseline_pence, g.scenario_pence)),
            Target::Icb(i) => o
                .by_icb
                .get(i)
                .map(|g| (g.baseline_pence, g.scenario_pence)),
            Target::Practice(p) => o
                .practices
                .get(p)
                .map(|r| (r.total_baseline_pence, r.total_scenario_pence)),
        }
    }

    /// The group's total NHS payments in an outcome's scenario, pence.
    fn total(&self, o: &Outcome) -> Option<i64> {
        self.totals(o).map(|(_, scenario)| scenario)
    }
}

/// One lever's share of the change.
#[derive(Debug, Clone, PartialEq)]
pub struct LeverShare {
    /// The setting's key (`asw` for the age-sex table).
    pub key: &'static str,
    pub label: &'static str,
    pub pence: i64,
}

/// A group's change split lever by lever.
#[derive(Debug, Clone, PartialEq)]
pub struct Waterfall {
    pub target: Target,
    /// The scenario's change for the group, pence: the shares add up to it exactly.
    pub change_pence: i64,
    /// Largest effect first (by size).
    pub shares: Vec<LeverShare>,
    /// Whether every order was counted (false: [`SAMPLED_ORDERS`] orders were sampled).
    pub exact: bool,
    /// Model outcomes the split is taken over, the scenario's own included (2022/23's figures
    /// come with every outcome).
    pub runs: usize,
}

/// Why the split could not be made.
#[derive(Debug, Clone, PartialEq)]
pub enum WaterfallError {
    /// The group is not in the outcome (an index out of range).
    NoSuchGroup,
    /// A combination of the levers could not be run.
    Model(ModelError),
}

impl std::fmt::Display for WaterfallError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoSuchGroup => write!(f, "no such group to split the change of"),
            Self::Model(e) => write!(f, "a combination of the settings cannot be run: {e}"),
        }
    }
}

impl std::error::Error for WaterfallError {}

/// A lever: the parameters it moves together.
struct Lever {
    key: &'static str,
    label: &'static str,
    params: Vec<&'static Parameter>,
}

/// Whether `p` has the same value in both scenarios.
fn same(p: &Parameter, a: &Scenario, b: &Scenario) -> bool {
    match p.access {
        Access::Number { get, .. } => get(a) == get(b),
        Access::Switch { get, .. } => get(a) == get(b),
        Access::Choice { get, .. } => get(a) == get(b),
        Access::Code { get, .. } => get(a) == get(b),
    }
}

/// Copies `p`'s value from `from` into `to`.
fn copy(p: &Parameter, from: &Scenario, to: &mut Scenario) {
    match p.access {
        Access::Number { get, set, .. } => set(to, get(from)),
        Access::Switch { get, set } => set(to, get(from)),
        Access::Choice { get, set, .. } => set(to, get(from)),
        Access::Code { get, set } => set(to, get(from).to_string()),
    }
}

/// The levers `scenario` moves away from 2022/23, in the parameter table's order.
fn moved_levers(scenario: &Scenario) -> Vec<Lever> {
    let base = Scenario::default();
    let mut levers: Vec<Lever> = Vec::new();
    let age_sex: Vec<&'static Parameter> = PARAMETERS
        .iter()
        .filter(|p| p.section == Section::AgeSexWeights)
        .collect();
    if age_sex.iter().any(|p| !same(p, scenario, &base)) {
        levers.push(Lever {
            key: "asw",
            label: "Age-sex weights",
            params: age_sex,
        });
    }
    for p in PARAMETERS
        .iter()
        .filter(|p| p.section != Section::AgeSexWeights && !same(p, scenario, &base))
    {
        levers.push(Lever {
            key: p.key,
            label: p.label,
            params: vec![p],
        });
    }
    levers
}

/// How many levers `scenario` moves away from 2022/23.
pub fn moved_count(scenario: &Scenario) -> usize {
    moved_levers(scenario).len()
}

/// `n!` as a float (n ≤ 20 here).
fn factorial(n: usize) -> f64 {
    (1..=n).map(|k| k as f64).product()
}

/// A small deterministic generator for the sampled orders (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Splits `target`'s change under `scenario` (whose outcome is `outcome`) lever by lever.
pub fn waterfall(
    model: &Model,
    scenario: &Scenario,
    outcome: &Outcome,
    target: Target,
) -> Result<Waterfall, WaterfallError> {
    let base = Scenario::default();
    // Every outcome carries 2022/23's figures beside its own: no run of the baseline is needed.
    let (zero, full) = target.totals(outcome).ok_or(WaterfallError::NoSuchGroup)?;
    let levers = moved_levers(scenario);
    let n = levers.len();
    // The scenario's own outcome is the first.
    let mut runs = 1;
    // A set of levers as bits: up to 128 (the parameter table moves at most 78 levers at once).
    let mut cache: HashMap<u128, i64> = HashMap::new();
    cache.insert(0, 0);
    let everything = if n == 0 {
        0
    } else {
        u128::MAX >> (128 - n.min(128))
    };
    cache.insert(everything, full - zero);
    // v(S): the change with only the levers in the bit set `mask` moved.
    let mut value = |mask: u128| -> Result<i64, WaterfallError> {
        if let Some(v) = cache.get(&mask) {
            return Ok(*v);
        }
        let mut s = base.clone();
        for (i, lever) in levers.iter().enumerate() {
            if mask & (1 << i) != 0 {
                for p in &lever.params {
                    copy(p, scenario, &mut s);
                }
            }
        }
        let o = model.run(&s).map_err(WaterfallError::Model)?;
        runs += 1;
        let v = target.total(&o).ok_or(WaterfallError::NoSuchGroup)? - zero;
        cache.insert(mask, v);
        Ok(v)
    };
    let mut phi = vec![0.0_f64; n];
    let exact = n <= EXACT_UP_TO;
    if exact {
        let n_fact = factorial(n);
        for mask in 0..(1u128 << n) {
            let size = mask.count_ones() as usize;
            let v_s = value(mask)?;
            for (i, share) in phi.iter_mut().enumerate() {
                if mask & (1 << i) == 0 {
                    let weight = factorial(size) * factorial(n - size - 1) / n_fact;
                    *share += weight * (value(mask | (1 << i))? - v_s) as f64;
                }
            }
        }
    } else {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut order: Vec<usize> = (0..n).collect();
        for _ in 0..SAMPLED_ORDERS {
            rng.shuffle(&mut order);
            let mut mask = 0u128;
            let mut before = 0;
            for &i in &order {
                mask |= 1 << i;
                let after = value(mask)?;
                phi[i] += (after - before) as f64 / SAMPLED_ORDERS as f64;
                before = after;
            }
        }
    }
    let change = full - zero;
    let mut shares: Vec<LeverShare> = levers
        .iter()
        .zip(&phi)
        .map(|(l, v)| LeverShare {
            key: l.key,
            label: l.label,
            pence: v.round() as i64,
        })
        .collect();
    // Settle the rounding on the largest share, so the shares add up to the change exactly.
    let rounding = change - shares.iter().map(|s| s.pence).sum::<i64>();
    if let Some(largest) = shares.iter_mut().max_by_key(|s| s.pence.abs()) {
        largest.pence += rounding;
    }
    shares.sort_by_key(|s| std::cmp::Reverse(s.pence.abs()));
    Ok(Waterfall {
        target,
        change_pence: change,
        shares,
        exact,
        runs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_data::{model, outcome};

    fn split(query: &str, target: Target) -> Waterfall {
        let s = Scenario::from_query(query).unwrap();
        waterfall(model(), &s, &outcome(query), target).unwrap()
    }

    #[test]
    fn the_shares_add_up_to_the_change_and_one_lever_takes_it_all() {
        let one = split("v=1&an=0", Target::Quintile(5));
        assert_eq!(one.shares.len(), 1);
        assert_eq!(one.shares[0].key, "an");
        assert_eq!(one.shares[0].pence, one.change_pence);
        assert!(one.change_pence < 0, "the most deprived fifth loses");
        assert_eq!(one.runs, 1, "nothing to run beyond the baseline");

        let three = split("v=1&an=0.5&dep=0.1&floor=90", Target::Quintile(1));
        assert!(three.exact);
        assert_eq!(three.shares.len(), 3);
        assert_eq!(
            three.shares.iter().map(|s| s.pence).sum::<i64>(),
            three.change_pence
        );
        // 2^3 subsets, less the empty set and the full set already known.
        assert_eq!(three.runs, 1 + 6);
    }

    #[test]
    fn shapley_shares_of_two_levers_average_both_orders() {
        let query = "v=1&an=0&dep=0.2";
        let w = split(query, Target::Quintile(5));
        let run = |q: &str| {
            let o = outcome(q);
            o.by_imd_quintile[4].scenario_pence - outcome("").by_imd_quintile[4].scenario_pence
        };
        let (needs, dep, both) = (run("v=1&an=0"), run("v=1&dep=0.2"), run(query));
        let share = |key: &str| w.shares.iter().find(|s| s.key == key).unwrap().pence as f64;
        // φ_an = ½·v(an) + ½·(v(both) − v(dep)).
        let expected = 0.5 * needs as f64 + 0.5 * (both - dep) as f64;
        assert!(
            (share("an") - expected).abs() <= 1.0,
            "{} {}",
            share("an"),
            expected
        );
        assert_eq!(w.change_pence, both);
        // The deprivation uplift pays the most deprived fifth more; switching the additional
        // needs part off takes from it.
        assert!(share("dep") > 0.0 && share("an") < 0.0);
    }

    #[test]
    fn many_levers_are_sampled_and_still_add_up() {
        let query = "v=1&an=0.6&dep=0.1&rur=0.1&lt=0.3&lon=5&floor=80&qof=1&es=1&m1=2.3&qr=0.3";
        let w = split(query, Target::England);
        assert!(!w.exact);
        assert_eq!(w.shares.len(), 10);
        assert_eq!(
            w.shares.iter().map(|s| s.pence).sum::<i64>(),
            w.change_pence
        );
        assert!(
            w.shares.iter().any(|s| s.key == "asw"),
            "the age-sex table is one lever"
        );
        // A practice index beyond the list is an error, not a panic.
        let s = Scenario::from_query(query).unwrap();
        assert_eq!(
            waterfall(model(), &s, &outcome(query), Target::Practice(1_000_000)),
            Err(WaterfallError::NoSuchGroup)
        );
    }
}
