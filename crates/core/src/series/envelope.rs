//! The envelope story: general practice's share of NHS spending against the target.

use super::{ChartId, ChartKind, ChartSpec, Series, Table};
use crate::model::Outcome;

/// General practice's share of NHS spending against the target, year by year.
pub fn envelope_chart(o: &Outcome) -> Option<ChartSpec> {
    let path = o.envelope.as_ref()?;
    let has_target = path.iter().any(|y| y.target_share > 0.0);
    let mut series = vec![Series {
        name: "General practice's share".into(),
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
        id: ChartId::PrimaryCareShare,
        title: "Does general practice's share of NHS England's spending reach the target?".into(),
        x_label: "Financial year".into(),
        y_label: "Share of NHS England's net expenditure (%)".into(),
        kind: ChartKind::Lines {
            categories: path.iter().map(|y| label(y.year)).collect(),
            series,
        },
        table: Table {
            headers: vec![
                "Year".into(),
                "NHS budget (£bn)".into(),
                "General practice (£bn)".into(),
                "General practice's new money (£bn)".into(),
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
                        format!("{:.3}", y.gp_new_pence as f64 / 1e11),
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
                "{}By {}: {:.2}% of £{:.0}bn{}.",
                paid_sentence(o),
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

/// What the stated year's new money does, in a sentence (empty with no spending path).
fn paid_sentence(o: &Outcome) -> String {
    use crate::scenario::NewMoneyChannel;
    let Some(n) = o.new_money else {
        return String::new();
    };
    let year = format!("{}/{:02}", n.year, (n.year + 1) % 100);
    match n.channel {
        NewMoneyChannel::None => format!(
            "General practice's new money in {year}, {} in 2022/23 prices, is not paid to practices. ",
            crate::format::pounds(n.new_money_pence)
        ),
        channel => format!(
            "General practice's new money in {year}, {} in 2022/23 prices, is paid to practices {}. ",
            crate::format::pounds(n.paid_to_practices_pence),
            if channel == NewMoneyChannel::Networks {
                "through networks"
            } else {
                "per weighted patient"
            }
        ),
    }
}
