//! A worked example of capitation: two illustrative practices share a fixed pot by weighted
//! patients, where a patient aged 65 or over counts `weight_65_plus` times a younger one.
//!
//! The practices are made up for teaching; the England model replaces this example.

use super::pot::{share_pot, ShareError};

/// One illustrative practice: how many patients it has under and over 65.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExamplePractice {
    pub name: &'static str,
    pub under_65: u32,
    pub aged_65_plus: u32,
}

/// The pot shared in the example, in pence (£100,000).
pub const EXAMPLE_POT_PENCE: i64 = 10_000_000;

/// Two practices of the same size: one seaside practice with many older patients, one city
/// practice with few.
pub const EXAMPLE_PRACTICES: [ExamplePractice; 2] = [
    ExamplePractice {
        name: "Seaside practice (45% aged 65+)",
        under_65: 1_100,
        aged_65_plus: 900,
    },
    ExamplePractice {
        name: "City practice (10% aged 65+)",
        under_65: 1_800,
        aged_65_plus: 200,
    },
];

/// Each example practice's share of [`EXAMPLE_POT_PENCE`], in pence, in the order of
/// [`EXAMPLE_PRACTICES`]. The shares sum to the pot exactly.
pub fn split_example_pot(weight_65_plus: f64) -> Result<Vec<i64>, ShareError> {
    let weights: Vec<f64> = EXAMPLE_PRACTICES
        .iter()
        .map(|p| p.under_65 as f64 + weight_65_plus * p.aged_65_plus as f64)
        .collect();
    share_pot(EXAMPLE_POT_PENCE, &weights)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_weights_split_the_pot_evenly() {
        assert_eq!(split_example_pot(1.0).unwrap(), vec![5_000_000, 5_000_000]);
    }

    #[test]
    fn weighting_older_patients_moves_money_to_the_older_practice() {
        // Weighted lists 1,100 + 3 x 900 = 3,800 and 1,800 + 3 x 200 = 2,400.
        let shares = split_example_pot(3.0).unwrap();
        assert_eq!(shares, vec![6_129_032, 3_870_968]);
        assert_eq!(shares.iter().sum::<i64>(), EXAMPLE_POT_PENCE);
    }

    #[test]
    fn a_negative_weight_is_an_error() {
        assert!(split_example_pot(-2.0).is_err());
    }
}
