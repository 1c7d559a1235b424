//! Named scenarios users can open directly.

/// A named scenario users can open directly (`?preset=NAME`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    pub name: &'static str,
    pub title: &'static str,
    /// The query string the preset stands for.
    pub query: &'static str,
    /// What in it is an assumption rather than a published figure, in a sentence; `None` when
    /// every value it sets is published.
    pub assumptions: Option<&'static str>,
}

/// The app's presets.
pub const PRESETS: &[Preset] = &[
    Preset {
        name: "baseline",
        title: "2022/23 as paid",
        query: "",
        assumptions: None,
    },
    Preset {
        name: "pure-capitation",
        title: "One price per weighted patient for everyone",
        query: "v=1&share=formula",
        assumptions: None,
    },
    Preset {
        name: "age-only",
        title: "Age, sex and list turnover alone: needs, rurality, area costs and the remainder switched off",
        query: "v=1&an=0&ru=0&mf=0&ns=0",
        assumptions: None,
    },
    Preset {
        name: "deprivation-uplift",
        title: "A 10% uplift per standard deviation of deprivation",
        query: "v=1&dep=0.1",
        assumptions: Some("The 10% uplift per standard deviation of deprivation is an illustrative size, not any proposal's figure."),
    },
    Preset {
        name: "needs-track-deprivation",
        title: "Needs that track deprivation: the additional-needs part at 1.5 times its estimated strength",
        query: "v=1&an=1.5",
        assumptions: Some("The strength of 1.5 is illustrative: no source gives how much more the needs part should rise with deprivation; the part itself is estimated by a fit to the published lists."),
    },
    Preset {
        name: "rurality-halved",
        title: "Rurality halved: the rurality part at half its estimated strength",
        query: "v=1&ru=0.5",
        assumptions: Some("Halving is illustrative, and the rurality part is estimated by a fit to the published lists."),
    },
    Preset {
        name: "need-index",
        title: "NHS England's primary medical care need index in place of the Global Sum formula",
        query: "v=1&fm=pmc",
        assumptions: Some("The need-weighted lists are from the 2022/23 allocations, the year of the payments; 285 practices without one, or whose list changed since the allocations' count, keep their published list."),
    },
    Preset {
        name: "no-turnover-premium",
        title: "No premium for new registrants",
        query: "v=1&lt=0",
        assumptions: None,
    },
    Preset {
        name: "df-april-2018",
        title: "Digital-first: GP at Hand back at its 2016/17 list, then the 23,997 patients it had in April 2018, rules of the time",
        query: "v=1&dfn=23997&dfr=0&dfw=0",
        assumptions: Some("The hospital cost of each out-of-area joiner, carried by the host's commissioner, is an estimate with no verified source, and the dispersion uplift the rurality rule removed is illustrative."),
    },
    Preset {
        name: "df-july-2018",
        title: "Digital-first: the July 2018 proposals (all three rule changes) on GP at Hand's April 2018 list",
        query: "v=1&dfn=23997&dfp=off",
        assumptions: Some("The hospital cost of each out-of-area joiner, carried by the host's commissioner, is an estimate with no verified source."),
    },
    Preset {
        name: "df-november-2019",
        title: "Digital-first: GP at Hand back at its 2016/17 list, then 68,569 joiners under the 2019/20 rules",
        query: "v=1&dfn=68569",
        assumptions: Some("The hospital cost of each out-of-area joiner, carried by the host's commissioner, is an estimate with no verified source."),
    },
    Preset {
        name: "df-2022-23",
        title: "Digital-first: GP at Hand's 2022/23 list rebuilt, 106,936 joiners on its 2016/17 list of 2,549",
        query: "v=1&dfn=106936&dfy=0.86&dfm=0.59&dfj=0.033",
        assumptions: Some("The joiners take the host's own mix (86% aged 15-44 and 59% men in its registrations of December 2025), and only 3.3% of them, its net list growth in 2022/23, earn the new-registrant premium, a floor since its new registrations were not published; the hospital cost of each out-of-area joiner is an estimate with no verified source."),
    },
    Preset {
        name: "networks-2024-25",
        title: "Networks: the real PCNs priced at 2024/25 contract rates",
        query: "v=1&nwy=2024-25",
        assumptions: None,
    },
    Preset {
        name: "networks-40k",
        title: "Networks of about 40,000 patients pooling 10% of core money per weighted patient",
        query: "v=1&nw=auto&nwy=2024-25&nwp=0.1",
        assumptions: Some("Pooling 10% of core money is an illustrative share."),
    },
    Preset {
        name: "family-care-networks",
        title: "Family care networks: core and PCN money by need, 5% at risk",
        query: "v=1&nw=auto&fcn=1&fcp=1&fcr=0.05",
        assumptions: Some("The 5% of the budget at risk on outcomes is an illustrative share."),
    },
    Preset {
        name: "qof-700m",
        title: "QOF successor: £700m a year re-spent per weighted patient",
        query: "v=1&qr=0.9108",
        assumptions: None,
    },
    Preset {
        name: "qof-2025-26",
        title: "QOF 2025/26: £298m of indicators retired, about £100m into the Global Sum",
        query: "v=1&qr=0.3878&qk=0.3356",
        assumptions: None,
    },
    Preset {
        name: "savings-pacs",
        title: "Savings: admissions growing 1.1% not 3.2%, half reinvested in practices",
        query: "v=1&sm=0.011&sr=0.5",
        assumptions: Some("The savings are a projection: the admissions growth reported for the vanguards, applied to the people they covered, and reinvesting half is an illustrative share."),
    },
    Preset {
        name: "savings-mcp",
        title: "Savings: admissions growing 1.9% not 3.2%, half reinvested through networks",
        query: "v=1&sm=0.019&sr=0.5&sw=networks",
        assumptions: Some("The savings are a projection: the admissions growth reported for the vanguards, applied to the people they covered, and reinvesting half is an illustrative share."),
    },
    Preset {
        name: "share-2029",
        title: "New money: the budget growing 3.4% a year, general practice's 6.5% of it paid per weighted patient in 2027/28, against an 11% share by 2029",
        query: "v=1&et=0.11",
        assumptions: Some("The 11% target is the share RCGP and BMA ask for, not a government commitment; growth of 3.4% a year in real terms after the 2018 settlement's years, general practice's 6.5% of new money and paying 2027/28's new money per weighted patient are illustrative choices."),
    },
    Preset {
        name: "share-2035",
        title: "New money: the budget growing 3.4% a year, general practice's 6.5% of it paid per weighted patient in 2027/28, against an 11% share by 2035",
        query: "v=1&et=0.11&ey=2035",
        assumptions: Some("The 11% target is the share RCGP and BMA ask for, not a government commitment; growth of 3.4% a year in real terms after the 2018 settlement's years, general practice's 6.5% of new money and paying 2027/28's new money per weighted patient are illustrative choices."),
    },
    Preset {
        name: "trust-holds-all",
        title: "An acute trust holds all GP money and diverts 10% to hospitals",
        query: "v=1&bh=trust&bs=all&bd=0.1",
        assumptions: Some("Diverting 10% to hospitals is an illustrative share."),
    },
    Preset {
        name: "health-equity-llr",
        title: "Leicester, Leicestershire and Rutland's ICB re-spends 2.57% of its core money (£2.85m) on the practices furthest below their need-based share",
        query: "v=1&hq=0.0257&hi=QK1",
        assumptions: Some("£2.85m a year is the Health Equity Payment reported for 2022 on; here it is top-sliced from the ICB's own practices (the real payment was money the ICB added) and need is the 2022/23 weighted list, not the ICB's own measure of need, so the rule is an illustration."),
    },
    Preset {
        name: "health-equity-every-icb",
        title: "Every ICB re-spends 2.57% of its core money on the practices furthest below their need-based share",
        query: "v=1&hq=0.0257",
        assumptions: Some("The share is Leicester, Leicestershire and Rutland's £2.85m as a share of its core money, applied to every ICB: an illustrative size, top-sliced from each ICB's own practices."),
    },
    Preset {
        name: "core-and-qof",
        title: "QOF pooled with core funding and shared by formula",
        query: "v=1&qof=1&share=formula",
        assumptions: None,
    },
];
