//! What each chart shows, prepared from an outcome: plain data with a title, axis labels and a
//! table alternative. Drawing is the UI's job; choosing and shaping the numbers is done here,
//! natively testable.

use crate::data::Dataset;
use crate::model::{Group, Outcome};

mod areas;
mod budget_holder;
mod compare;
mod deprivation;
mod distribution;
mod envelope;
mod history;
mod id;
mod kinds;
mod levers;
mod local;
mod map;
mod networks;
mod savings;
mod transition;

pub use areas::{icbs, regions};
pub use budget_holder::{core_shift_chart, holder_flow};
pub use compare::b_against_a;
pub use deprivation::{deprivation, deprivation_quintile, funding_vs_deprivation};
pub use distribution::{distribution, winners_losers};
pub use envelope::envelope_chart;
pub use history::history_charts;
pub use id::{ChartId, UnknownChart};
pub use kinds::{list_size, rural_urban};
pub use levers::levers_chart;
pub use local::{
    area_practices, area_sentence, constituencies, councils, LOCAL_SHOWN, WHERE_SURGERIES_ARE,
};
pub use map::{
    area_map, diverging_colour, diverging_edges, diverging_label, icb_map, map_edges,
    practice_dots, MapArea, MapDot, MapLevel, DIVERGING,
};
pub use networks::network_sizes;
pub use savings::savings_chart;
pub use transition::transition_chart;

/// A named series of values, one per category.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<f64>,
}

/// The shape of a chart.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartKind {
    /// Vertical bars, one group per category, one bar per series.
    Bars {
        categories: Vec<String>,
        series: Vec<Series>,
    },
    /// A horizontal waterfall: each step's signed amount (£m) floats from where the steps
    /// before it ended, and a last bar from zero shows the total.
    Waterfall {
        steps: Vec<String>,
        values: Vec<f64>,
        total_label: String,
    },
    /// Horizontal bars of one signed value per category, in the order given.
    HorizontalBars {
        categories: Vec<String>,
        values: Vec<f64>,
    },
    /// A histogram: `edges` has one more entry than `counts`. With a `band`, bars inside it are
    /// marked; without, bars are coloured by the sign of their middle (gain or loss).
    Histogram {
        edges: Vec<f64>,
        counts: Vec<f64>,
        band: Option<(f64, f64)>,
    },
    /// Lines over categories (years), one per series.
    Lines {
        categories: Vec<String>,
        series: Vec<Series>,
    },
    /// Money flowing from NHS England through the commissioner and a budget holder to
    /// practices, £ million, drawn to scale.
    HolderFlow {
        holder: String,
        /// All GP money, through the commissioner.
        gp_money: f64,
        direct: f64,
        routed: f64,
        to_practices: f64,
        diverted: f64,
        double_running: f64,
        /// Core funding moved to an integrated health organisation, which it keeps.
        core_moved: f64,
        surplus_in: f64,
        /// What practices receive in all, the surplus included.
        received: f64,
    },
    /// One point per practice; `highlight` is the selected practice, if any.
    Scatter {
        points: Vec<(f64, f64)>,
        highlight: Option<(f64, f64)>,
        /// Upper limit of the y axis (points above are counted in `hidden`).
        y_max: f64,
        hidden: usize,
    },
}

/// A table with a header row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Everything needed to draw a chart and its table.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSpec {
    /// Short name used in links and file names (`winners-losers`, `deprivation`, …).
    pub id: ChartId,
    /// The question the chart answers.
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub kind: ChartKind,
    pub table: Table,
    /// One sentence saying what the chart shows now, for screen readers and captions.
    pub summary: String,
}

/// The charts of the explorer, in page order (the map is drawn separately): the first of
/// [`ChartId::ALL`]; the rest belong to one area, stories and the history.
pub const CHART_IDS: &[ChartId] = ChartId::ALL.split_at(11).0;

pub(crate) fn money(v: f64) -> String {
    format!("£{v:.2}")
}

pub(crate) fn pct(v: f64) -> String {
    format!("{v:+.2}%")
}

pub(crate) fn count(n: usize) -> String {
    crate::format::count(n as u64)
}

/// Baseline against scenario £ per weighted patient for a list of groups.
pub(crate) fn per_weighted_bars(
    id: ChartId,
    title: &str,
    x_label: &str,
    groups: &[Group],
    label: impl Fn(&Group) -> String,
) -> ChartSpec {
    let categories: Vec<String> = groups.iter().map(&label).collect();
    let baseline: Vec<f64> = groups.iter().map(|g| g.baseline_per_weighted()).collect();
    let scenario: Vec<f64> = groups.iter().map(|g| g.scenario_per_weighted()).collect();
    let rows = groups
        .iter()
        .map(|g| {
            vec![
                label(g),
                count(g.practices),
                crate::format::count(g.registered.round() as u64),
                money(g.baseline_per_weighted()),
                money(g.scenario_per_weighted()),
                pct(g.change_pct()),
            ]
        })
        .collect();
    let (first, last) = (groups.first(), groups.last());
    let summary = match (first, last) {
        (Some(a), Some(b)) => format!(
            "{}: {} per weighted patient in the scenario ({} now); {}: {} ({} now); both {}.",
            label(a),
            money(a.scenario_per_weighted()),
            money(a.baseline_per_weighted()),
            label(b),
            money(b.scenario_per_weighted()),
            money(b.baseline_per_weighted()),
            crate::model::PER_WEIGHTED_YARDSTICK
        ),
        _ => String::new(),
    };
    ChartSpec {
        id,
        title: title.to_string(),
        x_label: x_label.to_string(),
        y_label: "£ per 2022/23 weighted patient".to_string(),
        kind: ChartKind::Bars {
            categories,
            series: vec![
                Series {
                    name: "2022/23 as paid".into(),
                    values: baseline,
                },
                Series {
                    name: "Scenario".into(),
                    values: scenario,
                },
            ],
        },
        table: Table {
            headers: vec![
                x_label.to_string(),
                "Practices".into(),
                "Registered patients".into(),
                "£ per weighted patient, 2022/23".into(),
                "£ per weighted patient, scenario (on the 2022/23 weighted list)".into(),
                "Change in total payments".into(),
            ],
            rows,
        },
        summary,
    }
}

/// A "nice" step for about `target` intervals over `span`.
pub(crate) fn nice_step(span: f64, target: f64) -> f64 {
    let raw = (span / target).max(1e-9);
    let magnitude = 10_f64.powf(raw.log10().floor());
    let residual = raw / magnitude;
    let nice = if residual <= 1.0 {
        1.0
    } else if residual <= 2.0 {
        2.0
    } else if residual <= 2.5 {
        2.5
    } else if residual <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

/// One chart by its id.
pub fn chart(
    id: ChartId,
    dataset: &Dataset,
    o: &Outcome,
    selected: Option<usize>,
) -> Option<ChartSpec> {
    Some(match id {
        ChartId::WinnersLosers => winners_losers(o),
        ChartId::Deprivation => deprivation(o),
        ChartId::DeprivationQuintile => deprivation_quintile(o),
        ChartId::Distribution => distribution(o),
        ChartId::FundingVsDeprivation => funding_vs_deprivation(dataset, o, selected),
        ChartId::Regions => regions(o),
        ChartId::Icbs => icbs(o),
        ChartId::RuralUrban => rural_urban(o),
        ChartId::ListSize => list_size(o),
        ChartId::Councils => councils(o),
        ChartId::Constituencies => constituencies(o),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::nice_step;

    #[test]
    fn nice_steps_are_round_numbers() {
        assert_eq!(nice_step(10.0, 20.0), 0.5);
        assert_eq!(nice_step(1.0, 20.0), 0.05);
        assert_eq!(nice_step(37.0, 20.0), 2.0);
        assert_eq!(nice_step(100.0, 20.0), 5.0);
    }
}
