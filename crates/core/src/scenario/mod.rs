//! The scenario: every parameter of the model, its defaults, and its URL form.
//!
//! A scenario is data. Its default reproduces the 2022/23 baseline exactly. It is written to and
//! read from a URL query string ([`Scenario::to_query`], [`Scenario::from_query`]) so that any
//! view can be shared and reproduced, in the app or with the `gpfe` command.
//!
//! # URL form, version 1
//!
//! `v=1` first, then only the parameters that differ from their defaults, in the order of
//! [`PARAMETERS`], as `key=value`. Numbers are written with no more digits than needed;
//! choices by their short names. `preset=NAME` starts from a preset and may be followed by
//! further keys that change it. The default scenario's query string is empty.
//!
//! | key | parameter | default | range |
//! |---|---|---|---|
//! | `m0`…`m6`, `f0`…`f6` | Carr-Hill age-sex weight of men / women in band 0-4, 5-14, 15-44, 45-64, 65-74, 75-84, 85+ | Health Foundation table | 0 to 10 |
//! | `ns` | strength of the rest of the published formula (needs, care homes, MFF, rurality) | 1 | 0 to 2 |
//! | `dep` | deprivation uplift per standard deviation of IMD score | 0 | 0 to 0.5 |
//! | `rur` | extra weight for practices classed rural | 0 | 0 to 0.5 |
//! | `lt` | list-turnover (new registrant) premium | 0.46 | 0 to 1 |
//! | `lon` | London adjustment, £ per registered patient of a London practice | 0 | 0 to 20 |
//! | `floor` | floor, £ of pooled money per weighted patient (0 = none) | 0 | 0 to 300 |
//! | `qof`, `pcn`, `es` | add QOF / PCN lines / enhanced services to the pot (1 = yes) | 0 | 0 or 1 |
//! | `fix` | `pot` (zero-sum) or `price` (fixed price per weighted patient; total moves) | `pot` | |
//! | `share` | `rate` (each practice keeps its own rate, scaled by its change in weighted patients) or `formula` (the pot shared by weighted patients alone) | `rate` | |
//! | `dfn` | patients joining the digital-first practice (0 = off) | 0 | 0 to 150,000 |
//! | `dfh` | host practice code | `E85124` | a code |
//! | `dfy`, `dfm` | joiners aged 20-39; joiners who are men | 0.85; 0.55 | 0.5 to 0.95; 0.45 to 0.6 |
//! | `dfd`, `dfi` | donors `london`, `england` or `icb`; the donor ICB's code | `london`; host's ICB | |
//! | `dfo`, `dfl` | joiners living outside the host's area; outside London | 0.86; 0.13 | 0 to 1 |
//! | `dfr`, `dfu` | rurality only for in-catchment patients; uplift from dispersed patients when off | 1; 0.1 | 0 or 1; 0 to 0.3 |
//! | `dfw` | London weighting (£2.18) only for London residents | 1 | 0 or 1 |
//! | `dfp`, `dfs` | new-registrant premium `on`, `off` or `stay`; joiners leaving before the minimum stay | `on`; 0.28 | ; 0 to 0.6 |
//! | `dfx` | digital-first income multiplier | 1 | 0.7 to 1 |
//! | `qr`, `qb`, `qk` | share of QOF retired; re-spent per `registered`, `weighted`, `need` patient or through `networks`; share re-spent that way (the rest back to QOF) | 0; `weighted`; 1 | 0 to 1 |
//! | `sg`, `sm`, `sc`, `sa` | emergency admissions growth elsewhere and in the new care models; cost per admission (£); admissions a year (millions) | 0.032; 0.032; 2,360; 5.8 | 0 to 0.06; 0 to 0.06; 1,500 to 3,000; 1 to 10 |
//! | `sr`, `sw` | share of savings reinvested; paid to `practices`, `networks` or kept by the `holder` | 0; `practices` | 0 to 1 |
//! | `eb`, `eg`, `ex` | NHS budget 2022/23 (£bn); its growth a year; extra £bn a year after five years | 180; 0.034; 20 | 100 to 300; 0 to 0.06; 0 to 40 |
//! | `ep`, `et`, `ey`, `eh` | share of new money to general practice; target share (0 = none); `2029` or `2035`; `linear` or `front` path | 0.08; 0; `2029`; `linear` | 0 to 0.3; 0 to 0.15 |
//! | `bh`, `bs` | budget holder `icb`, `trust` or `federation`; money routed through it `es`, `pcn`, `qof` or `all` (cumulative) | `icb`; `es` | |
//! | `bd`, `bc`, `bx` | share diverted to hospital services; double-running cost (£m a year); surplus passed to practices | 0; 0; 0 | 0 to 0.3; 0 to 500; 0 or 1 |
//! | `nw`, `nws` | networks `pcn`, `auto` or `federation`; target size of automatic networks | `pcn`; 40,000 | ; 10,000 to 100,000 |
//! | `nwb` | automatic networks built within each `icb` or each `subicb` | `icb` | |
//! | `nwy` | PCN contract year pricing each network | `none` | `2019-20`, `2021-22`, `2023-24`, `2024-25` |
//! | `nwp`, `nwr` | share of core money pooled in each network; shared per `head`, `weighted` or `need` | 0; `weighted` | 0 to 1 |
//! | `fcn` | family care networks hold a budget | 0 | 0 or 1 |
//! | `fcc`, `fcp`, `fcq`, `fce` | its scope: core, PCN, QOF, enhanced services | 1, 0, 0, 0 | 0 or 1 |
//! | `fcf`, `fcr` | its need formula `carrhill`, `pmc` or `finalpmc`; share at risk | `finalpmc`; 0 | ; 0 to 0.2 |
//! | `dfk`, `dfq` | hospital cost per out-of-area joiner (£ a year); quarters of allocation lag | 500; 4 | 0 to 2,000; 0 to 8 |

use std::fmt;

pub mod tours;

/// The current version of the URL form.
pub const QUERY_VERSION: u32 = 1;

/// Default Carr-Hill age-sex workload weights (men, women) by band 0-4 … 85+, as used by the
/// Health Foundation's "Level or not?" (2020). Not checked against the official tables.
pub const DEFAULT_AGE_SEX_WEIGHTS: [[f64; 7]; 2] = [
    [2.354, 1.000, 0.913, 1.373, 2.531, 3.254, 3.193],
    [2.241, 1.030, 1.885, 2.115, 2.820, 3.301, 3.090],
];

/// The default list-turnover premium: a new registrant counts 46% more in their first year.
pub const DEFAULT_TURNOVER_PREMIUM: f64 = 0.46;

/// Whether the pot is a fixed sum or the price per weighted patient is fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PotMode {
    /// Zero-sum: the pot is shared out in full; some gain what others lose.
    FixedPot,
    /// Each practice's money moves with its weighted patients at an unchanged price; the total moves.
    FixedPrice,
}

/// How the pot is shared among practices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sharing {
    /// Each practice keeps its own baseline rate (PMS, MPIG and other differences), scaled by its
    /// change in weighted patients. At default settings everyone gets exactly the baseline.
    KeepRates,
    /// The pot is shared by weighted patients alone: one price per weighted patient for all.
    Formula,
}

/// Every parameter of the model.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Carr-Hill age-sex weights, [men, women] × 7 bands.
    pub age_sex_weights: [[f64; 7]; 2],
    /// Strength of the residual part of the published weighted list (additional needs, care
    /// homes, staff market forces, rurality as one index): 0 = none, 1 = as published.
    pub needs_strength: f64,
    /// Extra weight per standard deviation of IMD score above the national mean (0.1 = 10%).
    pub deprivation_uplift: f64,
    /// Extra weight for practices the payments file classes as rural (0.1 = 10%).
    pub rurality_uplift: f64,
    /// List-turnover premium: how much more a new registrant counts in their first year.
    pub turnover_premium: f64,
    /// London adjustment in £ per registered patient of a practice in the London region.
    pub london_adjustment: f64,
    /// Floor in £ of pooled money per weighted patient; 0 means no floor.
    pub floor_per_weighted_patient: f64,
    /// Add QOF to the pot.
    pub pot_qof: bool,
    /// Add PCN participation and PCN payments to the pot.
    pub pot_pcn: bool,
    /// Add enhanced services to the pot.
    pub pot_enhanced_services: bool,
    pub pot_mode: PotMode,
    pub sharing: Sharing,
    /// The digital-first practice story: patients moving to one practice.
    pub digital_first: DigitalFirst,
    /// Networks of practices and family care networks.
    pub networks: Networks,
    /// The QOF successor: retire part of QOF and spend it another way.
    pub qof_successor: QofSuccessor,
    /// Savings from slower growth in emergency admissions, reinvested.
    pub savings: Savings,
    /// New money and the primary care share.
    pub envelope: EnvelopeSettings,
    /// Who holds the budget for general practice money.
    pub budget_holder: BudgetHolder,
}

/// The organisation holding the budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// The ICB, with delegated commissioning (as in 2022/23).
    Commissioner,
    /// An acute trust as an integrated health organisation.
    Trust,
    /// A GP federation as integrator.
    Federation,
}

/// How much GP money goes through the holder, cumulatively.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum HolderScope {
    EnhancedServices,
    PlusPcn,
    PlusQof,
    All,
}

/// Who holds the budget (model research B4, C.2, lever L5).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BudgetHolder {
    pub holder: Holder,
    pub scope: HolderScope,
    /// Share of the money routed through the holder that it diverts to hospital services.
    pub diversion: f64,
    /// Cost of running old and new arrangements side by side, £m a year, borne by the money
    /// routed through the holder.
    pub double_running_m: f64,
    /// The holder passes any surplus (savings it keeps) on to practices.
    pub surplus_to_practices: bool,
}

impl Default for BudgetHolder {
    fn default() -> Self {
        BudgetHolder {
            holder: Holder::Commissioner,
            scope: HolderScope::EnhancedServices,
            diversion: 0.0,
            double_running_m: 0.0,
            surplus_to_practices: false,
        }
    }
}

impl BudgetHolder {
    pub fn active(&self) -> bool {
        *self != BudgetHolder::default()
    }
}

/// Who receives reinvested savings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
    /// Practices, per weighted patient.
    Practices,
    /// Networks (PCNs) per registered patient, then their practices per weighted patient.
    Networks,
    /// The budget holder keeps it: nothing reaches practices.
    Holder,
}

/// Reinvested savings (model research L6).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Savings {
    /// Growth of emergency admissions a year in the rest of England.
    pub growth_base: f64,
    /// Growth in the new care models.
    pub growth_model: f64,
    /// Cost of an emergency admission, £.
    pub cost_per_admission: f64,
    /// Emergency admissions a year, millions.
    pub admissions_millions: f64,
    /// Share of the savings reinvested in general practice.
    pub reinvested: f64,
    pub recipient: Recipient,
}

impl Default for Savings {
    fn default() -> Self {
        Savings {
            growth_base: 0.032,
            growth_model: 0.032,
            cost_per_admission: 2_360.0,
            admissions_millions: 5.8,
            reinvested: 0.0,
            recipient: Recipient::Practices,
        }
    }
}

impl Savings {
    pub fn active(&self) -> bool {
        *self != Savings::default()
    }
}

/// New money and the primary care share (model research B5, L8-L9).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EnvelopeSettings {
    /// NHS budget in 2022/23, £bn.
    pub nhs_base_bn: f64,
    pub growth: f64,
    /// Extra money after five years, £bn a year.
    pub extra_bn: f64,
    /// Share of new money that goes to general practice.
    pub gp_share_of_new: f64,
    /// Target share of NHS spending for general practice (0 = none).
    pub target_share: f64,
    pub target_year: u32,
    pub front_loaded: bool,
}

impl Default for EnvelopeSettings {
    fn default() -> Self {
        EnvelopeSettings {
            nhs_base_bn: 180.0,
            growth: 0.034,
            extra_bn: 20.0,
            gp_share_of_new: 0.08,
            target_share: 0.0,
            target_year: 2029,
            front_loaded: false,
        }
    }
}

impl EnvelopeSettings {
    pub fn active(&self) -> bool {
        *self != EnvelopeSettings::default()
    }
}

/// How money retired from QOF is spent again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QofBase {
    /// Per registered patient.
    Registered,
    /// Per Carr-Hill weighted patient (as the Global Sum is).
    Weighted,
    /// Per need-adjusted patient (NHS England's final primary medical care population).
    Need,
    /// Through networks: each PCN's share by weighted patients, paid to its practices likewise.
    Networks,
}

/// The QOF successor (model research B2, lever L7).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QofSuccessor {
    /// Share of each practice's QOF money retired.
    pub retired: f64,
    pub base: QofBase,
    /// Share of the retired money spent by the base; the rest returns to QOF (new indicators),
    /// shared in proportion to each practice's QOF money.
    pub respent: f64,
}

impl Default for QofSuccessor {
    fn default() -> Self {
        QofSuccessor {
            retired: 0.0,
            base: QofBase::Weighted,
            respent: 1.0,
        }
    }
}

/// How practices are grouped into networks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// The real primary care networks in the data.
    Pcn,
    /// Networks built from practice locations within each ICB to a target size.
    Automatic,
    /// One federation per sub-ICB location.
    Federation,
}

/// How pooled money is shared within a network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolRule {
    PerHead,
    PerWeighted,
    PerNeed,
}

/// The need formula a family care network's budget follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NeedFormula {
    /// Carr-Hill weighted patients (the scenario's).
    CarrHill,
    /// NHS England's primary medical care weighted population.
    PrimaryMedicalCare,
    /// NHS England's final primary medical care population (15% health inequalities).
    FinalPrimaryMedicalCare,
}

/// Networks of 30-50k patients and family care networks (model research B3, C L3-L4).
#[derive(Debug, Clone, PartialEq)]
pub struct Networks {
    pub grouping: Grouping,
    /// Target size of automatic networks, registered patients.
    pub target_size: f64,
    /// Build automatic networks within each sub-ICB location rather than each ICB.
    pub within_sub_icb: bool,
    /// PCN contract year whose rates price each network ("" = not shown).
    pub contract_year: &'static str,
    /// Share of each member's pooled core money put into a network pool.
    pub pooled_share: f64,
    pub pool_rule: PoolRule,
    /// Family care networks hold a capitation budget.
    pub family_care: bool,
    pub fcn_core: bool,
    pub fcn_pcn: bool,
    pub fcn_qof: bool,
    pub fcn_enhanced: bool,
    pub fcn_formula: NeedFormula,
    /// Share of a family care network's budget at risk on outcomes.
    pub at_risk: f64,
}

impl Default for Networks {
    fn default() -> Self {
        Networks {
            grouping: Grouping::Pcn,
            target_size: 40_000.0,
            within_sub_icb: false,
            contract_year: "",
            pooled_share: 0.0,
            pool_rule: PoolRule::PerWeighted,
            family_care: false,
            fcn_core: true,
            fcn_pcn: false,
            fcn_qof: false,
            fcn_enhanced: false,
            fcn_formula: NeedFormula::FinalPrimaryMedicalCare,
            at_risk: 0.0,
        }
    }
}

impl Networks {
    /// Whether any network lever is in use (the network results are then computed).
    pub fn active(&self) -> bool {
        *self != Networks::default()
    }
}

/// PCN contract years with sourced rates (model research B3).
pub const CONTRACT_YEARS: [&str; 4] = ["2019-20", "2021-22", "2023-24", "2024-25"];

/// Which practices the digital-first practice's joiners leave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Donors {
    /// London practices, in proportion to their patients aged 15-44.
    London,
    /// Every practice in England, likewise.
    England,
    /// The practices of one ICB, likewise.
    Icb,
}

/// How the new-registrant premium treats the joiners.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Premium {
    /// Every joiner counts as a new registrant.
    On,
    /// No joiner earns the premium.
    Off,
    /// Only joiners who stay the minimum time earn it (the rest leave first).
    AfterStay,
}

/// The digital-first practice story (model research B1.3, B1.6, B1.7, B1.9, C.1).
#[derive(Debug, Clone, PartialEq)]
pub struct DigitalFirst {
    /// Practice code of the practice the joiners register with.
    pub host: String,
    /// How many patients move to it (0 = the story is off).
    pub joiners: f64,
    /// Share of joiners aged 20-39.
    pub share_20_39: f64,
    /// Share of joiners who are men.
    pub male_share: f64,
    pub donors: Donors,
    /// ODS code of the donor ICB (with `Donors::Icb`); empty means the host's own ICB.
    pub donor_icb: String,
    /// Share of joiners living outside the host's area.
    pub outside_area: f64,
    /// Share of joiners living outside London.
    pub outside_london: f64,
    /// Rurality paid only for patients living in the practice's catchment (the 2019/20 rule).
    pub rurality_catchment_only: bool,
    /// Extra weight the dispersion part of the rurality index gives patients living far away
    /// when the catchment rule is off.
    pub dispersion_uplift: f64,
    /// London weighting paid only for patients living in London (the 2019/20 rule).
    pub london_residents_only: bool,
    pub premium: Premium,
    /// Share of joiners who leave before the minimum stay.
    pub early_leavers: f64,
    /// Multiplier on the host's pooled income (a digital-first tariff).
    pub income_multiplier: f64,
    /// Secondary-care cost per out-of-area joiner per year, £, that the host's commissioner
    /// carries until allocations catch up.
    pub cost_per_head: f64,
    /// Quarters before allocations follow the patients.
    pub lag_quarters: f64,
}

impl Default for DigitalFirst {
    fn default() -> Self {
        DigitalFirst {
            host: "E85124".to_string(),
            joiners: 0.0,
            share_20_39: 0.85,
            male_share: 0.55,
            donors: Donors::London,
            donor_icb: String::new(),
            outside_area: 0.86,
            outside_london: 0.13,
            rurality_catchment_only: true,
            dispersion_uplift: 0.1,
            london_residents_only: true,
            premium: Premium::On,
            early_leavers: 0.28,
            income_multiplier: 1.0,
            cost_per_head: 500.0,
            lag_quarters: 4.0,
        }
    }
}

/// The London weighting per patient in NHS England's 2018 proposals (Management in Practice,
/// October 2018); later uprating not checked.
pub const LONDON_WEIGHTING: f64 = 2.18;

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            age_sex_weights: DEFAULT_AGE_SEX_WEIGHTS,
            needs_strength: 1.0,
            deprivation_uplift: 0.0,
            rurality_uplift: 0.0,
            turnover_premium: DEFAULT_TURNOVER_PREMIUM,
            london_adjustment: 0.0,
            floor_per_weighted_patient: 0.0,
            pot_qof: false,
            pot_pcn: false,
            pot_enhanced_services: false,
            pot_mode: PotMode::FixedPot,
            sharing: Sharing::KeepRates,
            digital_first: DigitalFirst::default(),
            networks: Networks::default(),
            qof_successor: QofSuccessor::default(),
            savings: Savings::default(),
            envelope: EnvelopeSettings::default(),
            budget_holder: BudgetHolder::default(),
        }
    }
}

/// What kind of value a parameter takes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// A number in `min..=max`, shown with `unit`, moved in steps of `step`.
    Number {
        min: f64,
        max: f64,
        step: f64,
        unit: &'static str,
    },
    /// On or off (`1` or `0`).
    Switch,
    /// One of the named choices.
    Choice(&'static [&'static str]),
    /// A code: a practice's or an ICB's (letters and digits, up to 10).
    Code,
}

/// A parameter's description: its URL key, label, range, source and whether its default is
/// verified. The UI builds its controls from these.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Parameter {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: Kind,
    /// A sentence on what it does and where its default comes from.
    pub help: &'static str,
    /// True where the default was not checked against an official source.
    pub unverified: bool,
}

const AGE_HELP: &str = "Carr-Hill age-sex workload weight (men aged 5-14 = 1). Default: the values used by the Health Foundation's \"Level or not?\" (2020).";

macro_rules! weight_parameter {
    ($key:literal, $label:literal) => {
        Parameter {
            key: $key,
            label: $label,
            kind: Kind::Number {
                min: 0.0,
                max: 10.0,
                step: 0.01,
                unit: "",
            },
            help: AGE_HELP,
            unverified: true,
        }
    };
}

/// Every parameter, in URL order.
pub const PARAMETERS: &[Parameter] = &[
    weight_parameter!("m0", "Men aged 0-4"),
    weight_parameter!("m1", "Men aged 5-14"),
    weight_parameter!("m2", "Men aged 15-44"),
    weight_parameter!("m3", "Men aged 45-64"),
    weight_parameter!("m4", "Men aged 65-74"),
    weight_parameter!("m5", "Men aged 75-84"),
    weight_parameter!("m6", "Men aged 85+"),
    weight_parameter!("f0", "Women aged 0-4"),
    weight_parameter!("f1", "Women aged 5-14"),
    weight_parameter!("f2", "Women aged 15-44"),
    weight_parameter!("f3", "Women aged 45-64"),
    weight_parameter!("f4", "Women aged 65-74"),
    weight_parameter!("f5", "Women aged 75-84"),
    weight_parameter!("f6", "Women aged 85+"),
    Parameter {
        key: "ns",
        label: "Strength of the rest of the formula (needs, care homes, staff costs, rurality)",
        kind: Kind::Number { min: 0.0, max: 2.0, step: 0.05, unit: "×" },
        help: "Each practice's published weighted list divided by its age-sex index: the additional-needs, list-turnover, care-home, market-forces and rurality parts together. 1 keeps them as published (NHS Payments to General Practice 2022/23); 0 removes them.",
        unverified: false,
    },
    Parameter {
        key: "dep",
        label: "Deprivation uplift per standard deviation of IMD score",
        kind: Kind::Number { min: 0.0, max: 0.5, step: 0.01, unit: "%" },
        help: "A needs index from the IMD 2019 score of each practice's patients (OHID Fingertips): a practice one standard deviation more deprived than average counts this much more. 0 adds nothing.",
        unverified: false,
    },
    Parameter {
        key: "rur",
        label: "Extra weight for rural practices",
        kind: Kind::Number { min: 0.0, max: 0.5, step: 0.01, unit: "%" },
        help: "An uplift for practices the payments file classes as rural, on top of the rurality already in the published lists. 0 adds nothing.",
        unverified: false,
    },
    Parameter {
        key: "lt",
        label: "New-registrant premium",
        kind: Kind::Number { min: 0.0, max: 1.0, step: 0.01, unit: "%" },
        help: "How much more a patient counts in their first year on the list; new registrants are estimated from each practice's list growth since 2021/22. Default 46% (the new patient premium reported for the 2019/20 contract).",
        unverified: false,
    },
    Parameter {
        key: "lon",
        label: "London adjustment",
        kind: Kind::Number { min: 0.0, max: 20.0, step: 0.01, unit: "£ per patient" },
        help: "An extra payment per registered patient of practices in the London region. £2.18 was the figure in NHS England's 2018 proposals; later uprating is not checked.",
        unverified: true,
    },
    Parameter {
        key: "floor",
        label: "Floor: pooled money per weighted patient",
        kind: Kind::Number { min: 0.0, max: 300.0, step: 1.0, unit: "£ per weighted patient" },
        help: "No practice gets less than this from the pot per weighted patient; the top-ups are new money and their cost is shown. 0 means no floor.",
        unverified: false,
    },
    Parameter {
        key: "dfn",
        label: "Patients joining the digital-first practice",
        kind: Kind::Number { min: 0.0, max: 150_000.0, step: 100.0, unit: "patients" },
        help: "How many patients move to the host practice from the donor practices. GP at Hand had 23,997 on 1 April 2018 (BMJ 2018;361:k2227) and 68,569 on 1 November 2019 (GPonline). 0 turns the story off.",
        unverified: false,
    },
    Parameter {
        key: "dfh",
        label: "Host practice (code)",
        kind: Kind::Code,
        help: "The practice the joiners register with. Default E85124, Babylon GP at Hand, Fulham.",
        unverified: false,
    },
    Parameter {
        key: "dfy",
        label: "Joiners aged 20-39",
        kind: Kind::Number { min: 0.5, max: 0.95, step: 0.01, unit: "%" },
        help: "85% of GP at Hand's new registrations from November 2017 to March 2018 were aged 20-39 (GPonline); the rest follow England's age profile.",
        unverified: false,
    },
    Parameter {
        key: "dfm",
        label: "Joiners who are men",
        kind: Kind::Number { min: 0.45, max: 0.6, step: 0.01, unit: "%" },
        help: "55% of GP at Hand's patients were men at the 100,000 mark (Pulse).",
        unverified: false,
    },
    Parameter {
        key: "dfd",
        label: "Where the joiners come from",
        kind: Kind::Choice(&["london", "england", "icb"]),
        help: "Donor practices give up patients in proportion to their patients aged 15-44 (the Carr-Hill band holding ages 20-39): London practices, all of England, or one ICB.",
        unverified: false,
    },
    Parameter {
        key: "dfi",
        label: "Donor ICB (code)",
        kind: Kind::Code,
        help: "With donors from one ICB: its ODS code, e.g. QRV. Empty means the host's own ICB.",
        unverified: false,
    },
    Parameter {
        key: "dfo",
        label: "Joiners living outside the host's area",
        kind: Kind::Number { min: 0.0, max: 1.0, step: 0.01, unit: "%" },
        help: "On 1 April 2018, 86% of GP at Hand's patients lived outside Hammersmith and Fulham (BMJ 2018;361:k2227).",
        unverified: false,
    },
    Parameter {
        key: "dfl",
        label: "Joiners living outside London",
        kind: Kind::Number { min: 0.0, max: 1.0, step: 0.01, unit: "%" },
        help: "3,185 of 23,997 (13%) lived outside London on 1 April 2018 (BMJ 2018;361:k2227).",
        unverified: false,
    },
    Parameter {
        key: "dfr",
        label: "Rurality paid only for patients in the catchment",
        kind: Kind::Switch,
        help: "The 2019/20 rule (HSJ). Off: patients living far away raise the practice's dispersion, and so its rurality index, as before 2019.",
        unverified: false,
    },
    Parameter {
        key: "dfu",
        label: "Rurality uplift from dispersed patients (rule off)",
        kind: Kind::Number { min: 0.0, max: 0.3, step: 0.01, unit: "%" },
        help: "How much more an out-of-area patient weighs through the dispersion part of the rurality index when the catchment rule is off. No published figure was found: an assumption to vary.",
        unverified: true,
    },
    Parameter {
        key: "dfw",
        label: "London weighting only for London residents",
        kind: Kind::Switch,
        help: "The 2019/20 rule (HSJ; Avon LMC). Off: every joiner of a London practice attracts £2.18 (Management in Practice, 2018).",
        unverified: false,
    },
    Parameter {
        key: "dfp",
        label: "New-registrant premium for joiners",
        kind: Kind::Choice(&["on", "off", "stay"]),
        help: "on: every joiner counts as a new registrant (46% premium); off: none does (the July 2018 proposal); stay: only those who stay the minimum time (the 2019 consultation).",
        unverified: false,
    },
    Parameter {
        key: "dfs",
        label: "Joiners leaving before the minimum stay",
        kind: Kind::Number { min: 0.0, max: 0.6, step: 0.01, unit: "%" },
        help: "28% of GP at Hand's patients had de-registered since July 2017, most after about two weeks (Ipsos MORI evaluation, 2019).",
        unverified: false,
    },
    Parameter {
        key: "dfx",
        label: "Digital-first income multiplier",
        kind: Kind::Number { min: 0.7, max: 1.0, step: 0.005, unit: "×" },
        help: "Scales the host's pooled income; the money released stays in the pot. 0.805 would be the 19.5% cut reported for the July 2018 proposals.",
        unverified: false,
    },
    Parameter {
        key: "dfk",
        label: "Hospital cost per out-of-area joiner",
        kind: Kind::Number { min: 0.0, max: 2_000.0, step: 10.0, unit: "£ per patient a year" },
        help: "What the host's commissioner pays for each out-of-area joiner's care until allocations follow. No verified figure: £500 puts 24,000-36,000 joiners near the £10-18m reported for Hammersmith and Fulham in 2018/19.",
        unverified: true,
    },
    Parameter {
        key: "dfq",
        label: "Quarters before allocations follow the patients",
        kind: Kind::Number { min: 0.0, max: 8.0, step: 1.0, unit: "quarters" },
        help: "NHS England proposed recalculating allocations quarterly in 2019; 4 quarters is a year's lag.",
        unverified: false,
    },
    Parameter {
        key: "nw",
        label: "Networks",
        kind: Kind::Choice(&["pcn", "auto", "federation"]),
        help: "pcn: the real primary care networks in the data (1,273); auto: networks built from practice locations within each ICB to a target size, never across an ICB boundary; federation: one per sub-ICB location.",
        unverified: false,
    },
    Parameter {
        key: "nws",
        label: "Target size of automatic networks",
        kind: Kind::Number { min: 10_000.0, max: 100_000.0, step: 1_000.0, unit: "patients" },
        help: "Networks typically serve 30,000-50,000 people (Health Foundation, 'Understanding primary care networks').",
        unverified: false,
    },
    Parameter {
        key: "nwb",
        label: "Automatic networks built within",
        kind: Kind::Choice(&["icb", "subicb"]),
        help: "Each ICB, or each sub-ICB location (the former CCGs). Either way no network crosses an ICB boundary.",
        unverified: false,
    },
    Parameter {
        key: "nwy",
        label: "PCN contract year pricing each network",
        kind: Kind::Choice(&["none", "2019-20", "2021-22", "2023-24", "2024-25"]),
        help: "Core and clinical-director money per registered patient, leadership, enhanced access and capacity-and-access money per adjusted (weighted) patient, and the ARRS cap, at that year's rates (BMA; PCC; Pulse). Rates for 2020/21 and 2022/23 were not in the sourced table.",
        unverified: false,
    },
    Parameter {
        key: "nwp",
        label: "Share of core money pooled in each network",
        kind: Kind::Number { min: 0.0, max: 1.0, step: 0.01, unit: "%" },
        help: "Each member puts this share of its core capitation into a network pool, shared back among the members by the rule below, to the penny.",
        unverified: false,
    },
    Parameter {
        key: "nwr",
        label: "How a network shares its pool",
        kind: Kind::Choice(&["head", "weighted", "need"]),
        help: "head: per registered patient; weighted: per weighted patient; need: per patient of NHS England's final primary medical care population.",
        unverified: false,
    },
    Parameter {
        key: "fcn",
        label: "Family care networks hold a capitation budget",
        kind: Kind::Switch,
        help: "Networks hold a population-based contract covering the scope below, funded by a need formula, with a share at risk on outcomes (King's Fund, 2014).",
        unverified: false,
    },
    Parameter {
        key: "fcc",
        label: "Budget covers core capitation",
        kind: Kind::Switch,
        help: "Global Sum, MPIG and PMS balance.",
        unverified: false,
    },
    Parameter {
        key: "fcp",
        label: "Budget covers PCN money",
        kind: Kind::Switch,
        help: "Network participation and PCN payments.",
        unverified: false,
    },
    Parameter {
        key: "fcq",
        label: "Budget covers QOF",
        kind: Kind::Switch,
        help: "Quality and Outcomes Framework payments.",
        unverified: false,
    },
    Parameter {
        key: "fce",
        label: "Budget covers enhanced services",
        kind: Kind::Switch,
        help: "Enhanced services and vaccinations.",
        unverified: false,
    },
    Parameter {
        key: "fcf",
        label: "Need formula of the budget",
        kind: Kind::Choice(&["carrhill", "pmc", "finalpmc"]),
        help: "carrhill: the scenario's weighted patients; pmc: NHS England's primary medical care weighted population; finalpmc: the same with its 15% health-inequalities part (NHS England allocations, 2023/24).",
        unverified: false,
    },
    Parameter {
        key: "fcr",
        label: "Budget at risk on outcomes",
        kind: Kind::Number { min: 0.0, max: 0.2, step: 0.01, unit: "%" },
        help: "The share of each family care network's budget paid only if outcomes are met.",
        unverified: false,
    },
    Parameter {
        key: "qr",
        label: "Share of QOF retired",
        kind: Kind::Number { min: 0.0, max: 1.0, step: 0.01, unit: "%" },
        help: "The share of every practice's QOF money (£768.5m in 2022/23) taken out and spent another way. 2025/26 retired 32 indicators worth £298m (BMA; Primary Care IT).",
        unverified: false,
    },
    Parameter {
        key: "qb",
        label: "How the retired QOF money is spent",
        kind: Kind::Choice(&["registered", "weighted", "need", "networks"]),
        help: "registered: per registered patient; weighted: per weighted patient, as the Global Sum; need: per patient of NHS England's final primary medical care population; networks: to each PCN by weighted patients.",
        unverified: false,
    },
    Parameter {
        key: "qk",
        label: "Share of the retired money spent that way",
        kind: Kind::Number { min: 0.0, max: 1.0, step: 0.01, unit: "%" },
        help: "The rest goes back into QOF (new indicators), in proportion to each practice's QOF money. In 2025/26 about £100m of the £298m went into the Global Sum.",
        unverified: false,
    },
    Parameter {
        key: "sg",
        label: "Growth of emergency admissions, rest of England",
        kind: Kind::Number { min: 0.0, max: 0.06, step: 0.001, unit: "% a year" },
        help: "3.2% a year from 2006/07 to 2017/18 (Health Foundation).",
        unverified: false,
    },
    Parameter {
        key: "sm",
        label: "Growth of emergency admissions, new care models",
        kind: Kind::Number { min: 0.0, max: 0.06, step: 0.001, unit: "% a year" },
        help: "1.1% in the primary and acute care systems and 1.9% in the multispecialty community providers (Five Year Forward View vanguards). Equal to the rest of England saves nothing.",
        unverified: false,
    },
    Parameter {
        key: "sc",
        label: "Cost of an emergency admission",
        kind: Kind::Number { min: 1_500.0, max: 3_000.0, step: 10.0, unit: "£" },
        help: "£2,360 is derived: the NAO's £13.7bn in 2015/16 over 5.8m admissions in 2016/17; the Health Foundation's figures imply about £2,900.",
        unverified: true,
    },
    Parameter {
        key: "sa",
        label: "Emergency admissions a year",
        kind: Kind::Number { min: 1.0, max: 10.0, step: 0.1, unit: "million" },
        help: "5.8 million in 2016/17 (NAO). Lower it to model the new care models in part of England only.",
        unverified: false,
    },
    Parameter {
        key: "sr",
        label: "Share of the savings reinvested in general practice",
        kind: Kind::Number { min: 0.0, max: 1.0, step: 0.01, unit: "%" },
        help: "Networks may keep a share of the savings they make. The first year's reinvestment is paid as new money.",
        unverified: false,
    },
    Parameter {
        key: "sw",
        label: "Who receives the reinvested money",
        kind: Kind::Choice(&["practices", "networks", "holder"]),
        help: "practices: per weighted patient; networks: each PCN per registered patient, then its practices per weighted patient; holder: the budget holder keeps it.",
        unverified: false,
    },
    Parameter {
        key: "eb",
        label: "NHS budget in 2022/23",
        kind: Kind::Number { min: 100.0, max: 300.0, step: 1.0, unit: "£bn" },
        help: "General practice's £11bn in 2022/23 was reported as about 6.1% of the NHS budget (secondary source), which puts the budget near £180bn.",
        unverified: true,
    },
    Parameter {
        key: "eg",
        label: "Underlying growth of the NHS budget",
        kind: Kind::Number { min: 0.0, max: 0.06, step: 0.001, unit: "% a year" },
        help: "The June 2018 settlement was 3.4% a year in real terms.",
        unverified: false,
    },
    Parameter {
        key: "ex",
        label: "Extra money after five years",
        kind: Kind::Number { min: 0.0, max: 40.0, step: 0.5, unit: "£bn a year" },
        help: "£20bn more a year in real terms after five years (the 2018 settlement: £20.5bn by 2023/24), phased in evenly.",
        unverified: false,
    },
    Parameter {
        key: "ep",
        label: "Share of new money going to general practice",
        kind: Kind::Number { min: 0.0, max: 0.3, step: 0.005, unit: "%" },
        help: "About 8% keeps general practice's share roughly where it is (RCGP, BMA: 8-9% of NHS spending).",
        unverified: true,
    },
    Parameter {
        key: "et",
        label: "Target share of NHS spending for general practice",
        kind: Kind::Number { min: 0.0, max: 0.15, step: 0.005, unit: "%" },
        help: "RCGP and BMA call for 11%; the GP Forward View aimed for over 10%. 0 sets no target.",
        unverified: false,
    },
    Parameter {
        key: "ey",
        label: "Year the target is reached",
        kind: Kind::Choice(&["2029", "2035"]),
        help: "A target for primary care's share by 2029 was pushed back to 2035 (reported; not confirmed in the 10 Year Health Plan's text).",
        unverified: true,
    },
    Parameter {
        key: "eh",
        label: "Path to the target",
        kind: Kind::Choice(&["linear", "front"]),
        help: "linear: the same step each year; front: larger steps at first.",
        unverified: false,
    },
    Parameter {
        key: "bh",
        label: "Who holds the budget",
        kind: Kind::Choice(&["icb", "trust", "federation"]),
        help: "icb: the commissioner, with delegated commissioning (2022/23); trust: an acute trust as integrated health organisation holding the population budget (10 Year Health Plan); federation: a GP federation as integrator.",
        unverified: false,
    },
    Parameter {
        key: "bs",
        label: "GP money routed through the holder",
        kind: Kind::Choice(&["es", "pcn", "qof", "all"]),
        help: "es: enhanced services only; pcn: and PCN money; qof: and QOF; all: and core capitation too.",
        unverified: false,
    },
    Parameter {
        key: "bd",
        label: "Share the holder diverts to hospital services",
        kind: Kind::Number { min: 0.0, max: 0.3, step: 0.01, unit: "%" },
        help: "The risk raised when hospitals hold the whole budget: part of the GP money routed through them is spent on hospital services. 0 diverts nothing.",
        unverified: false,
    },
    Parameter {
        key: "bc",
        label: "Double-running cost",
        kind: Kind::Number { min: 0.0, max: 500.0, step: 5.0, unit: "£m a year" },
        help: "The cost of running old and new arrangements side by side, borne by the money routed through the holder.",
        unverified: false,
    },
    Parameter {
        key: "bx",
        label: "The holder passes its surplus on to practices",
        kind: Kind::Switch,
        help: "A surplus is the reinvested savings the holder keeps (Savings reinvested: kept by the budget holder). On: it goes to practices per weighted patient.",
        unverified: false,
    },
    Parameter {
        key: "qof",
        label: "Add QOF to the pot",
        kind: Kind::Switch,
        help: "Pool the Quality and Outcomes Framework payments (£768.5m in 2022/23) with core funding.",
        unverified: false,
    },
    Parameter {
        key: "pcn",
        label: "Add PCN money to the pot",
        kind: Kind::Switch,
        help: "Pool the network participation payment and the PCN payments made through practices.",
        unverified: false,
    },
    Parameter {
        key: "es",
        label: "Add enhanced services to the pot",
        kind: Kind::Switch,
        help: "Pool enhanced services and vaccination payments.",
        unverified: false,
    },
    Parameter {
        key: "fix",
        label: "Fixed pot or fixed price",
        kind: Kind::Choice(&["pot", "price"]),
        help: "pot: the pot is shared out in full, so some gain what others lose. price: every practice is paid the same as now per weighted patient, so the total moves.",
        unverified: false,
    },
    Parameter {
        key: "share",
        label: "How the pot is shared",
        kind: Kind::Choice(&["rate", "formula"]),
        help: "rate: each practice keeps its own rate (PMS, MPIG and other historic differences), scaled by its change in weighted patients. formula: one price per weighted patient for every practice.",
        unverified: false,
    },
];

/// A named scenario users can open directly (`?preset=NAME`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    pub name: &'static str,
    pub title: &'static str,
    /// The query string the preset stands for.
    pub query: &'static str,
}

/// The app's presets.
pub const PRESETS: &[Preset] = &[
    Preset {
        name: "baseline",
        title: "2022/23 as paid",
        query: "",
    },
    Preset {
        name: "pure-capitation",
        title: "One price per weighted patient for everyone",
        query: "v=1&share=formula",
    },
    Preset {
        name: "age-only",
        title: "Age and sex alone: the rest of the formula switched off",
        query: "v=1&ns=0",
    },
    Preset {
        name: "deprivation-uplift",
        title: "A 10% uplift per standard deviation of deprivation",
        query: "v=1&dep=0.1",
    },
    Preset {
        name: "no-turnover-premium",
        title: "No premium for new registrants",
        query: "v=1&lt=0",
    },
    Preset {
        name: "df-april-2018",
        title: "Digital-first: 23,997 joiners under the rules of April 2018",
        query: "v=1&dfn=23997&dfr=0&dfw=0",
    },
    Preset {
        name: "df-july-2018",
        title: "Digital-first: the July 2018 proposals (all three rule changes)",
        query: "v=1&dfn=23997&dfp=off",
    },
    Preset {
        name: "df-november-2019",
        title: "Digital-first: 68,569 joiners under the 2019/20 rules",
        query: "v=1&dfn=68569",
    },
    Preset {
        name: "df-2022-23",
        title: "Digital-first: 109,485 joiners, GP at Hand's 2022/23 list",
        query: "v=1&dfn=109485",
    },
    Preset {
        name: "networks-2024-25",
        title: "Networks: the real PCNs priced at 2024/25 contract rates",
        query: "v=1&nwy=2024-25",
    },
    Preset {
        name: "networks-40k",
        title: "Networks of about 40,000 patients pooling 10% of core money per weighted patient",
        query: "v=1&nw=auto&nwy=2024-25&nwp=0.1",
    },
    Preset {
        name: "family-care-networks",
        title: "Family care networks: core and PCN money by need, 5% at risk",
        query: "v=1&nw=auto&fcn=1&fcp=1&fcr=0.05",
    },
    Preset {
        name: "qof-700m",
        title: "QOF successor: £700m a year re-spent per weighted patient",
        query: "v=1&qr=0.9108",
    },
    Preset {
        name: "qof-2025-26",
        title: "QOF 2025/26: £298m of indicators retired, about £100m into the Global Sum",
        query: "v=1&qr=0.3878&qk=0.3356",
    },
    Preset {
        name: "savings-pacs",
        title: "Savings: admissions growing 1.1% not 3.2%, half reinvested in practices",
        query: "v=1&sm=0.011&sr=0.5",
    },
    Preset {
        name: "savings-mcp",
        title: "Savings: admissions growing 1.9% not 3.2%, half reinvested through networks",
        query: "v=1&sm=0.019&sr=0.5&sw=networks",
    },
    Preset {
        name: "share-2029",
        title: "New money: 11% of NHS spending for general practice by 2029",
        query: "v=1&et=0.11",
    },
    Preset {
        name: "share-2035",
        title: "New money: 11% of NHS spending for general practice by 2035",
        query: "v=1&et=0.11&ey=2035",
    },
    Preset {
        name: "trust-holds-all",
        title: "An acute trust holds all GP money and diverts 10% to hospitals",
        query: "v=1&bh=trust&bs=all&bd=0.1",
    },
    Preset {
        name: "core-and-qof",
        title: "QOF pooled with core funding and shared by formula",
        query: "v=1&qof=1&share=formula",
    },
];

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

/// Decodes `%XX` escapes and `+` as a space; invalid escapes are kept as written.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Shortest decimal form of a number (`0.46`, `1`, `2.354`).
fn write_number(v: f64) -> String {
    // Rust writes an f64 in full decimal, never with an exponent, and reads it back exactly.
    format!("{v}")
}

/// A parameter's description, by its URL key.
pub fn parameter(key: &str) -> Option<&'static Parameter> {
    PARAMETERS.iter().find(|p| p.key == key)
}

impl Scenario {
    /// The value of a numeric or switch parameter, by key (switches read 0 or 1).
    pub fn number(&self, key: &str) -> Option<f64> {
        let weight = |sex: usize, key: &str| {
            key[1..]
                .parse::<usize>()
                .ok()
                .filter(|b| *b < 7)
                .map(|b| self.age_sex_weights[sex][b])
        };
        let switch = |b: bool| if b { 1.0 } else { 0.0 };
        match key {
            k if k.len() == 2 && k.starts_with('m') => weight(0, k),
            k if k.len() == 2 && k.starts_with('f') => weight(1, k),
            "ns" => Some(self.needs_strength),
            "dep" => Some(self.deprivation_uplift),
            "rur" => Some(self.rurality_uplift),
            "lt" => Some(self.turnover_premium),
            "lon" => Some(self.london_adjustment),
            "floor" => Some(self.floor_per_weighted_patient),
            "dfn" => Some(self.digital_first.joiners),
            "dfy" => Some(self.digital_first.share_20_39),
            "dfm" => Some(self.digital_first.male_share),
            "dfo" => Some(self.digital_first.outside_area),
            "dfl" => Some(self.digital_first.outside_london),
            "dfr" => Some(switch(self.digital_first.rurality_catchment_only)),
            "dfu" => Some(self.digital_first.dispersion_uplift),
            "dfw" => Some(switch(self.digital_first.london_residents_only)),
            "dfs" => Some(self.digital_first.early_leavers),
            "dfx" => Some(self.digital_first.income_multiplier),
            "dfk" => Some(self.digital_first.cost_per_head),
            "dfq" => Some(self.digital_first.lag_quarters),
            "nws" => Some(self.networks.target_size),
            "nwp" => Some(self.networks.pooled_share),
            "fcn" => Some(switch(self.networks.family_care)),
            "fcc" => Some(switch(self.networks.fcn_core)),
            "fcp" => Some(switch(self.networks.fcn_pcn)),
            "fcq" => Some(switch(self.networks.fcn_qof)),
            "fce" => Some(switch(self.networks.fcn_enhanced)),
            "fcr" => Some(self.networks.at_risk),
            "bd" => Some(self.budget_holder.diversion),
            "bc" => Some(self.budget_holder.double_running_m),
            "bx" => Some(switch(self.budget_holder.surplus_to_practices)),
            "sg" => Some(self.savings.growth_base),
            "sm" => Some(self.savings.growth_model),
            "sc" => Some(self.savings.cost_per_admission),
            "sa" => Some(self.savings.admissions_millions),
            "sr" => Some(self.savings.reinvested),
            "eb" => Some(self.envelope.nhs_base_bn),
            "eg" => Some(self.envelope.growth),
            "ex" => Some(self.envelope.extra_bn),
            "ep" => Some(self.envelope.gp_share_of_new),
            "et" => Some(self.envelope.target_share),
            "qr" => Some(self.qof_successor.retired),
            "qk" => Some(self.qof_successor.respent),
            "qof" => Some(switch(self.pot_qof)),
            "pcn" => Some(switch(self.pot_pcn)),
            "es" => Some(switch(self.pot_enhanced_services)),
            _ => None,
        }
    }

    /// The value of a choice parameter, by key.
    pub fn choice(&self, key: &str) -> Option<&'static str> {
        match key {
            "fix" => Some(match self.pot_mode {
                PotMode::FixedPot => "pot",
                PotMode::FixedPrice => "price",
            }),
            "share" => Some(match self.sharing {
                Sharing::KeepRates => "rate",
                Sharing::Formula => "formula",
            }),
            "dfd" => Some(match self.digital_first.donors {
                Donors::London => "london",
                Donors::England => "england",
                Donors::Icb => "icb",
            }),
            "bh" => Some(match self.budget_holder.holder {
                Holder::Commissioner => "icb",
                Holder::Trust => "trust",
                Holder::Federation => "federation",
            }),
            "bs" => Some(match self.budget_holder.scope {
                HolderScope::EnhancedServices => "es",
                HolderScope::PlusPcn => "pcn",
                HolderScope::PlusQof => "qof",
                HolderScope::All => "all",
            }),
            "sw" => Some(match self.savings.recipient {
                Recipient::Practices => "practices",
                Recipient::Networks => "networks",
                Recipient::Holder => "holder",
            }),
            "ey" => Some(if self.envelope.target_year == 2035 {
                "2035"
            } else {
                "2029"
            }),
            "eh" => Some(if self.envelope.front_loaded {
                "front"
            } else {
                "linear"
            }),
            "qb" => Some(match self.qof_successor.base {
                QofBase::Registered => "registered",
                QofBase::Weighted => "weighted",
                QofBase::Need => "need",
                QofBase::Networks => "networks",
            }),
            "nw" => Some(match self.networks.grouping {
                Grouping::Pcn => "pcn",
                Grouping::Automatic => "auto",
                Grouping::Federation => "federation",
            }),
            "nwb" => Some(if self.networks.within_sub_icb {
                "subicb"
            } else {
                "icb"
            }),
            "nwy" => Some(if self.networks.contract_year.is_empty() {
                "none"
            } else {
                self.networks.contract_year
            }),
            "nwr" => Some(match self.networks.pool_rule {
                PoolRule::PerHead => "head",
                PoolRule::PerWeighted => "weighted",
                PoolRule::PerNeed => "need",
            }),
            "fcf" => Some(match self.networks.fcn_formula {
                NeedFormula::CarrHill => "carrhill",
                NeedFormula::PrimaryMedicalCare => "pmc",
                NeedFormula::FinalPrimaryMedicalCare => "finalpmc",
            }),
            "dfp" => Some(match self.digital_first.premium {
                Premium::On => "on",
                Premium::Off => "off",
                Premium::AfterStay => "stay",
            }),
            _ => None,
        }
    }

    /// The value of a code parameter, by key.
    pub fn code(&self, key: &str) -> Option<&str> {
        match key {
            "dfh" => Some(&self.digital_first.host),
            "dfi" => Some(&self.digital_first.donor_icb),
            _ => None,
        }
    }

    /// Sets one parameter from its URL text, checking it. On error the scenario is unchanged.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), ScenarioError> {
        let p = parameter(key).ok_or_else(|| ScenarioError::UnknownKey {
            key: key.to_string(),
        })?;
        match p.kind {
            Kind::Number { min, max, .. } => {
                let v: f64 = value
                    .trim()
                    .parse()
                    .ok()
                    .filter(|v: &f64| v.is_finite())
                    .ok_or_else(|| ScenarioError::NotANumber {
                        key: key.to_string(),
                        value: value.to_string(),
                    })?;
                if !(min..=max).contains(&v) {
                    return Err(ScenarioError::OutOfRange {
                        key: key.to_string(),
                        value: v,
                        min,
                        max,
                    });
                }
                self.set_number(key, v);
            }
            Kind::Switch => {
                let on = match value.trim() {
                    "1" | "true" | "on" | "yes" => true,
                    "0" | "false" | "off" | "no" => false,
                    _ => {
                        return Err(ScenarioError::NotAChoice {
                            key: key.to_string(),
                            value: value.to_string(),
                            allowed: vec!["0", "1"],
                        })
                    }
                };
                self.set_number(key, if on { 1.0 } else { 0.0 });
            }
            Kind::Code => {
                let code = value.trim().to_uppercase();
                if code.len() > 10 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    return Err(ScenarioError::NotACode {
                        key: key.to_string(),
                        value: value.to_string(),
                    });
                }
                match key {
                    "dfh" => self.digital_first.host = code,
                    "dfi" => self.digital_first.donor_icb = code,
                    _ => {}
                }
            }
            Kind::Choice(allowed) => {
                let v = value.trim();
                match (key, v) {
                    ("fix", "pot") => self.pot_mode = PotMode::FixedPot,
                    ("fix", "price") => self.pot_mode = PotMode::FixedPrice,
                    ("share", "rate") => self.sharing = Sharing::KeepRates,
                    ("share", "formula") => self.sharing = Sharing::Formula,
                    ("dfd", "london") => self.digital_first.donors = Donors::London,
                    ("dfd", "england") => self.digital_first.donors = Donors::England,
                    ("dfd", "icb") => self.digital_first.donors = Donors::Icb,
                    ("bh", "icb") => self.budget_holder.holder = Holder::Commissioner,
                    ("bh", "trust") => self.budget_holder.holder = Holder::Trust,
                    ("bh", "federation") => self.budget_holder.holder = Holder::Federation,
                    ("bs", "es") => self.budget_holder.scope = HolderScope::EnhancedServices,
                    ("bs", "pcn") => self.budget_holder.scope = HolderScope::PlusPcn,
                    ("bs", "qof") => self.budget_holder.scope = HolderScope::PlusQof,
                    ("bs", "all") => self.budget_holder.scope = HolderScope::All,
                    ("sw", "practices") => self.savings.recipient = Recipient::Practices,
                    ("sw", "networks") => self.savings.recipient = Recipient::Networks,
                    ("sw", "holder") => self.savings.recipient = Recipient::Holder,
                    ("ey", "2029") => self.envelope.target_year = 2029,
                    ("ey", "2035") => self.envelope.target_year = 2035,
                    ("eh", "linear") => self.envelope.front_loaded = false,
                    ("eh", "front") => self.envelope.front_loaded = true,
                    ("qb", "registered") => self.qof_successor.base = QofBase::Registered,
                    ("qb", "weighted") => self.qof_successor.base = QofBase::Weighted,
                    ("qb", "need") => self.qof_successor.base = QofBase::Need,
                    ("qb", "networks") => self.qof_successor.base = QofBase::Networks,
                    ("nw", "pcn") => self.networks.grouping = Grouping::Pcn,
                    ("nw", "auto") => self.networks.grouping = Grouping::Automatic,
                    ("nw", "federation") => self.networks.grouping = Grouping::Federation,
                    ("nwb", "icb") => self.networks.within_sub_icb = false,
                    ("nwb", "subicb") => self.networks.within_sub_icb = true,
                    ("nwy", "none") => self.networks.contract_year = "",
                    ("nwy", year) if CONTRACT_YEARS.contains(&year) => {
                        self.networks.contract_year = CONTRACT_YEARS
                            .iter()
                            .find(|y| **y == year)
                            .copied()
                            .unwrap_or("")
                    }
                    ("nwr", "head") => self.networks.pool_rule = PoolRule::PerHead,
                    ("nwr", "weighted") => self.networks.pool_rule = PoolRule::PerWeighted,
                    ("nwr", "need") => self.networks.pool_rule = PoolRule::PerNeed,
                    ("fcf", "carrhill") => self.networks.fcn_formula = NeedFormula::CarrHill,
                    ("fcf", "pmc") => self.networks.fcn_formula = NeedFormula::PrimaryMedicalCare,
                    ("fcf", "finalpmc") => {
                        self.networks.fcn_formula = NeedFormula::FinalPrimaryMedicalCare
                    }
                    ("dfp", "on") => self.digital_first.premium = Premium::On,
                    ("dfp", "off") => self.digital_first.premium = Premium::Off,
                    ("dfp", "stay") => self.digital_first.premium = Premium::AfterStay,
                    _ => {
                        return Err(ScenarioError::NotAChoice {
                            key: key.to_string(),
                            value: value.to_string(),
                            allowed: allowed.to_vec(),
                        })
                    }
                }
            }
        }
        Ok(())
    }

    /// Sets a numeric or switch parameter that is known to be valid.
    fn set_number(&mut self, key: &str, v: f64) {
        match key {
            k if k.len() == 2 && (k.starts_with('m') || k.starts_with('f')) => {
                let sex = usize::from(k.starts_with('f'));
                if let Some(band) = k[1..].parse::<usize>().ok().filter(|b| *b < 7) {
                    self.age_sex_weights[sex][band] = v;
                }
            }
            "ns" => self.needs_strength = v,
            "dep" => self.deprivation_uplift = v,
            "rur" => self.rurality_uplift = v,
            "lt" => self.turnover_premium = v,
            "lon" => self.london_adjustment = v,
            "floor" => self.floor_per_weighted_patient = v,
            "qof" => self.pot_qof = v != 0.0,
            "pcn" => self.pot_pcn = v != 0.0,
            "es" => self.pot_enhanced_services = v != 0.0,
            "bd" => self.budget_holder.diversion = v,
            "bc" => self.budget_holder.double_running_m = v,
            "bx" => self.budget_holder.surplus_to_practices = v != 0.0,
            "sg" => self.savings.growth_base = v,
            "sm" => self.savings.growth_model = v,
            "sc" => self.savings.cost_per_admission = v,
            "sa" => self.savings.admissions_millions = v,
            "sr" => self.savings.reinvested = v,
            "eb" => self.envelope.nhs_base_bn = v,
            "eg" => self.envelope.growth = v,
            "ex" => self.envelope.extra_bn = v,
            "ep" => self.envelope.gp_share_of_new = v,
            "et" => self.envelope.target_share = v,
            "qr" => self.qof_successor.retired = v,
            "qk" => self.qof_successor.respent = v,
            "nws" => self.networks.target_size = v,
            "nwp" => self.networks.pooled_share = v,
            "fcn" => self.networks.family_care = v != 0.0,
            "fcc" => self.networks.fcn_core = v != 0.0,
            "fcp" => self.networks.fcn_pcn = v != 0.0,
            "fcq" => self.networks.fcn_qof = v != 0.0,
            "fce" => self.networks.fcn_enhanced = v != 0.0,
            "fcr" => self.networks.at_risk = v,
            "dfn" => self.digital_first.joiners = v,
            "dfy" => self.digital_first.share_20_39 = v,
            "dfm" => self.digital_first.male_share = v,
            "dfo" => self.digital_first.outside_area = v,
            "dfl" => self.digital_first.outside_london = v,
            "dfr" => self.digital_first.rurality_catchment_only = v != 0.0,
            "dfu" => self.digital_first.dispersion_uplift = v,
            "dfw" => self.digital_first.london_residents_only = v != 0.0,
            "dfs" => self.digital_first.early_leavers = v,
            "dfx" => self.digital_first.income_multiplier = v,
            "dfk" => self.digital_first.cost_per_head = v,
            "dfq" => self.digital_first.lag_quarters = v,
            _ => {}
        }
    }

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
        let mut scenario = Scenario::default();
        let mut errors = Vec::new();
        let query = query.trim().trim_start_matches('?');
        for part in query.split('&').filter(|p| !p.is_empty()) {
            let Some((key, value)) = part.split_once('=') else {
                errors.push(ScenarioError::Malformed {
                    part: percent_decode(part),
                });
                continue;
            };
            let key = percent_decode(key);
            let value = percent_decode(value);
            match key.as_str() {
                "v" => {
                    if value.trim() != QUERY_VERSION.to_string() {
                        errors.push(ScenarioError::UnsupportedVersion { value });
                    }
                }
                "preset" => match PRESETS.iter().find(|p| p.name == value.trim()) {
                    Some(preset) => {
                        let (s, e) = Self::from_query_lenient(preset.query);
                        scenario = s;
                        errors.extend(e);
                    }
                    None => errors.push(ScenarioError::UnknownPreset { name: value }),
                },
                // Keys the app uses for its view, not the model, are not the model's business.
                k if VIEW_KEYS.contains(&k) => {}
                _ => {
                    if let Err(e) = scenario.set(&key, &value) {
                        errors.push(e);
                    }
                }
            }
        }
        (scenario, errors)
    }

    /// The query string of this scenario: `v=1` and the non-default parameters, or empty.
    pub fn to_query(&self) -> String {
        let default = Scenario::default();
        let mut parts = Vec::new();
        for p in PARAMETERS {
            match p.kind {
                Kind::Choice(_) => {
                    let v = self.choice(p.key);
                    if v != default.choice(p.key) {
                        parts.push(format!("{}={}", p.key, v.unwrap_or_default()));
                    }
                }
                Kind::Code => {
                    let v = self.code(p.key);
                    if v != default.code(p.key) {
                        parts.push(format!("{}={}", p.key, v.unwrap_or_default()));
                    }
                }
                _ => {
                    let (v, d) = (self.number(p.key), default.number(p.key));
                    if v != d {
                        parts.push(format!("{}={}", p.key, write_number(v.unwrap_or(0.0))));
                    }
                }
            }
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("v={QUERY_VERSION}&{}", parts.join("&"))
        }
    }

    /// Whether this is the default (baseline) scenario.
    pub fn is_default(&self) -> bool {
        *self == Scenario::default()
    }
}

/// Query keys that describe the app's view (which chart, which practice, embed or present
/// mode) rather than the model. The scenario parser passes over them.
pub const VIEW_KEYS: &[&str] = &["practice", "embed", "present", "view", "step", "story"];

#[cfg(test)]
mod tests {
    use super::*;

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
            let value = match p.kind {
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
        assert_eq!(percent_decode("a%2Cb+c"), "a,b c");
        assert_eq!(percent_decode("%zz%"), "%zz%");
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("%4"), "%4");
        let s = Scenario::from_query("v=1&n%73=0.5").unwrap();
        assert_eq!(s.needs_strength, 0.5);
    }
}
