//! A chart of B against A: the same chart made from an outcome of B against A (see
//! [`crate::model::compare()`]), its words changed to say so. The numbers are the chart's own.

use super::{ChartKind, ChartSpec};

/// What a chart's words say instead when its outcome is B against A, in the order they are
/// replaced.
const WORDS: [(&str, &str); 6] = [
    ("2022/23 as paid", "A"),
    (
        "scenario (on the 2022/23 weighted list)",
        "B (on the 2022/23 weighted list)",
    ),
    (", 2022/23", ", A"),
    (", scenario", ", B"),
    (" in the scenario (", " under B ("),
    (" now)", " under A)"),
];

fn reword(text: &str) -> String {
    WORDS
        .iter()
        .fold(text.to_string(), |t, (from, to)| t.replace(from, to))
}

/// The chart `spec`, made from an outcome of B against A, in words that say so: its title and
/// summary begin "B against A", its change axis is the change from A to B, its series and
/// table columns are A and B rather than 2022/23 and the scenario.
pub fn b_against_a(mut spec: ChartSpec) -> ChartSpec {
    spec.title = format!("B against A: {}", spec.title);
    spec.summary = format!("B against A: {}", reword(&spec.summary));
    for label in [&mut spec.x_label, &mut spec.y_label] {
        if label.starts_with("Change") {
            *label = format!("{label}, B against A");
        }
    }
    spec.table.headers = spec.table.headers.iter().map(|h| reword(h)).collect();
    match &mut spec.kind {
        ChartKind::Bars { series, .. } | ChartKind::Lines { series, .. } => {
            for s in series {
                s.name = reword(&s.name);
                if s.name == "Scenario" {
                    s.name = "B".into();
                }
            }
        }
        _ => {}
    }
    spec
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::{chart, CHART_IDS};
    use crate::test_data::{dataset, outcome};

    #[test]
    fn every_chart_of_b_against_a_says_so_and_keeps_its_numbers() {
        let (a, b) = (outcome("preset=age-only"), outcome("preset=need-index"));
        let c = crate::model::compare(&a, &b).unwrap();
        for &id in CHART_IDS {
            let plain = chart(id, dataset(), &c, None).unwrap();
            let spec = b_against_a(plain.clone());
            assert!(spec.title.starts_with("B against A: "), "{id:?}");
            assert_eq!(spec.table.rows, plain.table.rows, "{id:?}");
            let words = [
                spec.x_label.as_str(),
                spec.y_label.as_str(),
                spec.summary.as_str(),
            ]
            .into_iter()
            .chain(spec.table.headers.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" | ");
            assert!(
                !words.to_lowercase().contains("scenario") && !words.contains(" now"),
                "{id:?}: {words}"
            );
            if let (ChartKind::Bars { series, .. }, ChartKind::Bars { series: before, .. }) =
                (&spec.kind, &plain.kind)
            {
                let names = |s: &[crate::series::Series]| {
                    s.iter().map(|s| s.name.clone()).collect::<Vec<_>>()
                };
                if names(before) == ["2022/23 as paid", "Scenario"] {
                    assert_eq!(names(series), ["A", "B"], "{id:?}");
                } else {
                    assert_eq!(names(series), names(before), "{id:?}");
                }
            }
        }
        // The quintile chart's bars are A's and B's money per weighted patient.
        let spec = b_against_a(
            chart(
                crate::series::ChartId::DeprivationQuintile,
                dataset(),
                &c,
                None,
            )
            .unwrap(),
        );
        let ChartKind::Bars { series, .. } = &spec.kind else {
            panic!("bars");
        };
        assert_eq!(
            series[0].values[4],
            a.by_imd_quintile[4].scenario_per_weighted()
        );
        assert_eq!(
            series[1].values[4],
            b.by_imd_quintile[4].scenario_per_weighted()
        );
    }
}
