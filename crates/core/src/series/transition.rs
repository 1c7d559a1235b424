//! The pace of change: what protecting practices at the cap costs, year by year.

use super::{ChartId, ChartKind, ChartSpec, Series, Table};
use crate::format::{count, pounds};
use crate::model::Outcome;
use crate::scenario::ProtectionFunding;

/// The path's chart, when the pace of change is set.
pub fn transition_chart(o: &Outcome) -> Option<ChartSpec> {
    let t = o.transition.as_ref()?;
    let label = |y: u32| format!("{y}/{:02}", (y + 1) % 100);
    let m = |p: i64| p as f64 / 1e8;
    let who = match t.settings.funding {
        ProtectionFunding::NewMoney => "paid as new money",
        ProtectionFunding::Gainers => "paid by the practices that gain",
    };
    let last = t.years.last()?;
    Some(ChartSpec {
        id: ChartId::Transition,
        title: "What does protecting practices from losing too fast cost each year?".into(),
        x_label: "Financial year".into(),
        y_label: "£ million".into(),
        kind: ChartKind::Bars {
            categories: t.years.iter().map(|y| label(y.year)).collect(),
            series: vec![Series {
                name: format!("Cost of protection, {who}"),
                values: t.years.iter().map(|y| m(y.protection_pence)).collect(),
            }],
        },
        table: Table {
            headers: vec![
                "Year".into(),
                "Practices held at the cap".into(),
                "Cost of protection".into(),
                "Of which new money".into(),
                "Total NHS payments".into(),
            ],
            rows: t
                .years
                .iter()
                .map(|y| {
                    vec![
                        label(y.year),
                        count(y.capped as u64),
                        pounds(y.protection_pence),
                        pounds(y.new_money_pence),
                        pounds(y.total_pence),
                    ]
                })
                .collect(),
        },
        summary: if t.finished {
            format!(
                "Every practice reaches its scenario payments in {} ({} years); at most {} practices are held at the cap in a year, and protection costs {} in all, {who}.",
                label(last.year),
                t.years.len(),
                count(t.most_capped() as u64),
                pounds(t.protection_pence()),
            )
        } else {
            format!(
                "Some practices are still held at the cap in {}, after {} years; protection costs {} over those years, {who}.",
                label(last.year),
                t.years.len(),
                pounds(t.protection_pence()),
            )
        },
    })
}
