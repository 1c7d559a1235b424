//! The England dataset: its types, and decoding the compact file the builder writes.
//!
//! The file (`public/data/england-2022-23.json`) is column-oriented JSON: one array per field,
//! one entry per practice, in the order of the 2022/23 payments file. Money is whole pence and
//! patient counts are hundredths of a patient, both integers, so totals add up exactly.
//! [`Dataset::from_json`] checks every column before anything uses it and returns a [`DataError`]
//! naming the field and the practice instead of panicking.

#[cfg(not(target_arch = "wasm32"))]
pub mod build;
pub mod file;

use rust_decimal::Decimal;
use std::fmt;

pub use file::DatasetFile;

/// The version of the file layout this code reads.
pub const FORMAT_VERSION: u32 = 1;

/// The file name of the built-in dataset, under `public/data/`.
pub const DATASET_FILE_NAME: &str = "england-2022-23.json";

/// Carr-Hill age bands, in order.
pub const CARR_HILL_BANDS: [&str; 7] = ["0-4", "5-14", "15-44", "45-64", "65-74", "75-84", "85+"];

/// Number of five-year bands published (0-4 to 90-94, then 95+).
pub const FIVE_YEAR_BAND_COUNT: usize = 20;

/// Five-year age bands as published, in order.
pub const FIVE_YEAR_BANDS: [&str; FIVE_YEAR_BAND_COUNT] = [
    "0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54",
    "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90-94", "95+",
];

/// Which Carr-Hill band each five-year band belongs to (by index into [`CARR_HILL_BANDS`]).
const FIVE_YEAR_TO_CARR_HILL: [usize; FIVE_YEAR_BAND_COUNT] =
    [0, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 6];

/// Sexes in the age-sex tables, in order.
pub const SEXES: [&str; 2] = ["male", "female"];

/// A payment line of the NHS Payments to General Practice file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaymentLine {
    /// Short key used in the dataset file, URLs and CSV exports.
    pub key: &'static str,
    /// The column heading in the 2022/23 payments file.
    pub column: &'static str,
    /// Which family of payments it belongs to.
    pub group: PaymentGroup,
}

/// Families of payment lines, used to build pots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PaymentGroup {
    /// Global Sum, MPIG correction and PMS balance: core capitation.
    Core,
    /// Quality and Outcomes Framework.
    Qof,
    /// Directed, national and local enhanced services and vaccinations.
    EnhancedServices,
    /// Premises payments.
    Premises,
    /// Seniority, locums, admin, IT and transformation money.
    StaffAndAdmin,
    /// Primary Care Network money paid through the practice.
    Pcn,
    /// Prescribing and dispensing fees and drug reimbursement.
    Prescribing,
    /// Winter access fund and other payments.
    Other,
    /// Covid payments (outside the headline total).
    Covid,
    /// Deductions for pensions, levies and prescription charges (negative).
    Deductions,
}

macro_rules! lines {
    ($($key:literal, $column:literal, $group:ident;)*) => {
        &[$(PaymentLine { key: $key, column: $column, group: PaymentGroup::$group },)*]
    };
}

/// Every payment line kept from the 2022/23 file. The first [`HEADLINE_LINE_COUNT`] sum exactly
/// to each practice's "Total NHS Payments to General Practice".
pub const PAYMENT_LINES: &[PaymentLine] = lines![
    "global_sum", "Global Sum", Core;
    "mpig", "MPIG Correction factor", Core;
    "pms_balance", "Balance of PMS Expenditure", Core;
    "qof", "Total QOF Payments", Qof;
    "childhood_immunisation", "Childhood Vaccination and Immunisation Scheme", EnhancedServices;
    "extended_hours", "GP Extended Hours Access", EnhancedServices;
    "flu_pneumococcal", "Influenza and Pneumococcal Immunisations", EnhancedServices;
    "learning_disabilities", "Learning Disabilities", EnhancedServices;
    "meningitis", "Meningitis", EnhancedServices;
    "minor_surgery", "Minor Surgery", EnhancedServices;
    "out_of_area", "Out Of Area in Hours Urgent Care", EnhancedServices;
    "pertussis", "Pertussis", EnhancedServices;
    "rotavirus_shingles", "Rotavirus and Shingles Immunisation", EnhancedServices;
    "violent_patients", "Services for Violent Patients", EnhancedServices;
    "medical_assessment", "Medical Assessment Reviews", EnhancedServices;
    "weight_management", "Weight Management Service", EnhancedServices;
    "local_incentive", "Local Incentive Schemes", EnhancedServices;
    "premises", "Premises Payments", Premises;
    "seniority", "Seniority", StaffAndAdmin;
    "doctors_retainer", "Doctors Retainer Scheme Payments", StaffAndAdmin;
    "locum", "Total Locum Allowances", StaffAndAdmin;
    "appraisal", "Appraisal - Appraiser Costs in Respect of Locums", StaffAndAdmin;
    "study_leave", "Prolonged Study Leave", StaffAndAdmin;
    "pco_admin", "PCO Admin Other", StaffAndAdmin;
    "it", "Information Management and Technology", StaffAndAdmin;
    "non_des_immunisation", "Non DES Item Pneumococcal Vaccine, Childhood Immunisation Main Programme", EnhancedServices;
    "transformation", "General Practice Transformation", StaffAndAdmin;
    "pcn_participation", "PCN Participation", Pcn;
    "prescribing_fee", "Prescribing Fee Payments", Prescribing;
    "dispensing_fee", "Dispensing Fee Payments", Prescribing;
    "drugs", "Reimbursement of Drugs", Prescribing;
    "winter_access", "winter Access Fund", Other;
    "other", "Other Payments", Other;
    "pcn_leadership", "PCN Leadership", Pcn;
    "pcn_support", "PCN Support", Pcn;
    "pcn_extended_hours", "PCN Extended Hours Access", Pcn;
    "pcn_workforce", "PCN Workforce", Pcn;
    "pcn_iif", "PCN Investment and impact Fund", Pcn;
    "pcn_care_home", "PCN Care Home Premium", Pcn;
    "pcn_enhanced_access", "PCN Enhanced Access", Pcn;
    "covid_immunisation", "Covid Immunisation", Covid;
    "covid_support", "Covid Support and Expansion", Covid;
    "long_covid", "Long Covid", Covid;
    "deductions", "Deductions for Pensions, Levies and Prescription Charge Income", Deductions;
];

/// How many of [`PAYMENT_LINES`], from the first, make up the headline total.
pub const HEADLINE_LINE_COUNT: usize = 33;

/// Index of a payment line by its key.
pub fn payment_line_index(key: &str) -> Option<usize> {
    PAYMENT_LINES.iter().position(|l| l.key == key)
}

/// GMS, PMS, APMS or not stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ContractType {
    Gms,
    Pms,
    Apms,
    Unknown,
}

impl ContractType {
    pub const ALL: [ContractType; 4] = [Self::Gms, Self::Pms, Self::Apms, Self::Unknown];
    pub fn label(self) -> &'static str {
        match self {
            Self::Gms => "GMS",
            Self::Pms => "PMS",
            Self::Apms => "APMS",
            Self::Unknown => "Unknown",
        }
    }
}

/// Urban or rural, as the payments file classes the practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rurality {
    Urban,
    Rural,
}

/// Where a practice's IMD 2019 score came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImdSource {
    /// OHID Fingertips indicator 93553, IMD 2019 export.
    Fingertips2019,
    /// The HEEC extract of the same indicator, IMD 2019.
    Heec2019,
    /// The HEEC extract, IMD 2015 (no 2019 score published for the practice).
    Heec2015,
    /// Imputed: the registered-patient-weighted mean of the practice's sub-ICB.
    SubIcbMean,
}

impl ImdSource {
    pub fn is_imputed(self) -> bool {
        !matches!(self, Self::Fingertips2019 | Self::Heec2019)
    }
}

/// Where a practice's age-sex profile came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgeSource {
    /// The practice's own December 2025 profile.
    Practice,
    /// Imputed: the combined profile of the practice's sub-ICB.
    SubIcb,
    /// Imputed: the national profile (no practice in the sub-ICB had one).
    England,
}

/// Where a practice's ICB came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IcbSource {
    /// The December 2025 practice mapping.
    PracticeMap,
    /// The CCG-to-ICB lookup, through the practice's sub-ICB code.
    SubIcbLookup,
}

/// A named area: a region, sub-ICB location or PCN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    pub code: String,
    pub name: String,
}

/// An Integrated Care Board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Icb {
    /// ODS code, e.g. `QRV`.
    pub code: String,
    /// ONS code of its area on the map (2022 boundaries), e.g. `E54000027`.
    pub map_code: String,
    pub name: String,
}

/// NHS England's weighted populations for allocations (2023/24 file), rounded to 0.01 patient.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AllocationWeights {
    /// Primary medical care need formula.
    pub primary_medical_care: f64,
    /// Health inequalities formula.
    pub health_inequalities: f64,
    /// 0.85 x primary medical care + 0.15 x health inequalities.
    pub final_primary_medical_care: f64,
}

/// One GP practice in the 2022/23 baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Practice {
    pub code: String,
    pub name: String,
    pub postcode: String,
    /// Index into [`Dataset::regions`].
    pub region: usize,
    /// Index into [`Dataset::sub_icbs`].
    pub sub_icb: usize,
    /// Index into [`Dataset::icbs`].
    pub icb: usize,
    pub icb_source: IcbSource,
    /// Index into [`Dataset::pcns`]; `None` when the practice is in no PCN.
    pub pcn: Option<usize>,
    pub contract: ContractType,
    /// `None` where the file says "Unknown".
    pub dispensing: Option<bool>,
    pub rurality: Rurality,
    /// "GP practice", "Walk in centre", …
    pub practice_type: String,
    /// (latitude, longitude) in WGS84 degrees; `None` where the postcode is not geocoded.
    pub location: Option<(f64, f64)>,
    /// Registered patients (last known figure), in hundredths of a patient.
    pub registered_centi: i64,
    /// Weighted patients (last known figure), in hundredths of a patient.
    pub weighted_centi: i64,
    /// Registered patients in 2021/22, in hundredths; `None` where the practice was not listed.
    pub registered_previous_centi: Option<i64>,
    /// Pence, one entry per [`PAYMENT_LINES`] item.
    pub payments: Vec<i64>,
    /// "Total NHS Payments to General Practice", pence, as published.
    pub total_pence: i64,
    /// "Total … including Covid and PCN payments", pence, as published.
    pub total_including_covid_and_pcn_pence: i64,
    /// Patients by sex (male, female) and five-year band, rescaled so they add up to the
    /// 2022/23 registered list.
    pub age_sex: [[f64; FIVE_YEAR_BAND_COUNT]; 2],
    pub age_source: AgeSource,
    /// IMD 2019 score of the practice's registered population (higher is more deprived).
    pub imd_score: f64,
    pub imd_source: ImdSource,
    pub allocation_weights: Option<AllocationWeights>,
}

impl Practice {
    /// Registered patients as a number (may be fractional: the file publishes quarter patients).
    pub fn registered(&self) -> f64 {
        self.registered_centi as f64 / 100.0
    }

    /// Weighted patients as a number.
    pub fn weighted(&self) -> f64 {
        self.weighted_centi as f64 / 100.0
    }

    /// Patients in the seven Carr-Hill bands, by sex (male, female).
    pub fn carr_hill_bands(&self) -> [[f64; 7]; 2] {
        let mut bands = [[0.0; 7]; 2];
        for (sex, row) in self.age_sex.iter().enumerate() {
            for (band, &count) in row.iter().enumerate() {
                bands[sex][FIVE_YEAR_TO_CARR_HILL[band]] += count;
            }
        }
        bands
    }

    /// A payment line in pence, by key; `None` for an unknown key.
    pub fn payment(&self, key: &str) -> Option<i64> {
        payment_line_index(key).and_then(|i| self.payments.get(i).copied())
    }
}

/// How the dataset was built: rows read, joins matched and imputed, national totals.
/// Shown in the app's "About the data" panel.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BuildReport {
    /// (file name, data rows read).
    pub rows_read: Vec<(String, usize)>,
    /// (field, how many practices got it from their own record, how many were imputed or left
    /// missing, how).
    pub joins: Vec<JoinReport>,
    /// (field, total as a decimal string).
    pub totals: Vec<(String, String)>,
}

/// How one joined field was filled.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct JoinReport {
    pub field: String,
    pub matched: usize,
    pub imputed: usize,
    pub missing: usize,
    pub how: String,
}

/// One year of the real payments history (2014/15 to 2022/23), for every practice listed that year.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryYear {
    /// "2014/15" …
    pub year: String,
    /// Practice codes listed that year.
    pub practices: Vec<String>,
    pub registered_centi: Vec<i64>,
    /// `None` where the file publishes no weighted list for the practice.
    pub weighted_centi: Vec<Option<i64>>,
    pub global_sum_pence: Vec<i64>,
    pub qof_pence: Vec<i64>,
    pub total_pence: Vec<i64>,
}

/// The whole built-in dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// "2022/23".
    pub year: String,
    pub practices: Vec<Practice>,
    pub regions: Vec<Area>,
    pub icbs: Vec<Icb>,
    pub sub_icbs: Vec<Area>,
    pub pcns: Vec<Area>,
    pub history: Vec<HistoryYear>,
    /// IMD score by practice code for every practice in the history (the newest score published).
    pub history_imd: Vec<(String, f64)>,
    /// Simplified GeoJSON of the 42 ICB areas (2022), as text; features carry `code` and `name`.
    pub boundaries_geojson: String,
    pub report: BuildReport,
}

/// National totals of the baseline, exact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NationalTotals {
    pub practices: usize,
    pub registered_patients: Decimal,
    pub weighted_patients: Decimal,
    /// Pence per payment line, in the order of [`PAYMENT_LINES`].
    pub payments: Vec<Decimal>,
    pub total: Decimal,
    pub total_including_covid_and_pcn: Decimal,
}

impl Dataset {
    /// Decodes and checks the dataset file.
    pub fn from_json(text: &str) -> Result<Dataset, DataError> {
        let file: DatasetFile =
            serde_json::from_str(text).map_err(|e| DataError::Json(e.to_string()))?;
        file.into_dataset()
    }

    /// Exact national totals (sums of integers, shown as pounds and patients).
    pub fn national_totals(&self) -> NationalTotals {
        let centi = |v: i64| Decimal::new(v, 2);
        let mut payments = vec![0_i64; PAYMENT_LINES.len()];
        for p in &self.practices {
            for (sum, v) in payments.iter_mut().zip(&p.payments) {
                *sum += v;
            }
        }
        NationalTotals {
            practices: self.practices.len(),
            registered_patients: centi(self.practices.iter().map(|p| p.registered_centi).sum()),
            weighted_patients: centi(self.practices.iter().map(|p| p.weighted_centi).sum()),
            payments: payments.into_iter().map(centi).collect(),
            total: centi(self.practices.iter().map(|p| p.total_pence).sum()),
            total_including_covid_and_pcn: centi(
                self.practices
                    .iter()
                    .map(|p| p.total_including_covid_and_pcn_pence)
                    .sum(),
            ),
        }
    }

    /// The practice with this code, if any.
    pub fn practice(&self, code: &str) -> Option<&Practice> {
        self.practices.iter().find(|p| p.code == code)
    }
}

/// Why a dataset file could not be used.
#[derive(Debug, Clone, PartialEq)]
pub enum DataError {
    /// Not valid JSON, or not the expected shape.
    Json(String),
    /// A layout this code does not read.
    Format { found: u32, expected: u32 },
    /// A column has the wrong number of entries.
    Length {
        field: String,
        found: usize,
        expected: usize,
    },
    /// An entry is out of range or inconsistent; `practice` is its row (0-based) where known.
    Value {
        field: String,
        practice: Option<usize>,
        message: String,
    },
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataError::Json(e) => write!(f, "the dataset file is not valid: {e}"),
            DataError::Format { found, expected } => write!(
                f,
                "the dataset file has layout version {found}; this app reads version {expected}"
            ),
            DataError::Length {
                field,
                found,
                expected,
            } => write!(
                f,
                "the dataset field '{field}' has {found} entries; expected {expected}"
            ),
            DataError::Value {
                field,
                practice: Some(row),
                message,
            } => write!(
                f,
                "the dataset field '{field}' of practice {} is wrong: {message}",
                row + 1
            ),
            DataError::Value {
                field,
                practice: None,
                message,
            } => write!(f, "the dataset field '{field}' is wrong: {message}"),
        }
    }
}

impl std::error::Error for DataError {}
