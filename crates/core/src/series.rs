//! What each chart shows, prepared from an outcome: plain data with a title, axis labels and a
//! table alternative. Drawing is the UI's job; choosing and shaping the numbers is done here,
//! natively testable.

use crate::data::Dataset;
use crate::model::{metrics::per, Group, Model, Outcome, BINS};

mod map;
pub use map::{
    diverging_colour, diverging_edges, diverging_label, icb_map, map_edges, practice_dots, MapArea,
    MapDot, DIVERGING,
};

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
    pub id: &'static str,
    /// The question the chart answers.
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub kind: ChartKind,
    pub table: Table,
    /// One sentence saying what the chart shows now, for screen readers and captions.
    pub summary: String,
}

/// The charts of the explorer, in page order (the map is drawn separately).
pub const CHART_IDS: [&str; 9] = [
    "winners-losers",
    "deprivation",
    "deprivation-quintile",
    "distribution",
    "funding-vs-deprivation",
    "regions",
    "icbs",
    "rural-urban",
    "list-size",
];

fn money(v: f64) -> String {
    format!("£{v:.2}")
}

fn pct(v: f64) -> String {
    format!("{v:+.2}%")
}

fn count(n: usize) -> String {
    crate::format::count(n as u64)
}

/// Baseline against scenario £ per weighted patient for a list of groups.
fn per_weighted_bars(
    id: &'static str,
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
            "{}: {} per weighted patient in the scenario ({} now); {}: {} ({} now).",
            label(a),
            money(a.scenario_per_weighted()),
            money(a.baseline_per_weighted()),
            label(b),
            money(b.scenario_per_weighted()),
            money(b.baseline_per_weighted())
        ),
        _ => String::new(),
    };
    ChartSpec {
        id,
        title: title.to_string(),
        x_label: x_label.to_string(),
        y_label: "£ per weighted patient".to_string(),
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
                "£ per weighted patient, scenario".into(),
                "Change in total payments".into(),
            ],
            rows,
        },
        summary,
    }
}

/// Change in total payments by area, sorted from the largest gain to the largest loss.
fn change_by_area(id: &'static str, title: &str, what: &str, groups: &[Group]) -> ChartSpec {
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

/// Share of practices and of patients in each winners-and-losers bin.
pub fn winners_losers(o: &Outcome) -> ChartSpec {
    let practices: usize = o.winners_losers.iter().map(|b| b.practices).sum();
    let patients: f64 = o.winners_losers.iter().map(|b| b.patients).sum();
    let share = |part: f64, whole: f64| {
        if whole > 0.0 {
            part / whole * 100.0
        } else {
            0.0
        }
    };
    let practice_share: Vec<f64> = o
        .winners_losers
        .iter()
        .map(|b| share(b.practices as f64, practices as f64))
        .collect();
    let patient_share: Vec<f64> = o
        .winners_losers
        .iter()
        .map(|b| share(b.patients, patients))
        .collect();
    let rows = BINS
        .iter()
        .zip(&o.winners_losers)
        .zip(practice_share.iter().zip(&patient_share))
        .map(|((label, b), (ps, pp))| {
            vec![
                label.to_string(),
                count(b.practices),
                format!("{ps:.1}%"),
                crate::format::count(b.patients.round() as u64),
                format!("{pp:.1}%"),
            ]
        })
        .collect();
    let gain = o.winners_losers[0].practices + o.winners_losers[1].practices;
    let lose = o.winners_losers[3].practices + o.winners_losers[4].practices;
    ChartSpec {
        id: "winners-losers",
        title: "How many practices, and how many patients, gain or lose?".into(),
        x_label: "Change in the practice's total NHS payments".into(),
        y_label: "Share (%)".into(),
        kind: ChartKind::Bars {
            categories: BINS.iter().map(|b| b.to_string()).collect(),
            series: vec![
                Series {
                    name: "Share of practices".into(),
                    values: practice_share,
                },
                Series {
                    name: "Share of patients".into(),
                    values: patient_share,
                },
            ],
        },
        table: Table {
            headers: vec![
                "Change".into(),
                "Practices".into(),
                "Share of practices".into(),
                "Registered patients".into(),
                "Share of patients".into(),
            ],
            rows,
        },
        summary: format!(
            "{} practices gain at least 0.1%, {} lose at least 0.1%, {} change by less.",
            count(gain),
            count(lose),
            count(o.winners_losers[2].practices)
        ),
    }
}

/// £ per weighted patient by IMD decile.
pub fn deprivation(o: &Outcome) -> ChartSpec {
    per_weighted_bars(
        "deprivation",
        "Do practices in deprived areas get less per weighted patient?",
        "IMD decile (1 = least deprived)",
        &o.by_imd_decile,
        |g| g.code.to_string(),
    )
}

/// £ per weighted patient by IMD quintile.
pub fn deprivation_quintile(o: &Outcome) -> ChartSpec {
    per_weighted_bars(
        "deprivation-quintile",
        "How does money per weighted patient change from the least to the most deprived fifth?",
        "IMD quintile (1 = least deprived)",
        &o.by_imd_quintile,
        |g| g.code.to_string(),
    )
}

/// Rural against urban.
pub fn rural_urban(o: &Outcome) -> ChartSpec {
    per_weighted_bars(
        "rural-urban",
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
        "list-size",
        "Do small and large practices fare differently?",
        "Registered patients",
        &groups,
        |g| g.name.to_string(),
    )
}

/// Change by NHS region.
pub fn regions(o: &Outcome) -> ChartSpec {
    change_by_area(
        "regions",
        "Which regions gain and which lose?",
        "NHS England region",
        &o.by_region,
    )
}

/// Change by ICB.
pub fn icbs(o: &Outcome) -> ChartSpec {
    change_by_area(
        "icbs",
        "Which integrated care boards gain and which lose?",
        "Integrated care board",
        &o.by_icb,
    )
}

/// A "nice" step for about `target` intervals over `span`.
fn nice_step(span: f64, target: f64) -> f64 {
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

/// Distribution of the practice-level % change.
pub fn distribution(o: &Outcome) -> ChartSpec {
    let mut changes: Vec<f64> = o
        .practices
        .iter()
        .filter(|p| p.total_baseline_pence > 0 && p.weighted_baseline > 0.0)
        .map(|p| p.change_pct())
        .collect();
    changes.sort_by(|a, b| a.total_cmp(b));
    let quantile = |q: f64| {
        if changes.is_empty() {
            0.0
        } else {
            changes[((changes.len() - 1) as f64 * q).round() as usize]
        }
    };
    // Cover the middle 98% of practices; the ends collect the rest.
    let (lo, hi) = (quantile(0.01).min(-0.5), quantile(0.99).max(0.5));
    let step = nice_step(hi - lo, 20.0);
    let start = (lo / step).floor() * step;
    let bins = (((hi - start) / step).ceil() as usize).clamp(1, 60);
    let edges: Vec<f64> = (0..=bins).map(|i| start + step * i as f64).collect();
    let mut counts = vec![0.0; bins];
    for c in &changes {
        let i = (((c - start) / step).floor().max(0.0) as usize).min(bins - 1);
        counts[i] += 1.0;
    }
    let rows = (0..bins)
        .map(|i| {
            let label = if i == 0 {
                format!("below {:.2}%", edges[1])
            } else if i == bins - 1 {
                format!("{:.2}% or more", edges[i])
            } else {
                format!("{:.2}% to {:.2}%", edges[i], edges[i + 1])
            };
            vec![label, count(counts[i] as usize)]
        })
        .collect();
    ChartSpec {
        id: "distribution",
        title: "How is the change spread across practices?".into(),
        x_label: "Change in total payments (%)".into(),
        y_label: "Practices".into(),
        kind: ChartKind::Histogram {
            edges,
            counts,
            band: None,
        },
        table: Table {
            headers: vec!["Change".into(), "Practices".into()],
            rows,
        },
        summary: format!(
            "Half the practices change by between {} and {}.",
            pct(quantile(0.25)),
            pct(quantile(0.75))
        ),
    }
}

/// £ per registered patient against IMD score, one point per practice.
pub fn funding_vs_deprivation(
    dataset: &Dataset,
    model: &Model,
    o: &Outcome,
    selected: Option<usize>,
) -> ChartSpec {
    let registered = &model.inputs.registered;
    let mut points: Vec<(f64, f64)> = Vec::with_capacity(o.practices.len());
    let mut indices = Vec::with_capacity(o.practices.len());
    for (i, (p, r)) in dataset.practices.iter().zip(&o.practices).enumerate() {
        // Lists under 500 patients give per-patient figures that say more about the list than
        // the funding; they are left out.
        if registered[i] >= 500.0 {
            points.push((p.imd_score, per(r.total_scenario_pence, registered[i])));
            indices.push(i);
        }
    }
    let mut ys: Vec<f64> = points.iter().map(|p| p.1).collect();
    ys.sort_by(|a, b| a.total_cmp(b));
    let y_max = ys
        .get(((ys.len().max(1) - 1) as f64 * 0.995) as usize)
        .copied()
        .unwrap_or(1.0)
        .max(1.0);
    let hidden = points.iter().filter(|p| p.1 > y_max).count();
    let highlight = selected.and_then(|s| indices.iter().position(|&i| i == s).map(|k| points[k]));
    let mut deciles: Vec<Vec<String>> = o
        .by_imd_decile
        .iter()
        .map(|g| {
            vec![
                g.name.to_string(),
                count(g.practices),
                money(g.baseline_per_registered()),
                money(g.scenario_per_registered()),
            ]
        })
        .collect();
    let chosen = selected.and_then(|s| {
        Some((
            dataset.practices.get(s)?,
            o.practices.get(s)?,
            *registered.get(s)?,
        ))
    });
    if let Some((p, r, registered)) = chosen {
        let (b, sc) = r.per_registered(registered);
        deciles.push(vec![
            format!("Selected: {} ({})", p.name, p.code),
            "1".into(),
            money(b),
            money(sc),
        ]);
    }
    ChartSpec {
        id: "funding-vs-deprivation",
        title: "Does funding per patient follow deprivation?".into(),
        x_label: "IMD 2019 score of the practice's patients (higher = more deprived)".into(),
        y_label: "£ per registered patient".into(),
        kind: ChartKind::Scatter {
            points,
            highlight,
            y_max: y_max * 1.05,
            hidden,
        },
        table: Table {
            headers: vec![
                "IMD decile".into(),
                "Practices".into(),
                "£ per registered patient, 2022/23".into(),
                "£ per registered patient, scenario".into(),
            ],
            rows: deciles,
        },
        summary: format!(
            "One dot per practice with 500 or more patients; {} practices above £{:.0} per patient are off the top of the chart.",
            count(hidden),
            y_max * 1.05
        ),
    }
}

/// One chart by its id.
pub fn chart(
    id: &str,
    dataset: &Dataset,
    model: &Model,
    o: &Outcome,
    selected: Option<usize>,
) -> Option<ChartSpec> {
    Some(match id {
        "winners-losers" => winners_losers(o),
        "deprivation" => deprivation(o),
        "deprivation-quintile" => deprivation_quintile(o),
        "distribution" => distribution(o),
        "funding-vs-deprivation" => funding_vs_deprivation(dataset, model, o, selected),
        "regions" => regions(o),
        "icbs" => icbs(o),
        "rural-urban" => rural_urban(o),
        "list-size" => list_size(o),
        _ => return None,
    })
}

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
        id: "network-sizes",
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
        |id: &'static str,
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
        id: "history-lists",
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
        id: "history-gp-at-hand",
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
            "history-per-registered",
            "Has money per registered patient followed deprivation over the years?",
            "£ per registered patient",
            &|y| y.per_registered_by_quintile,
        ),
        by_quintile(
            "history-per-weighted",
            "Has money per weighted patient followed deprivation over the years?",
            "£ per weighted patient",
            &|y| y.per_weighted_by_quintile,
        ),
        lists,
        gp_at_hand,
    ]
}

/// Savings and reinvestment per year over five years.
pub fn savings_chart(o: &Outcome) -> Option<ChartSpec> {
    let s = o.savings.as_ref()?;
    let million = |p: i64| p as f64 / 100.0 / 1e6;
    Some(ChartSpec {
        id: "savings",
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

/// General practice's share of NHS spending against the target, year by year.
pub fn envelope_chart(o: &Outcome) -> Option<ChartSpec> {
    let path = o.envelope.as_ref()?;
    let has_target = path.iter().any(|y| y.target_share > 0.0);
    let mut series = vec![Series {
        name: "Share of NHS spending on general practice".into(),
        values: path.iter().map(|y| y.share * 100.0).collect(),
    }];
    if has_target {
        series.push(Series {
            name: "Target path".into(),
            values: path.iter().map(|y| y.target_share * 100.0).collect(),
        });
    }
    let label = |y: u32| format!("{y}/{:02}", (y + 1) % 100);
    Some(ChartSpec {
        id: "primary-care-share",
        title: "Does general practice's share of NHS spending reach the target?".into(),
        x_label: "Financial year".into(),
        y_label: "Share of NHS spending (%)".into(),
        kind: ChartKind::Lines {
            categories: path.iter().map(|y| label(y.year)).collect(),
            series,
        },
        table: Table {
            headers: vec![
                "Year".into(),
                "NHS budget (£bn)".into(),
                "General practice (£bn)".into(),
                "Share".into(),
                "Target".into(),
                "Extra needed (£bn)".into(),
            ],
            rows: path
                .iter()
                .map(|y| {
                    vec![
                        label(y.year),
                        format!("{:.1}", y.nhs_bn),
                        format!("{:.2}", y.gp_bn),
                        format!("{:.2}%", y.share * 100.0),
                        if has_target {
                            format!("{:.2}%", y.target_share * 100.0)
                        } else {
                            "-".into()
                        },
                        format!("{:.2}", y.extra_needed_bn),
                    ]
                })
                .collect(),
        },
        summary: match path.last() {
            Some(y) => format!(
                "By {}: {:.2}% of £{:.0}bn{}.",
                label(y.year),
                y.share * 100.0,
                y.nhs_bn,
                if has_target {
                    format!(
                        " against a target of {:.2}%: £{:.2}bn more a year needed",
                        y.target_share * 100.0,
                        y.extra_needed_bn
                    )
                } else {
                    String::new()
                }
            ),
            None => String::new(),
        },
    })
}

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
        id: "budget-holder",
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
