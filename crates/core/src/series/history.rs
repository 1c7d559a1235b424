//! The history: real data year by year, no scenario.

use super::{count, money, ChartId, ChartKind, ChartSpec, Series, Table};

/// The history's charts: £ per registered and per weighted patient by IMD quintile, average list
/// size, and GP at Hand's list, year by year. Real data, no scenario.
pub fn history_charts(years: &[crate::history::YearSummary]) -> Vec<ChartSpec> {
    let categories: Vec<String> = years.iter().map(|y| y.year.clone()).collect();
    let quintile_names = [
        "Quintile 1 (least deprived)",
        "Quintile 2",
        "Quintile 3",
        "Quintile 4",
        "Quintile 5 (most deprived)",
    ];
    let by_quintile =
        |id: ChartId,
         title: &str,
         unit: &str,
         pick: &dyn Fn(&crate::history::YearSummary) -> [f64; 5]| {
            let series: Vec<Series> = (0..5)
                .map(|q| Series {
                    name: quintile_names[q].to_string(),
                    values: years.iter().map(|y| pick(y)[q]).collect(),
                })
                .collect();
            let mut headers = vec!["Year".to_string()];
            headers.extend(quintile_names.iter().map(|n| n.to_string()));
            let rows = years
                .iter()
                .map(|y| {
                    let mut row = vec![y.year.clone()];
                    row.extend(pick(y).iter().map(|v| money(*v)));
                    row
                })
                .collect();
            let (first, last) = (years.first(), years.last());
            ChartSpec {
                id,
                title: title.to_string(),
                x_label: "Financial year".into(),
                y_label: unit.to_string(),
                kind: ChartKind::Lines {
                    categories: categories.clone(),
                    series,
                },
                table: Table { headers, rows },
                summary: match (first, last) {
                    (Some(a), Some(b)) => format!(
                        "{}: least deprived fifth {}, most deprived {}; {}: {} and {}.",
                        a.year,
                        money(pick(a)[0]),
                        money(pick(a)[4]),
                        b.year,
                        money(pick(b)[0]),
                        money(pick(b)[4])
                    ),
                    _ => String::new(),
                },
            }
        };
    let lists = ChartSpec {
        id: ChartId::HistoryLists,
        title: "How have the number of practices and their size changed?".into(),
        x_label: "Financial year".into(),
        y_label: "Registered patients per practice".into(),
        kind: ChartKind::Bars {
            categories: categories.clone(),
            series: vec![Series {
                name: "Average list size".into(),
                values: years.iter().map(|y| y.average_list).collect(),
            }],
        },
        table: Table {
            headers: vec![
                "Year".into(),
                "Practices".into(),
                "Registered patients".into(),
                "Average list size".into(),
                "Total NHS payments".into(),
            ],
            rows: years
                .iter()
                .map(|y| {
                    vec![
                        y.year.clone(),
                        count(y.practices),
                        crate::format::count(y.registered.round() as u64),
                        crate::format::count(y.average_list.round() as u64),
                        crate::format::pounds(y.total_pence),
                    ]
                })
                .collect(),
        },
        summary: match (years.first(), years.last()) {
            (Some(a), Some(b)) => format!(
                "{} practices averaging {} patients in {}; {} averaging {} in {}.",
                count(a.practices),
                crate::format::count(a.average_list.round() as u64),
                a.year,
                count(b.practices),
                crate::format::count(b.average_list.round() as u64),
                b.year
            ),
            _ => String::new(),
        },
    };
    let gp_at_hand = ChartSpec {
        id: ChartId::HistoryGpAtHand,
        title: "How did GP at Hand's list grow?".into(),
        x_label: "Financial year".into(),
        y_label: "Registered patients".into(),
        kind: ChartKind::Bars {
            categories: categories.clone(),
            series: vec![Series {
                name: "GP at Hand (E85124)".into(),
                values: years.iter().map(|y| y.gp_at_hand.unwrap_or(0.0)).collect(),
            }],
        },
        table: Table {
            headers: vec!["Year".into(), "Registered patients".into()],
            rows: years
                .iter()
                .map(|y| {
                    vec![
                        y.year.clone(),
                        y.gp_at_hand
                            .map(|v| crate::format::count(v.round() as u64))
                            .unwrap_or_else(|| "not listed".into()),
                    ]
                })
                .collect(),
        },
        summary: "Babylon GP at Hand, Fulham (E85124), as listed in each year's payments file."
            .into(),
    };
    vec![
        by_quintile(
            ChartId::HistoryPerRegistered,
            "Has money per registered patient followed deprivation over the years?",
            "£ per registered patient",
            &|y| y.per_registered_by_quintile,
        ),
        by_quintile(
            ChartId::HistoryPerWeighted,
            "Has money per weighted patient followed deprivation over the years?",
            "£ per weighted patient",
            &|y| y.per_weighted_by_quintile,
        ),
        lists,
        gp_at_hand,
    ]
}
