//! Money and deprivation: £ per weighted patient by IMD decile and quintile, and each
//! practice's £ per registered patient against its IMD score.

use super::{count, money, per_weighted_bars, ChartId, ChartKind, ChartSpec, Table};
use crate::data::Dataset;
use crate::model::{metrics::per, Outcome};

/// £ per weighted patient by IMD decile.
pub fn deprivation(o: &Outcome) -> ChartSpec {
    per_weighted_bars(
        ChartId::Deprivation,
        "Do practices in deprived areas get less per weighted patient?",
        "IMD decile (1 = least deprived)",
        &o.by_imd_decile,
        |g| g.code.to_string(),
    )
}

/// £ per weighted patient by IMD quintile.
pub fn deprivation_quintile(o: &Outcome) -> ChartSpec {
    per_weighted_bars(
        ChartId::DeprivationQuintile,
        "How does money per weighted patient change from the least to the most deprived fifth?",
        "IMD quintile (1 = least deprived)",
        &o.by_imd_quintile,
        |g| g.code.to_string(),
    )
}

/// £ per registered patient against IMD score, one point per practice.
pub fn funding_vs_deprivation(
    dataset: &Dataset,
    o: &Outcome,
    selected: Option<usize>,
) -> ChartSpec {
    let mut points: Vec<(f64, f64)> = Vec::with_capacity(o.practices.len());
    let mut indices = Vec::with_capacity(o.practices.len());
    for (i, (p, r)) in dataset.practices.iter().zip(&o.practices).enumerate() {
        // Lists under 500 patients give per-patient figures that say more about the list than
        // the funding; they are left out.
        if r.registered_scenario >= 500.0 {
            points.push((
                p.imd_score,
                per(r.total_scenario_pence, r.registered_scenario),
            ));
            indices.push(i);
        }
    }
    let mut ys: Vec<f64> = points.iter().map(|p| p.1).collect();
    ys.sort_by(|a, b| a.total_cmp(b));
    let y_max = ys
        .get(((ys.len().max(1) - 1) as f64 * 0.995) as usize)
        .copied()
        .unwrap_or(1.0)
        .max(1.0);
    let hidden = points.iter().filter(|p| p.1 > y_max).count();
    let highlight = selected.and_then(|s| indices.iter().position(|&i| i == s).map(|k| points[k]));
    let mut deciles: Vec<Vec<String>> = o
        .by_imd_decile
        .iter()
        .map(|g| {
            vec![
                g.name.to_string(),
                count(g.practices),
                money(g.baseline_per_registered()),
                money(g.scenario_per_registered()),
            ]
        })
        .collect();
    let chosen = selected.and_then(|s| Some((dataset.practices.get(s)?, o.practices.get(s)?)));
    if let Some((p, r)) = chosen {
        let (b, sc) = r.per_registered();
        deciles.push(vec![
            format!("Selected: {}", p.title()),
            "1".into(),
            money(b),
            money(sc),
        ]);
    }
    ChartSpec {
        id: ChartId::FundingVsDeprivation,
        title: "Does funding per patient follow deprivation?".into(),
        x_label: "IMD 2019 score of the practice's patients (higher = more deprived)".into(),
        y_label: "£ per registered patient".into(),
        kind: ChartKind::Scatter {
            points,
            highlight,
            y_max: y_max * 1.05,
            hidden,
        },
        table: Table {
            headers: vec![
                "IMD decile".into(),
                "Practices".into(),
                "£ per registered patient, 2022/23".into(),
                "£ per registered patient, scenario".into(),
            ],
            rows: deciles,
        },
        summary: format!(
            "One dot per practice with 500 or more patients; {} practices above £{:.0} per patient are off the top of the chart.",
            count(hidden),
            y_max * 1.05
        ),
    }
}
