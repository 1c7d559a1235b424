//! The floor: practices are topped up to a minimum of pooled money (with the London adjustment)
//! per weighted patient, as new money whose cost is reported.

use crate::model::{to_pence, Model, ModelError};
use crate::scenario::Scenario;

impl Model {
    /// Each practice's top-up to the floor, pence, given its weighted patients, pooled money and
    /// London adjustment in the scenario.
    pub(in crate::model) fn floor_top_ups(
        &self,
        scenario: &Scenario,
        weighted: &[f64],
        pooled_scenario: &[i64],
        london_pence: &[i64],
    ) -> Result<Vec<i64>, ModelError> {
        let n = self.len();
        let mut floor_top_up = vec![0_i64; n];
        if scenario.floor_per_weighted_patient > 0.0 {
            for p in 0..n {
                if weighted[p] > 0.0 {
                    let need = (scenario.floor_per_weighted_patient * 100.0 * weighted[p]).ceil();
                    let need = to_pence(need, "floor")?;
                    floor_top_up[p] = (need - pooled_scenario[p] - london_pence[p]).max(0);
                }
            }
        }
        Ok(floor_top_up)
    }
}
