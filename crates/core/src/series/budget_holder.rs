//! The budget holder story: its flows, drawn to scale.

use super::{ChartId, ChartKind, ChartSpec, Table};
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
