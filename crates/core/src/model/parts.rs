//! The rest of the formula split into named parts.
//!
//! NHS England publishes each practice's weighted list but not its additional-needs, rurality or
//! staff market forces indices. What is left of the weighted list once the age-sex and
//! list-turnover indices are taken out, `Q_p`, is split here by a least-squares fit of `ln Q_p`,
//! weighted by registered patients, on:
//!
//! ```text
//! ln Q_p = b·(H_p − H̄) + c·rural_p + a_ICB(p) + e_p
//! ```
//!
//! where `H_p` is the IMD 2019 score of the practice's registered patients (so additional needs
//! take the form `exp(b)^H`, as the proxy `1.054^H` does), `rural_p` is 1 for a practice the
//! payments file classes as rural, and `a_ICB` is one effect per integrated care board (staff
//! market forces and the other costs of the area). Each fitted part is normalised to a
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

/// The least-squares fit of `ln Q_p`, and how much of its spread each part explains.
#[derive(Debug, Clone, PartialEq)]
pub struct FormulaFit {
    /// `b`: the change in `ln Q` per point of IMD score.
    pub needs_per_imd_point: f64,
    /// `c`: the change in `ln Q` for a rural practice.
    pub rural: f64,
    /// `a`: one effect per ICB (index into the dataset's ICBs), relative to the
    /// registered-weighted mean; 0 for an ICB with no practice in the fit.
    pub area: Vec<f64>,
    /// Practices in the fit: those with registered and weighted patients.
    pub practices: usize,
    /// Share of the registered-weighted variance of `ln Q` the fit explains (R²).
    pub r_squared: f64,
    /// R² lost when one part is left out and the rest fitted again: needs, rurality, area.
    pub r_squared_lost: [f64; 3],
}

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

/// What one practice brings to the fit.
pub struct Row {
    pub weight: f64,
    pub ln_q: f64,
    pub imd: f64,
    pub rural: bool,
    pub icb: usize,
}

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

/// A weighted least-squares fit: coefficients (needs, rural, then one per ICB or an intercept)
/// and R². `None` where the design is singular.
fn least_squares(rows: &[Row], icbs: usize, mean_imd: f64, with: Use) -> Option<(Vec<f64>, f64)> {
    // Columns: [imd], [rural], then ICB dummies (or one intercept).
    let lead = usize::from(with.needs) + usize::from(with.rural);
    let groups = if with.area { icbs } else { 1 };
    let k = lead + groups;
    let mut xtx = vec![0.0; k * k];
    let mut xty = vec![0.0; k];
    let mut present = vec![false; groups];
    let mut x = Vec::with_capacity(lead);
    for r in rows {
        x.clear();
        if with.needs {
            x.push(r.imd - mean_imd);
        }
        if with.rural {
            x.push(if r.rural { 1.0 } else { 0.0 });
        }
        let g = if with.area { r.icb.min(groups - 1) } else { 0 };
        present[g] = true;
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
    // An ICB with no practice in the fit keeps an effect of 0.
    for (g, here) in present.iter().enumerate() {
        if !here {
            xtx[(lead + g) * k + lead + g] = 1.0;
        }
    }
    let beta = solve(xtx, xty, k)?;
    let total_w: f64 = rows.iter().map(|r| r.weight).sum();
    let mean_y = rows.iter().map(|r| r.weight * r.ln_q).sum::<f64>() / total_w;
    let (mut ss_res, mut ss_tot) = (0.0, 0.0);
    for r in rows {
        let mut fitted = 0.0;
        let mut i = 0;
        if with.needs {
            fitted += beta[i] * (r.imd - mean_imd);
            i += 1;
        }
        if with.rural && r.rural {
            fitted += beta[i];
        }
        let g = if with.area { r.icb.min(groups - 1) } else { 0 };
        fitted += beta[lead + g];
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

/// `ln x − ln(registered-weighted mean of x)` for every practice, so `exp` of it has mean 1.
fn normalise_ln(ln: Vec<f64>, registered: &[f64]) -> Vec<f64> {
    let total: f64 = registered.iter().sum();
    let mean = ln
        .iter()
        .zip(registered)
        .map(|(l, n)| l.exp() * n)
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
    /// Fits the parts. `ln_q`, `imd`, `rural`, `icb` and `registered` have one entry per
    /// practice; `in_fit` says which practices have a list to fit. Where the fit cannot be made
    /// (no practice, or a singular design) every fitted part is 1 and the remainder is `Q_p`.
    pub fn fit(
        ln_q: &[f64],
        imd: &[f64],
        rural: &[bool],
        icb: &[usize],
        icbs: usize,
        registered: &[f64],
        in_fit: &[bool],
    ) -> Parts {
        let n = ln_q.len();
        let rows: Vec<Row> = (0..n)
            .filter(|&p| {
                in_fit[p] && registered[p] > 0.0 && ln_q[p].is_finite() && imd[p].is_finite()
            })
            .map(|p| Row {
                weight: registered[p],
                ln_q: ln_q[p],
                imd: imd[p],
                rural: rural[p],
                icb: icb[p],
            })
            .collect();
        let total_w: f64 = rows.iter().map(|r| r.weight).sum();
        let icbs = icbs.max(1);
        let mean_imd = if total_w > 0.0 {
            rows.iter().map(|r| r.weight * r.imd).sum::<f64>() / total_w
        } else {
            0.0
        };
        let all = Use {
            needs: true,
            rural: true,
            area: true,
        };
        let full = (total_w > 0.0)
            .then(|| least_squares(&rows, icbs, mean_imd, all))
            .flatten();
        let Some((beta, r_squared)) = full else {
            return Parts::unfitted(ln_q, registered);
        };
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
        let (b, c) = (beta[0], beta[1]);
        // The ICB effects relative to their registered-weighted mean.
        let raw_area = &beta[2..];
        let area_mean = rows
            .iter()
            .map(|r| r.weight * raw_area[r.icb.min(icbs - 1)])
            .sum::<f64>()
            / total_w;
        let area: Vec<f64> = raw_area.iter().map(|a| a - area_mean).collect();
        let area_of = |p: usize| area.get(icb[p]).copied().unwrap_or(0.0);

        let ln_needs = normalise_ln(
            (0..n)
                .map(|p| {
                    if imd[p].is_finite() {
                        b * (imd[p] - mean_imd)
                    } else {
                        0.0
                    }
                })
                .collect(),
            registered,
        );
        let ln_rurality = normalise_ln(
            (0..n).map(|p| if rural[p] { c } else { 0.0 }).collect(),
            registered,
        );
        let ln_area = normalise_ln((0..n).map(area_of).collect(), registered);
        let raw_remainder: Vec<f64> = (0..n)
            .map(|p| ln_q[p] - ln_needs[p] - ln_rurality[p] - ln_area[p])
            .collect();
        let ln_remainder = normalise_ln(raw_remainder.clone(), registered);
        let scale = raw_remainder
            .first()
            .zip(ln_remainder.first())
            .map_or(1.0, |(raw, norm)| (raw - norm).exp());
        Parts {
            fit: FormulaFit {
                needs_per_imd_point: b,
                rural: c,
                area,
                practices: rows.len(),
                r_squared,
                r_squared_lost,
            },
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
                rural: 0.0,
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
        let r = self.ln_remainder.get(p).map_or(1.0, |l| l.exp());
        r < REMAINDER_PLAUSIBLE.0 || r > REMAINDER_PLAUSIBLE.1
    }
}
