//! The savings story: savings and reinvestment year by year.

use super::{ChartId, ChartKind, ChartSpec, Series, Table};
use crate::model::Outcome;

/// Savings and reinvestment per year over five years.
pub fn savings_chart(o: &Outcome) -> Option<ChartSpec> {
    let s = o.savings.as_ref()?;
    let million = |p: i64| p as f64 / 100.0 / 1e6;
    Some(ChartSpec {
        id: ChartId::Savings,
        title: "How much could slower growth in emergency admissions save, and reinvest?".into(),
        x_label: "Years from now".into(),
        y_label: "£ million".into(),
        kind: ChartKind::Bars {
            categories: s.years.iter().map(|y| format!("Year {}", y.year)).collect(),
            series: vec![
                Series {
                    name: "Saved".into(),
                    values: s.years.iter().map(|y| million(y.saved_pence)).collect(),
                },
                Series {
                    name: "Reinvested in general practice".into(),
                    values: s
                        .years
                        .iter()
                        .map(|y| million(y.reinvested_pence))
                        .collect(),
                },
            ],
        },
        table: Table {
            headers: vec![
                "Year".into(),
                "Admissions avoided".into(),
                "Saved".into(),
                "Reinvested".into(),
            ],
            rows: s
                .years
                .iter()
                .map(|y| {
                    vec![
                        format!("Year {}", y.year),
                        crate::format::count(y.admissions_avoided.round() as u64),
                        crate::format::pounds(y.saved_pence),
                        crate::format::pounds(y.reinvested_pence),
                    ]
                })
                .collect(),
        },
        summary: format!(
            "Over five years {} saved and {} reinvested; the first year's {} is paid to {}.",
            crate::format::pounds(s.years.iter().map(|y| y.saved_pence).sum()),
            crate::format::pounds(s.years.iter().map(|y| y.reinvested_pence).sum()),
            crate::format::pounds(s.years.first().map_or(0, |y| y.reinvested_pence)),
            match s.recipient {
                crate::scenario::Recipient::Practices => "practices per weighted patient",
                crate::scenario::Recipient::Networks => "networks, then their practices",
                crate::scenario::Recipient::Holder => "nobody: the budget holder keeps it",
            }
        ),
    })
}
