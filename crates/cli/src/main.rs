//! `gpfe`: the GP funding model on the command line.
//!
//! ```text
//! gpfe summary [--scenario QUERY] [--compare QUERY] [--dataset FILE]
//! gpfe practice CODE [--receipt [--json]] [--scenario QUERY] [--compare QUERY] [--dataset FILE]
//! gpfe csv [--scenario QUERY] [--compare QUERY] [--dataset FILE]
//! gpfe levers [GROUP] [--scenario QUERY] [--dataset FILE]
//! gpfe seek KEY GOAL [--scenario QUERY] [--dataset FILE]
//! gpfe presets
//! gpfe params [--markdown]
//! ```
//!
//! QUERY is the app's URL query string (for example `v=1&ns=0.5&qof=1` or `preset=age-only`),
//! so any view in the app can be reproduced here. `--compare QUERY` (with `summary`, `practice`
//! and `csv`) shows scenario B, the one QUERY describes, against scenario A, the one `--scenario`
//! describes: what is otherwise the 2022/23 figure is A's and the scenario's is B's, as the app
//! shows a link with B's keys under `b.`. The built-in dataset is the one the app
//! loads, with its names file; `--dataset` reads another start-up file (`NAME.bin`), and the
//! practices' names and postcodes from `NAME-names.bin` beside it if there is one. `levers` splits a group's change among the
//! settings moved (Shapley values); GROUP is `england` (the default), `q1` to `q5` (IMD fifths,
//! 1 least deprived), `icb:CODE` or `practice:CODE`. `seek` finds the value of the numeric
//! setting KEY that meets GOAL: `gap` (the most deprived fifth gets at least as much per weighted
//! patient as the least deprived), `losers` (no practice loses more than 5%) or `practice:CODE`
//! (the practice gets back at least its 2022/23 payments), and prints the setting's whole range.
//! `practice --receipt` prints the practice's receipt: every step from its patients to its total,
//! 2022/23 against the scenario, as a table (`--json` prints it as JSON). Output is JSON (CSV for
//! `csv`; `params --markdown` prints the README's table of parameters; the receipt a table). Bad arguments print the problem and
//! exit with status 2.

use std::io::Write;

const USAGE: &str =
    "usage: gpfe summary [--by councils|constituencies] [--scenario QUERY] [--compare QUERY] [--dataset FILE]
       gpfe practice CODE [--receipt [--json]] [--scenario QUERY] [--compare QUERY] [--dataset FILE]
       gpfe area CODE [--scenario QUERY] [--dataset FILE]
       gpfe csv [--scenario QUERY] [--compare QUERY] [--dataset FILE]
       gpfe levers [england|q1..q5|icb:CODE|practice:CODE] [--scenario QUERY] [--dataset FILE]
       gpfe seek KEY gap|losers|practice:CODE [--scenario QUERY] [--dataset FILE]
       gpfe presets
       gpfe params [--markdown]
QUERY is the app's URL query string, e.g. 'v=1&ns=0.5' or 'preset=age-only'.
--compare QUERY shows that scenario (B) against the --scenario one (A) instead of against 2022/23.";

fn main() {
    let output = match cli::Command::parse(std::env::args_os().skip(1)) {
        Ok(cli::Parsed::Help) => Ok(format!("{USAGE}\n")),
        Ok(cli::Parsed::Run(command)) => command.run(),
        Err(message) => Err(message),
    };
    match output {
        Ok(output) => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(output.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => {}
                // The reader stopped early (`gpfe csv | head`): that is its choice, not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                Err(e) => {
                    eprintln!("gpfe: writing the output: {e}");
                    std::process::exit(1);
                }
            }
        }
        Err(message) => {
            eprintln!("gpfe: {message}");
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    }
}

mod cli {
    use gpfe_core::data::Dataset;
    use gpfe_core::model::{Model, Outcome, RulesBefore2019, BINS, REPORTED_JULY_2018_EFFECT};
    use gpfe_core::scenario::{Scenario, PRESETS};
    use rust_decimal::Decimal;
    use serde_json::{json, Value};

    const BUILT_IN: &[u8] = include_bytes!("../../../public/data/england-2022-23.bin");
    const BUILT_IN_NAMES: &[u8] = include_bytes!("../../../public/data/england-2022-23-names.bin");

    fn pounds(pence: i64) -> String {
        Decimal::new(pence, 2).to_string()
    }

    /// Rounds for display in JSON (money per patient to the penny, percentages to 4 places).
    fn round(v: f64, places: i32) -> f64 {
        let f = 10_f64.powi(places);
        (v * f).round() / f
    }

    /// What to print.
    enum Task {
        Summary,
        Practice(String),
        Area(String),
        /// The practice's receipt, as a table or as JSON.
        Receipt {
            code: String,
            json: bool,
        },
        Csv,
        Levers(String),
        Seek(String, String),
        Presets,
        Params {
            markdown: bool,
        },
    }

    /// A command line, read.
    pub struct Command {
        task: Task,
        scenario: Scenario,
        /// `--compare`: scenario B, shown against `scenario` (A).
        compare: Option<Scenario>,
        dataset: Option<String>,
        /// `--by`: the local grouping `summary` adds.
        by: Option<Local>,
    }

    /// A local grouping: the councils or constituencies the surgeries are in.
    #[derive(Clone, Copy)]
    enum Local {
        Councils,
        Constituencies,
    }

    pub enum Parsed {
        Help,
        Run(Box<Command>),
    }

    impl Command {
        /// Reads the arguments (without the program's name) with lexopt: options may come
        /// before or after the command and its practice code, as `--scenario Q` or
        /// `--scenario=Q`.
        pub fn parse(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Parsed, String> {
            use lexopt::prelude::*;
            let mut parser = lexopt::Parser::from_args(args);
            let mut words: Vec<String> = Vec::new();
            let mut scenario = None;
            let mut compare = None;
            let mut dataset = None;
            let mut markdown = false;
            let mut by = None;
            let mut receipt = false;
            let mut json = false;
            let text = |v: std::ffi::OsString, what: &str| {
                v.into_string()
                    .map_err(|_| format!("{what} is not valid UTF-8"))
            };
            while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
                match arg {
                    Long("scenario") => {
                        let q = text(parser.value().map_err(|e| e.to_string())?, "--scenario")?;
                        scenario = Some(Scenario::from_query(&q).map_err(|e| e.to_string())?);
                    }
                    Long("compare") => {
                        let q = text(parser.value().map_err(|e| e.to_string())?, "--compare")?;
                        compare =
                            Some(Scenario::from_query(&q).map_err(|e| format!("--compare: {e}"))?);
                    }
                    Long("dataset") => {
                        dataset = Some(text(
                            parser.value().map_err(|e| e.to_string())?,
                            "--dataset",
                        )?)
                    }
                    Long("markdown") => markdown = true,
                    Long("by") => {
                        by = Some(
                            match text(parser.value().map_err(|e| e.to_string())?, "--by")?.as_str()
                            {
                                "councils" => Local::Councils,
                                "constituencies" => Local::Constituencies,
                                other => {
                                    return Err(format!(
                                        "--by takes councils or constituencies, not '{other}'"
                                    ))
                                }
                            },
                        )
                    }
                    Long("receipt") => receipt = true,
                    Long("json") => json = true,
                    Long("help") | Short('h') => return Ok(Parsed::Help),
                    Value(v) => words.push(text(v, "an argument")?),
                    other => return Err(other.unexpected().to_string()),
                }
            }
            let mut words = words.into_iter();
            let command = words.next().ok_or("no command given")?;
            let task = match command.as_str() {
                "summary" => Task::Summary,
                "csv" => Task::Csv,
                "levers" => Task::Levers(words.next().unwrap_or_else(|| "england".to_string())),
                "seek" => {
                    let key = words.next().ok_or("seek needs a setting's key")?;
                    let goal = words
                        .next()
                        .ok_or("seek needs a goal: gap, losers or practice:CODE")?;
                    Task::Seek(key, goal)
                }
                "presets" => Task::Presets,
                "area" => Task::Area(words.next().ok_or("area needs an area's code")?),
                "params" => Task::Params { markdown },
                "practice" => Task::Practice(
                    words
                        .next()
                        .ok_or("practice needs a practice code")?
                        .trim()
                        .to_uppercase(),
                ),
                other => return Err(format!("unknown command '{other}'")),
            };
            if let Some(extra) = words.next() {
                return Err(format!("unexpected argument '{extra}'"));
            }
            if markdown && !matches!(task, Task::Params { .. }) {
                return Err("--markdown goes with params only".to_string());
            }
            if by.is_some() && !matches!(task, Task::Summary) {
                return Err("--by goes with summary only".to_string());
            }
            let task = match task {
                Task::Practice(code) if receipt => Task::Receipt { code, json },
                _ if receipt => return Err("--receipt goes with practice only".to_string()),
                task => task,
            };
            if json && !matches!(task, Task::Receipt { .. }) {
                return Err("--json goes with practice CODE --receipt only".to_string());
            }
            let takes_scenario = matches!(
                task,
                Task::Summary
                    | Task::Practice(_)
                    | Task::Area(_)
                    | Task::Receipt { .. }
                    | Task::Csv
                    | Task::Levers(_)
                    | Task::Seek(..)
            );
            if !takes_scenario && (scenario.is_some() || dataset.is_some()) {
                return Err(format!("{command} takes no --scenario or --dataset"));
            }
            let takes_compare = matches!(task, Task::Summary | Task::Practice(_) | Task::Csv);
            if compare.is_some() && !takes_compare {
                return Err("--compare goes with summary, practice CODE and csv only".to_string());
            }
            Ok(Parsed::Run(Box::new(Command {
                task,
                scenario: scenario.unwrap_or_default(),
                compare,
                dataset,
                by,
            })))
        }
    }

    fn load(path: Option<&str>) -> Result<Dataset, String> {
        match path {
            None => Dataset::from_files(BUILT_IN, BUILT_IN_NAMES).map_err(|e| e.to_string()),
            Some(path) => {
                let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
                let mut dataset =
                    Dataset::from_bytes(&bytes).map_err(|e| format!("{path}: {e}"))?;
                let names = format!("{}-names.bin", path.strip_suffix(".bin").unwrap_or(path));
                match std::fs::read(&names) {
                    Ok(bytes) => dataset
                        .attach_names(&bytes)
                        .map_err(|e| format!("{names}: {e}"))?,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(format!("{names}: {e}")),
                }
                Ok(dataset)
            }
        }
    }

    impl Command {
        /// Runs the command: its output, or a message saying what is wrong.
        pub fn run(self) -> Result<String, String> {
            let scenario = self.scenario;
            let csv_wanted = matches!(self.task, Task::Csv);
            let code = match self.task {
                Task::Params { markdown: false } => {
                    return Ok(format!("{:#}\n", gpfe_core::scenario::parameters_json()))
                }
                Task::Params { markdown: true } => {
                    return Ok(gpfe_core::scenario::parameters_markdown())
                }
                Task::Presets => {
                    let presets: Vec<Value> = PRESETS
                        .iter()
                        .map(|p| {
                            json!({
                                "name": p.name,
                                "title": p.title,
                                "query": p.query,
                                "assumptions": p.assumptions,
                            })
                        })
                        .collect();
                    return Ok(format!("{}\n", Value::Array(presets)));
                }
                Task::Practice(code) => Some(code),
                Task::Summary | Task::Csv => None,
                Task::Levers(group) => {
                    let dataset = load(self.dataset.as_deref())?;
                    let model = Model::new(&dataset);
                    let outcome = model.run(&scenario).map_err(|e| e.to_string())?;
                    return levers(&dataset, &model, &scenario, &outcome, &group);
                }
                Task::Seek(key, goal) => {
                    let dataset = load(self.dataset.as_deref())?;
                    let model = Model::new(&dataset);
                    return seek(&dataset, &model, &scenario, &key, &goal);
                }
                Task::Area(code) => {
                    let dataset = load(self.dataset.as_deref())?;
                    let target = gpfe_core::find::Target::area_by_code(&dataset, &code)
                        .ok_or_else(|| {
                            format!("no council, constituency or NHS area with code '{code}'")
                        })?;
                    let model = Model::new(&dataset);
                    let outcome = model.run(&scenario).map_err(|e| e.to_string())?;
                    return Ok(format!("{:#}\n", area(&dataset, &outcome, target)));
                }
                Task::Receipt { code, json } => {
                    let dataset = load(self.dataset.as_deref())?;
                    let index = dataset
                        .practice_index(&code)
                        .ok_or_else(|| format!("no practice with code '{code}'"))?;
                    let model = Model::new(&dataset);
                    let outcome = model.run(&scenario).map_err(|e| e.to_string())?;
                    let receipt =
                        gpfe_core::receipt::receipt(&dataset, &model, &scenario, &outcome, index)
                            .map_err(|e| e.to_string())?;
                    return Ok(if json {
                        format!("{:#}\n", receipt_json(&receipt, &scenario))
                    } else {
                        receipt_table(&receipt, &scenario)
                    });
                }
            };
            let dataset = load(self.dataset.as_deref())?;
            let model = Model::new(&dataset);
            let outcome = model.run(&scenario).map_err(|e| {
                self.compare
                    .as_ref()
                    .map_or(String::new(), |_| "A: ".into())
                    + &e.to_string()
            })?;
            let outcome = match &self.compare {
                None => outcome,
                Some(b) => {
                    let b = model.run(b).map_err(|e| format!("B: {e}"))?;
                    gpfe_core::model::compare(&outcome, &b).map_err(|e| e.to_string())?
                }
            };
            match code {
                Some(code) => {
                    let index = dataset
                        .practice_index(&code)
                        .ok_or_else(|| format!("no practice with code '{code}'"))?;
                    Ok(format!("{:#}\n", practice(&dataset, &outcome, index)))
                }
                None if csv_wanted => Ok(csv(&dataset, &outcome)),
                None => {
                    // The digital-first host under the rules before 2019: a run of its own.
                    let rules = model
                        .rules_before_2019(&scenario, &outcome)
                        .map_err(|e| e.to_string())?;
                    let mut out = summary(
                        &dataset,
                        &model,
                        &scenario,
                        self.compare.as_ref(),
                        &outcome,
                        rules,
                    );
                    if let (Some(by), Value::Object(map)) = (self.by, &mut out) {
                        let (key, groups) = match by {
                            Local::Councils => ("by_council", &outcome.by_local_authority),
                            Local::Constituencies => ("by_constituency", &outcome.by_constituency),
                        };
                        map.insert(key.to_string(), local_groups(groups));
                    }
                    Ok(format!("{out:#}\n"))
                }
            }
        }
    }

    /// Every council or constituency with a surgery: its practices and money, by code.
    fn local_groups(groups: &[gpfe_core::model::Group]) -> Value {
        Value::Array(
            groups
                .iter()
                .filter(|g| g.practices > 0)
                .map(|g| {
                    json!({
                        "code": g.code.as_ref(),
                        "name": g.name.as_ref(),
                        "practices": g.practices,
                        "total_baseline": pounds(g.baseline_pence),
                        "total_scenario": pounds(g.scenario_pence),
                        "change_pct": round(g.change_pct(), 4),
                    })
                })
                .collect(),
        )
    }

    /// One area: what the page's area panel and `embed=area` show.
    fn area(d: &Dataset, o: &Outcome, target: gpfe_core::find::Target) -> Value {
        let g = target.group(o);
        let practices: Vec<Value> = target
            .members(d)
            .into_iter()
            .map(|p| {
                let r = &o.practices[p];
                json!({
                    "code": d.practices[p].code,
                    "name": d.practices[p].name,
                    "total_baseline": pounds(r.total_baseline_pence),
                    "total_scenario": pounds(r.total_scenario_pence),
                    "change_pct": round(r.change_pct(), 4),
                })
            })
            .collect();
        json!({
            "kind": target.kind(),
            "code": g.map(|g| g.code.as_ref()),
            "name": g.map(|g| g.name.as_ref()),
            "sentence": gpfe_core::series::area_sentence(d, o, target),
            "total_baseline": g.map(|g| pounds(g.baseline_pence)),
            "total_scenario": g.map(|g| pounds(g.scenario_pence)),
            "change_pct": g.map(|g| round(g.change_pct(), 4)),
            "practices": practices,
        })
    }

    fn digital_first(d: &Dataset, o: &Outcome, rules: Option<RulesBefore2019>) -> Value {
        let (Some(df), Some(rules)) = (&o.digital_first, rules) else {
            return Value::Null;
        };
        let donors: Vec<Value> = df
            .by_donor_icb
            .iter()
            .map(|a| {
                json!({
                    "icb": d.icbs.get(a.icb).map(|i| i.name.clone()),
                    "patients_given": round(a.patients_given, 2),
                    "patients_returned": round(a.patients_returned, 2),
                    "change": pounds(a.change_pence),
                })
            })
            .collect();
        json!({
            "host": d.practices.get(df.host).map(|p| p.code.clone()),
            "joiners": round(df.joiners, 2),
            "out_of_area_joiners": round(df.out_of_area_joiners, 2),
            "host_change": pounds(df.host_change_pence),
            "host_change_pct": round(df.host_change_pct, 4),
            "host_total_old_rules": pounds(rules.host_total_old_rules_pence),
            "rules_effect_pct": round(rules.rules_effect_pct, 4),
            "reported_july_2018_effect_pct": {
                "theoretical_digital_first_practice": REPORTED_JULY_2018_EFFECT.0,
                "most_affected_real_practice": REPORTED_JULY_2018_EFFECT.1,
            },
            "london_weighting": pounds(df.london_weighting_pence),
            "host_commissioner_cost_pressure": pounds(df.cost_pressure_pence),
            "returned_to_donors": round(df.returned, 2),
            "host_before_digital_first": df.before.map(|b| json!({
                "name": b.name,
                "year": b.year,
                "registered_patients": b.registered,
                "weighted_patients": b.weighted,
                "total_nhs_payments": pounds(b.total_pence),
            })),
            "theoretical_digital_first_practice": {
                "joiners": round(df.theoretical.joiners, 2),
                "weighted_patients": round(df.theoretical.weighted, 2),
                "payments_scenario_rules": pounds(df.theoretical.scenario_rules_pence),
                "payments_rules_before_2019": pounds(df.theoretical.old_rules_pence),
                "rules_effect_pct": round(df.theoretical.rules_effect_pct, 4),
            },
            "donors_by_icb": donors,
        })
    }

    fn networks(o: &Outcome) -> Value {
        let Some(n) = &o.networks else {
            return Value::Null;
        };
        json!({
            "count": n.networks.len(),
            "below_band": n.sizes.below_band,
            "in_band": n.sizes.in_band,
            "above_band": n.sizes.above_band,
            "histogram_by_10000": n.sizes.histogram,
            "pooled": pounds(n.pooled_pence),
            "contract_funding": n.contract_total_pence().map(pounds),
            "arrs_cap": n.arrs_cap_total_pence().map(pounds),
            "fcn_scope": pounds(n.fcn_scope_pence),
            "fcn_budgets": pounds(n.fcn_budget_total_pence()),
            "fcn_at_risk": pounds(n.fcn_at_risk_total_pence()),
        })
    }

    /// A practice's formula as a product of indices.
    fn parts(p: &gpfe_core::model::FormulaParts) -> Value {
        json!({
            "age_sex": round(p.age_sex, 6),
            "turnover": round(p.turnover, 6),
            "needs": round(p.needs, 6),
            "rurality": round(p.rurality, 6),
            "area": round(p.area, 6),
            "remainder": round(p.remainder, 6),
            "uplifts": round(p.uplifts, 6),
            "scale": round(p.scale, 6),
        })
    }

    /// The fit that splits the rest of the formula into its parts.
    fn formula_fit(d: &Dataset, model: &Model) -> Value {
        let fit = &model.inputs.parts.fit;
        let [needs, rurality, area] = fit.r_squared_lost;
        let mut icbs: Vec<(f64, &str)> = fit
            .area
            .iter()
            .zip(&d.icbs)
            .map(|(a, i)| (a.exp(), i.name.as_str()))
            .collect();
        icbs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let icb = |(v, name): &(f64, &str)| json!({"icb": name, "index": round(*v, 4)});
        json!({
            "practices": fit.practices,
            "needs_per_imd_point": round(fit.needs_per_imd_point, 6),
            "rural": round(fit.rural, 6),
            "rural_class": gpfe_core::data::RuralClass::ALL
                .iter()
                .zip(&fit.rural_class)
                .map(|(c, v)| (c.code().to_string(), json!(round(*v, 6))))
                .collect::<serde_json::Map<String, Value>>(),
            "r_squared": round(fit.r_squared, 4),
            "r_squared_lost_without": {
                "needs": round(needs, 4),
                "rurality": round(rurality, 4),
                "area": round(area, 4),
            },
            "lowest_area": icbs.first().map(icb),
            "highest_area": icbs.last().map(icb),
        })
    }

    /// The figures of an outcome; with `compare` (B), the outcome is B against `scenario` (A),
    /// the headline says so and "how sure" (made for one scenario) is left out.
    fn summary(
        d: &Dataset,
        model: &Model,
        scenario: &Scenario,
        compare: Option<&Scenario>,
        o: &Outcome,
        rules: Option<RulesBefore2019>,
    ) -> Value {
        let equity = model.equity(o);
        let how_sure = match compare {
            Some(_) => Value::Null,
            None => {
                let range = gpfe_core::sensitivity::headline_range(model, scenario, o);
                json!({
                    "inputs": range.inputs,
                    "gainers": [range.gainers.low, range.gainers.high],
                    "losers": [range.losers.low, range.losers.high],
                    "least_deprived_per_weighted_patient": [round(range.least_deprived_per_weighted.low, 2), round(range.least_deprived_per_weighted.high, 2)],
                    "most_deprived_per_weighted_patient": [round(range.most_deprived_per_weighted.low, 2), round(range.most_deprived_per_weighted.high, 2)],
                    "runs": range.runs,
                    "refused": range.refused,
                    "text": range.text(),
                })
            }
        };
        let compared = compare.map(|b| {
            let (a_name, b_name) = (
                gpfe_core::headline::scenario_name(scenario),
                gpfe_core::headline::scenario_name(b),
            );
            json!({
                "a": scenario.to_query(),
                "b": b.to_query(),
                "a_name": a_name,
                "b_name": b_name,
                "gainers_under_b": o.gainers(),
                "losers_under_b": o.losers(),
                "text": gpfe_core::headline::compare_sentence(o, &a_name, &b_name),
            })
        });
        let quintiles: Vec<Value> = o
            .by_imd_quintile
            .iter()
            .enumerate()
            .map(|(i, g)| {
                json!({
                    "quintile": i + 1,
                    "practices": g.practices,
                    "registered_patients": round(g.registered, 2),
                    "baseline_per_weighted_patient": round(g.baseline_per_weighted(), 2),
                    "scenario_per_weighted_patient": round(g.scenario_per_weighted(), 2),
                    "change_pct": round(g.change_pct(), 4),
                })
            })
            .collect();
        let bins: Vec<Value> = o
            .winners_losers
            .iter()
            .zip(BINS)
            .map(|(b, label)| {
                json!({"bin": label, "practices": b.practices, "patients": round(b.patients, 2)})
            })
            .collect();
        let lines: Vec<Value> = o
            .pot
            .lines
            .iter()
            .map(|l| {
                json!({"line": l.key, "baseline": pounds(l.baseline_pence), "scenario": pounds(l.scenario_pence)})
            })
            .collect();
        let mut out = json!({
            "practices": o.national.practices,
            "registered_patients": format!("{:.2}", o.national.registered),
            "weighted_patients": format!("{:.2}", o.national.weighted_scenario),
            "pot": pounds(o.pot.baseline_pence),
            "allocated": pounds(o.pot.allocated_pence),
            "pot_lines": lines,
            "london_adjustment": pounds(o.pot.london_adjustment_pence),
            "floor_cost": pounds(o.pot.floor_cost_pence),
            "total_baseline": pounds(o.national.baseline_pence),
            "total_scenario": pounds(o.national.scenario_pence),
            "by_imd_quintile": quintiles,
            "per_weighted_patient_yardstick": gpfe_core::model::PER_WEIGHTED_YARDSTICK,
            "formula_fit": formula_fit(d, model),
            "implausible_remainders": o.implausible_remainders,
            "how_sure": how_sure,
            "winners_losers": bins,
            "digital_first": digital_first(d, o, rules),
            "networks": networks(o),
            "savings": o.savings.as_ref().map(|s| json!({
                "paid_to_practices": pounds(s.paid_to_practices_pence),
                "years": s.years.iter().map(|y| json!({
                    "year": y.year,
                    "admissions_avoided": round(y.admissions_avoided, 1),
                    "saved": pounds(y.saved_pence),
                    "reinvested": pounds(y.reinvested_pence),
                })).collect::<Vec<_>>(),
            })),
            "envelope": o.envelope.as_ref().map(|path| path.iter().map(|y| json!({
                "year": format!("{}/{:02}", y.year, (y.year + 1) % 100),
                "nhs_bn": round(y.nhs_bn, 3),
                "gp_bn": round(y.gp_bn, 3),
                "share": round(y.share, 5),
                "target_share": round(y.target_share, 5),
                "extra_needed_bn": round(y.extra_needed_bn, 3),
                "gp_new_money": pounds(y.gp_new_pence),
            })).collect::<Vec<_>>()),
            "new_money": o.new_money.map(|n| json!({
                "year": format!("{}/{:02}", n.year, (n.year + 1) % 100),
                "channel": match n.channel {
                    gpfe_core::scenario::NewMoneyChannel::Weighted => "weighted",
                    gpfe_core::scenario::NewMoneyChannel::Networks => "networks",
                    gpfe_core::scenario::NewMoneyChannel::None => "none",
                },
                "new_money": pounds(n.new_money_pence),
                "paid_to_practices": pounds(n.paid_to_practices_pence),
            })),
            "transition": o.transition.as_ref().map(|t| json!({
                "finished": t.finished,
                "most_capped": t.most_capped(),
                "protection": pounds(t.protection_pence()),
                "years": t.years.iter().map(|y| json!({
                    "year": format!("{}/{:02}", y.year, (y.year + 1) % 100),
                    "capped": y.capped,
                    "protection": pounds(y.protection_pence),
                    "new_money": pounds(y.new_money_pence),
                    "total": pounds(y.total_pence),
                })).collect::<Vec<_>>(),
            })),
            "budget_holder": o.budget_holder.map(|h| json!({
                "gp_money": pounds(h.gp_money_pence),
                "routed": pounds(h.routed_pence),
                "diverted": pounds(h.diverted_pence),
                "double_running": pounds(h.double_running_pence),
                "surplus_to_practices": pounds(h.surplus_to_practices_pence),
                "surplus_kept": pounds(h.surplus_kept_pence),
                "core_moved": pounds(h.core_moved_pence),
            })),
            "core_shift": o.core_shift.as_ref().map(|c| json!({
                "rate": c.rate,
                "year": format!("{}/{:02}", c.year, (c.year + 1) % 100),
                "moved": pounds(c.moved_pence),
                "years": c.years.iter().map(|y| json!({
                    "year": format!("{}/{:02}", y.year, (y.year + 1) % 100),
                    "core": pounds(y.core_pence),
                    "moved": pounds(y.moved_pence),
                })).collect::<Vec<_>>(),
            })),
            "local_discretion": o.local_discretion.as_ref().map(|h| json!({
                "icb": h.icb.map_or_else(|| "every ICB".to_string(), |i| d.icbs.get(i).map_or_else(String::new, |a| format!("{} ({})", a.name, a.code))),
                "scope": match h.scope {
                    gpfe_core::scenario::DiscretionScope::Core => "core",
                    gpfe_core::scenario::DiscretionScope::Delegated => "delegated",
                },
                "share": h.share,
                "practices": h.practices,
                "money_in_scope": pounds(h.in_scope_pence),
                "top_sliced": pounds(h.sliced_pence),
                "respent": pounds(h.respent_pence),
                "practices_topped_up": h.topped_up,
                "practices_gaining": h.gainers,
                "per_weighted_patient_change_least_deprived_quintile": round(h.per_weighted_change_by_quintile[0], 2),
                "per_weighted_patient_change_most_deprived_quintile": round(h.per_weighted_change_by_quintile[4], 2),
                "per_weighted_patient_change_by_quintile": h.per_weighted_change_by_quintile.map(|v| round(v, 2)),
            })),
            "qof_successor": o.qof_successor.map(|q| json!({
                "retired": pounds(q.retired_pence),
                "respent": pounds(q.respent_pence),
                "returned_to_qof": pounds(q.returned_pence),
            })),
            "equity": {
                "per_need_adjusted_patient_by_quintile_baseline": equity.baseline.per_need_by_quintile.map(|v| round(v, 2)),
                "per_need_adjusted_patient_by_quintile_scenario": equity.scenario.per_need_by_quintile.map(|v| round(v, 2)),
                "gap_pct_baseline": round(equity.baseline.gap_pct, 4),
                "gap_pct_scenario": round(equity.scenario.gap_pct, 4),
                "concentration_index_baseline": round(equity.baseline.concentration_index, 6),
                "concentration_index_scenario": round(equity.scenario.concentration_index, 6),
                "gini_baseline": round(equity.baseline.gini, 6),
                "gini_scenario": round(equity.scenario.gini, 6),
            },
        });
        if let (Some(compared), Value::Object(map)) = (compared, &mut out) {
            map.insert("compare".to_string(), compared);
        }
        out
    }

    fn practice(d: &Dataset, o: &Outcome, i: usize) -> Value {
        let p = &d.practices[i];
        let r = &o.practices[i];
        let lines: Vec<Value> = o
            .practice_lines(p, i)
            .into_iter()
            .map(|(line, baseline, scenario)| {
                json!({"line": line.key, "label": line.label, "baseline": pounds(baseline), "scenario": pounds(scenario)})
            })
            .collect();
        let rank = o.rank_per_registered(i);
        let row = |(label, baseline, scenario): (&str, i64, i64)| json!({"label": label, "baseline": pounds(baseline), "scenario": pounds(scenario)});
        // The rows of the page's practice panel: those above the total add up to it exactly.
        let rows = o.practice_rows(p, i).map(|rows| {
            json!({
                "rows": rows.rows.into_iter().map(row).collect::<Vec<_>>(),
                "total": row(rows.total),
                "outside_total": rows.outside_total.into_iter().map(row).collect::<Vec<_>>(),
            })
        });
        json!({
            "code": p.code,
            "name": p.name,
            "postcode": p.postcode,
            "icb": d.icbs[p.icb].name,
            "pcn": p.pcn.map(|x| d.pcns[x].name.clone()),
            "local_authority": p.local_authority.and_then(|x| d.local_authorities.get(x)).map(|a| a.name.clone()),
            "constituency": p.constituency.and_then(|x| d.constituencies.get(x)).map(|a| a.name.clone()),
            "rural_class": p.rural_class.map(|c| c.code()),
            "registered_patients": format!("{:.2}", p.registered()),
            "registered_patients_scenario": format!("{:.2}", r.registered_scenario),
            "weighted_patients_baseline": format!("{:.2}", r.weighted_baseline),
            "weighted_patients_scenario": format!("{:.2}", r.weighted_scenario),
            "age_sex_index_baseline": round(r.age_sex_index_baseline, 6),
            "age_sex_index_scenario": round(r.age_sex_index_scenario, 6),
            "other_index_baseline": round(r.other_index_baseline, 6),
            "other_index_scenario": round(r.other_index_scenario, 6),
            "formula_parts": {
                "baseline": parts(&o.parts_baseline(i)),
                "scenario": parts(&o.parts_scenario(i)),
            },
            "implausible_remainder": r.implausible_remainder,
            "lines": lines,
            "london_adjustment": pounds(r.london_adjustment_pence),
            "floor_top_up": pounds(r.floor_top_up_pence),
            "following_patients": pounds(r.following_pence),
            "network_pool": pounds(r.network_pool_pence),
            "qof_successor": pounds(r.qof_successor_pence),
            "total_baseline": pounds(r.total_baseline_pence),
            "total_scenario": pounds(r.total_scenario_pence),
            "change": pounds(r.change_pence()),
            "change_pct": round(r.change_pct(), 4),
            "imd_score": p.imd_score,
            "imd_decile": r.imd_decile,
            "rank_per_registered_patient": rank.map(|(k, n)| json!({"rank": k, "of": n})),
            "rows": rows,
        })
    }

    /// The scenario's query string, or `2022/23` for the baseline.
    fn scenario_name(scenario: &Scenario) -> String {
        let query = scenario.to_query();
        if query.is_empty() || *scenario == Scenario::default() {
            "2022/23 (no change)".to_string()
        } else {
            query
        }
    }

    /// `gpfe practice CODE --receipt`: the steps as a table, one line each.
    fn receipt_table(r: &gpfe_core::receipt::Receipt, scenario: &Scenario) -> String {
        let head = ["Step", "2022/23", "Scenario", "What it is"];
        let rows: Vec<[String; 4]> = r
            .steps
            .iter()
            .map(|s| {
                [
                    s.label.clone(),
                    s.baseline_text(),
                    s.scenario_text(),
                    s.explanation.clone(),
                ]
            })
            .collect();
        let width = |c: usize| {
            rows.iter()
                .map(|row| row[c].chars().count())
                .chain(std::iter::once(head[c].chars().count()))
                .max()
                .unwrap_or(0)
        };
        let (w0, w1, w2) = (width(0), width(1), width(2));
        let line = |row: [&str; 4]| {
            let pad = |text: &str, w: usize| w.saturating_sub(text.chars().count());
            format!(
                "{}{}  {}{}  {}{}  {}\n",
                row[0],
                " ".repeat(pad(row[0], w0)),
                " ".repeat(pad(row[1], w1)),
                row[1],
                " ".repeat(pad(row[2], w2)),
                row[2],
                row[3]
            )
        };
        let mut out = format!(
            "Receipt: {}, scenario {}\n\n",
            r.title(),
            scenario_name(scenario)
        );
        out.push_str(&line(head));
        out.push_str(&format!(
            "{}  {}  {}  {}\n",
            "-".repeat(w0),
            "-".repeat(w1),
            "-".repeat(w2),
            "-".repeat(head[3].len())
        ));
        let mut section = None;
        for (step, row) in r.steps.iter().zip(&rows) {
            if section != Some(step.section) {
                section = Some(step.section);
                out.push_str(&format!("\n{}\n", step.section.title()));
            }
            out.push_str(&line([&row[0], &row[1], &row[2], &row[3]]));
        }
        out
    }

    /// `gpfe practice CODE --receipt --json`: money in pounds as text, other figures in full.
    fn receipt_json(r: &gpfe_core::receipt::Receipt, scenario: &Scenario) -> Value {
        use gpfe_core::receipt::Value as Figure;
        let figure = |v: Figure| match v {
            Figure::Number(x) => json!(x),
            Figure::Pence(p) => json!(pounds(p)),
            Figure::Blank => Value::Null,
        };
        let steps: Vec<Value> = r
            .steps
            .iter()
            .map(|s| {
                json!({
                    "step": s.key,
                    "section": s.section.title(),
                    "label": s.label,
                    "role": s.role.as_str(),
                    "unit": if s.unit == gpfe_core::receipt::Unit::Pence { "pounds" } else { s.unit.as_str() },
                    "baseline": figure(s.baseline),
                    "scenario": figure(s.scenario),
                    "explanation": s.explanation,
                })
            })
            .collect();
        json!({
            "code": r.code,
            "name": r.name,
            "scenario": scenario.to_query(),
            "steps": steps,
        })
    }

    /// The group named on the command line.
    fn target(d: &Dataset, group: &str) -> Result<gpfe_core::levers::Target, String> {
        use gpfe_core::levers::Target;
        let lower = group.trim().to_lowercase();
        let fifth = lower
            .strip_prefix('q')
            .and_then(|q| q.parse::<usize>().ok())
            .filter(|q| (1..=5).contains(q));
        if lower == "england" {
            Ok(Target::England)
        } else if let Some(q) = fifth {
            Ok(Target::Quintile(q))
        } else if let Some(code) = lower.strip_prefix("icb:") {
            d.icbs
                .iter()
                .position(|i| i.code.eq_ignore_ascii_case(code))
                .map(Target::Icb)
                .ok_or_else(|| format!("no ICB with code '{}'", code.to_uppercase()))
        } else if let Some(code) = lower.strip_prefix("practice:") {
            d.practice_index(&code.to_uppercase())
                .map(Target::Practice)
                .ok_or_else(|| format!("no practice with code '{}'", code.to_uppercase()))
        } else {
            Err(format!(
                "unknown group '{group}': england, q1 to q5, icb:CODE or practice:CODE"
            ))
        }
    }

    /// `gpfe levers`: the group's change split among the settings moved.
    fn levers(
        d: &Dataset,
        model: &Model,
        scenario: &Scenario,
        o: &Outcome,
        group: &str,
    ) -> Result<String, String> {
        let w = gpfe_core::levers::waterfall(model, scenario, o, target(d, group)?)
            .map_err(|e| e.to_string())?;
        let shares: Vec<Value> = w
            .shares
            .iter()
            .map(|s| json!({"key": s.key, "label": s.label, "change": pounds(s.pence)}))
            .collect();
        Ok(format!(
            "{:#}\n",
            json!({
                "group": group,
                "change": pounds(w.change_pence),
                "levers": shares,
                "exact": w.exact,
                "runs": w.runs,
            })
        ))
    }

    /// `gpfe seek`: the value of a setting that meets a goal, and the setting's whole range.
    fn seek(
        d: &Dataset,
        model: &Model,
        scenario: &Scenario,
        key: &str,
        goal: &str,
    ) -> Result<String, String> {
        use gpfe_core::seek::{seek, sweep, Measure};
        let lower = goal.trim().to_lowercase();
        let measure = match lower.as_str() {
            "gap" => Measure::DeprivationGap,
            "losers" => Measure::LosingOver5Pct,
            other => match other.strip_prefix("practice:") {
                Some(code) => d
                    .practice_index(&code.to_uppercase())
                    .map(Measure::PracticeChange)
                    .ok_or_else(|| format!("no practice with code '{}'", code.to_uppercase()))?,
                None => {
                    return Err(format!(
                        "unknown goal '{goal}': gap, losers or practice:CODE"
                    ))
                }
            },
        };
        let found = seek(model, scenario, key, measure).map_err(|e| e.to_string())?;
        let range = sweep(model, scenario, key, measure).map_err(|e| e.to_string())?;
        let figure = |v: f64| round(v, 4);
        Ok(format!(
            "{:#}\n",
            json!({
                "key": key,
                "goal": measure.goal(),
                "value": found.value.map(figure),
                "reached": found.value.is_some(),
                "measure": figure(found.measure),
                "best": found.best.map(figure),
                "runs": found.runs,
                "range": range.iter().map(|(x, y)| json!([figure(*x), figure(*y)])).collect::<Vec<_>>(),
            })
        ))
    }

    fn csv(d: &Dataset, o: &Outcome) -> String {
        gpfe_core::export::practices_csv(d, o)
    }
}
