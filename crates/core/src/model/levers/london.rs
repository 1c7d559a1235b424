//! The London adjustment: a sum per registered patient paid to practices in London, taken from
//! the Global Sum pot; and the London weighting a digital-first host is paid for its joiners.

use super::digital_first::Movement;
use crate::model::{to_pence, Model, ModelError};
use crate::scenario::{Scenario, LONDON_WEIGHTING};

/// The London region's code in the payments file.
pub const LONDON_REGION: &str = "Y56";

impl Model {
    /// Each practice's London adjustment, pence (the host's including the London weighting for
    /// its joiners), and that London weighting, pence.
    pub(in crate::model) fn london_adjustment(
        &self,
        scenario: &Scenario,
        registered: &[f64],
        movement: Option<&Movement>,
    ) -> Result<(Vec<i64>, i64), ModelError> {
        let mut london_pence: Vec<i64> = (0..self.len())
            .map(|p| {
                if self.london[p] && scenario.london_adjustment > 0.0 {
                    to_pence(
                        scenario.london_adjustment * 100.0 * registered[p],
                        "London adjustment",
                    )
                } else {
                    Ok(0)
                }
            })
            .collect::<Result<_, _>>()?;
        let mut london_weighting_pence = 0;
        if let Some(m) = movement {
            london_weighting_pence = to_pence(
                m.london_weighted_joiners * LONDON_WEIGHTING * 100.0,
                "London weighting",
            )?;
            london_pence[m.host] += london_weighting_pence;
        }
        Ok((london_pence, london_weighting_pence))
    }
}
