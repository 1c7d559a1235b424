//! Predict, then reveal: in a guided tour, the reader guesses the direction and size of the most
//! deprived fifth's change before the results show, then sees the guess beside the answer.
//! Nothing is kept but the guess on the page.

use crate::model::Outcome;

/// Which way a guess says the money goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Gain,
    Lose,
}

/// How large a guess says the change is, as a share of 2022/23's payments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    UnderOne,
    OneToFive,
    OverFive,
}

impl Direction {
    pub const ALL: [Direction; 2] = [Direction::Gain, Direction::Lose];

    pub fn label(self) -> &'static str {
        match self {
            Direction::Gain => "gain",
            Direction::Lose => "lose",
        }
    }
}

impl Size {
    pub const ALL: [Size; 3] = [Size::UnderOne, Size::OneToFive, Size::OverFive];

    pub fn label(self) -> &'static str {
        match self {
            Size::UnderOne => "less than 1%",
            Size::OneToFive => "1% to 5%",
            Size::OverFive => "more than 5%",
        }
    }

    /// The size a change of `pct` percent falls in (1% and 5% are in the middle band).
    pub fn of(pct: f64) -> Size {
        let a = pct.abs();
        if a < 1.0 {
            Size::UnderOne
        } else if a <= 5.0 {
            Size::OneToFive
        } else {
            Size::OverFive
        }
    }
}

/// The most deprived fifth's change in total NHS payments, % of 2022/23's, and in pence.
pub fn most_deprived_change(o: &Outcome) -> Option<(f64, i64)> {
    let q = o.by_imd_quintile.get(4)?;
    if q.baseline_pence <= 0 {
        return None;
    }
    let change = q.scenario_pence - q.baseline_pence;
    Some((100.0 * change as f64 / q.baseline_pence as f64, change))
}

/// The guess beside the answer: "You said the most deprived fifth would gain 1% to 5%; it gains
/// 2.41% (£x a year). Right on both."
pub fn verdict(direction: Direction, size: Size, o: &Outcome) -> Option<String> {
    let (pct, pence) = most_deprived_change(o)?;
    let said = format!(
        "You said the most deprived fifth would {} {}",
        direction.label(),
        size.label()
    );
    let money = crate::format::pounds(pence.abs());
    // A change below a hundredth of a percent reads as none.
    if pct.abs() < 0.005 {
        let judged = if size == Size::UnderOne {
            "Right on the size: it barely moves."
        } else {
            "It barely moves."
        };
        return Some(format!(
            "{said}; its payments do not change ({money} a year). {judged}"
        ));
    }
    let actual = if pct > 0.0 {
        Direction::Gain
    } else {
        Direction::Lose
    };
    let judged = match (actual == direction, Size::of(pct) == size) {
        (true, true) => "Right on both.",
        (true, false) => "Right direction; the size differs.",
        (false, true) => "Right size, but the other way.",
        (false, false) => "The other way, and another size.",
    };
    Some(format!(
        "{said}; it {}s {:.2}% ({money} a year). {judged}",
        actual.label(),
        pct.abs(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::tours::TOURS;
    use crate::test_data::outcome;

    #[test]
    fn a_guess_is_set_beside_the_tour_steps_answer() {
        // The fairness tour's second step: a 10% uplift per standard deviation of deprivation.
        let step = TOURS
            .iter()
            .find(|t| t.name == "fairness")
            .and_then(|t| t.steps.get(1))
            .unwrap();
        let o = outcome(step.query);
        let (pct, pence) = most_deprived_change(&o).unwrap();
        // Measured: the most deprived fifth gains 9.7% of its 2022/23 payments.
        assert!(pct > 9.6 && pct < 9.7, "{pct}");
        assert!(pence > 0);
        let right = verdict(Direction::Gain, Size::OverFive, &o).unwrap();
        assert!(
            right.starts_with(
                "You said the most deprived fifth would gain more than 5%; it gains 9.66% ("
            ),
            "{right}"
        );
        assert!(right.ends_with("Right on both."), "{right}");
        assert!(right.contains(&format!("{pct:.2}%")), "{right}");
        assert!(right.contains(&crate::format::pounds(pence)), "{right}");
        assert!(verdict(Direction::Lose, Size::OverFive, &o)
            .unwrap()
            .ends_with("Right size, but the other way."));
        assert!(verdict(Direction::Gain, Size::OneToFive, &o)
            .unwrap()
            .ends_with("Right direction; the size differs."));
        // The published 2022/23 payments: nothing moves.
        let none = verdict(Direction::Lose, Size::UnderOne, &outcome("")).unwrap();
        assert!(
            none.ends_with("(£0.00 a year). Right on the size: it barely moves."),
            "{none}"
        );
    }

    #[test]
    fn sizes_split_at_one_and_five_percent() {
        assert_eq!(Size::of(-0.99), Size::UnderOne);
        assert_eq!(Size::of(1.0), Size::OneToFive);
        assert_eq!(Size::of(-5.0), Size::OneToFive);
        assert_eq!(Size::of(5.01), Size::OverFive);
        assert_eq!(most_deprived_change(&Outcome::empty()), None);
    }
}
