//! The scenario: every parameter of the model, its defaults, and its URL form.
//!
//! A scenario is data. Its default reproduces the 2022/23 baseline exactly. It is written to and
//! read from a URL query string ([`Scenario::to_query`], [`Scenario::from_query`], [`Query`])
//! so that any view can be shared and reproduced, in the app or with the `gpfe` command.
//!
//! - [`types`]: the [`Scenario`], its parts and their defaults;
//! - [`params`]: the table of parameters, [`PARAMETERS`], each declared once with its key,
//!   label, unit, range or choices, section, help, source, certainty, getter and setter;
//! - [`query`]: the URL form (version 1), read once into a typed [`Query`];
//! - [`presets`]: named scenarios ([`PRESETS`]); [`tours`]: guided walk-throughs.
//!
//! The README's table of keys is generated from [`PARAMETERS`] by [`parameters_markdown`]
//! (`gpfe params --markdown`); `gpfe params` prints the whole table as JSON.

pub mod params;
pub mod presets;
pub mod query;
pub mod tours;
pub mod types;

#[cfg(feature = "json")]
pub use params::parameters_json;
pub use params::{
    parameter, parameters_markdown, sources_rows, Access, Certainty, Kind, Parameter, Section,
    Source, Unit, PARAMETERS,
};
pub use presets::{Preset, PRESETS};
pub use query::{
    compare_query, Query, ScenarioError, ViewKeys, COMPARE_PREFIX, QUERY_VERSION, VIEW_KEYS,
};
pub use types::*;
