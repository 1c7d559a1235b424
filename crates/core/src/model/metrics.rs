//! Outcome measures: winners and losers, and equity.

pub use super::groups::Group;

/// `part / whole` as a percentage; 0 where `whole` is not positive.
pub fn percent(part: i64, whole: i64) -> f64 {
    if whole > 0 {
        part as f64 / whole as f64 * 100.0
    } else {
        0.0
    }
}

/// Fewer patients than this count as none: half the data's resolution of 0.01 patient. (Extreme
/// weights can leave a practice a weighted list of 1e-307, which would give infinite £ per head.)
const NO_PATIENTS: f64 = 0.005;

/// Pounds per patient; 0 where there are no patients (fewer than [`NO_PATIENTS`]).
pub fn per(pence: i64, patients: f64) -> f64 {
    if patients >= NO_PATIENTS {
        pence as f64 / 100.0 / patients
    } else {
        0.0
    }
}

/// The five winners-and-losers bins, by change in a practice's total payments.
pub const BINS: [&str; 5] = [
    "Gain more than 5%",
    "Gain 0.1% to 5%",
    "Within ±0.1%",
    "Lose 0.1% to 5%",
    "Lose more than 5%",
];

/// Which bin a percentage change falls in (index into [`BINS`]).
pub fn bin(change_pct: f64) -> usize {
    if change_pct > 5.0 {
        0
    } else if change_pct >= 0.1 {
        1
    } else if change_pct > -0.1 {
        2
    } else if change_pct >= -5.0 {
        3
    } else {
        4
    }
}

/// How many practices, and how many of their registered patients, fall in one bin.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Bin {
    pub practices: usize,
    pub patients: f64,
}

/// Money per person by deprivation, and how unequal it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Equity {
    /// £ per need-adjusted patient by IMD quintile, quintile 1 (least deprived) first.
    pub per_need_by_quintile: [f64; 5],
    /// Most deprived minus least deprived quintile, £ per need-adjusted patient.
    pub gap_pounds: f64,
    /// The same gap as a percentage of the least deprived quintile's figure.
    pub gap_pct: f64,
    /// Concentration index of £ per need-adjusted patient over deprivation rank.
    pub concentration_index: f64,
    /// Gini coefficient of £ per need-adjusted patient.
    pub gini: f64,
}

/// One practice's contribution to the equity measures.
#[derive(Debug, Clone, Copy)]
pub struct EquityPoint {
    /// Money per need-adjusted patient, £.
    pub value: f64,
    /// Population weight (registered patients).
    pub weight: f64,
    /// Need-adjusted patients.
    pub need: f64,
    /// Money, pence.
    pub pence: i64,
    /// 0 (least deprived) to 4.
    pub quintile: usize,
    /// Rank position from most deprived (0) upwards; ties broken by order.
    pub deprivation_order: usize,
}

/// Computes [`Equity`] from the practices' points.
///
/// - £ per need-adjusted patient by quintile: Σ money / Σ need-adjusted patients.
/// - Concentration index `CI = 2·cov_w(y, R) / μ_y`, weighted by registered patients, where y is
///   £ per need-adjusted patient and R the fractional rank from the most deprived (R near 0) to
///   the least deprived (R near 1). **Positive: money per need rises towards less deprived
///   practices (pro-affluent); negative: it is concentrated in more deprived practices.**
/// - Gini `G = Σ_i Σ_j w_i w_j |y_i − y_j| / (2 (Σ w)² μ_y)`, weighted by registered patients:
///   0 when every patient's practice gets the same per need-adjusted patient, towards 1 as it
///   concentrates.
///
/// Every output is finite: with no points, all are 0.
pub fn equity(points: &[EquityPoint]) -> Equity {
    equity_near(points, None)
}

/// The points' order by value (£ per need-adjusted patient), lowest first.
pub fn value_order(points: &[EquityPoint]) -> Vec<u32> {
    // Ties in the order of the points: the radix sort is stable, and orders as `total_cmp`.
    let mut by_value: Vec<(f64, u32)> = points
        .iter()
        .enumerate()
        .map(|(i, p)| (p.value, i as u32))
        .collect();
    radsort::sort_by_key(&mut by_value, |&(value, _)| value);
    by_value.into_iter().map(|(_, i)| i).collect()
}

/// As [`equity`], given the order by value of the same practices in a nearby outcome (the
/// baseline's, from [`value_order`]): the sort the Gini needs starts from it, which takes close
/// to linear time when little has moved. A hint of the wrong length is ignored.
pub fn equity_near(points: &[EquityPoint], hint: Option<&[u32]>) -> Equity {
    let mut money = [0_i64; 5];
    let mut need = [0.0; 5];
    for p in points {
        money[p.quintile] += p.pence;
        need[p.quintile] += p.need;
    }
    let per_need_by_quintile: [f64; 5] = std::array::from_fn(|q| per(money[q], need[q]));
    let (least, most) = (per_need_by_quintile[0], per_need_by_quintile[4]);
    let gap_pounds = most - least;
    let gap_pct = if least > 0.0 {
        gap_pounds / least * 100.0
    } else {
        0.0
    };

    let total_weight: f64 = points.iter().map(|p| p.weight).sum();
    if total_weight.is_nan() || total_weight <= 0.0 {
        return Equity {
            per_need_by_quintile,
            gap_pounds,
            gap_pct,
            concentration_index: 0.0,
            gini: 0.0,
        };
    }
    let mean_y = points.iter().map(|p| p.weight * p.value).sum::<f64>() / total_weight;

    // Fractional rank from the most deprived (points usually arrive in that order already).
    let mut by_deprivation: Vec<&EquityPoint> = points.iter().collect();
    if !by_deprivation
        .windows(2)
        .all(|w| w[0].deprivation_order <= w[1].deprivation_order)
    {
        by_deprivation.sort_by_key(|p| p.deprivation_order);
    }
    let mut cumulative = 0.0;
    let mut cov = 0.0;
    for p in &by_deprivation {
        let rank = (cumulative + p.weight / 2.0) / total_weight;
        cumulative += p.weight;
        cov += p.weight * (p.value - mean_y) * (rank - 0.5);
    }
    cov /= total_weight;
    let concentration_index = if mean_y != 0.0 {
        2.0 * cov / mean_y
    } else {
        0.0
    };

    // Gini from the weighted Lorenz curve.
    let pair = |p: &EquityPoint| (p.value, p.weight);
    let mut by_value: Vec<(f64, f64)> = match hint {
        Some(h) if h.len() == points.len() => h
            .iter()
            .filter_map(|&i| points.get(i as usize).map(pair))
            .collect(),
        _ => Vec::new(),
    };
    if by_value.len() != points.len() {
        by_value = points.iter().map(pair).collect();
    }
    // A stable sort, so ties keep the hint's order. A radix sort takes linear time however far
    // the values moved from the hint (a comparison sort was nearly linear only when little had
    // moved), and leaves the same order as a stable comparison sort.
    if !by_value.is_sorted_by(|a, b| a.0.total_cmp(&b.0).is_le()) {
        radsort::sort_by_key(&mut by_value, |&(value, _)| value);
    }
    let total_y: f64 = by_value.iter().map(|(v, w)| w * v).sum();
    let gini = if total_y > 0.0 {
        let mut cumulative_share = 0.0;
        let mut area = 0.0;
        for (value, weight) in &by_value {
            let share = weight * value / total_y;
            area += weight / total_weight * (2.0 * cumulative_share + share);
            cumulative_share += share;
        }
        1.0 - area
    } else {
        0.0
    };

    Equity {
        per_need_by_quintile,
        gap_pounds,
        gap_pct,
        concentration_index,
        gini,
    }
}

/// Assigns each practice a group of equal registered population by IMD score: group 0 is the
/// least deprived. Returns the group of each practice and each practice's position from the most
/// deprived. A practice falls in the group where the midpoint of its patients lies.
pub fn deprivation_groups(
    imd: &[f64],
    registered: &[f64],
    groups: usize,
) -> (Vec<usize>, Vec<usize>) {
    let (mut by_count, from_most_deprived) = deprivation_groupings(imd, registered, &[groups]);
    (by_count.pop().unwrap_or_default(), from_most_deprived)
}

/// As [`deprivation_groups`] for several numbers of groups at once (deciles and quintiles, say)
/// from one sort: each practice's group for each of `counts`, in that order, and each
/// practice's position from the most deprived.
pub fn deprivation_groupings(
    imd: &[f64],
    registered: &[f64],
    counts: &[usize],
) -> (Vec<Vec<usize>>, Vec<usize>) {
    let n = imd.len();
    // Scores beside their positions, in a stable radix sort that orders as `total_cmp`: ties
    // stay in the practices' order.
    let mut order: Vec<(f64, usize)> = imd.iter().copied().zip(0..n).collect();
    radsort::sort_by_key(&mut order, |&(score, _)| score);
    let total: f64 = registered.iter().sum();
    let mut group = vec![vec![0; n]; counts.len()];
    let mut from_most_deprived = vec![0; n];
    let mut cumulative = 0.0;
    for (position, &(_, p)) in order.iter().enumerate() {
        let mid = cumulative + registered[p] / 2.0;
        cumulative += registered[p];
        for (group, &groups) in group.iter_mut().zip(counts) {
            let g = if total > 0.0 {
                ((mid / total) * groups as f64).floor() as usize
            } else {
                position * groups / n.max(1)
            };
            group[p] = g.min(groups.max(1) - 1);
        }
        from_most_deprived[p] = n - 1 - position;
    }
    (group, from_most_deprived)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(value: f64, weight: f64, quintile: usize, order: usize) -> EquityPoint {
        EquityPoint {
            value,
            weight,
            need: weight,
            pence: (value * weight * 100.0) as i64,
            quintile,
            deprivation_order: order,
        }
    }

    #[test]
    fn a_vanishing_list_has_no_figure_per_head_rather_than_an_infinite_one() {
        assert_eq!(per(74_313_838, 2.489_620_996_849_064e-307), 0.0);
        assert_eq!(per(100, 0.004), 0.0);
        assert_eq!(per(100, 0.01), 100.0);
        assert_eq!(per(100, -1.0), 0.0);
    }

    #[test]
    fn bins_have_the_documented_edges() {
        assert_eq!(bin(5.01), 0);
        assert_eq!(bin(5.0), 1);
        assert_eq!(bin(0.1), 1);
        assert_eq!(bin(0.0999), 2);
        assert_eq!(bin(-0.0999), 2);
        assert_eq!(bin(-0.1), 3);
        assert_eq!(bin(-5.0), 3);
        assert_eq!(bin(-5.01), 4);
    }

    #[test]
    fn a_hint_of_the_order_changes_nothing_but_the_time_taken() {
        let points: Vec<EquityPoint> = (0..200)
            .map(|i| {
                point(
                    ((i * 37) % 101) as f64 + 50.0,
                    10.0 + (i % 7) as f64,
                    i % 5,
                    i,
                )
            })
            .collect();
        let plain = equity(&points);
        let order = value_order(&points);
        assert!(order
            .windows(2)
            .all(|w| points[w[0] as usize].value <= points[w[1] as usize].value));
        let reversed: Vec<u32> = order.iter().rev().copied().collect();
        for hint in [&order[..], &reversed[..], &order[..10], &[999_u32; 200][..]] {
            let e = equity_near(&points, Some(hint));
            assert!(
                (e.gini - plain.gini).abs() < 1e-12,
                "{} {}",
                e.gini,
                plain.gini
            );
            assert_eq!(e.concentration_index, plain.concentration_index);
        }
    }

    #[test]
    fn equal_money_per_need_has_no_inequality() {
        let points: Vec<EquityPoint> = (0..5).map(|q| point(150.0, 1000.0, q, 4 - q)).collect();
        let e = equity(&points);
        assert!(e.gini.abs() < 1e-12);
        assert!(e.concentration_index.abs() < 1e-12);
        assert_eq!(e.gap_pounds, 0.0);
    }

    #[test]
    fn money_rising_with_affluence_gives_a_positive_concentration_index() {
        // Quintile 0 least deprived gets the most: deprivation order 4 (last from most deprived).
        let points: Vec<EquityPoint> = (0..5)
            .map(|q| point(200.0 - 10.0 * q as f64, 1000.0, q, 4 - q))
            .collect();
        let e = equity(&points);
        assert!(e.concentration_index > 0.0);
        assert!((e.gap_pounds - -40.0).abs() < 1e-9);
        assert!((e.gap_pct - -20.0).abs() < 1e-9);
        // Two-point check of the Gini formula: values 1 and 3, equal weights: G = 2/(2*2*2) = 0.25.
        let g = equity(&[point(1.0, 1.0, 0, 1), point(3.0, 1.0, 4, 0)]).gini;
        assert!((g - 0.25).abs() < 1e-12, "{g}");
    }

    #[test]
    fn nothing_to_measure_gives_zeros_not_nan() {
        let e = equity(&[]);
        assert_eq!(e.gini, 0.0);
        assert_eq!(e.concentration_index, 0.0);
        assert!(e.per_need_by_quintile.iter().all(|v| *v == 0.0));
    }

    #[test]
    fn deprivation_groups_split_patients_evenly() {
        let imd = [10.0, 50.0, 20.0, 40.0, 30.0];
        let registered = [100.0; 5];
        let (group, order) = deprivation_groups(&imd, &registered, 5);
        assert_eq!(group, vec![0, 4, 1, 3, 2]);
        assert_eq!(order, vec![4, 0, 3, 1, 2]);
    }

    #[test]
    fn deciles_and_quintiles_from_one_sort_match_each_on_its_own() {
        // Tied scores and uneven lists, so the order of ties and the midpoints both matter.
        let imd: Vec<f64> = (0..97).map(|i| f64::from((i * 37) % 23)).collect();
        let registered: Vec<f64> = (0..97)
            .map(|i| f64::from(1 + (i * 53) % 41) * 250.0)
            .collect();
        let (both, order) = deprivation_groupings(&imd, &registered, &[10, 5]);
        let (deciles, decile_order) = deprivation_groups(&imd, &registered, 10);
        let (quintiles, quintile_order) = deprivation_groups(&imd, &registered, 5);
        assert_eq!(both, vec![deciles.clone(), quintiles.clone()]);
        assert_eq!(order, decile_order);
        assert_eq!(order, quintile_order);
        assert_eq!(deciles.iter().max(), Some(&9));
        assert_eq!(quintiles.iter().max(), Some(&4));
    }

    #[test]
    fn the_orders_by_value_and_by_deprivation_keep_ties_in_the_practices_order() {
        // Ties, both zeros, a negative and infinities: the order a comparison sort by
        // `total_cmp`, ties by position, gives.
        let values = [
            3.5,
            0.0,
            -0.0,
            3.5,
            f64::INFINITY,
            -2.0,
            0.0,
            3.5,
            f64::NEG_INFINITY,
            1e-300,
        ];
        let mut expected: Vec<u32> = (0..values.len() as u32).collect();
        expected.sort_by(|&a, &b| {
            values[a as usize]
                .total_cmp(&values[b as usize])
                .then(a.cmp(&b))
        });
        let points: Vec<EquityPoint> = values.iter().map(|&v| point(v, 1.0, 0, 0)).collect();
        assert_eq!(value_order(&points), expected);
        assert_eq!(expected, vec![8, 5, 2, 1, 6, 9, 0, 3, 7, 4]);

        // Equal scores: the earlier practice counts as less deprived, so it is further from the
        // most deprived.
        let imd = [20.0, 10.0, 20.0, 20.0, 30.0];
        let (_, from_most_deprived) = deprivation_groups(&imd, &[1.0; 5], 5);
        assert_eq!(from_most_deprived, vec![3, 4, 2, 1, 0]);
    }
}
