//! The `gpfe` command line: what it prints, that it refuses bad arguments, that it stops quietly
//! when its reader goes away, and that its output for every preset is what it was before the
//! code was reorganised (the golden files in `tests/golden`, written by `gpfe` itself).
#![cfg(not(target_arch = "wasm32"))]

use gpfe_core::data::Dataset;
use gpfe_core::model::{Model, Outcome};
use gpfe_core::scenario::{Scenario, PRESETS};
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

const GPFE: &str = env!("CARGO_BIN_EXE_gpfe");

fn dataset() -> &'static Dataset {
    static DATASET: OnceLock<Dataset> = OnceLock::new();
    DATASET.get_or_init(|| {
        Dataset::from_files(
            include_bytes!("../../../public/data/england-2022-23.bin"),
            include_bytes!("../../../public/data/england-2022-23-names.bin"),
        )
        .expect("the built-in dataset decodes")
    })
}

fn outcome(query: &str) -> Outcome {
    Model::new(dataset())
        .run(&Scenario::from_query(query).unwrap())
        .unwrap()
}

fn gpfe(args: &[&str]) -> std::process::Output {
    Command::new(GPFE).args(args).output().expect("gpfe runs")
}

#[test]
fn params_prints_the_table_of_parameters() {
    let out = gpfe(&["params"]);
    assert!(out.status.success());
    let params: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let params = params.as_array().unwrap();
    assert_eq!(params.len(), gpfe_core::scenario::PARAMETERS.len());
    let lt = params.iter().find(|p| p["key"] == "lt").unwrap();
    assert_eq!(lt["label"], "New-registrant premium");
    assert_eq!(lt["unit"], "share");
    assert_eq!(lt["min"], 0.0);
    assert_eq!(lt["max"], 1.0);
    assert_eq!(lt["step"], 0.01);
    assert_eq!(lt["default"], 0.46);
    assert_eq!(lt["section"], "formula");
    assert_eq!(lt["certainty"], "published");
    assert!(lt["help"].as_str().unwrap().contains("46%"));
    assert!(lt["source"]["publisher"].is_string());
    let share = params.iter().find(|p| p["key"] == "share").unwrap();
    assert_eq!(share["default"], "rate");
    assert_eq!(share["choices"][1]["name"], "formula");
    for p in params {
        for field in ["key", "label", "default", "section", "help", "certainty"] {
            assert!(!p[field].is_null(), "{}: {field}", p["key"]);
        }
    }

    let out = gpfe(&["params", "--markdown"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text, gpfe_core::scenario::parameters_markdown());
    assert!(text.starts_with("| key |"));

    let out = gpfe(&["params", "--frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_command_line_prints_the_summary_and_refuses_bad_arguments() {
    let out = Command::new(GPFE)
        .args(["summary", "--scenario", "v=1&share=formula"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let o = outcome("v=1&share=formula");
    assert_eq!(summary["practices"], 6_669);
    assert_eq!(summary["pot"], "6021365281.10");
    assert_eq!(summary["allocated"], "6021365281.10");
    assert_eq!(summary["by_imd_quintile"].as_array().unwrap().len(), 5);
    assert_eq!(summary["by_imd_quintile"][0]["quintile"], 1);
    for (i, bin) in o.winners_losers.iter().enumerate() {
        assert_eq!(summary["winners_losers"][i]["practices"], bin.practices);
    }

    let out = Command::new(GPFE)
        .args(["practice", "E85124"])
        .output()
        .unwrap();
    let practice: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(practice["name"], "GP AT HAND");
    assert_eq!(practice["total_baseline"], "9991908.40");
    assert_eq!(practice["weighted_patients_baseline"], "84032.72");

    let out = Command::new(GPFE).args(["csv"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 6_670);

    let out = Command::new(GPFE).args(["presets"]).output().unwrap();
    let presets: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(presets.as_array().unwrap().len(), PRESETS.len());

    for bad in [
        vec!["summary", "--scenario", "ns=9"],
        vec!["frobnicate"],
        vec!["practice", "ZZZZZZ"],
        vec!["summary", "--scenario"],
    ] {
        let out = Command::new(GPFE).args(&bad).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(!out.stderr.is_empty());
    }
}

/// `gpfe summary` and `gpfe practice E85124` for every preset, byte for byte as the golden files.
/// To change them on purpose (a change of the model's figures, with its reason in the commit),
/// run `scripts/golden.sh`.
#[test]
fn every_presets_summary_and_practice_are_as_in_the_golden_files() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut compared = 0;
    for preset in PRESETS {
        let scenario = format!("preset={}", preset.name);
        for (file, args) in [
            (
                format!("summary-{}.json", preset.name),
                vec!["summary", "--scenario", scenario.as_str()],
            ),
            (
                format!("practice-E85124-{}.json", preset.name),
                vec!["practice", "E85124", "--scenario", scenario.as_str()],
            ),
        ] {
            let expected = std::fs::read_to_string(golden.join(&file))
                .unwrap_or_else(|e| panic!("{file}: {e}"));
            let out = gpfe(&args);
            assert!(out.status.success(), "{args:?}");
            let printed = String::from_utf8(out.stdout).unwrap();
            assert!(
                printed == expected,
                "{file}: gpfe {args:?} prints something else now"
            );
            compared += 1;
        }
    }
    assert_eq!(compared, 2 * PRESETS.len());
}

#[test]
fn a_closed_pipe_ends_gpfe_quietly() {
    // `gpfe csv | head -c 100`: the reader stops after a few bytes and closes the pipe.
    let mut child = Command::new(GPFE)
        .arg("csv")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("gpfe runs");
    let mut first = [0u8; 100];
    child
        .stdout
        .take()
        .expect("a pipe")
        .read_exact(&mut first)
        .expect("gpfe writes the start of the CSV");
    // The pipe's read end is dropped here, so gpfe's next write fails with a broken pipe.
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("a pipe")
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(
        first.starts_with(b"code,"),
        "{}",
        String::from_utf8_lossy(&first)
    );
    assert_eq!(stderr, "", "nothing on standard error");
    assert!(status.success(), "{status}");
}

#[test]
fn options_go_anywhere_codes_in_any_case_and_help_is_not_an_error() {
    let upper = gpfe(&["practice", "E85124", "--scenario", "v=1&ns=0.5"]);
    assert!(upper.status.success());
    for args in [
        vec!["practice", "e85124", "--scenario", "v=1&ns=0.5"],
        vec!["--scenario=v=1&ns=0.5", "practice", " e85124 "],
    ] {
        let out = gpfe(&args);
        assert!(out.status.success(), "{args:?}");
        assert_eq!(out.stdout, upper.stdout, "{args:?}");
    }
    let help = gpfe(&["--help"]);
    assert!(help.status.success());
    assert!(String::from_utf8(help.stdout)
        .unwrap()
        .starts_with("usage: gpfe summary"));
    for bad in [
        vec!["presets", "--scenario", "v=1&ns=0.5"],
        vec!["summary", "--markdown"],
        vec!["practice"],
        vec!["summary", "extra"],
    ] {
        let out = gpfe(&bad);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(String::from_utf8(out.stderr).unwrap().starts_with("gpfe: "));
    }
}

#[test]
fn with_the_rest_of_the_formula_off_the_most_deprived_fifths_figures_fall_in_gpfe_too() {
    let out = gpfe(&["summary", "--scenario", "v=1&an=0&ru=0&mf=0&ns=0"]);
    assert!(out.status.success());
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let q = |i: usize, key: &str| s["by_imd_quintile"][i][key].as_f64().unwrap();
    let (least, most) = (0, 4);
    assert!(q(most, "change_pct") < 0.0 && q(least, "change_pct") > 0.0);
    assert!(q(most, "scenario_per_weighted_patient") < q(most, "baseline_per_weighted_patient"));
    assert!(q(least, "scenario_per_weighted_patient") > q(least, "baseline_per_weighted_patient"));
    let need = |when: &str, i: usize| {
        s["equity"][format!("per_need_adjusted_patient_by_quintile_{when}")][i]
            .as_f64()
            .unwrap()
    };
    assert!(need("scenario", most) < need("baseline", most));
    assert!(need("scenario", least) > need("baseline", least));
    assert_eq!(
        s["per_weighted_patient_yardstick"],
        "on the published 2022/23 weighted list"
    );
}

/// `gpfe levers` splits a group's change among the settings moved: the parts add up to the
/// group's change as `gpfe summary` and the model give it.
#[test]
fn levers_split_a_groups_change_into_parts_that_add_up() {
    let query = "v=1&an=0.5&dep=0.1&floor=90&qof=1";
    let o = outcome(query);
    let pence = |v: &serde_json::Value| {
        let text = v.as_str().unwrap();
        (text.parse::<f64>().unwrap() * 100.0).round() as i64
    };
    for (group, change) in [
        (
            "q5",
            o.by_imd_quintile[4].scenario_pence - o.by_imd_quintile[4].baseline_pence,
        ),
        (
            "england",
            o.national.scenario_pence - o.national.baseline_pence,
        ),
        ("icb:QK1", {
            let i = dataset().icbs.iter().position(|i| i.code == "QK1").unwrap();
            o.by_icb[i].scenario_pence - o.by_icb[i].baseline_pence
        }),
    ] {
        let out = gpfe(&["levers", group, "--scenario", query]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let w: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(pence(&w["change"]), change, "{group}");
        let parts: i64 = w["levers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| pence(&l["change"]))
            .sum();
        assert_eq!(parts, change, "{group}");
        assert_eq!(w["levers"].as_array().unwrap().len(), 4);
        assert_eq!(w["exact"], true);
    }
    for bad in ["q6", "icb:XXX", "practice:ZZZ999", "wales"] {
        let out = gpfe(&["levers", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
    }
}

/// `gpfe seek` finds the deprivation uplift that closes the gap between the fifths; applied,
/// it closes it, as `gpfe summary` shows.
#[test]
fn seek_finds_a_value_that_meets_the_goal_or_says_none_does() {
    let out = gpfe(&["seek", "dep", "gap"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(found["reached"], true);
    let value = found["value"].as_f64().unwrap();
    assert!(value > 0.0 && value < 0.3, "{value}");
    assert_eq!(found["range"].as_array().unwrap().len(), 41);
    let o = outcome(&format!("v=1&dep={value}"));
    let q = &o.by_imd_quintile;
    assert!(q[4].scenario_per_weighted() >= q[0].scenario_per_weighted());

    let out = gpfe(&["seek", "ru", "gap"]);
    let none: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(none["reached"], false);
    assert!(none["value"].is_null() && none["best"].is_number());

    for bad in [
        vec!["seek", "qof", "gap"],
        vec!["seek", "dep", "wales"],
        vec!["seek", "dep"],
    ] {
        assert_eq!(gpfe(&bad).status.code(), Some(2), "{bad:?}");
    }
}

/// `summary --by` adds every council's or constituency's money, which adds up to England's
/// (less the practices whose surgery is not located); `area CODE` prints one area's practices
/// and the sentence the page shows for it.
#[test]
fn local_areas_are_printed_and_add_up() {
    let query = "preset=age-only";
    let o = outcome(query);
    let pence = |v: &serde_json::Value| {
        let text = v.as_str().unwrap();
        text.parse::<rust_decimal::Decimal>().unwrap() * rust_decimal::Decimal::from(100)
    };
    let unlocated: i64 = dataset()
        .practices
        .iter()
        .zip(&o.practices)
        .filter(|(p, _)| p.local_authority.is_none())
        .map(|(_, r)| r.total_scenario_pence)
        .sum();
    for (by, key, areas) in [
        ("councils", "by_council", 296),
        ("constituencies", "by_constituency", 543),
    ] {
        let out = gpfe(&["summary", "--by", by, "--scenario", query]);
        assert!(out.status.success());
        let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let groups = summary[key].as_array().unwrap();
        assert_eq!(groups.len(), areas, "{by}");
        let practices: u64 = groups
            .iter()
            .map(|g| g["practices"].as_u64().unwrap())
            .sum();
        assert_eq!(practices, 6_653, "{by}");
        let total: rust_decimal::Decimal = groups.iter().map(|g| pence(&g["total_scenario"])).sum();
        assert_eq!(
            total,
            rust_decimal::Decimal::from(o.national.scenario_pence - unlocated),
            "{by}"
        );
    }

    let out = gpfe(&["area", "e14001518", "--scenario", query]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let area: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(area["name"], "Stockton North");
    assert_eq!(area["kind"], "Constituency");
    let practices = area["practices"].as_array().unwrap();
    let sum: rust_decimal::Decimal = practices.iter().map(|p| pence(&p["total_scenario"])).sum();
    assert_eq!(sum, pence(&area["total_scenario"]));
    let losing = practices
        .iter()
        .filter(|p| p["change_pct"].as_f64().unwrap() < 0.0)
        .count();
    let sentence = area["sentence"].as_str().unwrap();
    assert!(
        sentence.starts_with(&format!(
            "In Stockton North (constituency), {} practices with surgeries there: under this scenario",
            practices.len()
        )),
        "{sentence}"
    );
    assert!(
        sentence.contains(&format!(" and {losing} lose;")),
        "{sentence}"
    );

    for args in [
        &["summary", "--by", "wards"][..],
        &["practice", "E85124", "--by", "councils"],
        &["area", "E99999999"],
        &["area"],
    ] {
        let out = gpfe(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

/// `gpfe practice CODE --receipt`: the steps as a table, or as JSON whose total and weighted list
/// are `gpfe practice CODE`'s, and refused with other commands.
#[test]
fn the_receipt_prints_the_practices_figures() {
    for query in ["", "preset=df-july-2018", "preset=need-index", "v=1&pcn=1"] {
        let practice = gpfe(&["practice", "E85124", "--scenario", query]);
        assert!(practice.status.success(), "{query}");
        let practice: serde_json::Value = serde_json::from_slice(&practice.stdout).unwrap();
        let out = gpfe(&[
            "practice",
            "e85124",
            "--receipt",
            "--json",
            "--scenario",
            query,
        ]);
        assert!(out.status.success(), "{query}");
        let receipt: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(receipt["code"], "E85124");
        let steps = receipt["steps"].as_array().unwrap();
        let step = |key: &str| steps.iter().find(|s| s["step"] == key).unwrap().clone();
        assert_eq!(
            step("total")["baseline"],
            practice["total_baseline"],
            "{query}"
        );
        assert_eq!(
            step("total")["scenario"],
            practice["total_scenario"],
            "{query}"
        );
        assert_eq!(step("change")["scenario"], practice["change"], "{query}");
        let weighted = step("weighted")["scenario"].as_f64().unwrap();
        assert_eq!(
            format!("{weighted:.2}"),
            practice["weighted_patients_scenario"],
            "{query}"
        );
        // The payments add up to the total, in pence.
        let pence = |v: &serde_json::Value| {
            let text = v.as_str().unwrap().replace('.', "");
            text.parse::<i64>().unwrap()
        };
        let paid: i64 = steps
            .iter()
            .filter(|s| s["role"] == "payment")
            .map(|s| pence(&s["scenario"]))
            .sum();
        assert_eq!(paid, pence(&step("total")["scenario"]), "{query}");

        let table = gpfe(&["practice", "E85124", "--receipt", "--scenario", query]);
        assert!(table.status.success(), "{query}");
        let table = String::from_utf8(table.stdout).unwrap();
        assert!(table.starts_with("Receipt: GP AT HAND (E85124), scenario "));
        let total = table
            .lines()
            .find(|l| l.starts_with("Total NHS payments "))
            .unwrap();
        assert!(total.contains("£9,991,908.40"), "{total}");
        for s in steps {
            let label = s["label"].as_str().unwrap();
            assert!(
                table.lines().any(|l| l.starts_with(label)),
                "{query}: {label}"
            );
        }
    }
    for bad in [
        vec!["summary", "--receipt"],
        vec!["practice", "E85124", "--json"],
        vec!["practice", "ZZZZZZ", "--receipt"],
    ] {
        let out = gpfe(&bad);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(!out.stderr.is_empty());
    }
}

#[test]
fn compare_prints_b_against_a() {
    let (a, b) = ("preset=age-only", "preset=need-index");
    let out = gpfe(&["summary", "--scenario", a, "--compare", b]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let (oa, ob) = (outcome(a), outcome(b));
    let c = gpfe_core::model::compare(&oa, &ob).unwrap();
    // The baseline is A's and the scenario B's.
    let pounds = |pence: i64| format!("{}.{:02}", pence / 100, pence % 100);
    assert_eq!(
        summary["total_baseline"],
        pounds(oa.national.scenario_pence)
    );
    assert_eq!(
        summary["total_scenario"],
        pounds(ob.national.scenario_pence)
    );
    for (q, row) in summary["by_imd_quintile"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let per =
            |o: &Outcome| (o.by_imd_quintile[q].scenario_per_weighted() * 100.0).round() / 100.0;
        assert_eq!(row["baseline_per_weighted_patient"], per(&oa));
        assert_eq!(row["scenario_per_weighted_patient"], per(&ob));
    }
    for (bin, row) in c
        .winners_losers
        .iter()
        .zip(summary["winners_losers"].as_array().unwrap())
    {
        assert_eq!(row["practices"], bin.practices);
    }
    let compare = &summary["compare"];
    assert_eq!(compare["a"], "v=1&an=0&ru=0&mf=0&ns=0");
    assert_eq!(compare["b"], "v=1&fm=pmc");
    assert_eq!(compare["gainers_under_b"], c.gainers());
    assert_eq!(compare["losers_under_b"], c.losers());
    assert!(compare["text"].as_str().unwrap().starts_with("Under B ("));
    assert!(summary["how_sure"].is_null());
    // Without --compare there is no comparison.
    let plain: serde_json::Value =
        serde_json::from_slice(&gpfe(&["summary", "--scenario", a]).stdout).unwrap();
    assert!(plain.get("compare").is_none());
    assert!(plain["how_sure"].is_object());

    // A practice: A's payments against B's, row by row.
    let out = gpfe(&["practice", "E85124", "--scenario", a, "--compare", b]);
    assert!(out.status.success());
    let practice: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let i = dataset().practice_index("E85124").unwrap();
    assert_eq!(
        practice["total_baseline"],
        pounds(oa.practices[i].total_scenario_pence)
    );
    assert_eq!(
        practice["total_scenario"],
        pounds(ob.practices[i].total_scenario_pence)
    );

    // The CSV: every practice's change from A to B.
    let out = gpfe(&["csv", "--scenario", a, "--compare", b]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text, gpfe_core::export::practices_csv(dataset(), &c));

    // Bad B settings name the option; --compare goes only where it is read.
    let out = gpfe(&["summary", "--compare", "ns=9"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--compare: 'ns' is 9"));
    let out = gpfe(&["levers", "--compare", b]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn dataset_reads_a_start_up_file_and_the_names_file_beside_it() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data");
    let start_up = data.join("england-2022-23.bin");
    let name = |out: &std::process::Output| {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["name"].as_str().unwrap().to_string()
    };
    let out = gpfe(&[
        "practice",
        "E85124",
        "--dataset",
        start_up.to_str().unwrap(),
    ]);
    assert_eq!(name(&out), "GP AT HAND");
    assert_eq!(out.stdout, gpfe(&["practice", "E85124"]).stdout);

    // Alone in a folder, the same file gives the same figures without names.
    let dir = std::env::temp_dir().join(format!("gpfe-cli-dataset-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let alone = dir.join("england-2022-23.bin");
    std::fs::copy(&start_up, &alone).unwrap();
    let out = gpfe(&["practice", "E85124", "--dataset", alone.to_str().unwrap()]);
    assert_eq!(name(&out), "");
    // A file that is not a dataset file is refused, named.
    let bad = dir.join("bad.bin");
    std::fs::write(&bad, b"{\"format\": 2}").unwrap();
    let out = gpfe(&["summary", "--dataset", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "bad.bin: the dataset file is not valid: it is not a GP Funding Explorer data file"
        ),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
