//! The built-in dataset: the committed files in public/data, checked against the published
//! figures, a few practices field by field, and the builder rebuilt from the raw files.
#![cfg(not(target_arch = "wasm32"))]

use gpfe_build::{build, write_files};
use gpfe_core::data::{
    AgeSource, ContractType, Dataset, ImdSource, Rurality, DATASET_FILE_NAME, DETAIL_FILE_NAME,
    FIVE_YEAR_BANDS, FORMAT_VERSION, FUNDING_LINES, HISTORY_FILE_NAME, NAMES_FILE_NAME,
    PAYMENT_LINES,
};
use rust_decimal::Decimal;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The raw public files the dataset is built from: `$GPFE_DATA_DIR`, or `../shared/data` beside
/// the checkout. A clone on its own has neither; the tests that need them then print one line
/// saying so and how to run them, and check nothing else.
fn raw_data_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("GPFE_DATA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared/data"));
    if dir.join(PAYMENTS).is_file() {
        return Some(dir);
    }
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    // Written to the handle, not with eprintln!, so the test harness shows it rather than
    // keeping it for failures only.
    let _ = writeln!(
        std::io::stderr(),
        "skipped {test}: it needs the raw public files, which are not in {}; \
         put the project's shared/ folder beside the checkout or set GPFE_DATA_DIR to run it",
        dir.display()
    );
    None
}

/// The raw files' folder, or returns from the test after saying it was skipped.
macro_rules! raw_data_or_skip {
    () => {
        match raw_data_dir() {
            Some(dir) => dir,
            None => return,
        }
    };
}

fn read(name: &str) -> Vec<u8> {
    let path = repo().join("public/data").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The committed dataset with its names, detail and history attached, decoded once.
fn dataset() -> &'static Dataset {
    static DATASET: OnceLock<Dataset> = OnceLock::new();
    DATASET.get_or_init(|| {
        let mut d = Dataset::from_files(&read(DATASET_FILE_NAME), &read(NAMES_FILE_NAME))
            .expect("start-up and names files decode");
        d.attach_detail(&read(DETAIL_FILE_NAME))
            .expect("detail file decodes");
        d.attach_history(&read(HISTORY_FILE_NAME))
            .expect("history file decodes");
        d
    })
}

fn pounds(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn funding(code: &str, key: &str) -> i64 {
    dataset()
        .practice(code)
        .unwrap()
        .funding_line(key.parse().unwrap())
        .unwrap()
}

#[test]
fn national_totals_equal_the_published_2022_23_figures() {
    let d = dataset();
    let t = d.national_totals();
    let line = |key: &str| {
        t.funding[FUNDING_LINES
            .iter()
            .position(|l| l.key.as_str() == key)
            .unwrap()]
    };
    assert_eq!(t.practices, 6_669);
    assert_eq!(t.registered_patients, pounds("62134644.75"));
    assert_eq!(t.weighted_patients, pounds("62130227.86"));
    assert_eq!(line("global_sum"), pounds("4368731529.76"));
    assert_eq!(line("pms_balance"), pounds("1652626863.22"));
    assert_eq!(line("qof"), pounds("768543114.18"));
    assert_eq!(line("pcn_participation"), pounds("107011996.50"));
    assert_eq!(t.total, pounds("10230094803.70"));
    let detail = d.detail.as_ref().unwrap();
    let including: i64 = detail
        .iter()
        .map(|p| p.total_including_covid_and_pcn_pence)
        .sum();
    assert_eq!(Decimal::new(including, 2), pounds("11011986630.11"));
}

#[test]
fn every_practice_is_kept_and_those_without_patients_are_recognisable() {
    let d = dataset();
    assert_eq!(d.practices.len(), 6_669);
    let with_patients = d
        .practices
        .iter()
        .filter(|p| p.registered_centi > 0)
        .count();
    assert_eq!(with_patients, 6_463);
    let lagan = d.practice("A81015").unwrap();
    assert_eq!(lagan.registered_centi, 0);
    assert_eq!(lagan.total_pence(), -262_876);
    assert_eq!(d.regions.len(), 7);
    assert_eq!(d.sub_icbs.len(), 106);
    assert_eq!(d.pcns.len(), 1_273);
    assert_eq!(d.icbs.len(), 42);
}

#[test]
fn gp_at_hand_field_by_field() {
    let d = dataset();
    let p = d.practice("E85124").unwrap();
    assert_eq!(p.name, "GP AT HAND");
    assert_eq!(p.postcode, "SW6 7SX");
    assert_eq!(d.regions[p.region].code, "Y56");
    assert_eq!(d.sub_icbs[p.sub_icb].code, "W2U3Z");
    assert_eq!(d.icbs[p.icb].code, "QRV");
    assert_eq!(d.icbs[p.icb].map_code, "E54000027");
    assert_eq!(
        d.icbs[p.icb].name,
        "NHS North West London Integrated Care Board"
    );
    let pcn = &d.pcns[p.pcn.unwrap()];
    assert_eq!(
        (pcn.code.as_str(), pcn.name.as_str()),
        ("U19803", "BABYLON GP AT HAND PCN")
    );
    assert_eq!(p.contract, ContractType::Gms);
    assert_eq!(p.dispensing, Some(false));
    assert_eq!(p.rurality, Rurality::Urban);
    assert_eq!(p.location, Some((51.4848, -0.2034)));
    assert_eq!(p.registered_centi, 10_948_450);
    assert_eq!(p.weighted_centi, 8_403_272);
    assert_eq!(p.registered_previous_centi, Some(10_588_050));
    assert_eq!(funding("E85124", "global_sum"), 845_032_131);
    assert_eq!(funding("E85124", "mpig"), 0);
    assert_eq!(funding("E85124", "qof"), 49_398_690);
    assert_eq!(funding("E85124", "premises"), 7_881_692);
    assert_eq!(funding("E85124", "pcn_participation"), 15_519_682);
    assert_eq!(p.total_pence(), 999_190_840);
    assert_eq!(p.imd_score, 23.136);
    assert_eq!(p.imd_source, ImdSource::Fingertips2019);
    let a = p.allocation_weights.unwrap();
    assert_eq!(a.primary_medical_care, 90_783.5);
    assert_eq!(a.health_inequalities, 91_644.4);
    assert!((a.final_primary_medical_care() - 90_912.59).abs() < 0.1);
    // The 2022/23 allocations' need-weighted list (85,910.52 in the file, to 0.1 patient).
    assert_eq!(p.pmc_2022, Some(85_910.5));

    // December 2025 profile (98,293 patients) rescaled to the 2022/23 list of 109,484.5.
    assert_eq!(p.age_source, AgeSource::Practice);
    let scale = 109_484.5 / 98_293.0;
    let men_15_to_44 = (999 + 5_695 + 10_740 + 15_193 + 11_060 + 6_074) as f64;
    assert!((p.carr_hill[0][2] - men_15_to_44 * scale).abs() < 1e-6);
    let women_85_plus = (17 + 9) as f64;
    assert!((p.carr_hill[1][6] - women_85_plus * scale).abs() < 1e-9);

    let detail = &d.detail.as_ref().unwrap()[d.practice_index("E85124").unwrap()];
    assert_eq!(detail.payment("drugs"), Some(10_164_057));
    assert_eq!(detail.payment("long_covid"), Some(1_114_363));
    assert_eq!(detail.payment("covid_immunisation"), Some(0));
    assert_eq!(detail.payment("pcn_workforce"), Some(160_137_073));
    assert_eq!(detail.payment("deductions"), Some(-17_543_757));
    assert_eq!(detail.total_including_covid_and_pcn_pence, 1_199_063_876);
    let band = FIVE_YEAR_BANDS.iter().position(|b| *b == "25-29").unwrap();
    assert!((detail.age_sex[0][band] - 10_740.0 * scale).abs() < 1e-6);
}

#[test]
fn other_practices_field_by_field() {
    let d = dataset();
    let densham = d.practice("A81001").unwrap();
    assert_eq!(densham.name, "THE DENSHAM SURGERY");
    assert_eq!(d.sub_icbs[densham.sub_icb].code, "16C");
    assert_eq!(d.pcns[densham.pcn.unwrap()].name, "STOCKTON PCN");
    assert_eq!(d.icbs[densham.icb].code, "QHM");
    assert_eq!(densham.registered_centi, 402_925);
    assert_eq!(densham.weighted_centi, 457_978);
    assert_eq!(funding("A81001", "global_sum"), 43_809_978);
    assert_eq!(funding("A81001", "premises"), 13_511_289);
    assert_eq!(densham.total_pence(), 72_046_251);
    assert_eq!(
        densham.allocation_weights.unwrap().primary_medical_care,
        4_589.8
    );
    assert_eq!(densham.pmc_2022, Some(4_620.6));

    // A PMS practice is paid a PMS balance instead of the Global Sum.
    let pms = d.practice("A81630").unwrap();
    assert_eq!(pms.contract, ContractType::Pms);
    assert_eq!(funding("A81630", "global_sum"), 0);
    assert_eq!(funding("A81630", "pms_balance"), 6_178_671);
    assert_eq!(pms.weighted_centi, 66_866);

    // A care-home practice: three weighted patients for every registered one.
    let homes = d.practice("Y02625").unwrap();
    assert_eq!(homes.name, "CARE HOMES MEDICAL PRACTICE");
    assert_eq!(homes.registered_centi, 112_225);
    assert_eq!(homes.weighted_centi, 366_037);
    assert_eq!(homes.total_pence(), 131_327_526);
}

#[test]
fn age_profiles_add_up_to_each_registered_list() {
    let d = dataset();
    let detail = d.detail.as_ref().unwrap();
    for (p, det) in d.practices.iter().zip(detail) {
        let carr_hill: f64 = p.carr_hill.iter().flatten().sum();
        let five_year: f64 = det.age_sex.iter().flatten().sum();
        let expected = p.registered();
        assert!(
            (carr_hill - expected).abs() <= 1e-6 * expected.max(1.0),
            "{}: {carr_hill} vs {expected}",
            p.code
        );
        assert!((five_year - expected).abs() <= 1e-6 * expected.max(1.0));
    }
    let imputed = d
        .practices
        .iter()
        .filter(|p| p.age_source != AgeSource::Practice)
        .count();
    assert_eq!(imputed, 505, "6,164 practices have their own profile");
}

#[test]
fn the_history_covers_nine_years_with_each_files_rows() {
    let d = dataset();
    let h = d.history.as_ref().unwrap();
    let years: Vec<(&str, usize)> = h
        .years
        .iter()
        .map(|y| (y.year.as_str(), y.practices.len()))
        .collect();
    assert_eq!(
        years,
        vec![
            ("2014/15", 7_959),
            ("2015/16", 7_841),
            ("2016/17", 7_763),
            ("2017/18", 7_543),
            ("2018/19", 7_279),
            ("2019/20", 7_001),
            ("2020/21", 6_808),
            ("2021/22", 6_758),
            ("2022/23", 6_669),
        ]
    );
    let last = h.years.last().unwrap();
    assert_eq!(
        Decimal::new(last.total_pence.iter().sum(), 2),
        pounds("10230094803.70")
    );
    let gp_at_hand: Vec<i64> = h
        .years
        .iter()
        .filter_map(|y| {
            y.practices
                .iter()
                .position(|c| c == "E85124")
                .map(|i| y.registered_centi[i] / 100)
        })
        .collect();
    assert_eq!(gp_at_hand.len(), 9);
    assert_eq!(gp_at_hand.last(), Some(&109_484));
    assert_eq!(gp_at_hand[0], 2_982);
}

#[test]
fn detail_lines_add_up_to_the_funding_lines_and_the_total() {
    let d = dataset();
    let detail = d.detail.as_ref().unwrap();
    for (p, det) in d.practices.iter().zip(detail) {
        let headline: i64 = det.payments[..33].iter().sum();
        assert_eq!(headline, p.total_pence(), "{}", p.code);
        assert_eq!(det.payments.len(), PAYMENT_LINES.len());
    }
}

/// A scratch folder holding links to every raw file, so one can be replaced by a broken copy.
struct Scratch(PathBuf);

impl Scratch {
    /// A scratch folder linking every file of `raw`.
    fn new(name: &str, raw: &Path) -> Scratch {
        let dir = std::env::temp_dir().join(format!("gpfe-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(raw).expect("the raw data folder") {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_file() {
                std::os::unix::fs::symlink(entry.path(), dir.join(entry.file_name())).unwrap();
            }
        }
        Scratch(dir)
    }

    /// Replaces `file` with `edit` applied to its text.
    fn edit(&self, file: &str, edit: impl FnOnce(String) -> String) {
        let path = self.0.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        std::fs::write(&path, edit(text)).unwrap();
    }

    fn remove(&self, file: &str) {
        std::fs::remove_file(self.0.join(file)).unwrap();
    }

    /// Runs the builder binary on this folder, writing into `out/`; returns (success, stderr).
    fn run_builder(&self) -> (bool, String) {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_build-dataset"))
            .arg("--data")
            .arg(&self.0)
            .arg("--out")
            .arg(self.0.join("out"))
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn wrote_nothing(&self) -> bool {
        !self.0.join("out").exists()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const PAYMENTS: &str = "nhs_payments_gp_practice_2022-23.csv";

#[test]
fn the_committed_files_are_what_the_builder_makes_and_it_makes_them_the_same_twice() {
    let raw = raw_data_or_skip!();
    let scratch = Scratch::new("rebuild", &raw);
    let first = build(&raw).expect("the raw files build");
    let second = build(&raw).expect("the raw files build again");
    let a = scratch.0.join("a");
    let b = scratch.0.join("b");
    write_files(&first, &a).unwrap();
    write_files(&second, &b).unwrap();
    for name in [
        DATASET_FILE_NAME,
        NAMES_FILE_NAME,
        DETAIL_FILE_NAME,
        HISTORY_FILE_NAME,
    ] {
        let built = std::fs::read(a.join(name)).unwrap();
        assert!(
            built == std::fs::read(b.join(name)).unwrap(),
            "{name} differs between two builds"
        );
        assert!(
            built == read(name),
            "public/data/{name} is out of date: run `cargo run --release --bin build-dataset`"
        );
    }
}

#[test]
fn a_missing_file_is_named_and_nothing_is_written() {
    let raw = raw_data_or_skip!();
    let scratch = Scratch::new("missing", &raw);
    scratch.remove("practice_locations_codepointopen.csv");
    let (ok, stderr) = scratch.run_builder();
    assert!(!ok);
    assert!(
        stderr.contains("practice_locations_codepointopen.csv: cannot open"),
        "{stderr}"
    );
    assert!(scratch.wrote_nothing());
}

#[test]
fn a_renamed_column_is_named_with_its_file_and_line() {
    let raw = raw_data_or_skip!();
    let scratch = Scratch::new("renamed", &raw);
    scratch.edit(PAYMENTS, |t| t.replacen("Global Sum", "Global Summ", 1));
    let (ok, stderr) = scratch.run_builder();
    assert!(!ok);
    assert!(
        stderr.contains(&format!(
            "{PAYMENTS}, line 1, column 'Global Sum': this column is missing"
        )),
        "{stderr}"
    );
    assert!(scratch.wrote_nothing());
}

#[test]
fn a_non_numeric_cell_is_named_with_its_file_line_and_column() {
    let raw = raw_data_or_skip!();
    let scratch = Scratch::new("nonnumeric", &raw);
    // GP at Hand's row is line 2076 of the file; break its Global Sum.
    scratch.edit(PAYMENTS, |t| t.replacen(",8450321.31,", ",8450321.31x,", 1));
    let (ok, stderr) = scratch.run_builder();
    assert!(!ok);
    assert!(
        stderr.contains(&format!(
            "{PAYMENTS}, line 2076, column 'Global Sum': '8450321.31x' is not a number"
        )),
        "{stderr}"
    );
    assert!(scratch.wrote_nothing());
}

#[test]
fn a_byte_order_mark_is_accepted_and_changes_nothing() {
    let raw = raw_data_or_skip!();
    let scratch = Scratch::new("bom", &raw);
    // This file has no byte-order mark; give it one.
    scratch.edit("practice_locations_codepointopen.csv", |t| {
        assert!(!t.starts_with('\u{feff}'));
        format!("\u{feff}{t}")
    });
    let (ok, stderr) = scratch.run_builder();
    assert!(ok, "{stderr}");
    let built = std::fs::read(scratch.0.join("out").join(DATASET_FILE_NAME)).unwrap();
    assert!(built == read(DATASET_FILE_NAME));
}

#[test]
fn payment_lines_that_do_not_add_up_are_refused() {
    let raw = raw_data_or_skip!();
    let scratch = Scratch::new("sum", &raw);
    scratch.edit(PAYMENTS, |t| t.replacen(",8450321.31,", ",8450321.32,", 1));
    let (ok, stderr) = scratch.run_builder();
    assert!(!ok);
    assert!(
        stderr.contains("line 2076, column 'Total NHS Payments to General Practice': the payment lines add up to 9991908.41 but the total says 9991908.40"),
        "{stderr}"
    );
    assert!(scratch.wrote_nothing());
}

#[test]
fn a_damaged_dataset_file_is_an_error_not_a_panic() {
    use gpfe_core::data::file::{decode, encode, DatasetFile, MAGIC};
    use gpfe_core::data::DataError;
    let bytes = read(DATASET_FILE_NAME);
    for bad in [
        &b""[..],
        b"{}",
        &MAGIC,
        &bytes[..bytes.len() / 2],
        &bytes[4..],
    ] {
        assert!(
            matches!(Dataset::from_bytes(bad), Err(DataError::Decode(_))),
            "{} bytes",
            bad.len()
        );
    }
    assert_eq!(
        Dataset::from_bytes(b"{\"format\":2}")
            .unwrap_err()
            .to_string(),
        "the dataset file is not valid: it is not a GP Funding Explorer data file"
    );
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(
        Dataset::from_bytes(&longer).unwrap_err().to_string(),
        "the dataset file is not valid: 1 bytes follow the end of the data"
    );
    let file: DatasetFile = decode(&bytes).unwrap();
    let mut wrong_version = file.clone();
    wrong_version.format = 99;
    assert_eq!(
        Dataset::from_bytes(&encode(&wrong_version).unwrap())
            .unwrap_err()
            .to_string(),
        format!("the dataset file has layout version 99; this app reads version {FORMAT_VERSION}")
    );
    let mut edited = file.clone();
    edited.practices.region[5] = 99;
    assert_eq!(
        Dataset::from_bytes(&encode(&edited).unwrap())
            .unwrap_err()
            .to_string(),
        "the dataset field 'region' of practice 6 is wrong: refers to entry 99 of a list of 7"
    );
    let mut edited = file.clone();
    edited.practices.weighted.truncate(10);
    assert!(matches!(
        Dataset::from_bytes(&encode(&edited).unwrap()),
        Err(DataError::Length { .. })
    ));
    let mut edited = file;
    edited.practices.practice_type[0] = edited.practice_types.len();
    assert!(matches!(
        Dataset::from_bytes(&encode(&edited).unwrap()),
        Err(DataError::Value { .. })
    ));
}

#[test]
fn the_names_file_belongs_to_the_start_up_file() {
    use gpfe_core::data::file::{decode, encode, NamesFile};
    let mut d = Dataset::from_bytes(&read(DATASET_FILE_NAME)).unwrap();
    // Before the names file, a practice is known by its code.
    let gp_at_hand = d.practice_index("E85124").unwrap();
    assert_eq!(d.practices[gp_at_hand].name, "");
    assert_eq!(d.practices[gp_at_hand].title(), "E85124");
    let names: NamesFile = decode(&read(NAMES_FILE_NAME)).unwrap();
    let mut swapped = names.clone();
    swapped.code.swap(0, 1);
    assert!(d.attach_names(&encode(&swapped).unwrap()).is_err());
    let mut short = names.clone();
    short.name.pop();
    assert!(d.attach_names(&encode(&short).unwrap()).is_err());
    assert!(d.attach_names(&read(DETAIL_FILE_NAME)).is_err());
    assert_eq!(
        d.practices[gp_at_hand].name, "",
        "a refused file changes nothing"
    );
    d.attach_names(&encode(&names).unwrap()).unwrap();
    assert_eq!(d.practices[gp_at_hand].title(), "GP AT HAND (E85124)");
    assert_eq!(d.practices[gp_at_hand].postcode, "SW6 7SX");
}

/// Sums a column of a raw payments file with plain decimal arithmetic, independently of the
/// builder: (rows, total in pence).
fn raw_column_total(raw: &Path, file: &str, column: &str) -> (usize, i64) {
    let path = raw.join(file);
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let headers = reader.headers().unwrap().clone();
    let index = headers
        .iter()
        .position(|h| h.trim_start_matches('\u{feff}').trim() == column)
        .unwrap();
    let mut rows = 0;
    let mut total = Decimal::ZERO;
    for record in reader.records() {
        total += record.unwrap()[index].trim().parse::<Decimal>().unwrap();
        rows += 1;
    }
    (
        rows,
        (total * Decimal::ONE_HUNDRED)
            .round()
            .to_string()
            .parse()
            .unwrap(),
    )
}

#[test]
fn each_year_of_the_history_adds_up_to_its_published_file() {
    let raw = raw_data_or_skip!();
    let h = dataset().history.as_ref().unwrap();
    for y in &h.years {
        let file = format!(
            "nhs_payments_gp_practice_20{}-{}.csv",
            &y.year[2..4],
            &y.year[5..7]
        );
        let (rows, total) = raw_column_total(&raw, &file, "Total NHS Payments to General Practice");
        assert_eq!(rows, y.practices.len(), "{file}");
        assert_eq!(total, y.total_pence.iter().sum::<i64>(), "{file} total");
        let (_, global_sum) = raw_column_total(&raw, &file, "Global Sum");
        assert_eq!(
            global_sum,
            y.global_sum_pence.iter().sum::<i64>(),
            "{file} Global Sum"
        );
    }
    let summary = gpfe_core::history::summarise(h);
    assert_eq!(summary.len(), 9);
    let last = summary.last().unwrap();
    assert_eq!(last.practices, 6_669);
    assert_eq!(last.gp_at_hand, Some(109_484.5));
    assert!((last.average_list - 62_134_644.75 / 6_463.0).abs() < 1e-6);
    // The most deprived fifth gets less per weighted patient than the least deprived in 2022/23.
    assert!(last.per_weighted_by_quintile[4] < last.per_weighted_by_quintile[0]);
    assert!(
        summary[0].practices > last.practices,
        "practices have merged over the years"
    );
}

mod own_data {
    use super::*;
    use gpfe_core::data::import::import_payments;

    fn problems(bytes: &[u8]) -> Vec<String> {
        import_payments("test.csv", bytes, dataset())
            .map(|_| Vec::new())
            .unwrap_or_else(|p| p.iter().map(|p| p.to_string()).collect())
    }

    #[test]
    fn a_real_earlier_year_reads_and_keeps_its_totals() {
        let raw = raw_data_or_skip!();
        let bytes = std::fs::read(raw.join("nhs_payments_gp_practice_2021-22.csv")).unwrap();
        let d = import_payments("2021-22.csv", &bytes, dataset()).expect("the 2021/22 file reads");
        assert_eq!(d.practices.len(), 6_758);
        let (_, total) = raw_column_total(
            &raw,
            "nhs_payments_gp_practice_2021-22.csv",
            "Total NHS Payments to General Practice",
        );
        assert_eq!(d.national_totals().total, Decimal::new(total, 2));
        let o = gpfe_core::model::run(&d, &gpfe_core::scenario::Scenario::default()).unwrap();
        assert_eq!(
            o.national.scenario_pence, total,
            "the default scenario pays the file's total"
        );
        let known = d.report.joins[0].matched;
        assert!(
            known > 6_000,
            "{known} practices found in the built-in dataset"
        );
    }

    #[test]
    fn wrong_columns_are_named() {
        let p = problems(b"Name,Patients\nA,1\n");
        assert!(
            p.iter()
                .any(|m| m.starts_with("line 1, column 'Practice Code': this column is missing")),
            "{p:?}"
        );
        assert_eq!(p.len(), 3);
    }

    #[test]
    fn a_file_with_more_practices_than_any_year_is_refused() {
        let mut csv = String::from("Practice Code,Number of Registered Patients (Last Known Figure),Total NHS Payments to General Practice\n");
        for i in 0..20_001 {
            csv.push_str(&format!("Z{i:05},1000,100000\n"));
        }
        assert_eq!(
            problems(csv.as_bytes()),
            vec![
                "the file has more than 20000 practices; no year has had more than 8,000"
                    .to_string()
            ]
        );
    }

    #[test]
    fn amounts_no_practice_could_have_are_refused() {
        let csv = "Practice Code,Number of Registered Patients (Last Known Figure),Total NHS Payments to General Practice,Global Sum\n\
                   A81001,4000,2000000000,90\n\
                   A81002,20000000,200,50\n\
                   A81003,3000,-1000000000.01,5\n";
        let p = problems(csv.as_bytes());
        assert_eq!(
            p,
            vec![
                "line 2, column 'Total NHS Payments to General Practice': '2000000000' is more money than one practice could be paid (the most accepted is £1bn)".to_string(),
                "line 3, column 'Number of Registered Patients (Last Known Figure)': '20000000' is more patients than any practice could have (the most accepted is 10 million)".to_string(),
                "line 4, column 'Total NHS Payments to General Practice': '-1000000000.01' is more money than one practice could be paid (the most accepted is £1bn)".to_string(),
            ]
        );
        // At the limits themselves, the file is read.
        let edge = "Practice Code,Number of Registered Patients (Last Known Figure),Total NHS Payments to General Practice\n\
                    A81001,10000000,1000000000\n";
        assert_eq!(problems(edge.as_bytes()), Vec::<String>::new());
    }

    #[test]
    fn bad_numbers_are_named_by_line_and_column() {
        let csv = "Practice Code,Number of Registered Patients (Last Known Figure),Total NHS Payments to General Practice,Global Sum\n\
                   A81001,4000,100.50,90\n\
                   A81002,lots,200,50\n\
                   A81003,3000,200,fifty\n";
        let p = problems(csv.as_bytes());
        assert_eq!(
            p,
            vec![
                "line 3, column 'Number of Registered Patients (Last Known Figure)': 'lots' is not a number".to_string(),
                "line 4, column 'Global Sum': 'fifty' is not a number".to_string(),
            ]
        );
    }

    #[test]
    fn empty_huge_and_binary_files_are_refused() {
        assert_eq!(problems(b""), vec!["the file is empty".to_string()]);
        let huge = vec![b'a'; gpfe_core::data::import::MAX_BYTES + 1];
        assert!(problems(&huge)[0].contains("the largest accepted is 32 MB"));
        assert!(problems(b"\x89PNG\r\n\x1a\n\0\0\0")
            .iter()
            .any(|m| m.contains("not a CSV text file")));
        assert_eq!(
            problems(b"Practice Code,Number of Registered Patients (Last Known Figure),Total NHS Payments to General Practice\n"),
            vec!["the file has a header but no practices".to_string()]
        );
    }

    #[test]
    fn a_practice_not_in_the_built_in_dataset_is_flagged_and_a_short_file_still_runs() {
        let csv = "\u{feff}Practice Code,Practice Name,Number of Registered Patients (Last Known Figure),Number of Weighted Patients (Last Known Figure),Total NHS Payments to General Practice,Global Sum\n\
                   E85124,GP AT HAND,109484.5,84032.72,9991908.40,8450321.31\n\
                   ZZ9999,A NEW PRACTICE,5000,5200,800000,600000\n";
        let d = import_payments("mine.csv", csv.as_bytes(), dataset()).unwrap();
        assert_eq!(d.practices.len(), 2);
        assert_eq!(d.practices[0].total_pence(), 999_190_840);
        assert_eq!(d.practices[1].age_source, AgeSource::England);
        assert_eq!(d.report.joins[0].matched, 1);
        let o = gpfe_core::model::run(
            &d,
            &gpfe_core::scenario::Scenario::from_query("v=1&share=formula").unwrap(),
        )
        .unwrap();
        assert_eq!(o.pot.allocated_pence, o.pot.baseline_pence);
    }
}

#[test]
fn closed_practices_are_matched_to_the_practices_that_took_their_patients() {
    use gpfe_build::absorbed::MatchRule;
    let raw = raw_data_or_skip!();
    let built = build(&raw).expect("the raw files build");
    let absorbed_by = |code: &str| -> Vec<(&str, MatchRule)> {
        let mut v: Vec<_> = built
            .closures
            .iter()
            .filter(|c| c.absorber.as_deref() == Some(code))
            .map(|c| (c.code.as_str(), c.rule))
            .collect();
        v.sort();
        v
    };
    // Modality Lewisham took over South Lewisham Group Practice and Bellingham Green Surgery,
    // both in its PCN, and nothing else.
    assert_eq!(
        absorbed_by("G85004"),
        [("G85005", MatchRule::Pcn), ("G85124", MatchRule::Pcn)]
    );
    // The Lewisham Care Partnership took over four practices of its PCN.
    assert_eq!(
        absorbed_by("G85038"),
        [
            ("G85003", MatchRule::Pcn),
            ("G85035", MatchRule::Pcn),
            ("G85055", MatchRule::Pcn),
            ("G85089", MatchRule::Pcn)
        ]
    );
    // Each practice's stored absorbed list is the sum of what its matched closures lost.
    let d = dataset();
    for p in &d.practices {
        let lost: i64 = built
            .closures
            .iter()
            .filter(|c| c.absorber.as_deref() == Some(p.code.as_str()))
            .map(|c| c.lost)
            .sum();
        assert_eq!(p.registered_absorbed_centi, lost, "{}", p.code);
    }
    // The counts the README and the caveats state.
    let count = |rule: MatchRule| built.closures.iter().filter(|c| c.rule == rule).count();
    assert_eq!(built.closures.len(), 141);
    assert_eq!(count(MatchRule::Postcode), 16);
    assert_eq!(count(MatchRule::Pcn), 65);
    assert_eq!(count(MatchRule::SubIcb), 26);
    assert_eq!(count(MatchRule::Ambiguous), 3);
    assert_eq!(count(MatchRule::Unmatched), 31);
    let excluded: i64 = d
        .practices
        .iter()
        .map(|p| p.registered_absorbed_centi)
        .sum();
    assert_eq!((excluded + 50) / 100, 653_770);
}

#[test]
fn no_closure_left_unmatched_sits_beside_one_of_the_biggest_losers_without_the_premium() {
    use gpfe_build::absorbed::MatchRule;
    use gpfe_core::scenario::Scenario;
    let raw = raw_data_or_skip!();
    let built = build(&raw).expect("the raw files build");
    let d = dataset();
    let o = gpfe_core::model::Model::new(d)
        .run(&Scenario::from_query("preset=no-turnover-premium").unwrap())
        .unwrap();
    let mut order: Vec<usize> = (0..o.practices.len())
        .filter(|&i| o.practices[i].registered_baseline > 0.0)
        .collect();
    order.sort_by(|&a, &b| {
        o.practices[a]
            .change_pct()
            .total_cmp(&o.practices[b].change_pct())
    });
    // A closure left unmatched (or ambiguous) in a loser's postcode or PCN could be growth the
    // matching missed; none of the ten biggest losers has one.
    let unmatched: Vec<&gpfe_build::absorbed::Closure> = built
        .closures
        .iter()
        .filter(|c| matches!(c.rule, MatchRule::Unmatched | MatchRule::Ambiguous))
        .collect();
    assert_eq!(unmatched.len(), 34);
    for &i in &order[..10] {
        let p = &d.practices[i];
        let p_pcn = p.pcn.map(|k| d.pcns[k].code.as_str()).unwrap_or("");
        for c in &unmatched {
            assert_ne!(c.postcode, p.postcode, "{} beside {}", p.code, c.code);
            assert_ne!(c.pcn, p_pcn, "{} beside {}", p.code, c.code);
        }
    }
}

/// The fit of the formula's parts made again on its inputs read straight from the raw files:
/// each practice's IMD score of its registered patients (the Fingertips export, else the HEEC
/// extract's latest year, else its sub-ICB's mean weighted by registered patients), its rural
/// flag from the 2022/23 payments file, the rural-urban class (2021) of its surgery's
/// neighbourhood and its ICB (the December 2025 practice map, else the CCG-to-ICB lookup). The
/// coefficients and explained shares are those the dataset carries and the model applies.
#[test]
fn the_fit_of_the_formulas_parts_is_the_fit_on_the_raw_inputs() {
    use gpfe_build::table::Table;
    use gpfe_core::data::RuralClass;
    use gpfe_core::model::{
        parts::{FitInputs, Parts},
        Model,
    };
    use std::collections::HashMap;
    let raw = raw_data_or_skip!();
    let d = dataset();
    let read_raw = |name: &str| Table::read(&raw, name, &[]).expect(name);

    let payments = read_raw(PAYMENTS);
    let (code, rurality, sub_icb) = (
        payments.column("Practice Code").unwrap(),
        payments.column("Practice Rurality").unwrap(),
        payments.column("CCG Code").unwrap(),
    );
    let by_code: HashMap<String, (bool, String)> = payments
        .rows()
        .map(|r| {
            let rural = match r.text(rurality) {
                "Rural" => true,
                "Urban" => false,
                other => panic!("{other} is not Urban or Rural"),
            };
            (
                r.text(code).to_string(),
                (rural, r.text(sub_icb).to_string()),
            )
        })
        .collect();

    let fingertips = read_raw("fingertips_93553_imd2019_practice.csv");
    let (area_type, area, value) = (
        fingertips.column("Area Type").unwrap(),
        fingertips.column("Area Code").unwrap(),
        fingertips.column("Value").unwrap(),
    );
    let latest: HashMap<String, f64> = fingertips
        .rows()
        .filter(|r| r.text(area_type) == "GP")
        .map(|r| (r.text(area).to_string(), r.number(value).unwrap()))
        .collect();
    let heec = read_raw("practice_imd_fingertips_93553.csv");
    let (year, heec_code, heec_value) = (
        heec.column("Year").unwrap(),
        heec.column("AreaCode").unwrap(),
        heec.column("Value").unwrap(),
    );
    let mut older: HashMap<String, (f64, u32)> = HashMap::new();
    for r in heec.rows() {
        let y: u32 = r.text(year).parse().unwrap();
        if let Some(v) = r.optional_number(heec_value).unwrap() {
            let e = older.entry(r.text(heec_code).to_string()).or_insert((v, y));
            if y > e.1 {
                *e = (v, y);
            }
        }
    }

    let map = read_raw("gp-reg-pat-prac-map_2025-12.csv");
    let (map_code, map_icb) = (
        map.column("PRACTICE_CODE").unwrap(),
        map.column("ICB_CODE").unwrap(),
    );
    let icb_of_practice: HashMap<String, String> = map
        .rows()
        .map(|r| (r.text(map_code).to_string(), r.text(map_icb).to_string()))
        .collect();
    let areas = read_raw("practice_area_attributes.csv");
    let (area_code, ruc) = (
        areas.column("practice_code").unwrap(),
        areas.column("ruc21_code").unwrap(),
    );
    let class_of_practice: HashMap<String, RuralClass> = areas
        .rows()
        .filter(|r| !r.text(ruc).is_empty())
        .map(|r| {
            let class = RuralClass::from_code(r.text(ruc))
                .unwrap_or_else(|| panic!("{} is not a class", r.text(ruc)));
            (r.text(area_code).to_string(), class)
        })
        .collect();
    let lookup = read_raw("ccg_to_icb_lookup.csv");
    let (ccg, lookup_icb) = (
        lookup.column("CCG Code").unwrap(),
        lookup.column("ICB Code").unwrap(),
    );
    let icb_of_sub_icb: HashMap<String, String> = lookup
        .rows()
        .map(|r| (r.text(ccg).to_string(), r.text(lookup_icb).to_string()))
        .collect();

    // Each practice's inputs from the raw files alone.
    let mut rural = Vec::new();
    let mut rural_class = Vec::new();
    let mut icb = Vec::new();
    let mut imd: Vec<Option<f64>> = Vec::new();
    let mut sub_icbs = Vec::new();
    for p in &d.practices {
        let (is_rural, sub) = by_code[&p.code].clone();
        rural.push(is_rural);
        rural_class.push(class_of_practice.get(&p.code).copied());
        let icb_code = icb_of_practice
            .get(&p.code)
            .or_else(|| icb_of_sub_icb.get(&sub))
            .unwrap_or_else(|| panic!("{}: no ICB", p.code));
        icb.push(d.icbs.iter().position(|i| &i.code == icb_code).unwrap());
        imd.push(latest.get(&p.code).copied().or_else(|| {
            older
                .get(&p.code)
                .filter(|(_, y)| *y == 2019 || *y == 2015)
                .map(|(v, _)| *v)
        }));
        sub_icbs.push(sub);
    }
    let mut sub_icb_mean: HashMap<&str, (f64, f64)> = HashMap::new();
    for ((p, v), sub) in d.practices.iter().zip(&imd).zip(&sub_icbs) {
        if let Some(score) = v {
            let w = (p.registered_centi as f64).max(1.0);
            let e = sub_icb_mean.entry(sub.as_str()).or_insert((0.0, 0.0));
            e.0 += score * w;
            e.1 += w;
        }
    }
    let imd: Vec<f64> = imd
        .iter()
        .zip(&sub_icbs)
        .map(|(v, sub)| {
            let score = v.unwrap_or_else(|| {
                let (sum, w) = sub_icb_mean[sub.as_str()];
                sum / w
            });
            (score * 1000.0).round() / 1000.0
        })
        .collect();

    let model = Model::new(d);
    let inputs = &model.inputs;
    assert_eq!(inputs.rural, rural, "rural flags");
    assert_eq!(inputs.rural_class, rural_class, "rural-urban classes");
    assert_eq!(
        rural_class.iter().filter(|c| c.is_some()).count(),
        6_653,
        "practices with a class"
    );
    assert_eq!(inputs.icb, icb, "ICBs");
    let differ = inputs
        .imd
        .iter()
        .zip(&imd)
        .filter(|(a, b)| (*a - *b).abs() > 1e-9)
        .count();
    assert_eq!(differ, 0, "IMD scores");

    let in_fit: Vec<bool> = inputs
        .registered
        .iter()
        .zip(&inputs.weighted)
        .map(|(n, w)| *n > 0.0 && *w > 0.0)
        .collect();
    let refit = Parts::estimate(FitInputs {
        ln_q: &inputs.ln_rest_index,
        imd: &imd,
        rural: &rural,
        rural_class: &rural_class,
        icb: &icb,
        icbs: d.icbs.len(),
        registered: &inputs.registered,
        in_fit: &in_fit,
    })
    .expect("a fit");
    // The fit the builder wrote into the dataset, which the model applies: coefficients, ICB
    // effects, practices in the fit, R² and the R² each part explains.
    // Equal to 1e-12: the builder's release build and this test may round the last bit of a
    // sum differently.
    let fit = d.formula_fit.as_ref().expect("the dataset carries its fit");
    let numbers = |f: &gpfe_core::data::FormulaFit| {
        let mut v = vec![f.needs_per_imd_point, f.mean_imd, f.rural, f.r_squared];
        v.extend(&f.rural_class);
        v.extend(&f.area);
        v.extend(f.r_squared_lost);
        v
    };
    let (ours, theirs) = (numbers(&refit), numbers(fit));
    assert_eq!(ours.len(), theirs.len());
    for (a, b) in ours.iter().zip(&theirs) {
        assert!((a - b).abs() < 1e-12, "{refit:?}\n{fit:?}");
    }
    assert_eq!(refit.practices, fit.practices);
    assert_eq!(inputs.parts.fit, *fit);
    assert!(fit.practices > 6_000, "{}", fit.practices);
    assert!(fit.needs_per_imd_point > 0.0 && fit.rural > 0.0);
    assert!(
        fit.r_squared_lost.iter().all(|l| *l > 0.0),
        "{:?}",
        fit.r_squared_lost
    );
}

/// Each surgery's council (May 2024) and constituency (July 2024), from where it is: every
/// practice with a geocoded postcode has both, and they agree with the raw file.
#[test]
fn each_surgery_has_its_council_and_constituency() {
    let d = dataset();
    assert_eq!(d.local_authorities.len(), 296);
    assert_eq!(d.constituencies.len(), 543);
    let with = |f: fn(&gpfe_core::data::Practice) -> Option<usize>| {
        d.practices.iter().filter(|p| f(p).is_some()).count()
    };
    assert_eq!(with(|p| p.local_authority), 6_653);
    assert_eq!(with(|p| p.constituency), 6_653);
    // Located practices are exactly those with a council.
    assert!(d
        .practices
        .iter()
        .all(|p| p.location.is_some() == p.local_authority.is_some()));
    let stockton = &d.practices[d.practice_index("A81001").unwrap()];
    assert_eq!(
        d.local_authorities[stockton.local_authority.unwrap()].name,
        "Stockton-on-Tees"
    );
    assert_eq!(
        d.constituencies[stockton.constituency.unwrap()].name,
        "Stockton North"
    );
}

/// The map's outlines of the local areas: every council and constituency a surgery is in has
/// one, under the same ONS code, and only England's are kept.
#[test]
fn every_local_area_with_a_surgery_has_an_outline() {
    use gpfe_core::data::file::{decode, LocalAreasFile};
    let d = dataset();
    let file: LocalAreasFile = decode(&read(gpfe_core::data::LOCAL_AREAS_FILE_NAME)).unwrap();
    let shapes = file.into_shapes().unwrap();
    for (areas, outlines, what) in [
        (&d.local_authorities, &shapes.councils, "council"),
        (&d.constituencies, &shapes.constituencies, "constituency"),
    ] {
        assert!(outlines.iter().all(|s| s.code.starts_with('E')), "{what}");
        for a in areas {
            let shape = outlines
                .iter()
                .find(|s| s.code == a.code)
                .unwrap_or_else(|| panic!("{what} {} has no outline", a.code));
            assert_eq!(shape.name, a.name, "{what} {}", a.code);
            assert!(
                shape.rings.iter().any(|r| r.len() >= 4),
                "{what} {}",
                a.code
            );
            // Inside England.
            for &(lon, lat) in shape.rings.iter().flatten() {
                assert!(
                    (-7.0..=2.0).contains(&lon) && (49.8..=55.9).contains(&lat),
                    "{what} {}",
                    a.code
                );
            }
        }
    }
    assert_eq!(shapes.councils.len(), 296);
    assert_eq!(shapes.constituencies.len(), 543);
}
