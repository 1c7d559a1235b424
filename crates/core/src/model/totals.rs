//! What an outcome's parts add up to: the networks' totals, the budget holder's flows, the
//! numbers of practices that gain and lose. The app and `gpfe` show these; they add nothing up
//! themselves.

use super::levers::networks::NetworkResult;
use super::{HolderOutcome, NetworksOutcome, Outcome};

impl Outcome {
    /// Practices (with registered patients) whose total payments rise by at least 0.1%.
    pub fn gainers(&self) -> usize {
        let [much, some, ..] = &self.winners_losers;
        much.practices + some.practices
    }

    /// Practices (with registered patients) whose total payments fall by at least 0.1%.
    pub fn losers(&self) -> usize {
        let [.., some, much] = &self.winners_losers;
        some.practices + much.practices
    }
}

impl NetworksOutcome {
    /// Every network's total of an amount, pence.
    fn total(&self, amount: impl Fn(&NetworkResult) -> i64) -> i64 {
        self.networks.iter().map(amount).sum()
    }

    /// Every network's total of an amount only some settings give; `None` when the networks
    /// have none (no contract year chosen, or none with that rate).
    fn total_if_set(&self, amount: impl Fn(&NetworkResult) -> Option<i64>) -> Option<i64> {
        let first = self.networks.first().map(&amount)?;
        first.map(|_| self.total(|r| amount(r).unwrap_or(0)))
    }

    /// PCN contract funding at the chosen year's rates, all networks, pence; `None` without a
    /// contract year.
    pub fn contract_total_pence(&self) -> Option<i64> {
        self.total_if_set(|r| r.contract_pence)
    }

    /// The ARRS cap at the chosen year's rate, all networks, pence; `None` when not set.
    pub fn arrs_cap_total_pence(&self) -> Option<i64> {
        self.total_if_set(|r| r.arrs_cap_pence)
    }

    /// Family care network budgets, all networks, pence.
    pub fn fcn_budget_total_pence(&self) -> i64 {
        self.total(|r| r.fcn_budget_pence)
    }

    /// The part of family care network budgets at risk on outcomes, all networks, pence.
    pub fn fcn_at_risk_total_pence(&self) -> i64 {
        self.total(|r| r.fcn_at_risk_pence)
    }

    /// Registered patients of all networks.
    pub fn registered(&self) -> f64 {
        self.networks.iter().map(|r| r.registered).sum()
    }

    /// Contract funding per registered patient, £ (patients counted as at least 1); `None`
    /// without a contract year.
    pub fn contract_per_registered(&self) -> Option<f64> {
        self.contract_total_pence()
            .map(|c| c as f64 / 100.0 / self.registered().max(1.0))
    }

    /// Whether family care network budgets are in use.
    pub fn fcn_on(&self) -> bool {
        self.fcn_scope_pence > 0
    }

    /// Networks whose family care budget is more than their practices receive today.
    pub fn fcn_gainers(&self) -> usize {
        self.networks
            .iter()
            .filter(|r| r.fcn_budget_pence > r.fcn_today_pence)
            .count()
    }

    /// The `n` networks that move most: with family care budgets, by how far the budget is from
    /// what their practices receive today; otherwise by the change in their payments. Ties keep
    /// the networks' order.
    pub fn most_moved(&self, n: usize) -> Vec<&NetworkResult> {
        let mut sorted: Vec<&NetworkResult> = self.networks.iter().collect();
        if self.fcn_on() {
            sorted.sort_by_key(|r| std::cmp::Reverse(r.fcn_difference_pence().unsigned_abs()));
        } else {
            sorted.sort_by_key(|r| std::cmp::Reverse(r.change_pence().unsigned_abs()));
        }
        sorted.truncate(n);
        sorted
    }
}

impl HolderOutcome {
    /// GP money the commissioner pays practices directly, not through the holder, pence.
    pub fn direct_pence(&self) -> i64 {
        self.gp_money_pence - self.routed_pence
    }

    /// What the holder passes on to practices of the money routed through it (less what it
    /// diverts, spends on double running and keeps of core funding), pence.
    pub fn passed_on_pence(&self) -> i64 {
        self.routed_pence - self.diverted_pence - self.double_running_pence - self.core_moved_pence
    }

    /// What practices receive in all: directly, from the holder, and the surplus passed on,
    /// pence.
    pub fn practices_receive_pence(&self) -> i64 {
        self.direct_pence() + self.passed_on_pence() + self.surplus_to_practices_pence
    }
}

#[cfg(test)]
mod tests {
    use crate::test_data::{dataset, outcome};

    #[test]
    fn gainers_and_losers_are_the_outer_bins() {
        let o = outcome("preset=age-only");
        let bins = o.winners_losers.map(|b| b.practices);
        assert_eq!(o.gainers(), bins[0] + bins[1]);
        assert_eq!(o.losers(), bins[3] + bins[4]);
        assert!(o.gainers() > 0 && o.losers() > 0);
        let with_patients = dataset()
            .practices
            .iter()
            .filter(|p| p.registered_centi > 0)
            .count();
        assert_eq!(o.gainers() + o.losers() + bins[2], with_patients);
        let baseline = outcome("");
        assert_eq!((baseline.gainers(), baseline.losers()), (0, 0));
    }

    #[test]
    fn network_totals_with_a_contract_year() {
        // The figures `gpfe summary` printed for this preset before they moved here.
        let o = outcome("preset=networks-2024-25");
        let n = o.networks.as_ref().expect("networks are in use");
        assert_eq!(n.contract_total_pence(), Some(87_794_284_514));
        assert_eq!(n.arrs_cap_total_pence(), Some(142_240_943_665));
        assert_eq!(n.fcn_budget_total_pence(), 0);
        assert_eq!(n.fcn_at_risk_total_pence(), 0);
        assert!(!n.fcn_on());
        assert_eq!(n.fcn_gainers(), 0);
        let registered: f64 = n.networks.iter().map(|r| r.registered).sum();
        assert_eq!(n.registered(), registered);
        let per_head = n.contract_per_registered().expect("a contract year");
        assert!((per_head - 877_942_845.14 / registered).abs() < 1e-9);
        let moved = n.most_moved(15);
        assert_eq!(moved.len(), 15);
        assert!(moved
            .windows(2)
            .all(|w| w[0].change_pence().abs() >= w[1].change_pence().abs()));
        let biggest = n.networks.iter().map(|r| r.change_pence().abs()).max();
        assert_eq!(moved.first().map(|r| r.change_pence().abs()), biggest);
    }

    #[test]
    fn network_totals_with_family_care_budgets() {
        let o = outcome("preset=family-care-networks");
        let n = o.networks.as_ref().expect("networks are in use");
        assert_eq!(n.contract_total_pence(), None);
        assert_eq!(n.arrs_cap_total_pence(), None);
        assert_eq!(n.contract_per_registered(), None);
        assert_eq!(n.fcn_budget_total_pence(), 674_194_209_305);
        assert_eq!(n.fcn_budget_total_pence(), n.fcn_scope_pence);
        assert_eq!(n.fcn_at_risk_total_pence(), 33_709_710_498);
        assert!(n.fcn_on());
        let gainers = n.fcn_gainers();
        assert!(gainers > 0 && gainers < n.networks.len());
        let moved = n.most_moved(15);
        assert!(moved
            .windows(2)
            .all(|w| { w[0].fcn_difference_pence().abs() >= w[1].fcn_difference_pence().abs() }));
        assert_eq!(n.most_moved(usize::MAX).len(), n.networks.len());
        assert!(n.most_moved(0).is_empty());
    }

    #[test]
    fn budget_holder_flows_add_up() {
        // The figures `gpfe summary` prints for this preset.
        let o = outcome("preset=trust-holds-all");
        let h = o.budget_holder.expect("a budget holder");
        assert_eq!(h.gp_money_pence, 1_023_009_480_370);
        assert_eq!(h.direct_pence(), 1_023_009_480_370 - 832_936_138_614);
        assert_eq!(h.passed_on_pence(), 832_936_138_614 - 83_293_614_205);
        assert_eq!(
            h.practices_receive_pence(),
            h.gp_money_pence - h.diverted_pence - h.double_running_pence
                + h.surplus_to_practices_pence
        );
    }
}
