//! The scenario's types: every setting of the model and its defaults.

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

impl PotMode {
    /// Every value, in the order of the parameter's choices.
    pub const ALL: [PotMode; 2] = [PotMode::FixedPot, PotMode::FixedPrice];
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

impl Sharing {
    /// Every value, in the order of the parameter's choices.
    pub const ALL: [Sharing; 2] = [Sharing::KeepRates, Sharing::Formula];
}

/// Which formula makes the weighted list the pot is shared by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WholeFormula {
    /// The Global Sum (Carr-Hill) formula: the published weighted list, rebuilt from its parts.
    CarrHill,
    /// NHS England's primary medical care need index (the allocations' need-weighted list),
    /// scaled to the same national total.
    PrimaryMedicalCare,
    /// Registered patients × the age-sex index alone; the deprivation uplift is its deprivation
    /// weight.
    Own,
}

impl WholeFormula {
    /// Every value, in the order of the parameter's choices.
    pub const ALL: [WholeFormula; 3] = [
        WholeFormula::CarrHill,
        WholeFormula::PrimaryMedicalCare,
        WholeFormula::Own,
    ];
}

/// Every parameter of the model.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Which formula makes the weighted list.
    pub formula: WholeFormula,
    /// Carr-Hill age-sex weights, [men, women] × 7 bands.
    pub age_sex_weights: [[f64; 7]; 2],
    /// Strength of the remainder of the published weighted list: what the fitted additional
    /// needs, rurality and area parts leave (care homes, data mismatches and the rest): 0 = none,
    /// 1 = as published. Its URL key is `ns`.
    pub needs_strength: f64,
    /// Strength of the age-sex index: 0 = none, 1 = as the weights make it.
    pub age_sex_strength: f64,
    /// Strength of the additional-needs part (fitted on the IMD score of the patients).
    pub additional_needs_strength: f64,
    /// Strength of the rurality part (fitted on the rural flag and the rural-urban class).
    pub rurality_strength: f64,
    /// Strength of the area-costs part (fitted ICB effects: staff market forces and the rest).
    pub area_strength: f64,
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
    /// The pace of change from 2022/23 to the scenario.
    pub transition: Transition,
    /// An ICB's local discretion: part of its GP money re-spent on the practices furthest below
    /// their need-based share (a Health Equity Payment).
    pub local_discretion: LocalDiscretion,
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

impl Holder {
    /// Every value, in the order of the parameter's choices.
    pub const ALL: [Holder; 3] = [Holder::Commissioner, Holder::Trust, Holder::Federation];
}

/// How much GP money goes through the holder, cumulatively.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum HolderScope {
    EnhancedServices,
    PlusPcn,
    PlusQof,
    All,
}

impl HolderScope {
    /// Every value, in the order of the parameter's choices.
    pub const ALL: [HolderScope; 4] = [
        HolderScope::EnhancedServices,
        HolderScope::PlusPcn,
        HolderScope::PlusQof,
        HolderScope::All,
    ];
}

/// Who holds the budget.
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
    /// An acute trust as integrated health organisation only: the share of general practice's
    /// core funding that moves to it each year of the spending path, compounding.
    pub core_shift: f64,
}

impl Default for BudgetHolder {
    fn default() -> Self {
        BudgetHolder {
            holder: Holder::Commissioner,
            scope: HolderScope::EnhancedServices,
            diversion: 0.0,
            double_running_m: 0.0,
            surplus_to_practices: false,
            core_shift: 0.0,
        }
    }
}

impl BudgetHolder {
    pub fn active(&self) -> bool {
        *self != BudgetHolder::default()
    }
}

/// The funding lines an ICB's local discretion acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiscretionScope {
    /// Core capitation: Global Sum, MPIG correction factor and the balance of PMS expenditure
    /// (with any London adjustment and floor top-up the scenario pays on them).
    Core,
    /// Every delegated line the formula's pot can hold: core capitation, QOF, the PCN lines and
    /// enhanced services.
    Delegated,
}

impl DiscretionScope {
    /// Every value, in the order of the parameter's choices.
    pub const ALL: [DiscretionScope; 2] = [DiscretionScope::Core, DiscretionScope::Delegated];
}

/// An ICB's local discretion over part of its delegated GP money: a Health Equity Payment.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalDiscretion {
    /// The acting ICB's ODS code (e.g. QK1); empty means every ICB acts.
    pub icb: String,
    /// Share of the ICB's money in scope top-sliced and re-spent (0 = off).
    pub share: f64,
    pub scope: DiscretionScope,
}

impl Default for LocalDiscretion {
    fn default() -> Self {
        LocalDiscretion {
            icb: String::new(),
            share: 0.0,
            scope: DiscretionScope::Core,
        }
    }
}

impl LocalDiscretion {
    pub fn active(&self) -> bool {
        self.share > 0.0
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

impl Recipient {
    /// Every value, in the order of the parameter's choices.
    pub const ALL: [Recipient; 3] = [Recipient::Practices, Recipient::Networks, Recipient::Holder];
}

/// Reinvested savings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Savings {
    /// Growth of emergency admissions a year in the rest of England.
    pub growth_base: f64,
    /// Growth in the new care models.
    pub growth_model: f64,
    /// Cost of an emergency admission, £.
    pub cost_per_admission: f64,
    /// Emergency admissions a year in all of England, millions.
    pub admissions_millions: f64,
    /// People the new care models cover, millions: only their admissions grow more slowly.
    pub covered_millions: f64,
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
            covered_millions: 5.0,
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

/// How the new money of the stated year of the spending path reaches practices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewMoneyChannel {
    /// It is not paid: the path is shown, no practice's payments change.
    None,
    /// Per weighted patient on the published 2022/23 formula, as the Global Sum is paid.
    Weighted,
    /// To each network (PCN) per registered patient, then to its practices per weighted patient.
    Networks,
}

impl NewMoneyChannel {
    /// Every value, in the order of the parameter's choices.
    pub const ALL: [NewMoneyChannel; 3] = [
        NewMoneyChannel::None,
        NewMoneyChannel::Weighted,
        NewMoneyChannel::Networks,
    ];
}

/// The NHS budget on one basis (NHS England's net expenditure, in 2022/23 prices), its growth,
/// general practice's part of the new money, a target share, and the new money paid to practices.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EnvelopeSettings {
    /// NHS England's net expenditure in 2022/23, £bn.
    pub nhs_base_bn: f64,
    /// Real growth of the budget a year.
    pub growth: f64,
    /// Extra money on top of the growth, £bn a year (2022/23 prices), reached in the fifth year.
    pub extra_bn: f64,
    /// Share of new money that goes to general practice.
    pub gp_share_of_new: f64,
    /// Target share of NHS spending for general practice (0 = none).
    pub target_share: f64,
    pub target_year: u32,
    pub front_loaded: bool,
    /// The year of the path (1 = 2023/24 to 5 = 2027/28) whose new money is paid to practices.
    pub paid_year: u32,
    /// How that new money reaches practices.
    pub channel: NewMoneyChannel,
}

/// NHS England's consolidated net expenditure for 2022/23, £bn: £157,686,369 thousand in its
/// Annual Report and Accounts 2022-23 (statement of comprehensive net expenditure).
pub const NHS_ENGLAND_NET_EXPENDITURE_2022_23_BN: f64 = 157.686_369;

/// The years of the spending path whose new money can be paid to practices: 2023/24 to 2027/28.
pub const PAID_YEARS: [u32; 5] = [1, 2, 3, 4, 5];

impl Default for EnvelopeSettings {
    fn default() -> Self {
        EnvelopeSettings {
            nhs_base_bn: NHS_ENGLAND_NET_EXPENDITURE_2022_23_BN,
            growth: 0.034,
            extra_bn: 0.0,
            gp_share_of_new: 0.065,
            target_share: 0.0,
            target_year: 2029,
            front_loaded: false,
            paid_year: 5,
            channel: NewMoneyChannel::Weighted,
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

impl QofBase {
    /// Every value, in the order of the parameter's choices.
    pub const ALL: [QofBase; 4] = [
        QofBase::Registered,
        QofBase::Weighted,
        QofBase::Need,
        QofBase::Networks,
    ];
}

/// The QOF successor.
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

impl Grouping {
    /// Every value, in the order of the parameter's choices.
    pub const ALL: [Grouping; 3] = [Grouping::Pcn, Grouping::Automatic, Grouping::Federation];
}

/// How pooled money is shared within a network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolRule {
    PerHead,
    PerWeighted,
    PerNeed,
}

impl PoolRule {
    /// Every value, in the order of the parameter's choices.
    pub const ALL: [PoolRule; 3] = [PoolRule::PerHead, PoolRule::PerWeighted, PoolRule::PerNeed];
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

impl NeedFormula {
    /// Every value, in the order of the parameter's choices.
    pub const ALL: [NeedFormula; 3] = [
        NeedFormula::CarrHill,
        NeedFormula::PrimaryMedicalCare,
        NeedFormula::FinalPrimaryMedicalCare,
    ];
}

/// Networks of 30-50k patients and family care networks.
#[derive(Debug, Clone, PartialEq)]
pub struct Networks {
    pub grouping: Grouping,
    /// Target size of automatic networks, registered patients.
    pub target_size: f64,
    /// Build automatic networks within each sub-ICB location rather than each ICB.
    pub within_sub_icb: bool,
    /// PCN contract year whose rates price each network (`None` = not shown).
    pub contract_year: Option<ContractYear>,
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
            contract_year: None,
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

/// PCN contract years with sourced rates, by their URL names.
pub const CONTRACT_YEARS: [&str; 4] = ["2019-20", "2021-22", "2023-24", "2024-25"];

/// A PCN contract year with sourced rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContractYear {
    Y2019To20,
    Y2021To22,
    Y2023To24,
    Y2024To25,
}

impl ContractYear {
    /// Every value, in the order of [`CONTRACT_YEARS`].
    pub const ALL: [ContractYear; 4] = [
        ContractYear::Y2019To20,
        ContractYear::Y2021To22,
        ContractYear::Y2023To24,
        ContractYear::Y2024To25,
    ];

    /// Its name, as in the URL (`2024-25`).
    pub fn name(self) -> &'static str {
        CONTRACT_YEARS[self as usize]
    }
}

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

impl Donors {
    /// Every value, in the order of the parameter's choices.
    pub const ALL: [Donors; 3] = [Donors::London, Donors::England, Donors::Icb];
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

impl Premium {
    /// Every value, in the order of the parameter's choices.
    pub const ALL: [Premium; 3] = [Premium::On, Premium::Off, Premium::AfterStay];
}

/// The digital-first practice story.
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
    /// Share of joiners who registered this year (the rest joined in earlier years and no
    /// longer earn the new-registrant premium).
    pub joined_this_year: f64,
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
            joined_this_year: 1.0,
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
            formula: WholeFormula::CarrHill,
            needs_strength: 1.0,
            age_sex_strength: 1.0,
            additional_needs_strength: 1.0,
            rurality_strength: 1.0,
            area_strength: 1.0,
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
            transition: Transition::default(),
            local_discretion: LocalDiscretion::default(),
        }
    }
}

impl Scenario {
    /// Whether this is the default (baseline) scenario.
    pub fn is_default(&self) -> bool {
        *self == Scenario::default()
    }
}

/// Who pays for protecting practices held at the pace-of-change cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProtectionFunding {
    /// New money on top of the scenario's.
    NewMoney,
    /// The practices that gain, their gains scaled down that year.
    Gainers,
}

impl ProtectionFunding {
    /// Every value, in the order of the parameter's choices.
    pub const ALL: [ProtectionFunding; 2] =
        [ProtectionFunding::NewMoney, ProtectionFunding::Gainers];
}

/// The pace of change: the reform phased over years, with a cap on any practice's loss a year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Transition {
    /// Years over which the change is phased in equal steps (1: at once).
    pub years: u32,
    /// The most a practice's payments may fall in a year, as a share of the year before (0: no
    /// cap).
    pub cap: f64,
    pub funding: ProtectionFunding,
}

impl Default for Transition {
    fn default() -> Self {
        Transition {
            years: 1,
            cap: 0.0,
            funding: ProtectionFunding::NewMoney,
        }
    }
}

impl Transition {
    pub fn active(&self) -> bool {
        *self != Transition::default()
    }
}
