//! The networks story: how big the networks are.

use super::{count, ChartId, ChartKind, ChartSpec, Table};
use crate::model::Outcome;

/// How big the networks are, with the 30-50k band marked.
pub fn network_sizes(o: &Outcome) -> Option<ChartSpec> {
    let n = o.networks.as_ref()?;
    let counts: Vec<f64> = n.sizes.histogram.iter().map(|c| *c as f64).collect();
    let edges: Vec<f64> = (0..=counts.len()).map(|i| i as f64 * 10.0).collect();
    let rows = n
        .sizes
        .histogram
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let label = if i + 1 == n.sizes.histogram.len() {
                format!("{},000 or more", i * 10)
            } else {
                format!("{},000 to {},999", i * 10, i * 10 + 9)
            };
            vec![label, count(*c)]
        })
        .collect();
    Some(ChartSpec {
        id: ChartId::NetworkSizes,
        title: "How many networks have 30,000 to 50,000 patients?".into(),
        x_label: "Registered patients (thousand; the last bar: 100,000 or more)".into(),
        y_label: "Networks".into(),
        kind: ChartKind::Histogram {
            edges,
            counts,
            band: Some((30.0, 50.0)),
        },
        table: Table {
            headers: vec!["Registered patients".into(), "Networks".into()],
            rows,
        },
        summary: format!(
            "{} networks: {} in the 30,000-50,000 band (blue), {} smaller, {} larger.",
            count(n.networks.len()),
            count(n.sizes.in_band),
            count(n.sizes.below_band),
            count(n.sizes.above_band)
        ),
    })
}
