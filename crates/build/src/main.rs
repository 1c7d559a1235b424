//! Builds the app's dataset from the raw public files.
//!
//! Usage: build-dataset [--data DIR] [--out DIR]
//!   --data DIR   the raw files (default: ../shared/data, or $GPFE_DATA_DIR)
//!   --out DIR    where to write the four dataset files (default: public/data)
//!
//! Prints the build report. On any problem with the input it prints where the problem is and
//! exits with status 1 without writing anything.

fn main() {
    use gpfe_build::{build, format_report, write_files};
    use std::path::PathBuf;

    let mut data = std::env::var_os("GPFE_DATA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/data"));
    let mut out = PathBuf::from("public/data");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--data", Some(v)) => data = PathBuf::from(v),
            ("--out", Some(v)) => out = PathBuf::from(v),
            _ => {
                eprintln!("usage: build-dataset [--data DIR] [--out DIR]");
                std::process::exit(2);
            }
        }
    }
    let built = match build(&data) {
        Ok(built) => built,
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("(nothing was written)");
            std::process::exit(1);
        }
    };
    print!("{}", format_report(&built.report));
    match write_files(&built, &out) {
        Ok(written) => {
            for (path, bytes) in written {
                println!("Wrote {} ({bytes} bytes)", path.display());
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
