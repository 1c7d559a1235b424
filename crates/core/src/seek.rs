//! The whole range of a slider, and goal-seek.
//!
//! [`sweep`] runs the model across a numeric setting's whole range and gives a headline figure
//! at each point. [`seek`] finds the value of a setting at which a headline figure reaches a
//! goal: it sweeps the range, takes the first interval where the figure crosses the goal, and
//! narrows it by bisection until the interval is smaller than [`TOLERANCE`] of the range (or
//! the figure is met exactly), returning the end of the interval that meets the goal. A goal no
//! value in the range meets is said to be out of reach, with the best value found.

use crate::model::metrics::{per, percent};
use crate::model::{Model, ModelError, Outcome, Totals};
use crate::scenario::{parameter, Access, Scenario};

/// Points of a sweep across a range (ends included).
pub const SWEEP_POINTS: usize = 41;
/// Points of the page's small curve beside a slider: every other point of a full sweep, so that
/// it runs half as many models and each of its points is one of [`sweep`]'s.
pub const CURVE_POINTS: usize = 21;
/// Points of a curve the page works out in one slice between inputs (see [`Sweep`]): two model
/// runs that stop at each practice's total, so that input waits no longer than that
/// (`scripts/bench.sh` prints a slice's time).
pub const CURVE_SLICE_POINTS: usize = 2;
/// Bisection stops when the interval is smaller than this share of the range.
pub const TOLERANCE: f64 = 1e-4;

/// A headline figure a goal can be set on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    /// £ per weighted patient (on the fixed yardstick) of the most deprived fifth less that of
    /// the least deprived fifth.
    DeprivationGap,
    /// Practices losing more than 5% of their NHS payments.
    LosingOver5Pct,
    /// A practice's change in NHS payments, £.
    PracticeChange(usize),
}

impl Measure {
    /// The figure in an outcome; `None` where the outcome lacks it.
    pub fn of(&self, o: &Outcome) -> Option<f64> {
        match *self {
            Measure::DeprivationGap => {
                let least = o.by_imd_quintile.first()?.scenario_per_weighted();
                let most = o.by_imd_quintile.get(4)?.scenario_per_weighted();
                Some(most - least)
            }
            Measure::LosingOver5Pct => Some(
                o.practices
                    .iter()
                    .filter(|r| r.total_baseline_pence > 0 && r.change_pct() < -5.0)
                    .count() as f64,
            ),
            Measure::PracticeChange(p) => {
                o.practices.get(p).map(|r| r.change_pence() as f64 / 100.0)
            }
        }
    }

    /// The figure from each practice's total and yardstick alone (see [`Model::totals`]): the
    /// same number [`Measure::of`] gives on the whole outcome, summed in the same order, for a
    /// run that does not work out the rest.
    pub fn of_totals(&self, model: &Model, t: &Totals) -> Option<f64> {
        let baseline = model.baseline_pence();
        match *self {
            Measure::DeprivationGap => {
                let mut pence = [0_i64; 5];
                let mut yardstick = [0.0; 5];
                for ((&q, &p), &y) in model
                    .quintiles()
                    .iter()
                    .zip(&t.scenario_pence)
                    .zip(&t.yardstick)
                {
                    *pence.get_mut(q)? += p;
                    *yardstick.get_mut(q)? += y;
                }
                Some(per(pence[4], yardstick[4]) - per(pence[0], yardstick[0]))
            }
            Measure::LosingOver5Pct => Some(
                baseline
                    .iter()
                    .zip(&t.scenario_pence)
                    .filter(|(&b, &s)| b > 0 && percent(s - b, b) < -5.0)
                    .count() as f64,
            ),
            Measure::PracticeChange(p) => {
                let (b, s) = (baseline.get(p)?, t.scenario_pence.get(p)?);
                Some((s - b) as f64 / 100.0)
            }
        }
    }

    /// The goal in words.
    pub fn goal(&self) -> &'static str {
        match self {
            Measure::DeprivationGap => {
                "the most deprived fifth gets at least as much per weighted patient as the least deprived"
            }
            Measure::LosingOver5Pct => "no practice loses more than 5%",
            Measure::PracticeChange(_) => "the practice gets back at least its 2022/23 payments",
        }
    }

    /// The figure in words: `-£15.76 per weighted patient`, `312 practices`, `-£1,234`.
    pub fn show(&self, v: f64) -> String {
        let pounds = |v: f64| crate::format::pounds((v * 100.0).round() as i64);
        match self {
            Measure::DeprivationGap => format!("{} per weighted patient", pounds(v)),
            Measure::LosingOver5Pct => {
                let n = v.max(0.0).round() as u64;
                format!(
                    "{} practice{}",
                    crate::format::count(n),
                    if n == 1 { "" } else { "s" }
                )
            }
            Measure::PracticeChange(_) => pounds(v),
        }
    }

    /// Whether a figure meets the goal: a gap of at least 0, no practice losing over 5%, a
    /// change of at least 0. The goal line of each is 0.
    pub fn met(&self, v: f64) -> bool {
        match self {
            Measure::LosingOver5Pct => v <= 0.0,
            _ => v >= 0.0,
        }
    }
}

/// Why a sweep or a seek could not be made.
#[derive(Debug, Clone, PartialEq)]
pub enum SeekError {
    /// No numeric setting has this key.
    NotNumeric(String),
    /// The measure is not in the outcome (a practice index out of range).
    NoMeasure,
    Model(ModelError),
}

impl std::fmt::Display for SeekError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotNumeric(key) => write!(f, "'{key}' is not a numeric setting"),
            Self::NoMeasure => write!(f, "the figure to reach is not in the results"),
            Self::Model(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for SeekError {}

/// Sets a numeric setting.
type Setter = fn(&mut Scenario, f64);

/// A numeric setting's range and its setter.
fn numeric(key: &str) -> Result<(f64, f64, Setter), SeekError> {
    match parameter(key).map(|p| p.access) {
        Some(Access::Number { min, max, set, .. }) => Ok((min, max, set)),
        _ => Err(SeekError::NotNumeric(key.to_string())),
    }
}

fn measure_at(
    model: &Model,
    scenario: &Scenario,
    set: Setter,
    x: f64,
    measure: Measure,
) -> Result<f64, SeekError> {
    let mut s = scenario.clone();
    set(&mut s, x);
    let totals = model.totals(&s).map_err(SeekError::Model)?;
    measure
        .of_totals(model, &totals)
        .ok_or(SeekError::NoMeasure)
}

/// The measure at [`SWEEP_POINTS`] evenly spaced values of setting `key` across its range, the
/// rest of `scenario` as set. A value the model refuses is left out.
pub fn sweep(
    model: &Model,
    scenario: &Scenario,
    key: &str,
    measure: Measure,
) -> Result<Vec<(f64, f64)>, SeekError> {
    sweep_points(model, scenario, key, measure, SWEEP_POINTS)
}

/// The measure at `points` evenly spaced values of setting `key` across its range (ends
/// included; at least 2), the rest of `scenario` as set. A value the model refuses is left out.
pub fn sweep_points(
    model: &Model,
    scenario: &Scenario,
    key: &str,
    measure: Measure,
    points: usize,
) -> Result<Vec<(f64, f64)>, SeekError> {
    let mut sweep = Sweep::new(scenario, key, measure, points)?;
    sweep.advance(model, usize::MAX)?;
    Ok(sweep.into_points())
}

/// A sweep (see [`sweep_points`]) worked out a few points at a time, so that a page can take
/// input between them.
#[derive(Debug, Clone)]
pub struct Sweep {
    scenario: Scenario,
    measure: Measure,
    min: f64,
    max: f64,
    set: Setter,
    /// Points in all.
    n: usize,
    /// Points worked out (or left out) so far.
    done: usize,
    points: Vec<(f64, f64)>,
}

impl Sweep {
    pub fn new(
        scenario: &Scenario,
        key: &str,
        measure: Measure,
        points: usize,
    ) -> Result<Sweep, SeekError> {
        let (min, max, set) = numeric(key)?;
        let n = points.max(2);
        Ok(Sweep {
            scenario: scenario.clone(),
            measure,
            min,
            max,
            set,
            n,
            done: 0,
            points: Vec::with_capacity(n),
        })
    }

    /// Works out up to `count` more points (each one model run); true once every point is.
    pub fn advance(&mut self, model: &Model, count: usize) -> Result<bool, SeekError> {
        let end = self.n.min(self.done.saturating_add(count));
        while self.done < end {
            let i = self.done;
            let x = self.min + (self.max - self.min) * i as f64 / (self.n - 1) as f64;
            self.done += 1;
            match measure_at(model, &self.scenario, self.set, x, self.measure) {
                Ok(y) => self.points.push((x, y)),
                Err(SeekError::Model(_)) => continue,
                Err(e) => return Err(e),
            }
        }
        Ok(self.is_done())
    }

    pub fn is_done(&self) -> bool {
        self.done >= self.n
    }

    /// The points worked out so far.
    pub fn into_points(self) -> Vec<(f64, f64)> {
        self.points
    }
}

/// What goal-seek found.
#[derive(Debug, Clone, PartialEq)]
pub struct Sought {
    pub key: String,
    /// The value that meets the goal, nearest the first crossing; `None` when none in the range
    /// does.
    pub value: Option<f64>,
    /// The measure at that value (or at the best value of the sweep when out of reach).
    pub measure: f64,
    /// Where the sweep came nearest, when the goal is out of reach.
    pub best: Option<f64>,
    pub runs: usize,
}

/// Finds the value of setting `key` that meets `measure`'s goal (see [`Measure::goal`]).
pub fn seek(
    model: &Model,
    scenario: &Scenario,
    key: &str,
    measure: Measure,
) -> Result<Sought, SeekError> {
    let (min, max, set) = numeric(key)?;
    let points = sweep(model, scenario, key, measure)?;
    let mut runs = SWEEP_POINTS;
    // The first point that meets the goal; bisect between it and the point before it.
    let Some(first) = points.iter().position(|(_, y)| measure.met(*y)) else {
        let best = points.iter().max_by(|a, b| {
            let score = |y: f64| match measure {
                Measure::LosingOver5Pct => -y,
                _ => y,
            };
            score(a.1).total_cmp(&score(b.1))
        });
        return Ok(Sought {
            key: key.to_string(),
            value: None,
            measure: best.map_or(f64::NAN, |b| b.1),
            best: best.map(|b| b.0),
            runs,
        });
    };
    let (mut good, mut good_y) = points[first];
    if first > 0 {
        let (mut bad, _) = points[first - 1];
        while (good - bad).abs() > TOLERANCE * (max - min) {
            let mid = 0.5 * (good + bad);
            let y = measure_at(model, scenario, set, mid, measure)?;
            runs += 1;
            if measure.met(y) {
                good = mid;
                good_y = y;
            } else {
                bad = mid;
            }
        }
    }
    Ok(Sought {
        key: key.to_string(),
        value: Some(good),
        measure: good_y,
        best: None,
        runs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_data::model;

    #[test]
    fn the_deprivation_uplift_that_closes_the_gap_closes_it() {
        let base = Scenario::from_query("v=1").unwrap();
        let found = seek(model(), &base, "dep", Measure::DeprivationGap).unwrap();
        let value = found.value.expect("some uplift closes the gap");
        assert!(value > 0.0 && value < 0.5, "{value}");
        // Applied, it meets the goal; a little less does not.
        let (_, _, set) = numeric("dep").unwrap();
        let at = |x: f64| {
            let mut s = base.clone();
            set(&mut s, x);
            Measure::DeprivationGap
                .of(&model().run(&s).unwrap())
                .unwrap()
        };
        assert!(at(value) >= 0.0);
        let (min, max, _) = numeric("dep").unwrap();
        assert!(at(value - 2.0 * TOLERANCE * (max - min)) < 0.0);
        assert!(found.runs > SWEEP_POINTS);
    }

    #[test]
    fn figures_from_totals_equal_figures_from_the_whole_outcome() {
        // Every preset (digital-first, networks, new money, budget holders…) and a reform, on
        // each measure, including a practice the digital-first story takes patients from.
        let queries = crate::scenario::PRESETS
            .iter()
            .map(|p| p.query)
            .chain(["v=1&m2=1.2&ns=0.8&dep=0.1&qof=1&es=1&floor=90"]);
        let measures = [
            Measure::DeprivationGap,
            Measure::LosingOver5Pct,
            Measure::PracticeChange(0),
            Measure::PracticeChange(model().len() - 1),
        ];
        let mut runs = 0;
        for query in queries {
            let s = Scenario::from_query(query).unwrap();
            let Ok(o) = model().run(&s) else { continue };
            let totals = model().totals(&s).unwrap();
            for m in measures {
                let (whole, quick) = (m.of(&o), m.of_totals(model(), &totals));
                assert!(whole.is_some(), "{query}: {m:?}");
                assert_eq!(
                    whole.map(f64::to_bits),
                    quick.map(f64::to_bits),
                    "{query}: {m:?}"
                );
            }
            runs += 1;
        }
        assert!(runs > 10, "{runs} scenarios ran");
    }

    #[test]
    fn a_sweep_worked_out_a_few_points_at_a_time_is_the_whole_sweep() {
        let s = Scenario::from_query("v=1&dep=0.1").unwrap();
        let whole = sweep_points(model(), &s, "ns", Measure::DeprivationGap, CURVE_POINTS).unwrap();
        let mut sweep = Sweep::new(&s, "ns", Measure::DeprivationGap, CURVE_POINTS).unwrap();
        let mut steps = 0;
        while !sweep.advance(model(), 4).unwrap() {
            steps += 1;
        }
        assert_eq!(steps, CURVE_POINTS.div_ceil(4) - 1);
        assert!(
            sweep.advance(model(), 4).unwrap(),
            "a finished sweep stays finished"
        );
        let points = sweep.into_points();
        assert_eq!(points.len(), CURVE_POINTS);
        assert_eq!(points, whole);
    }

    #[test]
    fn a_goal_out_of_reach_says_so_with_the_best_value() {
        // No strength of the rurality part makes the most deprived fifth get as much per
        // weighted patient as the least deprived (measured: it comes nearest with rurality off,
        // still £14 behind).
        let base = Scenario::from_query("v=1").unwrap();
        let found = seek(model(), &base, "ru", Measure::DeprivationGap).unwrap();
        assert_eq!(found.value, None);
        assert_eq!(found.best, Some(0.0));
        assert!(found.measure < -10.0, "{}", found.measure);
        assert_eq!(found.runs, SWEEP_POINTS);
        assert!(matches!(
            seek(model(), &base, "qof", Measure::DeprivationGap),
            Err(SeekError::NotNumeric(_))
        ));
        assert_eq!(
            sweep(model(), &base, "ns", Measure::PracticeChange(9_999_999)),
            Err(SeekError::NoMeasure)
        );
    }

    #[test]
    fn a_sweep_covers_the_range_and_passes_through_the_baseline() {
        let base = Scenario::from_query("v=1").unwrap();
        let points = sweep(model(), &base, "ns", Measure::LosingOver5Pct).unwrap();
        assert_eq!(points.len(), SWEEP_POINTS);
        let (min, max, _) = numeric("ns").unwrap();
        assert_eq!((points[0].0, points[SWEEP_POINTS - 1].0), (min, max));
        // At the published strength (1) no practice changes.
        let one = points.iter().find(|(x, _)| (x - 1.0).abs() < 1e-9).unwrap();
        assert_eq!(one.1, 0.0);
        assert!(
            points[0].1 > 100.0,
            "switching the rest off moves many practices"
        );
    }

    /// Seeks `key` for `measure` from `query`, applies the value found through the setting's own
    /// text form (as the page's Apply button and a link do), and checks the figure then meets the
    /// goal, and that the value is within the stated tolerance of one that does not (unless it
    /// is the range's low end, where nothing lower exists).
    fn applied_meets_goal(query: &str, key: &str, measure: Measure) -> f64 {
        let base = Scenario::from_query(query).unwrap();
        let found = seek(model(), &base, key, measure).unwrap();
        let value = found.value.expect("the goal is in reach");
        let mut s = base.clone();
        s.set(key, &value.to_string()).unwrap();
        let at_value = measure.of(&model().run(&s).unwrap()).unwrap();
        assert!(measure.met(at_value), "{key} = {value}: {at_value}");
        assert_eq!(at_value, found.measure);
        let (min, max, _) = numeric(key).unwrap();
        if value > min {
            let mut below = base.clone();
            below
                .set(key, &(value - TOLERANCE * (max - min)).to_string())
                .unwrap();
            let y = measure.of(&model().run(&below).unwrap()).unwrap();
            assert!(
                !measure.met(y),
                "{key} just below {value} already meets it: {y}"
            );
        }
        value
    }

    #[test]
    fn each_goal_found_and_applied_is_met_within_the_tolerance() {
        // The gap: a deprivation uplift from the published formula; the additional-needs part
        // from the age, sex and turnover formula alone.
        let dep = applied_meets_goal("v=1", "dep", Measure::DeprivationGap);
        assert!((0.05..0.075).contains(&dep), "{dep}");
        let an = applied_meets_goal("preset=age-only", "an", Measure::DeprivationGap);
        assert!((1.9..2.0).contains(&an), "{an}");
        // No practice losing over 5%: the additional-needs part weakened from its estimate
        // loses practices at 0 and none at 1.
        let an = applied_meets_goal("v=1", "an", Measure::LosingOver5Pct);
        assert!(an > 0.0 && an < 1.0, "{an}");
        // A practice back at its 2022/23 payments: THE DENSHAM SURGERY (A81001) loses 5.5%
        // under age, sex and turnover alone, and gets it back as the needs part returns.
        let p = crate::test_data::dataset()
            .practice_index("A81001")
            .unwrap();
        let an = applied_meets_goal("preset=age-only", "an", Measure::PracticeChange(p));
        assert!(an > 1.0 && an < 2.0, "{an}");
    }

    #[test]
    fn the_small_curve_is_every_other_point_of_the_full_sweep() {
        let base = Scenario::from_query("v=1&dep=0.1").unwrap();
        let full = sweep(model(), &base, "an", Measure::DeprivationGap).unwrap();
        let small =
            sweep_points(model(), &base, "an", Measure::DeprivationGap, CURVE_POINTS).unwrap();
        assert_eq!(small.len(), CURVE_POINTS);
        let every_other: Vec<_> = full.iter().step_by(2).copied().collect();
        assert_eq!(small, every_other);
        // The setting's own value in the scenario plays no part.
        let mut moved = base.clone();
        moved.set("an", "1.7").unwrap();
        assert_eq!(
            sweep_points(model(), &moved, "an", Measure::DeprivationGap, CURVE_POINTS).unwrap(),
            small
        );
        // The gap widens as the additional-needs part, which favours deprived areas, weakens.
        assert!(small[0].1 < small[CURVE_POINTS - 1].1);
        // Fewer than two points are two: the ends.
        let ends = sweep_points(model(), &base, "an", Measure::DeprivationGap, 0).unwrap();
        assert_eq!(ends, vec![full[0], full[SWEEP_POINTS - 1]]);
    }

    #[test]
    fn figures_read_in_words() {
        assert_eq!(
            Measure::DeprivationGap.show(-15.7585),
            "-£15.76 per weighted patient"
        );
        assert_eq!(Measure::LosingOver5Pct.show(1.0), "1 practice");
        assert_eq!(Measure::LosingOver5Pct.show(2_681.0), "2,681 practices");
        assert_eq!(Measure::PracticeChange(0).show(-39_528.9), "-£39,528.90");
        assert_eq!(Measure::PracticeChange(0).show(f64::NAN), "£0.00");
    }
}
