//! A practice's receipt: every step from its patients to its total, under 2022/23 and under the
//! scenario, each with its figure and a one-line explanation.
//!
//! The steps take the model's own figures ([`PracticeResult`], the pot's lines,
//! [`Outcome::practice_rows`]); nothing that is paid is computed again. The age bands' workloads
//! are the one thing worked out here, from the same cells and weights the model uses, to show
//! how the age-sex index is made. The payments (the steps with [`Role::Payment`]) add up to the
//! total exactly, in pence.

use crate::data::{Dataset, CARR_HILL_BANDS};
use crate::format::{decimal_text, pounds};
use crate::model::{Model, ModelError, Outcome, PracticeResult};
use crate::scenario::{PotMode, Scenario, Sharing, WholeFormula};

/// What a step's figures measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Patients, or patients weighted by age and sex.
    Patients,
    /// An index (1 = England's average) or a ratio.
    Index,
    /// A fraction of a whole, shown as a percentage.
    Share,
    /// Money, in pence.
    Pence,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Patients => "patients",
            Unit::Index => "index",
            Unit::Share => "share",
            Unit::Pence => "pence",
        }
    }
}

/// Where a factor of the weighted list comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Published figures: the Carr-Hill age-sex weights on the practice's age bands.
    Published,
    /// Estimated by this model (list growth, or the fit of the rest of the formula).
    Estimated,
    /// What the fit leaves of the published weighted list.
    Remainder,
    /// A setting of the scenario (1 in 2022/23).
    Setting,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Published => "published",
            Origin::Estimated => "estimated",
            Origin::Remainder => "remainder",
            Origin::Setting => "setting",
        }
    }
}

/// What a step is on the way to the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// What the formula starts from: registered patients, an age band.
    Input,
    /// A figure on the way: a workload, England's mean, a pot, a share.
    Working,
    /// One factor of the weighted list: registered patients × every factor = weighted list.
    Factor(Origin),
    /// The weighted list.
    WeightedList,
    /// A payment that counts in the total: these steps add up to it exactly.
    Payment,
    /// A payment to the practice outside its total (PCN payments made through it).
    OutsideTotal,
    /// Total NHS payments.
    Total,
    /// The scenario's total less 2022/23's.
    Change,
}

impl Role {
    /// The role in a word or two, as the CSV and the JSON spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Input => "input",
            Role::Working => "working",
            Role::Factor(Origin::Published) => "factor (published)",
            Role::Factor(Origin::Estimated) => "factor (estimated)",
            Role::Factor(Origin::Remainder) => "factor (remainder)",
            Role::Factor(Origin::Setting) => "factor (setting)",
            Role::WeightedList => "weighted list",
            Role::Payment => "payment",
            Role::OutsideTotal => "payment outside the total",
            Role::Total => "total",
            Role::Change => "change",
        }
    }
}

/// Which part of the receipt a step is in, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Registered patients and the age-sex index from the age bands.
    Patients,
    /// The weighted list as a product of indices.
    WeightedList,
    /// Each pooled line: its pot, the practice's share, its payment.
    Pooled,
    /// Every other line and each lever's adjustment.
    Other,
    /// The total and the change.
    Total,
    /// Lines paid to the practice outside its total.
    Outside,
}

impl Section {
    /// The section's heading.
    pub fn title(self) -> &'static str {
        match self {
            Section::Patients => "Patients and their ages",
            Section::WeightedList => "The weighted list, factor by factor",
            Section::Pooled => "The pot, line by line",
            Section::Other => "Every other line",
            Section::Total => "Total",
            Section::Outside => "Paid outside the total",
        }
    }
}

/// One figure of a step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Number(f64),
    Pence(i64),
    /// No figure (the change has none under 2022/23).
    Blank,
}

/// One step of the receipt.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// A short stable name (`registered`, `age-0-4`, `weighted`, `pay-global_sum`, `total`).
    pub key: String,
    pub section: Section,
    pub label: String,
    /// One line saying what the step is and how it is made.
    pub explanation: String,
    pub unit: Unit,
    pub role: Role,
    pub baseline: Value,
    pub scenario: Value,
}

impl Step {
    /// A figure as people read it: patients to 2 places, indices to 4, shares as a percentage,
    /// money in pounds.
    pub fn text(&self, value: Value) -> String {
        match (value, self.unit) {
            (Value::Blank, _) => String::new(),
            (Value::Pence(p), _) => pounds(p),
            (Value::Number(v), Unit::Patients) => decimal_text(&format!("{v:.2}")),
            (Value::Number(v), Unit::Index) => format!("{v:.4}"),
            (Value::Number(v), Unit::Share) => format!("{:.5}%", v * 100.0),
            (Value::Number(v), Unit::Pence) => pounds(v.round() as i64),
        }
    }

    pub fn baseline_text(&self) -> String {
        self.text(self.baseline)
    }

    pub fn scenario_text(&self) -> String {
        self.text(self.scenario)
    }

    /// A figure for a file: pence as plain pounds, other numbers in full.
    fn plain(value: Value) -> String {
        match value {
            Value::Blank => String::new(),
            Value::Pence(p) => pounds(p).replace(['£', ','], ""),
            Value::Number(v) => v.to_string(),
        }
    }
}

/// A practice's receipt.
#[derive(Debug, Clone, PartialEq)]
pub struct Receipt {
    pub code: String,
    pub name: String,
    pub steps: Vec<Step>,
}

/// Why a receipt cannot be made.
#[derive(Debug, Clone, PartialEq)]
pub enum ReceiptError {
    /// The outcome or the dataset holds no practice at this index.
    NoPractice(usize),
    /// The scenario's lists could not be rebuilt.
    Model(ModelError),
}

impl std::fmt::Display for ReceiptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoPractice(i) => write!(f, "there is no practice number {i} in this outcome"),
            Self::Model(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ReceiptError {}

impl Receipt {
    /// "NAME (CODE)", or the code alone while the names file is not attached.
    pub fn title(&self) -> String {
        crate::data::practice_title(&self.name, &self.code)
    }

    /// The step with this key.
    pub fn step(&self, key: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.key == key)
    }

    /// The payments that count in the total, summed: (2022/23, scenario) pence.
    pub fn payments_pence(&self) -> (i64, i64) {
        let pence = |v: Value| match v {
            Value::Pence(p) => p,
            _ => 0,
        };
        self.steps
            .iter()
            .filter(|s| s.role == Role::Payment)
            .fold((0, 0), |(b, s), step| {
                (b + pence(step.baseline), s + pence(step.scenario))
            })
    }

    /// The receipt as CSV: one row per step, figures in full (money in pounds).
    pub fn to_csv(&self) -> String {
        let header = [
            "step",
            "section",
            "label",
            "role",
            "unit",
            "2022_23",
            "scenario",
            "explanation",
        ]
        .map(String::from)
        .to_vec();
        let rows = self.steps.iter().map(|s| {
            vec![
                s.key.clone(),
                s.section.title().to_string(),
                s.label.clone(),
                s.role.as_str().to_string(),
                if s.unit == Unit::Pence {
                    "pounds".to_string()
                } else {
                    s.unit.as_str().to_string()
                },
                Step::plain(s.baseline),
                Step::plain(s.scenario),
                s.explanation.clone(),
            ]
        });
        crate::export::write_csv(std::iter::once(header).chain(rows))
    }
}

/// Lower-case words joined by hyphens, for a step's key.
fn slug(label: &str) -> String {
    let mut out = String::new();
    for word in label
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    out
}

/// The explanation of an adjustment this module has no words of its own for.
pub const ADJUSTMENT: &str = "A lever's change to its payments.";

/// The one-line explanation of a row of [`Outcome::practice_rows`] that is not a pooled line.
fn row_explanation(label: &str) -> &'static str {
    match label {
        "London adjustment" => "Paid to London practices out of the Global Sum pot.",
        "Payments outside the pot following the patients who moved" => {
            "Payments outside the pot that moved with the patients who changed practice."
        }
        "Floor top-up (new money)" => {
            "New money bringing its pooled money per weighted patient up to the floor."
        }
        "QOF successor (re-spent less retired)" => {
            "QOF money retired, and what its successor pays back."
        }
        "Network pool (shared back less put in)" => {
            "What its network shares back less what it puts into the network's pool."
        }
        "Reinvested savings (new money)" => "Savings from avoided admissions paid to practices.",
        "Budget holder (diverted, double running, surplus)" => {
            "Money the budget holder diverts or spends on double running, and surplus passed on."
        }
        "New money from the spending path" => "The stated year's new money paid to the practice.",
        "Core funding moved to the integrated health organisation" => {
            "Core funding moved out of practices by the stated year."
        }
        "Health Equity Payment (paid less top-sliced)" => {
            "Its ICB's Health Equity Payment to it, less the top-slice that pays for it."
        }
        "PCN lines paid outside the total, as shared in the pot less as paid" => {
            "The change in the PCN lines it is paid outside its total, counted into the total."
        }
        _ if crate::data::FUNDING_LINES.iter().any(|l| l.label == label) => {
            "Paid as in 2022/23: the scenario does not pool this line."
        }
        _ => ADJUSTMENT,
    }
}

fn weights_text(cells: &[f64; 14], weights: &[[f64; 7]; 2], band: usize) -> String {
    format!(
        "{} men × {:.3} + {} women × {:.3}",
        decimal_text(&format!("{:.1}", cells[band])),
        weights[0][band],
        decimal_text(&format!("{:.1}", cells[7 + band])),
        weights[1][band]
    )
}

fn workload(cells: &[f64; 14], weights: &[[f64; 7]; 2], band: usize) -> f64 {
    cells[band] * weights[0][band] + cells[7 + band] * weights[1][band]
}

/// England's age-sex workload per registered patient with these weights.
fn england_mean(national_cells: &[f64; 14], total_registered: f64, w: &[[f64; 7]; 2]) -> f64 {
    if total_registered <= 0.0 {
        return 0.0;
    }
    (0..7).map(|b| workload(national_cells, w, b)).sum::<f64>() / total_registered
}

fn number(v: f64) -> Value {
    Value::Number(v)
}

struct Builder {
    steps: Vec<Step>,
    /// The section the next steps are in.
    section: Section,
}

impl Builder {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        key: impl Into<String>,
        label: impl Into<String>,
        explanation: impl Into<String>,
        unit: Unit,
        role: Role,
        baseline: Value,
        scenario: Value,
    ) {
        self.steps.push(Step {
            key: key.into(),
            section: self.section,
            label: label.into(),
            explanation: explanation.into(),
            unit,
            role,
            baseline,
            scenario,
        });
    }
}

/// The receipt of the practice at `practice` (an index into the dataset and the outcome) for
/// the outcome of `scenario` run on `model`.
pub fn receipt(
    dataset: &Dataset,
    model: &Model,
    scenario: &Scenario,
    outcome: &Outcome,
    practice: usize,
) -> Result<Receipt, ReceiptError> {
    let p = dataset
        .practices
        .get(practice)
        .ok_or(ReceiptError::NoPractice(practice))?;
    let r: &PracticeResult = outcome
        .practices
        .get(practice)
        .ok_or(ReceiptError::NoPractice(practice))?;
    let cells_baseline = *model
        .inputs
        .cells
        .get(practice)
        .ok_or(ReceiptError::NoPractice(practice))?;
    let cells_scenario = model
        .scenario_cells(scenario, practice)
        .map_err(ReceiptError::Model)?
        .ok_or(ReceiptError::NoPractice(practice))?;
    let rows = outcome
        .practice_rows(p, practice)
        .ok_or(ReceiptError::NoPractice(practice))?;
    let mut b = Builder {
        steps: Vec::new(),
        section: Section::Patients,
    };

    // Patients, and the age-sex index from its age bands.
    b.push(
        "registered",
        "Registered patients",
        "Its registered list in 2022/23; in the scenario, after any patients moved.",
        Unit::Patients,
        Role::Input,
        number(r.registered_baseline),
        number(r.registered_scenario),
    );
    let (wb, ws) = (&model.inputs.reference_weights, &scenario.age_sex_weights);
    for (band, name) in CARR_HILL_BANDS.iter().enumerate() {
        let mut explanation = format!(
            "Age-weighted patients aged {name}: {}",
            weights_text(&cells_baseline, wb, band)
        );
        if cells_scenario != cells_baseline || ws != wb {
            explanation.push_str(&format!(
                "; scenario {}",
                weights_text(&cells_scenario, ws, band)
            ));
        }
        explanation.push('.');
        b.push(
            format!("age-{name}").replace('+', "plus"),
            format!("Aged {name}, × age-sex weights"),
            explanation,
            Unit::Patients,
            Role::Working,
            number(workload(&cells_baseline, wb, band)),
            number(workload(&cells_scenario, ws, band)),
        );
    }
    let total_registered: f64 = model.inputs.registered.iter().sum();
    let sum = |cells: &[f64; 14], w: &[[f64; 7]; 2]| (0..7).map(|g| workload(cells, w, g)).sum();
    let per_patient = |work: f64, registered: f64| {
        if registered > 0.0 {
            work / registered
        } else {
            0.0
        }
    };
    b.push(
        "age-sex-per-patient",
        "Age-sex workload per patient",
        "The age bands' age-weighted patients added up, ÷ registered patients.",
        Unit::Index,
        Role::Working,
        number(per_patient(sum(&cells_baseline, wb), r.registered_baseline)),
        number(per_patient(sum(&cells_scenario, ws), r.registered_scenario)),
    );
    b.push(
        "age-sex-england",
        "England's age-sex workload per patient",
        "The same for all England's patients: the yardstick the index is measured against.",
        Unit::Index,
        Role::Working,
        number(england_mean(
            &model.inputs.national_cells,
            total_registered,
            wb,
        )),
        number(england_mean(
            &model.inputs.national_cells,
            total_registered,
            ws,
        )),
    );
    b.push(
        "age-sex-index",
        "Age-sex index",
        if scenario.formula == WholeFormula::PrimaryMedicalCare {
            "Its workload per patient ÷ England's (1 = average); the need index the scenario uses has its own, so it shows 1."
        } else {
            "Its workload per patient ÷ England's (1 = average)."
        },
        Unit::Index,
        Role::Working,
        number(r.age_sex_index_baseline),
        number(r.age_sex_index_scenario),
    );

    // The weighted list as a product of indices.
    b.section = Section::WeightedList;
    let (pb, ps) = (
        outcome.parts_baseline(practice),
        outcome.parts_scenario(practice),
    );
    let factors: [(&str, &str, &str, Origin, f64, f64); 8] = [
        (
            "age-sex",
            "× age-sex",
            "The age-sex index; in the scenario, at the strength of age and sex it sets.",
            Origin::Published,
            pb.age_sex,
            ps.age_sex,
        ),
        (
            "turnover",
            "× list turnover",
            "Extra work for new registrants, their share estimated from list growth since 2021/22.",
            Origin::Estimated,
            pb.turnover,
            ps.turnover,
        ),
        (
            "needs",
            "× additional needs",
            "Fitted on the IMD score of its patients.",
            Origin::Estimated,
            pb.needs,
            ps.needs,
        ),
        (
            "rurality",
            "× rurality",
            "Fitted on its rural flag and the rural-urban class of its surgery's neighbourhood.",
            Origin::Estimated,
            pb.rurality,
            ps.rurality,
        ),
        (
            "area",
            "× area costs",
            "Fitted on its ICB: staff market forces and the rest of the area.",
            Origin::Estimated,
            pb.area,
            ps.area,
        ),
        (
            "remainder",
            "× remainder",
            match scenario.formula {
                WholeFormula::PrimaryMedicalCare => "What the fit leaves of the published list; in the scenario, the need index's list per registered patient.",
                _ => "What the fit leaves of the published list.",
            },
            Origin::Remainder,
            pb.remainder,
            ps.remainder,
        ),
        (
            "uplifts",
            "× uplifts",
            "The scenario's deprivation and rural uplifts and a digital-first host's dispersion (1 in 2022/23).",
            Origin::Setting,
            pb.uplifts,
            ps.uplifts,
        ),
        (
            "scale",
            "× national scale",
            "The same for every practice: the fit's constant, and in the scenario what keeps England's weighted total unchanged.",
            Origin::Estimated,
            pb.scale,
            ps.scale,
        ),
    ];
    for (key, label, explanation, origin, base, scen) in factors {
        b.push(
            format!("factor-{key}"),
            label,
            explanation,
            Unit::Index,
            Role::Factor(origin),
            number(base),
            number(scen),
        );
    }
    b.push(
        "weighted",
        "= weighted list",
        match scenario.formula {
            WholeFormula::CarrHill => "Registered patients × every factor: the published 2022/23 list, and the scenario's.",
            WholeFormula::PrimaryMedicalCare => "The published 2022/23 list; in the scenario, NHS England's need-weighted list scaled to the published total.",
            WholeFormula::Own => "The published 2022/23 list; in the scenario, registered patients × the age-sex index with the uplifts.",
        },
        Unit::Patients,
        Role::WeightedList,
        number(r.weighted_baseline),
        number(r.weighted_scenario),
    );
    let england = |f: fn(&PracticeResult) -> f64| -> f64 { outcome.practices.iter().map(f).sum() };
    let share = |part: f64, whole: f64| if whole > 0.0 { part / whole } else { 0.0 };
    b.push(
        "weighted-share",
        "Its share of England's weighted list",
        "Its weighted list ÷ all practices' weighted lists.",
        Unit::Share,
        Role::Working,
        number(share(r.weighted_baseline, england(|x| x.weighted_baseline))),
        number(share(r.weighted_scenario, england(|x| x.weighted_scenario))),
    );

    // Each pooled line: its pot, the practice's share of it, its payment.
    b.section = Section::Pooled;
    let in_total = crate::data::HEADLINE_FUNDING_LINE_COUNT;
    let mut pooled_labels = Vec::new();
    let host = outcome
        .digital_first
        .as_ref()
        .is_some_and(|df| df.host == practice);
    for (number_in_pot, line) in outcome.pot.lines.iter().enumerate() {
        let index = crate::data::funding_line_index(line.key);
        let baseline_pence = index.and_then(|i| p.funding.get(i)).copied().unwrap_or(0);
        let scenario_pence = line.practice_pence.get(practice).copied().unwrap_or(0);
        let key = line.key.as_str();
        let pot_explanation = match outcome.pot.mode {
            PotMode::FixedPot if number_in_pot == 0 && outcome.pot.london_adjustment_pence > 0 => {
                "England's total on this line: the same in the scenario, less the London adjustment paid from it."
            }
            PotMode::FixedPot => "England's total on this line: the same in the scenario (a fixed pot).",
            PotMode::FixedPrice => {
                "England's total on this line; in the scenario, each practice's payment moves with its weighted list at an unchanged price."
            }
        };
        b.push(
            format!("pot-{key}"),
            format!("Pot: {}", line.label),
            pot_explanation,
            Unit::Pence,
            Role::Working,
            Value::Pence(line.baseline_pence),
            Value::Pence(line.scenario_pence),
        );
        let mut share_explanation = match scenario.sharing {
            Sharing::KeepRates => "Its payment ÷ the pot; shared by its own 2022/23 payment × the change in its weighted list",
            Sharing::Formula => "Its payment ÷ the pot; shared by weighted list among the practices paid on this line",
        }
        .to_string();
        if host && scenario.digital_first.income_multiplier != 1.0 {
            share_explanation.push_str(&format!(
                ", × the digital-first host's income multiplier {}",
                scenario.digital_first.income_multiplier
            ));
        }
        share_explanation.push('.');
        b.push(
            format!("share-{key}"),
            format!("Its share of the {}", line.label),
            share_explanation,
            Unit::Share,
            Role::Working,
            number(share(baseline_pence as f64, line.baseline_pence as f64)),
            number(share(scenario_pence as f64, line.scenario_pence as f64)),
        );
        let counts = index.is_some_and(|i| i < in_total);
        b.push(
            format!("pay-{key}"),
            line.label,
            if counts {
                "Its payment on this line: as paid in 2022/23, and as the scenario shares the pot."
            } else {
                "Paid to it on its network's behalf, outside its total; the change is counted below."
            },
            Unit::Pence,
            if counts {
                Role::Payment
            } else {
                Role::OutsideTotal
            },
            Value::Pence(baseline_pence),
            Value::Pence(scenario_pence),
        );
        pooled_labels.push(line.label);
    }

    // Every other line, as the practice panel lists them.
    b.section = Section::Other;
    for (label, base, scen) in &rows.rows {
        if pooled_labels.contains(label) {
            continue;
        }
        b.push(
            format!("line-{}", slug(label)),
            *label,
            row_explanation(label),
            Unit::Pence,
            Role::Payment,
            Value::Pence(*base),
            Value::Pence(*scen),
        );
    }
    b.section = Section::Total;
    b.push(
        "total",
        "Total NHS payments",
        "Every payment above that counts in the total, added up.",
        Unit::Pence,
        Role::Total,
        Value::Pence(r.total_baseline_pence),
        Value::Pence(r.total_scenario_pence),
    );
    b.push(
        "change",
        "Change",
        format!(
            "The scenario's total less 2022/23's ({:+.2}%).",
            r.change_pct()
        ),
        Unit::Pence,
        Role::Change,
        Value::Blank,
        Value::Pence(r.change_pence()),
    );
    b.section = Section::Outside;
    for (label, base, scen) in &rows.outside_total {
        if pooled_labels.contains(label) {
            continue;
        }
        b.push(
            format!("outside-{}", slug(label)),
            *label,
            "Paid to it on its network's behalf, outside its total: not counted in it.",
            Unit::Pence,
            Role::OutsideTotal,
            Value::Pence(*base),
            Value::Pence(*scen),
        );
    }
    Ok(Receipt {
        code: p.code.clone(),
        name: p.name.clone(),
        steps: b.steps,
    })
}
