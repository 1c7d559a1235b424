//! Kinds of practice: rural against urban, and list-size bands.

use super::{per_weighted_bars, ChartId, ChartSpec};
use crate::model::{Group, Outcome};

/// Rural against urban.
pub fn rural_urban(o: &Outcome) -> ChartSpec {
    per_weighted_bars(
        ChartId::RuralUrban,
        "Do rural and urban practices fare differently?",
        "Practice rurality",
        &o.by_rurality,
        |g| g.name.to_string(),
    )
}

/// List-size bands.
pub fn list_size(o: &Outcome) -> ChartSpec {
    let groups: Vec<Group> = o
        .by_list_size
        .iter()
        .filter(|g| g.registered > 0.0)
        .cloned()
        .collect();
    per_weighted_bars(
        ChartId::ListSize,
        "Do small and large practices fare differently?",
        "Registered patients",
        &groups,
        |g| g.name.to_string(),
    )
}
