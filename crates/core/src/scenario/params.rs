//! The table of parameters: every setting of the model declared once, with its URL key, label,
//! unit, range or choices, the control section it belongs to, help, source, how certain its
//! default is, and how to read and write it on a [`Scenario`]. Everything else (the URL form,
//! the controls, `gpfe params`, the README's table) is driven from [`PARAMETERS`].

use super::query::{write_number, ScenarioError};
use super::types::*;
#[cfg(feature = "json")]
use serde_json::{json, Value};

/// The unit a numeric parameter is written in, and so how it is shown to people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A Carr-Hill workload weight (men aged 5-14 = 1).
    Weight,
    /// A factor applied to something (1 = unchanged).
    Multiplier,
    /// A share or a rate, 0.1 = 10%.
    Share,
    /// A rate of growth a year, 0.032 = 3.2% a year.
    ShareAYear,
    /// Pounds.
    Pounds,
    /// Pounds per registered patient.
    PoundsPerPatient,
    /// Pounds per weighted patient (0 = none).
    PoundsPerWeightedPatient,
    /// Pounds per patient a year.
    PoundsPerPatientAYear,
    /// Billions of pounds.
    BillionPounds,
    /// Billions of pounds a year.
    BillionPoundsAYear,
    /// Millions of pounds a year.
    MillionPoundsAYear,
    /// Millions (of admissions).
    Millions,
    /// Registered patients.
    Patients,
    /// Quarters of a year.
    Quarters,
    /// Years.
    Years,
}

/// A number with no more than two decimal places and no trailing zeros (`85`, `3.2`, `91.08`).
fn trim(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A non-negative number rounded to a whole one, with thousands separators.
fn whole(v: f64) -> String {
    // `as` saturates: negative and non-finite values cannot panic.
    crate::format::count(v.round() as u64)
}

impl Unit {
    /// Every unit.
    pub const ALL: [Unit; 15] = [
        Unit::Weight,
        Unit::Multiplier,
        Unit::Share,
        Unit::ShareAYear,
        Unit::Pounds,
        Unit::PoundsPerPatient,
        Unit::PoundsPerWeightedPatient,
        Unit::PoundsPerPatientAYear,
        Unit::BillionPounds,
        Unit::BillionPoundsAYear,
        Unit::MillionPoundsAYear,
        Unit::Millions,
        Unit::Patients,
        Unit::Quarters,
        Unit::Years,
    ];

    /// Its name in `gpfe params`.
    pub fn key(self) -> &'static str {
        match self {
            Unit::Weight => "weight",
            Unit::Multiplier => "multiplier",
            Unit::Share => "share",
            Unit::ShareAYear => "share_a_year",
            Unit::Pounds => "pounds",
            Unit::PoundsPerPatient => "pounds_per_patient",
            Unit::PoundsPerWeightedPatient => "pounds_per_weighted_patient",
            Unit::PoundsPerPatientAYear => "pounds_per_patient_a_year",
            Unit::BillionPounds => "billion_pounds",
            Unit::BillionPoundsAYear => "billion_pounds_a_year",
            Unit::MillionPoundsAYear => "million_pounds_a_year",
            Unit::Millions => "millions",
            Unit::Patients => "patients",
            Unit::Quarters => "quarters",
            Unit::Years => "years",
        }
    }

    /// How a value in this unit is written in the URL, in words.
    pub fn describe(self) -> &'static str {
        match self {
            Unit::Weight => "weight",
            Unit::Multiplier => "×",
            Unit::Share => "share, 0.1 = 10%",
            Unit::ShareAYear => "a year, 0.01 = 1%",
            Unit::Pounds => "£",
            Unit::PoundsPerPatient => "£ per patient",
            Unit::PoundsPerWeightedPatient => "£ per weighted patient",
            Unit::PoundsPerPatientAYear => "£ per patient a year",
            Unit::BillionPounds => "£bn",
            Unit::BillionPoundsAYear => "£bn a year",
            Unit::MillionPoundsAYear => "£m a year",
            Unit::Millions => "millions",
            Unit::Patients => "patients",
            Unit::Quarters => "quarters",
            Unit::Years => "years",
        }
    }

    /// How a value reads for people, with its unit (`46%`, `£2.18 per patient`, `4 quarters`).
    pub fn show(self, v: f64) -> String {
        match self {
            Unit::Weight => format!("{v:.3}"),
            Unit::Multiplier => format!("{v:.3}×"),
            Unit::Share => format!("{}%", trim(v * 100.0)),
            Unit::ShareAYear => format!("{}% a year", trim(v * 100.0)),
            Unit::Pounds => format!("£{}", whole(v)),
            Unit::PoundsPerPatient => format!("£{v:.2} per patient"),
            Unit::PoundsPerWeightedPatient if v == 0.0 => "none".to_string(),
            Unit::PoundsPerWeightedPatient => format!("£{v:.0} per weighted patient"),
            Unit::PoundsPerPatientAYear => format!("£{v:.0} per patient a year"),
            Unit::BillionPounds => format!("£{v:.0}bn"),
            Unit::BillionPoundsAYear => format!("£{v:.1}bn a year"),
            Unit::MillionPoundsAYear => format!("£{v:.0}m a year"),
            Unit::Millions => format!("{v:.1} million"),
            Unit::Patients => format!("{} patients", whole(v)),
            Unit::Quarters => format!("{v:.0} quarters"),
            Unit::Years if v == 1.0 => "1 year".to_string(),
            Unit::Years => format!("{v:.0} years"),
        }
    }
}

/// The section of the controls a parameter is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The age-sex weight table of the formula.
    AgeSexWeights,
    /// The rest of the formula: how weighted patients are made.
    Formula,
    /// Which payment lines are shared by the formula, and how.
    Pot,
    /// The digital-first practice story.
    DigitalFirst,
    /// The QOF successor story.
    QofSuccessor,
    /// The budget holder story.
    BudgetHolder,
    /// An ICB's local discretion: a Health Equity Payment.
    LocalDiscretion,
    /// The savings reinvested story.
    Savings,
    /// The new money story.
    Envelope,
    /// The networks story.
    Networks,
    /// The pace of change.
    Transition,
}

impl Section {
    /// Every section, in the order the controls show them.
    pub const ALL: [Section; 11] = [
        Section::AgeSexWeights,
        Section::Formula,
        Section::Pot,
        Section::DigitalFirst,
        Section::QofSuccessor,
        Section::BudgetHolder,
        Section::LocalDiscretion,
        Section::Savings,
        Section::Envelope,
        Section::Networks,
        Section::Transition,
    ];

    /// The stories' sections, in the order the controls show them.
    pub const STORIES: [Section; 8] = [
        Section::DigitalFirst,
        Section::QofSuccessor,
        Section::BudgetHolder,
        Section::LocalDiscretion,
        Section::Savings,
        Section::Envelope,
        Section::Networks,
        Section::Transition,
    ];

    /// Its name in `gpfe params`.
    pub fn key(self) -> &'static str {
        match self {
            Section::AgeSexWeights => "age_sex_weights",
            Section::Formula => "formula",
            Section::Pot => "pot",
            Section::DigitalFirst => "digital_first",
            Section::QofSuccessor => "qof_successor",
            Section::BudgetHolder => "budget_holder",
            Section::LocalDiscretion => "local_discretion",
            Section::Savings => "savings",
            Section::Envelope => "envelope",
            Section::Networks => "networks",
            Section::Transition => "transition",
        }
    }

    /// The id of its element in the page.
    pub fn id(self) -> &'static str {
        match self {
            Section::AgeSexWeights => "age-sex-weights",
            Section::Formula => "formula",
            Section::Pot => "pot",
            Section::DigitalFirst => "story-digital-first",
            Section::QofSuccessor => "story-qof",
            Section::BudgetHolder => "story-holder",
            Section::LocalDiscretion => "story-discretion",
            Section::Savings => "story-savings",
            Section::Envelope => "story-envelope",
            Section::Networks => "story-networks",
            Section::Transition => "story-transition",
        }
    }

    /// Its heading.
    pub fn title(self) -> &'static str {
        match self {
            Section::AgeSexWeights => "Age-sex weights (men aged 5-14 = 1)",
            Section::Formula => "Formula",
            Section::Pot => "Pot",
            Section::DigitalFirst => "The digital-first practice",
            Section::QofSuccessor => "The QOF successor",
            Section::BudgetHolder => "Who holds the budget",
            Section::LocalDiscretion => "An ICB's local discretion: a Health Equity Payment",
            Section::Savings => "Savings reinvested",
            Section::Envelope => "New money and the primary care share",
            Section::Networks => "Networks of 30-50k and family care networks",
            Section::Transition => "The pace of change",
        }
    }

    /// A sentence on what its settings do.
    pub fn help(self) -> &'static str {
        match self {
            Section::AgeSexWeights => "The Carr-Hill workload weights as used by the Health Foundation (2020) ⚠ unverified against the official tables.",
            Section::Formula => "How each practice's weighted patients are made: registered patients times the age-sex, list-turnover, additional-needs, rurality, area-cost and remainder indices, each with its own strength. The age-sex weights are the Carr-Hill workload weights as used by the Health Foundation (2020) ⚠ unverified against the official tables.",
            Section::Pot => "Which payment lines are shared by the formula. Core capitation (Global Sum, MPIG and the PMS balance: £6.02bn in 2022/23) is always in the pot; other lines stay as paid.",
            Section::DigitalFirst => "A practice registers tens of thousands of mostly young patients from across London: funding for them lands in one practice and one commissioner.",
            Section::QofSuccessor => "Part of QOF's money retired and spent another way: per registered, weighted or need-adjusted patient, or through networks.",
            Section::BudgetHolder => "Hospitals as integrated health organisations could hold the whole population budget, GP money included, and divert part of it.",
            Section::LocalDiscretion => "With delegated commissioning an ICB has discretion over part of its GP money. Leicester, Leicestershire and Rutland used it for a Health Equity Payment to the practices furthest below their need-based share; here an ICB re-spends part of its practices' own money that way.",
            Section::Savings => "If emergency admissions grew more slowly where the new care models work, what would not be spent could be reinvested in primary care: a projection on the growth rates and costs set here, not money saved.",
            Section::Envelope => "A path for the NHS budget (NHS England's net expenditure, in 2022/23 prices) growing at one real rate, general practice's part of the new money, paid to practices for one year of the path, and a target share for general practice by 2029 or 2035.",
            Section::Networks => "Practices work in networks that share staff and money; a family care network holds a budget for its population.",
            Section::Transition => "How fast the reform arrives: in equal steps over a number of years, with no practice's payments falling by more than a set share a year; protecting those held at the cap costs money, paid as new money or by the practices that gain.",
        }
    }

    /// Its parameters, in table order.
    pub fn parameters(self) -> impl Iterator<Item = &'static Parameter> {
        PARAMETERS.iter().filter(move |p| p.section == self)
    }
}

/// How far a parameter's default can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Certainty {
    /// A published figure, or the published 2022/23 arrangement (a lever that is off).
    Published,
    /// Derived or reported, but not checked against an official source.
    Estimate,
    /// No published figure: an assumption to vary.
    Illustrative,
}

impl Certainty {
    /// How sure, in words for the page.
    pub fn label(self) -> &'static str {
        match self {
            Certainty::Published => "Published",
            Certainty::Estimate => "Estimate",
            Certainty::Illustrative => "Illustrative choice",
        }
    }

    /// Its name in `gpfe params`.
    pub fn key(self) -> &'static str {
        match self {
            Certainty::Published => "published",
            Certainty::Estimate => "estimate",
            Certainty::Illustrative => "illustrative",
        }
    }
}

/// Where a parameter's default or range comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    pub publisher: &'static str,
    pub title: &'static str,
    /// The year of publication, where known.
    pub year: Option<u16>,
}

impl Source {
    /// `Publisher, Title (year)`.
    pub fn cite(&self) -> String {
        match self.year {
            Some(year) => format!("{}, {} ({year})", self.publisher, self.title),
            None => format!("{}, {}", self.publisher, self.title),
        }
    }
}

/// How a parameter's value is kept in a [`Scenario`], and what values it takes.
#[derive(Debug, Clone, Copy)]
pub enum Access {
    /// A number in `min..=max`, shown in `unit`, moved in steps of `step`.
    Number {
        min: f64,
        max: f64,
        step: f64,
        unit: Unit,
        get: fn(&Scenario) -> f64,
        set: fn(&mut Scenario, f64),
    },
    /// On or off (`1` or `0` in the URL).
    Switch {
        get: fn(&Scenario) -> bool,
        set: fn(&mut Scenario, bool),
    },
    /// One of the named choices (`names` in the URL, `labels` for people), by index.
    Choice {
        names: &'static [&'static str],
        labels: &'static [&'static str],
        get: fn(&Scenario) -> usize,
        set: fn(&mut Scenario, usize),
    },
    /// A code: a practice's or an ICB's (letters and digits, up to 10).
    Code {
        get: fn(&Scenario) -> &str,
        set: fn(&mut Scenario, String),
    },
}

/// What kind of value a parameter takes (its [`Access`] without the getter and setter).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// A number in `min..=max`, shown with `unit`, moved in steps of `step`.
    Number {
        min: f64,
        max: f64,
        step: f64,
        unit: Unit,
    },
    /// On or off (`1` or `0`).
    Switch,
    /// One of the named choices.
    Choice(&'static [&'static str]),
    /// A code: a practice's or an ICB's (letters and digits, up to 10).
    Code,
}

/// One parameter of the model, declared once. The UI builds its controls from these.
#[derive(Debug, Clone, Copy)]
pub struct Parameter {
    /// Its URL key.
    pub key: &'static str,
    pub label: &'static str,
    /// The control section it is shown in.
    pub section: Section,
    /// A sentence on what it does and where its default comes from.
    pub help: &'static str,
    /// Where its default comes from, if anywhere.
    pub source: Option<Source>,
    pub certainty: Certainty,
    /// Its values, and how to read and write it on a scenario.
    pub access: Access,
}

impl Parameter {
    /// How sure its default is and where it comes from, in a sentence for the page:
    /// "Estimate. Source: The Health Foundation, Level or not? … (2020)."
    pub fn provenance(&self) -> String {
        match self.source {
            Some(source) => format!("{}. Source: {}.", self.certainty.label(), source.cite()),
            None => format!(
                "{}. No source: a setting of the model.",
                self.certainty.label()
            ),
        }
    }

    /// What kind of value it takes.
    pub fn kind(&self) -> Kind {
        match self.access {
            Access::Number {
                min,
                max,
                step,
                unit,
                ..
            } => Kind::Number {
                min,
                max,
                step,
                unit,
            },
            Access::Switch { .. } => Kind::Switch,
            Access::Choice { names, .. } => Kind::Choice(names),
            Access::Code { .. } => Kind::Code,
        }
    }

    /// Its unit, if it is a number.
    pub fn unit(&self) -> Option<Unit> {
        match self.access {
            Access::Number { unit, .. } => Some(unit),
            _ => None,
        }
    }

    /// True where the default was not checked against an official source.
    pub fn unverified(&self) -> bool {
        self.certainty != Certainty::Published
    }

    /// How a value of this parameter reads for people: a number with its unit, a switch `on`
    /// or `off`, a choice by its index as its label.
    pub fn show(&self, v: f64) -> String {
        match self.access {
            Access::Number { unit, .. } => unit.show(v),
            Access::Switch { .. } => if v != 0.0 { "on" } else { "off" }.to_string(),
            Access::Choice { names, labels, .. } => {
                let i = v as usize;
                labels
                    .get(i)
                    .or(names.get(i))
                    .map(|s| s.to_string())
                    .unwrap_or_default()
            }
            Access::Code { .. } => String::new(),
        }
    }

    /// A choice's label for people, by its URL name.
    pub fn choice_label(&self, name: &str) -> Option<&'static str> {
        match self.access {
            Access::Choice { names, labels, .. } => {
                let i = names.iter().position(|n| *n == name)?;
                labels.get(i).or(names.get(i)).copied()
            }
            _ => None,
        }
    }

    /// How the current value reads for people.
    pub fn show_in(&self, s: &Scenario) -> String {
        match self.access {
            Access::Number { unit, get, .. } => unit.show(get(s)),
            Access::Switch { get, .. } => if get(s) { "on" } else { "off" }.to_string(),
            Access::Choice { .. } => self.show(self.index_in(s) as f64),
            Access::Code { get, .. } => get(s).to_string(),
        }
    }

    /// Its value in a scenario, if it is a number or a switch (switches read 0 or 1).
    pub fn number_in(&self, s: &Scenario) -> Option<f64> {
        match self.access {
            Access::Number { get, .. } => Some(get(s)),
            Access::Switch { get, .. } => Some(if get(s) { 1.0 } else { 0.0 }),
            _ => None,
        }
    }

    /// Its value in a scenario, if it is a choice.
    pub fn choice_in(&self, s: &Scenario) -> Option<&'static str> {
        match self.access {
            Access::Choice { names, get, .. } => names.get(get(s)).copied(),
            _ => None,
        }
    }

    /// Its value in a scenario, if it is a code.
    pub fn code_in<'s>(&self, s: &'s Scenario) -> Option<&'s str> {
        match self.access {
            Access::Code { get, .. } => Some(get(s)),
            _ => None,
        }
    }

    fn index_in(&self, s: &Scenario) -> usize {
        match self.access {
            Access::Choice { get, .. } => get(s),
            _ => 0,
        }
    }

    /// Its value in `s` as written in the URL (`0.46`, `1`, `formula`, `E85124`).
    pub fn url_value(&self, s: &Scenario) -> String {
        match self.access {
            Access::Number { get, .. } => write_number(get(s)),
            Access::Switch { get, .. } => if get(s) { "1" } else { "0" }.to_string(),
            Access::Choice { names, get, .. } => {
                names.get(get(s)).copied().unwrap_or_default().to_string()
            }
            Access::Code { get, .. } => get(s).to_string(),
        }
    }

    /// Whether its value differs between two scenarios.
    pub fn differs(&self, a: &Scenario, b: &Scenario) -> bool {
        match self.access {
            Access::Number { get, .. } => get(a) != get(b),
            Access::Switch { get, .. } => get(a) != get(b),
            Access::Choice { get, .. } => get(a) != get(b),
            Access::Code { get, .. } => get(a) != get(b),
        }
    }

    /// Sets it from its URL text, checking it. On error the scenario is unchanged.
    pub fn set(&self, s: &mut Scenario, value: &str) -> Result<(), ScenarioError> {
        let key = self.key.to_string();
        match self.access {
            Access::Number { min, max, set, .. } => {
                let v: f64 = value
                    .trim()
                    .parse()
                    .ok()
                    .filter(|v: &f64| v.is_finite())
                    .ok_or_else(|| ScenarioError::NotANumber {
                        key: key.clone(),
                        value: value.to_string(),
                    })?;
                if !(min..=max).contains(&v) {
                    return Err(ScenarioError::OutOfRange {
                        key,
                        value: v,
                        min,
                        max,
                    });
                }
                set(s, v);
            }
            Access::Switch { set, .. } => {
                let on = match value.trim() {
                    "1" | "true" | "on" | "yes" => true,
                    "0" | "false" | "off" | "no" => false,
                    _ => {
                        return Err(ScenarioError::NotAChoice {
                            key,
                            value: value.to_string(),
                            allowed: vec!["0", "1"],
                        })
                    }
                };
                set(s, on);
            }
            Access::Code { set, .. } => {
                let code = value.trim().to_uppercase();
                if code.len() > 10 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    return Err(ScenarioError::NotACode {
                        key,
                        value: value.to_string(),
                    });
                }
                set(s, code);
            }
            Access::Choice { names, set, .. } => {
                match names.iter().position(|n| *n == value.trim()) {
                    Some(i) => set(s, i),
                    None => {
                        return Err(ScenarioError::NotAChoice {
                            key,
                            value: value.to_string(),
                            allowed: names.to_vec(),
                        })
                    }
                }
            }
        }
        Ok(())
    }

    /// Its values in words, for the README's table (`0 to 2 (×)`, `0 or 1`, `` `pot`, `price` ``).
    pub fn values_text(&self) -> String {
        match self.access {
            Access::Number { min, max, unit, .. } => {
                format!(
                    "{} to {} ({})",
                    write_number(min),
                    write_number(max),
                    unit.describe()
                )
            }
            Access::Switch { .. } => "0 or 1".to_string(),
            Access::Choice { names, .. } => names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", "),
            Access::Code { .. } => "a code".to_string(),
        }
    }

    /// Its description as JSON, as `gpfe params` prints it.
    #[cfg(feature = "json")]
    pub fn to_json(&self) -> Value {
        let default = Scenario::default();
        let mut v = json!({
            "key": self.key,
            "label": self.label,
        });
        let (kind, default_value) = match self.access {
            Access::Number { get, .. } => ("number", json!(get(&default))),
            Access::Switch { get, .. } => ("switch", json!(get(&default))),
            Access::Choice { .. } => ("choice", json!(self.url_value(&default))),
            Access::Code { .. } => ("code", json!(self.url_value(&default))),
        };
        v["kind"] = json!(kind);
        v["unit"] = json!(self.unit().map(Unit::key));
        if let Access::Number { min, max, step, .. } = self.access {
            v["min"] = json!(min);
            v["max"] = json!(max);
            v["step"] = json!(step);
        }
        if let Access::Choice { names, .. } = self.access {
            v["choices"] = Value::Array(
                names
                    .iter()
                    .map(|n| json!({"name": n, "label": self.choice_label(n)}))
                    .collect(),
            );
        }
        v["default"] = default_value;
        v["section"] = json!(self.section.key());
        v["help"] = json!(self.help);
        v["source"] = match self.source {
            Some(s) => json!({"publisher": s.publisher, "title": s.title, "year": s.year}),
            None => Value::Null,
        };
        v["certainty"] = json!(self.certainty.key());
        v
    }
}

/// A parameter's description, by its URL key.
pub fn parameter(key: &str) -> Option<&'static Parameter> {
    PARAMETERS.iter().find(|p| p.key == key)
}

/// Every parameter as JSON, in URL order (what `gpfe params` prints).
#[cfg(feature = "json")]
pub fn parameters_json() -> Value {
    Value::Array(PARAMETERS.iter().map(Parameter::to_json).collect())
}

/// The Markdown table of every parameter, in URL order (the README holds a copy between
/// `<!-- parameters:start -->` and `<!-- parameters:end -->`; `gpfe params --markdown` prints it).
/// Every parameter as a row of the page's "Sources and assumptions" table: setting, URL key,
/// default, how sure, source.
pub fn sources_rows() -> Vec<[String; 5]> {
    let default = Scenario::default();
    PARAMETERS
        .iter()
        .map(|p| {
            let value = match p.access {
                Access::Number { .. } | Access::Switch { .. } => {
                    p.show(default.number(p.key).unwrap_or(0.0))
                }
                Access::Choice { .. } => default
                    .choice(p.key)
                    .map(|c| p.choice_label(c).unwrap_or(c).to_string())
                    .unwrap_or_default(),
                Access::Code { .. } => default.code(p.key).unwrap_or("").to_string(),
            };
            [
                p.label.to_string(),
                p.key.to_string(),
                if value.is_empty() {
                    "(none)".to_string()
                } else {
                    value
                },
                p.certainty.label().to_string(),
                p.source
                    .map(|s| s.cite())
                    .unwrap_or_else(|| "None: a setting of the model".to_string()),
            ]
        })
        .collect()
}

pub fn parameters_markdown() -> String {
    let default = Scenario::default();
    let cell = |s: &str| s.replace('|', "\\|");
    let mut out = String::from(
        "| key | setting | default | values | section | certainty | source |\n|---|---|---|---|---|---|---|\n",
    );
    for p in PARAMETERS {
        let value = p.url_value(&default);
        let default_text = match p.access {
            Access::Code { .. } if value.is_empty() => "(none)".to_string(),
            Access::Choice { .. } | Access::Code { .. } => format!("`{value}`"),
            _ => value,
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} | {} |\n",
            p.key,
            cell(p.label),
            default_text,
            cell(&p.values_text()),
            cell(p.section.title()),
            p.certainty.key(),
            cell(&p.source.map(|s| s.cite()).unwrap_or_default()),
        ));
    }
    out
}

impl Scenario {
    /// The value of a numeric or switch parameter, by key (switches read 0 or 1).
    pub fn number(&self, key: &str) -> Option<f64> {
        parameter(key)?.number_in(self)
    }

    /// The value of a choice parameter, by key.
    pub fn choice(&self, key: &str) -> Option<&'static str> {
        parameter(key)?.choice_in(self)
    }

    /// The value of a code parameter, by key.
    pub fn code(&self, key: &str) -> Option<&str> {
        parameter(key)?.code_in(self)
    }

    /// Sets one parameter from its URL text, checking it. On error the scenario is unchanged.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), ScenarioError> {
        parameter(key)
            .ok_or_else(|| ScenarioError::UnknownKey {
                key: key.to_string(),
            })?
            .set(self, value)
    }
}

// Sources, in plain words.
pub(crate) const PAYMENTS: Source = Source {
    publisher: "NHS England",
    title: "NHS Payments to General Practice, England, 2022/23",
    year: Some(2023),
};
const LEVEL_OR_NOT: Source = Source {
    publisher: "The Health Foundation",
    title: "Level or not? Comparing general practice in areas of high and low socioeconomic deprivation in England",
    year: Some(2020),
};
const FINGERTIPS: Source = Source {
    publisher: "Office for Health Improvement and Disparities",
    title: "Fingertips: National General Practice Profiles (IMD 2019 score)",
    year: None,
};
pub(crate) const CONTRACT_2019: Source = Source {
    publisher: "NHS England and the BMA",
    title: "GP contract 2019/20",
    year: Some(2019),
};
const LONDON_2018: Source = Source {
    publisher: "Management in Practice",
    title: "NHS England's proposals for London weighting and digital-first practices",
    year: Some(2018),
};
const BMJ_2018: Source = Source {
    publisher: "The BMJ",
    title: "GP at Hand's registered patients (BMJ 2018;361:k2227)",
    year: Some(2018),
};
const GPONLINE_2018: Source = Source {
    publisher: "GPonline",
    title: "GP at Hand's new registrations, November 2017 to March 2018",
    year: Some(2018),
};
const PULSE_100K: Source = Source {
    publisher: "Pulse",
    title: "GP at Hand's patients at the 100,000 mark",
    year: None,
};
const HSJ_2019: Source = Source {
    publisher: "HSJ",
    title: "The 2019/20 rules for out-of-area patients",
    year: Some(2019),
};
const HSJ_2018: Source = Source {
    publisher: "HSJ",
    title: "The July 2018 proposals for digital-first practices",
    year: Some(2018),
};
const CONSULTATION_2019: Source = Source {
    publisher: "NHS England",
    title: "Digital-first primary care and its implications for general practice payments",
    year: Some(2019),
};
const IPSOS_2019: Source = Source {
    publisher: "Ipsos MORI",
    title: "Evaluation of Babylon GP at Hand",
    year: Some(2019),
};
const UNDERSTANDING_PCNS: Source = Source {
    publisher: "The Health Foundation",
    title: "Understanding primary care networks",
    year: None,
};
const PCN_RATES: Source = Source {
    publisher: "BMA, Primary Care Commissioning and Pulse",
    title: "Network contract DES payment rates by year",
    year: None,
};
const FAMILY_CARE_NETWORKS: Source = Source {
    publisher: "The King's Fund",
    title: "Commissioning and funding general practice: making the case for family care networks",
    year: Some(2014),
};
const ALLOCATIONS_2023: Source = Source {
    publisher: "NHS England",
    title: "Allocations 2023/24: the primary medical care need formula",
    year: Some(2023),
};
pub(crate) const ALLOCATIONS_2022: Source = Source {
    publisher: "NHS England",
    title:
        "Allocations 2022/23: practice weighted populations, the primary medical care need formula",
    year: Some(2022),
};
const QOF_2025: Source = Source {
    publisher: "BMA and Primary Care IT",
    title: "QOF changes in the GP contract 2025/26",
    year: Some(2025),
};
const ADMISSIONS_GROWTH: Source = Source {
    publisher: "The Health Foundation",
    title: "Growth of emergency admissions, 2006/07 to 2017/18",
    year: None,
};
const VANGUARD_COVERAGE: Source = Source {
    publisher: "NHS England",
    title: "New models of care programme for PACS and MCPs: more than 1,000 practices in the vanguards, covering more than 5 million people",
    year: Some(2016),
};
const NEXT_STEPS: Source = Source {
    publisher: "NHS England",
    title:
        "Next Steps on the NHS Five Year Forward View: emergency admissions growth in the vanguards",
    year: Some(2017),
};
const NAO_ADMISSIONS: Source = Source {
    publisher: "National Audit Office",
    title: "Reducing emergency admissions",
    year: Some(2018),
};
const SETTLEMENT_2018: Source = Source {
    publisher: "Department of Health and Social Care",
    title: "The NHS funding settlement of June 2018",
    year: Some(2018),
};
const GP_SHARE: Source = Source {
    publisher: "RCGP and BMA; NHS England",
    title: "The 11% share of NHS spending RCGP and BMA ask for general practice; the General Practice Forward View's over 10% of the NHS England healthcare budget (2016)",
    year: None,
};
const HEALTHCARE_LEADER_2024: Source = Source {
    publisher: "Healthcare Leader",
    title: "ICB invests in new GP funding model based on population need (Leicester, Leicestershire and Rutland's Health Equity Payment)",
    year: Some(2024),
};
const STRATEGY_UNIT_2025: Source = Source {
    publisher: "The Strategy Unit",
    title: "Fairer funding for the future of general practice: lessons from Leicester, Leicestershire and Rutland",
    year: Some(2025),
};
const NHSE_ACCOUNTS_2023: Source = Source {
    publisher: "NHS England",
    title: "Annual Report and Accounts 2022-23: statement of comprehensive net expenditure, consolidated group",
    year: Some(2023),
};
pub(crate) const TEN_YEAR_PLAN: Source = Source {
    publisher: "Department of Health and Social Care",
    title: "10 Year Health Plan for England",
    year: Some(2025),
};

const AGE_HELP: &str = "Carr-Hill age-sex workload weight (men aged 5-14 = 1). Default: the values used by the Health Foundation's \"Level or not?\" (2020).";

macro_rules! weight_parameter {
    ($key:literal, $label:literal, $sex:literal, $band:literal) => {
        Parameter {
            key: $key,
            label: $label,
            section: Section::AgeSexWeights,
            help: AGE_HELP,
            source: Some(LEVEL_OR_NOT),
            certainty: Certainty::Estimate,
            access: Access::Number {
                min: 0.0,
                max: 10.0,
                step: 0.01,
                unit: Unit::Weight,
                get: |s| s.age_sex_weights[$sex][$band],
                set: |s, v| s.age_sex_weights[$sex][$band] = v,
            },
        }
    };
}

/// Sets a field of a closed set of values from a choice's index; an index out of range changes
/// nothing.
macro_rules! pick {
    ($all:expr, $i:expr, $place:expr) => {
        if let Some(v) = $all.get($i) {
            $place = *v;
        }
    };
}

/// How the three fitted parts are found, shared by their help.
macro_rules! fit_help {
    ($what:literal) => {
        concat!(
            $what,
            " Fitted by least squares, weighted by registered patients, to the log of what the published list leaves once the age-sex and list-turnover indices are taken out, on the IMD score, the rural flag, the rural-urban class (ONS, 2021) of the surgery's neighbourhood and the ICB together; national mean 1. 1 keeps it as fitted (the published list is paid exactly), 0 removes it, s counts its index to the power s; the national weighted total is kept."
        )
    };
}
const FIT_NEEDS_HELP: &str = fit_help!("The part of the list that rises with the deprivation of the practice's patients: exp(b × IMD 2019 score, from OHID Fingertips).");
const FIT_RURALITY_HELP: &str = fit_help!("What a practice gets for being classed rural by the payments file and for the rural-urban class (ONS, 2021) of its surgery's neighbourhood, over an urban practice near a major town with the same deprivation in the same ICB.");
const FIT_AREA_HELP: &str = fit_help!("One effect per ICB, standing in for the staff market forces factor and the other costs of the area.");

/// Every parameter, in URL order.
pub const PARAMETERS: &[Parameter] = &[
    weight_parameter!("m0", "Men aged 0-4", 0, 0),
    weight_parameter!("m1", "Men aged 5-14", 0, 1),
    weight_parameter!("m2", "Men aged 15-44", 0, 2),
    weight_parameter!("m3", "Men aged 45-64", 0, 3),
    weight_parameter!("m4", "Men aged 65-74", 0, 4),
    weight_parameter!("m5", "Men aged 75-84", 0, 5),
    weight_parameter!("m6", "Men aged 85+", 0, 6),
    weight_parameter!("f0", "Women aged 0-4", 1, 0),
    weight_parameter!("f1", "Women aged 5-14", 1, 1),
    weight_parameter!("f2", "Women aged 15-44", 1, 2),
    weight_parameter!("f3", "Women aged 45-64", 1, 3),
    weight_parameter!("f4", "Women aged 65-74", 1, 4),
    weight_parameter!("f5", "Women aged 75-84", 1, 5),
    weight_parameter!("f6", "Women aged 85+", 1, 6),
    Parameter {
        key: "fm",
        label: "Formula",
        section: Section::Formula,
        help: "carr-hill: the Global Sum formula, each practice's published 2022/23 weighted list rebuilt from its parts (the settings below act on it). pmc: NHS England's primary medical care need-weighted list from the 2022/23 allocations (the year of the payments), scaled so that the practices with one keep their published total; a practice without one, or with one less than half or more than twice its published list (its list changed since the allocations' count), keeps its published list. own: registered patients × the age-sex index alone, scaled to the same total, with the deprivation uplift below as its deprivation weight. The deprivation and rural uplifts act on every formula; the age-sex weights and strength on carr-hill and own; the new-registrant premium, the strengths of the fitted parts and the remainder, and the digital-first host's dispersion uplift only on carr-hill.",
        source: Some(ALLOCATIONS_2022),
        certainty: Certainty::Published,
        access: Access::Choice {
            names: &["carr-hill", "pmc", "own"],
            labels: &[
                "The Global Sum (Carr-Hill) formula",
                "NHS England's primary medical care need index",
                "Your own: age-sex and deprivation",
            ],
            get: |s| s.formula as usize,
            set: |s, i| pick!(WholeFormula::ALL, i, s.formula),
        },
    },
    Parameter {
        key: "as",
        label: "Strength of the age-sex index",
        section: Section::Formula,
        help: "The age-sex index made with the weights above (each practice's workload per patient from its age-sex bands, national mean 1). 1 keeps it as the weights make it, 0 removes it, s counts it to the power s; the national weighted total is kept. It acts on carr-hill and own.",
        source: Some(LEVEL_OR_NOT),
        certainty: Certainty::Estimate,
        access: Access::Number {
            min: 0.0,
            max: 2.0,
            step: 0.05,
            unit: Unit::Multiplier,
            get: |s| s.age_sex_strength,
            set: |s, v| s.age_sex_strength = v,
        },
    },
    Parameter {
        key: "an",
        label: "Strength of additional needs (estimated from deprivation)",
        section: Section::Formula,
        help: FIT_NEEDS_HELP,
        source: Some(PAYMENTS),
        certainty: Certainty::Estimate,
        access: Access::Number {
            min: 0.0,
            max: 2.0,
            step: 0.05,
            unit: Unit::Multiplier,
            get: |s| s.additional_needs_strength,
            set: |s, v| s.additional_needs_strength = v,
        },
    },
    Parameter {
        key: "ru",
        label: "Strength of rurality (estimated)",
        section: Section::Formula,
        help: FIT_RURALITY_HELP,
        source: Some(PAYMENTS),
        certainty: Certainty::Estimate,
        access: Access::Number {
            min: 0.0,
            max: 2.0,
            step: 0.05,
            unit: Unit::Multiplier,
            get: |s| s.rurality_strength,
            set: |s, v| s.rurality_strength = v,
        },
    },
    Parameter {
        key: "mf",
        label: "Strength of area costs: staff market forces (estimated)",
        section: Section::Formula,
        help: FIT_AREA_HELP,
        source: Some(PAYMENTS),
        certainty: Certainty::Estimate,
        access: Access::Number {
            min: 0.0,
            max: 2.0,
            step: 0.05,
            unit: Unit::Multiplier,
            get: |s| s.area_strength,
            set: |s, v| s.area_strength = v,
        },
    },
    Parameter {
        key: "ns",
        label: "Strength of the remainder of the formula (care homes, data mismatches, the rest)",
        section: Section::Formula,
        help: "What the published weighted list leaves once the age-sex, list-turnover and fitted needs, rurality and area-cost parts are taken out: care homes, what the fit misses, and mismatches between the December 2025 age bands and the 2022/23 list. 1 keeps it as published, 0 removes it, s counts it to the power s; the national weighted total is kept.",
        source: Some(PAYMENTS),
        certainty: Certainty::Published,
        access: Access::Number {
            min: 0.0,
            max: 2.0,
            step: 0.05,
            unit: Unit::Multiplier,
            get: |s| s.needs_strength,
            set: |s, v| s.needs_strength = v,
        },
    },
    Parameter {
        key: "dep",
        label: "Deprivation uplift per standard deviation of IMD score",
        section: Section::Formula,
        help: "A needs index from the IMD 2019 score of each practice's patients (OHID Fingertips): a practice one standard deviation more deprived than average counts this much more. 0 adds nothing.",
        source: Some(FINGERTIPS),
        certainty: Certainty::Published,
        access: Access::Number {
            min: 0.0,
            max: 0.5,
            step: 0.01,
            unit: Unit::Share,
            get: |s| s.deprivation_uplift,
            set: |s, v| s.deprivation_uplift = v,
        },
    },
    Parameter {
        key: "rur",
        label: "Extra weight for rural practices",
        section: Section::Formula,
        help: "An uplift for practices the payments file classes as rural, on top of the rurality already in the published lists. 0 adds nothing.",
        source: Some(PAYMENTS),
        certainty: Certainty::Published,
        access: Access::Number {
            min: 0.0,
            max: 0.5,
            step: 0.01,
            unit: Unit::Share,
            get: |s| s.rurality_uplift,
            set: |s, v| s.rurality_uplift = v,
        },
    },
    Parameter {
        key: "lt",
        label: "New-registrant premium",
        section: Section::Formula,
        help: "How much more a patient counts in their first year on the list. No per-practice count of new registrations was found, so each practice's share of new registrants is estimated as its list growth since 2021/22 divided by its 2022/23 list (kept between 0 and 1); the 2021/22 lists of closed or merged practices whose patients it took over count as already registered, not as growth. A practice with no 2021/22 list and none taken over gets the national mean share. Default 46% (the new patient premium reported for the 2019/20 contract).",
        source: Some(CONTRACT_2019),
        certainty: Certainty::Published,
        access: Access::Number {
            min: 0.0,
            max: 1.0,
            step: 0.01,
            unit: Unit::Share,
            get: |s| s.turnover_premium,
            set: |s, v| s.turnover_premium = v,
        },
    },
    Parameter {
        key: "lon",
        label: "London adjustment",
        section: Section::Formula,
        help: "An extra payment per registered patient of practices in the London region. £2.18 was the figure in NHS England's 2018 proposals; later uprating is not checked.",
        source: Some(LONDON_2018),
        certainty: Certainty::Estimate,
        access: Access::Number {
            min: 0.0,
            max: 20.0,
            step: 0.01,
            unit: Unit::PoundsPerPatient,
            get: |s| s.london_adjustment,
            set: |s, v| s.london_adjustment = v,
        },
    },
    Parameter {
        key: "floor",
        label: "Floor: pooled money per weighted patient",
        section: Section::Formula,
        help: "No practice gets less than this from the pot per weighted patient; the top-ups are new money and their cost is shown. 0 means no floor.",
        source: None,
        certainty: Certainty::Published,
        access: Access::Number {
            min: 0.0,
            max: 300.0,
            step: 1.0,
            unit: Unit::PoundsPerWeightedPatient,
            get: |s| s.floor_per_weighted_patient,
            set: |s, v| s.floor_per_weighted_patient = v,
        },
    },
    Parameter {
        key: "dfn",
        label: "Patients joining the digital-first practice",
        section: Section::DigitalFirst,
        help: "How many patients move to the host practice from the donor practices. GP at Hand had 23,997 on 1 April 2018 (BMJ 2018;361:k2227) and 68,569 on 1 November 2019 (GPonline). 0 turns the story off.",
        source: Some(BMJ_2018),
        certainty: Certainty::Published,
        access: Access::Number {
            min: 0.0,
            max: 150_000.0,
            step: 100.0,
            unit: Unit::Patients,
            get: |s| s.digital_first.joiners,
            set: |s, v| s.digital_first.joiners = v,
        },
    },
    Parameter {
        key: "dfh",
        label: "Host practice (code)",
        section: Section::DigitalFirst,
        help: "The practice the joiners register with. Default E85124, Babylon GP at Hand, Fulham.",
        source: None,
        certainty: Certainty::Published,
        access: Access::Code {
            get: |s| s.digital_first.host.as_str(),
            set: |s, code| s.digital_first.host = code,
        },
    },
    Parameter {
        key: "dfy",
        label: "Joiners aged 20-39",
        section: Section::DigitalFirst,
        help: "85% of GP at Hand's new registrations from November 2017 to March 2018 were aged 20-39 (GPonline); the rest follow England's age profile.",
        source: Some(GPONLINE_2018),
        certainty: Certainty::Published,
        access: Access::Number {
            min: 0.5,
            max: 0.95,
            step: 0.01,
            unit: Unit::Share,
            get: |s| s.digital_first.share_20_39,
            set: |s, v| s.digital_first.share_20_39 = v,
        },
    },
    Parameter {
        key: "dfm",
        label: "Joiners who are men",
        section: Section::DigitalFirst,
        help: "55% of GP at Hand's patients were men at the 100,000 mark (Pulse).",
        source: Some(PULSE_100K),
        certainty: Certainty::Published,
        access: Access::Number {
            min: 0.45,
            max: 0.6,
            step: 0.01,
            unit: Unit::Share,
            get: |s| s.digital_first.male_share,
            set: |s, v| s.digital_first.male_share = v,
        },
    },
    Parameter {
        key: "dfd",
        label: "Where the joiners come from",
        section: Section::DigitalFirst,
        help: "Donor practices give up patients in proportion to their patients aged 15-44 (the Carr-Hill band holding ages 20-39): London practices, all of England, or one ICB.",
        source: None,
        certainty: Certainty::Published,
        access: Access::Choice {
            names: &["london", "england", "icb"],
            labels: &["London practices", "All of England", "One ICB"],
            get: |s| s.digital_first.donors as usize,
            set: |s, i| pick!(Donors::ALL, i, s.digital_first.donors),
        },
    },
    Parameter {
        key: "dfi",
        label: "Donor ICB (code)",
        section: Section::DigitalFirst,
        help: "With donors from one ICB: its ODS code, e.g. QRV. Empty means the host's own ICB.",
        source: None,
        certainty: Certainty::Published,
        access: Access::Code {
            get: |s| s.digital_first.donor_icb.as_str(),
            set: |s, code| s.digital_first.donor_icb = code,
        },
    },
    Parameter {
        key: "dfo",
        label: "Joiners living outside the host's area",
        section: Section::DigitalFirst,
        help: "On 1 April 2018, 86% of GP at Hand's patients lived outside Hammersmith and Fulham (BMJ 2018;361:k2227).",
        source: Some(BMJ_2018),
        certainty: Certainty::Published,
        access: Access::Number {
            min: 0.0,
            max: 1.0,
            step: 0.01,
            unit: Unit::Share,
            get: |s| s.digital_first.outside_area,
            set: |s, v| s.digital_first.outside_area = v,
        },
    },
    Parameter {
        key: "dfl",
        label: "Joiners living outside London",
        section: Section::DigitalFirst,
        help: "3,185 of 23,997 (13%) lived outside London on 1 April 2018 (BMJ 2018;361:k2227).",
        source: Some(BMJ_2018),
        certainty: Certainty::Published,
        access: Access::Number {
            min: 0.0,
            max: 1.0,
            step: 0.01,
            unit: Unit::Share,
            get: |s| s.digital_first.outside_london,
            set: |s, v| s.digital_first.outside_london = v,
        },
    },
    Parameter {
        key: "dfr",
        label: "Rurality paid only for patients in the catchment",
        section: Section::DigitalFirst,
        help: "The 2019/20 rule (HSJ). Off: patients living far away raise the practice's dispersion, and so its rurality index, as before 2019.",
        source: Some(HSJ_2019),
        certainty: Certainty::Published,
        access: Access::Switch {
            get: |s| s.digital_first.rurality_catchment_only,
            set: |s, on| s.digital_first.rurality_catchment_only = on,
        },
    },
    Parameter {
        key: "dfu",
        label: "Rurality uplift from dispersed patients (rule off)",
        section: Section::DigitalFirst,
        help: "How much more an out-of-area patient weighs through the dispersion part of the rurality index when the catchment rule is off. No published figure was found: an assumption to vary.",
        source: None,
        certainty: Certainty::Illustrative,
        access: Access::Number {
            min: 0.0,
            max: 0.3,
            step: 0.01,
            unit: Unit::Share,
            get: |s| s.digital_first.dispersion_uplift,
            set: |s, v| s.digital_first.dispersion_uplift = v,
        },
    },
    Parameter {
        key: "dfw",
        label: "London weighting only for London residents",
        section: Section::DigitalFirst,
        help: "The 2019/20 rule (HSJ; Avon LMC). Off: every joiner of a London practice attracts £2.18 (Management in Practice, 2018).",
        source: Some(HSJ_2019),
        certainty: Certainty::Published,
        access: Access::Switch {
            get: |s| s.digital_first.london_residents_only,
            set: |s, on| s.digital_first.london_residents_only = on,
        },
    },
    Parameter {
        key: "dfp",
        label: "New-registrant premium for joiners",
        section: Section::DigitalFirst,
        help: "on: every joiner counts as a new registrant (46% premium); off: none does (the July 2018 proposal); stay: only those who stay the minimum time (the 2019 consultation).",
        source: Some(CONSULTATION_2019),
        certainty: Certainty::Published,
        access: Access::Choice {
            names: &["on", "off", "stay"],
            labels: &[
                "Paid for every joiner",
                "Not paid for joiners",
                "Paid after a minimum stay",
            ],
            get: |s| s.digital_first.premium as usize,
            set: |s, i| pick!(Premium::ALL, i, s.digital_first.premium),
        },
    },
    Parameter {
        key: "dfs",
        label: "Joiners leaving before the minimum stay",
        section: Section::DigitalFirst,
        help: "28% of GP at Hand's patients had de-registered since July 2017, most after about two weeks (Ipsos MORI evaluation, 2019).",
        source: Some(IPSOS_2019),
        certainty: Certainty::Published,
        access: Access::Number {
            min: 0.0,
            max: 0.6,
            step: 0.01,
            unit: Unit::Share,
            get: |s| s.digital_first.early_leavers,
            set: |s, v| s.digital_first.early_leavers = v,
        },
    },
    Parameter {
        key: "dfj",
        label: "Joiners who registered this year",
        section: Section::DigitalFirst,
        help: "The new-registrant premium is paid in a patient's first year. 1: every joiner registered this year (a list built within the year, as in 2018). GP at Hand's list grew by 3,604 in 2022/23 (3.3% of its list, NHS Payments to General Practice 2021/22 and 2022/23): the 2022/23 preset uses that, a floor, since no count of its new registrations was published.",
        source: Some(PAYMENTS),
        certainty: Certainty::Estimate,
        access: Access::Number {
            min: 0.0,
            max: 1.0,
            step: 0.01,
            unit: Unit::Share,
            get: |s| s.digital_first.joined_this_year,
            set: |s, v| s.digital_first.joined_this_year = v,
        },
    },
    Parameter {
        key: "dfx",
        label: "Digital-first income multiplier",
        section: Section::DigitalFirst,
        help: "Scales the host's share of each pooled line (core money, and QOF, PCN or enhanced services when they are in the pot); in a fixed pot what it gives up is shared among the other practices. 0.805 takes about 19.5% off its pooled money, the size of the cut reported for a theoretical digital-first practice under the July 2018 proposals; that is not 19.5% of its total payments.",
        source: Some(HSJ_2018),
        certainty: Certainty::Published,
        access: Access::Number {
            min: 0.7,
            max: 1.0,
            step: 0.005,
            unit: Unit::Multiplier,
            get: |s| s.digital_first.income_multiplier,
            set: |s, v| s.digital_first.income_multiplier = v,
        },
    },
    Parameter {
        key: "dfk",
        label: "Hospital cost per out-of-area joiner",
        section: Section::DigitalFirst,
        help: "What the host's commissioner pays for each out-of-area joiner's care until allocations follow. No verified figure: £500 puts 24,000-36,000 joiners near the £10-18m reported for Hammersmith and Fulham in 2018/19.",
        source: None,
        certainty: Certainty::Estimate,
        access: Access::Number {
            min: 0.0,
            max: 2_000.0,
            step: 10.0,
            unit: Unit::PoundsPerPatientAYear,
            get: |s| s.digital_first.cost_per_head,
            set: |s, v| s.digital_first.cost_per_head = v,
        },
    },
    Parameter {
        key: "dfq",
        label: "Quarters before allocations follow the patients",
        section: Section::DigitalFirst,
        help: "NHS England proposed recalculating allocations quarterly in 2019; 4 quarters is a year's lag.",
        source: Some(CONSULTATION_2019),
        certainty: Certainty::Published,
        access: Access::Number {
            min: 0.0,
            max: 8.0,
            step: 1.0,
            unit: Unit::Quarters,
            get: |s| s.digital_first.lag_quarters,
            set: |s, v| s.digital_first.lag_quarters = v,
        },
    },
    Parameter {
        key: "nw",
        label: "Networks",
        section: Section::Networks,
        help: "pcn: the real primary care networks in the data (1,273); auto: networks built from practice locations within each ICB to a target size, never across an ICB boundary; federation: one per sub-ICB location.",
        source: None,
        certainty: Certainty::Published,
        access: Access::Choice {
            names: &["pcn", "auto", "federation"],
            labels: &[
                "The real PCNs",
                "Automatic networks of a target size",
                "Federations, one per sub-ICB",
            ],
            get: |s| s.networks.grouping as usize,
            set: |s, i| pick!(Grouping::ALL, i, s.networks.grouping),
        },
    },
    Parameter {
        key: "nws",
        label: "Target size of automatic networks",
        section: Section::Networks,
        help: "Networks typically serve 30,000-50,000 people (Health Foundation, 'Understanding primary care networks').",
        source: Some(UNDERSTANDING_PCNS),
        certainty: Certainty::Published,
        access: Access::Number {
            min: 10_000.0,
            max: 100_000.0,
            step: 1_000.0,
            unit: Unit::Patients,
            get: |s| s.networks.target_size,
            set: |s, v| s.networks.target_size = v,
        },
    },
    Parameter {
        key: "nwb",
        label: "Automatic networks built within",
        section: Section::Networks,
        help: "Each ICB, or each sub-ICB location (the former CCGs). Either way no network crosses an ICB boundary.",
        source: None,
        certainty: Certainty::Published,
        access: Access::Choice {
            names: &["icb", "subicb"],
            labels: &["Each ICB", "Each sub-ICB location"],
            get: |s| usize::from(s.networks.within_sub_icb),
            set: |s, i| pick!([false, true], i, s.networks.within_sub_icb),
        },
    },
    Parameter {
        key: "nwy",
        label: "PCN contract year pricing each network",
        section: Section::Networks,
        help: "Core and clinical-director money per registered patient, leadership, enhanced access and capacity-and-access money per adjusted (weighted) patient, and the ARRS cap, at that year's rates (BMA; PCC; Pulse). Rates for 2020/21 and 2022/23 were not in the sourced table.",
        source: Some(PCN_RATES),
        certainty: Certainty::Published,
        access: Access::Choice {
            names: &["none", "2019-20", "2021-22", "2023-24", "2024-25"],
            labels: &["Not priced", "2019-20", "2021-22", "2023-24", "2024-25"],
            get: |s| s.networks.contract_year.map_or(0, |y| y as usize + 1),
            set: |s, i| match i.checked_sub(1) {
                None => s.networks.contract_year = None,
                Some(j) => pick!(ContractYear::ALL.map(Some), j, s.networks.contract_year),
            },
        },
    },
    Parameter {
        key: "nwp",
        label: "Share of core money pooled in each network",
        section: Section::Networks,
        help: "Each member puts this share of its core capitation into a network pool, shared back among the members by the rule below, to the penny.",
        source: None,
        certainty: Certainty::Published,
        access: Access::Number {
            min: 0.0,
            max: 1.0,
            step: 0.01,
            unit: Unit::Share,
            get: |s| s.networks.pooled_share,
            set: |s, v| s.networks.pooled_share = v,
        },
    },
    Parameter {
        key: "nwr",
        label: "How a network shares its pool",
        section: Section::Networks,
        help: "head: per registered patient; weighted: per weighted patient; need: per patient of NHS England's final primary medical care population.",
        source: None,
        certainty: Certainty::Published,
        access: Access::Choice {
            names: &["head", "weighted", "need"],
            labels: &[
                "Per registered patient",
                "Per weighted patient",
                "Per need-adjusted patient",
            ],
            get: |s| s.networks.pool_rule as usize,
            set: |s, i| pick!(PoolRule::ALL, i, s.networks.pool_rule),
        },
    },
    Parameter {
        key: "fcn",
        label: "Family care networks hold a capitation budget",
        section: Section::Networks,
        help: "Networks hold a population-based contract covering the scope below, funded by a need formula, with a share at risk on outcomes (King's Fund, 2014).",
        source: Some(FAMILY_CARE_NETWORKS),
        certainty: Certainty::Published,
        access: Access::Switch {
            get: |s| s.networks.family_care,
            set: |s, on| s.networks.family_care = on,
        },
    },
    Parameter {
        key: "fcc",
        label: "Budget covers core capitation",
        section: Section::Networks,
        help: "Global Sum, MPIG and PMS balance.",
        source: None,
        certainty: Certainty::Published,
        access: Access::Switch {
            get: |s| s.networks.fcn_core,
            set: |s, on| s.networks.fcn_core = on,
        },
    },
    Parameter {
        key: "fcp",
        label: "Budget covers PCN money",
        section: Section::Networks,
        help: "Network participation and PCN payments.",
        source: None,
        certainty: Certainty::Published,
        access: Access::Switch {
            get: |s| s.networks.fcn_pcn,
            set: |s, on| s.networks.fcn_pcn = on,
        },
    },
    Parameter {
        key: "fcq",
        label: "Budget covers QOF",
        section: Section::Networks,
        help: "Quality and Outcomes Framework payments.",
        source: None,
        certainty: Certainty::Published,
        access: Access::Switch {
            get: |s| s.networks.fcn_qof,
            set: |s, on| s.networks.fcn_qof = on,
        },
    },
    Parameter {
        key: "fce",
        label: "Budget covers enhanced services",
        section: Section::Networks,
        help: "Enhanced services and vaccinations.",
        source: None,
        certainty: Certainty::Published,
        access: Access::Switch {
            get: |s| s.networks.fcn_enhanced,
            set: |s, on| s.networks.fcn_enhanced = on,
        },
    },
    Parameter {
        key: "fcf",
        label: "Need formula of the budget",
        section: Section::Networks,
        help: "carrhill: the scenario's weighted patients; pmc: NHS England's primary medical care weighted population; finalpmc: the same with its 15% health-inequalities part (NHS England allocations, 2023/24).",
        source: Some(ALLOCATIONS_2023),
        certainty: Certainty::Published,
        access: Access::Choice {
            names: &["carrhill", "pmc", "finalpmc"],
            labels: &[
                "Carr-Hill weighted patients",
                "NHS England primary medical care need",
                "The same with 15% for health inequalities",
            ],
            get: |s| s.networks.fcn_formula as usize,
            set: |s, i| pick!(NeedFormula::ALL, i, s.networks.fcn_formula),
        },
    },
    Parameter {
        key: "fcr",
        label: "Budget at risk on outcomes",
        section: Section::Networks,
        help: "The share of each family care network's budget paid only if outcomes are met.",
        source: None,
        certainty: Certainty::Published,
        access: Access::Number {
            min: 0.0,
            max: 0.2,
            step: 0.01,
            unit: Unit::Share,
            get: |s| s.networks.at_risk,
            set: |s, v| s.networks.at_risk = v,
        },
    },
    Parameter {
        key: "qr",
        label: "Share of QOF retired",
        section: Section::QofSuccessor,
        help: "The share of every practice's QOF money (£768.5m in 2022/23) taken out and spent another way. 2025/26 retired 32 indicators worth £298m (BMA; Primary Care IT).",
        source: Some(QOF_2025),
        certainty: Certainty::Published,
        access: Access::Number {
            min: 0.0,
            max: 1.0,
            step: 0.01,
            unit: Unit::Share,
            get: |s| s.qof_successor.retired,
            set: |s, v| s.qof_successor.retired = v,
        },
    },
    Parameter {
        key: "qb",
        label: "How the retired QOF money is spent",
        section: Section::QofSuccessor,
        help: "registered: per registered patient; weighted: per weighted patient, as the Global Sum; need: per patient of NHS England's final primary medical care population; networks: to each PCN by weighted patients.",
        source: None,
        certainty: Certainty::Published,
        access: Access::Choice {
            names: &["registered", "weighted", "need", "networks"],
            labels: &[
                "Per registered patient",
                "Per weighted patient",
                "Per need-adjusted patient",
                "Through networks",
            ],
            get: |s| s.qof_successor.base as usize,
            set: |s, i| pick!(QofBase::ALL, i, s.qof_successor.base),
        },
    },
    Parameter {
        key: "qk",
        label: "Share of the retired money spent that way",
        section: Section::QofSuccessor,
        help: "The rest goes back into QOF (new indicators), in proportion to each practice's QOF money. In 2025/26 about £100m of the £298m went into the Global Sum.",
        source: Some(QOF_2025),
        certainty: Certainty::Published,
        access: Access::Number {
            min: 0.0,
            max: 1.0,
            step: 0.01,
            unit: Unit::Share,
            get: |s| s.qof_successor.respent,
            set: |s, v| s.qof_successor.respent = v,
        },
    },
    Parameter {
        key: "sg",
        label: "Growth of emergency admissions, rest of England",
        section: Section::Savings,
        help: "Growth of emergency admissions a year in the rest of England: 3.2% a year on average from 2006/07 to 2017/18, as the Health Foundation reports it.",
        source: Some(ADMISSIONS_GROWTH),
        certainty: Certainty::Published,
        access: Access::Number {
            min: 0.0,
            max: 0.06,
            step: 0.001,
            unit: Unit::ShareAYear,
            get: |s| s.savings.growth_base,
            set: |s, v| s.savings.growth_base = v,
        },
    },
    Parameter {
        key: "sm",
        label: "Growth of emergency admissions, new care models",
        section: Section::Savings,
        help: "Growth of emergency admissions a year where the new care models work. The vanguards were reported at 1.1% (primary and acute care systems) and 1.9% (multispecialty community providers) in 2016, early figures for two years of a voluntary programme. Equal to the rest of England saves nothing.",
        source: Some(NEXT_STEPS),
        certainty: Certainty::Estimate,
        access: Access::Number {
            min: 0.0,
            max: 0.06,
            step: 0.001,
            unit: Unit::ShareAYear,
            get: |s| s.savings.growth_model,
            set: |s, v| s.savings.growth_model = v,
        },
    },
    Parameter {
        key: "sc",
        label: "Cost of an emergency admission",
        section: Section::Savings,
        help: "£2,360 is derived: the NAO's £13.7bn in 2015/16 over 5.8m admissions in 2016/17; the Health Foundation's figures imply about £2,900.",
        source: Some(NAO_ADMISSIONS),
        certainty: Certainty::Estimate,
        access: Access::Number {
            min: 1_500.0,
            max: 3_000.0,
            step: 10.0,
            unit: Unit::Pounds,
            get: |s| s.savings.cost_per_admission,
            set: |s, v| s.savings.cost_per_admission = v,
        },
    },
    Parameter {
        key: "sa",
        label: "Emergency admissions a year",
        section: Section::Savings,
        help: "Emergency admissions in all of England a year: 5.8 million in 2016/17 (NAO). Only the share of them in the population the new care models cover (below) can grow more slowly.",
        source: Some(NAO_ADMISSIONS),
        certainty: Certainty::Published,
        access: Access::Number {
            min: 1.0,
            max: 10.0,
            step: 0.1,
            unit: Unit::Millions,
            get: |s| s.savings.admissions_millions,
            set: |s, v| s.savings.admissions_millions = v,
        },
    },
    Parameter {
        key: "sp",
        label: "People the new care models cover",
        section: Section::Savings,
        help: "Slower growth applies only to the emergency admissions of the people the new care models cover, taken as that share of England's registered patients. The vanguards covered more than 5 million people in 2016; a wider roll-out is an assumption to vary.",
        source: Some(VANGUARD_COVERAGE),
        certainty: Certainty::Estimate,
        access: Access::Number {
            min: 0.0,
            max: 62.0,
            step: 0.5,
            unit: Unit::Millions,
            get: |s| s.savings.covered_millions,
            set: |s, v| s.savings.covered_millions = v,
        },
    },
    Parameter {
        key: "sr",
        label: "Share of the savings reinvested in general practice",
        section: Section::Savings,
        help: "Networks may keep a share of the savings they make. The first year's reinvestment is paid as new money.",
        source: None,
        certainty: Certainty::Published,
        access: Access::Number {
            min: 0.0,
            max: 1.0,
            step: 0.01,
            unit: Unit::Share,
            get: |s| s.savings.reinvested,
            set: |s, v| s.savings.reinvested = v,
        },
    },
    Parameter {
        key: "sw",
        label: "Who receives the reinvested money",
        section: Section::Savings,
        help: "practices: per weighted patient; networks: each PCN per registered patient, then its practices per weighted patient; holder: the budget holder keeps it.",
        source: None,
        certainty: Certainty::Published,
        access: Access::Choice {
            names: &["practices", "networks", "holder"],
            labels: &[
                "Practices, per weighted patient",
                "Through networks",
                "Kept by the budget holder",
            ],
            get: |s| s.savings.recipient as usize,
            set: |s, i| pick!(Recipient::ALL, i, s.savings.recipient),
        },
    },
    Parameter {
        key: "eb",
        label: "NHS budget in 2022/23: NHS England's net expenditure",
        section: Section::Envelope,
        help: "£157.69bn: the consolidated net expenditure of NHS England (with the ICBs) for 2022/23, as its Annual Report and Accounts 2022-23 state it (£157,686,369 thousand). The whole path is on this basis and in 2022/23 prices. General practice's share in 2022/23 is the practices' payments in the data (£10.23bn) over this budget: 6.49%. The published revenue limits of later years (£179,660m for 2023/24, £196,269m for 2024/25, £205,111m for 2025/26) count a wider total in cash and are not used.",
        source: Some(NHSE_ACCOUNTS_2023),
        certainty: Certainty::Published,
        access: Access::Number {
            min: 100.0,
            max: 300.0,
            step: 1.0,
            unit: Unit::BillionPounds,
            get: |s| s.envelope.nhs_base_bn,
            set: |s, v| s.envelope.nhs_base_bn = v,
        },
    },
    Parameter {
        key: "eg",
        label: "Real growth of the NHS budget a year",
        section: Section::Envelope,
        help: "The budget of each year is the 2022/23 budget × (1 + growth) for each year since, in 2022/23 prices. 3.4% a year in real terms was the June 2018 settlement for 2019/20 to 2023/24 (the £20.5bn a year more by 2023/24 is this growth, not money on top); applying it to every year from 2023/24 is an assumption to vary (2024/25 was settled at 0.2%).",
        source: Some(SETTLEMENT_2018),
        certainty: Certainty::Estimate,
        access: Access::Number {
            min: 0.0,
            max: 0.06,
            step: 0.001,
            unit: Unit::ShareAYear,
            get: |s| s.envelope.growth,
            set: |s, v| s.envelope.growth = v,
        },
    },
    Parameter {
        key: "ex",
        label: "Extra money on top of the growth",
        section: Section::Envelope,
        help: "£bn a year in 2022/23 prices added on top of the growth above, phased in evenly to its full amount in the fifth year (2027/28) and kept after. 0 adds nothing: the growth rate already holds any settlement it stands for.",
        source: None,
        certainty: Certainty::Published,
        access: Access::Number {
            min: 0.0,
            max: 40.0,
            step: 0.5,
            unit: Unit::BillionPoundsAYear,
            get: |s| s.envelope.extra_bn,
            set: |s, v| s.envelope.extra_bn = v,
        },
    },
    Parameter {
        key: "ep",
        label: "Share of new money going to general practice",
        section: Section::Envelope,
        help: "The share of each year's new NHS money (the budget above its 2022/23 level) that general practice receives. 6.5% is an illustrative choice near general practice's share in 2022/23 (6.49%: the practices' payments over NHS England's net expenditure), which keeps that share about level; more raises it over the years, less lowers it.",
        source: None,
        certainty: Certainty::Illustrative,
        access: Access::Number {
            min: 0.0,
            max: 0.3,
            step: 0.005,
            unit: Unit::Share,
            get: |s| s.envelope.gp_share_of_new,
            set: |s, v| s.envelope.gp_share_of_new = v,
        },
    },
    Parameter {
        key: "ew",
        label: "Year whose new money is paid to practices",
        section: Section::Envelope,
        help: "General practice's new money in this year of the path (£ in 2022/23 prices) is paid to practices on top of their 2022/23 payments, so each practice's change is what that year would add. An integrated health organisation's shift of core funding (Who holds the budget) is also taken as it stands in this year.",
        source: None,
        certainty: Certainty::Illustrative,
        access: Access::Choice {
            names: &["1", "2", "3", "4", "5"],
            labels: &[
                "2023/24 (the first year)",
                "2024/25 (the second year)",
                "2025/26 (the third year)",
                "2026/27 (the fourth year)",
                "2027/28 (the fifth year)",
            ],
            get: |s| {
                PAID_YEARS
                    .iter()
                    .position(|y| *y == s.envelope.paid_year)
                    .unwrap_or(PAID_YEARS.len() - 1)
            },
            set: |s, i| pick!(PAID_YEARS, i, s.envelope.paid_year),
        },
    },
    Parameter {
        key: "ec",
        label: "How the new money reaches practices",
        section: Section::Envelope,
        help: "weighted: per weighted patient on the published 2022/23 formula, as the Global Sum is paid; networks: each PCN per registered patient, then its practices per weighted patient; none: the path alone, no practice is paid. Every practice with patients receives money, so every one gains in cash: compare the change in £ per weighted patient between practices.",
        source: None,
        certainty: Certainty::Illustrative,
        access: Access::Choice {
            names: &["weighted", "networks", "none"],
            labels: &[
                "Per weighted patient (as the Global Sum)",
                "Through networks",
                "Not paid: the path alone",
            ],
            get: |s| match s.envelope.channel {
                NewMoneyChannel::Weighted => 0,
                NewMoneyChannel::Networks => 1,
                NewMoneyChannel::None => 2,
            },
            set: |s, i| {
                pick!(
                    [
                        NewMoneyChannel::Weighted,
                        NewMoneyChannel::Networks,
                        NewMoneyChannel::None
                    ],
                    i,
                    s.envelope.channel
                )
            },
        },
    },
    Parameter {
        key: "et",
        label: "Target: general practice's share of NHS England's spending",
        section: Section::Envelope,
        help: "A target for practices' payments as a share of the budget above, drawn against the path; 0 sets none. 11% is what RCGP and BMA ask for, not a government commitment; the GP Forward View (2016) aimed for over 10% of the NHS England healthcare budget. The sources do not measure quite what the model does: the BMA's shares leave out drugs and divide by the Department of Health and Social Care's spending, the GP Forward View's by NHS England's healthcare budget, while the model divides NHS payments to practices by NHS England's net expenditure; the gap to a target is indicative.",
        source: Some(GP_SHARE),
        certainty: Certainty::Published,
        access: Access::Number {
            min: 0.0,
            max: 0.15,
            step: 0.005,
            unit: Unit::Share,
            get: |s| s.envelope.target_share,
            set: |s, v| s.envelope.target_share = v,
        },
    },
    Parameter {
        key: "ey",
        label: "Year the target is reached",
        section: Section::Envelope,
        help: "A target for primary care's share by 2029 was pushed back to 2035 (reported; not confirmed in the 10 Year Health Plan's text).",
        source: None,
        certainty: Certainty::Estimate,
        access: Access::Choice {
            names: &["2029", "2035"],
            labels: &["By 2029/30", "By 2035/36"],
            get: |s| usize::from(s.envelope.target_year == 2035),
            set: |s, i| pick!([2029, 2035], i, s.envelope.target_year),
        },
    },
    Parameter {
        key: "eh",
        label: "Path to the target",
        section: Section::Envelope,
        help: "linear: the same step each year; front: larger steps at first.",
        source: None,
        certainty: Certainty::Published,
        access: Access::Choice {
            names: &["linear", "front"],
            labels: &["The same step each year", "Larger steps at first"],
            get: |s| usize::from(s.envelope.front_loaded),
            set: |s, i| pick!([false, true], i, s.envelope.front_loaded),
        },
    },
    Parameter {
        key: "bh",
        label: "Who holds the budget",
        section: Section::BudgetHolder,
        help: "icb: the commissioner, with delegated commissioning (2022/23); trust: an acute trust as integrated health organisation holding the population budget (10 Year Health Plan); federation: a GP federation as integrator.",
        source: Some(TEN_YEAR_PLAN),
        certainty: Certainty::Published,
        access: Access::Choice {
            names: &["icb", "trust", "federation"],
            labels: &[
                "The ICB (delegated commissioning)",
                "An acute trust",
                "A GP federation",
            ],
            get: |s| s.budget_holder.holder as usize,
            set: |s, i| pick!(Holder::ALL, i, s.budget_holder.holder),
        },
    },
    Parameter {
        key: "bs",
        label: "GP money routed through the holder",
        section: Section::BudgetHolder,
        help: "es: enhanced services only; pcn: and PCN money; qof: and QOF; all: and core capitation too.",
        source: None,
        certainty: Certainty::Published,
        access: Access::Choice {
            names: &["es", "pcn", "qof", "all"],
            labels: &[
                "Enhanced services",
                "…and PCN money",
                "…and QOF",
                "…and core capitation: all of it",
            ],
            get: |s| s.budget_holder.scope as usize,
            set: |s, i| pick!(HolderScope::ALL, i, s.budget_holder.scope),
        },
    },
    Parameter {
        key: "bd",
        label: "Share the holder diverts to hospital services",
        section: Section::BudgetHolder,
        help: "The risk raised when hospitals hold the whole budget: part of the GP money routed through them is spent on hospital services. 0 diverts nothing.",
        source: None,
        certainty: Certainty::Published,
        access: Access::Number {
            min: 0.0,
            max: 0.3,
            step: 0.01,
            unit: Unit::Share,
            get: |s| s.budget_holder.diversion,
            set: |s, v| s.budget_holder.diversion = v,
        },
    },
    Parameter {
        key: "bc",
        label: "Double-running cost",
        section: Section::BudgetHolder,
        help: "The cost of running old and new arrangements side by side, borne by the money routed through the holder.",
        source: None,
        certainty: Certainty::Published,
        access: Access::Number {
            min: 0.0,
            max: 500.0,
            step: 5.0,
            unit: Unit::MillionPoundsAYear,
            get: |s| s.budget_holder.double_running_m,
            set: |s, v| s.budget_holder.double_running_m = v,
        },
    },
    Parameter {
        key: "bx",
        label: "The holder passes its surplus on to practices",
        section: Section::BudgetHolder,
        help: "A surplus is the reinvested savings the holder keeps (Savings reinvested: kept by the budget holder). On: it goes to practices per weighted patient.",
        source: None,
        certainty: Certainty::Published,
        access: Access::Switch {
            get: |s| s.budget_holder.surplus_to_practices,
            set: |s, on| s.budget_holder.surplus_to_practices = on,
        },
    },
    Parameter {
        key: "bk",
        label: "Core funding moving to the trust each year",
        section: Section::BudgetHolder,
        help: "With an acute trust as integrated health organisation only: the share of general practice's core funding (Global Sum, MPIG and PMS balance) that moves to the trust each year, compounding: after t years (1 − rate)^t of it is left. Practices lose what has moved by the year of the spending path paid to practices (New money; the fifth year, 2027/28, by default), each in proportion to its core funding. No published rate: 0 moves nothing.",
        source: None,
        certainty: Certainty::Illustrative,
        access: Access::Number {
            min: 0.0,
            max: 0.1,
            step: 0.005,
            unit: Unit::ShareAYear,
            get: |s| s.budget_holder.core_shift,
            set: |s, v| s.budget_holder.core_shift = v,
        },
    },
    Parameter {
        key: "hq",
        label: "Share of the ICB's GP money re-spent on a Health Equity Payment",
        section: Section::LocalDiscretion,
        help: "This share of the acting ICB's money in scope is top-sliced from each of its practices in proportion to the practice's money in scope, and paid to the ICB's practices below its average money in scope per weighted patient (the ICB's money in scope over its published 2022/23 weighted list, so a practice's need-based share is its share of that list), in proportion to each one's gap (the average times its weighted list, less its money in scope), never so much that a practice ends above the average (to the penny): what a cap leaves goes to those still below by what each still lacks, and what none can take goes back to the other practices in proportion to their top-slice. 0 is off. Leicester, Leicestershire and Rutland ICB paid £2.85m a year from April 2022 to the most underfunded half of its 127 practices: money it added, not taken from practices.",
        source: Some(HEALTHCARE_LEADER_2024),
        certainty: Certainty::Published,
        access: Access::Number {
            min: 0.0,
            max: 1.0,
            step: 0.005,
            unit: Unit::Share,
            get: |s| s.local_discretion.share,
            set: |s, v| s.local_discretion.share = v,
        },
    },
    Parameter {
        key: "hi",
        label: "The ICB that acts (code)",
        section: Section::LocalDiscretion,
        help: "The acting ICB's ODS code, e.g. QK1 for Leicester, Leicestershire and Rutland, whose Health Equity Payment has run since 2021. Empty means every ICB acts, each within its own practices.",
        source: Some(STRATEGY_UNIT_2025),
        certainty: Certainty::Published,
        access: Access::Code {
            get: |s| s.local_discretion.icb.as_str(),
            set: |s, code| s.local_discretion.icb = code,
        },
    },
    Parameter {
        key: "hs",
        label: "The ICB's GP money in scope",
        section: Section::LocalDiscretion,
        help: "core: core capitation (Global Sum, MPIG correction factor, balance of PMS expenditure) as the pot shares it, with any London adjustment and floor top-up; delegated: and QOF, PCN participation and enhanced services, the delegated lines within total NHS payments. Other stories' changes are not counted.",
        source: None,
        certainty: Certainty::Published,
        access: Access::Choice {
            names: &["core", "delegated"],
            labels: &["Core capitation", "Core, QOF, PCN participation and enhanced services"],
            get: |s| s.local_discretion.scope as usize,
            set: |s, i| pick!(DiscretionScope::ALL, i, s.local_discretion.scope),
        },
    },
    Parameter {
        key: "tpy",
        label: "Years to reach the scenario",
        section: Section::Transition,
        help: "The change from 2022/23 is made in equal steps over this many years (1: at once). Practices held at the cap take longer.",
        source: Some(ALLOCATIONS_2023),
        certainty: Certainty::Illustrative,
        access: Access::Number {
            min: 1.0,
            max: 9.0,
            step: 1.0,
            unit: Unit::Years,
            get: |s| f64::from(s.transition.years),
            set: |s, v| s.transition.years = v.clamp(1.0, 9.0).round() as u32,
        },
    },
    Parameter {
        key: "tpc",
        label: "Most a practice may lose in a year",
        section: Section::Transition,
        help: "No practice's payments fall by more than this share of its payments the year before; one whose step would cut deeper is held at the cap and keeps moving in later years. NHS England's allocations move towards their targets at a set pace in the same way. 0: no cap.",
        source: Some(ALLOCATIONS_2023),
        certainty: Certainty::Illustrative,
        access: Access::Number {
            min: 0.0,
            max: 0.2,
            step: 0.005,
            unit: Unit::ShareAYear,
            get: |s| s.transition.cap,
            set: |s, v| s.transition.cap = v,
        },
    },
    Parameter {
        key: "tpf",
        label: "Who pays for the protection",
        section: Section::Transition,
        help: "new: new money on top of the scenario's; gainers: the practices that gain that year, their gains scaled down in proportion (any part their gains cannot cover is paid as new money, and said).",
        source: None,
        certainty: Certainty::Illustrative,
        access: Access::Choice {
            names: &["new", "gainers"],
            labels: &["New money", "The practices that gain"],
            get: |s| s.transition.funding as usize,
            set: |s, i| pick!(ProtectionFunding::ALL, i, s.transition.funding),
        },
    },
    Parameter {
        key: "qof",
        label: "Add QOF to the pot",
        section: Section::Pot,
        help: "Pool the Quality and Outcomes Framework payments (£768.5m in 2022/23) with core funding.",
        source: Some(PAYMENTS),
        certainty: Certainty::Published,
        access: Access::Switch {
            get: |s| s.pot_qof,
            set: |s, on| s.pot_qof = on,
        },
    },
    Parameter {
        key: "pcn",
        label: "Add PCN money to the pot",
        section: Section::Pot,
        help: "Pool the network participation payment and the PCN payments made through practices.",
        source: Some(PAYMENTS),
        certainty: Certainty::Published,
        access: Access::Switch {
            get: |s| s.pot_pcn,
            set: |s, on| s.pot_pcn = on,
        },
    },
    Parameter {
        key: "es",
        label: "Add enhanced services to the pot",
        section: Section::Pot,
        help: "Pool enhanced services and vaccination payments.",
        source: Some(PAYMENTS),
        certainty: Certainty::Published,
        access: Access::Switch {
            get: |s| s.pot_enhanced_services,
            set: |s, on| s.pot_enhanced_services = on,
        },
    },
    Parameter {
        key: "fix",
        label: "Fixed pot or fixed price",
        section: Section::Pot,
        help: "pot: the pot is shared out in full, so some gain what others lose. price: every practice is paid the same as now per weighted patient, so the total moves.",
        source: None,
        certainty: Certainty::Published,
        access: Access::Choice {
            names: &["pot", "price"],
            labels: &["Fixed pot (zero-sum)", "Fixed price per weighted patient"],
            get: |s| s.pot_mode as usize,
            set: |s, i| pick!(PotMode::ALL, i, s.pot_mode),
        },
    },
    Parameter {
        key: "share",
        label: "How the pot is shared",
        section: Section::Pot,
        help: "rate: each practice keeps its own rate (PMS, MPIG and other historic differences), scaled by its change in weighted patients. formula: one price per weighted patient for every practice.",
        source: None,
        certainty: Certainty::Published,
        access: Access::Choice {
            names: &["rate", "formula"],
            labels: &[
                "Each practice keeps its own rate",
                "One price per weighted patient for all",
            ],
            get: |s| s.sharing as usize,
            set: |s, i| pick!(Sharing::ALL, i, s.sharing),
        },
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_short() {
        for (i, p) in PARAMETERS.iter().enumerate() {
            assert!(
                PARAMETERS[..i].iter().all(|q| q.key != p.key),
                "{} twice",
                p.key
            );
            assert!(!p.key.is_empty() && p.key.len() <= 5, "{}", p.key);
            assert!(!p.label.is_empty() && !p.help.is_empty(), "{}", p.key);
        }
    }

    #[test]
    fn defaults_are_in_range_and_choices_have_labels() {
        let d = Scenario::default();
        for p in PARAMETERS {
            match p.access {
                Access::Number {
                    min,
                    max,
                    step,
                    get,
                    ..
                } => {
                    assert!(min < max && step > 0.0 && step <= max - min, "{}", p.key);
                    assert!((min..=max).contains(&get(&d)), "{}", p.key);
                }
                Access::Choice {
                    names, labels, get, ..
                } => {
                    assert_eq!(names.len(), labels.len(), "{}", p.key);
                    assert!(get(&d) < names.len(), "{}", p.key);
                }
                Access::Switch { .. } | Access::Code { .. } => {}
            }
        }
    }

    #[test]
    fn every_choice_reads_back_as_set_and_bad_indexes_change_nothing() {
        for p in PARAMETERS {
            if let Access::Choice {
                names, get, set, ..
            } = p.access
            {
                let mut s = Scenario::default();
                for i in (0..names.len()).rev() {
                    set(&mut s, i);
                    assert_eq!(get(&s), i, "{} {}", p.key, names[i]);
                    assert_eq!(s.choice(p.key), Some(names[i]));
                }
                let before = s.clone();
                set(&mut s, names.len());
                set(&mut s, usize::MAX);
                assert_eq!(s, before, "{}", p.key);
            }
        }
    }

    #[test]
    fn contract_years_are_named_as_in_the_url() {
        let Some(Kind::Choice(names)) = parameter("nwy").map(Parameter::kind) else {
            panic!("nwy is a choice");
        };
        assert_eq!(names[1..], CONTRACT_YEARS);
        for year in ContractYear::ALL {
            let mut s = Scenario::default();
            s.set("nwy", year.name()).unwrap();
            assert_eq!(s.networks.contract_year, Some(year));
        }
    }

    #[test]
    fn setters_write_what_getters_read() {
        for p in PARAMETERS {
            let mut s = Scenario::default();
            match p.access {
                Access::Number {
                    min, max, get, set, ..
                } => {
                    for v in [min, max, (min + max) / 2.0] {
                        set(&mut s, v);
                        assert_eq!(get(&s), v, "{}", p.key);
                    }
                }
                Access::Switch { get, set } => {
                    for on in [true, false] {
                        set(&mut s, on);
                        assert_eq!(get(&s), on, "{}", p.key);
                    }
                }
                Access::Code { get, set } => {
                    set(&mut s, "QRV".to_string());
                    assert_eq!(get(&s), "QRV", "{}", p.key);
                }
                Access::Choice { .. } => {}
            }
        }
    }

    #[test]
    fn every_parameter_has_its_own_field() {
        // Changing one parameter changes no other: no two entries share a field.
        let d = Scenario::default();
        for p in PARAMETERS {
            let mut s = d.clone();
            let value = match p.kind() {
                Kind::Number { min, max, .. } => {
                    let v = if p.url_value(&d) == write_number(max) {
                        min
                    } else {
                        max
                    };
                    write_number(v)
                }
                Kind::Switch => if p.url_value(&d) == "1" { "0" } else { "1" }.to_string(),
                Kind::Choice(names) => names
                    .iter()
                    .find(|n| Some(**n) != d.choice(p.key))
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
                Kind::Code => "A81001".to_string(),
            };
            s.set(p.key, &value).unwrap();
            for q in PARAMETERS {
                assert_eq!(
                    q.differs(&s, &d),
                    q.key == p.key,
                    "{} moved {}",
                    p.key,
                    q.key
                );
            }
        }
    }

    #[test]
    fn values_read_for_people() {
        let show = |key: &str, v: f64| parameter(key).unwrap().show(v);
        assert_eq!(show("lt", 0.46), "46%");
        assert_eq!(show("dep", 0.125), "12.5%");
        assert_eq!(show("sg", 0.032), "3.2% a year");
        assert_eq!(show("eb", 180.0), "£180bn");
        assert_eq!(show("bc", 25.0), "£25m a year");
        assert_eq!(show("ex", 20.0), "£20.0bn a year");
        assert_eq!(show("sc", 2_360.0), "£2,360");
        assert_eq!(show("sa", 5.8), "5.8 million");
        assert_eq!(show("ns", 1.0), "1.000×");
        assert_eq!(show("lon", 2.18), "£2.18 per patient");
        assert_eq!(show("floor", 0.0), "none");
        assert_eq!(show("floor", 150.0), "£150 per weighted patient");
        assert_eq!(show("dfn", 23_997.0), "23,997 patients");
        assert_eq!(show("dfq", 4.0), "4 quarters");
        assert_eq!(show("dfk", 500.0), "£500 per patient a year");
        assert_eq!(show("m0", 2.354), "2.354");
        assert_eq!(show("qof", 1.0), "on");
        assert_eq!(show("fix", 1.0), "Fixed price per weighted patient");
        assert_eq!(show("fix", 9.0), "");
        // Nothing panics on odd values.
        for p in PARAMETERS {
            for v in [f64::NAN, f64::INFINITY, -1.0, 1e300] {
                let _ = p.show(v);
            }
        }
    }

    #[test]
    fn choice_labels_depend_on_the_parameter() {
        let label = |key: &str, name: &str| parameter(key).and_then(|p| p.choice_label(name));
        assert_eq!(label("nwb", "icb"), Some("Each ICB"));
        assert_eq!(
            label("bh", "icb"),
            Some("The ICB (delegated commissioning)")
        );
        assert_eq!(label("dfd", "icb"), Some("One ICB"));
        assert_eq!(label("nwy", "2024-25"), Some("2024-25"));
        assert_eq!(label("nwy", "none"), Some("Not priced"));
        assert_eq!(label("nwy", "1999"), None);
        assert_eq!(label("ns", "icb"), None);
    }

    #[test]
    fn sections_hold_the_controls_in_their_order() {
        let keys = |section: Section| section.parameters().map(|p| p.key).collect::<Vec<_>>();
        assert_eq!(
            keys(Section::Formula),
            ["fm", "as", "an", "ru", "mf", "ns", "dep", "rur", "lt", "lon", "floor"]
        );
        assert_eq!(keys(Section::Pot), ["qof", "pcn", "es", "fix", "share"]);
        assert_eq!(keys(Section::AgeSexWeights).len(), 14);
        assert_eq!(keys(Section::QofSuccessor), ["qr", "qb", "qk"]);
        assert_eq!(keys(Section::LocalDiscretion), ["hq", "hi", "hs"]);
        assert_eq!(
            keys(Section::BudgetHolder),
            ["bh", "bs", "bd", "bc", "bx", "bk"]
        );
        let all: usize = Section::ALL.iter().map(|s| keys(*s).len()).sum();
        assert_eq!(all, PARAMETERS.len());
    }

    #[test]
    fn sources_are_in_plain_words() {
        for p in PARAMETERS {
            if let Some(source) = p.source {
                assert!(!source.publisher.is_empty() && !source.title.is_empty());
                assert!(!source.cite().contains("research"), "{}", p.key);
            }
        }
    }

    #[test]
    #[cfg(feature = "json")]
    fn the_json_describes_every_parameter() {
        let json = parameters_json();
        let list = json.as_array().unwrap();
        assert_eq!(list.len(), PARAMETERS.len());
        let ns = &list.iter().find(|p| p["key"] == "ns").unwrap();
        assert_eq!(ns["unit"], "multiplier");
        assert_eq!(ns["min"], 0.0);
        assert_eq!(ns["max"], 2.0);
        assert_eq!(ns["default"], 1.0);
        assert_eq!(ns["section"], "formula");
        assert_eq!(ns["certainty"], "published");
        assert_eq!(ns["source"]["year"], 2023);
        let fix = &list.iter().find(|p| p["key"] == "fix").unwrap();
        assert_eq!(fix["default"], "pot");
        assert_eq!(fix["choices"][1]["name"], "price");
        assert_eq!(fix["unit"], Value::Null);
    }
}
