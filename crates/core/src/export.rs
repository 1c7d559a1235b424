//! Exports: CSV text of tables and of every practice's results, and file names that say the
//! scenario. Pure functions, so the app and `gpfe` write the same files.

use crate::data::Dataset;
use crate::format::pounds;
use crate::model::Outcome;
use crate::series::Table;

/// Quotes a CSV field when it needs it (commas, quotes, line breaks).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A table as CSV, header first.
pub fn table_csv(table: &Table) -> String {
    let line = |cells: &[String]| {
        cells
            .iter()
            .map(|c| csv_field(c))
            .collect::<Vec<_>>()
            .join(",")
    };
    let mut out = line(&table.headers);
    out.push('\n');
    for row in &table.rows {
        out += &line(row);
        out.push('\n');
    }
    out
}

/// Every practice's results as CSV.
pub fn practices_csv(d: &Dataset, o: &Outcome) -> String {
    let mut out = String::from("code,name,icb,registered_patients,weighted_baseline,weighted_scenario,total_baseline,total_scenario,change,change_pct,imd_decile\n");
    for (p, r) in d.practices.iter().zip(&o.practices) {
        out += &format!(
            "{},{},{},{:.2},{:.2},{:.2},{},{},{},{:.4},{}\n",
            csv_field(&p.code),
            csv_field(&p.name),
            csv_field(
                &d.icbs
                    .get(p.icb)
                    .map(|i| i.name.clone())
                    .unwrap_or_default()
            ),
            r.registered_scenario,
            r.weighted_baseline,
            r.weighted_scenario,
            pounds(r.total_baseline_pence).replace(['£', ','], ""),
            pounds(r.total_scenario_pence).replace(['£', ','], ""),
            pounds(r.change_pence()).replace(['£', ','], ""),
            r.change_pct(),
            r.imd_decile
        );
    }
    out
}

/// A file name that says what and which scenario: `gp-funding-{what}-{scenario}.{extension}`,
/// with the query string's keys and values, or `baseline`.
pub fn file_name(what: &str, query: &str, extension: &str) -> String {
    let scenario: String = if query.is_empty() {
        "baseline".to_string()
    } else {
        query
            .trim_start_matches("v=1&")
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' {
                    c
                } else {
                    '-'
                }
            })
            .collect()
    };
    let scenario: String = scenario.chars().take(120).collect();
    format!("gp-funding-{what}-{scenario}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_and_quotes_are_quoted() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        let t = Table {
            headers: vec!["Area".into(), "Change".into()],
            rows: vec![vec!["North, East".into(), "+1.00%".into()]],
        };
        assert_eq!(table_csv(&t), "Area,Change\n\"North, East\",+1.00%\n");
    }

    #[test]
    fn file_names_say_the_scenario() {
        assert_eq!(
            file_name("deprivation", "", "png"),
            "gp-funding-deprivation-baseline.png"
        );
        assert_eq!(
            file_name("practices", "v=1&ns=0.5&qof=1", "csv"),
            "gp-funding-practices-ns-0.5-qof-1.csv"
        );
    }
}
