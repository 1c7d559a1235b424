//! How sure the headline is: the range its figures take as each input that no official source
//! confirms moves across a stated plausible range, one input at a time, the rest of the scenario
//! as set.

use crate::format::count;
use crate::headline::Headline;
use crate::model::{Model, Outcome};
use crate::scenario::Scenario;

/// An input no official source confirms, and the plausible range it is moved across.
#[derive(Debug, Clone, Copy)]
pub struct Uncertain {
    /// What moves, in words, with its range.
    pub what: &'static str,
    /// Whether the input can change any practice's money in a scenario (its story is on).
    pub acts: fn(&Scenario) -> bool,
    /// The scenario at the low and at the high end of the range.
    pub low: fn(&mut Scenario),
    pub high: fn(&mut Scenario),
}

/// Scales the age-sex weights of people aged 65 and over (bands 65-74, 75-84, 85+).
fn scale_old_age(s: &mut Scenario, factor: f64) {
    for sex in s.age_sex_weights.iter_mut() {
        for w in sex.iter_mut().skip(4) {
            *w = (*w * factor).clamp(0.0, 10.0);
        }
    }
}

/// The inputs moved, and their plausible ranges. The age-sex weights come from a secondary
/// source not checked against the official table; the cost of an emergency admission is derived
/// (£2,360 from the NAO's figures, about £2,900 from the Health Foundation's); no published
/// figure was found for the dispersion uplift or for the hospital cost of an out-of-area patient.
pub const UNCERTAIN: [Uncertain; 4] = [
    Uncertain {
        what: "the age-sex weights of people aged 65 and over 10% lower or higher",
        acts: |_| true,
        low: |s| scale_old_age(s, 0.9),
        high: |s| scale_old_age(s, 1.1),
    },
    Uncertain {
        what: "£1,500 to £3,000 per emergency admission",
        acts: |s| s.savings.active(),
        low: |s| s.savings.cost_per_admission = 1_500.0,
        high: |s| s.savings.cost_per_admission = 3_000.0,
    },
    Uncertain {
        what: "a dispersion uplift of 0 to 30%",
        acts: |s| s.digital_first.joiners > 0.0 && !s.digital_first.rurality_catchment_only,
        low: |s| s.digital_first.dispersion_uplift = 0.0,
        high: |s| s.digital_first.dispersion_uplift = 0.3,
    },
    Uncertain {
        what: "£0 to £2,000 hospital cost per out-of-area joiner",
        acts: |s| s.digital_first.joiners > 0.0,
        low: |s| s.digital_first.cost_per_head = 0.0,
        high: |s| s.digital_first.cost_per_head = 2_000.0,
    },
];

/// The smallest and largest value a headline figure takes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span<T> {
    pub low: T,
    pub high: T,
}

impl<T: PartialOrd + Copy> Span<T> {
    fn of(v: T) -> Span<T> {
        Span { low: v, high: v }
    }

    fn take(&mut self, v: T) {
        if v < self.low {
            self.low = v;
        }
        if v > self.high {
            self.high = v;
        }
    }
}

/// The headline's range over the scenario and every input at each end of its range.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadlineRange {
    pub gainers: Span<usize>,
    pub losers: Span<usize>,
    /// £ per weighted patient (on the fixed yardstick) in the scenario.
    pub least_deprived_per_weighted: Span<f64>,
    pub most_deprived_per_weighted: Span<f64>,
    /// The inputs that act in the scenario and were moved, in words with their ranges.
    pub inputs: Vec<&'static str>,
    /// Model runs the range is taken over, the scenario's own included.
    pub runs: usize,
    /// Variants that could not be run (left out of the range).
    pub refused: usize,
}

impl HeadlineRange {
    /// The range in a sentence.
    pub fn text(&self) -> String {
        let span = |s: Span<usize>| {
            if s.low == s.high {
                count(s.low as u64)
            } else {
                format!("{} to {}", count(s.low as u64), count(s.high as u64))
            }
        };
        let pounds = |s: Span<f64>| {
            if (s.high - s.low).abs() < 0.005 {
                format!("£{:.2}", s.low)
            } else {
                format!("£{:.2} to £{:.2}", s.low, s.high)
            }
        };
        format!(
            "How sure: as the unverified inputs that act here move across plausible ranges ({}), {} practices gain and {} lose; the least deprived fifth gets {} per weighted patient and the most deprived {}.",
            self.inputs.join("; "),
            span(self.gainers),
            span(self.losers),
            pounds(self.least_deprived_per_weighted),
            pounds(self.most_deprived_per_weighted),
        )
    }
}

/// The headline's range for `scenario`, whose own outcome is `outcome`: the scenario's run and
/// two more for each input that acts in it (3 to 9 runs in all).
pub fn headline_range(model: &Model, scenario: &Scenario, outcome: &Outcome) -> HeadlineRange {
    let first = Headline::of(outcome);
    let mut range = HeadlineRange {
        gainers: Span::of(first.gainers),
        losers: Span::of(first.losers),
        least_deprived_per_weighted: Span::of(first.least_deprived_per_weighted.1),
        most_deprived_per_weighted: Span::of(first.most_deprived_per_weighted.1),
        inputs: Vec::new(),
        runs: 1,
        refused: 0,
    };
    for input in UNCERTAIN.iter().filter(|u| (u.acts)(scenario)) {
        range.inputs.push(input.what);
        for set in [input.low, input.high] {
            let mut variant = scenario.clone();
            set(&mut variant);
            if variant == *scenario {
                continue;
            }
            match model.run(&variant) {
                Ok(o) => {
                    let h = Headline::of(&o);
                    range.gainers.take(h.gainers);
                    range.losers.take(h.losers);
                    range
                        .least_deprived_per_weighted
                        .take(h.least_deprived_per_weighted.1);
                    range
                        .most_deprived_per_weighted
                        .take(h.most_deprived_per_weighted.1);
                    range.runs += 1;
                }
                Err(_) => range.refused += 1,
            }
        }
    }
    range
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_data::{model, outcome};

    #[test]
    fn the_range_holds_the_scenario_and_every_variant() {
        let scenario = Scenario::from_query("v=1&ns=0").unwrap();
        let o = outcome("v=1&ns=0");
        let range = headline_range(model(), &scenario, &o);
        let h = Headline::of(&o);
        assert!(range.gainers.low <= h.gainers && h.gainers <= range.gainers.high);
        // Only the age-sex weights change who gains here (no savings, no digital-first
        // practice), so the range is their two runs and the scenario's own.
        let mut older = scenario.clone();
        (UNCERTAIN[0].high)(&mut older);
        let heavier = Headline::of(&model().run(&older).unwrap());
        assert!(range.gainers.low <= heavier.gainers && heavier.gainers <= range.gainers.high);
        assert!(range.gainers.low < range.gainers.high, "{range:?}");
        assert_eq!(range.runs, 3);
        assert_eq!(range.refused, 0);
        let text = range.text();
        assert!(text.contains(&format!(
            "{} to {} practices gain",
            count(range.gainers.low as u64),
            count(range.gainers.high as u64)
        )));
    }

    #[test]
    fn inputs_whose_stories_are_off_leave_the_headline_where_it_is() {
        // With no savings and no digital-first practice, the cost of an admission, the
        // dispersion uplift and the hospital cost act on no practice.
        let base = Headline::of(&outcome(""));
        for input in &UNCERTAIN[1..] {
            for set in [input.low, input.high] {
                let mut variant = Scenario::default();
                set(&mut variant);
                let h = Headline::of(&model().run(&variant).unwrap());
                assert_eq!(h, base, "{}", input.what);
            }
        }
        assert!(!UNCERTAIN[1..]
            .iter()
            .any(|u| (u.acts)(&Scenario::default())));
        let savings = Scenario::from_query("preset=savings-pacs").unwrap();
        assert!((UNCERTAIN[1].acts)(&savings));
        // The age-sex weights do act, even on the baseline's own sharing.
        let mut older = Scenario::default();
        (UNCERTAIN[0].high)(&mut older);
        assert_ne!(Headline::of(&model().run(&older).unwrap()), base);
    }
}
