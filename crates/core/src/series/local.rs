//! Local areas: the councils and Westminster constituencies the surgeries are in, and the
//! practices of one area. Each area is where its surgeries are, not where their patients live.

use super::{count, pct, ChartId, ChartKind, ChartSpec, Table};
use crate::data::Dataset;
use crate::find::Target;
use crate::format::pounds;
use crate::model::{Group, Outcome};

/// Areas shown at each end of a local chart: the most gaining and the most losing.
pub const LOCAL_SHOWN: usize = 10;

/// The areas' change, sorted from the largest gain to the largest loss (ties by name).
fn sorted(groups: &[Group]) -> Vec<&Group> {
    let mut v: Vec<&Group> = groups.iter().filter(|g| g.practices > 0).collect();
    v.sort_by(|a, b| {
        b.change_pct()
            .total_cmp(&a.change_pct())
            .then(a.name.cmp(&b.name))
    });
    v
}

/// The first and last [`LOCAL_SHOWN`] of a list sorted from the largest gain to the largest
/// loss, or all of it when it is no longer than both.
fn ends<T: Copy>(sorted: &[T]) -> Vec<T> {
    if sorted.len() <= 2 * LOCAL_SHOWN {
        sorted.to_vec()
    } else {
        sorted[..LOCAL_SHOWN]
            .iter()
            .chain(&sorted[sorted.len() - LOCAL_SHOWN..])
            .copied()
            .collect()
    }
}

/// The [`LOCAL_SHOWN`] most gaining and most losing areas as bars, every area in the table.
fn extremes(id: ChartId, title: &str, what: &str, plural: &str, groups: &[Group]) -> ChartSpec {
    let all = sorted(groups);
    let shown = ends(&all);
    let gain = all.iter().filter(|g| g.change_pence() > 0).count();
    let lose = all.iter().filter(|g| g.change_pence() < 0).count();
    let summary = match (all.first(), all.last()) {
        (Some(a), Some(b)) if all.len() > 1 => format!(
            "Of {} {plural} with a surgery, {} gain and {} lose; best off: {} ({}); worst off: {} ({}).",
            count(all.len()),
            count(gain),
            count(lose),
            a.name,
            pct(a.change_pct()),
            b.name,
            pct(b.change_pct())
        ),
        _ => String::new(),
    };
    let summary = if all.len() > shown.len() {
        format!(
            "{summary} The chart shows the {LOCAL_SHOWN} that gain most and the {LOCAL_SHOWN} that lose most; the table lists all {}.",
            count(all.len())
        )
    } else {
        summary
    };
    ChartSpec {
        id,
        title: title.to_string(),
        x_label: "Change in its practices' payments (%)".into(),
        y_label: if all.len() > shown.len() {
            format!("{what}: the {LOCAL_SHOWN} that gain most and the {LOCAL_SHOWN} that lose most")
        } else {
            what.to_string()
        },
        kind: ChartKind::HorizontalBars {
            categories: shown.iter().map(|g| g.name.to_string()).collect(),
            values: shown.iter().map(|g| g.change_pct()).collect(),
        },
        table: Table {
            headers: vec![
                what.to_string(),
                "Code".into(),
                "Practices".into(),
                "Total payments, 2022/23".into(),
                "Total payments, scenario".into(),
                "Change".into(),
            ],
            rows: all
                .iter()
                .map(|g| {
                    vec![
                        g.name.to_string(),
                        g.code.to_string(),
                        count(g.practices),
                        pounds(g.baseline_pence),
                        pounds(g.scenario_pence),
                        pct(g.change_pct()),
                    ]
                })
                .collect(),
        },
        summary,
    }
}

/// Change by the local authority (May 2024) the surgeries are in.
pub fn councils(o: &Outcome) -> ChartSpec {
    extremes(
        ChartId::Councils,
        "Which councils' practices gain and which lose most?",
        "Local authority (where the surgery is)",
        "councils",
        &o.by_local_authority,
    )
}

/// Change by the Westminster constituency (July 2024) the surgeries are in.
pub fn constituencies(o: &Outcome) -> ChartSpec {
    extremes(
        ChartId::Constituencies,
        "Which constituencies' practices gain and which lose most?",
        "Constituency (where the surgery is)",
        "constituencies",
        &o.by_constituency,
    )
}

/// One sentence on an area: its practices, how many gain and lose, and its change.
pub fn area_sentence(dataset: &Dataset, o: &Outcome, target: Target) -> Option<String> {
    let g = target.group(o)?;
    let members = target.members(dataset);
    let changes: Vec<i64> = members
        .iter()
        .filter_map(|&p| o.practices.get(p))
        .filter(|r| r.total_baseline_pence > 0)
        .map(|r| r.change_pence())
        .collect();
    let gain = changes.iter().filter(|c| **c > 0).count();
    let lose = changes.iter().filter(|c| **c < 0).count();
    let practices = |n: usize| format!("{} practice{}", count(n), if n == 1 { "" } else { "s" });
    Some(format!(
        "In {} ({}), {} with surgeries there: under this scenario {} gain and {} lose; together they {} {} ({}) a year.",
        g.name,
        target.kind().to_lowercase(),
        practices(g.practices),
        count(gain),
        count(lose),
        if g.change_pence() < 0 { "lose" } else { "gain" },
        pounds(g.change_pence().abs()),
        pct(g.change_pct()),
    ))
}

/// What the local results rest on, said wherever they are shown.
pub const WHERE_SURGERIES_ARE: &str =
    "Councils and constituencies are where the surgeries are, not where their patients live.";

/// Each practice of an area: its change, sorted from the largest gain to the largest loss.
pub fn area_practices(dataset: &Dataset, o: &Outcome, target: Target) -> Option<ChartSpec> {
    let g = target.group(o)?;
    let mut rows: Vec<(usize, f64)> = target
        .members(dataset)
        .into_iter()
        .filter_map(|p| {
            let r = o.practices.get(p)?;
            (r.total_baseline_pence > 0).then(|| (p, r.change_pct()))
        })
        .collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    // Names come in their own file: until it is here a practice goes by its code.
    let name = |p: usize| dataset.practices[p].title();
    // A large area's bars: the ends only; the table has every practice.
    let shown = ends(&rows);
    Some(ChartSpec {
        id: ChartId::Area,
        title: format!("How do the practices in {} fare?", g.name),
        x_label: "Change in payments (%)".into(),
        y_label: if shown.len() < rows.len() {
            format!(
                "Practices with a surgery in {}: the {LOCAL_SHOWN} that gain most and the {LOCAL_SHOWN} that lose most",
                g.name
            )
        } else {
            format!("Practices with a surgery in {}", g.name)
        },
        kind: ChartKind::HorizontalBars {
            categories: shown.iter().map(|(p, _)| name(*p)).collect(),
            values: shown.iter().map(|(_, c)| *c).collect(),
        },
        table: Table {
            headers: vec![
                "Practice".into(),
                "Total payments, 2022/23".into(),
                "Total payments, scenario".into(),
                "Change (£)".into(),
                "Change".into(),
            ],
            rows: rows
                .iter()
                .map(|&(p, c)| {
                    let r = &o.practices[p];
                    vec![
                        name(p),
                        pounds(r.total_baseline_pence),
                        pounds(r.total_scenario_pence),
                        pounds(r.change_pence()),
                        pct(c),
                    ]
                })
                .collect(),
        },
        summary: area_sentence(dataset, o, target).unwrap_or_default(),
    })
}
