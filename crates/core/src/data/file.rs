//! The on-disk layout of the dataset, and its conversion to a checked [`Dataset`].
//!
//! Every file is the four bytes [`MAGIC`] followed by one of the structs below encoded with
//! postcard (integers as variable-length integers, so small numbers take one or two bytes; the
//! columns of money, patients and other large integers as byte planes, see [`planes`]). Each
//! struct's first field is its layout version, checked before the rest is decoded.

use super::planes;
use super::{
    AgeSource, AllocationWeights, Area, BuildReport, ContractType, DataError, Dataset, FormulaFit,
    History, HistoryYear, Icb, IcbSource, ImdSource, Practice, PracticeDetail, RuralClass,
    Rurality, CARR_HILL_BANDS, FIVE_YEAR_BANDS, FIVE_YEAR_BAND_COUNT, FORMAT_VERSION,
    FUNDING_LINES, PAYMENT_LINES, SEXES,
};
use crate::geo::Shape;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The first bytes of every dataset file.
pub const MAGIC: [u8; 4] = *b"GPFE";

/// Encodes a dataset file: [`MAGIC`], then the struct in postcard.
pub fn encode<T: Serialize>(file: &T) -> Result<Vec<u8>, String> {
    let body = postcard::to_allocvec(file).map_err(|e| format!("cannot encode: {e}"))?;
    let mut out = Vec::with_capacity(MAGIC.len() + body.len());
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&body);
    Ok(out)
}

/// Decodes a dataset file written by [`encode`]: checks the magic bytes and the layout version
/// (the struct's first field) before decoding the rest, and refuses bytes left over.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, DataError> {
    let body = bytes
        .strip_prefix(&MAGIC)
        .ok_or_else(|| DataError::Decode("it is not a GP Funding Explorer data file".into()))?;
    let (format, _) = postcard::take_from_bytes::<u32>(body)
        .map_err(|e| DataError::Decode(format!("no layout version: {e}")))?;
    check_format(format)?;
    let (file, rest) =
        postcard::take_from_bytes::<T>(body).map_err(|e| DataError::Decode(e.to_string()))?;
    if rest.is_empty() {
        Ok(file)
    } else {
        Err(DataError::Decode(format!(
            "{} bytes follow the end of the data",
            rest.len()
        )))
    }
}

/// The dataset file: column-oriented, one entry per practice in each practice column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatasetFile {
    pub format: u32,
    pub year: String,
    /// Attribution lines the licences ask for.
    pub attribution: Vec<String>,
    /// `[code, name]`.
    pub regions: Vec<[String; 2]>,
    /// `[ODS code, ONS map code, name]`.
    pub icbs: Vec<[String; 3]>,
    /// `[code, name]`.
    pub sub_icbs: Vec<[String; 2]>,
    /// `[code, name]`.
    pub pcns: Vec<[String; 2]>,
    /// `[ONS code, name]`: local authorities (May 2024).
    pub local_authorities: Vec<[String; 2]>,
    /// `[ONS code, name]`: Westminster constituencies (July 2024).
    pub constituencies: Vec<[String; 2]>,
    /// The distinct practice types ("GP practice", …) that `practices.practice_type` points into.
    pub practice_types: Vec<String>,
    pub practices: PracticeColumns,
    /// The split of the rest of the formula into parts, fitted from the raw files.
    pub formula_fit: Option<FormulaFit>,
    /// The outlines of the ICB areas, for the map.
    pub boundaries: Vec<BoundaryFile>,
    pub report: BuildReport,
}

/// One area's outline: the outer ring of each of its polygons, as `[longitude, latitude]` in
/// thousandths of a degree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoundaryFile {
    pub code: String,
    pub name: String,
    pub rings: Vec<Vec<[i32; 2]>>,
}

/// The names file: practice names and postcodes, fetched when a view first shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NamesFile {
    pub format: u32,
    pub year: String,
    /// Practice codes, in the start-up file's order (checked on load).
    pub code: Vec<String>,
    pub name: Vec<String>,
    pub postcode: Vec<String>,
}

/// Per-practice columns. Names and postcodes are in the names file ([`NamesFile`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PracticeColumns {
    pub code: Vec<String>,
    #[serde(with = "planes")]
    pub region: Vec<usize>,
    #[serde(with = "planes")]
    pub sub_icb: Vec<usize>,
    #[serde(with = "planes")]
    pub icb: Vec<usize>,
    pub icb_source: Vec<IcbSourceCode>,
    #[serde(with = "planes::optional")]
    pub pcn: Vec<Option<usize>>,
    pub contract: Vec<ContractCode>,
    pub dispensing: Vec<Option<bool>>,
    pub rural: Vec<bool>,
    /// Index into [`DatasetFile::practice_types`].
    #[serde(with = "planes")]
    pub practice_type: Vec<usize>,
    /// Ten-thousandths of a degree.
    #[serde(with = "planes::optional")]
    pub latitude: Vec<Option<i32>>,
    /// Ten-thousandths of a degree.
    #[serde(with = "planes::optional")]
    pub longitude: Vec<Option<i32>>,
    /// Hundredths of a patient.
    #[serde(with = "planes")]
    pub registered: Vec<i64>,
    /// Hundredths of a patient.
    #[serde(with = "planes")]
    pub weighted: Vec<i64>,
    /// Hundredths of a patient, 2021/22.
    #[serde(with = "planes::optional")]
    pub registered_previous: Vec<Option<i64>>,
    /// Hundredths of a patient: the 2021/22 lists of closed or merged practices whose patients
    /// this practice took over by 2022/23 (0 for most practices).
    #[serde(with = "planes")]
    pub registered_absorbed: Vec<i64>,
    /// One column per funding line, in the order of `FUNDING_LINES`, pence.
    pub funding: Vec<PaymentColumn>,
    /// Patients in December 2025 by sex and Carr-Hill band: 14 columns, male 0-4 first. For a
    /// practice whose profile is imputed, the counts are those of the area it was imputed from.
    pub age_counts: Vec<AgeColumn>,
    pub age_source: Vec<AgeSourceCode>,
    /// Thousandths of a point.
    #[serde(with = "planes")]
    pub imd_score: Vec<i32>,
    pub imd_source: Vec<ImdSourceCode>,
    /// Rural-urban class (2021) of the surgery's LSOA.
    pub rural_class: Vec<Option<RuralClass>>,
    /// Index into `local_authorities`.
    pub local_authority: Vec<Option<usize>>,
    /// Index into `constituencies`.
    pub constituency: Vec<Option<usize>>,
    /// Tenths of a patient.
    #[serde(with = "planes::optional")]
    pub allocation_pmc: Vec<Option<i64>>,
    /// Tenths of a patient.
    #[serde(with = "planes::optional")]
    pub allocation_health_inequalities: Vec<Option<i64>>,
    /// NHS England's primary medical care need-weighted list in the 2022/23 allocations, tenths
    /// of a patient.
    #[serde(with = "planes::optional")]
    pub allocation_pmc_2022: Vec<Option<i64>>,
}

/// The detail file: every payment line and the five-year age bands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DetailFile {
    pub format: u32,
    pub year: String,
    /// Practice codes, in the start-up file's order (checked on load).
    pub code: Vec<String>,
    /// One column per payment line, in the order of `PAYMENT_LINES`, pence.
    pub payments: Vec<PaymentColumn>,
    /// Pence.
    #[serde(with = "planes")]
    pub total_including_covid_and_pcn: Vec<i64>,
    /// Patients in December 2025 by sex and five-year band: 40 columns, male 0-4 first.
    pub age_counts: Vec<AgeColumn>,
}

/// One payment line's column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentColumn {
    pub key: String,
    #[serde(with = "planes")]
    pub pence: Vec<i64>,
}

/// One age-sex band's column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgeColumn {
    pub sex: String,
    pub band: String,
    #[serde(with = "planes")]
    pub patients: Vec<u64>,
}

/// The outlines of the local areas the surgeries are in, for the map: England's councils (May
/// 2024) and Westminster constituencies (July 2024), by ONS code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocalAreasFile {
    pub format: u32,
    pub councils: Vec<BoundaryFile>,
    pub constituencies: Vec<BoundaryFile>,
}

/// The local areas' outlines, ready for the map.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalShapes {
    pub councils: Vec<Shape>,
    pub constituencies: Vec<Shape>,
}

impl LocalAreasFile {
    /// Checks the layout version and gives the outlines in degrees.
    pub fn into_shapes(self) -> Result<LocalShapes, DataError> {
        check_format(self.format)?;
        Ok(LocalShapes {
            councils: self
                .councils
                .into_iter()
                .map(BoundaryFile::into_shape)
                .collect(),
            constituencies: self
                .constituencies
                .into_iter()
                .map(BoundaryFile::into_shape)
                .collect(),
        })
    }
}

/// The history of the real payments files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryFile {
    pub format: u32,
    pub years: Vec<HistoryYearFile>,
    /// IMD score for every practice code in the history (newest published score).
    pub imd_code: Vec<String>,
    pub imd_score: Vec<f64>,
}

/// One year of history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryYearFile {
    pub year: String,
    pub practice: Vec<String>,
    #[serde(with = "planes")]
    pub registered: Vec<i64>,
    #[serde(with = "planes::optional")]
    pub weighted: Vec<Option<i64>>,
    #[serde(with = "planes")]
    pub global_sum: Vec<i64>,
    #[serde(with = "planes")]
    pub qof: Vec<i64>,
    #[serde(with = "planes")]
    pub total: Vec<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IcbSourceCode {
    Map,
    Lookup,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContractCode {
    #[serde(rename = "GMS")]
    Gms,
    #[serde(rename = "PMS")]
    Pms,
    #[serde(rename = "APMS")]
    Apms,
    #[serde(rename = "Unknown")]
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgeSourceCode {
    Practice,
    SubIcb,
    England,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImdSourceCode {
    Fingertips2019,
    Heec2019,
    Heec2015,
    SubIcbMean,
}

impl From<ContractType> for ContractCode {
    fn from(c: ContractType) -> Self {
        match c {
            ContractType::Gms => Self::Gms,
            ContractType::Pms => Self::Pms,
            ContractType::Apms => Self::Apms,
            ContractType::Unknown => Self::Unknown,
        }
    }
}

impl From<ContractCode> for ContractType {
    fn from(c: ContractCode) -> Self {
        match c {
            ContractCode::Gms => Self::Gms,
            ContractCode::Pms => Self::Pms,
            ContractCode::Apms => Self::Apms,
            ContractCode::Unknown => Self::Unknown,
        }
    }
}

impl From<AgeSource> for AgeSourceCode {
    fn from(s: AgeSource) -> Self {
        match s {
            AgeSource::Practice => Self::Practice,
            AgeSource::SubIcb => Self::SubIcb,
            AgeSource::England => Self::England,
        }
    }
}

impl From<AgeSourceCode> for AgeSource {
    fn from(s: AgeSourceCode) -> Self {
        match s {
            AgeSourceCode::Practice => Self::Practice,
            AgeSourceCode::SubIcb => Self::SubIcb,
            AgeSourceCode::England => Self::England,
        }
    }
}

impl From<ImdSource> for ImdSourceCode {
    fn from(s: ImdSource) -> Self {
        match s {
            ImdSource::Fingertips2019 => Self::Fingertips2019,
            ImdSource::Heec2019 => Self::Heec2019,
            ImdSource::Heec2015 => Self::Heec2015,
            ImdSource::SubIcbMean => Self::SubIcbMean,
        }
    }
}

impl From<ImdSourceCode> for ImdSource {
    fn from(s: ImdSourceCode) -> Self {
        match s {
            ImdSourceCode::Fingertips2019 => Self::Fingertips2019,
            ImdSourceCode::Heec2019 => Self::Heec2019,
            ImdSourceCode::Heec2015 => Self::Heec2015,
            ImdSourceCode::SubIcbMean => Self::SubIcbMean,
        }
    }
}

fn check_len<T>(field: &str, column: &[T], expected: usize) -> Result<(), DataError> {
    if column.len() == expected {
        Ok(())
    } else {
        Err(DataError::Length {
            field: field.to_string(),
            found: column.len(),
            expected,
        })
    }
}

fn value_error(field: &str, practice: usize, message: impl Into<String>) -> DataError {
    DataError::Value {
        field: field.to_string(),
        practice: Some(practice),
        message: message.into(),
    }
}

fn check_index(field: &str, row: usize, index: usize, len: usize) -> Result<usize, DataError> {
    if index < len {
        Ok(index)
    } else {
        Err(value_error(
            field,
            row,
            format!("refers to entry {index} of a list of {len}"),
        ))
    }
}

/// A fit the model can apply: finite coefficients, one per rural-urban class and at most one
/// per ICB.
fn check_fit(fit: &FormulaFit, icbs: usize) -> Result<(), DataError> {
    let bad = |message: String| {
        Err(DataError::Value {
            field: "formula_fit".into(),
            practice: None,
            message,
        })
    };
    let numbers = [
        fit.needs_per_imd_point,
        fit.mean_imd,
        fit.rural,
        fit.r_squared,
    ]
    .into_iter()
    .chain(fit.rural_class.iter().copied())
    .chain(fit.area.iter().copied())
    .chain(fit.r_squared_lost);
    if numbers.clone().any(|v| !v.is_finite()) {
        return bad("has a number that is not finite".into());
    }
    if fit.rural_class.len() != RuralClass::ALL.len() {
        return bad(format!(
            "has {} rural-urban effects, not {}",
            fit.rural_class.len(),
            RuralClass::ALL.len()
        ));
    }
    if fit.area.len() > icbs {
        return bad(format!(
            "has {} ICB effects for {icbs} ICBs",
            fit.area.len()
        ));
    }
    Ok(())
}

fn area(pair: [String; 2]) -> Area {
    let [code, name] = pair;
    Area { code, name }
}

/// A need-weighted list from tenths of a patient.
fn weight(field: &str, row: usize, v: Option<i64>) -> Result<Option<f64>, DataError> {
    match v {
        Some(x) if x < 0 => Err(value_error(
            field,
            row,
            format!("{x} tenths is not a patient count"),
        )),
        other => Ok(other.map(|x| x as f64 / 10.0)),
    }
}

fn check_format(found: u32) -> Result<(), DataError> {
    if found == FORMAT_VERSION {
        Ok(())
    } else {
        Err(DataError::Format {
            found,
            expected: FORMAT_VERSION,
        })
    }
}

/// Checks that `columns` are exactly `keys` in order, each with `n` entries.
fn check_money_columns(
    field: &str,
    columns: &[PaymentColumn],
    keys: &[&str],
    n: usize,
) -> Result<(), DataError> {
    check_len(field, columns, keys.len())?;
    for (column, key) in columns.iter().zip(keys) {
        if column.key != *key {
            return Err(DataError::Value {
                field: field.into(),
                practice: None,
                message: format!("expected the line '{key}', found '{}'", column.key),
            });
        }
        check_len(&format!("{field}.{key}"), &column.pence, n)?;
    }
    Ok(())
}

/// Checks that `columns` are the sex-by-band columns for `bands`, each with `n` entries.
fn check_age_columns(columns: &[AgeColumn], bands: &[&str], n: usize) -> Result<(), DataError> {
    check_len("age_counts", columns, 2 * bands.len())?;
    for (i, column) in columns.iter().enumerate() {
        let sex = SEXES[i / bands.len()];
        let band = bands[i % bands.len()];
        if column.sex != sex || column.band != band {
            return Err(DataError::Value {
                field: "age_counts".into(),
                practice: None,
                message: format!(
                    "column {} should be {sex} {band}, found {} {}",
                    i + 1,
                    column.sex,
                    column.band
                ),
            });
        }
        check_len("age_counts.patients", &column.patients, n)?;
    }
    Ok(())
}

/// One practice's age profile from `columns`, rescaled to `registered_centi`.
fn rescaled_profile<const B: usize>(
    columns: &[AgeColumn],
    row: usize,
    registered_centi: i64,
) -> Result<[[f64; B]; 2], DataError> {
    let total: u64 = columns
        .iter()
        .fold(0_u64, |sum, c| sum.saturating_add(c.patients[row]));
    if total == 0 && registered_centi > 0 {
        return Err(value_error(
            "age_counts",
            row,
            "has registered patients but no age profile",
        ));
    }
    let scale = if total == 0 {
        0.0
    } else {
        registered_centi as f64 / 100.0 / total as f64
    };
    let mut out = [[0.0; B]; 2];
    for (i, column) in columns.iter().enumerate() {
        out[i / B][i % B] = column.patients[row] as f64 * scale;
    }
    Ok(out)
}

impl DatasetFile {
    /// Checks every column and builds the in-memory dataset (without detail or history).
    pub fn into_dataset(self) -> Result<Dataset, DataError> {
        check_format(self.format)?;
        let c = self.practices;
        let n = c.code.len();
        check_len("region", &c.region, n)?;
        check_len("sub_icb", &c.sub_icb, n)?;
        check_len("icb", &c.icb, n)?;
        check_len("icb_source", &c.icb_source, n)?;
        check_len("pcn", &c.pcn, n)?;
        check_len("contract", &c.contract, n)?;
        check_len("dispensing", &c.dispensing, n)?;
        check_len("rural", &c.rural, n)?;
        check_len("practice_type", &c.practice_type, n)?;
        check_len("latitude", &c.latitude, n)?;
        check_len("longitude", &c.longitude, n)?;
        check_len("registered", &c.registered, n)?;
        check_len("weighted", &c.weighted, n)?;
        check_len("registered_previous", &c.registered_previous, n)?;
        check_len("registered_absorbed", &c.registered_absorbed, n)?;
        check_len("age_source", &c.age_source, n)?;
        check_len("imd_score", &c.imd_score, n)?;
        check_len("imd_source", &c.imd_source, n)?;
        check_len("rural_class", &c.rural_class, n)?;
        check_len("local_authority", &c.local_authority, n)?;
        check_len("constituency", &c.constituency, n)?;
        check_len("allocation_pmc", &c.allocation_pmc, n)?;
        check_len(
            "allocation_health_inequalities",
            &c.allocation_health_inequalities,
            n,
        )?;
        check_len("allocation_pmc_2022", &c.allocation_pmc_2022, n)?;
        let funding_keys: Vec<&str> = FUNDING_LINES.iter().map(|l| l.key.as_str()).collect();
        check_money_columns("funding", &c.funding, &funding_keys, n)?;
        check_age_columns(&c.age_counts, &CARR_HILL_BANDS, n)?;

        let regions: Vec<Area> = self.regions.into_iter().map(area).collect();
        let sub_icbs: Vec<Area> = self.sub_icbs.into_iter().map(area).collect();
        let pcns: Vec<Area> = self.pcns.into_iter().map(area).collect();
        let local_authorities: Vec<Area> = self.local_authorities.into_iter().map(area).collect();
        let constituencies: Vec<Area> = self.constituencies.into_iter().map(area).collect();
        if let Some(fit) = &self.formula_fit {
            check_fit(fit, self.icbs.len())?;
        }
        let icbs: Vec<Icb> = self
            .icbs
            .into_iter()
            .map(|[code, map_code, name]| Icb {
                code,
                map_code,
                name,
            })
            .collect();

        let practice_types: Vec<Arc<str>> = self
            .practice_types
            .iter()
            .map(|t| Arc::from(t.as_str()))
            .collect();
        let mut practices = Vec::with_capacity(n);
        let mut code = c.code.into_iter();
        for row in 0..n {
            let registered_centi = c.registered[row];
            let weighted_centi = c.weighted[row];
            if registered_centi < 0 {
                return Err(value_error("registered", row, "is negative"));
            }
            if weighted_centi < 0 {
                return Err(value_error("weighted", row, "is negative"));
            }
            let location = match (c.latitude[row], c.longitude[row]) {
                (Some(lat), Some(lon)) => {
                    let (lat, lon) = (f64::from(lat) / 1e4, f64::from(lon) / 1e4);
                    if !(49.0..=61.0).contains(&lat) || !(-9.0..=3.0).contains(&lon) {
                        return Err(value_error(
                            "latitude",
                            row,
                            format!("({lat}, {lon}) is not in England"),
                        ));
                    }
                    Some((lat, lon))
                }
                (None, None) => None,
                _ => return Err(value_error("latitude", row, "has only half a location")),
            };
            let registered_absorbed_centi = c.registered_absorbed[row];
            if registered_absorbed_centi < 0 {
                return Err(value_error(
                    "registered_absorbed",
                    row,
                    format!("{registered_absorbed_centi} is negative"),
                ));
            }
            let imd_score = f64::from(c.imd_score[row]) / 1e3;
            if !(0.0..=100.0).contains(&imd_score) {
                return Err(value_error(
                    "imd_score",
                    row,
                    format!("{imd_score} is not an IMD score"),
                ));
            }
            let pmc = weight("allocation_pmc", row, c.allocation_pmc[row])?;
            let hi = weight(
                "allocation_health_inequalities",
                row,
                c.allocation_health_inequalities[row],
            )?;
            let allocation_weights = match (pmc, hi) {
                (Some(primary_medical_care), Some(health_inequalities)) => {
                    Some(AllocationWeights {
                        primary_medical_care,
                        health_inequalities,
                    })
                }
                (None, None) => None,
                _ => {
                    return Err(value_error(
                        "allocation_pmc",
                        row,
                        "has one allocation weight but not the other",
                    ))
                }
            };
            practices.push(Practice {
                code: code.next().unwrap_or_default(),
                name: String::new(),
                postcode: String::new(),
                region: check_index("region", row, c.region[row], regions.len())?,
                sub_icb: check_index("sub_icb", row, c.sub_icb[row], sub_icbs.len())?,
                icb: check_index("icb", row, c.icb[row], icbs.len())?,
                icb_source: match c.icb_source[row] {
                    IcbSourceCode::Map => IcbSource::PracticeMap,
                    IcbSourceCode::Lookup => IcbSource::SubIcbLookup,
                },
                pcn: match c.pcn[row] {
                    Some(i) => Some(check_index("pcn", row, i, pcns.len())?),
                    None => None,
                },
                contract: c.contract[row].into(),
                dispensing: c.dispensing[row],
                rurality: if c.rural[row] {
                    Rurality::Rural
                } else {
                    Rurality::Urban
                },
                practice_type: Arc::clone(
                    &practice_types[check_index(
                        "practice_type",
                        row,
                        c.practice_type[row],
                        practice_types.len(),
                    )?],
                ),
                location,
                registered_centi,
                weighted_centi,
                registered_previous_centi: c.registered_previous[row],
                registered_absorbed_centi,
                funding: std::array::from_fn(|line| c.funding[line].pence[row]),
                carr_hill: rescaled_profile::<7>(&c.age_counts, row, registered_centi)?,
                age_source: c.age_source[row].into(),
                imd_score,
                imd_source: c.imd_source[row].into(),
                rural_class: c.rural_class[row],
                local_authority: match c.local_authority[row] {
                    Some(i) => Some(check_index(
                        "local_authority",
                        row,
                        i,
                        local_authorities.len(),
                    )?),
                    None => None,
                },
                constituency: match c.constituency[row] {
                    Some(i) => Some(check_index("constituency", row, i, constituencies.len())?),
                    None => None,
                },
                allocation_weights,
                pmc_2022: weight("allocation_pmc_2022", row, c.allocation_pmc_2022[row])?,
            });
        }

        Ok(Dataset {
            year: self.year,
            attribution: self.attribution,
            practices,
            regions,
            icbs,
            sub_icbs,
            pcns,
            local_authorities,
            constituencies,
            formula_fit: self.formula_fit,
            boundaries: self
                .boundaries
                .into_iter()
                .map(BoundaryFile::into_shape)
                .collect(),
            report: self.report,
            detail: None,
            history: None,
        })
    }
}

impl BoundaryFile {
    fn into_shape(self) -> Shape {
        let degrees = |[lon, lat]: [i32; 2]| (f64::from(lon) / 1e3, f64::from(lat) / 1e3);
        Shape {
            code: self.code,
            name: self.name,
            rings: self
                .rings
                .into_iter()
                .map(|ring| ring.into_iter().map(degrees).collect())
                .collect(),
        }
    }
}

impl NamesFile {
    /// Checks the names against `dataset` (same year, same practices in the same order) and
    /// returns each practice's (name, postcode).
    pub fn into_names(self, dataset: &Dataset) -> Result<Vec<(String, String)>, DataError> {
        check_format(self.format)?;
        let n = dataset.practices.len();
        check_len("names code", &self.code, n)?;
        check_len("name", &self.name, n)?;
        check_len("postcode", &self.postcode, n)?;
        if self.year != dataset.year {
            return Err(DataError::Value {
                field: "names year".into(),
                practice: None,
                message: format!("is {}, the dataset's is {}", self.year, dataset.year),
            });
        }
        for (row, (code, practice)) in self.code.iter().zip(&dataset.practices).enumerate() {
            if *code != practice.code {
                return Err(value_error(
                    "names code",
                    row,
                    format!("is {code}, expected {}", practice.code),
                ));
            }
        }
        Ok(self.name.into_iter().zip(self.postcode).collect())
    }
}

impl DetailFile {
    /// Checks the detail against `dataset` (same practices, lines that add up to its funding
    /// lines) and returns one entry per practice.
    pub fn into_detail(self, dataset: &Dataset) -> Result<Vec<PracticeDetail>, DataError> {
        check_format(self.format)?;
        let n = dataset.practices.len();
        check_len("detail code", &self.code, n)?;
        if self.year != dataset.year {
            return Err(DataError::Value {
                field: "detail year".into(),
                practice: None,
                message: format!("is {}, the dataset's is {}", self.year, dataset.year),
            });
        }
        let keys: Vec<&str> = PAYMENT_LINES.iter().map(|l| l.key).collect();
        check_money_columns("payments", &self.payments, &keys, n)?;
        check_len(
            "total_including_covid_and_pcn",
            &self.total_including_covid_and_pcn,
            n,
        )?;
        check_age_columns(&self.age_counts, &FIVE_YEAR_BANDS, n)?;
        let mut out = Vec::with_capacity(n);
        for (row, practice) in dataset.practices.iter().enumerate() {
            if self.code[row] != practice.code {
                return Err(value_error(
                    "detail code",
                    row,
                    format!("is {}, expected {}", self.code[row], practice.code),
                ));
            }
            let payments: Vec<i64> = self.payments.iter().map(|c| c.pence[row]).collect();
            for (line, &funded) in FUNDING_LINES.iter().zip(&practice.funding) {
                let sum: i64 = line
                    .members
                    .iter()
                    .filter_map(|m| keys.iter().position(|k| k == m))
                    .map(|i| payments[i])
                    .sum();
                if sum != funded {
                    return Err(value_error(
                        "payments",
                        row,
                        format!(
                            "the lines of '{}' add up to {sum} pence, not {funded}",
                            line.key
                        ),
                    ));
                }
            }
            out.push(PracticeDetail {
                payments,
                total_including_covid_and_pcn_pence: self.total_including_covid_and_pcn[row],
                age_sex: rescaled_profile::<FIVE_YEAR_BAND_COUNT>(
                    &self.age_counts,
                    row,
                    practice.registered_centi,
                )?,
            });
        }
        Ok(out)
    }
}

impl HistoryFile {
    /// Checks the history's columns.
    pub fn into_history(self) -> Result<History, DataError> {
        check_format(self.format)?;
        let mut years = Vec::with_capacity(self.years.len());
        for y in self.years {
            let m = y.practice.len();
            let field = |f: &str| format!("history {} {f}", y.year);
            check_len(&field("registered"), &y.registered, m)?;
            check_len(&field("weighted"), &y.weighted, m)?;
            check_len(&field("global_sum"), &y.global_sum, m)?;
            check_len(&field("qof"), &y.qof, m)?;
            check_len(&field("total"), &y.total, m)?;
            years.push(HistoryYear {
                year: y.year,
                practices: y.practice,
                registered_centi: y.registered,
                weighted_centi: y.weighted,
                global_sum_pence: y.global_sum,
                qof_pence: y.qof,
                total_pence: y.total,
            });
        }
        check_len("history imd_score", &self.imd_score, self.imd_code.len())?;
        Ok(History {
            years,
            imd: self.imd_code.into_iter().zip(self.imd_score).collect(),
        })
    }
}
