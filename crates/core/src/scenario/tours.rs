//! Guided walk-throughs: each story in a few steps, each step setting the controls (a query
//! string) and pointing at the chart that shows the effect.

/// One step of a tour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub title: &'static str,
    pub text: &'static str,
    /// The scenario this step shows.
    pub query: &'static str,
    /// The element to look at (a chart or card id).
    pub target: &'static str,
}

/// A story told in steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
            },
            Step {
                title: "Add a deprivation uplift",
                text: "Give a practice 10% more weight for each standard deviation its patients are more deprived than average. The pot is fixed, so money moves from the least to the most deprived.",
                query: "v=1&dep=0.1",
                target: "chart-deprivation",
            },
            Step {
                title: "Who gains and who loses",
                text: "Most practices change by less than 5%. The map shows which areas gain and which lose.",
                query: "v=1&dep=0.1",
                target: "chart-map",
            },
        ],
    },
    Tour {
        name: "digital-first",
        title: "The digital-first practice",
        steps: &[
            Step {
                title: "Young patients join one practice",
                text: "By April 2018 GP at Hand had 23,997 patients, most aged 20-39 and living outside Hammersmith and Fulham. Move that many patients to it from London practices, under the rules of the time.",
                query: "v=1&dfn=23997&dfr=0&dfw=0",
                target: "digital-first",
            },
            Step {
                title: "The July 2018 proposals",
                text: "NHS England proposed three changes: rurality only for patients in the catchment, London weighting only for London residents, and no new-registrant premium. See what they do to the host's income.",
                query: "v=1&dfn=23997&dfp=off",
                target: "digital-first",
            },
            Step {
                title: "A list of 68,569",
                text: "By November 2019 the list had grown to 68,569. Its commissioner pays for the out-of-area patients' care until allocations catch up.",
                query: "v=1&dfn=68569",
                target: "digital-first",
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
            },
            Step {
                title: "Networks of about 40,000",
                text: "Build networks of neighbouring practices of about 40,000 patients within each ICB, and pool a tenth of their core money per weighted patient.",
                query: "v=1&nw=auto&nwy=2024-25&nwp=0.1",
                target: "chart-network-sizes",
            },
        ],
    },
    Tour {
        name: "family-care-networks",
        title: "Family care networks",
        steps: &[Step {
            title: "A budget for the population",
            text: "Networks hold a capitation budget for core and PCN money, shared by need, with 5% at risk on outcomes. Compare each network's budget with what its practices receive today.",
            query: "v=1&nw=auto&fcn=1&fcp=1&fcr=0.05",
            target: "networks",
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
            },
            Step {
                title: "A tenth diverted to hospitals",
                text: "If the trust spends a tenth of the GP money on hospital services, it leaves general practice: see the leak and who loses.",
                query: "v=1&bh=trust&bs=all&bd=0.1",
                target: "chart-budget-holder",
            },
        ],
    },
    Tour {
        name: "savings",
        title: "Savings reinvested",
        steps: &[Step {
            title: "Slower growth in emergency admissions",
            text: "Where the new care models held emergency admissions to 1.1% growth a year rather than 3.2%, money was saved. Reinvest half of it in practices.",
            query: "v=1&sm=0.011&sr=0.5",
            target: "chart-savings",
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
            },
            Step {
                title: "The 2025/26 change",
                text: "In 2025/26, £298m of indicators were retired, about £100m of it into the Global Sum.",
                query: "v=1&qr=0.3878&qk=0.3356",
                target: "qof-successor",
            },
        ],
    },
    Tour {
        name: "new-money",
        title: "New money and the primary care share",
        steps: &[
            Step {
                title: "11% by 2029",
                text: "With £20bn more over five years and general practice getting its current share of new money, how far is it from 11% of NHS spending by 2029?",
                query: "v=1&et=0.11",
                target: "chart-primary-care-share",
            },
            Step {
                title: "Or by 2035",
                text: "Pushing the target back to 2035 asks for a smaller step each year; compare the extra money needed.",
                query: "v=1&et=0.11&ey=2035",
                target: "chart-primary-care-share",
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
