//! The URL form of a scenario: reading a query string into a typed view, and writing one.
//!
//! `v=1` first, then only the parameters that differ from their defaults, in the order of
//! [`PARAMETERS`], as `key=value`. Numbers are written with no more digits than needed;
//! choices by their short names. `preset=NAME` starts from a preset and may be followed by
//! further keys that change it. The default scenario's query string is empty. Keys the app uses
//! for its view ([`VIEW_KEYS`]) are read into [`ViewKeys`] and left out of the scenario.
//!
//! A second scenario, B, to compare with the first (A), has the same keys under the prefix
//! [`COMPARE_PREFIX`]: `preset=age-only&b.preset=need-index`. Any `b.` key turns comparing on;
//! `b.v=1` alone compares with the default scenario.

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

/// The prefix of the keys of the scenario compared with (B).
pub const COMPARE_PREFIX: &str = "b.";

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
    /// The scenario compared with (B), when the query has any `b.` key.
    pub compare: Option<Scenario>,
    pub errors: Vec<ScenarioError>,
}

impl Query {
    /// Reads a query string (with or without its `?`). Never panics.
    pub fn parse(query: &str) -> Query {
        let mut out = Query {
            scenario: Scenario::default(),
            view: ViewKeys::default(),
            compare: None,
            errors: Vec::new(),
        };
        let query = query.trim().trim_start_matches('?');
        // B's settings, unprefixed, to be read as a query of their own.
        let mut compare: Option<form_urlencoded::Serializer<String>> = None;
        for part in query.split('&').filter(|p| !p.is_empty()) {
            let Some((key, value)) = decode(part) else {
                out.errors.push(ScenarioError::Malformed {
                    part: decode_text(part),
                });
                continue;
            };
            if let Some(inner) = key.strip_prefix(COMPARE_PREFIX) {
                let b =
                    compare.get_or_insert_with(|| form_urlencoded::Serializer::new(String::new()));
                if VIEW_KEYS.contains(&inner) || inner.starts_with(COMPARE_PREFIX) {
                    out.errors.push(ScenarioError::UnknownKey { key });
                } else {
                    b.append_pair(inner, &value);
                }
                continue;
            }
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
        if let Some(mut b) = compare {
            let inner = Query::parse(&b.finish());
            out.errors
                .extend(inner.errors.into_iter().map(ScenarioError::in_compared));
            out.compare = Some(inner.scenario);
        }
        out
    }
}

/// The query string of the scenario compared with (B): its keys under [`COMPARE_PREFIX`];
/// `b.v=1` for the default scenario, so that comparing with it is still said.
pub fn compare_query(b: &Scenario) -> String {
    let query = b.to_query();
    let query = if query.is_empty() {
        format!("v={QUERY_VERSION}")
    } else {
        query
    };
    query
        .split('&')
        .map(|part| format!("{COMPARE_PREFIX}{part}"))
        .collect::<Vec<_>>()
        .join("&")
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
    /// A problem with a setting of the scenario compared with (B): `key` is its key with the
    /// prefix (`b.ns`).
    InCompared {
        key: String,
        error: Box<ScenarioError>,
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
            Self::InCompared { key, .. } => key,
        }
    }

    /// The same problem, found in the scenario compared with (B).
    fn in_compared(self) -> ScenarioError {
        ScenarioError::InCompared {
            key: format!("{COMPARE_PREFIX}{}", self.key()),
            error: Box::new(self),
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
            Self::InCompared { key, error } => {
                let text = error.to_string();
                let inner = format!("'{}'", error.key());
                match text.strip_prefix(&inner) {
                    Some(rest) => write!(f, "'{key}'{rest}"),
                    None => write!(f, "'{key}': {text}"),
                }
            }
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
    fn a_second_scenario_is_read_under_its_prefix() {
        let q = Query::parse("preset=age-only&b.preset=need-index&b.lt=0.1&practice=A81001");
        assert!(q.errors.is_empty(), "{:?}", q.errors);
        assert_eq!(q.scenario, Scenario::from_query("preset=age-only").unwrap());
        let b = q.compare.expect("b. keys turn comparing on");
        assert_eq!(b, Scenario::from_query("preset=need-index&lt=0.1").unwrap());
        assert_eq!(q.view.practice.as_deref(), Some("A81001"));
        // Written back, B's keys come under the prefix and read back the same.
        let written = compare_query(&b);
        assert!(written.split('&').all(|p| p.starts_with("b.")), "{written}");
        assert_eq!(Query::parse(&written).compare, Some(b));
        // The default scenario as B is still said.
        assert_eq!(compare_query(&Scenario::default()), "b.v=1");
        assert_eq!(Query::parse("b.v=1").compare, Some(Scenario::default()));
        // Without b. keys there is nothing to compare with.
        assert_eq!(Query::parse("preset=age-only&lt=0.1").compare, None);
    }

    #[test]
    fn errors_in_the_second_scenario_name_the_prefixed_key() {
        let q = Query::parse("ns=0.5&b.ns=9&b.zz=1&b.preset=nope&b.v=2&b.practice=A81001");
        let keys: Vec<&str> = q.errors.iter().map(|e| e.key()).collect();
        assert_eq!(keys, vec!["b.practice", "b.ns", "b.zz", "b.preset", "b.v"]);
        let texts: Vec<String> = q.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(texts[0], "'b.practice' is not a setting of this model");
        assert_eq!(texts[1], "'b.ns' is 9, outside its range 0 to 2");
        assert!(texts[3].starts_with("'b.preset' names no preset called 'nope'"));
        assert_eq!(
            texts[4],
            "'b.v' is 2, but this app reads links of version 1"
        );
        assert_eq!(q.scenario.needs_strength, 0.5);
        assert_eq!(q.compare.map(|b| b.needs_strength), Some(1.0));
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
            "b.",
            "b.=",
            "b.b.ns=1",
            "b.%",
        ] {
            let _ = Query::parse(q);
        }
        assert_eq!(Query::parse("b.b.ns=1").errors[0].key(), "b.b.ns");
        assert_eq!(
            Scenario::from_query("=1").unwrap_err().to_string(),
            "'' is not a setting of this model"
        );
    }
}
