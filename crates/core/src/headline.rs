//! What a scenario is called and what it does, in a sentence or two: the headline above the
//! charts.

use crate::format::{count, pounds};
use crate::model::Outcome;
use crate::scenario::{PotMode, Scenario, PRESETS};

/// The scenario's name: a preset's title, the baseline, or "Custom scenario".
pub fn scenario_name(s: &Scenario) -> String {
    if s.is_default() {
        return "2022/23 as paid".to_string();
    }
    let query = s.to_query();
    PRESETS
        .iter()
        .find(|p| p.query == query)
        .map_or_else(|| "Custom scenario".to_string(), |p| p.title.to_string())
}

/// What in the scenario is an assumption rather than a published figure, when it is one of
/// the presets that rests on one.
pub fn scenario_assumptions(s: &Scenario) -> Option<&'static str> {
    let query = s.to_query();
    PRESETS
        .iter()
        .find(|p| p.query == query)
        .and_then(|p| p.assumptions)
}

/// The figures the headline states.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Headline {
    /// Practices gaining at least 0.1% of their NHS payments.
    pub gainers: usize,
    /// Practices losing at least 0.1%.
    pub losers: usize,
    /// Money per weighted patient in the least deprived fifth of practices, £: (now, scenario).
    pub least_deprived_per_weighted: (f64, f64),
    /// The same in the most deprived fifth, £.
    pub most_deprived_per_weighted: (f64, f64),
    /// The pot shared, pence.
    pub pot_pence: i64,
    pub pot_mode: PotMode,
    /// What was paid out of the pot (differs from the pot at a fixed price), pence.
    pub allocated_pence: i64,
    /// New money the floor costs, pence, and the practices it tops up.
    pub floor_cost_pence: i64,
    pub floor_practices: usize,
    /// The spending path's new money paid to practices, pence, and the first calendar year of
    /// the financial year it is that year's (2027 is 2027/28).
    pub new_money: (i64, u32),
    /// Core funding moved to an integrated health organisation, pence, and by which year.
    pub core_moved: (i64, u32),
}

impl Headline {
    /// The headline's figures from an outcome. An outcome without deprivation fifths (one with
    /// no practices) gives £0 for them.
    pub fn of(o: &Outcome) -> Headline {
        let fifth = |i: usize| {
            o.by_imd_quintile.get(i).map_or((0.0, 0.0), |g| {
                (g.baseline_per_weighted(), g.scenario_per_weighted())
            })
        };
        Headline {
            gainers: o.gainers(),
            losers: o.losers(),
            least_deprived_per_weighted: fifth(0),
            most_deprived_per_weighted: fifth(4),
            pot_pence: o.pot.baseline_pence,
            pot_mode: o.pot.mode,
            allocated_pence: o.pot.allocated_pence,
            floor_cost_pence: o.pot.floor_cost_pence,
            floor_practices: o.pot.floor_practices,
            new_money: o
                .new_money
                .map_or((0, 0), |n| (n.paid_to_practices_pence, n.year)),
            core_moved: o
                .core_shift
                .as_ref()
                .map_or((0, 0), |c| (c.moved_pence, c.year)),
        }
    }

    /// The headline in words: who gains and loses, and what the pot did.
    pub fn text(&self) -> String {
        let (least_now, least) = self.least_deprived_per_weighted;
        let (most_now, most) = self.most_deprived_per_weighted;
        let mut text = format!(
            "{} at least 0.1% of their NHS payments. Money per weighted patient, on the published 2022/23 weighted list: least deprived fifth £{least:.2}, most deprived fifth £{most:.2} (£{least_now:.2} and £{most_now:.2} now).",
            crate::format::gain_and_lose(self.gainers, self.losers),
        );
        text += &format!(
            " Pot: {} shared ({}).",
            pounds(self.pot_pence),
            match self.pot_mode {
                PotMode::FixedPot => "fixed pot".to_string(),
                PotMode::FixedPrice =>
                    format!("fixed price; {} paid", pounds(self.allocated_pence)),
            }
        );
        if self.floor_cost_pence > 0 {
            text += &format!(
                " The floor costs {} of new money for {} practices.",
                pounds(self.floor_cost_pence),
                count(self.floor_practices as u64)
            );
        }
        let year = |y: u32| format!("{y}/{:02}", (y + 1) % 100);
        if self.new_money.0 > 0 {
            text += &format!(
                " The spending path's new money of {}, {} in 2022/23 prices, is paid to practices: each gains in cash, so compare the change per weighted patient.",
                year(self.new_money.1),
                pounds(self.new_money.0)
            );
        }
        if self.core_moved.0 > 0 {
            text += &format!(
                " {} of core funding has moved to the trust by {}.",
                pounds(self.core_moved.0),
                year(self.core_moved.1)
            );
        }
        text
    }
}

/// The headline of an outcome in words (see [`Headline`]).
pub fn headline(o: &Outcome) -> String {
    Headline::of(o).text()
}

/// What a scenario does in one plain sentence: who gains and who loses, and what happens to
/// the most deprived fifth of practices. It is every chart's description (its alt text) and
/// goes with a chart wherever it is embedded or saved.
pub fn result_sentence(o: &Outcome) -> String {
    let (gainers, losers) = (o.gainers(), o.losers());
    let who = if gainers == 0 && losers == 0 {
        "no practice gains or loses as much as 0.1% of its NHS payments".to_string()
    } else {
        format!(
            "{} at least 0.1% of their NHS payments",
            crate::format::gain_and_lose(gainers, losers)
        )
    };
    let fifth = o.by_imd_quintile.get(4).map_or(0.0, |g| g.change_pct());
    let rounded = (fifth * 10.0).round() / 10.0;
    let most = if rounded > 0.0 {
        format!("gain {rounded:.1}% in all")
    } else if rounded < 0.0 {
        format!("lose {:.1}% in all", -rounded)
    } else {
        "see no change in all".to_string()
    };
    format!("Under this scenario {who}; practices in the most deprived fifth of areas {most}.")
}

/// What B does against A, in plain sentences, from an outcome of B against A (see
/// [`crate::model::compare()`]): which practices get more under which, what happens to the most
/// and least deprived fifths, and their money per weighted patient under each. `a` and `b` are
/// the scenarios' names.
pub fn compare_sentence(o: &Outcome, a: &str, b: &str) -> String {
    let (more, less) = (o.gainers(), o.losers());
    let practices = |n: usize| {
        format!(
            "{} practice{}",
            count(n as u64),
            if n == 1 { "" } else { "s" }
        )
    };
    let who = if more == 0 && less == 0 {
        format!("Under B ({b}) no practice gets as much as 0.1% more or less than under A ({a})")
    } else {
        format!(
            "Under B ({b}), {} get at least 0.1% more than under A ({a}) and {} get at least 0.1% less",
            practices(more),
            practices(less)
        )
    };
    let fifth = |i: usize| {
        let change = o.by_imd_quintile.get(i).map_or(0.0, |g| g.change_pct());
        let rounded = (change * 10.0).round() / 10.0;
        if rounded > 0.0 {
            format!("gets {rounded:.1}% more")
        } else if rounded < 0.0 {
            format!("gets {:.1}% less", -rounded)
        } else {
            "gets the same".to_string()
        }
    };
    let per = |i: usize| {
        o.by_imd_quintile.get(i).map_or((0.0, 0.0), |g| {
            (g.baseline_per_weighted(), g.scenario_per_weighted())
        })
    };
    let ((most_a, most_b), (least_a, least_b)) = (per(4), per(0));
    format!(
        "{who}; the most deprived fifth of practices {} in all, the least deprived fifth {}. Money per weighted patient, on the published 2022/23 weighted list: most deprived fifth £{most_b:.2} under B and £{most_a:.2} under A, least deprived fifth £{least_b:.2} and £{least_a:.2}.",
        fifth(4),
        fifth(0)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_data::outcome;

    #[test]
    fn the_comparison_says_which_practices_do_better_under_which() {
        let (a, b) = (outcome("preset=age-only"), outcome("preset=need-index"));
        let c = crate::model::compare(&a, &b).unwrap();
        let text = compare_sentence(&c, "Age only", "Need index");
        let most = &c.by_imd_quintile[4];
        let expected_start = format!(
            "Under B (Need index), {} practices get at least 0.1% more than under A (Age only) and {} practices get at least 0.1% less; the most deprived fifth of practices gets {:.1}% {} in all",
            count(c.gainers() as u64),
            count(c.losers() as u64),
            most.change_pct().abs(),
            if most.change_pct() > 0.0 { "more" } else { "less" }
        );
        assert!(text.starts_with(&expected_start), "{text}");
        // The most deprived fifth's money under B is B's own figure, under A A's.
        assert!(text.contains(&format!(
            "most deprived fifth £{:.2} under B and £{:.2} under A",
            b.by_imd_quintile[4].scenario_per_weighted(),
            a.by_imd_quintile[4].scenario_per_weighted()
        )));
        let same = crate::model::compare(&a, &a).unwrap();
        assert!(compare_sentence(&same, "X", "X").starts_with(
            "Under B (X) no practice gets as much as 0.1% more or less than under A (X); the most deprived fifth of practices gets the same in all, the least deprived fifth gets the same."
        ));
    }

    #[test]
    fn the_headline_states_the_outcome_s_figures() {
        for preset in ["age-only", "deprivation-uplift", "qof-700m"] {
            let o = outcome(&format!("preset={preset}"));
            let h = Headline::of(&o);
            let bins = o.winners_losers.map(|b| b.practices);
            assert_eq!(h.gainers, bins[0] + bins[1], "{preset}");
            assert_eq!(h.losers, bins[3] + bins[4], "{preset}");
            let (least, most) = (&o.by_imd_quintile[0], &o.by_imd_quintile[4]);
            assert_eq!(
                h.least_deprived_per_weighted,
                (least.baseline_per_weighted(), least.scenario_per_weighted())
            );
            assert_eq!(
                h.most_deprived_per_weighted,
                (most.baseline_per_weighted(), most.scenario_per_weighted())
            );
            assert_eq!(h.pot_pence, o.pot.baseline_pence);
            let text = headline(&o);
            assert!(text.starts_with(&format!(
                "{} practices gain and {} lose at least 0.1%",
                count(h.gainers as u64),
                count(h.losers as u64)
            )));
            assert!(text.contains(&format!(
                "least deprived fifth £{:.2}, most deprived fifth £{:.2} (£{:.2} and £{:.2} now)",
                least.scenario_per_weighted(),
                most.scenario_per_weighted(),
                least.baseline_per_weighted(),
                most.baseline_per_weighted()
            )));
            assert!(text.ends_with(&format!(
                " Pot: {} shared (fixed pot).",
                pounds(o.pot.baseline_pence)
            )));
        }
    }

    #[test]
    fn age_only_moves_money_both_ways() {
        let o = outcome("preset=age-only");
        let h = Headline::of(&o);
        assert!(h.gainers > 1000 && h.losers > 1000, "{h:?}");
        assert!(h.gainers + h.losers <= o.national.practices);
        let text = headline(&o);
        assert!(
            text.starts_with("3,089 practices gain and 3,201 lose"),
            "{text}"
        );
    }

    #[test]
    fn the_baseline_moves_nobody() {
        let text = headline(&outcome(""));
        assert!(text.starts_with("0 practices gain and 0 lose"), "{text}");
    }

    #[test]
    fn a_fixed_price_and_a_floor_are_stated() {
        let mut o = Outcome::empty();
        o.pot.mode = PotMode::FixedPrice;
        o.pot.baseline_pence = 123_456_789;
        o.pot.allocated_pence = 130_000_000;
        o.pot.floor_cost_pence = 250_000;
        o.pot.floor_practices = 1234;
        let text = headline(&o);
        assert!(
            text.contains(" Pot: £1,234,567.89 shared (fixed price; £1,300,000.00 paid)."),
            "{text}"
        );
        assert!(
            text.ends_with(" The floor costs £2,500.00 of new money for 1,234 practices."),
            "{text}"
        );
    }

    #[test]
    fn new_money_and_core_moved_to_the_trust_are_stated() {
        let o = outcome("preset=share-2029");
        let paid = o
            .new_money
            .expect("the path is in use")
            .paid_to_practices_pence;
        assert!(headline(&o).ends_with(&format!(
            " The spending path's new money of 2027/28, {} in 2022/23 prices, is paid to practices: each gains in cash, so compare the change per weighted patient.",
            pounds(paid)
        )));
        let o = outcome("v=1&bh=trust&bk=0.05&ew=3");
        let moved = o.core_shift.as_ref().expect("core moves").moved_pence;
        assert!(headline(&o).ends_with(&format!(
            " {} of core funding has moved to the trust by 2025/26.",
            pounds(moved)
        )));
    }

    #[test]
    fn an_outcome_without_fifths_gives_zeros_not_a_panic() {
        let mut o = Outcome::empty();
        o.by_imd_quintile.clear();
        let text = headline(&o);
        assert!(
            text.contains("least deprived fifth £0.00, most deprived fifth £0.00"),
            "{text}"
        );
    }

    #[test]
    fn scenarios_are_named_by_their_preset() {
        assert_eq!(scenario_name(&Scenario::default()), "2022/23 as paid");
        let age_only = PRESETS
            .iter()
            .find(|p| p.name == "age-only")
            .expect("the preset exists");
        let s = Scenario::from_query("preset=age-only").expect("a valid preset");
        assert_eq!(scenario_name(&s), age_only.title);
        let custom = Scenario::from_query("v=1&ns=0.5").expect("a valid scenario");
        assert_eq!(scenario_name(&custom), "Custom scenario");
    }

    /// The figures the sentence states, counted again from each practice's result.
    #[test]
    fn the_result_sentence_states_the_model_s_figures() {
        for query in ["preset=age-only", "dep=0.1", "ns=0.5", ""] {
            let o = outcome(query);
            let sentence = result_sentence(&o);
            let with_patients = || o.practices.iter().filter(|p| p.registered_baseline > 0.0);
            let gain = with_patients().filter(|p| p.change_pct() >= 0.1).count();
            let lose = with_patients().filter(|p| p.change_pct() <= -0.1).count();
            let (before, after) = o
                .practices
                .iter()
                .filter(|p| p.imd_quintile == 5)
                .fold((0_i64, 0_i64), |(b, a), p| {
                    (b + p.total_baseline_pence, a + p.total_scenario_pence)
                });
            let fifth = (after - before) as f64 / before as f64 * 100.0;
            if query.is_empty() {
                assert_eq!((gain, lose), (0, 0));
                assert_eq!(
                    sentence,
                    "Under this scenario no practice gains or loses as much as 0.1% of its NHS payments; practices in the most deprived fifth of areas see no change in all."
                );
                continue;
            }
            assert!(gain > 100 && lose > 100, "{query}: {gain} and {lose}");
            let expected_who = format!(
                "Under this scenario {} practices gain and {} lose at least 0.1% of their NHS payments;",
                count(gain as u64),
                count(lose as u64)
            );
            assert!(sentence.starts_with(&expected_who), "{sentence}");
            let verb = if fifth > 0.0 { "gain" } else { "lose" };
            assert!(
                sentence.ends_with(&format!(
                    "most deprived fifth of areas {verb} {:.1}% in all.",
                    fifth.abs()
                )),
                "{query}: {sentence} ({fifth})"
            );
        }
        // A deprivation uplift moves money to the most deprived fifth; age alone takes it away.
        assert!(result_sentence(&outcome("dep=0.1")).contains("fifth of areas gain"));
        assert!(result_sentence(&outcome("preset=age-only")).contains("fifth of areas lose"));
    }
}
