//! GP Funding Explorer: how English general practice is funded, and what a reform would change.
//!
//! Data flows one way: `data` -> `model` -> `ui`. The model is pure Rust, compiled natively for
//! tests and to WebAssembly for the app; the UI only shows what the model returns.

/// The England dataset: its types, decoding the built-in file, and (natively) the builder that
/// derives it from the raw public files.
pub mod data;

/// Exports: CSV of tables and practice results, and file names that say the scenario.
pub mod export;

/// Formatting numbers for people (thousands separators, pounds and pence).
pub mod format;

/// The allocation engine: pure functions of (dataset, scenario), no I/O, no browser.
/// Money is shared out in whole pence so that every pot sums back to itself exactly.
pub mod model;

/// The scenario: every parameter of the model, its defaults, presets and URL form.
pub mod scenario;

/// The real payments history 2014/15 to 2022/23, summarised by year (no scenario applied).
pub mod history;

/// What each chart shows, prepared from an outcome (plain data; the UI draws it).
pub mod series;

/// Leptos components: layout, controls and charts. They show the model's results; they never
/// compute money themselves. Compiled for the browser only.
#[cfg(target_arch = "wasm32")]
pub mod ui;
