//! How sure the headline is: the range its figures take as each input that no official source
//! confirms moves across a stated plausible range, one input at a time, the rest of the scenario
//! as set.

use crate::format::count;
use crate::headline::Headline;
use crate::model::{Model, Outcome};
use crate::scenario::{Scenario, DEFAULT_AGE_SEX_WEIGHTS};

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

/// The inputs moved, and their plausible ranges. The cost of an emergency admission is derived
/// (£2,360 from the NAO's figures, about £2,900 from the Health Foundation's); no published
/// figure was found for the dispersion uplift or for the hospital cost of an out-of-area patient.
///
pub const UNCERTAIN: [Uncertain; 3] = [
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

/// The age-sex weight table (Carr-Hill's, as the Health Foundation's "Level or not?" used it: a
/// secondary source, checked against two public code bases but not the original annex) is also
/// the table the published 2022/23 weighted list is split with, so it is moved in the model as
/// well as in the scenario: the baseline is rebuilt with each alternative table (and still
/// reproduced exactly), and a scenario that keeps the published weights keeps the alternative.
/// The plausible range is illustrative: every weight's distance from the reference cell (men
/// aged 5-14, 1.000) 20% smaller or 20% larger, as no confidence interval was published.
pub const AGE_SEX_GRADIENT: [f64; 2] = [0.8, 1.2];

/// The age-sex input in words, with its range.
pub const AGE_SEX_WHAT: &str = "age-sex weights 20% nearer to or further from the reference cell";

/// Whether the age-sex table the published list is split with can change any practice's money:
/// only where the scenario rebuilds a practice's list from its parts (the rest of the formula
/// scaled, patients moved, or other age-sex weights).
pub fn age_sex_acts(s: &Scenario) -> bool {
    s.needs_strength != 1.0
        || s.formula == crate::scenario::WholeFormula::Own
        || s.age_sex_strength != 1.0
        || s.additional_needs_strength != 1.0
        || s.rurality_strength != 1.0
        || s.area_strength != 1.0
        || s.digital_first.joiners > 0.0
        || s.age_sex_weights != DEFAULT_AGE_SEX_WEIGHTS
}

/// The default weights with every distance from the reference cell scaled by `k`.
pub fn scaled_weights(k: f64) -> [[f64; 7]; 2] {
    DEFAULT_AGE_SEX_WEIGHTS.map(|row| row.map(|w| 1.0 + (w - 1.0) * k))
}

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
    /// The range in a sentence; empty where no unverified input acts in the scenario.
    pub fn text(&self) -> String {
        if self.inputs.is_empty() {
            return String::new();
        }
        let span = |s: Span<usize>| {
            if s.low == s.high {
                count(s.low as u64)
            } else {
                format!("{} to {}", count(s.low as u64), count(s.high as u64))
            }
        };
        let pounds = |s: Span<f64>| {
            let (low, high) = (format!("£{:.2}", s.low), format!("£{:.2}", s.high));
            if low == high {
                low
            } else {
                format!("{low} to {high}")
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
/// two more for each input that acts in it (1 to 9 runs in all).
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
    let mut record = |run: Result<Outcome, crate::model::ModelError>| match run {
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
    };
    let mut inputs = Vec::new();
    for input in UNCERTAIN.iter().filter(|u| (u.acts)(scenario)) {
        inputs.push(input.what);
        for set in [input.low, input.high] {
            let mut variant = scenario.clone();
            set(&mut variant);
            if variant != *scenario {
                record(model.run(&variant));
            }
        }
    }
    if age_sex_acts(scenario) {
        inputs.push(AGE_SEX_WHAT);
        for k in AGE_SEX_GRADIENT {
            let weights = scaled_weights(k);
            let mut variant = scenario.clone();
            if variant.age_sex_weights == DEFAULT_AGE_SEX_WEIGHTS {
                variant.age_sex_weights = weights;
            }
            match model.with_reference_weights(&weights) {
                Some(m) => record(m.run(&variant)),
                None => record(Err(crate::model::ModelError::NotFinite {
                    what: "age-sex weights",
                })),
            }
        }
    }
    range.inputs = inputs;
    range
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_data::{model, outcome};

    #[test]
    fn the_range_holds_the_scenario_and_every_variant() {
        let query = "preset=savings-pacs";
        let scenario = Scenario::from_query(query).unwrap();
        let o = outcome(query);
        let range = headline_range(model(), &scenario, &o);
        // Only the cost of an admission acts here: its two ends and the scenario's own run.
        assert_eq!(range.inputs, vec![UNCERTAIN[0].what]);
        assert_eq!(range.runs, 3);
        assert_eq!(range.refused, 0);
        for set in [UNCERTAIN[0].low, UNCERTAIN[0].high] {
            let mut variant = scenario.clone();
            set(&mut variant);
            let h = Headline::of(&model().run(&variant).unwrap());
            assert!(range.gainers.low <= h.gainers && h.gainers <= range.gainers.high);
            let most = h.most_deprived_per_weighted.1;
            assert!(
                range.most_deprived_per_weighted.low <= most
                    && most <= range.most_deprived_per_weighted.high
            );
        }
        // Dearer admissions save more, so more money reaches practices.
        assert!(range.least_deprived_per_weighted.low < range.least_deprived_per_weighted.high);
        let text = range.text();
        assert!(text.starts_with("How sure: "), "{text}");
        assert!(
            text.contains("£1,500 to £3,000 per emergency admission"),
            "{text}"
        );
    }

    #[test]
    fn inputs_whose_stories_are_off_give_no_range() {
        // With no savings and no digital-first practice, no unverified input acts: one run, and
        // nothing to say.
        for query in ["", "v=1&dep=0.1", "preset=trust-holds-all"] {
            let scenario = Scenario::from_query(query).unwrap();
            let range = headline_range(model(), &scenario, &outcome(query));
            assert_eq!(range.runs, 1, "{query}");
            assert_eq!(range.text(), "", "{query}");
        }
        let april = Scenario::from_query("preset=df-april-2018").unwrap();
        let acting: Vec<_> = UNCERTAIN
            .iter()
            .filter(|u| (u.acts)(&april))
            .map(|u| u.what)
            .collect();
        assert_eq!(
            acting.len(),
            2,
            "the dispersion uplift and the hospital cost: {acting:?}"
        );
        assert!(
            age_sex_acts(&april),
            "patients move: the age-sex table acts"
        );
    }

    #[test]
    fn other_age_sex_weights_rebuild_the_same_baseline_and_move_what_rebuilds_lists() {
        let baseline = Scenario::default();
        for k in AGE_SEX_GRADIENT {
            let m = model().with_reference_weights(&scaled_weights(k)).unwrap();
            // The published list is split differently, but the baseline is paid as published.
            let mut same = baseline.clone();
            same.age_sex_weights = scaled_weights(k);
            let o = m.run(&same).unwrap();
            assert!(o.practices.iter().all(|r| r.change_pence() == 0), "{k}");
        }
        // The rest of the formula switched off: a list is its age-sex part alone, so the table
        // it is split with moves the result; the published weights' own run lies inside.
        let query = "v=1&an=0&ru=0&mf=0&ns=0";
        let scenario = Scenario::from_query(query).unwrap();
        let range = headline_range(model(), &scenario, &outcome(query));
        assert_eq!(range.inputs, vec![AGE_SEX_WHAT]);
        assert_eq!((range.runs, range.refused), (3, 0));
        let most = range.most_deprived_per_weighted;
        assert!(most.high - most.low > 0.5, "{most:?}");
        assert!(range.text().contains(AGE_SEX_WHAT), "{}", range.text());
        // With a steeper gradient the older, less deprived lists weigh more, so the most
        // deprived fifth falls further.
        let steep = model()
            .with_reference_weights(&scaled_weights(1.2))
            .unwrap()
            .run(&Scenario {
                age_sex_weights: scaled_weights(1.2),
                ..scenario.clone()
            })
            .unwrap();
        let h = Headline::of(&steep);
        let own = Headline::of(&outcome(query));
        assert!(h.most_deprived_per_weighted.1 < own.most_deprived_per_weighted.1);
    }
}
