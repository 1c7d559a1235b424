//! The README's table of parameters is generated from the table in the core: it must be what
//! `parameters_markdown` writes today.
#![cfg(not(target_arch = "wasm32"))]

use gpfe_core::scenario::parameters_markdown;

const START: &str = "<!-- parameters:start -->\n";
const END: &str = "<!-- parameters:end -->";

#[test]
fn the_readme_table_of_parameters_is_generated_from_the_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md");
    let readme = std::fs::read_to_string(path).expect("the README is readable");
    let start = readme
        .find(START)
        .expect("the README has <!-- parameters:start -->")
        + START.len();
    let end = readme[start..]
        .find(END)
        .map(|i| start + i)
        .expect("the README has <!-- parameters:end --> after its start marker");
    assert!(
        readme[start..end] == parameters_markdown(),
        "The README's table of parameters differs from the table in crates/core/src/scenario/params.rs. \
         Regenerate it: replace the lines between {} and {END} in README.md with the output of \
         `cargo run --bin gpfe -- params --markdown`.",
        START.trim_end()
    );
}
