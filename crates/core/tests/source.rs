//! Checks on the source itself: the app never turns a string into HTML or code, so data and a
//! user's own file can only ever be shown as text (Leptos escapes text it renders), and the
//! Content-Security-Policy's ban on inline script costs nothing.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

/// Ways of turning a string into markup or code.
const FORBIDDEN: [&str; 8] = [
    "inner_html",
    "innerHTML",
    "outer_html",
    "outerHTML",
    "insertAdjacentHTML",
    "document.write",
    "eval(",
    "new Function",
];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable directory") {
        let path = entry.expect("a readable entry").path();
        if path.is_dir() {
            // Build output and fuzz inputs are not source.
            if matches!(
                path.file_name().and_then(|n| n.to_str()),
                Some("target" | "corpus" | "regressions" | "artifacts")
            ) {
                continue;
            }
            files(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("rs" | "js" | "html")
        ) {
            out.push(path);
        }
    }
}

#[test]
fn no_source_file_writes_html_or_code_from_a_string() {
    // The whole workspace: the app, every crate, and the static files.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut all = vec![root.join("index.html")];
    for dir in ["src", "crates", "public"] {
        files(&root.join(dir), &mut all);
    }
    assert!(
        all.len() > 30,
        "found {} files: is the layout unchanged?",
        all.len()
    );
    let mut found = Vec::new();
    // This file names the forbidden words in order to look for them.
    let this_file = Path::new(file!()).file_name();
    for path in all.iter().filter(|p| p.file_name() != this_file) {
        let text = std::fs::read_to_string(path).expect("a text file");
        for (n, line) in text.lines().enumerate() {
            for word in FORBIDDEN.iter().filter(|w| line.contains(**w)) {
                found.push(format!("{}:{}: {word}", path.display(), n + 1));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
