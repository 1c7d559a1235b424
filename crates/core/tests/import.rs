//! A user's own payments CSV: what the importer refuses, and how it names where.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::dataset;
use gpfe_core::data::import::import_payments;

const HEADER: &str = "Practice Code,Number of Registered Patients (Last Known Figure),Total NHS Payments to General Practice,Global Sum";

fn problems(csv: &str) -> Vec<String> {
    match import_payments("own.csv", csv.as_bytes(), dataset()) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.iter().map(|p| p.to_string()).collect(),
    }
}

#[test]
fn a_practice_named_twice_is_refused_with_both_lines() {
    let csv =
        format!("{HEADER}\nA81001,4000,100.50,90\nA81002,3000,200,150\na81001 ,4000,100.50,90\n");
    assert_eq!(
        problems(&csv),
        vec![
            "line 4, column 'Practice Code': practice A81001 is already in the file, on line 2; each practice may appear once"
                .to_string()
        ]
    );
}

#[test]
fn the_same_file_without_the_repeat_is_read_and_counts_each_practice_once() {
    let csv = format!("{HEADER}\nA81001,4000,100.50,90\nA81002,3000,200,150\n");
    assert_eq!(problems(&csv), Vec::<String>::new());
    let d = import_payments("own.csv", csv.as_bytes(), dataset()).unwrap();
    assert_eq!(d.practices.len(), 2);
    assert_eq!(d.national_totals().practices, 2);
}
