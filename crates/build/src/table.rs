//! Reading the raw CSV files with errors that name the file, line and column.

use super::BuildError;
use csv::StringRecord;
use std::io::Read;
use std::path::Path;

/// A whole CSV file in memory, with its header.
pub struct Table {
    pub file: String,
    headers: Vec<String>,
    rows: Vec<(u64, StringRecord)>,
}

/// One data row of a [`Table`].
#[derive(Clone, Copy)]
pub struct Row<'a> {
    table: &'a Table,
    line: u64,
    record: &'a StringRecord,
}

/// Largest raw file the builder accepts (the biggest real one is 25 MB unpacked).
const MAX_BYTES: u64 = 256 * 1024 * 1024;

impl Table {
    /// Reads `dir/name` (gunzipping a `.gz`), strips a UTF-8 byte-order mark, and checks that
    /// every column in `required` is present.
    pub fn read(dir: &Path, name: &str, required: &[&str]) -> Result<Table, BuildError> {
        let path = dir.join(name);
        let file_error = |message: String| BuildError {
            file: name.to_string(),
            line: None,
            column: None,
            message,
        };
        let raw = std::fs::File::open(&path)
            .map_err(|e| file_error(format!("cannot open {}: {e}", path.display())))?;
        let mut bytes = Vec::new();
        let reader: Box<dyn Read> = if name.ends_with(".gz") {
            Box::new(flate2::read::GzDecoder::new(raw))
        } else {
            Box::new(raw)
        };
        reader
            .take(MAX_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| file_error(format!("cannot read {}: {e}", path.display())))?;
        if bytes.len() as u64 > MAX_BYTES {
            return Err(file_error(format!(
                "is larger than {} MB",
                MAX_BYTES / 1024 / 1024
            )));
        }
        let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let breaks = gpfe_core::data::import::newlines(text);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(text);
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| file_error(format!("cannot read the header: {e}")))?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        if headers.iter().all(|h| h.is_empty()) {
            return Err(file_error("is empty (no header row)".to_string()));
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| BuildError {
                file: name.to_string(),
                line: e
                    .position()
                    .map(|p| gpfe_core::data::import::line_at(&breaks, p.byte())),
                column: None,
                message: format!("is not well-formed CSV: {e}"),
            })?;
            let line = record
                .position()
                .map(|p| gpfe_core::data::import::line_at(&breaks, p.byte()))
                .unwrap_or(0);
            rows.push((line, record));
        }
        let table = Table {
            file: name.to_string(),
            headers,
            rows,
        };
        for column in required {
            table.column(column)?;
        }
        Ok(table)
    }

    /// The index of a column by its heading.
    pub fn column(&self, heading: &str) -> Result<usize, BuildError> {
        self.headers
            .iter()
            .position(|h| h == heading)
            .ok_or_else(|| BuildError {
                file: self.file.clone(),
                line: Some(1),
                column: Some(heading.to_string()),
                message: "this column is missing from the header".to_string(),
            })
    }

    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(move |(line, record)| Row {
            table: self,
            line: *line,
            record,
        })
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

impl<'a> Row<'a> {
    /// The 1-based line of this row in its file.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The trimmed text of a cell.
    pub fn text(&self, column: usize) -> &'a str {
        self.record.get(column).unwrap_or("").trim()
    }

    /// An error about one cell of this row.
    pub fn error(&self, column: usize, message: impl Into<String>) -> BuildError {
        BuildError {
            file: self.table.file.clone(),
            line: Some(self.line),
            column: Some(
                self.table
                    .headers
                    .get(column)
                    .cloned()
                    .unwrap_or_else(|| format!("#{}", column + 1)),
            ),
            message: message.into(),
        }
    }

    /// A decimal with at most two places, as a whole number of hundredths (pence, or hundredths
    /// of a patient). Parsed exactly, without floating point.
    pub fn hundredths(&self, column: usize) -> Result<i64, BuildError> {
        let text = self.text(column);
        parse_hundredths(text).ok_or_else(|| {
            self.error(
                column,
                format!("'{text}' is not a number with at most two decimal places"),
            )
        })
    }

    /// A decimal with any number of places, rounded half to even to hundredths (for values
    /// published with more precision than a hundredth means, such as some weighted lists).
    pub fn hundredths_rounded(&self, column: usize) -> Result<i64, BuildError> {
        let text = self.text(column);
        if let Some(v) = parse_hundredths(text) {
            return Ok(v);
        }
        text.parse::<rust_decimal::Decimal>()
            .ok()
            .filter(|_| {
                text.bytes()
                    .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
            })
            .and_then(|mut d| {
                d.rescale(2);
                i64::try_from(d.mantissa()).ok()
            })
            .ok_or_else(|| self.error(column, format!("'{text}' is not a number")))
    }

    /// A finite number.
    pub fn number(&self, column: usize) -> Result<f64, BuildError> {
        let text = self.text(column);
        text.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| self.error(column, format!("'{text}' is not a number")))
    }

    /// A finite number, or `None` for an empty cell or `NA`.
    pub fn optional_number(&self, column: usize) -> Result<Option<f64>, BuildError> {
        match self.text(column) {
            "" | "NA" => Ok(None),
            _ => self.number(column).map(Some),
        }
    }

    /// A whole number of patients.
    pub fn count(&self, column: usize) -> Result<u64, BuildError> {
        let text = self.text(column);
        text.parse::<u64>()
            .map_err(|_| self.error(column, format!("'{text}' is not a whole number")))
    }
}

/// Parses `-123.4`, `56`, `0.07` into hundredths; `None` for anything else (including more
/// than two decimal places, which would lose a fraction of a penny).
pub fn parse_hundredths(text: &str) -> Option<i64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, f),
        None => (digits, ""),
    };
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    if fraction.len() > 2
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
        || whole.len() > 15
    {
        return None;
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let mut fraction_value: i64 = if fraction.is_empty() {
        0
    } else {
        fraction.parse().ok()?
    };
    if fraction.len() == 1 {
        fraction_value *= 10;
    }
    let value = whole.checked_mul(100)?.checked_add(fraction_value)?;
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::parse_hundredths;

    #[test]
    fn hundredths_are_parsed_exactly() {
        assert_eq!(parse_hundredths("8450321.31"), Some(845_032_131));
        assert_eq!(parse_hundredths("109484.5"), Some(10_948_450));
        assert_eq!(parse_hundredths("-175437.57"), Some(-17_543_757));
        assert_eq!(parse_hundredths("0"), Some(0));
        assert_eq!(parse_hundredths(".5"), Some(50));
        assert_eq!(parse_hundredths("12."), Some(1_200));
    }

    #[test]
    fn anything_else_is_rejected() {
        for bad in [
            "", "-", ".", "1.234", "1e5", "£12", "12,000", "NA", " 1", "--1", "1.-2",
        ] {
            assert_eq!(parse_hundredths(bad), None, "{bad:?}");
        }
        assert_eq!(parse_hundredths("9999999999999999"), None);
    }
}
