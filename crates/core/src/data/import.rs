//! A user's own payments file, in the NHS Payments to General Practice layout (any year's column
//! set from 2014/15 to 2022/23), read in the browser: it never leaves it. Practices found in the
//! built-in dataset keep their age profile, deprivation, location and areas; others take
//! England's profile and mean deprivation and are flagged. Every problem is reported with its line
//! and column, and nothing is replaced unless the whole file reads.

use super::{
    AgeSource, Area, BuildReport, Dataset, FundingLineKey, ImdSource, JoinReport, Practice,
    FUNDING_LINES, FUNDING_LINE_COUNT, HEADLINE_FUNDING_LINE_COUNT, PAYMENT_LINES,
};
use rust_decimal::Decimal;
use std::fmt;
use std::sync::Arc;

/// The largest file accepted.
pub const MAX_BYTES: usize = 32 * 1024 * 1024;
/// The largest amount accepted for one practice, in pence (£1bn; England paid all practices
/// £11bn in 2022/23). Larger figures are mistakes, and beyond 2^53 pence sums lose pennies.
const MAX_PENCE: u64 = 100_000_000_000;
/// The most patients accepted for one practice, in hundredths (10 million patients).
const MAX_PATIENTS: u64 = 1_000_000_000;
/// The most practices accepted in one file (England has had fewer than 8,000 in any year).
const MAX_PRACTICES: usize = 20_000;
/// Problems reported before reading stops.
const MAX_PROBLEMS: usize = 20;

const CODE: &str = "Practice Code";
const NAME: &str = "Practice Name";
const REGISTERED: &str = "Number of Registered Patients (Last Known Figure)";
const WEIGHTED: &str = "Number of Weighted Patients (Last Known Figure)";
const TOTAL: &str = "Total NHS Payments to General Practice";

/// One problem with the file, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line, where known.
    pub line: Option<u64>,
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}")?;
            if self.column.is_some() {
                write!(f, ", ")?;
            } else {
                write!(f, ": ")?;
            }
        }
        if let Some(column) = &self.column {
            write!(f, "column '{column}': ")?;
        }
        write!(f, "{}", self.message)
    }
}

fn problem(line: Option<u64>, column: Option<&str>, message: impl Into<String>) -> Problem {
    Problem {
        line,
        column: column.map(str::to_string),
        message: message.into(),
    }
}

/// The 1-based line a byte offset falls on, given the offsets of every line break. (The CSV
/// reader's own line count differs between files with LF and CRLF line ends.)
pub fn line_at(newlines: &[usize], byte: u64) -> u64 {
    // With CRLF line ends the reader reports a record as starting on the '\n' before it, so a
    // break at the offset itself belongs to the previous line.
    newlines.partition_point(|&n| (n as u64) <= byte) as u64 + 1
}

/// The offsets of every line break in `text`.
pub fn newlines(text: &[u8]) -> Vec<usize> {
    text.iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i)
        .collect()
}

/// Parses a decimal into hundredths (pence, hundredths of a patient), rounding half to even
/// beyond two places.
fn hundredths(text: &str) -> Option<i64> {
    let text = text.trim();
    if text.is_empty()
        || !text
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
    {
        return None;
    }
    let mut d: Decimal = text.parse().ok()?;
    d.rescale(2);
    i64::try_from(d.mantissa()).ok()
}

/// Reads a payments file. `name` is the file's name, for the report.
pub fn import_payments(name: &str, bytes: &[u8], base: &Dataset) -> Result<Dataset, Vec<Problem>> {
    if bytes.is_empty() {
        return Err(vec![problem(None, None, "the file is empty")]);
    }
    if bytes.len() > MAX_BYTES {
        return Err(vec![problem(
            None,
            None,
            format!(
                "the file is {:.1} MB; the largest accepted is {} MB",
                bytes.len() as f64 / 1e6,
                MAX_BYTES / 1024 / 1024
            ),
        )]);
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if text.contains(&0) || std::str::from_utf8(text).is_err() {
        return Err(vec![problem(
            None,
            None,
            "this is not a CSV text file (it holds bytes that are not text)",
        )]);
    }
    let breaks = newlines(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text);
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|h| h.trim().to_string()).collect(),
        Err(e) => {
            return Err(vec![problem(
                Some(1),
                None,
                format!("the header cannot be read: {e}"),
            )])
        }
    };
    let column = |h: &str| headers.iter().position(|x| x == h);
    let missing: Vec<Problem> = [CODE, REGISTERED, TOTAL]
        .iter()
        .filter(|h| column(h).is_none())
        .map(|h| problem(Some(1), Some(h), "this column is missing: the file is not in the NHS Payments to General Practice layout"))
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let (code, registered, total) = (
        column(CODE).unwrap_or(0),
        column(REGISTERED).unwrap_or(0),
        column(TOTAL).unwrap_or(0),
    );
    let (name_column, weighted) = (column(NAME), column(WEIGHTED));
    let line_columns: Vec<Option<usize>> = PAYMENT_LINES.iter().map(|l| column(l.column)).collect();

    struct Row {
        code: String,
        name: Option<String>,
        registered: i64,
        weighted: Option<i64>,
        total: i64,
        payments: Vec<i64>,
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    // The line each practice code was first seen on: a practice named twice would be counted
    // twice, so the second naming is refused with both lines.
    let mut first_seen: std::collections::HashMap<String, Option<u64>> =
        std::collections::HashMap::new();
    for record in reader.records() {
        if rows.len() >= MAX_PRACTICES {
            problems.push(problem(
                None,
                None,
                format!("the file has more than {MAX_PRACTICES} practices; no year has had more than 8,000"),
            ));
            break;
        }
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(problem(
                    e.position().map(|p| line_at(&breaks, p.byte())),
                    None,
                    format!("the line is not well-formed CSV: {e}"),
                ));
                if problems.len() >= MAX_PROBLEMS {
                    break;
                }
                continue;
            }
        };
        let line = record.position().map(|p| line_at(&breaks, p.byte()));
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        let mut number = |i: usize, required: bool| -> Option<i64> {
            let text = cell(i);
            if text.is_empty() && !required {
                return None;
            }
            let value = hundredths(text);
            let patients = i == registered || Some(i) == weighted;
            let limit = if patients { MAX_PATIENTS } else { MAX_PENCE };
            match value {
                None => problems.push(problem(
                    line,
                    Some(&headers[i]),
                    format!("'{text}' is not a number"),
                )),
                Some(v) if v.unsigned_abs() > limit => {
                    problems.push(problem(
                        line,
                        Some(&headers[i]),
                        if patients {
                            format!("'{text}' is more patients than any practice could have (the most accepted is 10 million)")
                        } else {
                            format!("'{text}' is more money than one practice could be paid (the most accepted is £1bn)")
                        },
                    ));
                    return None;
                }
                Some(_) => {}
            }
            value
        };
        let practice = cell(code).to_uppercase();
        let r = number(registered, true);
        let t = number(total, true);
        let w = weighted.and_then(|i| number(i, false));
        let payments: Vec<i64> = line_columns
            .iter()
            .map(|c| c.and_then(|i| number(i, false)).unwrap_or(0))
            .collect();
        if practice.is_empty() {
            problems.push(problem(line, Some(CODE), "the practice code is empty"));
        } else if let Some(first) = first_seen.get(&practice) {
            let first =
                first.map_or_else(|| "an earlier line".to_string(), |l| format!("line {l}"));
            problems.push(problem(
                line,
                Some(CODE),
                format!("practice {practice} is already in the file, on {first}; each practice may appear once"),
            ));
        } else {
            first_seen.insert(practice.clone(), line);
        }
        if let (Some(r), Some(t)) = (r, t) {
            if r < 0 {
                problems.push(problem(line, Some(REGISTERED), "is negative"));
            }
            rows.push(Row {
                code: practice,
                name: name_column
                    .map(|i| cell(i).to_string())
                    .filter(|n| !n.is_empty()),
                registered: r,
                weighted: w,
                total: t,
                payments,
            });
        }
        if problems.len() >= MAX_PROBLEMS {
            break;
        }
    }
    if rows.is_empty() && problems.is_empty() {
        problems.push(problem(
            None,
            None,
            "the file has a header but no practices",
        ));
    }
    if !problems.is_empty() {
        problems.truncate(MAX_PROBLEMS);
        return Err(problems);
    }
    if rows.iter().all(|r| r.weighted.unwrap_or(r.registered) <= 0) {
        return Err(vec![problem(
            None,
            Some(REGISTERED),
            "no practice in the file has any patients, so there is nothing to share money by",
        )]);
    }

    // England's age profile per registered patient, for practices not in the built-in dataset.
    let mut england = [[0.0; 7]; 2];
    let mut england_registered = 0.0;
    let mut imd_sum = 0.0;
    for p in &base.practices {
        for (sum, practice) in england.iter_mut().zip(&p.carr_hill) {
            for (a, b) in sum.iter_mut().zip(practice) {
                *a += b;
            }
        }
        england_registered += p.registered();
        imd_sum += p.imd_score * p.registered();
    }
    let per_patient = |n: f64| -> [[f64; 7]; 2] {
        std::array::from_fn(|s| {
            std::array::from_fn(|b| {
                if england_registered > 0.0 {
                    england[s][b] / england_registered * n
                } else {
                    0.0
                }
            })
        })
    };
    let mean_imd = if england_registered > 0.0 {
        imd_sum / england_registered
    } else {
        0.0
    };
    let mut regions = base.regions.clone();
    let mut sub_icbs = base.sub_icbs.clone();
    let mut icbs = base.icbs.clone();
    let unknown = Area {
        code: String::new(),
        name: "Not in the built-in dataset".to_string(),
    };
    regions.push(unknown.clone());
    sub_icbs.push(unknown.clone());
    icbs.push(super::Icb {
        code: String::new(),
        map_code: String::new(),
        name: unknown.name.clone(),
    });
    let (region_unknown, sub_unknown, icb_unknown) =
        (regions.len() - 1, sub_icbs.len() - 1, icbs.len() - 1);

    // Each practice of the built-in dataset by code, so matching a row is one lookup.
    let by_code: std::collections::HashMap<&str, usize> = base
        .practices
        .iter()
        .enumerate()
        .map(|(i, p)| (p.code.as_str(), i))
        .collect();
    let mut matched = 0;
    let mut practices = Vec::with_capacity(rows.len());
    for row in rows {
        let registered = row.registered as f64 / 100.0;
        let mut funding: [i64; FUNDING_LINE_COUNT] = std::array::from_fn(|line| {
            FUNDING_LINES[line]
                .members
                .iter()
                .filter_map(|m| PAYMENT_LINES.iter().position(|l| l.key == *m))
                .map(|i| row.payments[i])
                .sum()
        });
        // Lines this year's layout names differently land in "other", so the total is kept.
        let headline: i64 = funding[..HEADLINE_FUNDING_LINE_COUNT].iter().sum();
        if let Some(other) = FUNDING_LINES
            .iter()
            .position(|l| l.key == FundingLineKey::Other)
        {
            funding[other] += row.total - headline;
        }
        let weighted_centi = row.weighted.unwrap_or(row.registered).max(0);
        let practice = match by_code.get(row.code.as_str()).map(|&i| &base.practices[i]) {
            Some(known) => {
                matched += 1;
                let scale = if known.registered_centi > 0 {
                    row.registered as f64 / known.registered_centi as f64
                } else {
                    0.0
                };
                Practice {
                    name: row.name.clone().unwrap_or_else(|| known.name.clone()),
                    registered_centi: row.registered,
                    weighted_centi,
                    funding,
                    carr_hill: if known.registered_centi > 0 {
                        known.carr_hill.map(|s| s.map(|v| v * scale))
                    } else {
                        per_patient(registered)
                    },
                    ..known.clone()
                }
            }
            None => Practice {
                code: row.code.clone(),
                name: row.name.clone().unwrap_or_else(|| row.code.clone()),
                postcode: String::new(),
                region: region_unknown,
                sub_icb: sub_unknown,
                icb: icb_unknown,
                icb_source: super::IcbSource::SubIcbLookup,
                pcn: None,
                contract: super::ContractType::Unknown,
                dispensing: None,
                rurality: super::Rurality::Urban,
                practice_type: Arc::from(""),
                location: None,
                registered_centi: row.registered,
                weighted_centi,
                registered_previous_centi: None,
                registered_absorbed_centi: 0,
                funding,
                carr_hill: per_patient(registered),
                age_source: AgeSource::England,
                imd_score: mean_imd,
                imd_source: ImdSource::SubIcbMean,
                rural_class: None,
                local_authority: None,
                constituency: None,
                allocation_weights: None,
                pmc_2022: None,
            },
        };
        practices.push(practice);
    }
    let n = practices.len();
    let registered_total: i64 = practices.iter().map(|p| p.registered_centi).sum();
    let total: i64 = practices.iter().map(|p| p.total_pence()).sum();
    Ok(Dataset {
        year: format!("your file {name}"),
        attribution: base.attribution.clone(),
        practices,
        regions,
        icbs,
        sub_icbs,
        pcns: base.pcns.clone(),
        local_authorities: base.local_authorities.clone(),
        constituencies: base.constituencies.clone(),
        // The weighted lists are the user's: the model fits the parts to them afresh.
        formula_fit: None,
        boundaries: base.boundaries.clone(),
        report: BuildReport {
            rows_read: vec![(name.to_string(), n)],
            joins: vec![JoinReport {
                field: "practice in the built-in dataset".into(),
                matched,
                imputed: n - matched,
                missing: 0,
                how: "by practice code: age profile, deprivation, location and areas from the built-in 2022/23 dataset; otherwise England's profile and mean deprivation".into(),
            }],
            totals: vec![
                ("practices".into(), n.to_string()),
                ("registered patients".into(), Decimal::new(registered_total, 2).to_string()),
                ("Total NHS Payments to General Practice (£)".into(), Decimal::new(total, 2).to_string()),
            ],
        },
        detail: None,
        history: None,
    })
}
