//! The budget holder story: its flows, drawn to scale.

use super::{ChartId, ChartKind, ChartSpec, Series, Table};
use crate::model::Outcome;

/// The budget holder's flows, drawn to scale, with the same numbers as a table.
pub fn holder_flow(o: &Outcome) -> Option<ChartSpec> {
    let h = o.budget_holder?;
    let m = |p: i64| p as f64 / 100.0 / 1e6;
    let holder = match h.holder {
        crate::scenario::Holder::Commissioner => "The ICB (delegated)",
        crate::scenario::Holder::Trust => "An acute trust (integrated health organisation)",
        crate::scenario::Holder::Federation => "A GP federation",
    };
    let to_practices = h.passed_on_pence();
    let direct = h.direct_pence();
    let rows = [
        (
            "GP money from NHS England through the commissioner",
            h.gp_money_pence,
        ),
        ("Paid directly to practices", direct),
        ("Routed through the holder", h.routed_pence),
        ("Diverted to hospital services", h.diverted_pence),
        ("Double running", h.double_running_pence),
        ("Passed on to practices by the holder", to_practices),
        (
            "Surplus passed on (reinvested savings)",
            h.surplus_to_practices_pence,
        ),
        ("Surplus the holder keeps", h.surplus_kept_pence),
        (
            "Core funding moved to the integrated health organisation",
            h.core_moved_pence,
        ),
        ("Practices receive", h.practices_receive_pence()),
    ];
    Some(ChartSpec {
        id: ChartId::BudgetHolder,
        title: "Where does GP money go when someone else holds the budget?".into(),
        x_label: String::new(),
        y_label: "£ million a year".into(),
        kind: ChartKind::HolderFlow {
            holder: holder.to_string(),
            gp_money: m(h.gp_money_pence),
            direct: m(direct),
            routed: m(h.routed_pence),
            to_practices: m(to_practices),
            diverted: m(h.diverted_pence),
            double_running: m(h.double_running_pence),
            core_moved: m(h.core_moved_pence),
            surplus_in: m(h.surplus_to_practices_pence),
            received: m(h.practices_receive_pence()),
        },
        table: Table {
            headers: vec!["Flow".into(), "£ a year".into()],
            rows: rows
                .iter()
                .map(|(label, p)| vec![label.to_string(), crate::format::pounds(*p)])
                .collect(),
        },
        summary: format!(
            "{holder} holds {}: {} is diverted to hospitals and {} spent on double running; practices receive {} in all.",
            crate::format::pounds(h.routed_pence),
            crate::format::pounds(h.diverted_pence),
            crate::format::pounds(h.double_running_pence),
            crate::format::pounds(h.practices_receive_pence())
        ),
    })
}

/// General practice's core funding year by year as it shifts to an acute trust as integrated
/// health organisation, and what has moved to the trust, with the same numbers as a table.
pub fn core_shift_chart(o: &Outcome) -> Option<ChartSpec> {
    let c = o.core_shift.as_ref()?;
    let bn = |p: i64| p as f64 / 1e11;
    let label = |y: u32| format!("{y}/{:02}", (y + 1) % 100);
    Some(ChartSpec {
        id: ChartId::CoreShift,
        title: "How much of general practice's core funding moves to the trust each year?".into(),
        x_label: "Financial year".into(),
        y_label: "£ billion a year".into(),
        kind: ChartKind::Lines {
            categories: c.years.iter().map(|y| label(y.year)).collect(),
            series: vec![
                Series {
                    name: "General practice's core funding".into(),
                    values: c.years.iter().map(|y| bn(y.core_pence)).collect(),
                },
                Series {
                    name: "Moved to the trust".into(),
                    values: c.years.iter().map(|y| bn(y.moved_pence)).collect(),
                },
            ],
        },
        table: Table {
            headers: vec![
                "Year".into(),
                "General practice's core funding".into(),
                "Moved to the trust".into(),
            ],
            rows: c
                .years
                .iter()
                .map(|y| {
                    vec![
                        label(y.year),
                        crate::format::pounds(y.core_pence),
                        crate::format::pounds(y.moved_pence),
                    ]
                })
                .collect(),
        },
        summary: format!(
            "At {} a year, {} of core funding has moved to the trust by {}: practices lose it in proportion to their core funding.",
            crate::scenario::Unit::Share.show(c.rate),
            crate::format::pounds(c.moved_pence),
            label(c.year)
        ),
    })
}
