//! Guided walk-throughs: each story in a few steps, each step setting the controls (a query
//! string) and pointing at the chart that shows the effect.

/// One step of a tour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    pub title: &'static str,
    pub text: &'static str,
    /// The scenario this step shows.
    pub query: &'static str,
    /// The element to look at (a chart or card id).
    pub target: &'static str,
    /// What the title and text state, each checked against the model's outcome for the step
    /// (`crate::claims`); every figure they show must be vouched for by one of these.
    pub claims: &'static [Claim],
}

/// A statement of a tour step that the model's outcome for the step can confirm or refute.
/// `shown` is the figure as the step's text writes it ("£171", "10%", "2,681").
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Claim {
    /// A setting of the step: parameter `key` is `value`.
    Setting {
        key: &'static str,
        value: f64,
        shown: &'static str,
    },
    /// £ per weighted patient of an IMD fifth (1 = least deprived) in 2022/23, to the pound.
    BaselinePerWeighted { fifth: usize, shown: &'static str },
    /// Money moves from the least deprived fifth to the most deprived.
    MoneyMovesToMostDeprived,
    /// The share of practices with patients whose payments change by less than 5% lies
    /// between `low` and `high`.
    ShareChangingUnder5Pct {
        low: f64,
        high: f64,
        shown: &'static str,
    },
    /// Exactly this many practices' payments change by more than 5%.
    PracticesChangingOver5Pct { count: usize, shown: &'static str },
    /// Exactly this many networks.
    Networks { count: usize, shown: &'static str },
    /// The digital-first host starts from a list of this many patients, before it went
    /// digital-first.
    HostListBefore { shown: &'static str },
    /// No practice's total payments change.
    NoPracticeChanges,
    /// QOF money retired, £m, to the nearest million.
    QofRetiredMillions { millions: i64, shown: &'static str },
    /// QOF money spent again by the chosen base, £m, to the nearest million.
    QofRespentMillions { millions: i64, shown: &'static str },
    /// In no year is more extra money needed to be on the target path than under the scenario
    /// of `query`, and in every year before the paths meet less is needed.
    LessExtraEachYearThan { query: &'static str },
}

impl Claim {
    /// The figure the claim vouches for, as the text writes it; empty for a claim of direction.
    pub fn shown(&self) -> &'static str {
        match self {
            Claim::Setting { shown, .. }
            | Claim::BaselinePerWeighted { shown, .. }
            | Claim::ShareChangingUnder5Pct { shown, .. }
            | Claim::PracticesChangingOver5Pct { shown, .. }
            | Claim::Networks { shown, .. }
            | Claim::HostListBefore { shown }
            | Claim::QofRetiredMillions { shown, .. }
            | Claim::QofRespentMillions { shown, .. } => shown,
            Claim::MoneyMovesToMostDeprived
            | Claim::NoPracticeChanges
            | Claim::LessExtraEachYearThan { .. } => "",
        }
    }
}

/// The figures a text states: amounts, counts and percentages (`£171`, `23,997`, `1.1%`,
/// `£700m`), leaving out years (`2018`, `2024/25`) and ranges of ages (`20-39`).
pub fn figures(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let pound = chars[i] == '£' && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit());
        let starts = chars[i].is_ascii_digit()
            && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '-'));
        if !(pound || starts) {
            i += 1;
            continue;
        }
        let start = i;
        i += usize::from(pound);
        while i < chars.len()
            && (chars[i].is_ascii_digit()
                || (matches!(chars[i], ',' | '.')
                    && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit())))
        {
            i += 1;
        }
        // A range (20-39) or a financial year (2024/25) is not a figure the model states.
        if matches!(chars.get(i), Some('-' | '/'))
            && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit())
        {
            i += 1;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            continue;
        }
        for suffix in ["%", "bn", "m"] {
            let s: Vec<char> = suffix.chars().collect();
            let end = i + s.len();
            if chars.get(i..end) == Some(&s[..])
                && !chars.get(end).is_some_and(|c| c.is_alphanumeric())
            {
                i = end;
                break;
            }
        }
        let token: String = chars[start..i].iter().collect();
        let year = !pound
            && token.len() == 4
            && token
                .parse::<u32>()
                .is_ok_and(|y| (1990..=2040).contains(&y));
        if !year {
            out.push(token);
        }
    }
    out
}

/// A story told in steps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tour {
    pub name: &'static str,
    pub title: &'static str,
    pub steps: &'static [Step],
}

/// Every tour.
pub const TOURS: &[Tour] = &[
    Tour {
        name: "fairness",
        title: "Fairness by deprivation",
        steps: &[
            Step {
                title: "Money follows weighted patients",
                text: "Each practice is paid mostly by its weighted list: patients counted more when they are older, sicker or harder to serve. In 2022/23 practices in the least deprived fifth got about £171 per weighted patient; the most deprived fifth, about £156.",
                query: "",
                target: "chart-deprivation-quintile",
                claims: &[
                    Claim::BaselinePerWeighted { fifth: 1, shown: "£171" },
                    Claim::BaselinePerWeighted { fifth: 5, shown: "£156" },
                ],
            },
            Step {
                title: "Add a deprivation uplift",
                text: "Give a practice 10% more weight (an illustrative size) for each standard deviation its patients are more deprived than average. The pot is fixed, so money moves from the least to the most deprived.",
                query: "v=1&dep=0.1",
                target: "chart-deprivation",
                claims: &[
                    Claim::Setting { key: "dep", value: 0.1, shown: "10%" },
                    Claim::MoneyMovesToMostDeprived,
                ],
            },
            Step {
                title: "Who gains and who loses",
                text: "Almost three practices in five change by less than 5%; the other 2,681 change by more. The map shows which areas gain and which lose.",
                query: "v=1&dep=0.1",
                target: "chart-map",
                claims: &[
                    Claim::ShareChangingUnder5Pct { low: 0.55, high: 0.6, shown: "5%" },
                    Claim::PracticesChangingOver5Pct { count: 2_681, shown: "2,681" },
                ],
            },
        ],
    },
    Tour {
        name: "digital-first",
        title: "The digital-first practice",
        steps: &[
            Step {
                title: "Young patients join one practice",
                text: "GP at Hand goes back to its 2016/17 list of 2,549 patients, before it went digital-first, and the rest of its list returns to London practices. Then the 23,997 patients it had by April 2018, most aged 20-39 and living outside Hammersmith and Fulham, move to it from London practices, under the rules of the time.",
                query: "v=1&dfn=23997&dfr=0&dfw=0",
                target: "digital-first",
                claims: &[
                    Claim::HostListBefore { shown: "2,549" },
                    Claim::Setting { key: "dfn", value: 23_997.0, shown: "23,997" },
                ],
            },
            Step {
                title: "The July 2018 proposals",
                text: "NHS England proposed three changes: rurality only for patients in the catchment, London weighting only for London residents, and no new-registrant premium. See what they do to the host's income, and to a practice made only of joiners.",
                query: "v=1&dfn=23997&dfp=off",
                target: "digital-first",
                claims: &[],
            },
            Step {
                title: "A list of 68,569",
                text: "By November 2019 the list had grown to 68,569. Its commissioner pays for the out-of-area patients' care until allocations catch up.",
                query: "v=1&dfn=68569",
                target: "digital-first",
                claims: &[Claim::Setting { key: "dfn", value: 68_569.0, shown: "68,569" }],
            },
        ],
    },
    Tour {
        name: "networks",
        title: "Networks of 30,000 to 50,000",
        steps: &[
            Step {
                title: "The real primary care networks",
                text: "Practices work in 1,273 networks. Priced at 2024/25 contract rates, each gets money per registered and per weighted patient, and an allowance for extra staff.",
                query: "v=1&nwy=2024-25",
                target: "networks",
                claims: &[Claim::Networks { count: 1_273, shown: "1,273" }],
            },
            Step {
                title: "Networks of about 40,000",
                text: "Build networks of neighbouring practices of about 40,000 patients within each ICB, and pool a tenth of their core money (an illustrative share) per weighted patient.",
                query: "v=1&nw=auto&nwy=2024-25&nwp=0.1",
                target: "chart-network-sizes",
                claims: &[
                    Claim::Setting { key: "nws", value: 40_000.0, shown: "40,000" },
                    Claim::Setting { key: "nwp", value: 0.1, shown: "" },
                ],
            },
        ],
    },
    Tour {
        name: "family-care-networks",
        title: "Family care networks",
        steps: &[Step {
            title: "A budget for the population",
            text: "Networks hold a capitation budget for core and PCN money, shared by need, with 5% at risk on outcomes (an illustrative share). Compare each network's budget with what its practices receive today.",
            query: "v=1&nw=auto&fcn=1&fcp=1&fcr=0.05",
            target: "networks",
            claims: &[Claim::Setting { key: "fcr", value: 0.05, shown: "5%" }],
        }],
    },
    Tour {
        name: "budget-holder",
        title: "Hospitals holding the budget",
        steps: &[
            Step {
                title: "All GP money through an acute trust",
                text: "An acute trust holds the whole budget, GP money included. With no diversion, practices get what they got before.",
                query: "v=1&bh=trust&bs=all",
                target: "chart-budget-holder",
                claims: &[Claim::NoPracticeChanges],
            },
            Step {
                title: "A tenth diverted to hospitals",
                text: "Suppose the trust spends a tenth of the GP money on hospital services (an illustrative share): it leaves general practice. See the leak and who loses.",
                query: "v=1&bh=trust&bs=all&bd=0.1",
                target: "chart-budget-holder",
                claims: &[Claim::Setting { key: "bd", value: 0.1, shown: "" }],
            },
        ],
    },
    Tour {
        name: "savings",
        title: "Savings reinvested",
        steps: &[Step {
            title: "Slower growth in emergency admissions",
            text: "Suppose emergency admissions grew 1.1% a year rather than 3.2% among the 5 million people the vanguards covered, and half of what that would save were reinvested in practices. The savings are a projection on these assumptions, not money saved.",
            query: "v=1&sm=0.011&sr=0.5",
            target: "chart-savings",
            claims: &[
                Claim::Setting { key: "sm", value: 0.011, shown: "1.1%" },
                Claim::Setting { key: "sg", value: 0.032, shown: "3.2%" },
                Claim::Setting { key: "sp", value: 5.0, shown: "5" },
                Claim::Setting { key: "sr", value: 0.5, shown: "" },
            ],
        }],
    },
    Tour {
        name: "qof",
        title: "The QOF successor",
        steps: &[
            Step {
                title: "£700m a year re-spent",
                text: "Retire most of QOF and pay the money per weighted patient, as the Global Sum is. The deprivation chart shows who gains.",
                query: "v=1&qr=0.9108",
                target: "chart-deprivation-quintile",
                claims: &[
                    Claim::QofRetiredMillions { millions: 700, shown: "£700m" },
                    Claim::QofRespentMillions { millions: 700, shown: "£700m" },
                ],
            },
            Step {
                title: "The 2025/26 change",
                text: "In 2025/26, £298m of indicators were retired, about £100m of it into the Global Sum.",
                query: "v=1&qr=0.3878&qk=0.3356",
                target: "qof-successor",
                claims: &[
                    Claim::QofRetiredMillions { millions: 298, shown: "£298m" },
                    Claim::QofRespentMillions { millions: 100, shown: "£100m" },
                ],
            },
        ],
    },
    Tour {
        name: "new-money",
        title: "New money and the primary care share",
        steps: &[
            Step {
                title: "11% by 2029",
                text: "With NHS England's spending growing 3.4% a year in real terms (the 2018 settlement's rate, assumed for every year) and general practice getting 6.5% of the new money, about its 2022/23 share (an illustrative choice), how far is it from 11% of that spending by 2029 (the share RCGP and BMA ask for, not a government commitment)?",
                query: "v=1&et=0.11",
                target: "chart-primary-care-share",
                claims: &[
                    Claim::Setting { key: "eg", value: 0.034, shown: "3.4%" },
                    Claim::Setting { key: "ep", value: 0.065, shown: "6.5%" },
                    Claim::Setting { key: "et", value: 0.11, shown: "11%" },
                ],
            },
            Step {
                title: "Or by 2035",
                text: "Pushing the target back to 2035 asks for less extra money in every year until the two paths meet; compare the extra money needed.",
                query: "v=1&et=0.11&ey=2035",
                target: "chart-primary-care-share",
                claims: &[Claim::LessExtraEachYearThan { query: "v=1&et=0.11" }],
            },
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{parameter, Kind, Scenario, VIEW_KEYS};

    #[test]
    fn every_step_is_a_valid_scenario() {
        for tour in TOURS {
            assert!(!tour.steps.is_empty());
            for step in tour.steps {
                assert!(
                    Scenario::from_query(step.query).is_ok(),
                    "{}: {}",
                    tour.name,
                    step.title
                );
            }
        }
    }

    #[test]
    fn every_key_a_tour_sets_is_in_the_table_and_in_range() {
        for tour in TOURS {
            for step in tour.steps {
                for (key, value) in form_urlencoded::parse(step.query.as_bytes()) {
                    if key == "v" || VIEW_KEYS.contains(&key.as_ref()) {
                        continue;
                    }
                    let p = parameter(&key)
                        .unwrap_or_else(|| panic!("{}: '{key}' is not a parameter", tour.name));
                    if let Kind::Number { min, max, .. } = p.kind() {
                        let v: f64 = value.parse().unwrap();
                        assert!((min..=max).contains(&v), "{}: {key}={value}", tour.name);
                    }
                    assert!(
                        p.set(&mut Scenario::default(), &value).is_ok(),
                        "{}: {key}={value}",
                        tour.name
                    );
                }
            }
        }
    }
}
