//! Change by area: NHS regions and ICBs, sorted from the largest gain to the largest loss.

use super::{count, pct, ChartId, ChartKind, ChartSpec, Table};
use crate::model::{Group, Outcome};

/// Change in total payments by area, sorted from the largest gain to the largest loss.
fn change_by_area(id: ChartId, title: &str, what: &str, groups: &[Group]) -> ChartSpec {
    let mut sorted: Vec<&Group> = groups.iter().filter(|g| g.practices > 0).collect();
    sorted.sort_by(|a, b| {
        b.change_pct()
            .total_cmp(&a.change_pct())
            .then(a.name.cmp(&b.name))
    });
    let short = |name: &str| {
        name.trim_start_matches("NHS ")
            .trim_end_matches(" Integrated Care Board")
            .trim_end_matches(" ICB")
            .to_string()
    };
    let categories: Vec<String> = sorted.iter().map(|g| short(&g.name)).collect();
    let values: Vec<f64> = sorted.iter().map(|g| g.change_pct()).collect();
    let rows = sorted
        .iter()
        .map(|g| {
            vec![
                g.name.to_string(),
                count(g.practices),
                crate::format::pounds(g.baseline_pence),
                crate::format::pounds(g.scenario_pence),
                pct(g.change_pct()),
            ]
        })
        .collect();
    let summary = match (sorted.first(), sorted.last()) {
        (Some(a), Some(b)) if sorted.len() > 1 => format!(
            "Best off: {} ({}); worst off: {} ({}).",
            short(&a.name),
            pct(a.change_pct()),
            short(&b.name),
            pct(b.change_pct())
        ),
        _ => String::new(),
    };
    ChartSpec {
        id,
        title: title.to_string(),
        x_label: "Change in total payments (%)".into(),
        y_label: what.to_string(),
        kind: ChartKind::HorizontalBars { categories, values },
        table: Table {
            headers: vec![
                what.to_string(),
                "Practices".into(),
                "Total payments, 2022/23".into(),
                "Total payments, scenario".into(),
                "Change".into(),
            ],
            rows,
        },
        summary,
    }
}

/// Change by NHS region.
pub fn regions(o: &Outcome) -> ChartSpec {
    change_by_area(
        ChartId::Regions,
        "Which regions gain and which lose?",
        "NHS England region",
        &o.by_region,
    )
}

/// Change by ICB.
pub fn icbs(o: &Outcome) -> ChartSpec {
    change_by_area(
        ChartId::Icbs,
        "Which integrated care boards gain and which lose?",
        "Integrated care board",
        &o.by_icb,
    )
}
