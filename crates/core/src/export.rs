//! Exports: CSV text of tables and of every practice's results, and file names that say the
//! scenario. Pure functions, so the app and `gpfe` write the same files.

use crate::data::Dataset;
use crate::format::pounds;
use crate::model::Outcome;
use crate::series::Table;

/// Writes CSV records with the `csv` crate (fields quoted only when they need it), into a string.
fn write_csv<R>(records: R) -> String
where
    R: IntoIterator,
    R::Item: IntoIterator,
    <R::Item as IntoIterator>::Item: AsRef<[u8]>,
{
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for record in records {
        // Writing to memory cannot fail; a record that somehow did would be left out rather
        // than end the export.
        let _ = writer.write_record(record);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A table as CSV, header first.
pub fn table_csv(table: &Table) -> String {
    write_csv(std::iter::once(&table.headers).chain(&table.rows))
}

/// A sum of pence as plain pounds for a file (`-1234.50`, no £ or separators).
fn plain_pounds(pence: i64) -> String {
    pounds(pence).replace(['£', ','], "")
}

/// The header of [`practices_csv`].
pub const PRACTICES_CSV_HEADER: [&str; 11] = [
    "code",
    "name",
    "icb",
    "registered_patients",
    "weighted_baseline",
    "weighted_scenario",
    "total_baseline",
    "total_scenario",
    "change",
    "change_pct",
    "imd_decile",
];

/// Every practice's results as CSV.
pub fn practices_csv(d: &Dataset, o: &Outcome) -> String {
    let header = PRACTICES_CSV_HEADER.map(String::from).to_vec();
    let rows = d.practices.iter().zip(&o.practices).map(|(p, r)| {
        vec![
            p.code.clone(),
            p.name.clone(),
            d.icbs
                .get(p.icb)
                .map(|i| i.name.clone())
                .unwrap_or_default(),
            format!("{:.2}", r.registered_scenario),
            format!("{:.2}", r.weighted_baseline),
            format!("{:.2}", r.weighted_scenario),
            plain_pounds(r.total_baseline_pence),
            plain_pounds(r.total_scenario_pence),
            plain_pounds(r.change_pence()),
            format!("{:.4}", r.change_pct()),
            r.imd_decile.to_string(),
        ]
    });
    write_csv(std::iter::once(header).chain(rows))
}

/// A file name that says what and which scenario: `gp-funding-{what}-{scenario}.{extension}`,
/// with the query string's keys and values, or `baseline`.
pub fn file_name(what: impl AsRef<str>, query: &str, extension: &str) -> String {
    let what = what.as_ref();
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
    fn fields_with_commas_quotes_and_line_breaks_are_quoted() {
        let t = Table {
            headers: vec!["Area".into(), "Change".into()],
            rows: vec![
                vec!["North, East".into(), "+1.00%".into()],
                vec!["say \"hi\"".into(), "two\nlines".into()],
                vec!["plain".into(), "-0.50%".into()],
            ],
        };
        assert_eq!(
            table_csv(&t),
            "Area,Change\n\"North, East\",+1.00%\n\"say \"\"hi\"\"\",\"two\nlines\"\nplain,-0.50%\n"
        );
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
