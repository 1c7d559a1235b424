//! The England dataset: its types, and decoding the compact files the builder writes.
//!
//! The dataset comes in four files under `public/data/`, so the first load stays small: the
//! start-up file (what the model and main charts need), the names file (practice names and
//! postcodes), the detail file (every payment line and the five-year age bands) and the history
//! file. Each is binary and column-oriented (see [`file`]): one column per field, one entry per
//! practice, in the order of the 2022/23 payments file. Money is whole pence and patient counts
//! are hundredths of a patient, both integers, so totals add up exactly.
//! [`Dataset::from_bytes`] checks every column before anything uses it and returns a
//! [`DataError`] naming the field and the practice instead of panicking.

pub mod caveats;
pub mod file;
pub mod import;
pub mod planes;

use rust_decimal::Decimal;
use std::fmt;
use std::sync::Arc;

pub use file::DatasetFile;

/// The version of the file layout this code reads.
pub const FORMAT_VERSION: u32 = 3;

/// The start-up dataset file, under `public/data/`: everything the model and the main charts
/// need.
pub const DATASET_FILE_NAME: &str = "england-2022-23.bin";
/// Practice names and postcodes, loaded when a view first shows them.
pub const NAMES_FILE_NAME: &str = "england-2022-23-names.bin";
/// Every individual payment line and the five-year age bands, loaded when a view needs them.
pub const DETAIL_FILE_NAME: &str = "england-2022-23-detail.bin";
/// The real payments history 2014/15 to 2022/23, loaded when the history view opens.
pub const HISTORY_FILE_NAME: &str = "history-2014-15-to-2022-23.bin";
/// The outlines of England's councils (May 2024) and constituencies (July 2024), loaded when the
/// map first shows them.
pub const LOCAL_AREAS_FILE_NAME: &str = "local-areas-2024.bin";

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
pub const FIVE_YEAR_TO_CARR_HILL: [usize; FIVE_YEAR_BAND_COUNT] =
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

/// Which funding line: the closed set of [`FUNDING_LINES`], in their order. Spelt as in the
/// dataset files and `gpfe`'s output by [`FundingLineKey::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FundingLineKey {
    GlobalSum,
    Mpig,
    PmsBalance,
    Qof,
    EnhancedServices,
    Premises,
    StaffAndAdmin,
    PcnParticipation,
    Prescribing,
    Other,
    PcnPayments,
    PcnCareHome,
}

impl FundingLineKey {
    /// Every funding line, in the order of [`FUNDING_LINES`].
    pub const ALL: [FundingLineKey; 12] = [
        FundingLineKey::GlobalSum,
        FundingLineKey::Mpig,
        FundingLineKey::PmsBalance,
        FundingLineKey::Qof,
        FundingLineKey::EnhancedServices,
        FundingLineKey::Premises,
        FundingLineKey::StaffAndAdmin,
        FundingLineKey::PcnParticipation,
        FundingLineKey::Prescribing,
        FundingLineKey::Other,
        FundingLineKey::PcnPayments,
        FundingLineKey::PcnCareHome,
    ];

    /// The core lines: Global Sum, MPIG correction factor and the balance of PMS expenditure.
    pub const CORE: [FundingLineKey; 3] = [
        FundingLineKey::GlobalSum,
        FundingLineKey::Mpig,
        FundingLineKey::PmsBalance,
    ];

    /// The PCN lines: participation, payments through the practice and the care home premium.
    pub const PCN: [FundingLineKey; 3] = [
        FundingLineKey::PcnParticipation,
        FundingLineKey::PcnPayments,
        FundingLineKey::PcnCareHome,
    ];

    /// The funding lines of a scope: the core lines and, as asked, the PCN lines, QOF and
    /// enhanced services (what a pot pools, or what a family care network holds).
    pub fn scope(core: bool, pcn: bool, qof: bool, enhanced: bool) -> Vec<FundingLineKey> {
        let mut keys = Vec::new();
        if core {
            keys.extend(FundingLineKey::CORE);
        }
        if qof {
            keys.push(FundingLineKey::Qof);
        }
        if pcn {
            keys.extend(FundingLineKey::PCN);
        }
        if enhanced {
            keys.push(FundingLineKey::EnhancedServices);
        }
        keys
    }

    /// The line's key in the dataset files.
    pub const fn as_str(self) -> &'static str {
        match self {
            FundingLineKey::GlobalSum => "global_sum",
            FundingLineKey::Mpig => "mpig",
            FundingLineKey::PmsBalance => "pms_balance",
            FundingLineKey::Qof => "qof",
            FundingLineKey::EnhancedServices => "enhanced_services",
            FundingLineKey::Premises => "premises",
            FundingLineKey::StaffAndAdmin => "staff_and_admin",
            FundingLineKey::PcnParticipation => "pcn_participation",
            FundingLineKey::Prescribing => "prescribing",
            FundingLineKey::Other => "other",
            FundingLineKey::PcnPayments => "pcn_payments",
            FundingLineKey::PcnCareHome => "pcn_care_home",
        }
    }
}

impl fmt::Display for FundingLineKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for FundingLineKey {
    type Err = String;

    /// Reads a key as spelt in the dataset files.
    fn from_str(s: &str) -> Result<FundingLineKey, String> {
        FundingLineKey::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("no funding line is called '{s}'"))
    }
}

impl serde::Serialize for FundingLineKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A funding line of the start-up dataset: one payment line, or the exact sum of a family of
/// them. The model works on these; the individual lines are in the detail file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FundingLine {
    pub key: FundingLineKey,
    /// Plain-language label.
    pub label: &'static str,
    pub group: PaymentGroup,
    /// Keys of the [`PAYMENT_LINES`] it adds up.
    pub members: &'static [&'static str],
}

/// The funding lines, in order. The first [`HEADLINE_FUNDING_LINE_COUNT`] add up exactly to
/// "Total NHS Payments to General Practice".
pub const FUNDING_LINES: &[FundingLine; FUNDING_LINE_COUNT] = &[
    FundingLine {
        key: FundingLineKey::GlobalSum,
        label: "Global Sum",
        group: PaymentGroup::Core,
        members: &["global_sum"],
    },
    FundingLine {
        key: FundingLineKey::Mpig,
        label: "MPIG correction factor",
        group: PaymentGroup::Core,
        members: &["mpig"],
    },
    FundingLine {
        key: FundingLineKey::PmsBalance,
        label: "Balance of PMS expenditure",
        group: PaymentGroup::Core,
        members: &["pms_balance"],
    },
    FundingLine {
        key: FundingLineKey::Qof,
        label: "QOF",
        group: PaymentGroup::Qof,
        members: &["qof"],
    },
    FundingLine {
        key: FundingLineKey::EnhancedServices,
        label: "Enhanced services and vaccinations",
        group: PaymentGroup::EnhancedServices,
        members: &[
            "childhood_immunisation",
            "extended_hours",
            "flu_pneumococcal",
            "learning_disabilities",
            "meningitis",
            "minor_surgery",
            "out_of_area",
            "pertussis",
            "rotavirus_shingles",
            "violent_patients",
            "medical_assessment",
            "weight_management",
            "local_incentive",
            "non_des_immunisation",
        ],
    },
    FundingLine {
        key: FundingLineKey::Premises,
        label: "Premises",
        group: PaymentGroup::Premises,
        members: &["premises"],
    },
    FundingLine {
        key: FundingLineKey::StaffAndAdmin,
        label: "Seniority, locums, admin, IT and transformation",
        group: PaymentGroup::StaffAndAdmin,
        members: &[
            "seniority",
            "doctors_retainer",
            "locum",
            "appraisal",
            "study_leave",
            "pco_admin",
            "it",
            "transformation",
        ],
    },
    FundingLine {
        key: FundingLineKey::PcnParticipation,
        label: "PCN participation",
        group: PaymentGroup::Pcn,
        members: &["pcn_participation"],
    },
    FundingLine {
        key: FundingLineKey::Prescribing,
        label: "Prescribing and dispensing",
        group: PaymentGroup::Prescribing,
        members: &["prescribing_fee", "dispensing_fee", "drugs"],
    },
    FundingLine {
        key: FundingLineKey::Other,
        label: "Winter access fund and other payments",
        group: PaymentGroup::Other,
        members: &["winter_access", "other"],
    },
    FundingLine {
        key: FundingLineKey::PcnPayments,
        label: "PCN payments through the practice (leadership, support, workforce, IIF, access)",
        group: PaymentGroup::Pcn,
        members: &[
            "pcn_leadership",
            "pcn_support",
            "pcn_extended_hours",
            "pcn_workforce",
            "pcn_iif",
            "pcn_enhanced_access",
        ],
    },
    FundingLine {
        key: FundingLineKey::PcnCareHome,
        label: "PCN care home premium",
        group: PaymentGroup::Pcn,
        members: &["pcn_care_home"],
    },
];

/// How many [`FUNDING_LINES`] there are.
pub const FUNDING_LINE_COUNT: usize = 12;

/// How many of [`FUNDING_LINES`], from the first, make up the headline total.
pub const HEADLINE_FUNDING_LINE_COUNT: usize = 10;

/// Index of a funding line by its key.
pub fn funding_line_index(key: FundingLineKey) -> Option<usize> {
    FUNDING_LINES.iter().position(|l| l.key == key)
}

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

/// The ONS rural-urban classification (2021) of the neighbourhood (LSOA 2021) the surgery is
/// in. It describes the surgery's own neighbourhood, not where its patients live.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum RuralClass {
    #[serde(rename = "UN1")]
    UrbanNearer,
    #[serde(rename = "UF1")]
    UrbanFurther,
    #[serde(rename = "RLN1")]
    LargerRuralNearer,
    #[serde(rename = "RLF1")]
    LargerRuralFurther,
    #[serde(rename = "RSN1")]
    SmallerRuralNearer,
    #[serde(rename = "RSF1")]
    SmallerRuralFurther,
}

impl RuralClass {
    /// Every class, in the order of [`FormulaFit::rural_class`].
    pub const ALL: [RuralClass; 6] = [
        RuralClass::UrbanNearer,
        RuralClass::UrbanFurther,
        RuralClass::LargerRuralNearer,
        RuralClass::LargerRuralFurther,
        RuralClass::SmallerRuralNearer,
        RuralClass::SmallerRuralFurther,
    ];

    /// The ONS code, e.g. `UN1`.
    pub fn code(self) -> &'static str {
        match self {
            RuralClass::UrbanNearer => "UN1",
            RuralClass::UrbanFurther => "UF1",
            RuralClass::LargerRuralNearer => "RLN1",
            RuralClass::LargerRuralFurther => "RLF1",
            RuralClass::SmallerRuralNearer => "RSN1",
            RuralClass::SmallerRuralFurther => "RSF1",
        }
    }

    /// The class from its ONS code.
    pub fn from_code(code: &str) -> Option<RuralClass> {
        RuralClass::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The ONS name, e.g. "Urban: Nearer to a major town or city".
    pub fn label(self) -> &'static str {
        match self {
            RuralClass::UrbanNearer => "Urban: Nearer to a major town or city",
            RuralClass::UrbanFurther => "Urban: Further from a major town or city",
            RuralClass::LargerRuralNearer => "Larger rural: Nearer to a major town or city",
            RuralClass::LargerRuralFurther => "Larger rural: Further from a major town or city",
            RuralClass::SmallerRuralNearer => "Smaller rural: Nearer to a major town or city",
            RuralClass::SmallerRuralFurther => "Smaller rural: Further from a major town or city",
        }
    }

    /// Position in [`RuralClass::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The least-squares fit that splits the rest of the formula into named parts (see
/// `model::parts`), made by the dataset builder from the raw files and carried in the dataset.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FormulaFit {
    /// `b`: the change in `ln Q` per point of IMD score.
    pub needs_per_imd_point: f64,
    /// The registered-weighted mean IMD score of the practices in the fit, where needs are 1
    /// before normalisation.
    pub mean_imd: f64,
    /// `c`: the change in `ln Q` for a practice the payments file classes as rural.
    pub rural: f64,
    /// `d`: the change in `ln Q` for each rural-urban class of the surgery's neighbourhood, in
    /// the order of [`RuralClass::ALL`]; the first (urban, nearer a major town) is 0, and so
    /// is the effect for a practice with no class.
    pub rural_class: Vec<f64>,
    /// `a`: one effect per ICB (index into the dataset's ICBs), relative to the
    /// registered-weighted mean; 0 for an ICB with no practice in the fit.
    pub area: Vec<f64>,
    /// Practices in the fit: those with registered and weighted patients.
    pub practices: usize,
    /// Share of the registered-weighted variance of `ln Q` the fit explains (R²).
    pub r_squared: f64,
    /// R² lost when one part is left out and the rest fitted again: needs, rurality, area.
    pub r_squared_lost: [f64; 3],
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

/// NHS England's weighted populations for allocations (2023/24 file), rounded to 0.1 patient.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AllocationWeights {
    /// Primary medical care need formula.
    pub primary_medical_care: f64,
    /// Health inequalities formula.
    pub health_inequalities: f64,
}

impl AllocationWeights {
    /// NHS England's final primary medical care weighted population:
    /// 0.85 x primary medical care + 0.15 x health inequalities (exact in the published file;
    /// within 0.1 patient of it here, as the two parts are rounded).
    pub fn final_primary_medical_care(&self) -> f64 {
        0.85 * self.primary_medical_care + 0.15 * self.health_inequalities
    }
}

/// A practice as the page and `gpfe` title it: "NAME (CODE)", or the code alone when the
/// name is not known (the names file not attached).
pub fn practice_title(name: &str, code: &str) -> String {
    if name.is_empty() {
        code.to_string()
    } else {
        format!("{name} ({code})")
    }
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
    /// "GP practice", "Walk in centre", …: one of a few, shared by the practices of that type.
    pub practice_type: Arc<str>,
    /// (latitude, longitude) in WGS84 degrees; `None` where the postcode is not geocoded.
    pub location: Option<(f64, f64)>,
    /// Registered patients (last known figure), in hundredths of a patient.
    pub registered_centi: i64,
    /// Weighted patients (last known figure), in hundredths of a patient.
    pub weighted_centi: i64,
    /// Registered patients in 2021/22, in hundredths; `None` where the practice was not listed.
    pub registered_previous_centi: Option<i64>,
    /// The 2021/22 lists of closed or merged practices this practice took over by 2022/23, in
    /// hundredths (0 for most practices). They are not new registrants.
    pub registered_absorbed_centi: i64,
    /// Pence, one entry per [`FUNDING_LINES`] item.
    pub funding: [i64; FUNDING_LINE_COUNT],
    /// Patients by sex (male, female) in the seven Carr-Hill bands, from the December 2025
    /// profile rescaled so they add up to the 2022/23 registered list.
    pub carr_hill: [[f64; 7]; 2],
    pub age_source: AgeSource,
    /// IMD 2019 score of the practice's registered population (higher is more deprived).
    pub imd_score: f64,
    pub imd_source: ImdSource,
    /// The rural-urban class of the surgery's neighbourhood; `None` where it is not located.
    pub rural_class: Option<RuralClass>,
    /// Index into [`Dataset::local_authorities`]: the council (May 2024) the surgery is in.
    pub local_authority: Option<usize>,
    /// Index into [`Dataset::constituencies`]: the Westminster constituency (July 2024) the
    /// surgery is in.
    pub constituency: Option<usize>,
    pub allocation_weights: Option<AllocationWeights>,
    /// NHS England's primary medical care need-weighted list in the 2022/23 allocations (the
    /// payments' year), to 0.1 patient; `None` for a practice not in that file.
    pub pmc_2022: Option<f64>,
}

impl Practice {
    /// Its name, or its code while the names file is not attached.
    pub fn display_name(&self) -> &str {
        if self.name.is_empty() {
            &self.code
        } else {
            &self.name
        }
    }

    /// "NAME (CODE)", or the code alone while the names file is not attached.
    pub fn title(&self) -> String {
        practice_title(&self.name, &self.code)
    }

    /// Registered patients as a number (may be fractional: the file publishes quarter patients).
    pub fn registered(&self) -> f64 {
        self.registered_centi as f64 / 100.0
    }

    /// Weighted patients as a number.
    pub fn weighted(&self) -> f64 {
        self.weighted_centi as f64 / 100.0
    }

    /// "Total NHS Payments to General Practice", pence: the sum of the headline funding lines,
    /// which the builder checked against the published total of every practice.
    pub fn total_pence(&self) -> i64 {
        self.funding[..HEADLINE_FUNDING_LINE_COUNT].iter().sum()
    }

    /// A funding line in pence, by key; `None` where the practice has no such column.
    pub fn funding_line(&self, key: FundingLineKey) -> Option<i64> {
        funding_line_index(key).and_then(|i| self.funding.get(i).copied())
    }
}

/// What the detail file adds for one practice: every payment line and the five-year bands.
#[derive(Debug, Clone, PartialEq)]
pub struct PracticeDetail {
    /// Pence, one entry per [`PAYMENT_LINES`] item.
    pub payments: Vec<i64>,
    /// "Total … including Covid and PCN payments", pence, as published.
    pub total_including_covid_and_pcn_pence: i64,
    /// Patients by sex (male, female) and five-year band, rescaled to the 2022/23 list.
    pub age_sex: [[f64; FIVE_YEAR_BAND_COUNT]; 2],
}

impl PracticeDetail {
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
    /// How each joined field was filled.
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
    /// Hundredths of a patient (rounded where a year publishes averaged lists).
    pub registered_centi: Vec<i64>,
    /// `None` where the file publishes no weighted list for the practice.
    pub weighted_centi: Vec<Option<i64>>,
    pub global_sum_pence: Vec<i64>,
    pub qof_pence: Vec<i64>,
    pub total_pence: Vec<i64>,
}

/// The real payments history, 2014/15 to 2022/23.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    pub years: Vec<HistoryYear>,
    /// IMD score by practice code for every practice in the history (the newest score published).
    pub imd: Vec<(String, f64)>,
}

/// The whole dataset: the start-up part always, the detail and history once loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// "2022/23".
    pub year: String,
    /// Attribution lines the licences ask for.
    pub attribution: Vec<String>,
    pub practices: Vec<Practice>,
    pub regions: Vec<Area>,
    pub icbs: Vec<Icb>,
    pub sub_icbs: Vec<Area>,
    pub pcns: Vec<Area>,
    /// Lower-tier local authorities (May 2024) that have a surgery.
    pub local_authorities: Vec<Area>,
    /// Westminster constituencies (July 2024) that have a surgery.
    pub constituencies: Vec<Area>,
    /// The split of the rest of the formula into parts, fitted by the dataset builder; `None`
    /// for a dataset without one (a user's own data), which the model then fits itself.
    pub formula_fit: Option<FormulaFit>,
    /// The outlines of the 42 ICB areas (2022), simplified, for the map.
    pub boundaries: Vec<crate::geo::Shape>,
    pub report: BuildReport,
    /// Every payment line and the five-year bands, one entry per practice, once loaded.
    pub detail: Option<Vec<PracticeDetail>>,
    /// The history, once loaded.
    pub history: Option<History>,
}

/// National totals of the baseline, exact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NationalTotals {
    pub practices: usize,
    pub registered_patients: Decimal,
    pub weighted_patients: Decimal,
    /// Pounds per funding line, in the order of [`FUNDING_LINES`].
    pub funding: Vec<Decimal>,
    /// "Total NHS Payments to General Practice", pounds.
    pub total: Decimal,
}

impl Dataset {
    /// Decodes and checks the start-up dataset file. The practices' names and postcodes are
    /// empty until [`Dataset::attach_names`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Dataset, DataError> {
        file::decode::<DatasetFile>(bytes)?.into_dataset()
    }

    /// Decodes the start-up file and the names file together.
    pub fn from_files(start_up: &[u8], names: &[u8]) -> Result<Dataset, DataError> {
        let mut dataset = Dataset::from_bytes(start_up)?;
        dataset.attach_names(names)?;
        Ok(dataset)
    }

    /// Decodes the names file, checks it against the practices, and fills in every practice's
    /// name and postcode.
    pub fn attach_names(&mut self, bytes: &[u8]) -> Result<(), DataError> {
        let names = file::decode::<file::NamesFile>(bytes)?.into_names(self)?;
        for (practice, (name, postcode)) in self.practices.iter_mut().zip(names) {
            practice.name = name;
            practice.postcode = postcode;
        }
        Ok(())
    }

    /// Decodes the detail file, checks it against the practices, and attaches it.
    pub fn attach_detail(&mut self, bytes: &[u8]) -> Result<(), DataError> {
        let file: file::DetailFile = file::decode(bytes)?;
        self.detail = Some(file.into_detail(self)?);
        Ok(())
    }

    /// Decodes the history file and attaches it.
    pub fn attach_history(&mut self, bytes: &[u8]) -> Result<(), DataError> {
        let file: file::HistoryFile = file::decode(bytes)?;
        self.history = Some(file.into_history()?);
        Ok(())
    }

    /// Exact national totals (sums of integers, shown as pounds and patients).
    pub fn national_totals(&self) -> NationalTotals {
        let centi = |v: i64| Decimal::new(v, 2);
        let mut funding = vec![0_i64; FUNDING_LINES.len()];
        for p in &self.practices {
            for (sum, v) in funding.iter_mut().zip(&p.funding) {
                *sum += v;
            }
        }
        NationalTotals {
            practices: self.practices.len(),
            registered_patients: centi(self.practices.iter().map(|p| p.registered_centi).sum()),
            weighted_patients: centi(self.practices.iter().map(|p| p.weighted_centi).sum()),
            total: centi(funding[..HEADLINE_FUNDING_LINE_COUNT].iter().sum()),
            funding: funding.into_iter().map(centi).collect(),
        }
    }

    /// The index of the practice with this code, if any.
    pub fn practice_index(&self, code: &str) -> Option<usize> {
        self.practices.iter().position(|p| p.code == code)
    }

    /// The practice with this code, if any.
    pub fn practice(&self, code: &str) -> Option<&Practice> {
        self.practice_index(code).map(|i| &self.practices[i])
    }
}

/// Why a dataset file could not be used.
#[derive(Debug, Clone, PartialEq)]
pub enum DataError {
    /// Not a dataset file, or not the expected shape.
    Decode(String),
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
            DataError::Decode(e) => write!(f, "the dataset file is not valid: {e}"),
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

#[cfg(test)]
mod tests {
    use super::{funding_line_index, FundingLineKey, FUNDING_LINES};

    #[test]
    fn funding_line_keys_are_the_funding_lines_in_order_and_read_back() {
        assert_eq!(FundingLineKey::ALL.len(), FUNDING_LINES.len());
        for (i, (key, line)) in FundingLineKey::ALL.iter().zip(FUNDING_LINES).enumerate() {
            assert_eq!(*key, line.key);
            assert_eq!(funding_line_index(*key), Some(i));
            assert_eq!(key.as_str().parse::<FundingLineKey>(), Ok(*key));
        }
        assert!("nope".parse::<FundingLineKey>().is_err());
    }
}
