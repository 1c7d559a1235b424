//! Lever by lever: a group's change split among the settings moved, as a waterfall.

use super::{ChartId, ChartKind, ChartSpec, Table};
use crate::format::pounds;
use crate::levers::Waterfall;

/// `text` with its first letter in capitals.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The waterfall of `w` for the group called `group` ("the most deprived fifth", "England").
pub fn levers_chart(w: &Waterfall, group: &str) -> ChartSpec {
    let m = |p: i64| p as f64 / 1e8;
    let share = |p: i64| {
        if w.change_pence != 0 {
            format!("{:+.1}%", 100.0 * p as f64 / w.change_pence as f64)
        } else {
            "-".into()
        }
    };
    let how = if w.exact {
        "every order of the settings averaged".to_string()
    } else {
        format!(
            "{} orders of the settings sampled",
            crate::levers::SAMPLED_ORDERS
        )
    };
    let mut rows: Vec<Vec<String>> = w
        .shares
        .iter()
        .map(|s| {
            vec![
                s.label.to_string(),
                s.key.to_string(),
                pounds(s.pence),
                share(s.pence),
            ]
        })
        .collect();
    rows.push(vec![
        "Total change".into(),
        String::new(),
        pounds(w.change_pence),
        share(w.change_pence),
    ]);
    let biggest = w.shares.first();
    ChartSpec {
        id: ChartId::Levers,
        title: format!("Which settings make the change for {group}?"),
        x_label: "Change, £ million a year".into(),
        y_label: String::new(),
        kind: ChartKind::Waterfall {
            steps: w.shares.iter().map(|s| s.label.to_string()).collect(),
            values: w.shares.iter().map(|s| m(s.pence)).collect(),
            total_label: "Total change".into(),
        },
        table: Table {
            headers: vec![
                "Setting".into(),
                "Key".into(),
                "Its share of the change".into(),
                "Of the total".into(),
            ],
            rows,
        },
        summary: match biggest {
            Some(b) => format!(
                "{} changes by {} a year; the largest share, {}, comes from {} (shares split fairly, {how}).",
                capitalised(group),
                pounds(w.change_pence),
                pounds(b.pence),
                b.label
            ),
            None => format!("No setting is moved: {group} does not change."),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::levers::{waterfall, Target};
    use crate::scenario::Scenario;
    use crate::test_data::{model, outcome};

    #[test]
    fn the_waterfalls_steps_and_table_add_up_to_the_total() {
        let query = "v=1&an=0.5&dep=0.1";
        let w = waterfall(
            model(),
            &Scenario::from_query(query).unwrap(),
            &outcome(query),
            Target::Quintile(5),
        )
        .unwrap();
        let spec = levers_chart(&w, "the most deprived fifth");
        let ChartKind::Waterfall { steps, values, .. } = &spec.kind else {
            panic!("a waterfall");
        };
        assert_eq!(steps.len(), 2);
        let total: f64 = values.iter().sum();
        assert!((total - w.change_pence as f64 / 1e8).abs() < 1e-9);
        assert_eq!(spec.table.rows.len(), 3);
        assert_eq!(spec.table.rows[2][2], pounds(w.change_pence));
        assert!(
            spec.summary.contains(&pounds(w.change_pence)),
            "{}",
            spec.summary
        );
    }
}
