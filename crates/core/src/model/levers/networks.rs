//! Networks of practices: the real PCNs, automatic networks of a target size, or federations;
//! money pooled within each network; each network priced at a PCN contract year's rates; and
//! family care networks holding a capitation budget.

use std::sync::Arc;

use crate::data::{funding_line_index, FundingLineKey};
use crate::model::outcome::{Outcome, PotLine};
use crate::model::sharing::share_pot;
use crate::model::{to_pence, Group, Model, ModelError};
use crate::scenario::Scenario;
use crate::scenario::{ContractYear, Grouping, NeedFormula, Networks, PoolRule};

/// What the networks were built from (see `Model::networks_cached`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(in crate::model) struct NetworksKey {
    grouping: Grouping,
    target_size: u64,
    within_sub_icb: bool,
}

/// A network and its member practices.
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    pub code: String,
    pub name: String,
    pub members: Vec<usize>,
}

/// What grouping needs to know about each practice.
pub struct Layout<'a> {
    pub registered: &'a [f64],
    pub location: &'a [Option<(f64, f64)>],
    pub pcn: &'a [Option<usize>],
    /// The PCNs', sub-ICB locations' and ICBs' (empty) groups, for their codes and names.
    pub pcns: &'a [Group],
    pub sub_icb: &'a [usize],
    pub sub_icbs: &'a [Group],
    pub icb: &'a [usize],
    pub icbs: &'a [Group],
}

/// Groups practices into networks.
pub fn group(networks: &Networks, layout: &Layout<'_>) -> Vec<Network> {
    match networks.grouping {
        Grouping::Pcn => by_index(layout.pcn, layout.pcns),
        Grouping::Federation => {
            let sub: Vec<Option<usize>> = layout.sub_icb.iter().map(|s| Some(*s)).collect();
            by_index(&sub, layout.sub_icbs)
        }
        Grouping::Automatic => automatic(
            networks.target_size.max(1.0),
            networks.within_sub_icb,
            layout,
        ),
    }
}

fn by_index(index: &[Option<usize>], areas: &[Group]) -> Vec<Network> {
    let mut networks: Vec<Network> = areas
        .iter()
        .map(|area| Network {
            code: area.code.to_string(),
            name: area.name.to_string(),
            members: Vec::new(),
        })
        .collect();
    for (p, i) in index.iter().enumerate() {
        if let Some(n) = i.and_then(|i| networks.get_mut(i)) {
            n.members.push(p);
        }
    }
    networks.retain(|n| !n.members.is_empty());
    networks
}

/// Networks built within each ICB: practices are ordered along latitude strips (west to east,
/// then back), so neighbours stay together, and cut into runs of about `target` patients, within
/// ±25% where practice sizes allow. Practices without a location take their ICB's mean position.
fn automatic(target: f64, within_sub_icb: bool, layout: &Layout<'_>) -> Vec<Network> {
    let mut out = Vec::new();
    // Each ICB's practices with patients, in one pass over the practices.
    let mut by_icb: Vec<Vec<usize>> = vec![Vec::new(); layout.icbs.len()];
    for (p, &icb) in layout.icb.iter().enumerate() {
        if layout.registered[p] > 0.0 {
            if let Some(members) = by_icb.get_mut(icb) {
                members.push(p);
            }
        }
    }
    // Areas to build within: each ICB, or each sub-ICB's part of an ICB (never across one).
    let mut areas: Vec<(&str, &str, Vec<usize>)> = Vec::new();
    for (icb, members) in layout.icbs.iter().zip(by_icb) {
        if !within_sub_icb {
            areas.push((&icb.code, &icb.name, members));
            continue;
        }
        let mut subs: Vec<usize> = members.iter().map(|&p| layout.sub_icb[p]).collect();
        subs.sort_unstable();
        subs.dedup();
        for sub in subs {
            let (code, name) = layout
                .sub_icbs
                .get(sub)
                .map_or(("", ""), |g| (&g.code, &g.name));
            areas.push((
                code,
                name,
                members
                    .iter()
                    .copied()
                    .filter(|&p| layout.sub_icb[p] == sub)
                    .collect(),
            ));
        }
    }
    for (icb_code, icb_name, members) in areas {
        if members.is_empty() {
            continue;
        }
        let located: Vec<(f64, f64)> = members.iter().filter_map(|&p| layout.location[p]).collect();
        let mean = if located.is_empty() {
            (0.0, 0.0)
        } else {
            let n = located.len() as f64;
            (
                located.iter().map(|l| l.0).sum::<f64>() / n,
                located.iter().map(|l| l.1).sum::<f64>() / n,
            )
        };
        let place = |p: usize| layout.location[p].unwrap_or(mean);
        let total: f64 = members.iter().map(|&p| layout.registered[p]).sum();
        let count = (total / target).round().max(1.0);
        let strips = count.sqrt().ceil().max(1.0) as usize;
        // North to south, then each strip west to east (or back); ties in practice order. The
        // places sit beside the practices so that the sorts compare what is in cache.
        let mut by_lat: Vec<((f64, f64), usize)> = members.iter().map(|&p| (place(p), p)).collect();
        by_lat.sort_unstable_by(|a, b| b.0 .0.total_cmp(&a.0 .0).then(a.1.cmp(&b.1)));
        let per_strip = by_lat.len().div_ceil(strips);
        let mut order = Vec::with_capacity(by_lat.len());
        for (s, strip) in by_lat.chunks_mut(per_strip.max(1)).enumerate() {
            strip.sort_unstable_by(|a, b| a.0 .1.total_cmp(&b.0 .1).then(a.1.cmp(&b.1)));
            if s % 2 == 1 {
                strip.reverse();
            }
            order.extend(strip.iter().map(|&(_, p)| p));
        }
        // Cut the ordered practices into runs of about `target`, keeping each within a band of
        // ±25% where practice sizes allow: close a run before a practice that would overshoot.
        let (low, high) = (0.75 * target, 1.25 * target);
        let mut runs: Vec<Vec<usize>> = Vec::new();
        let mut current = Vec::new();
        let mut size = 0.0;
        for p in order {
            let list = layout.registered[p];
            if size >= low && size + list > high {
                runs.push(std::mem::take(&mut current));
                size = 0.0;
            }
            current.push(p);
            size += list;
            if size >= target {
                runs.push(std::mem::take(&mut current));
                size = 0.0;
            }
        }
        if !current.is_empty() {
            let previous: f64 = runs
                .last()
                .map_or(0.0, |r| r.iter().map(|&p| layout.registered[p]).sum());
            match runs.last_mut() {
                // A short last run joins the one before, unless that makes it far too big.
                Some(last) if size < low && previous + size <= high + low / 2.0 => {
                    last.extend(current)
                }
                _ => runs.push(current),
            }
        }
        let short_name = icb_name
            .trim_start_matches("NHS ")
            .trim_end_matches(" Integrated Care Board")
            .split(" ICB")
            .next()
            .unwrap_or(icb_name);
        for (i, run) in runs.into_iter().enumerate() {
            out.push(Network {
                code: format!("{icb_code}-{}", i + 1),
                name: format!("{short_name} network {}", i + 1),
                members: run,
            });
        }
    }
    out
}

/// A PCN contract year's rates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ContractRates {
    /// £ per registered patient: core and clinical director (and extended hours in 2021/22).
    pub per_registered: f64,
    /// £ per adjusted (weighted) patient: leadership, enhanced access, capacity and access.
    pub per_adjusted: f64,
    /// ARRS cap, £ per adjusted patient; 0 where the year set no such cap.
    pub arrs_per_adjusted: f64,
    /// Whether the care home premium (£120 a bed a year, from April 2021) is paid.
    pub care_home_premium: bool,
}

/// The rates of a contract year, for the years the sources give.
pub fn contract_rates(year: ContractYear) -> Option<ContractRates> {
    let rates = |per_registered, per_adjusted, arrs_per_adjusted, care_home_premium| {
        Some(ContractRates {
            per_registered,
            per_adjusted,
            arrs_per_adjusted,
            care_home_premium,
        })
    };
    match year {
        // Core £1.50 + clinical director £0.514 (the latter unverified).
        ContractYear::Y2019To20 => rates(1.50 + 0.514, 0.0, 0.0, false),
        // Core £1.50 + clinical director £0.722 + extended hours £1.44.
        ContractYear::Y2021To22 => rates(1.50 + 0.722 + 1.44, 0.0, 0.0, true),
        // Core £1.50 + CD £0.729; leadership £0.684 + enhanced access £7.578 + CAP £2.765.
        ContractYear::Y2023To24 => rates(1.50 + 0.729, 0.684 + 7.578 + 2.765, 22.671, true),
        // Core £2.218 per registered + £0.698 per adjusted; EA £7.674; CAP £3.248.
        ContractYear::Y2024To25 => rates(2.218, 0.698 + 7.674 + 3.248, 22.894, true),
    }
}

/// One network's results.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkResult {
    pub code: String,
    pub name: String,
    pub practices: usize,
    pub registered: f64,
    pub weighted: f64,
    pub total_baseline_pence: i64,
    pub total_scenario_pence: i64,
    /// Money put into the network's pool, pence.
    pub pool_pence: i64,
    /// Network funding at the chosen contract year's rates, pence.
    pub contract_pence: Option<i64>,
    /// The ARRS cap at that year's rate, pence.
    pub arrs_cap_pence: Option<i64>,
    /// Family care network: what its practices receive today for the budget's scope, pence.
    pub fcn_today_pence: i64,
    /// Family care network: its need-based budget, pence.
    pub fcn_budget_pence: i64,
    /// Family care network: the part of the budget at risk on outcomes, pence.
    pub fcn_at_risk_pence: i64,
}

impl NetworkResult {
    /// Change in the members' total payments, pence.
    pub fn change_pence(&self) -> i64 {
        self.total_scenario_pence - self.total_baseline_pence
    }

    /// Change as a percentage of the baseline; 0 where it is not positive.
    pub fn change_pct(&self) -> f64 {
        crate::model::metrics::percent(self.change_pence(), self.total_baseline_pence)
    }

    /// Family care budget less what the members receive today for the same scope, pence.
    pub fn fcn_difference_pence(&self) -> i64 {
        self.fcn_budget_pence - self.fcn_today_pence
    }

    /// Scenario payments per registered patient, £; 0 with no patients.
    pub fn per_head(&self) -> f64 {
        crate::model::metrics::per(self.total_scenario_pence, self.registered)
    }
}

/// Sizes of networks: the 30-50k band and a histogram by 10,000 patients.
#[derive(Debug, Clone, PartialEq)]
pub struct Sizes {
    pub below_band: usize,
    pub in_band: usize,
    pub above_band: usize,
    /// Networks per 10,000-patient bin, 0-10k … 90-100k, then 100k or more.
    pub histogram: Vec<usize>,
}

/// The band networks typically fall in.
pub const BAND: (f64, f64) = (30_000.0, 50_000.0);

pub fn sizes(results: &[NetworkResult]) -> Sizes {
    let mut histogram = vec![0; 11];
    let (mut below, mut within, mut above) = (0, 0, 0);
    for r in results {
        histogram[((r.registered / 10_000.0).floor().max(0.0) as usize).min(10)] += 1;
        if r.registered < BAND.0 {
            below += 1;
        } else if r.registered <= BAND.1 {
            within += 1;
        } else {
            above += 1;
        }
    }
    Sizes {
        below_band: below,
        in_band: within,
        above_band: above,
        histogram,
    }
}

/// Moves pooled money within each network: each member puts `share` of its core money in, and
/// the pool goes back by the rule. Returns each practice's change in pence (summing to zero
/// within every network) and each network's pool.
pub fn pool(
    networks: &[Network],
    share: f64,
    rule: PoolRule,
    core_pence: &[i64],
    registered: &[f64],
    weighted: &[f64],
    need: &[Option<f64>],
) -> (Vec<i64>, Vec<i64>) {
    let mut change = vec![0_i64; core_pence.len()];
    let mut pools = vec![0_i64; networks.len()];
    if share <= 0.0 {
        return (change, pools);
    }
    // One set of buffers for every network.
    let (mut members, mut put_in, mut weights) = (Vec::new(), Vec::new(), Vec::new());
    for (n, network) in networks.iter().enumerate() {
        members.clear();
        members.extend(
            network
                .members
                .iter()
                .copied()
                .filter(|&p| core_pence[p] > 0 && registered[p] > 0.0),
        );
        put_in.clear();
        put_in.extend(
            members
                .iter()
                .map(|&p| (core_pence[p] as f64 * share).round() as i64),
        );
        let total: i64 = put_in.iter().sum();
        weights.clear();
        weights.extend(members.iter().map(|&p| match rule {
            PoolRule::PerHead => registered[p],
            PoolRule::PerWeighted => weighted[p],
            // Practices with no NHS England figure share by weighted patients.
            PoolRule::PerNeed => need[p].unwrap_or(weighted[p]),
        }));
        if let Ok(back) = share_pot(total, &weights) {
            for ((&p, given), got) in members.iter().zip(&put_in).zip(back) {
                change[p] = got - given;
            }
            pools[n] = total;
        }
    }
    (change, pools)
}

/// The need measure of a family care network's budget, per practice.
pub fn need_of(
    formula: NeedFormula,
    weighted: f64,
    pmc: Option<f64>,
    final_pmc: Option<f64>,
) -> f64 {
    match formula {
        NeedFormula::CarrHill => weighted,
        NeedFormula::PrimaryMedicalCare => pmc.unwrap_or(weighted),
        NeedFormula::FinalPrimaryMedicalCare => final_pmc.unwrap_or(weighted),
    }
}

/// What the networks story does.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworksOutcome {
    pub networks: Vec<NetworkResult>,
    pub sizes: Sizes,
    /// Total pooled and shared back within networks, pence.
    pub pooled_pence: i64,
    /// Family care networks: the national scope shared by need, pence.
    pub fcn_scope_pence: i64,
}

impl Model {
    /// Weights for paying money through networks: each PCN by registered patients, then its
    /// practices by weighted patients (a practice in no PCN by its registered patients).
    pub(in crate::model) fn network_weights(
        &self,
        who: &[usize],
        registered: &[f64],
        weighted: &[f64],
    ) -> Vec<f64> {
        let pcns = self.groups_in(crate::model::groups::PCN).len();
        let mut pcn_registered = vec![0.0; pcns];
        let mut pcn_weighted = vec![0.0; pcns];
        for &p in who {
            if let Some(i) = self.pcn[p] {
                pcn_registered[i] += registered[p];
                pcn_weighted[i] += weighted[p];
            }
        }
        who.iter()
            .map(|&p| match self.pcn[p] {
                Some(i) if pcn_weighted[i] > 0.0 => {
                    pcn_registered[i] * weighted[p] / pcn_weighted[i]
                }
                _ => registered[p],
            })
            .collect()
    }

    /// The scenario's networks, from the model's cache when they were last built from the same
    /// settings and lists: building automatic networks sorts every ICB's practices, which costs
    /// more than the rest of a run, and a slider that is not about networks leaves them alone.
    fn networks_cached(&self, scenario: &Scenario, registered: &[f64]) -> Arc<Vec<Network>> {
        let settings = &scenario.networks;
        let key = NetworksKey {
            grouping: settings.grouping,
            target_size: settings.target_size.to_bits(),
            within_sub_icb: settings.within_sub_icb,
        };
        // Only the automatic grouping reads the lists; the cache holds networks built from the
        // 2022/23 lists, so a scenario that moves patients builds its own.
        let cacheable =
            settings.grouping != Grouping::Automatic || registered == &self.inputs.registered[..];
        if !cacheable {
            return Arc::new(self.networks(scenario, registered));
        }
        self.network_cache
            .get_or_make(key, || self.networks(scenario, registered))
    }

    /// The scenario's networks and their members, for lists `registered`.
    pub fn networks(&self, scenario: &Scenario, registered: &[f64]) -> Vec<Network> {
        group(
            &scenario.networks,
            &Layout {
                registered,
                location: &self.location,
                pcn: &self.pcn,
                pcns: self.groups_in(crate::model::groups::PCN),
                sub_icb: &self.sub_icb,
                sub_icbs: self.groups_in(crate::model::groups::SUB_ICB),
                icb: &self.icb,
                icbs: self.groups_in(crate::model::groups::ICB),
            },
        )
    }

    /// Each network's totals, contract price and family care budget.
    pub(in crate::model) fn networks_outcome(
        &self,
        o: &Outcome,
        scenario: &Scenario,
        groups: &[Network],
        pools: &[i64],
        registered: &[f64],
    ) -> Result<NetworksOutcome, ModelError> {
        let settings = &scenario.networks;
        let rates = settings.contract_year.and_then(contract_rates);
        // Family care networks: what practices get today for the scope, and the need measure.
        let scope = FundingLineKey::scope(
            settings.fcn_core,
            settings.fcn_pcn,
            settings.fcn_qof,
            settings.fcn_enhanced,
        );
        let line_amount = |key: FundingLineKey, p: usize| -> i64 {
            match o.pot.lines.iter().find(|l| l.key == key) {
                Some(l) => l.practice_pence[p],
                None => funding_line_index(key).map_or(0, |i| self.funding[i][p]),
            }
        };
        let mut results = Vec::with_capacity(groups.len());
        let mut today = Vec::with_capacity(groups.len());
        let mut need = Vec::with_capacity(groups.len());
        for (n, g) in groups.iter().enumerate() {
            let (mut reg, mut weighted, mut base, mut now, mut fcn_today, mut fcn_need) =
                (0.0, 0.0, 0_i64, 0_i64, 0_i64, 0.0);
            for &p in &g.members {
                let r = &o.practices[p];
                reg += registered[p];
                weighted += r.weighted_scenario;
                base += r.total_baseline_pence;
                now += r.total_scenario_pence;
                if settings.family_care {
                    fcn_today += scope.iter().map(|&k| line_amount(k, p)).sum::<i64>();
                    let final_pmc = self.need[p];
                    fcn_need += need_of(
                        settings.fcn_formula,
                        r.weighted_scenario,
                        self.pmc[p],
                        final_pmc,
                    );
                }
            }
            today.push(fcn_today);
            need.push(fcn_need.max(0.0));
            results.push(NetworkResult {
                code: g.code.clone(),
                name: g.name.clone(),
                practices: g.members.len(),
                registered: reg,
                weighted,
                total_baseline_pence: base,
                total_scenario_pence: now,
                pool_pence: pools.get(n).copied().unwrap_or(0),
                contract_pence: rates
                    .map(|r| {
                        // The care home premium: the members' 2022/23 payments (£120 a bed).
                        let care_home: i64 = if r.care_home_premium {
                            g.members
                                .iter()
                                .map(|&p| line_amount(FundingLineKey::PcnCareHome, p))
                                .sum()
                        } else {
                            0
                        };
                        to_pence(
                            (r.per_registered * reg + r.per_adjusted * weighted) * 100.0,
                            "network funding",
                        )
                        .map(|v| v + care_home)
                    })
                    .transpose()?,
                arrs_cap_pence: rates
                    .filter(|r| r.arrs_per_adjusted > 0.0)
                    .map(|r| to_pence(r.arrs_per_adjusted * weighted * 100.0, "ARRS cap"))
                    .transpose()?,
                fcn_today_pence: fcn_today,
                fcn_budget_pence: 0,
                fcn_at_risk_pence: 0,
            });
        }
        let fcn_scope: i64 = today.iter().sum();
        if settings.family_care && fcn_scope > 0 {
            let budgets = share_pot(fcn_scope, &need).map_err(|error| ModelError::Share {
                line: "family care network",
                error,
            })?;
            for (r, b) in results.iter_mut().zip(budgets) {
                r.fcn_budget_pence = b;
                r.fcn_at_risk_pence = to_pence(b as f64 * settings.at_risk, "money at risk")?;
            }
        }
        Ok(NetworksOutcome {
            sizes: sizes(&results),
            pooled_pence: pools.iter().sum(),
            fcn_scope_pence: if settings.family_care { fcn_scope } else { 0 },
            networks: results,
        })
    }

    /// The scenario's networks when a network lever is in use, each practice's change from
    /// pooling core money within its network, and each network's pool, pence.
    pub(in crate::model) fn network_pool(
        &self,
        scenario: &Scenario,
        lines: &[PotLine],
        registered: &[f64],
        weighted: &[f64],
    ) -> (Option<Arc<Vec<Network>>>, Vec<i64>, Vec<i64>) {
        let n = self.len();
        let groups = scenario
            .networks
            .active()
            .then(|| self.networks_cached(scenario, registered));
        let (change, pools) = match &groups {
            Some(groups) => {
                let mut core_scenario = vec![0_i64; n];
                for line in lines
                    .iter()
                    .filter(|l| FundingLineKey::CORE.contains(&l.key))
                {
                    for (sum, pence) in core_scenario.iter_mut().zip(&line.practice_pence) {
                        *sum += pence;
                    }
                }
                pool(
                    groups,
                    scenario.networks.pooled_share,
                    scenario.networks.pool_rule,
                    &core_scenario,
                    registered,
                    weighted,
                    &self.need,
                )
            }
            None => (vec![0; n], Vec::new()),
        };
        (groups, change, pools)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pooling_moves_money_within_a_network_and_sums_to_zero() {
        let networks = vec![Network {
            code: "N".into(),
            name: "N".into(),
            members: vec![0, 1, 2],
        }];
        let core = [100_000, 300_000, 0];
        let (change, pools) = pool(
            &networks,
            0.5,
            PoolRule::PerHead,
            &core,
            &[1000.0, 1000.0, 500.0],
            &[1.0, 1.0, 1.0],
            &[None, None, None],
        );
        // Pool 50,000 + 150,000 shared per head between the two with money: 100,000 each.
        assert_eq!(pools, vec![200_000]);
        assert_eq!(change, vec![50_000, -50_000, 0]);
    }

    #[test]
    fn sizes_count_the_band() {
        let r = |registered: f64| NetworkResult {
            code: String::new(),
            name: String::new(),
            practices: 1,
            registered,
            weighted: registered,
            total_baseline_pence: 0,
            total_scenario_pence: 0,
            pool_pence: 0,
            contract_pence: None,
            arrs_cap_pence: None,
            fcn_today_pence: 0,
            fcn_budget_pence: 0,
            fcn_at_risk_pence: 0,
        };
        let s = sizes(&[
            r(12_000.0),
            r(30_000.0),
            r(45_000.0),
            r(50_000.0),
            r(120_000.0),
        ]);
        assert_eq!((s.below_band, s.in_band, s.above_band), (1, 3, 1));
        assert_eq!(s.histogram[1], 1);
        assert_eq!(s.histogram[10], 1);
    }
}
