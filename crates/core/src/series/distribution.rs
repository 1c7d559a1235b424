//! Winners and losers: how many practices and patients gain or lose by how much, and the
//! distribution of the practice-level change.

use super::{count, nice_step, pct, ChartId, ChartKind, ChartSpec, Series, Table};
use crate::model::{Outcome, BINS};

/// Share of practices and of patients in each winners-and-losers bin.
pub fn winners_losers(o: &Outcome) -> ChartSpec {
    let practices: usize = o.winners_losers.iter().map(|b| b.practices).sum();
    let patients: f64 = o.winners_losers.iter().map(|b| b.patients).sum();
    let share = |part: f64, whole: f64| {
        if whole > 0.0 {
            part / whole * 100.0
        } else {
            0.0
        }
    };
    let practice_share: Vec<f64> = o
        .winners_losers
        .iter()
        .map(|b| share(b.practices as f64, practices as f64))
        .collect();
    let patient_share: Vec<f64> = o
        .winners_losers
        .iter()
        .map(|b| share(b.patients, patients))
        .collect();
    let rows = BINS
        .iter()
        .zip(&o.winners_losers)
        .zip(practice_share.iter().zip(&patient_share))
        .map(|((label, b), (ps, pp))| {
            vec![
                label.to_string(),
                count(b.practices),
                format!("{ps:.1}%"),
                crate::format::count(b.patients.round() as u64),
                format!("{pp:.1}%"),
            ]
        })
        .collect();
    let gain = o.winners_losers[0].practices + o.winners_losers[1].practices;
    let lose = o.winners_losers[3].practices + o.winners_losers[4].practices;
    ChartSpec {
        id: ChartId::WinnersLosers,
        title: "How many practices, and how many patients, gain or lose?".into(),
        x_label: "Change in the practice's total NHS payments".into(),
        y_label: "Share (%)".into(),
        kind: ChartKind::Bars {
            categories: BINS.iter().map(|b| b.to_string()).collect(),
            series: vec![
                Series {
                    name: "Share of practices".into(),
                    values: practice_share,
                },
                Series {
                    name: "Share of patients".into(),
                    values: patient_share,
                },
            ],
        },
        table: Table {
            headers: vec![
                "Change".into(),
                "Practices".into(),
                "Share of practices".into(),
                "Registered patients".into(),
                "Share of patients".into(),
            ],
            rows,
        },
        summary: format!(
            "{} practices gain at least 0.1%, {} lose at least 0.1%, {} change by less.",
            count(gain),
            count(lose),
            count(o.winners_losers[2].practices)
        ),
    }
}

/// Distribution of the practice-level % change.
pub fn distribution(o: &Outcome) -> ChartSpec {
    let mut changes: Vec<f64> = o
        .practices
        .iter()
        .filter(|p| p.total_baseline_pence > 0 && p.weighted_baseline > 0.0)
        .map(|p| p.change_pct())
        .collect();
    changes.sort_by(|a, b| a.total_cmp(b));
    let quantile = |q: f64| {
        if changes.is_empty() {
            0.0
        } else {
            changes[((changes.len() - 1) as f64 * q).round() as usize]
        }
    };
    // Cover the middle 98% of practices; the ends collect the rest.
    let (lo, hi) = (quantile(0.01).min(-0.5), quantile(0.99).max(0.5));
    let step = nice_step(hi - lo, 20.0);
    let start = (lo / step).floor() * step;
    let bins = (((hi - start) / step).ceil() as usize).clamp(1, 60);
    let edges: Vec<f64> = (0..=bins).map(|i| start + step * i as f64).collect();
    let mut counts = vec![0.0; bins];
    for c in &changes {
        let i = (((c - start) / step).floor().max(0.0) as usize).min(bins - 1);
        counts[i] += 1.0;
    }
    let rows = (0..bins)
        .map(|i| {
            let label = if i == 0 {
                format!("below {:.2}%", edges[1])
            } else if i == bins - 1 {
                format!("{:.2}% or more", edges[i])
            } else {
                format!("{:.2}% to {:.2}%", edges[i], edges[i + 1])
            };
            vec![label, count(counts[i] as usize)]
        })
        .collect();
    ChartSpec {
        id: ChartId::Distribution,
        title: "How is the change spread across practices?".into(),
        x_label: "Change in total payments (%)".into(),
        y_label: "Practices".into(),
        kind: ChartKind::Histogram {
            edges,
            counts,
            band: None,
        },
        table: Table {
            headers: vec!["Change".into(), "Practices".into()],
            rows,
        },
        summary: format!(
            "Half the practices change by between {} and {}.",
            pct(quantile(0.25)),
            pct(quantile(0.75))
        ),
    }
}
