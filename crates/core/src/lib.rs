//! The core of GP Funding Explorer: everything that is true without a screen.
//!
//! Data flows one way: `data` -> `scenario` -> `model` -> `series` -> the app's view. This crate
//! holds all but the view. It is pure Rust with no browser dependency, compiled natively for
//! tests, the `gpfe` command and the dataset builder, and to WebAssembly for the app; the app
//! only shows what it returns.

/// The England dataset: its types, decoding the built-in file, a user's own CSV, caveats.
pub mod data;

/// Exports: CSV of tables and practice results, and file names that say the scenario.
pub mod export;

/// The glossary of funding terms, and linking a text's terms to it.
pub mod glossary;

/// Finding a practice or an area by what a person types.
pub mod find;

/// Formatting numbers for people (thousands separators, pounds and pence).
pub mod format;

/// The map's geometry: boundaries from GeoJSON, projection and hit-testing.
pub mod geo;

/// What a scenario is called and the headline sentence of what it does.
pub mod headline;

/// The page's address: scenario, selected practice, presentation mode, embedded charts.
pub mod link;

/// The allocation engine: pure functions of (dataset, scenario), no I/O, no browser.
/// Money is shared out in whole pence so that every pot sums back to itself exactly.
pub mod model;

/// The QR code of a view's link, for presentation mode.
pub mod qr;

/// A practice's receipt: every step from its patients to its total, 2022/23 against the
/// scenario.
pub mod receipt;

/// The scenario: every parameter of the model, its defaults, presets and URL form.
pub mod scenario;

/// The real payments history 2014/15 to 2022/23, summarised by year (no scenario applied).
pub mod history;

/// What each chart shows, prepared from an outcome (plain data; the UI draws it).
pub mod series;

/// The guided tours' claims, checked against the model.
pub mod claims;

/// How sure the headline is: its range as the unverified inputs move.
pub mod sensitivity;

/// Lever by lever: a group's change split fairly among the settings moved (Shapley values).
pub mod levers;

/// The whole range of a slider, and goal-seek.
pub mod seek;

/// Predict, then reveal: a reader's guess of a tour step's change beside the answer.
pub mod predict;

#[cfg(test)]
mod test_data;
