//! Builds the dataset files from the raw public files (native only).
//!
//! `build(dir)` reads every raw file, joins them on the practice code, imputes what is missing
//! (and counts it), checks the national totals, and returns the file and a report. Nothing is
//! written unless every step succeeded: [`write_atomically`] writes a temporary file and renames it.

pub mod absorbed;
mod boundaries;
pub mod table;

use gpfe_core::data::file::{
    AgeColumn, AgeSourceCode, ContractCode, DatasetFile, DetailFile, HistoryFile, HistoryYearFile,
    IcbSourceCode, ImdSourceCode, LocalAreasFile, NamesFile, PaymentColumn, PracticeColumns,
};
use gpfe_core::data::{
    BuildReport, FormulaFit, JoinReport, RuralClass, CARR_HILL_BANDS, DATASET_FILE_NAME,
    DETAIL_FILE_NAME, FIVE_YEAR_BANDS, FIVE_YEAR_BAND_COUNT, FIVE_YEAR_TO_CARR_HILL,
    FORMAT_VERSION, FUNDING_LINES, HEADLINE_LINE_COUNT, HISTORY_FILE_NAME, LOCAL_AREAS_FILE_NAME,
    NAMES_FILE_NAME, PAYMENT_LINES, SEXES,
};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;
use table::{Row, Table};

/// A problem with the raw input, naming where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    pub file: String,
    /// 1-based line in the file, where known.
    pub line: Option<u64>,
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column '{column}'")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for BuildError {}

/// The join-report field of the closure matching.
pub const CLOSURES_FIELD: &str = "lists absorbed from closed practices";

/// The baseline payments file.
pub const PAYMENTS_FILE: &str = "nhs_payments_gp_practice_2022-23.csv";
/// The payments files of earlier years, oldest first, with their years.
pub const HISTORY_FILES: [(&str, &str); 8] = [
    ("2014/15", "nhs_payments_gp_practice_2014-15.csv"),
    ("2015/16", "nhs_payments_gp_practice_2015-16.csv"),
    ("2016/17", "nhs_payments_gp_practice_2016-17.csv"),
    ("2017/18", "nhs_payments_gp_practice_2017-18.csv"),
    ("2018/19", "nhs_payments_gp_practice_2018-19.csv"),
    ("2019/20", "nhs_payments_gp_practice_2019-20.csv"),
    ("2020/21", "nhs_payments_gp_practice_2020-21.csv"),
    ("2021/22", "nhs_payments_gp_practice_2021-22.csv"),
];
const AGE_FILE: &str = "gp-reg-pat-prac-quin-age_2025-12.csv.gz";
const MAP_FILE: &str = "gp-reg-pat-prac-map_2025-12.csv";
const ICB_LOOKUP_FILE: &str = "ccg_to_icb_lookup.csv";
const IMD_FILE: &str = "fingertips_93553_imd2019_practice.csv";
const IMD_HEEC_FILE: &str = "practice_imd_fingertips_93553.csv";
const LOCATIONS_FILE: &str = "practice_locations_codepointopen.csv";
const ALLOCATIONS_FILE: &str = "nhse_practice_weighted_populations_2023-24.csv";
const ALLOCATIONS_2022_FILE: &str = "nhse_practice_weighted_populations_2022-23.csv";
const AREAS_FILE: &str = "practice_area_attributes.csv";
const BOUNDARIES_FILE: &str = "boundaries_icb_2022_ultrasimplified_brc.geojson";
const COUNCIL_BOUNDARIES_FILE: &str = "boundaries_ltla24_buc_geographr.geojson";
const CONSTITUENCY_BOUNDARIES_FILE: &str = "boundaries_pcon2024_buc.geojson";

/// Published national totals for 2022/23 (DATA.md) that the dataset must reproduce exactly.
pub const PUBLISHED_TOTALS: [(&str, &str); 8] = [
    ("registered patients", "62134644.75"),
    ("weighted patients", "62130227.86"),
    ("Global Sum (£)", "4368731529.76"),
    ("Balance of PMS Expenditure (£)", "1652626863.22"),
    ("Total QOF Payments (£)", "768543114.18"),
    ("PCN Participation (£)", "107011996.50"),
    (
        "Total NHS Payments to General Practice (£)",
        "10230094803.70",
    ),
    (
        "Total including Covid and PCN payments (£)",
        "11011986630.11",
    ),
];

/// The attribution lines the licences ask for.
pub const ATTRIBUTION: [&str; 3] = [
    "Contains public sector information licensed under the Open Government Licence v3.0 (NHS England / NHS Digital, OHID, ONS).",
    "Contains OS data © Crown copyright and database right 2025; Contains Royal Mail data © Royal Mail copyright and database right 2025; Contains National Statistics data © Crown copyright and database right 2025.",
    "Source of boundaries: Office for National Statistics licensed under the Open Government Licence v3.0.",
];

// The 2022/23 file's columns 3-6 are misnamed: these headings hold the sub-ICB and PCN.
const SUB_ICB_CODE: &str = "CCG Code";
const SUB_ICB_NAME: &str = "Sub ICB NAME";
const PCN_CODE: &str = "Code";
const PCN_NAME: &str = "CCG NAME";
const REGISTERED: &str = "Number of Registered Patients (Last Known Figure)";
const WEIGHTED: &str = "Number of Weighted Patients (Last Known Figure)";
const TOTAL: &str = "Total NHS Payments to General Practice";
const TOTAL_INCLUDING: &str =
    "Total NHS Payments to General Practice including Covid and PCN payments";

/// Everything read from the 2022/23 payments file for one practice.
struct BaseRow {
    line: u64,
    code: String,
    name: String,
    postcode: String,
    region: usize,
    sub_icb: usize,
    sub_icb_code: String,
    pcn: usize,
    contract: ContractCode,
    dispensing: Option<bool>,
    rural: bool,
    practice_type: String,
    registered: i64,
    weighted: i64,
    payments: Vec<i64>,
    total: i64,
    total_including: i64,
}

/// Where one surgery is.
struct PracticeAreas {
    rural_class: Option<RuralClass>,
    local_authority: Option<[String; 2]>,
    constituency: Option<[String; 2]>,
}

/// Interns (code, name) pairs into a list, keeping first-seen order.
#[derive(Default)]
struct Interner {
    list: Vec<[String; 2]>,
    index: HashMap<String, usize>,
}

impl Interner {
    fn intern(&mut self, code: &str, name: &str) -> usize {
        if let Some(&i) = self.index.get(code) {
            return i;
        }
        self.list.push([code.to_string(), name.to_string()]);
        self.index.insert(code.to_string(), self.list.len() - 1);
        self.list.len() - 1
    }
}

/// The practices of the baseline file and the regions, sub-ICBs and PCNs they name.
struct Base {
    rows: Vec<BaseRow>,
    regions: Interner,
    sub_icbs: Interner,
    pcns: Interner,
}

fn read_base(table: &Table) -> Result<Base, BuildError> {
    let col = |h: &str| table.column(h);
    let (region_code, region_name) = (
        col("NHS England (Region) code")?,
        col("NHS England (Region) Name")?,
    );
    let (sub_code, sub_name, pcn_code, pcn_name) = (
        col(SUB_ICB_CODE)?,
        col(SUB_ICB_NAME)?,
        col(PCN_CODE)?,
        col(PCN_NAME)?,
    );
    let (code, name, postcode) = (
        col("Practice Code")?,
        col("Practice Name")?,
        col("Practice Postcode")?,
    );
    let (contract, dispensing, rurality, practice_type) = (
        col("Contract Type")?,
        col("Dispensing Practice")?,
        col("Practice Rurality")?,
        col("Practice type")?,
    );
    let (registered, weighted, total, total_including) = (
        col(REGISTERED)?,
        col(WEIGHTED)?,
        col(TOTAL)?,
        col(TOTAL_INCLUDING)?,
    );
    let line_columns: Vec<usize> = PAYMENT_LINES
        .iter()
        .map(|l| col(l.column))
        .collect::<Result<_, _>>()?;

    let mut regions = Interner::default();
    let mut sub_icbs = Interner::default();
    let mut pcns = Interner::default();
    let mut rows = Vec::with_capacity(table.len());
    let mut seen = HashMap::new();
    for row in table.rows() {
        let practice = row.text(code).to_string();
        if practice.is_empty() {
            return Err(row.error(code, "the practice code is empty"));
        }
        if let Some(first) = seen.insert(practice.clone(), row.line()) {
            return Err(row.error(
                code,
                format!("practice {practice} is listed twice (first on line {first})"),
            ));
        }
        let required = |c: usize| -> Result<&str, BuildError> {
            let t = row.text(c);
            if t.is_empty() {
                Err(row.error(c, "is empty"))
            } else {
                Ok(t)
            }
        };
        let payments: Vec<i64> = line_columns
            .iter()
            .map(|&c| row.hundredths(c))
            .collect::<Result<_, _>>()?;
        let headline: i64 = payments[..HEADLINE_LINE_COUNT].iter().sum();
        let total_value = row.hundredths(total)?;
        if headline != total_value {
            return Err(row.error(
                total,
                format!(
                    "the payment lines add up to {} but the total says {}",
                    Decimal::new(headline, 2),
                    Decimal::new(total_value, 2)
                ),
            ));
        }
        rows.push(BaseRow {
            line: row.line(),
            code: practice,
            name: row.text(name).to_string(),
            postcode: normalise_postcode(row.text(postcode)),
            region: regions.intern(required(region_code)?, row.text(region_name)),
            sub_icb: sub_icbs.intern(required(sub_code)?, row.text(sub_name)),
            sub_icb_code: row.text(sub_code).to_string(),
            pcn: pcns.intern(required(pcn_code)?, row.text(pcn_name)),
            contract: match row.text(contract) {
                "GMS" => ContractCode::Gms,
                "PMS" => ContractCode::Pms,
                "APMS" => ContractCode::Apms,
                "Unknown" | "" => ContractCode::Unknown,
                other => {
                    return Err(row.error(contract, format!("'{other}' is not a contract type")))
                }
            },
            dispensing: match row.text(dispensing) {
                "Yes" => Some(true),
                "No" => Some(false),
                "Unknown" | "" => None,
                other => return Err(row.error(dispensing, format!("'{other}' is not Yes/No"))),
            },
            rural: match row.text(rurality) {
                "Rural" => true,
                "Urban" => false,
                other => {
                    return Err(row.error(rurality, format!("'{other}' is not Urban or Rural")))
                }
            },
            practice_type: row.text(practice_type).to_string(),
            registered: nonnegative(&row, registered)?,
            weighted: nonnegative(&row, weighted)?,
            payments,
            total: total_value,
            total_including: row.hundredths(total_including)?,
        });
    }
    Ok(Base {
        rows,
        regions,
        sub_icbs,
        pcns,
    })
}

fn nonnegative(row: &Row<'_>, column: usize) -> Result<i64, BuildError> {
    let v = row.hundredths(column)?;
    if v < 0 {
        Err(row.error(column, "is negative"))
    } else {
        Ok(v)
    }
}

/// "SW6  7SX" -> "SW6 7SX".
fn normalise_postcode(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The year whose lists are the "before" of list growth.
const PREVIOUS_YEAR: &str = "2021/22";

/// Code, postcode, PCN, CCG and list of each practice in the 2021/22 payments file (whose
/// columns are named correctly), for matching closures to their absorbers.
fn read_list_rows(table: &Table) -> Result<Vec<absorbed::ListRow>, BuildError> {
    let code = table.column("Practice Code")?;
    let postcode = table.column("Practice Postcode")?;
    let pcn = table.column("PCN Code")?;
    let ccg = table.column("CCG Code")?;
    let registered = table.column(REGISTERED)?;
    table
        .rows()
        .map(|row| {
            Ok(absorbed::ListRow {
                code: row.text(code).to_string(),
                postcode: normalise_postcode(row.text(postcode)),
                pcn: row.text(pcn).to_string(),
                sub_icb: row.text(ccg).to_string(),
                registered: row.hundredths_rounded(registered)?.max(0),
            })
        })
        .collect()
}

/// One year of history from a payments file.
fn read_history(year: &str, table: &Table) -> Result<HistoryYearFile, BuildError> {
    let code = table.column("Practice Code")?;
    let registered = table.column(REGISTERED)?;
    let weighted = table.column(WEIGHTED)?;
    let global_sum = table.column("Global Sum")?;
    let qof = table.column("Total QOF Payments")?;
    let total = table.column(TOTAL)?;
    let mut out = HistoryYearFile {
        year: year.to_string(),
        practice: Vec::new(),
        registered: Vec::new(),
        weighted: Vec::new(),
        global_sum: Vec::new(),
        qof: Vec::new(),
        total: Vec::new(),
    };
    for row in table.rows() {
        out.practice.push(row.text(code).to_string());
        // Some years publish lists averaged over quarters, with up to nine decimal places.
        let registered_value = row.hundredths_rounded(registered)?;
        if registered_value < 0 {
            return Err(row.error(registered, "is negative"));
        }
        out.registered.push(registered_value);
        out.weighted.push(match row.text(weighted) {
            "" => None,
            _ => {
                let v = row.hundredths_rounded(weighted)?;
                if v < 0 {
                    return Err(row.error(weighted, "is negative"));
                }
                Some(v)
            }
        });
        out.global_sum.push(row.hundredths(global_sum)?);
        out.qof.push(row.hundredths(qof)?);
        out.total.push(row.hundredths(total)?);
    }
    Ok(out)
}

type AgeProfile = [u64; 2 * FIVE_YEAR_BAND_COUNT];

fn read_ages(table: &Table) -> Result<HashMap<String, AgeProfile>, BuildError> {
    let org_type = table.column("ORG_TYPE")?;
    let code = table.column("ORG_CODE")?;
    let sex = table.column("SEX")?;
    let band = table.column("AGE_GROUP_5")?;
    let patients = table.column("NUMBER_OF_PATIENTS")?;
    let mut profiles: HashMap<String, AgeProfile> = HashMap::new();
    for row in table.rows() {
        if row.text(org_type) != "GP" {
            continue;
        }
        let sex_index = match row.text(sex) {
            "MALE" => 0,
            "FEMALE" => 1,
            "ALL" => continue,
            other => return Err(row.error(sex, format!("'{other}' is not MALE, FEMALE or ALL"))),
        };
        let band_text = row.text(band);
        if band_text == "ALL" {
            continue;
        }
        let band_index = FIVE_YEAR_BANDS
            .iter()
            .position(|b| b.replace('-', "_") == band_text)
            .ok_or_else(|| row.error(band, format!("'{band_text}' is not a five-year band")))?;
        let count = row.count(patients)?;
        profiles
            .entry(row.text(code).to_string())
            .or_insert([0; 40])[sex_index * FIVE_YEAR_BAND_COUNT + band_index] = count;
    }
    Ok(profiles)
}

/// ICB ODS code -> (ONS code, name), from the practice map, and practice -> ICB ODS code.
struct IcbSources {
    by_practice: HashMap<String, String>,
    names: BTreeMap<String, (String, String)>,
    by_sub_icb: HashMap<String, (String, String)>,
}

fn read_icbs(map: &Table, lookup: &Table) -> Result<IcbSources, BuildError> {
    let practice = map.column("PRACTICE_CODE")?;
    let ons = map.column("ONS_ICB_CODE")?;
    let ods = map.column("ICB_CODE")?;
    let name = map.column("ICB_NAME")?;
    let mut by_practice = HashMap::new();
    let mut names = BTreeMap::new();
    for row in map.rows() {
        let icb = row.text(ods);
        if icb.is_empty() {
            return Err(row.error(ods, "is empty"));
        }
        by_practice.insert(row.text(practice).to_string(), icb.to_string());
        names.entry(icb.to_string()).or_insert_with(|| {
            (
                boundaries::map_code(row.text(ons)),
                row.text(name).to_string(),
            )
        });
    }
    let ccg = lookup.column("CCG Code")?;
    let icb_code = lookup.column("ICB Code")?;
    let icb_name = lookup.column("ICB NAME")?;
    let mut by_sub_icb = HashMap::new();
    for row in lookup.rows() {
        by_sub_icb.insert(
            row.text(ccg).to_string(),
            (
                row.text(icb_code).to_string(),
                row.text(icb_name).to_string(),
            ),
        );
    }
    Ok(IcbSources {
        by_practice,
        names,
        by_sub_icb,
    })
}

/// IMD scores by practice code: the Fingertips IMD 2019 export, and the newest score (with its
/// IMD year) in the HEEC extract.
struct ImdScores {
    latest: HashMap<String, f64>,
    older: HashMap<String, (f64, u32)>,
}

fn read_imd(fingertips: &Table, heec: &Table) -> Result<ImdScores, BuildError> {
    let area_type = fingertips.column("Area Type")?;
    let area = fingertips.column("Area Code")?;
    let value = fingertips.column("Value")?;
    let mut latest = HashMap::new();
    for row in fingertips.rows() {
        if row.text(area_type) == "GP" {
            latest.insert(row.text(area).to_string(), row.number(value)?);
        }
    }
    let year = heec.column("Year")?;
    let code = heec.column("AreaCode")?;
    let value = heec.column("Value")?;
    let mut older: HashMap<String, (f64, u32)> = HashMap::new();
    for row in heec.rows() {
        let y: u32 = row
            .text(year)
            .parse()
            .map_err(|_| row.error(year, "is not a year"))?;
        if let Some(v) = row.optional_number(value)? {
            let entry = older.entry(row.text(code).to_string()).or_insert((v, y));
            if y > entry.1 {
                *entry = (v, y);
            }
        }
    }
    Ok(ImdScores { latest, older })
}

/// Rounds to `places` decimal places (for values published with spurious precision).
fn round_to(v: f64, places: i32) -> f64 {
    let factor = 10_f64.powi(places);
    (v * factor).round() / factor
}

/// A value rounded to `places` decimal places, as an integer in units of the last place (what
/// the dataset file stores; the app divides it back, which gives `round_to(v, places)` exactly).
fn scaled(v: f64, places: i32) -> i64 {
    (v * 10_f64.powi(places)).round() as i64
}

/// The four files of a built dataset, and the report.
pub struct Built {
    pub dataset: DatasetFile,
    /// The outlines of England's councils and constituencies, for the map.
    pub local_areas: LocalAreasFile,
    pub names: NamesFile,
    pub detail: DetailFile,
    pub history: HistoryFile,
    pub report: BuildReport,
    /// The 2021/22 practices that closed or merged, and the practices that took their patients.
    pub closures: Vec<absorbed::Closure>,
}

/// The join-report line of the closure matching: matched = closures matched to an absorber,
/// missing = closures left unmatched or ambiguous.
pub fn closure_report(
    closures: &[absorbed::Closure],
    absorbed_lists: &HashMap<String, i64>,
) -> JoinReport {
    use absorbed::MatchRule;
    let count = |rule: MatchRule| closures.iter().filter(|c| c.rule == rule).count();
    let patients = |rule: MatchRule| -> String {
        let centi: i64 = closures
            .iter()
            .filter(|c| c.rule == rule)
            .map(|c| c.lost)
            .sum();
        gpfe_core::format::count(((centi + 50) / 100) as u64)
    };
    let matched = closures.iter().filter(|c| c.absorber.is_some()).count();
    let total: i64 = absorbed_lists.values().sum();
    JoinReport {
        field: CLOSURES_FIELD.into(),
        matched,
        imputed: 0,
        missing: closures.len() - matched,
        how: format!(
            "{} practices closed or merged between the 2021/22 and 2022/23 payments files (list down by at least 100 patients and by more than half); {} matched by postcode ({} patients), {} by PCN ({}), {} by sub-ICB ({}); {} ambiguous ({}) and {} unmatched ({}). {} patients taken over by {} practices are not counted as new registrants.",
            closures.len(),
            count(MatchRule::Postcode),
            patients(MatchRule::Postcode),
            count(MatchRule::Pcn),
            patients(MatchRule::Pcn),
            count(MatchRule::SubIcb),
            patients(MatchRule::SubIcb),
            count(MatchRule::Ambiguous),
            patients(MatchRule::Ambiguous),
            count(MatchRule::Unmatched),
            patients(MatchRule::Unmatched),
            gpfe_core::format::count(((total + 50) / 100) as u64),
            absorbed_lists.len(),
        ),
    }
}

/// Builds the dataset from the raw files in `dir`.
pub fn build(dir: &Path) -> Result<Built, BuildError> {
    let mut rows_read: Vec<(String, usize)> = Vec::new();
    let mut read = |name: &str, required: &[&str]| -> Result<Table, BuildError> {
        let table = Table::read(dir, name, required)?;
        rows_read.push((name.to_string(), table.len()));
        Ok(table)
    };

    let payments = read(PAYMENTS_FILE, &[])?;
    let Base {
        rows: base,
        regions,
        sub_icbs,
        pcns,
    } = read_base(&payments)?;
    let mut history_years = Vec::new();
    let mut before_rows = Vec::new();
    for (year, file) in HISTORY_FILES {
        let table = read(file, &[])?;
        if year == PREVIOUS_YEAR {
            before_rows = read_list_rows(&table)?;
        }
        history_years.push(read_history(year, &table)?);
    }
    history_years.push(read_history("2022/23", &payments)?);
    let ages = read_ages(&read(AGE_FILE, &[])?)?;
    let icb_sources = read_icbs(&read(MAP_FILE, &[])?, &read(ICB_LOOKUP_FILE, &[])?)?;
    let ImdScores {
        latest: imd_latest,
        older: imd_older,
    } = read_imd(&read(IMD_FILE, &[])?, &read(IMD_HEEC_FILE, &[])?)?;

    let locations_table = read(LOCATIONS_FILE, &["practice_code", "latitude", "longitude"])?;
    let mut locations = HashMap::new();
    {
        let code = locations_table.column("practice_code")?;
        let lat = locations_table.column("latitude")?;
        let lon = locations_table.column("longitude")?;
        for row in locations_table.rows() {
            if let (Some(a), Some(b)) = (row.optional_number(lat)?, row.optional_number(lon)?) {
                if !(49.0..=61.0).contains(&a) || !(-9.0..=3.0).contains(&b) {
                    return Err(row.error(lat, format!("({a}, {b}) is not in England")));
                }
                // Four places is about 10 m: more than enough for a dot on a map.
                locations.insert(row.text(code).to_string(), (round_to(a, 4), round_to(b, 4)));
            }
        }
    }

    let allocations_table = read(ALLOCATIONS_FILE, &[])?;
    let mut allocations = HashMap::new();
    {
        let code = allocations_table.column("Practice_Code")?;
        let pmc = allocations_table.column("Primary Medical Care WP")?;
        let hi = allocations_table.column("Health Ineq WP")?;
        let fin = allocations_table.column("Final PMC WP")?;
        for row in allocations_table.rows() {
            let values = [row.number(pmc)?, row.number(hi)?, row.number(fin)?];
            for (v, c) in values.iter().zip([pmc, hi, fin]) {
                if *v < 0.0 {
                    return Err(row.error(c, "is negative"));
                }
            }
            // The app derives the final figure from the other two; check that it may.
            if (0.85 * values[0] + 0.15 * values[1] - values[2]).abs() > 1e-6 * values[2].max(1.0) {
                return Err(row.error(
                    fin,
                    "is not 0.85 x primary medical care + 0.15 x health inequalities",
                ));
            }
            allocations.insert(row.text(code).to_string(), values.map(|v| round_to(v, 1)));
        }
    }

    // The 2022/23 allocations: the primary medical care need-weighted list of the same year
    // as the payments.
    let allocations_2022_table = read(
        ALLOCATIONS_2022_FILE,
        &["Practice_Code", "Primary Medical Care WP"],
    )?;
    let mut pmc_2022 = HashMap::new();
    {
        let code = allocations_2022_table.column("Practice_Code")?;
        let pmc = allocations_2022_table.column("Primary Medical Care WP")?;
        for row in allocations_2022_table.rows() {
            let v = row.number(pmc)?;
            if v < 0.0 {
                return Err(row.error(pmc, "is negative"));
            }
            pmc_2022.insert(row.text(code).to_string(), round_to(v, 1));
        }
    }

    // Where the surgery is: its neighbourhood's rural-urban class (2021), its council (May 2024)
    // and its constituency (July 2024). They describe the surgery's location, not its patients'.
    let areas_table = read(
        AREAS_FILE,
        &[
            "practice_code",
            "ruc21_code",
            "ltla24_code",
            "ltla24_name",
            "pcon24_code",
            "pcon24_name",
        ],
    )?;
    let mut practice_areas: HashMap<String, PracticeAreas> = HashMap::new();
    {
        let code = areas_table.column("practice_code")?;
        let ruc = areas_table.column("ruc21_code")?;
        let (la, la_name) = (
            areas_table.column("ltla24_code")?,
            areas_table.column("ltla24_name")?,
        );
        let (pcon, pcon_name) = (
            areas_table.column("pcon24_code")?,
            areas_table.column("pcon24_name")?,
        );
        let pair = |row: &Row<'_>, c: usize, n: usize| -> Result<Option<[String; 2]>, BuildError> {
            match (row.text(c), row.text(n)) {
                ("", "") => Ok(None),
                ("", _) | (_, "") => {
                    Err(row.error(c, "has a code without a name or a name without a code"))
                }
                (code, name) => Ok(Some([code.to_string(), name.to_string()])),
            }
        };
        for row in areas_table.rows() {
            let rural_class = match row.text(ruc) {
                "" => None,
                text => Some(RuralClass::from_code(text).ok_or_else(|| {
                    row.error(ruc, format!("{text} is not a 2021 rural-urban class"))
                })?),
            };
            practice_areas.insert(
                row.text(code).to_string(),
                PracticeAreas {
                    rural_class,
                    local_authority: pair(&row, la, la_name)?,
                    constituency: pair(&row, pcon, pcon_name)?,
                },
            );
        }
    }

    let boundaries_text =
        std::fs::read_to_string(dir.join(BOUNDARIES_FILE)).map_err(|e| BuildError {
            file: BOUNDARIES_FILE.to_string(),
            line: None,
            column: None,
            message: format!("cannot read: {e}"),
        })?;
    let boundaries = boundaries::simplify(&boundaries_text, BOUNDARIES_FILE)?;
    rows_read.push((BOUNDARIES_FILE.to_string(), boundaries.len()));
    // England's councils and constituencies (ONS codes starting E), for the map of local areas.
    let mut local_outlines = Vec::new();
    for (file, keys) in [
        (COUNCIL_BOUNDARIES_FILE, ("ltla24_code", "ltla24_name")),
        (CONSTITUENCY_BOUNDARIES_FILE, ("pcon24_code", "pcon24_name")),
    ] {
        let text = std::fs::read_to_string(dir.join(file)).map_err(|e| BuildError {
            file: file.to_string(),
            line: None,
            column: None,
            message: format!("cannot read: {e}"),
        })?;
        let outlines = boundaries::simplify_keyed(&text, file, keys, |code| code.starts_with('E'))?;
        rows_read.push((file.to_string(), outlines.len()));
        local_outlines.push(outlines);
    }
    let constituency_outlines = local_outlines.pop().unwrap_or_default();
    let council_outlines = local_outlines.pop().unwrap_or_default();

    let n = base.len();
    let mut joins = Vec::new();

    // ICB: the December 2025 map, else the CCG lookup through the sub-ICB code.
    let mut icbs = Interner::default();
    let mut icb_index = Vec::with_capacity(n);
    let mut icb_source = Vec::with_capacity(n);
    let (mut from_map, mut from_lookup) = (0, 0);
    let mut icb_map_codes: HashMap<String, String> = HashMap::new();
    for b in &base {
        let (code, source) = match icb_sources.by_practice.get(&b.code) {
            Some(code) => {
                from_map += 1;
                (code.clone(), IcbSourceCode::Map)
            }
            None => match icb_sources.by_sub_icb.get(&b.sub_icb_code) {
                Some((code, _)) => {
                    from_lookup += 1;
                    (code.clone(), IcbSourceCode::Lookup)
                }
                None => {
                    return Err(BuildError {
                        file: PAYMENTS_FILE.to_string(),
                        line: Some(b.line),
                        column: Some(SUB_ICB_CODE.to_string()),
                        message: format!(
                            "practice {} is in neither {MAP_FILE} nor, by its sub-ICB {}, {ICB_LOOKUP_FILE}",
                            b.code, b.sub_icb_code
                        ),
                    })
                }
            },
        };
        let (map_code, name) = match icb_sources.names.get(&code) {
            Some((map_code, name)) => (map_code.clone(), name.clone()),
            None => {
                let name = icb_sources
                    .by_sub_icb
                    .values()
                    .find(|(c, _)| *c == code)
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default();
                (String::new(), name)
            }
        };
        icb_map_codes.insert(code.clone(), map_code);
        icb_index.push(icbs.intern(&code, &name));
        icb_source.push(source);
    }
    joins.push(JoinReport {
        field: "ICB".into(),
        matched: from_map,
        imputed: from_lookup,
        missing: 0,
        how: format!("{MAP_FILE} by practice code; otherwise {ICB_LOOKUP_FILE} by sub-ICB code"),
    });

    // Age and sex: the practice's own profile, else its sub-ICB's, else England's.
    let mut sub_icb_profiles: HashMap<usize, AgeProfile> = HashMap::new();
    let mut england: AgeProfile = [0; 40];
    for b in &base {
        if let Some(p) = ages.get(&b.code).filter(|p| p.iter().sum::<u64>() > 0) {
            let area = sub_icb_profiles.entry(b.sub_icb).or_insert([0; 40]);
            for i in 0..40 {
                area[i] += p[i];
                england[i] += p[i];
            }
        }
    }
    let mut age_profiles = Vec::with_capacity(n);
    let mut age_source = Vec::with_capacity(n);
    let (mut age_own, mut age_sub, mut age_england) = (0, 0, 0);
    for b in &base {
        match ages.get(&b.code).filter(|p| p.iter().sum::<u64>() > 0) {
            Some(p) => {
                age_own += 1;
                age_profiles.push(*p);
                age_source.push(AgeSourceCode::Practice);
            }
            None => match sub_icb_profiles.get(&b.sub_icb) {
                Some(p) => {
                    age_sub += 1;
                    age_profiles.push(*p);
                    age_source.push(AgeSourceCode::SubIcb);
                }
                None => {
                    age_england += 1;
                    age_profiles.push(england);
                    age_source.push(AgeSourceCode::England);
                }
            },
        }
    }
    joins.push(JoinReport {
        field: "age-sex profile".into(),
        matched: age_own,
        imputed: age_sub + age_england,
        missing: 0,
        how: format!(
            "{AGE_FILE} (December 2025) rescaled to the 2022/23 list; otherwise the sub-ICB's combined profile ({age_sub}) or England's ({age_england})"
        ),
    });

    // IMD 2019: Fingertips, else the HEEC extract (2019, then 2015), else the sub-ICB mean.
    let mut imd: Vec<Option<(f64, ImdSourceCode)>> = base
        .iter()
        .map(|b| {
            if let Some(&v) = imd_latest.get(&b.code) {
                Some((v, ImdSourceCode::Fingertips2019))
            } else {
                match imd_older.get(&b.code) {
                    Some(&(v, 2019)) => Some((v, ImdSourceCode::Heec2019)),
                    Some(&(v, 2015)) => Some((v, ImdSourceCode::Heec2015)),
                    _ => None,
                }
            }
        })
        .collect();
    let mut sub_icb_imd: HashMap<usize, (f64, f64)> = HashMap::new();
    let mut england_imd = (0.0, 0.0);
    for (b, v) in base.iter().zip(&imd) {
        if let Some((score, _)) = v {
            let weight = (b.registered as f64).max(1.0);
            let e = sub_icb_imd.entry(b.sub_icb).or_insert((0.0, 0.0));
            e.0 += score * weight;
            e.1 += weight;
            england_imd.0 += score * weight;
            england_imd.1 += weight;
        }
    }
    let mut imd_counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (b, v) in base.iter().zip(imd.iter_mut()) {
        if v.is_none() {
            let (sum, weight) = sub_icb_imd.get(&b.sub_icb).copied().unwrap_or(england_imd);
            if weight <= 0.0 {
                return Err(BuildError {
                    file: IMD_FILE.to_string(),
                    line: None,
                    column: None,
                    message: "no practice has an IMD score".into(),
                });
            }
            *v = Some((sum / weight, ImdSourceCode::SubIcbMean));
        }
        let key = match v.map(|x| x.1) {
            Some(ImdSourceCode::Fingertips2019) => "fingertips",
            Some(ImdSourceCode::Heec2019) => "heec2019",
            Some(ImdSourceCode::Heec2015) => "heec2015",
            _ => "mean",
        };
        *imd_counts.entry(key).or_default() += 1;
    }
    let imd_matched = imd_counts.get("fingertips").copied().unwrap_or(0)
        + imd_counts.get("heec2019").copied().unwrap_or(0);
    joins.push(JoinReport {
        field: "IMD 2019 score".into(),
        matched: imd_matched,
        imputed: n - imd_matched,
        missing: 0,
        how: format!(
            "{IMD_FILE} ({}); otherwise {IMD_HEEC_FILE}, IMD 2019 ({}) or IMD 2015 ({}); otherwise the sub-ICB's mean weighted by registered patients ({})",
            imd_counts.get("fingertips").copied().unwrap_or(0),
            imd_counts.get("heec2019").copied().unwrap_or(0),
            imd_counts.get("heec2015").copied().unwrap_or(0),
            imd_counts.get("mean").copied().unwrap_or(0),
        ),
    });

    let located = base
        .iter()
        .filter(|b| locations.contains_key(&b.code))
        .count();
    joins.push(JoinReport {
        field: "location".into(),
        matched: located,
        imputed: 0,
        missing: n - located,
        how: format!(
            "{LOCATIONS_FILE} (postcode centroids); practices without one are not on the map"
        ),
    });
    let allocated = base
        .iter()
        .filter(|b| allocations.contains_key(&b.code))
        .count();
    joins.push(JoinReport {
        field: "NHS England allocation weighted populations".into(),
        matched: allocated,
        imputed: 0,
        missing: n - allocated,
        how: format!("{ALLOCATIONS_FILE}, rounded to 0.1 patient"),
    });
    let allocated_2022 = base
        .iter()
        .filter(|b| pmc_2022.contains_key(&b.code))
        .count();
    joins.push(JoinReport {
        field: "NHS England primary medical care need-weighted list, 2022/23".into(),
        matched: allocated_2022,
        imputed: 0,
        missing: n - allocated_2022,
        how: format!("{ALLOCATIONS_2022_FILE}, rounded to 0.1 patient"),
    });
    let mut local_authorities = Interner::default();
    let mut constituencies = Interner::default();
    let mut rural_class = Vec::with_capacity(n);
    let mut local_authority = Vec::with_capacity(n);
    let mut constituency = Vec::with_capacity(n);
    for b in &base {
        let areas = practice_areas.get(&b.code);
        rural_class.push(areas.and_then(|a| a.rural_class));
        local_authority.push(
            areas
                .and_then(|a| a.local_authority.as_ref())
                .map(|[code, name]| local_authorities.intern(code, name)),
        );
        constituency.push(
            areas
                .and_then(|a| a.constituency.as_ref())
                .map(|[code, name]| constituencies.intern(code, name)),
        );
    }
    for (field, found) in [
        (
            "rural-urban class 2021 of the surgery's neighbourhood",
            rural_class.iter().filter(|c| c.is_some()).count(),
        ),
        (
            "local authority (May 2024) of the surgery",
            local_authority.iter().filter(|c| c.is_some()).count(),
        ),
        (
            "Westminster constituency (July 2024) of the surgery",
            constituency.iter().filter(|c| c.is_some()).count(),
        ),
    ] {
        joins.push(JoinReport {
            field: field.into(),
            matched: found,
            imputed: 0,
            missing: n - found,
            how: format!("{AREAS_FILE} by practice code (the surgery's location; practices without a geocoded postcode have none)"),
        });
    }
    let previous = history_years
        .iter()
        .find(|y| y.year == "2021/22")
        .map(|y| {
            y.practice
                .iter()
                .cloned()
                .zip(y.registered.iter().copied())
                .collect::<HashMap<_, _>>()
        })
        .unwrap_or_default();
    let with_previous = base
        .iter()
        .filter(|b| previous.contains_key(&b.code))
        .count();
    joins.push(JoinReport {
        field: "registered patients 2021/22".into(),
        matched: with_previous,
        imputed: 0,
        missing: n - with_previous,
        how: "nhs_payments_gp_practice_2021-22.csv by practice code".into(),
    });

    // Closed or merged practices: their patients are not new registrants of the practice that
    // took them over (see `absorbed` for the rule).
    let now_rows: Vec<absorbed::ListRow> = base
        .iter()
        .map(|b| absorbed::ListRow {
            code: b.code.clone(),
            postcode: b.postcode.clone(),
            pcn: pcns.list[b.pcn][0].clone(),
            sub_icb: b.sub_icb_code.clone(),
            registered: b.registered,
        })
        .collect();
    let closures = absorbed::match_closures(&before_rows, &now_rows);
    let absorbed_lists = absorbed::absorbed_by_practice(&closures);
    joins.push(closure_report(&closures, &absorbed_lists));

    // IMD for the history: the newest score published for every practice that appears.
    let mut history_imd: BTreeMap<String, f64> = BTreeMap::new();
    for y in &history_years {
        for code in &y.practice {
            if let Some(&v) = imd_latest.get(code) {
                history_imd.insert(code.clone(), round_to(v, 3));
            } else if let Some(&(v, _)) = imd_older.get(code) {
                history_imd.insert(code.clone(), round_to(v, 3));
            }
        }
    }

    let icb_list: Vec<[String; 3]> = icbs
        .list
        .iter()
        .map(|[code, name]| {
            [
                code.clone(),
                icb_map_codes.get(code).cloned().unwrap_or_default(),
                name.clone(),
            ]
        })
        .collect();

    let payment_column = |key: &str| PAYMENT_LINES.iter().position(|l| l.key == key);
    let funding_of = |b: &BaseRow, members: &[&str]| -> i64 {
        members
            .iter()
            .filter_map(|m| payment_column(m))
            .map(|i| b.payments[i])
            .sum()
    };
    let carr_hill_counts = |p: &AgeProfile, column: usize| -> u64 {
        let (sex, band) = (
            column / CARR_HILL_BANDS.len(),
            column % CARR_HILL_BANDS.len(),
        );
        FIVE_YEAR_TO_CARR_HILL
            .iter()
            .enumerate()
            .filter(|(_, &ch)| ch == band)
            .map(|(five, _)| p[sex * FIVE_YEAR_BAND_COUNT + five])
            .sum()
    };
    let mut practice_types = Interner::default();
    let practice_type = base
        .iter()
        .map(|b| practice_types.intern(&b.practice_type, ""))
        .collect();
    let scaled_location = |b: &BaseRow, which: usize| {
        locations.get(&b.code).map(|l: &(f64, f64)| {
            let degrees = if which == 0 { l.0 } else { l.1 };
            scaled(degrees, 4) as i32
        })
    };
    let practices = PracticeColumns {
        code: base.iter().map(|b| b.code.clone()).collect(),
        region: base.iter().map(|b| b.region).collect(),
        sub_icb: base.iter().map(|b| b.sub_icb).collect(),
        icb: icb_index,
        icb_source,
        pcn: base.iter().map(|b| Some(b.pcn)).collect(),
        contract: base.iter().map(|b| b.contract).collect(),
        dispensing: base.iter().map(|b| b.dispensing).collect(),
        rural: base.iter().map(|b| b.rural).collect(),
        practice_type,
        latitude: base.iter().map(|b| scaled_location(b, 0)).collect(),
        longitude: base.iter().map(|b| scaled_location(b, 1)).collect(),
        registered: base.iter().map(|b| b.registered).collect(),
        weighted: base.iter().map(|b| b.weighted).collect(),
        registered_previous: base
            .iter()
            .map(|b| previous.get(&b.code).copied())
            .collect(),
        registered_absorbed: base
            .iter()
            .map(|b| absorbed_lists.get(&b.code).copied().unwrap_or(0))
            .collect(),
        funding: FUNDING_LINES
            .iter()
            .map(|line| PaymentColumn {
                key: line.key.to_string(),
                pence: base.iter().map(|b| funding_of(b, line.members)).collect(),
            })
            .collect(),
        age_counts: (0..2 * CARR_HILL_BANDS.len())
            .map(|i| AgeColumn {
                sex: SEXES[i / CARR_HILL_BANDS.len()].to_string(),
                band: CARR_HILL_BANDS[i % CARR_HILL_BANDS.len()].to_string(),
                patients: age_profiles
                    .iter()
                    .map(|p| carr_hill_counts(p, i))
                    .collect(),
            })
            .collect(),
        age_source,
        imd_score: imd
            .iter()
            .map(|v| scaled(v.map_or(0.0, |x| x.0), 3) as i32)
            .collect(),
        imd_source: imd
            .iter()
            .map(|v| v.map_or(ImdSourceCode::SubIcbMean, |x| x.1))
            .collect(),
        rural_class,
        local_authority,
        constituency,
        allocation_pmc: base
            .iter()
            .map(|b| allocations.get(&b.code).map(|a| scaled(a[0], 1)))
            .collect(),
        allocation_health_inequalities: base
            .iter()
            .map(|b| allocations.get(&b.code).map(|a| scaled(a[1], 1)))
            .collect(),
        allocation_pmc_2022: base
            .iter()
            .map(|b| pmc_2022.get(&b.code).map(|&v| scaled(v, 1)))
            .collect(),
    };
    let names = NamesFile {
        format: FORMAT_VERSION,
        year: "2022/23".to_string(),
        code: base.iter().map(|b| b.code.clone()).collect(),
        name: base.iter().map(|b| b.name.clone()).collect(),
        postcode: base.iter().map(|b| b.postcode.clone()).collect(),
    };
    let detail = DetailFile {
        format: FORMAT_VERSION,
        year: "2022/23".to_string(),
        code: base.iter().map(|b| b.code.clone()).collect(),
        payments: PAYMENT_LINES
            .iter()
            .enumerate()
            .map(|(i, line)| PaymentColumn {
                key: line.key.to_string(),
                pence: base.iter().map(|b| b.payments[i]).collect(),
            })
            .collect(),
        total_including_covid_and_pcn: base.iter().map(|b| b.total_including).collect(),
        age_counts: (0..2 * FIVE_YEAR_BAND_COUNT)
            .map(|i| AgeColumn {
                sex: SEXES[i / FIVE_YEAR_BAND_COUNT].to_string(),
                band: FIVE_YEAR_BANDS[i % FIVE_YEAR_BAND_COUNT].to_string(),
                patients: age_profiles.iter().map(|p| p[i]).collect(),
            })
            .collect(),
    };

    let centi = |v: i64| Decimal::new(v, 2).to_string();
    let line_total = |key: &str| {
        let i = PAYMENT_LINES.iter().position(|l| l.key == key).unwrap_or(0);
        base.iter().map(|b| b.payments[i]).sum::<i64>()
    };
    let totals = vec![
        ("practices".to_string(), n.to_string()),
        (
            "practices with registered patients".to_string(),
            base.iter().filter(|b| b.registered > 0).count().to_string(),
        ),
        (
            "registered patients".to_string(),
            centi(base.iter().map(|b| b.registered).sum()),
        ),
        (
            "weighted patients".to_string(),
            centi(base.iter().map(|b| b.weighted).sum()),
        ),
        (
            "Global Sum (£)".to_string(),
            centi(line_total("global_sum")),
        ),
        (
            "MPIG Correction factor (£)".to_string(),
            centi(line_total("mpig")),
        ),
        (
            "Balance of PMS Expenditure (£)".to_string(),
            centi(line_total("pms_balance")),
        ),
        (
            "Total QOF Payments (£)".to_string(),
            centi(line_total("qof")),
        ),
        (
            "PCN Participation (£)".to_string(),
            centi(line_total("pcn_participation")),
        ),
        (
            "Total NHS Payments to General Practice (£)".to_string(),
            centi(base.iter().map(|b| b.total).sum()),
        ),
        (
            "Total including Covid and PCN payments (£)".to_string(),
            centi(base.iter().map(|b| b.total_including).sum()),
        ),
    ];
    for (field, published) in PUBLISHED_TOTALS {
        let ours = totals.iter().find(|(f, _)| f == field).map(|(_, v)| v);
        let matches =
            ours.and_then(|v| v.parse::<Decimal>().ok()) == published.parse::<Decimal>().ok();
        if !matches {
            return Err(BuildError {
                file: PAYMENTS_FILE.to_string(),
                line: None,
                column: Some(field.to_string()),
                message: format!(
                    "the national total is {} but the published figure is {published}",
                    ours.map_or("missing", |v| v.as_str())
                ),
            });
        }
    }

    let report = BuildReport {
        rows_read,
        joins,
        totals,
    };
    let mut dataset = DatasetFile {
        format: FORMAT_VERSION,
        year: "2022/23".to_string(),
        attribution: ATTRIBUTION.iter().map(|s| s.to_string()).collect(),
        regions: regions.list,
        icbs: icb_list,
        sub_icbs: sub_icbs.list,
        pcns: pcns.list,
        local_authorities: local_authorities.list,
        constituencies: constituencies.list,
        practice_types: practice_types.list.into_iter().map(|[t, _]| t).collect(),
        practices,
        formula_fit: None,
        boundaries,
        report: report.clone(),
    };
    dataset.formula_fit = Some(fit_formula(&dataset)?);
    let history = HistoryFile {
        format: FORMAT_VERSION,
        years: history_years,
        imd_code: history_imd.keys().cloned().collect(),
        imd_score: history_imd.values().copied().collect(),
    };
    Ok(Built {
        dataset,
        local_areas: LocalAreasFile {
            format: FORMAT_VERSION,
            councils: council_outlines,
            constituencies: constituency_outlines,
        },
        names,
        detail,
        history,
        report,
        closures,
    })
}

/// The split of the rest of the formula into parts, fitted on the dataset's own inputs (see
/// `gpfe_core::model::parts`): the model's inputs are derived from the file without a fit, and
/// the fit is made on them.
fn fit_formula(file: &DatasetFile) -> Result<FormulaFit, BuildError> {
    let error = |message: String| BuildError {
        file: PAYMENTS_FILE.to_string(),
        line: None,
        column: None,
        message,
    };
    let dataset = file
        .clone()
        .into_dataset()
        .map_err(|e| error(format!("the dataset does not check: {e}")))?;
    let inputs = gpfe_core::model::FormulaInputs::new(&dataset);
    let fit = inputs.parts.fit;
    if fit.practices == 0 {
        return Err(error(
            "the rest of the formula could not be fitted: no practice, or a singular design".into(),
        ));
    }
    Ok(fit)
}

/// Encodes the four files and writes them into `out_dir`, each through a temporary file so
/// that a failure never leaves a partial file behind. Returns (path, bytes) per file.
pub fn write_files(
    built: &Built,
    out_dir: &Path,
) -> Result<Vec<(std::path::PathBuf, usize)>, String> {
    use gpfe_core::data::file::encode;
    let files = [
        (DATASET_FILE_NAME, encode(&built.dataset)?),
        (NAMES_FILE_NAME, encode(&built.names)?),
        (DETAIL_FILE_NAME, encode(&built.detail)?),
        (HISTORY_FILE_NAME, encode(&built.history)?),
        (LOCAL_AREAS_FILE_NAME, encode(&built.local_areas)?),
    ];
    std::fs::create_dir_all(out_dir)
        .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let mut written = Vec::new();
    for (name, bytes) in &files {
        let path = out_dir.join(name);
        write_atomically(&path, bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push((path, bytes.len()));
    }
    Ok(written)
}

/// Writes `contents` to `path` through a temporary file in the same folder, so a failure
/// never leaves a partial file behind.
pub fn write_atomically(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&tmp, contents)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// The report as text, for the terminal.
pub fn format_report(report: &BuildReport) -> String {
    let mut out = String::from("Rows read\n");
    for (file, rows) in &report.rows_read {
        out += &format!("  {rows:>8}  {file}\n");
    }
    out += "Joins (matched / imputed / missing)\n";
    for j in &report.joins {
        out += &format!(
            "  {}: {} / {} / {}\n      {}\n",
            j.field, j.matched, j.imputed, j.missing, j.how
        );
    }
    out += "National totals, 2022/23\n";
    for (field, value) in &report.totals {
        let check = PUBLISHED_TOTALS
            .iter()
            .find(|(f, _)| f == field)
            .map_or("", |_| "  (equals the published total)");
        out += &format!("  {field}: {value}{check}\n");
    }
    out
}
