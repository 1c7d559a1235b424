//! Builds the app's dataset from the raw public files.
//!
//! Usage: build-dataset [--data DIR] [--out FILE]
//!   --data DIR   the raw files (default: ../shared/data, or $GPFE_DATA_DIR)
//!   --out FILE   where to write (default: public/data/england-2022-23.json)
//!
//! Prints the build report. On any problem with the input it prints where the problem is and
//! exits with status 1 without writing anything.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use gp_funding_explorer::data::build::{build, format_report, write_atomically};
    use std::path::PathBuf;

    let mut data = std::env::var_os("GPFE_DATA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/data"));
    let mut out = PathBuf::from("public/data").join(gp_funding_explorer::data::DATASET_FILE_NAME);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--data", Some(v)) => data = PathBuf::from(v),
            ("--out", Some(v)) => out = PathBuf::from(v),
            _ => {
                eprintln!("usage: build-dataset [--data DIR] [--out FILE]");
                std::process::exit(2);
            }
        }
    }
    let (file, report) = match build(&data) {
        Ok(built) => built,
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("(nothing was written)");
            std::process::exit(1);
        }
    };
    let json = match serde_json::to_vec(&file) {
        Ok(json) => json,
        Err(e) => {
            eprintln!("error: cannot encode the dataset: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = write_atomically(&out, &json) {
        eprintln!("error: cannot write {}: {e}", out.display());
        std::process::exit(1);
    }
    print!("{}", format_report(&report));
    println!("Wrote {} ({} bytes)", out.display(), json.len());
}

#[cfg(target_arch = "wasm32")]
fn main() {}
