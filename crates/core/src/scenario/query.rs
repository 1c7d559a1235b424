//! The URL form of a scenario: reading a query string into a typed view, and writing one.
//!
//! `v=1` first, then only the parameters that differ from their defaults, in the order of
//! [`PARAMETERS`], as `key=value`. Numbers are written with no more digits than needed;
//! choices by their short names. `preset=NAME` starts from a preset and may be followed by
//! further keys that change it. The default scenario's query string is empty. Keys the app uses
//! for its view ([`VIEW_KEYS`]) are read into [`ViewKeys`] and left out of the scenario.

use super::params::PARAMETERS;
use super::presets::PRESETS;
use super::types::Scenario;
use std::fmt;

/// The current version of the URL form.
pub const QUERY_VERSION: u32 = 1;

/// Query keys that describe the app's view (which chart, which practice, embed or present
/// mode) rather than the model. The scenario parser passes over them.
pub const VIEW_KEYS: &[&str] = &[
    "practice", "embed", "present", "view", "step", "story", "theme", "area", "data",
];

/// The view keys of a query string, decoded as written (the last of each wins).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewKeys {
    /// `practice=CODE`: the selected practice.
    pub practice: Option<String>,
    /// `embed=ID`: one chart alone, for embedding.
    pub embed: Option<String>,
    /// `present=1`: presentation mode.
    pub present: Option<String>,
    pub view: Option<String>,
    /// `step=N`: the step of a tour.
    pub step: Option<String>,
    /// `story=NAME`: a tour.
    pub story: Option<String>,
    /// `theme=light|dark|auto`: an embedded chart's colours.
    pub theme: Option<String>,
    /// `area=CODE`: the selected area (a council, constituency, PCN, sub-ICB or ICB).
    pub area: Option<String>,
    /// `data=ID`: the data the link was made with (see `link::data_id`).
    pub data: Option<String>,
}

impl ViewKeys {
    fn slot(&mut self, key: &str) -> Option<&mut Option<String>> {
        match key {
            "practice" => Some(&mut self.practice),
            "embed" => Some(&mut self.embed),
            "present" => Some(&mut self.present),
            "view" => Some(&mut self.view),
            "step" => Some(&mut self.step),
            "story" => Some(&mut self.story),
            "theme" => Some(&mut self.theme),
            "area" => Some(&mut self.area),
            "data" => Some(&mut self.data),
            _ => None,
        }
    }
}

/// A query string read once: the scenario it describes (bad settings left at their defaults or
/// the preset's values), the app's view keys, and every problem found, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub scenario: Scenario,
    pub view: ViewKeys,
    pub errors: Vec<ScenarioError>,
}

impl Query {
    /// Reads a query string (with or without its `?`). Never panics.
    pub fn parse(query: &str) -> Query {
        let mut out = Query {
            scenario: Scenario::default(),
            view: ViewKeys::default(),
            errors: Vec::new(),
        };
        let query = query.trim().trim_start_matches('?');
        for part in query.split('&').filter(|p| !p.is_empty()) {
            let Some((key, value)) = decode(part) else {
                out.errors.push(ScenarioError::Malformed {
                    part: decode_text(part),
                });
                continue;
            };
            match key.as_str() {
                "v" => {
                    if value.trim() != QUERY_VERSION.to_string() {
                        out.errors.push(ScenarioError::UnsupportedVersion { value });
                    }
                }
                "preset" => match PRESETS.iter().find(|p| p.name == value.trim()) {
                    Some(preset) => {
                        let inner = Query::parse(preset.query);
                        out.scenario = inner.scenario;
                        out.errors.extend(inner.errors);
                    }
                    None => out
                        .errors
                        .push(ScenarioError::UnknownPreset { name: value }),
                },
                // Keys the app uses for its view, not the model, are not the model's business.
                k => match out.view.slot(k) {
                    Some(slot) => *slot = Some(value),
                    None => {
                        if let Err(e) = out.scenario.set(&key, &value) {
                            out.errors.push(e);
                        }
                    }
                },
            }
        }
        out
    }
}

/// Decodes one `key=value` part of a query string (`%XX` escapes, `+` as a space; invalid
/// escapes kept as written). `None` when it has no `=`.
fn decode(part: &str) -> Option<(String, String)> {
    if !part.contains('=') {
        return None;
    }
    form_urlencoded::parse(part.as_bytes())
        .next()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
}

/// Decodes a part of a query string that holds no `=` or `&`.
fn decode_text(text: &str) -> String {
    form_urlencoded::parse(text.as_bytes())
        .map(|(k, _)| k.into_owned())
        .collect::<Vec<_>>()
        .join("&")
}

/// Shortest decimal form of a number (`0.46`, `1`, `2.354`).
pub(crate) fn write_number(v: f64) -> String {
    // Rust writes an f64 in full decimal, never with an exponent, and reads it back exactly.
    format!("{v}")
}

impl Scenario {
    /// Reads a query string strictly: the first problem is an error.
    pub fn from_query(query: &str) -> Result<Scenario, ScenarioError> {
        let (scenario, mut errors) = Self::from_query_lenient(query);
        if errors.is_empty() {
            Ok(scenario)
        } else {
            Err(errors.remove(0))
        }
    }

    /// Reads a query string, keeping every good setting: each bad one is reported and left at
    /// its default (or the preset's value). Never panics.
    pub fn from_query_lenient(query: &str) -> (Scenario, Vec<ScenarioError>) {
        let q = Query::parse(query);
        (q.scenario, q.errors)
    }

    /// The query string of this scenario: `v=1` and the non-default parameters, or empty.
    pub fn to_query(&self) -> String {
        let default = Scenario::default();
        let mut changed = PARAMETERS
            .iter()
            .filter(|p| p.differs(self, &default))
            .peekable();
        if changed.peek().is_none() {
            return String::new();
        }
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("v", &QUERY_VERSION.to_string());
        for p in changed {
            query.append_pair(p.key, &p.url_value(self));
        }
        query.finish()
    }
}

/// Why a query string could not be read. Each error names the key.
#[derive(Debug, Clone, PartialEq)]
pub enum ScenarioError {
    UnknownKey {
        key: String,
    },
    NotACode {
        key: String,
        value: String,
    },
    NotANumber {
        key: String,
        value: String,
    },
    OutOfRange {
        key: String,
        value: f64,
        min: f64,
        max: f64,
    },
    NotAChoice {
        key: String,
        value: String,
        allowed: Vec<&'static str>,
    },
    UnknownPreset {
        name: String,
    },
    UnsupportedVersion {
        value: String,
    },
    Malformed {
        part: String,
    },
}

impl ScenarioError {
    /// The URL key the error is about.
    pub fn key(&self) -> &str {
        match self {
            Self::UnknownKey { key }
            | Self::NotANumber { key, .. }
            | Self::OutOfRange { key, .. }
            | Self::NotAChoice { key, .. }
            | Self::NotACode { key, .. } => key,
            Self::UnknownPreset { .. } => "preset",
            Self::UnsupportedVersion { .. } => "v",
            Self::Malformed { part } => part,
        }
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownKey { key } => write!(f, "'{key}' is not a setting of this model"),
            Self::NotANumber { key, value } => {
                write!(f, "'{key}' must be a number, not '{value}'")
            }
            Self::OutOfRange {
                key,
                value,
                min,
                max,
            } => write!(f, "'{key}' is {value}, outside its range {min} to {max}"),
            Self::NotAChoice {
                key,
                value,
                allowed,
            } => write!(
                f,
                "'{key}' must be one of {}, not '{value}'",
                allowed.join(", ")
            ),
            Self::NotACode { key, value } => write!(
                f,
                "'{key}' must be a code of up to 10 letters and digits, not '{value}'"
            ),
            Self::UnknownPreset { name } => write!(
                f,
                "'preset' names no preset called '{name}' (presets: {})",
                PRESETS
                    .iter()
                    .map(|p| p.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Self::UnsupportedVersion { value } => write!(
                f,
                "'v' is {value}, but this app reads links of version {QUERY_VERSION}"
            ),
            Self::Malformed { part } => write!(f, "'{part}' is not a key=value setting"),
        }
    }
}

impl std::error::Error for ScenarioError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Kind, Sharing, PARAMETERS, PRESETS};

    #[test]
    fn the_default_scenario_has_an_empty_query() {
        assert_eq!(Scenario::default().to_query(), "");
        assert_eq!(Scenario::from_query("").unwrap(), Scenario::default());
        assert_eq!(Scenario::from_query("?").unwrap(), Scenario::default());
    }

    #[test]
    fn only_changed_parameters_are_written() {
        let mut s = Scenario::default();
        s.age_sex_weights[1][6] = 4.5;
        s.turnover_premium = 0.0;
        s.pot_qof = true;
        s.sharing = Sharing::Formula;
        assert_eq!(s.to_query(), "v=1&f6=4.5&lt=0&qof=1&share=formula");
        assert_eq!(Scenario::from_query(&s.to_query()).unwrap(), s);
    }

    #[test]
    fn every_parameter_round_trips() {
        for p in PARAMETERS {
            let mut s = Scenario::default();
            let value = match p.kind() {
                Kind::Number { min, max, .. } => write_number(min + (max - min) * 0.37),
                Kind::Switch => {
                    if s.number(p.key) == Some(1.0) {
                        "0".to_string()
                    } else {
                        "1".to_string()
                    }
                }
                Kind::Choice(choices) => choices
                    .iter()
                    .find(|c| Some(**c) != s.choice(p.key))
                    .map(|c| c.to_string())
                    .unwrap_or_default(),
                Kind::Code => "A81001".to_string(),
            };
            s.set(p.key, &value).unwrap();
            assert!(!s.is_default(), "{}", p.key);
            assert_eq!(Scenario::from_query(&s.to_query()).unwrap(), s, "{}", p.key);
        }
    }

    #[test]
    fn errors_name_the_key_and_the_allowed_range() {
        let err = |q: &str| Scenario::from_query(q).unwrap_err().to_string();
        assert_eq!(err("zz=1"), "'zz' is not a setting of this model");
        assert_eq!(err("ns=lots"), "'ns' must be a number, not 'lots'");
        assert_eq!(err("ns=3"), "'ns' is 3, outside its range 0 to 2");
        assert_eq!(err("m0=-1"), "'m0' is -1, outside its range 0 to 10");
        assert_eq!(err("ns=NaN"), "'ns' must be a number, not 'NaN'");
        assert_eq!(
            err("fix=both"),
            "'fix' must be one of pot, price, not 'both'"
        );
        assert_eq!(err("qof=maybe"), "'qof' must be one of 0, 1, not 'maybe'");
        assert_eq!(
            err("v=2"),
            "'v' is 2, but this app reads links of version 1"
        );
        assert_eq!(err("ns"), "'ns' is not a key=value setting");
        assert!(err("preset=nope").starts_with("'preset' names no preset called 'nope'"));
    }

    #[test]
    fn lenient_reading_keeps_the_good_settings() {
        let (s, errors) = Scenario::from_query_lenient("v=1&ns=9&lt=0.2&bogus=1&practice=E85124");
        assert_eq!(
            s.needs_strength, 1.0,
            "the bad value falls back to its default"
        );
        assert_eq!(s.turnover_premium, 0.2);
        let keys: Vec<&str> = errors.iter().map(|e| e.key()).collect();
        assert_eq!(keys, vec!["ns", "bogus"]);
    }

    #[test]
    fn presets_expand_and_can_be_changed() {
        let s = Scenario::from_query("preset=core-and-qof&lt=0.1").unwrap();
        assert!(s.pot_qof);
        assert_eq!(s.sharing, Sharing::Formula);
        assert_eq!(s.turnover_premium, 0.1);
        for preset in PRESETS {
            let s = Scenario::from_query(preset.query).unwrap();
            assert_eq!(s.to_query(), preset.query, "{}", preset.name);
        }
    }

    #[test]
    fn escapes_are_decoded() {
        assert_eq!(decode_text("a%2Cb+c"), "a,b c");
        assert_eq!(decode_text("%zz%"), "%zz%");
        assert_eq!(decode_text("%"), "%");
        assert_eq!(decode_text("%4"), "%4");
        assert_eq!(
            decode("k%3D=a=b%26"),
            Some(("k=".to_string(), "a=b&".to_string()))
        );
        assert_eq!(decode("ns"), None);
        let s = Scenario::from_query("v=1&n%73=0.5").unwrap();
        assert_eq!(s.needs_strength, 0.5);
    }

    #[test]
    fn view_keys_are_read_apart_from_the_scenario() {
        let q = Query::parse(
            "?v=1&practice=e85124&lt=0.2&present=1&story=fairness&step=2&embed=chart-map&view=x",
        );
        assert!(q.errors.is_empty());
        assert_eq!(q.scenario.turnover_premium, 0.2);
        assert_eq!(q.view.practice.as_deref(), Some("e85124"));
        assert_eq!(q.view.present.as_deref(), Some("1"));
        assert_eq!(q.view.story.as_deref(), Some("fairness"));
        assert_eq!(q.view.step.as_deref(), Some("2"));
        assert_eq!(q.view.embed.as_deref(), Some("chart-map"));
        assert_eq!(q.view.view.as_deref(), Some("x"));
        for key in VIEW_KEYS {
            assert!(ViewKeys::default().slot(key).is_some(), "{key}");
        }
    }

    #[test]
    fn odd_query_strings_do_not_panic() {
        for q in [
            "&&&",
            "=",
            "==",
            "%",
            "%%%=%",
            "v",
            "v=",
            "preset=",
            "a=b=c",
            "%FF=%FE",
            "ns=%E2%82",
        ] {
            let _ = Query::parse(q);
        }
        assert_eq!(
            Scenario::from_query("=1").unwrap_err().to_string(),
            "'' is not a setting of this model"
        );
    }
}
