//! The rest of the formula split into named parts.
//!
//! NHS England publishes each practice's weighted list but not its additional-needs, rurality or
//! staff market forces indices. What is left of the weighted list once the age-sex and
//! list-turnover indices are taken out, `Q_p`, is split here by a least-squares fit of `ln Q_p`,
//! weighted by registered patients, on:
//!
//! ```text
//! ln Q_p = b·(H_p − H̄) + c·rural_p + d_RUC(p) + a_ICB(p) + e_p
//! ```
//!
//! where `H_p` is the IMD 2019 score of the practice's registered patients (so additional needs
//! take the form `exp(b)^H`, as the proxy `1.054^H` does), `rural_p` is 1 for a practice the
//! payments file classes as rural, `d_RUC` is one effect per rural-urban class (2021) of the
//! surgery's neighbourhood (0 for urban, nearer a major town, and for a practice with no
//! class), and `a_ICB` is one effect per integrated care board (staff market forces and the
//! other costs of the area). Rurality is `exp(c·rural_p + d_RUC(p))`.
//!
//! The dataset builder makes the fit ([`Parts::estimate`]) from the raw files and the dataset
//! carries it; the model applies it ([`Parts::apply`]). A dataset without a fit (a user's own
//! file) is fitted when the model is built. Each fitted part is normalised to a
//! registered-weighted national mean of 1, and the remainder `e_p` is what the fit leaves, also
//! normalised to a mean of 1:
//!
//! ```text
//! Q_p = scale × needs_p × rurality_p × area_p × remainder_p
//! ```
//!
//! holds for every practice, so the product of the parts is the published list exactly.

/// A remainder outside this range is taken to show that the practice's age bands (from
/// December 2025) do not describe the list the published weighted list was made from.
pub const REMAINDER_PLAUSIBLE: (f64, f64) = (0.67, 1.5);

pub use crate::data::FormulaFit;
use crate::data::RuralClass;

/// Each practice's parts of `Q_p`, every one with a registered-weighted mean of 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Parts {
    pub fit: FormulaFit,
    /// `Q_p / (needs × rurality × area × remainder)`, the same for every practice.
    pub scale: f64,
    pub ln_needs: Vec<f64>,
    pub ln_rurality: Vec<f64>,
    pub ln_area: Vec<f64>,
    pub ln_remainder: Vec<f64>,
}

/// What the fit is made on: one entry per practice in each column.
#[derive(Clone, Copy)]
pub struct FitInputs<'a> {
    /// `ln Q_p`: the log of the rest of the formula.
    pub ln_q: &'a [f64],
    /// IMD 2019 score of the practice's registered patients.
    pub imd: &'a [f64],
    /// The payments file's rural flag.
    pub rural: &'a [bool],
    /// The rural-urban class of the surgery's neighbourhood.
    pub rural_class: &'a [Option<RuralClass>],
    /// Index of the practice's ICB.
    pub icb: &'a [usize],
    /// Number of ICBs.
    pub icbs: usize,
    pub registered: &'a [f64],
    /// Whether the practice has a list to fit (registered and weighted patients).
    pub in_fit: &'a [bool],
}

/// What one practice brings to the fit.
struct Row {
    weight: f64,
    ln_q: f64,
    imd: f64,
    rural: bool,
    /// Index in [`RuralClass::ALL`], or 0 where the practice has no class.
    class: usize,
    icb: usize,
}

/// Rural-urban classes with an effect of their own: every class but the first.
const CLASS_COLUMNS: usize = RuralClass::ALL.len() - 1;

/// Solves `A x = b` (A symmetric, n × n, row-major) by Gaussian elimination with partial
/// pivoting; `None` where A is singular.
fn solve(mut a: Vec<f64>, mut b: Vec<f64>, n: usize) -> Option<Vec<f64>> {
    let scale = a.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    if !(scale.is_finite() && scale > 0.0) {
        return None;
    }
    for col in 0..n {
        let pivot =
            (col..n).max_by(|&i, &j| a[i * n + col].abs().total_cmp(&a[j * n + col].abs()))?;
        if a[pivot * n + col].abs() <= scale * 1e-12 {
            return None;
        }
        if pivot != col {
            for k in 0..n {
                a.swap(col * n + k, pivot * n + k);
            }
            b.swap(col, pivot);
        }
        for row in col + 1..n {
            let f = a[row * n + col] / a[col * n + col];
            if f != 0.0 {
                for k in col..n {
                    a[row * n + k] -= f * a[col * n + k];
                }
                b[row] -= f * b[col];
            }
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let s: f64 = (row + 1..n).map(|k| a[row * n + k] * x[k]).sum();
        x[row] = (b[row] - s) / a[row * n + row];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

/// Which parts a fit uses.
#[derive(Clone, Copy)]
struct Use {
    needs: bool,
    rural: bool,
    area: bool,
}

impl Use {
    /// Columns before the ICB effects: needs, then the rural flag and the classes.
    fn lead(self) -> usize {
        usize::from(self.needs) + if self.rural { 1 + CLASS_COLUMNS } else { 0 }
    }

    /// The practice's values in the lead columns.
    fn row(self, r: &Row, mean_imd: f64, x: &mut Vec<f64>) {
        x.clear();
        if self.needs {
            x.push(r.imd - mean_imd);
        }
        if self.rural {
            x.push(if r.rural { 1.0 } else { 0.0 });
            for class in 1..=CLASS_COLUMNS {
                x.push(if r.class == class { 1.0 } else { 0.0 });
            }
        }
    }
}

/// A weighted least-squares fit: coefficients (needs, rural flag and classes, then one per ICB
/// or an intercept) and R². `None` where the design is singular.
fn least_squares(rows: &[Row], icbs: usize, mean_imd: f64, with: Use) -> Option<(Vec<f64>, f64)> {
    let lead = with.lead();
    let groups = if with.area { icbs } else { 1 };
    let k = lead + groups;
    let mut xtx = vec![0.0; k * k];
    let mut xty = vec![0.0; k];
    let mut x = Vec::with_capacity(lead);
    for r in rows {
        with.row(r, mean_imd, &mut x);
        let g = if with.area { r.icb.min(groups - 1) } else { 0 };
        let w = r.weight;
        for i in 0..lead {
            for j in 0..lead {
                xtx[i * k + j] += w * x[i] * x[j];
            }
            xtx[i * k + lead + g] += w * x[i];
            xtx[(lead + g) * k + i] += w * x[i];
            xty[i] += w * x[i] * r.ln_q;
        }
        xtx[(lead + g) * k + lead + g] += w;
        xty[lead + g] += w * r.ln_q;
    }
    // A column no practice in the fit uses (an ICB, a rural-urban class, the rural flag: a
    // user's file may cover one region) keeps an effect of 0 instead of making the fit singular.
    for i in 0..k {
        if xtx[i * k + i] == 0.0 {
            xtx[i * k + i] = 1.0;
        }
    }
    let beta = solve(xtx, xty, k)?;
    let total_w: f64 = rows.iter().map(|r| r.weight).sum();
    let mean_y = rows.iter().map(|r| r.weight * r.ln_q).sum::<f64>() / total_w;
    let (mut ss_res, mut ss_tot) = (0.0, 0.0);
    for r in rows {
        with.row(r, mean_imd, &mut x);
        let g = if with.area { r.icb.min(groups - 1) } else { 0 };
        let fitted = x.iter().zip(&beta).map(|(a, b)| a * b).sum::<f64>() + beta[lead + g];
        ss_res += r.weight * (r.ln_q - fitted).powi(2);
        ss_tot += r.weight * (r.ln_q - mean_y).powi(2);
    }
    let r2 = if ss_tot > 0.0 {
        1.0 - ss_res / ss_tot
    } else {
        0.0
    };
    Some((beta, r2))
}

/// `exp`, remembering its last result in each of 256 slots: the rurality and area parts take one
/// of a few dozen values (one per ICB, one per rural class), so most of their practices' `exp`
/// is a lookup. The result is `exp`'s own, bit for bit. Hand-written because it is a dozen lines
/// on the start-up path: `Model::new` measured about 6% faster natively than with `exp` each time
/// (smallest of 1,500 builds, alternating nine times: 2.19 ms at best before, 2.05 ms after).
pub(super) struct ExpMemo {
    keys: [u64; 256],
    values: [f64; 256],
}

impl ExpMemo {
    pub(super) fn new() -> ExpMemo {
        // Every slot starts as exp(0.0) = 1.0, which is exact.
        ExpMemo {
            keys: [0.0_f64.to_bits(); 256],
            values: [1.0; 256],
        }
    }

    pub(super) fn exp(&mut self, x: f64) -> f64 {
        let bits = x.to_bits();
        let slot = (bits ^ (bits >> 32) ^ (bits >> 20)) as usize % 256;
        if self.keys[slot] != bits {
            self.keys[slot] = bits;
            self.values[slot] = x.exp();
        }
        self.values[slot]
    }
}

/// `ln x − ln(registered-weighted mean of x)` for every practice, so `exp` of it has mean 1.
fn normalise_ln(ln: Vec<f64>, registered: &[f64]) -> Vec<f64> {
    let total: f64 = registered.iter().sum();
    let mut memo = ExpMemo::new();
    let mean = ln
        .iter()
        .zip(registered)
        .map(|(l, n)| memo.exp(*l) * n)
        .sum::<f64>()
        / total;
    if total > 0.0 && mean.is_finite() && mean > 0.0 {
        let shift = mean.ln();
        ln.into_iter().map(|l| l - shift).collect()
    } else {
        ln
    }
}

impl Parts {
    /// Fits the parts and applies the fit. Where the fit cannot be made (no practice, or a
    /// singular design) every fitted part is 1 and the remainder is `Q_p`.
    pub fn fit(inputs: FitInputs<'_>) -> Parts {
        match Parts::estimate(inputs) {
            Some(fit) => Parts::apply(fit, inputs),
            None => Parts::unfitted(inputs.ln_q, inputs.registered),
        }
    }

    /// The least-squares fit of `ln Q` on the practices in the fit, and the share of its spread
    /// each part explains; `None` where it cannot be made.
    pub fn estimate(inputs: FitInputs<'_>) -> Option<FormulaFit> {
        let n = inputs.ln_q.len();
        let rows: Vec<Row> = (0..n)
            .filter(|&p| {
                inputs.in_fit[p]
                    && inputs.registered[p] > 0.0
                    && inputs.ln_q[p].is_finite()
                    && inputs.imd[p].is_finite()
            })
            .map(|p| Row {
                weight: inputs.registered[p],
                ln_q: inputs.ln_q[p],
                imd: inputs.imd[p],
                rural: inputs.rural[p],
                class: inputs.rural_class[p].map_or(0, RuralClass::index),
                icb: inputs.icb[p],
            })
            .collect();
        let total_w: f64 = rows.iter().map(|r| r.weight).sum();
        if total_w.is_nan() || total_w <= 0.0 {
            return None;
        }
        let icbs = inputs.icbs.max(1);
        let mean_imd = rows.iter().map(|r| r.weight * r.imd).sum::<f64>() / total_w;
        let all = Use {
            needs: true,
            rural: true,
            area: true,
        };
        let (beta, r_squared) = least_squares(&rows, icbs, mean_imd, all)?;
        let lost = |with: Use| {
            least_squares(&rows, icbs, mean_imd, with).map_or(r_squared, |(_, r2)| r_squared - r2)
        };
        let r_squared_lost = [
            lost(Use {
                needs: false,
                ..all
            }),
            lost(Use {
                rural: false,
                ..all
            }),
            lost(Use { area: false, ..all }),
        ];
        let lead = all.lead();
        let (b, c) = (beta[0], beta[1]);
        let mut rural_class = vec![0.0];
        rural_class.extend_from_slice(&beta[2..lead]);
        // The ICB effects relative to their registered-weighted mean.
        let raw_area = &beta[lead..];
        let area_mean = rows
            .iter()
            .map(|r| r.weight * raw_area[r.icb.min(icbs - 1)])
            .sum::<f64>()
            / total_w;
        Some(FormulaFit {
            needs_per_imd_point: b,
            mean_imd,
            rural: c,
            rural_class,
            area: raw_area.iter().map(|a| a - area_mean).collect(),
            practices: rows.len(),
            r_squared,
            r_squared_lost,
        })
    }

    /// Each practice's parts under `fit`; the remainder is what the fit leaves of `Q_p`.
    pub fn apply(fit: FormulaFit, inputs: FitInputs<'_>) -> Parts {
        let n = inputs.ln_q.len();
        let registered = inputs.registered;
        let area_of = |p: usize| fit.area.get(inputs.icb[p]).copied().unwrap_or(0.0);
        let class_of = |p: usize| {
            inputs.rural_class[p]
                .and_then(|c| fit.rural_class.get(c.index()))
                .copied()
                .unwrap_or(0.0)
        };
        let ln_needs = normalise_ln(
            (0..n)
                .map(|p| {
                    let h = inputs.imd[p];
                    if h.is_finite() {
                        fit.needs_per_imd_point * (h - fit.mean_imd)
                    } else {
                        0.0
                    }
                })
                .collect(),
            registered,
        );
        let ln_rurality = normalise_ln(
            (0..n)
                .map(|p| if inputs.rural[p] { fit.rural } else { 0.0 } + class_of(p))
                .collect(),
            registered,
        );
        let ln_area = normalise_ln((0..n).map(area_of).collect(), registered);
        let raw_remainder: Vec<f64> = (0..n)
            .map(|p| inputs.ln_q[p] - ln_needs[p] - ln_rurality[p] - ln_area[p])
            .collect();
        let ln_remainder = normalise_ln(raw_remainder.clone(), registered);
        let scale = raw_remainder
            .first()
            .zip(ln_remainder.first())
            .map_or(1.0, |(raw, norm)| (raw - norm).exp());
        Parts {
            fit,
            scale,
            ln_needs,
            ln_rurality,
            ln_area,
            ln_remainder,
        }
    }

    /// No fit: the remainder is all of `Q_p`.
    fn unfitted(ln_q: &[f64], registered: &[f64]) -> Parts {
        let n = ln_q.len();
        let ln_remainder = normalise_ln(ln_q.to_vec(), registered);
        let scale = ln_q
            .first()
            .zip(ln_remainder.first())
            .map_or(1.0, |(raw, norm)| (raw - norm).exp());
        Parts {
            fit: FormulaFit {
                needs_per_imd_point: 0.0,
                mean_imd: 0.0,
                rural: 0.0,
                rural_class: vec![0.0; RuralClass::ALL.len()],
                area: Vec::new(),
                practices: 0,
                r_squared: 0.0,
                r_squared_lost: [0.0; 3],
            },
            scale,
            ln_needs: vec![0.0; n],
            ln_rurality: vec![0.0; n],
            ln_area: vec![0.0; n],
            ln_remainder,
        }
    }

    /// True where a practice's remainder is outside [`REMAINDER_PLAUSIBLE`].
    pub fn implausible(&self, p: usize) -> bool {
        // Compared as logs: this runs for every practice in every run, and `exp` is dear.
        let l = self.ln_remainder.get(p).copied().unwrap_or(0.0);
        l < REMAINDER_PLAUSIBLE.0.ln() || l > REMAINDER_PLAUSIBLE.1.ln()
    }
}

/// How each fitted part was made, in a few words for a practice's walk-through: additional
/// needs, rurality and area costs, each with the share of the spread of `ln Q` it explains.
pub fn how_fitted(fit: &FormulaFit) -> [String; 3] {
    if fit.practices == 0 {
        return std::array::from_fn(|_| "(not fitted: 1 for every practice)".to_string());
    }
    let [needs, rurality, area] = fit.r_squared_lost.map(|v| format!("{:.1}", v * 100.0));
    [
        format!(
            "(estimated from the IMD score of its patients, {:+.2}% a point; explains {needs} points of the spread)",
            (fit.needs_per_imd_point.exp() - 1.0) * 100.0
        ),
        format!(
            "(estimated from the rural flag and the rural-urban class of its surgery's neighbourhood; explains {rurality} points)"
        ),
        format!("(estimated: one effect per ICB; explains {area} points)"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exp_memo_gives_exp_bit_for_bit_through_repeats_and_shared_slots() {
        let mut memo = ExpMemo::new();
        // Repeats, both zeros, values far apart and close together (some share a slot),
        // infinities and NaN, twice over so that the second pass is mostly lookups.
        let mut values: Vec<f64> = vec![0.0, -0.0, 1.0, -1.0, f64::INFINITY, f64::NEG_INFINITY];
        values.extend((0..300).map(|i| (i % 37) as f64 * 0.013 - 0.2));
        values.extend((0..300).map(|i| i as f64 * 1e-9));
        values.push(f64::NAN);
        let mut looked_up = 0;
        for _ in 0..2 {
            for &x in &values {
                looked_up += usize::from(memo.keys.contains(&x.to_bits()));
                assert_eq!(memo.exp(x).to_bits(), x.exp().to_bits(), "exp({x})");
            }
        }
        // The 37 repeated values stay in their slots, so most of their second pass is lookups.
        assert!(looked_up > 450, "{looked_up} lookups");
    }

    /// A file covering one region: urban practices only, so no rural flag and three of the
    /// rural-urban classes unused, and one ICB of two with no practice. The fit is still made,
    /// the unused columns keep an effect of 0, and the needs slope is found.
    #[test]
    fn columns_no_practice_uses_keep_an_effect_of_0() {
        let n = 40;
        let imd: Vec<f64> = (0..n).map(|p| 5.0 + p as f64).collect();
        let rural_class: Vec<Option<RuralClass>> = (0..n)
            .map(|p| {
                Some(match p % 3 {
                    0 => RuralClass::UrbanNearer,
                    1 => RuralClass::UrbanFurther,
                    _ => RuralClass::LargerRuralNearer,
                })
            })
            .collect();
        let class_effect = |c: Option<RuralClass>| match c {
            Some(RuralClass::UrbanFurther) => 0.02,
            Some(RuralClass::LargerRuralNearer) => 0.05,
            _ => 0.0,
        };
        let ln_q: Vec<f64> = (0..n)
            .map(|p| 0.01 * (imd[p] - 20.0) + class_effect(rural_class[p]))
            .collect();
        let fit = Parts::estimate(FitInputs {
            ln_q: &ln_q,
            imd: &imd,
            rural: &vec![false; n],
            rural_class: &rural_class,
            icb: &vec![0; n],
            icbs: 2,
            registered: &vec![5000.0; n],
            in_fit: &vec![true; n],
        })
        .expect("a fit with unused columns");
        assert!((fit.needs_per_imd_point - 0.01).abs() < 1e-9, "{fit:?}");
        assert_eq!(fit.rural, 0.0);
        let used = [
            RuralClass::UrbanFurther.index(),
            RuralClass::LargerRuralNearer.index(),
        ];
        for (i, effect) in fit.rural_class.iter().enumerate() {
            if !used.contains(&i) && i != RuralClass::UrbanNearer.index() {
                assert_eq!(*effect, 0.0, "class {i}");
            }
        }
        assert!((fit.r_squared - 1.0).abs() < 1e-9, "{fit:?}");
    }
}
