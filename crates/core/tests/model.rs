//! The allocation engine on the real England dataset: golden baseline figures, conservation to
//! the penny, and properties that must hold for any scenario.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{
    assert_conserved, assert_finite, assert_groups_add_up, assert_invariants,
    assert_rules_comparison_finite, dataset, model,
};
use gpfe_core::data::{funding_line_index, FundingLineKey, FUNDING_LINES};
use gpfe_core::model::{run, ModelError, Outcome};
use gpfe_core::scenario::{Kind, PotMode, Scenario, Sharing, PARAMETERS, PRESETS};
use proptest::prelude::*;

fn outcome(query: &str) -> Outcome {
    model().run(&Scenario::from_query(query).unwrap()).unwrap()
}

#[test]
fn the_default_scenario_reproduces_2022_23_to_the_penny() {
    let d = dataset();
    let o = outcome("");
    for (p, r) in d.practices.iter().zip(&o.practices) {
        assert_eq!(r.total_scenario_pence, r.total_baseline_pence, "{}", p.code);
        assert_eq!(r.total_baseline_pence, p.total_pence());
        assert_eq!(r.weighted_scenario, p.weighted(), "{}", p.code);
        assert_eq!(r.change_pct(), 0.0);
    }
    assert_eq!(o.national.baseline_pence, 1_023_009_480_370);
    assert_eq!(o.national.scenario_pence, 1_023_009_480_370);
    // Core pot: Global Sum + MPIG + PMS balance.
    assert_eq!(
        o.pot.baseline_pence,
        436_873_152_976 + 688_812 + 165_262_686_322
    );
    assert_eq!(o.pot.allocated_pence, o.pot.baseline_pence);
    assert_eq!(
        o.winners_losers[2].practices, 6_463,
        "everyone within ±0.1%"
    );
    assert_conserved(&o);
    assert_groups_add_up(&o);
}

#[test]
fn money_per_weighted_patient_falls_with_deprivation_in_the_baseline() {
    let o = outcome("");
    let q: Vec<f64> = o
        .by_imd_quintile
        .iter()
        .map(|g| g.baseline_per_weighted())
        .collect();
    // About £171 in the least deprived fifth against about £155 in the most deprived.
    assert!((q[0] - 171.42).abs() < 0.01, "{q:?}");
    assert!((q[4] - 155.67).abs() < 0.01, "{q:?}");
    let e = &model().equity(&o).baseline;
    assert!(
        e.gap_pct < 0.0,
        "the most deprived get less per need-adjusted patient"
    );
    assert!(e.concentration_index > 0.0, "pro-affluent");
    assert!(e.gini > 0.0 && e.gini < 1.0);
}

#[test]
fn gp_at_hand_has_a_young_list_and_a_low_age_sex_index() {
    let d = dataset();
    let m = model();
    let i = d.practice_index("E85124").unwrap();
    assert!((m.inputs.age_sex_index[i] - 0.7774).abs() < 0.001);
    // The published weighted list is exactly registered × age-sex × turnover × the rest.
    let p = &d.practices[i];
    let rebuilt = p.registered()
        * m.inputs.age_sex_index[i]
        * m.inputs.turnover_index[i]
        * m.inputs.rest_index[i];
    assert!((rebuilt - 84_032.72).abs() < 1e-6, "{rebuilt}");
    // Raising the weight of women aged 15-44 (most of its list is 20-39) moves money to it.
    let o = outcome("v=1&f2=3");
    assert!(o.practices[i].change_pct() > 0.0);
    let o = outcome("v=1&m2=0.5&f2=1");
    assert!(o.practices[i].change_pct() < 0.0);
    let rank = o.rank_per_registered(i).unwrap();
    assert_eq!(rank.1, 6_463);
}

#[test]
fn pure_capitation_gives_every_practice_one_price_per_weighted_patient() {
    let o = outcome("v=1&share=formula");
    assert_conserved(&o);
    let core = FundingLineKey::CORE;
    // Practices with a negative amount on a core line keep it; leave them out.
    let prices: Vec<f64> = o
        .practices
        .iter()
        .zip(&dataset().practices)
        .filter(|(r, p)| {
            r.weighted_scenario > 100.0 && core.iter().all(|&k| p.funding_line(k).unwrap() >= 0)
        })
        .map(|(r, _)| r.pooled_scenario_pence as f64 / 100.0 / r.weighted_scenario)
        .collect();
    let (lo, hi) = prices
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
    assert!(
        hi - lo < 0.01,
        "one price, to the penny's rounding: {lo}..{hi}"
    );
    assert!(
        (lo - 96.91).abs() < 0.05,
        "£6.02bn over 62.1m weighted patients: {lo}"
    );
}

#[test]
fn a_floor_costs_new_money_and_lifts_everyone_to_it() {
    let o = outcome("v=1&floor=100");
    assert_conserved(&o);
    assert!(o.pot.floor_cost_pence > 0);
    assert_eq!(
        o.practices
            .iter()
            .map(|p| p.floor_top_up_pence)
            .sum::<i64>(),
        o.pot.floor_cost_pence
    );
    for p in o.practices.iter().filter(|p| p.weighted_scenario > 0.0) {
        let pooled = p.pooled_scenario_pence + p.london_adjustment_pence + p.floor_top_up_pence;
        assert!(pooled as f64 >= 100.0 * 100.0 * p.weighted_scenario - 1e-6);
    }
}

#[test]
fn the_london_adjustment_comes_out_of_the_global_sum_in_a_fixed_pot() {
    let o = outcome("v=1&lon=2.18");
    assert_conserved(&o);
    let london: f64 = o
        .by_region
        .iter()
        .find(|g| &*g.code == "Y56")
        .unwrap()
        .registered;
    // Each practice's adjustment is rounded to the penny.
    let practices = o
        .by_region
        .iter()
        .find(|g| &*g.code == "Y56")
        .unwrap()
        .practices as f64;
    assert!(
        (o.pot.london_adjustment_pence as f64 / 100.0 - 2.18 * london).abs() <= 0.005 * practices
    );
    let london_group = o.by_region.iter().find(|g| &*g.code == "Y56").unwrap();
    assert!(london_group.change_pct() > 0.0);
}

#[test]
fn a_fixed_price_moves_the_total_with_weighted_patients() {
    let o = outcome("v=1&fix=price&m2=1.2");
    assert_conserved(&o);
    assert_ne!(o.pot.allocated_pence, o.pot.baseline_pence);
}

#[test]
fn all_weights_zero_is_an_error_not_a_division_by_zero() {
    let s = Scenario {
        age_sex_weights: [[0.0; 7]; 2],
        ..Scenario::default()
    };
    let err = run(dataset(), &s).unwrap_err();
    assert!(matches!(err, ModelError::Formula(_)));
    assert_eq!(
        err.to_string(),
        "the age-sex weights give no patient any weight; set at least one above zero"
    );
}

#[test]
fn every_preset_runs_and_conserves() {
    for preset in PRESETS {
        let o = outcome(preset.query);
        assert_conserved(&o);
        assert_finite(model(), &o);
        let scenario = Scenario::from_query(preset.query).unwrap();
        assert_rules_comparison_finite(model(), &scenario, &o);
        assert_groups_add_up(&o);
    }
}

/// Any scenario the URL form can express.
fn any_scenario() -> impl Strategy<Value = Scenario> {
    let numbers: Vec<_> = PARAMETERS
        .iter()
        .filter_map(|p| match p.kind() {
            Kind::Number { min, max, .. } => Some((p.key, min, max)),
            _ => None,
        })
        .collect();
    let values = numbers
        .iter()
        .map(|&(_, min, max)| prop_oneof![Just(min), Just(max), min..=max])
        .collect::<Vec<_>>();
    (
        values,
        any::<[bool; 3]>(),
        any::<bool>(),
        any::<bool>(),
        proptest::collection::vec(any::<bool>(), numbers.len()),
    )
        .prop_map(move |(values, pots, price, formula, keep)| {
            let mut s = Scenario::default();
            for ((&(key, _, _), v), keep) in numbers.iter().zip(values).zip(keep) {
                // Leave about half the parameters at their defaults.
                if !keep {
                    s.set(key, &v.to_string()).unwrap();
                }
            }
            s.pot_qof = pots[0];
            s.pot_pcn = pots[1];
            s.pot_enhanced_services = pots[2];
            s.pot_mode = if price {
                PotMode::FixedPrice
            } else {
                PotMode::FixedPot
            };
            s.sharing = if formula {
                Sharing::Formula
            } else {
                Sharing::KeepRates
            };
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_scenario_conserves_money_and_shows_only_finite_numbers(s in any_scenario()) {
        match model().run(&s) {
            Ok(o) => {
                assert_conserved(&o);
                assert_finite(model(), &o);
                assert_rules_comparison_finite(model(), &s, &o);
                assert_groups_add_up(&o);
            }
            // The only refusals: no age-sex weight at all, or a London adjustment bigger than
            // the Global Sum.
            Err(ModelError::Formula(_)) => prop_assert!(s.age_sex_weights.iter().flatten().all(|w| *w == 0.0)),
            Err(ModelError::LondonAdjustmentTooLarge { .. }) => {}
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }

    /// Every kind of parameter (numbers at and inside their bounds, switches, choices and codes),
    /// decoded from bytes as the `scenario` fuzz target does, keeps every invariant.
    #[test]
    fn any_setting_of_any_parameter_keeps_every_invariant(
        bytes in proptest::collection::vec(any::<u8>(), 0..300),
    ) {
        common::fuzz::scenario(&bytes);
    }

    #[test]
    fn at_default_formula_settings_any_pot_pays_everyone_as_before(
        pots in any::<[bool; 3]>(),
        price in any::<bool>(),
    ) {
        let s = Scenario {
            pot_qof: pots[0],
            pot_pcn: pots[1],
            pot_enhanced_services: pots[2],
            pot_mode: if price { PotMode::FixedPrice } else { PotMode::FixedPot },
            ..Scenario::default()
        };
        let o = model().run(&s).unwrap();
        for (p, r) in dataset().practices.iter().zip(&o.practices) {
            prop_assert_eq!(r.total_scenario_pence, p.total_pence(), "{}", &p.code);
        }
        assert_conserved(&o);
    }

    #[test]
    fn scaling_every_age_sex_weight_changes_nothing_but_rounding(k in 0.05_f64..20.0) {
        let base = model().run(&Scenario::default()).unwrap();
        let mut s = Scenario::default();
        for w in s.age_sex_weights.iter_mut().flatten() {
            *w *= k;
        }
        let scaled = model().run(&s).unwrap();
        for (a, b) in base.practices.iter().zip(&scaled.practices) {
            prop_assert!((a.total_scenario_pence - b.total_scenario_pence).abs() <= 1);
        }
    }

    #[test]
    fn raising_a_cells_weight_never_lowers_a_practice_heavy_in_that_cell(
        cell in 0_usize..14,
        start in 0.5_f64..4.0,
        rise in 0.01_f64..2.0,
    ) {
        // Shared by the age-sex index alone, so "heavy in the cell" has a clean meaning: more of
        // the practice's age-sex workload in this cell than England's.
        let mut low = Scenario::from_query("v=1&share=formula&an=0&ru=0&mf=0&ns=0&lt=0").unwrap();
        low.age_sex_weights[cell / 7][cell % 7] = start;
        let mut high = low.clone();
        high.age_sex_weights[cell / 7][cell % 7] = start + rise;
        let (a, b) = (model().run(&low).unwrap(), model().run(&high).unwrap());
        let inputs = &model().inputs;
        let weights: Vec<f64> = low.age_sex_weights.iter().flatten().copied().collect();
        let workload = |c: &[f64; 14]| c.iter().zip(&weights).map(|(n, w)| n * w).sum::<f64>();
        let national_cell: f64 = inputs.cells.iter().map(|c| c[cell]).sum();
        let national_workload: f64 = inputs.cells.iter().map(workload).sum();
        for (p, c) in inputs.cells.iter().enumerate() {
            let w = workload(c);
            // (A 2% margin keeps clear of the few practices held out of a line's pot.)
            if inputs.weighted[p] > 0.0 && w > 0.0 && c[cell] / w > 1.02 * national_cell / national_workload {
                prop_assert!(
                    b.practices[p].pooled_scenario_pence >= a.practices[p].pooled_scenario_pence - 1,
                    "practice {p}"
                );
            }
        }
    }
}

#[test]
fn the_july_2018_proposals_lower_the_hosts_core_income() {
    let old = outcome("preset=df-april-2018");
    let proposals = outcome("preset=df-july-2018");
    let host = dataset().practice_index("E85124").unwrap();
    assert!(
        proposals.practices[host].pooled_scenario_pence < old.practices[host].pooled_scenario_pence,
        "core income falls"
    );
    let df = proposals.digital_first.as_ref().unwrap();
    assert_eq!(df.host, host);
    let july = Scenario::from_query("preset=df-july-2018").unwrap();
    let rules = model()
        .rules_before_2019(&july, &proposals)
        .unwrap()
        .unwrap();
    assert!(rules.rules_effect_pct < 0.0);
    assert_eq!(
        rules.host_total_old_rules_pence, old.practices[host].total_scenario_pence,
        "the comparison is with the same joiners under the old rules"
    );
    // A scenario without a digital-first host has nothing to compare.
    let baseline = outcome("");
    assert_eq!(
        model()
            .rules_before_2019(&Scenario::default(), &baseline)
            .unwrap(),
        None
    );
    assert_conserved(&proposals);
}

#[test]
fn joiners_come_from_the_chosen_donors_and_the_national_list_is_unchanged() {
    let d = dataset();
    let o = outcome("v=1&dfn=20000&dfd=icb&dfi=QMF");
    let df = o.digital_first.as_ref().unwrap();
    assert_eq!(df.by_donor_icb.len(), 1);
    assert_eq!(d.icbs[df.by_donor_icb[0].icb].code, "QMF");
    assert!((df.by_donor_icb[0].patients_given - df.joiners).abs() < 1e-6);
    let total: f64 = o.practices.iter().map(|p| p.registered_scenario).sum();
    assert!((total - 62_134_644.75).abs() < 1e-3, "{total}");
    let host = df.host;
    // GP at Hand starts from its 2016/17 list of 2,549.
    assert!((o.practices[host].registered_scenario - (2_549.0 + df.joiners)).abs() < 1e-6);
    // Out-of-area joiners × £500 a year × 4 quarters of lag.
    assert_eq!(
        df.cost_pressure_pence,
        (df.joiners * 0.86 * 500.0 * 100.0).round() as i64
    );
    for bad in ["v=1&dfn=10&dfh=ZZZ999", "v=1&dfn=10&dfd=icb&dfi=XXX"] {
        assert!(matches!(
            model().run(&Scenario::from_query(bad).unwrap()),
            Err(ModelError::DigitalFirst(_))
        ));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn moving_patients_conserves_the_national_list_and_every_pot(
        joiners in 0.0_f64..150_000.0,
        donors in prop_oneof![Just("london"), Just("england"), Just("icb")],
        premium in prop_oneof![Just("on"), Just("off"), Just("stay")],
        rules in any::<[bool; 2]>(),
        multiplier in 0.7_f64..1.0,
        pots in any::<[bool; 3]>(),
    ) {
        let query = format!(
            "v=1&dfn={joiners}&dfd={donors}&dfp={premium}&dfr={}&dfw={}&dfx={multiplier}&qof={}&pcn={}&es={}",
            u8::from(rules[0]), u8::from(rules[1]), u8::from(pots[0]), u8::from(pots[1]), u8::from(pots[2])
        );
        let scenario = Scenario::from_query(&query).unwrap();
        let o = model().run(&scenario).unwrap();
        assert_conserved(&o);
        assert_finite(model(), &o);
        assert_rules_comparison_finite(model(), &scenario, &o);
        assert_groups_add_up(&o);
        let total: f64 = o.practices.iter().map(|p| p.registered_scenario).sum();
        prop_assert!((total - 62_134_644.75).abs() < 1e-3);
        let national: f64 = o.by_region.iter().map(|g| g.registered).sum();
        prop_assert!((national - 62_134_644.75).abs() < 1e-3);
    }
}

#[test]
fn automatic_networks_stay_within_an_icb_and_mostly_within_the_band() {
    let d = dataset();
    let s = Scenario::from_query("v=1&nw=auto&nws=40000").unwrap();
    let networks = model().networks(&s, &model().inputs.registered);
    let mut covered = 0;
    let mut in_band = 0;
    for n in &networks {
        let icb = d.practices[n.members[0]].icb;
        assert!(
            n.members.iter().all(|&p| d.practices[p].icb == icb),
            "{} crosses an ICB boundary",
            n.name
        );
        covered += n.members.len();
        let size: f64 = n.members.iter().map(|&p| d.practices[p].registered()).sum();
        if (30_000.0..=50_000.0).contains(&size) {
            in_band += 1;
        }
    }
    assert_eq!(
        covered, 6_463,
        "every practice with patients is in one network"
    );
    assert!(
        in_band * 10 >= networks.len() * 9,
        "{in_band} of {} networks are 30-50k",
        networks.len()
    );
}

/// Runs each scenario in turn on one model, so each finds what the model kept from the one
/// before (networks built, joiners placed and their yardstick), and checks each outcome equals
/// a new model's, which keeps nothing; `acts` says the outcome shows what the scenarios are
/// about.
fn assert_kept_equals_afresh(queries: &[&str], acts: impl Fn(&Outcome) -> bool) {
    let kept = gpfe_core::model::Model::new(dataset());
    for query in queries {
        let s = Scenario::from_query(query).unwrap();
        let fresh = gpfe_core::model::Model::new(dataset()).run(&s).unwrap();
        let again = kept.run(&s).unwrap();
        assert!(acts(&fresh), "{query}");
        assert_eq!(again, fresh, "{query}");
    }
}

#[test]
fn networks_from_the_models_cache_equal_networks_built_afresh() {
    assert_kept_equals_afresh(
        &[
            "v=1&nw=auto&nws=40000&nwp=0.1",
            "v=1&nw=auto&nws=30000&nwp=0.1",
            "v=1&nw=auto&nws=30000&nwp=0.1&nwb=subicb",
            "v=1&nw=auto&nws=40000&nwp=0.1",
            "v=1&nw=pcn&nwp=0.1",
            "preset=df-july-2018&nw=auto&nws=40000&nwp=0.1",
            "v=1&nw=auto&nws=40000&nwp=0.1",
        ],
        |o| o.networks.is_some(),
    );
}

#[test]
fn outcomes_with_kept_uplifts_equal_uplifts_worked_out_afresh() {
    // The same uplifts with another slider moved, then other uplifts, then the first again.
    assert_kept_equals_afresh(
        &[
            "v=1&dep=0.1",
            "v=1&dep=0.1&ns=0.5",
            "v=1&dep=0.2&ns=0.5",
            "v=1&dep=0.2&rur=0.1&ns=0.5",
            "v=1&rur=0.1",
            "v=1&dep=0.1&fm=pmc",
            "v=1&dep=0.1",
        ],
        |o| o.practices.iter().any(|r| r.change_pence() != 0),
    );
}

#[test]
fn digital_first_outcomes_from_kept_joiners_equal_joiners_placed_afresh() {
    // The same joiners under other rules, then other joiners, donors or profile, then the
    // first again.
    assert_kept_equals_afresh(
        &[
            "v=1&dfn=23997&dfp=off",
            "v=1&dfn=23997&dfp=on&dfr=0&dfw=0&dfx=0.8",
            "v=1&dfn=23997&dfp=off&ns=0.5&dep=0.1",
            "v=1&dfn=30000&dfp=off",
            "v=1&dfn=30000&dfy=0.6&dfm=0.5",
            "v=1&dfn=30000&dfd=england",
            "v=1&dfn=30000&dfd=icb",
            "v=1&dfn=23997&dfp=off",
        ],
        |o| o.digital_first.as_ref().is_some_and(|df| df.joiners > 0.0),
    );
}

#[test]
fn network_totals_equal_the_sum_of_their_members_and_pooling_conserves_money() {
    let s = Scenario::from_query("v=1&nw=auto&nwp=0.2&nwr=need&nwy=2024-25").unwrap();
    let o = model().run(&s).unwrap();
    assert_conserved(&o);
    let networks = model().networks(&s, &model().inputs.registered);
    let results = &o.networks.as_ref().unwrap().networks;
    assert_eq!(networks.len(), results.len());
    for (n, r) in networks.iter().zip(results) {
        let members: i64 = n
            .members
            .iter()
            .map(|&p| o.practices[p].total_scenario_pence)
            .sum();
        assert_eq!(members, r.total_scenario_pence, "{}", r.name);
        let before: i64 = n
            .members
            .iter()
            .map(|&p| o.practices[p].total_baseline_pence)
            .sum();
        assert_eq!(before, r.total_baseline_pence);
        // Pooling moves money within a network: its total is what its members had before.
        assert_eq!(r.total_scenario_pence, r.total_baseline_pence, "{}", r.name);
        // 2024/25: £2.218 per registered + £11.62 per adjusted patient, and the care home
        // premium its members were paid.
        let care_home: i64 = n
            .members
            .iter()
            .map(|&p| {
                dataset().practices[p]
                    .funding_line(FundingLineKey::PcnCareHome)
                    .unwrap()
            })
            .sum();
        let expected = (2.218 * r.registered + (0.698 + 7.674 + 3.248) * r.weighted) * 100.0;
        assert!((r.contract_pence.unwrap() as f64 - care_home as f64 - expected).abs() <= 0.5);
    }
    assert!(o.networks.as_ref().unwrap().pooled_pence > 0);
}

#[test]
fn family_care_budgets_share_the_scope_by_need_to_the_penny() {
    let o = outcome("preset=family-care-networks");
    let n = o.networks.as_ref().unwrap();
    let budgets: i64 = n.networks.iter().map(|r| r.fcn_budget_pence).sum();
    let today: i64 = n.networks.iter().map(|r| r.fcn_today_pence).sum();
    assert_eq!(budgets, n.fcn_scope_pence);
    assert_eq!(today, n.fcn_scope_pence);
    for r in &n.networks {
        assert_eq!(
            r.fcn_at_risk_pence,
            (r.fcn_budget_pence as f64 * 0.05).round() as i64
        );
    }
    // Core (£6.02bn) and PCN money of the practices in networks.
    assert!(n.fcn_scope_pence > 600_000_000_000);
}

#[test]
fn the_qof_successor_keeps_the_money_in_general_practice_and_moves_it_by_need() {
    let o = outcome("preset=qof-700m");
    assert_conserved(&o);
    let q = o.qof_successor.unwrap();
    // 91.08% of £768,543,114.18, rounded practice by practice.
    assert!((q.retired_pence as f64 / 100.0 - 700_000_000.0).abs() < 50_000.0);
    assert_eq!(q.respent_pence + q.returned_pence, q.retired_pence);
    let moved: i64 = o.practices.iter().map(|p| p.qof_successor_pence).sum();
    assert_eq!(moved, 0, "every penny retired is spent again");
    assert_eq!(o.national.scenario_pence, o.national.baseline_pence);

    let by_need = outcome("v=1&qr=1&qb=need");
    let by_head = outcome("v=1&qr=1&qb=registered");
    let most_deprived = |o: &Outcome| o.by_imd_quintile[4].scenario_pence;
    assert!(
        most_deprived(&by_need) > most_deprived(&by_head),
        "need-adjusted spending favours the most deprived fifth more than per-head spending"
    );
    let q = outcome("preset=qof-2025-26").qof_successor.unwrap();
    assert!((q.respent_pence as f64 / 100.0 - 100_000_000.0).abs() < 100_000.0);
}

#[test]
fn reinvested_savings_are_never_negative_and_reach_practices_unless_the_holder_keeps_them() {
    let o = outcome("preset=savings-pacs");
    assert_conserved(&o);
    let s = o.savings.as_ref().unwrap();
    assert_eq!(s.years.len(), 5);
    assert_eq!(s.paid_to_practices_pence, s.years[0].reinvested_pence);
    assert!(s.paid_to_practices_pence > 0);
    assert_eq!(
        o.practices.iter().map(|p| p.savings_pence).sum::<i64>(),
        s.paid_to_practices_pence
    );
    let kept = outcome("v=1&sm=0.011&sr=0.5&sw=holder");
    assert_eq!(kept.savings.as_ref().unwrap().paid_to_practices_pence, 0);
    assert_eq!(kept.national.scenario_pence, kept.national.baseline_pence);
    // Faster growth in the new care models saves nothing, rather than a negative sum.
    let worse = outcome("v=1&sm=0.05&sr=1");
    for y in &worse.savings.as_ref().unwrap().years {
        assert_eq!(y.saved_pence, 0);
    }
    assert_eq!(worse.national.scenario_pence, worse.national.baseline_pence);
}

#[test]
fn the_share_path_starts_from_the_real_spending_and_meets_its_target() {
    let p = outcome("preset=share-2029").envelope.unwrap();
    assert_eq!(p[0].year, 2022);
    assert!(
        (p[0].gp_bn - 10.230_094_803_7).abs() < 1e-9,
        "2022/23 from the data"
    );
    let y = p.iter().find(|y| y.year == 2029).unwrap();
    assert!((y.target_share - 0.11).abs() < 1e-12);
    assert!(y.extra_needed_bn > 0.0);
    let later = outcome("preset=share-2035").envelope.unwrap();
    let same_year = later.iter().find(|y| y.year == 2029).unwrap();
    assert!(
        same_year.target_share < y.target_share,
        "a later target asks less by 2029"
    );
}

/// NHS England's consolidated net expenditure for 2022/23 in its Annual Report and Accounts
/// 2022-23: £157,686,369 thousand.
const NHSE_2022_23_BN: f64 = 157.686_369;

#[test]
fn the_spending_path_counts_the_2018_settlement_once() {
    let default = Scenario::default().envelope;
    assert_eq!(default.nhs_base_bn, NHSE_2022_23_BN);
    assert_eq!(default.extra_bn, 0.0, "nothing on top of the growth");
    assert_eq!(default.growth, 0.034);
    let p = outcome("preset=share-2029").envelope.unwrap();
    for y in &p {
        let t = (y.year - 2022) as i32;
        assert!(
            (y.nhs_bn - NHSE_2022_23_BN * 1.034_f64.powi(t)).abs() < 1e-9,
            "{}: £{}bn",
            y.year,
            y.nhs_bn
        );
    }
    // The fifth year: £157.69bn × 1.034^5 = £186.38bn, not £206bn with £20bn added again.
    assert_eq!(p[5].year, 2027);
    assert!((p[5].nhs_bn - 186.379).abs() < 1e-3, "{}", p[5].nhs_bn);
    // Extra money, when asked for, is on top and reached in the fifth year.
    let extra = outcome("v=1&ex=20").envelope.unwrap();
    assert!((extra[5].nhs_bn - p[5].nhs_bn - 20.0).abs() < 1e-9);
    assert!((extra[1].nhs_bn - p[1].nhs_bn - 4.0).abs() < 1e-9);
}

#[test]
fn the_starting_share_is_the_data_total_over_the_budget() {
    let o = outcome("preset=share-2029");
    let p = o.envelope.as_ref().unwrap();
    let total = o.national.baseline_pence;
    assert_eq!(
        total,
        dataset()
            .practices
            .iter()
            .map(|p| p.total_pence())
            .sum::<i64>()
    );
    assert!((p[0].gp_bn - total as f64 / 1e11).abs() < 1e-12);
    assert!((p[0].share - total as f64 / 1e11 / NHSE_2022_23_BN).abs() < 1e-12);
    // £10.23bn of £157.69bn: 6.49%, as the budget's help says.
    assert_eq!(format!("{:.2}", p[0].share * 100.0), "6.49");
    assert_eq!(p[0].gp_new_pence, 0);
    // The default share of new money, 6.5%, keeps general practice's share about level.
    assert!(p.iter().all(|y| (y.share - p[0].share).abs() < 2e-4));
}

#[test]
fn the_stated_years_new_money_is_paid_to_practices_to_the_penny() {
    for year in 1..=5 {
        for channel in ["weighted", "networks"] {
            let o = outcome(&format!("v=1&et=0.11&ew={year}&ec={channel}"));
            assert_conserved(&o);
            let p = o.envelope.as_ref().unwrap();
            let n = o.new_money.unwrap();
            assert_eq!(n.year, 2022 + year);
            let increment = p[year as usize].gp_new_pence;
            assert!(increment > 0);
            assert_eq!(n.new_money_pence, increment);
            assert_eq!(n.paid_to_practices_pence, increment, "{year} {channel}");
            assert_eq!(
                o.practices.iter().map(|r| r.new_money_pence).sum::<i64>(),
                increment
            );
            assert_eq!(
                o.national.scenario_pence - o.national.baseline_pence,
                increment,
                "{year} {channel}"
            );
        }
    }
    // The default: 6.5% of £157.69bn × (1.034^5 − 1) in 2027/28.
    let o = outcome("v=1&et=0.11");
    let expected = (0.065 * NHSE_2022_23_BN * (1.034_f64.powi(5) - 1.0) * 1e11).round() as i64;
    assert_eq!(o.new_money.unwrap().paid_to_practices_pence, expected);
    // Not paid: the path alone, no practice changes.
    let none = outcome("v=1&et=0.11&ec=none");
    assert_eq!(none.new_money.unwrap().paid_to_practices_pence, 0);
    assert!(none.new_money.unwrap().new_money_pence > 0);
    assert!(none.practices.iter().all(|r| r.change_pence() == 0));
}

#[test]
fn new_money_follows_the_weighted_list_or_the_networks() {
    let o = outcome("v=1&et=0.11&ec=weighted");
    let paid = o.new_money.unwrap().paid_to_practices_pence as f64;
    let weighted: f64 = o.practices.iter().map(|r| r.weighted_baseline).sum();
    for r in &o.practices {
        let expected = paid * r.weighted_baseline / weighted;
        assert!(
            (r.new_money_pence as f64 - expected).abs() <= 1.0,
            "{} against {expected}",
            r.new_money_pence
        );
    }
    // Through networks: each PCN per registered patient, its practices per weighted patient.
    let o = outcome("v=1&et=0.11&ec=networks");
    let paid = o.new_money.unwrap().paid_to_practices_pence as f64;
    let d = dataset();
    let registered: f64 = o.practices.iter().map(|r| r.registered_baseline).sum();
    let mut by_pcn: std::collections::HashMap<usize, (f64, f64, i64)> = Default::default();
    for (p, r) in d.practices.iter().zip(&o.practices) {
        if let Some(pcn) = p.pcn {
            let e = by_pcn.entry(pcn).or_default();
            e.0 += r.registered_baseline;
            e.1 += r.weighted_baseline;
            e.2 += r.new_money_pence;
        }
    }
    for (pcn, (reg, _, got)) in &by_pcn {
        let expected = paid * reg / registered;
        let members = d.practices.iter().filter(|p| p.pcn == Some(*pcn)).count() as f64;
        assert!(
            (*got as f64 - expected).abs() <= members,
            "PCN {pcn}: {got} against {expected}"
        );
    }
    for (p, r) in d.practices.iter().zip(&o.practices) {
        if let (Some(pcn), true) = (p.pcn, r.weighted_baseline > 0.0) {
            let (reg, w, _) = by_pcn[&pcn];
            let expected = paid * reg / registered * r.weighted_baseline / w;
            assert!((r.new_money_pence as f64 - expected).abs() <= 1.0);
        }
    }
}

#[test]
fn core_funding_shifts_to_the_trust_compounding_and_leaves_practices() {
    let o = outcome("v=1&bh=trust&bk=0.05");
    assert_conserved(&o);
    let c = o.core_shift.as_ref().unwrap();
    let d = dataset();
    let core: Vec<i64> = d
        .practices
        .iter()
        .map(|p| {
            FundingLineKey::CORE
                .iter()
                .map(|&k| p.funding[funding_line_index(k).unwrap()])
                .sum::<i64>()
                .max(0)
        })
        .collect();
    let core_0: i64 = core.iter().sum();
    // Core capitation in 2022/23: £6.02bn.
    assert_eq!(core_0 / 1_000_000_000, 6_02);
    assert_eq!(c.years.len(), 6);
    for (t, y) in c.years.iter().enumerate() {
        assert_eq!(y.year, 2022 + t as u32);
        let moved = (core_0 as f64 * (1.0 - 0.95_f64.powi(t as i32))).round() as i64;
        assert_eq!(y.moved_pence, moved);
        assert_eq!(y.core_pence, core_0 - moved);
    }
    // Practices bear the fifth year's shift (the default year of the path paid to practices).
    assert_eq!(c.year, 2027);
    assert_eq!(c.moved_pence, c.years[5].moved_pence);
    assert_eq!(o.budget_holder.unwrap().core_moved_pence, c.moved_pence);
    assert_eq!(
        o.national.baseline_pence - o.national.scenario_pence,
        c.moved_pence
    );
    for (r, &k) in o.practices.iter().zip(&core) {
        let expected = -(c.moved_pence as f64) * k as f64 / core_0 as f64;
        assert!((r.core_shift_pence as f64 - expected).abs() <= 1.0);
    }
    // The flow: the moved core goes through the trust, which keeps it, whatever the scope.
    for query in ["v=1&bh=trust&bk=0.05", "v=1&bh=trust&bs=all&bd=0.1&bk=0.05"] {
        let o = outcome(query);
        let h = o.budget_holder.unwrap();
        assert_eq!(
            h.practices_receive_pence(),
            o.national.scenario_pence,
            "{query}"
        );
        assert_eq!(
            h.passed_on_pence(),
            h.routed_pence - h.diverted_pence - h.core_moved_pence,
            "{query}"
        );
    }
    // In the third year less has moved; with the ICB holding the budget nothing moves.
    let third = outcome("v=1&bh=trust&bk=0.05&ew=3");
    assert_eq!(
        third.core_shift.as_ref().unwrap().moved_pence,
        c.years[3].moved_pence
    );
    let icb = outcome("v=1&bk=0.05");
    assert!(icb.core_shift.is_none());
    assert_eq!(icb.national.scenario_pence, icb.national.baseline_pence);
}

#[test]
fn the_new_sliders_at_their_extremes_run_and_conserve_money() {
    let d = dataset();
    for query in [
        "v=1&eb=100&eg=0.06&ex=40&ep=0.3&ew=5&ec=weighted",
        "v=1&eb=300&eg=0&ex=0&ep=0&ew=1&ec=networks",
        "v=1&eb=100&eg=0&ex=0&ep=0.3&ew=1&ec=weighted",
        "v=1&eb=300&eg=0.06&ex=40&ep=0.3&ew=5&ec=networks&et=0.15&ey=2035&eh=front",
        "v=1&bh=trust&bs=all&bd=0.3&bk=0.1&ew=5&ec=networks&ep=0.3&eg=0.06&ex=40",
        "v=1&bh=trust&bk=0.1&ew=1",
        "v=1&bh=federation&bk=0.1",
        "v=1&bh=trust&bs=all&bd=0.3&bc=500&bk=0.1&qof=1&pcn=1&es=1&fix=price&ew=5",
    ] {
        let o = outcome(query);
        assert_invariants(d, model(), &o);
    }
}

#[test]
fn a_holder_that_diverts_nothing_leaves_every_practice_unchanged() {
    for scope in ["es", "pcn", "qof", "all"] {
        for holder in ["trust", "federation"] {
            let o = outcome(&format!("v=1&bh={holder}&bs={scope}"));
            assert_conserved(&o);
            assert!(o.budget_holder.is_some());
            for (p, r) in dataset().practices.iter().zip(&o.practices) {
                assert_eq!(
                    r.total_scenario_pence,
                    p.total_pence(),
                    "{holder} {scope} {}",
                    p.code
                );
            }
        }
    }
}

#[test]
fn a_trust_diverting_money_takes_it_out_of_general_practice() {
    let o = outcome("preset=trust-holds-all");
    assert_conserved(&o);
    let h = o.budget_holder.unwrap();
    // 10% of everything routed, rounded practice by practice.
    assert!((h.diverted_pence as f64 - h.routed_pence as f64 * 0.1).abs() <= 6_669.0);
    assert_eq!(
        o.national.baseline_pence - o.national.scenario_pence,
        h.diverted_pence
    );
    let kept = outcome("v=1&bh=trust&bd=0&bc=50&sm=0.011&sr=0.5&sw=holder&bx=1");
    assert_conserved(&kept);
    let k = kept.budget_holder.unwrap();
    assert_eq!(k.double_running_pence, 5_000_000_000);
    assert_eq!(
        k.surplus_to_practices_pence,
        kept.savings.as_ref().unwrap().years[0].reinvested_pence
    );
}

#[test]
fn a_practices_rows_show_every_adjustment_a_lever_made_and_its_total() {
    let d = dataset();
    for preset in PRESETS {
        let o = outcome(preset.query);
        for (i, p) in d.practices.iter().enumerate().step_by(97) {
            let rows = o
                .practice_rows(p, i)
                .expect("rows for a practice the outcome holds");
            let r = &o.practices[i];
            assert_eq!(
                rows.total,
                (
                    "Total NHS payments",
                    r.total_baseline_pence,
                    r.total_scenario_pence
                )
            );
            let rest = &rows.rows;
            let row = |label: &str| rest.iter().find(|x| x.0 == label).map_or(0, |x| x.2);
            assert_eq!(
                row("Reinvested savings (new money)"),
                r.savings_pence,
                "{}",
                preset.name
            );
            assert_eq!(
                row("Budget holder (diverted, double running, surplus)"),
                r.budget_holder_pence,
                "{}",
                preset.name
            );
            assert_eq!(row("London adjustment"), r.london_adjustment_pence);
            assert_eq!(
                row("Health Equity Payment (paid less top-sliced)"),
                r.local_discretion_pence,
                "{}",
                preset.name
            );
            // Every funding line is shown once: those in the total among the rows, the rest apart.
            let shown = rest
                .iter()
                .chain(&rows.outside_total)
                .filter(|x| FUNDING_LINES.iter().any(|l| l.label == x.0))
                .count();
            assert_eq!(shown, FUNDING_LINES.len(), "{}", preset.name);
        }
    }
    assert_eq!(Outcome::empty().practice_rows(&d.practices[0], 0), None);
    assert_eq!(Outcome::empty().rank_per_registered(0), None);
}

#[test]
fn each_practices_payment_rows_add_up_to_its_total_row_in_every_preset() {
    let d = dataset();
    for preset in PRESETS {
        let o = outcome(preset.query);
        let mut checked = 0;
        for (i, p) in d.practices.iter().enumerate() {
            let rows = o
                .practice_rows(p, i)
                .unwrap_or_else(|| panic!("{}: no rows for {}", preset.name, p.code));
            let baseline: i64 = rows.rows.iter().map(|r| r.1).sum();
            let scenario: i64 = rows.rows.iter().map(|r| r.2).sum();
            assert_eq!(
                (baseline, scenario),
                (rows.total.1, rows.total.2),
                "{}: the rows of {} add up to something else than its total",
                preset.name,
                p.code
            );
            checked += 1;
        }
        assert_eq!(checked, 6_669, "{}", preset.name);
    }
}

/// Every per-head figure divides by a fixed yardstick (registered patients, the published
/// 2022/23 weighted list, NHS England's need measure), so it moves the way the money moves:
/// with the rest of the formula switched off, money leaves the most deprived fifth for the
/// least deprived, and every per-head figure of each fifth says so.
#[test]
fn per_head_figures_move_with_the_money_on_fixed_yardsticks() {
    let o = outcome("v=1&an=0&ru=0&mf=0&ns=0");
    let (least, most) = (&o.by_imd_quintile[0], &o.by_imd_quintile[4]);
    assert!(most.change_pct() < -5.0, "{}", most.change_pct());
    assert!(least.change_pct() > 3.0, "{}", least.change_pct());
    assert!(most.scenario_per_registered() < most.baseline_per_registered());
    assert!(least.scenario_per_registered() > least.baseline_per_registered());
    assert!(most.scenario_per_weighted() < most.baseline_per_weighted());
    assert!(least.scenario_per_weighted() > least.baseline_per_weighted());
    let (need_before, need_after) = (
        model().equity(&o).baseline.per_need_by_quintile,
        model().equity(&o).scenario.per_need_by_quintile,
    );
    assert!(need_after[4] < need_before[4]);
    assert!(need_after[0] > need_before[0]);
    // Where no patient moved, the yardstick is the published weighted list itself.
    for g in o.by_imd_quintile.iter().chain(std::iter::once(&o.national)) {
        assert_eq!(g.yardstick, g.weighted_baseline, "{}", g.name);
        assert_eq!(g.registered, g.registered_baseline, "{}", g.name);
    }
}

#[test]
fn where_patients_move_each_practice_is_measured_on_its_scenario_list() {
    let d = dataset();
    // GP at Hand at its April 2018 size: 2,549 + 23,997 patients against 109,484.5 in 2022/23.
    let o = outcome("preset=df-april-2018");
    let host = d.practice_index("E85124").unwrap();
    let r = &o.practices[host];
    assert!(
        (r.registered_scenario - 26_546.0).abs() < 1e-6,
        "{}",
        r.registered_scenario
    );
    let (before, after) = r.per_registered();
    assert_eq!(
        before,
        r.total_baseline_pence as f64 / 100.0 / r.registered_baseline
    );
    assert_eq!(
        after,
        r.total_scenario_pence as f64 / 100.0 / r.registered_scenario
    );
    // The host's yardstick is the 2022/23 formula applied to its scenario list, not its
    // scenario formula's list: the rules of the time add only the dispersion uplift for the
    // out-of-area joiners (86% of them, 10% each) to it.
    let dispersion = (r.registered_scenario + 23_997.0 * 0.86 * 0.1) / r.registered_scenario;
    assert!(
        (r.weighted_scenario / r.yardstick - dispersion).abs() < 1e-9,
        "{} {}",
        r.weighted_scenario,
        r.yardstick
    );
    assert!(r.yardstick < r.weighted_baseline * 0.4, "{}", r.yardstick);
    // Patients moved, so nationally the yardstick stays within a fraction of a per cent of the
    // published total.
    let n = &o.national;
    assert!((n.yardstick / n.weighted_baseline - 1.0).abs() < 0.005);
    assert!((n.registered - n.registered_baseline).abs() < 0.01);
}

/// Every figure a tour step shows is vouched for by one of its claims, and every claim holds
/// for the model's outcome of that step.
#[test]
fn every_tour_step_states_only_what_the_model_gives() {
    use gpfe_core::claims::check;
    use gpfe_core::scenario::tours::{figures, TOURS};
    let mut checked = 0;
    for tour in TOURS {
        for step in tour.steps {
            let scenario = Scenario::from_query(step.query).unwrap();
            let o = model().run(&scenario).unwrap();
            for claim in step.claims {
                if let Err(e) = check(claim, model(), &scenario, &o) {
                    panic!("{} / {}: {claim:?}: {e}", tour.name, step.title);
                }
                checked += 1;
            }
            let shown: Vec<&str> = step.claims.iter().map(|c| c.shown()).collect();
            for figure in figures(step.title).into_iter().chain(figures(step.text)) {
                assert!(
                    shown.contains(&figure.as_str()),
                    "{} / {}: '{figure}' is stated but no claim checks it",
                    tour.name,
                    step.title
                );
            }
        }
    }
    assert!(checked >= 20, "{checked} claims checked");
}

#[test]
fn the_figures_of_a_text_leave_out_years_and_age_ranges() {
    use gpfe_core::scenario::tours::figures;
    assert_eq!(
        figures("By April 2018, 23,997 patients aged 20-39; in 2024/25 £1.5bn, 10% and £700m."),
        vec!["23,997", "£1.5bn", "10%", "£700m"]
    );
    assert_eq!(figures("a tenth, no figures"), Vec::<String>::new());
}

/// The page cites sources a reader can find, never a document of the project's own.
#[test]
fn no_text_the_page_shows_cites_an_internal_document() {
    use gpfe_core::scenario::{tours::TOURS, Section, PARAMETERS};
    let mut texts: Vec<String> = Vec::new();
    for p in PARAMETERS {
        texts.push(p.help.to_string());
        texts.push(p.provenance());
    }
    for s in Section::ALL {
        texts.push(s.help().to_string());
    }
    for t in TOURS {
        for s in t.steps {
            texts.push(format!("{} {}", s.title, s.text));
        }
    }
    for p in PRESETS {
        texts.push(format!("{} {}", p.title, p.assumptions.unwrap_or("")));
    }
    assert!(texts.len() > 100);
    for t in &texts {
        let lower = t.to_lowercase();
        for internal in [
            "model research",
            "research b",
            "model-research",
            "design doc",
        ] {
            assert!(!lower.contains(internal), "{t}");
        }
    }
}

#[test]
fn every_parameter_says_how_sure_it_is_and_presets_resting_on_assumptions_say_so() {
    use gpfe_core::scenario::{sources_rows, PARAMETERS};
    let rows = sources_rows();
    assert_eq!(rows.len(), PARAMETERS.len());
    for (row, p) in rows.iter().zip(PARAMETERS) {
        assert!(
            ["Published", "Estimate", "Illustrative choice"].contains(&row[3].as_str()),
            "{}",
            p.key
        );
        assert!(p.provenance().starts_with(&row[3]), "{}", p.key);
    }
    let with_note: Vec<&str> = PRESETS
        .iter()
        .filter(|p| p.assumptions.is_some())
        .map(|p| p.name)
        .collect();
    for name in [
        "deprivation-uplift",
        "networks-40k",
        "family-care-networks",
        "savings-pacs",
        "share-2029",
        "trust-holds-all",
    ] {
        assert!(with_note.contains(&name), "{name}");
    }
    assert_eq!(
        gpfe_core::headline::scenario_assumptions(
            &Scenario::from_query("preset=share-2035").unwrap()
        ),
        PRESETS
            .iter()
            .find(|p| p.name == "share-2035")
            .and_then(|p| p.assumptions)
    );
    assert_eq!(
        gpfe_core::headline::scenario_assumptions(&Scenario::default()),
        None
    );
}

#[test]
fn savings_come_only_from_the_people_the_new_care_models_cover() {
    let covered = |q: &str| outcome(q).savings.unwrap().years[0].saved_pence as f64;
    let vanguards = covered("v=1&sm=0.011&sr=0.5");
    let everyone = covered("v=1&sm=0.011&sr=0.5&sp=62");
    let england = outcome("").national.registered;
    // Default: the 5 million people the vanguards covered, of England's registered patients.
    assert!(
        (vanguards / everyone - 5e6 / 62e6).abs() < 1e-3,
        "{vanguards} {everyone}"
    );
    // 62 million is all but a sliver of the 62.13 million registered; the admissions avoided
    // are 5.8 million × (3.2% − 1.1%) × that share, at £2,360 each.
    let expected = 5.8e6 * 0.021 * (62e6 / england) * 2_360.0 * 100.0;
    assert!((everyone - expected).abs() <= 1.0, "{everyone} {expected}");
}

#[test]
fn the_yardstick_is_the_published_formula_on_the_scenarios_patients_however_it_is_reached() {
    // The shortcut (the scenario's own list when its formula is the published one) and the
    // full computation agree: July 2018 takes the shortcut, April 2018 (dispersion uplift) not.
    for query in [
        "preset=df-july-2018",
        "preset=df-april-2018",
        "v=1&dfn=23997&ns=0.5",
    ] {
        let o = outcome(query);
        let host = dataset().practice_index("E85124").unwrap();
        let published = outcome(&format!("{query}&ns=1"))
            .practices
            .iter()
            .map(|r| r.yardstick)
            .collect::<Vec<_>>();
        assert!(
            (o.practices[host].yardstick - published[host]).abs() < 1e-6,
            "{query}"
        );
    }
    let july = outcome("preset=df-july-2018");
    let host = dataset().practice_index("E85124").unwrap();
    assert_eq!(
        july.practices[host].yardstick,
        july.practices[host].weighted_scenario
    );
    let april = outcome("preset=df-april-2018");
    assert!(april.practices[host].yardstick < april.practices[host].weighted_scenario);
}

#[test]
fn exactly_the_joiners_a_preset_names_move() {
    for (query, joiners) in [
        ("preset=df-april-2018", 23_997.0),
        ("preset=df-july-2018", 23_997.0),
        ("preset=df-november-2019", 68_569.0),
        ("preset=df-2022-23", 106_936.0),
        ("v=1&dfn=150000&dfd=icb&dfi=QRV", 150_000.0),
    ] {
        let o = outcome(query);
        let df = o.digital_first.as_ref().unwrap();
        assert!(
            (df.joiners - joiners).abs() < 1e-6,
            "{query}: {} joiners",
            df.joiners
        );
        // The national list is unchanged: the donors gave what the host received.
        assert!(
            (o.national.registered - o.national.registered_baseline).abs() < 1e-3,
            "{query}"
        );
    }
}

/// The host starts from its list before it went digital-first; its scenario list is that list
/// plus exactly the joiners; every per-registered figure of it divides by that list.
#[test]
fn a_digital_first_host_starts_from_its_list_before_and_takes_exactly_the_joiners() {
    let d = dataset();
    let before = gpfe_core::model::host_before("E85124").expect("GP at Hand's 2016/17 list");
    assert_eq!(
        (before.registered, before.weighted, before.total_pence),
        (2_549.0, 2_321.32, 35_305_129)
    );
    let host = d.practices.iter().position(|p| p.code == "E85124").unwrap();
    let published = d.practices[host].registered();
    for (query, joiners) in [
        ("v=1&dfn=23997", 23_997.0),
        ("v=1&dfn=68569&dfd=england", 68_569.0),
    ] {
        let o = outcome(query);
        let df = o.digital_first.as_ref().unwrap();
        let r = &o.practices[host];
        assert!((df.joiners - joiners).abs() < 1e-6, "{query}");
        assert!(
            (df.returned - (published - before.registered)).abs() < 1e-6,
            "{query}"
        );
        assert!(
            (r.registered_scenario - (before.registered + joiners)).abs() < 1e-6,
            "{query}"
        );
        let per = r.total_scenario_pence as f64 / 100.0 / r.registered_scenario;
        assert!((r.per_registered().1 - per).abs() < 1e-9, "{query}");
        // The donors took back what the host returned and gave what it received.
        let returned: f64 = df.by_donor_icb.iter().map(|a| a.patients_returned).sum();
        let given: f64 = df.by_donor_icb.iter().map(|a| a.patients_given).sum();
        assert!((returned - df.returned).abs() < 1e-6 && (given - joiners).abs() < 1e-6);
        // Payments outside the pot follow the patients: what the host gains, the donors give.
        assert_eq!(
            o.practices.iter().map(|r| r.following_pence).sum::<i64>(),
            0
        );
        assert!(
            r.following_pence < 0,
            "{query}: the host's list shrank on balance"
        );
        assert_conserved(&o);
    }
    // A host that was never digital-first starts from its own list.
    let o = outcome("v=1&dfn=5000&dfh=G85004");
    let df = o.digital_first.as_ref().unwrap();
    assert_eq!((df.returned, df.before), (0.0, None));
}

/// Rebuilt from its 2016/17 list with the joiners' mix and premium share of its own list, the
/// 2022/23 preset lands within 3% of GP at Hand's published 2022/23 list, weighted list and
/// total payments (measured: list +0.5 patient, weighted +2.5%, total +2.1%).
#[test]
fn the_2022_23_preset_lands_near_gp_at_hands_published_list_and_payments() {
    let d = dataset();
    let host = d.practices.iter().position(|p| p.code == "E85124").unwrap();
    let o = outcome("preset=df-2022-23");
    let r = &o.practices[host];
    let near = |scenario: f64, published: f64, within: f64| {
        ((scenario - published) / published).abs() < within
    };
    assert!(
        (r.registered_scenario - r.registered_baseline).abs() <= 0.5,
        "{}",
        r.registered_scenario
    );
    assert!(
        near(r.weighted_scenario, r.weighted_baseline, 0.03),
        "{} against {}",
        r.weighted_scenario,
        r.weighted_baseline
    );
    assert!(
        near(
            r.total_scenario_pence as f64,
            r.total_baseline_pence as f64,
            0.03
        ),
        "{} against {}",
        r.total_scenario_pence,
        r.total_baseline_pence
    );
    // Payments outside the pot: its own, at its own rate per patient, for nearly its own list.
    let outside = (r.total_baseline_pence - r.pooled_baseline_pence) as f64;
    assert!(
        ((outside + r.following_pence as f64) / outside
            - r.registered_scenario / r.registered_baseline)
            .abs()
            < 1e-6
    );
}

/// The theoretical digital-first practice holds only the joiners: the rules of the time leave it
/// as it was, and each July 2018 change cuts it.
#[test]
fn a_practice_made_only_of_joiners_loses_under_each_july_2018_rule() {
    let of = |q: &str| outcome(q).digital_first.unwrap().theoretical;
    let old = of("v=1&dfn=23997&dfr=0&dfw=0");
    assert_eq!(old.scenario_rules_pence, old.old_rules_pence);
    assert_eq!(old.rules_effect_pct, 0.0);
    let july = of("v=1&dfn=23997&dfp=off");
    assert!((july.joiners - 23_997.0).abs() < 1e-6);
    let mut effects = Vec::new();
    for q in [
        "v=1&dfn=23997&dfw=0",
        "v=1&dfn=23997&dfr=0",
        "v=1&dfn=23997&dfr=0&dfw=0&dfp=off",
    ] {
        let one = of(q);
        assert!(
            one.rules_effect_pct < 0.0 && one.rules_effect_pct > july.rules_effect_pct,
            "{q}: {}",
            one.rules_effect_pct
        );
        effects.push(one.rules_effect_pct);
    }
    // Without the premium a joiner weighs (1 + 0.46 ν̄) / (1 + 0.46 ν̄ + 0.46) as much: the
    // premium alone takes 1 - 1/1.46 of the weighted list, less the London weighting's share.
    let premium_only = of("v=1&dfn=23997&dfr=0&dfw=0&dfp=off");
    let weight_cut = 1.0 - 1.0 / 1.46;
    assert!(
        (premium_only.rules_effect_pct / -100.0 - weight_cut).abs() < 0.01,
        "{}",
        premium_only.rules_effect_pct
    );
    assert!(july.rules_effect_pct < -30.0, "{}", july.rules_effect_pct);
}

#[test]
fn a_headline_with_one_gainer_says_one_practice_gains() {
    // Joiners moving to a practice that was never digital-first: only the host gains.
    let text = gpfe_core::headline::headline(&outcome("v=1&dfn=23997&dfh=G85004"));
    assert!(text.starts_with("1 practice gains and "), "{text}");
}

/// Each practice's core capitation (Global Sum, MPIG, PMS balance) as paid in 2022/23, pence.
fn core_pence(p: &gpfe_core::data::Practice) -> i64 {
    FundingLineKey::CORE
        .iter()
        .filter_map(|&k| gpfe_core::data::funding_line_index(k))
        .map(|i| p.funding[i])
        .sum()
}

/// Practices of one ICB by code, and the ICB's core money per weighted patient (pence).
fn icb_average(code: &str) -> (Vec<usize>, f64) {
    let d = dataset();
    let who: Vec<usize> = (0..d.practices.len())
        .filter(|&i| d.icbs[d.practices[i].icb].code == code)
        .collect();
    let money: i64 = who.iter().map(|&i| core_pence(&d.practices[i])).sum();
    let weighted: f64 = who.iter().map(|&i| d.practices[i].weighted()).sum();
    (who, money as f64 / weighted)
}

#[test]
fn a_health_equity_payment_in_one_icb_moves_money_within_it_towards_its_average() {
    let d = dataset();
    let o = outcome("v=1&hq=0.0257&hi=QK1");
    let h = o.local_discretion.as_ref().expect("the lever acts");
    assert_eq!(h.icb.map(|i| d.icbs[i].code.as_str()), Some("QK1"));
    let (who, average) = icb_average("QK1");
    assert_eq!(h.practices, who.len());
    // The ICB's core money is what was measured; 2.57% of it is about the £2.85m LLR paid.
    let money: i64 = who.iter().map(|&i| core_pence(&d.practices[i])).sum();
    assert_eq!(h.in_scope_pence, money);
    assert_eq!(h.sliced_pence, (money as f64 * 0.0257).round() as i64);
    assert!(
        (h.sliced_pence - 285_000_000).abs() < 500_000,
        "{}",
        h.sliced_pence
    );

    // Only the ICB's practices change, and its money is conserved to the penny.
    let mut icb_change = 0;
    for (i, r) in o.practices.iter().enumerate() {
        assert_eq!(r.change_pence(), r.local_discretion_pence);
        if who.contains(&i) {
            icb_change += r.change_pence();
        } else {
            assert_eq!(r.total_scenario_pence, r.total_baseline_pence, "{i}");
        }
    }
    assert_eq!(icb_change, 0);
    assert_conserved(&o);

    // Those below the average are topped up, none past it; those above never gain; the
    // shortfall of those below shrinks by what they were paid net of their own top-slice.
    let (mut below, mut before, mut after) = (0, 0.0, 0.0);
    for &i in &who {
        let p = &d.practices[i];
        let r = &o.practices[i];
        assert_eq!(r.yardstick, p.weighted());
        let target = average * p.weighted();
        let (was, now) = (
            core_pence(p) as f64,
            (core_pence(p) + r.local_discretion_pence) as f64,
        );
        if was < target {
            below += 1;
            assert!(now <= target + 1.0, "{} ends above the average", p.code);
            before += target - was;
            after += (target - now).max(0.0);
        } else {
            assert!(r.local_discretion_pence <= 0, "{} gains", p.code);
        }
    }
    assert_eq!(h.topped_up, below);
    assert!(h.respent_pence > 0 && h.respent_pence <= h.sliced_pence);
    assert!(after < before, "{after} < {before}");
}

#[test]
fn with_every_icb_acting_the_money_stays_in_each_and_leans_to_the_more_deprived() {
    let d = dataset();
    let o = outcome("preset=health-equity-every-icb");
    let h = o.local_discretion.as_ref().expect("the lever acts");
    assert_eq!(h.icb, None);
    assert_eq!(h.practices, d.practices.len());
    for g in &o.by_icb {
        assert_eq!(g.scenario_pence, g.baseline_pence, "{}", g.name);
    }
    assert_conserved(&o);
    // The top-slice follows money (about the same per weighted patient everywhere) and the
    // payment follows the gaps below each ICB's average. The least deprived fifth's practices
    // lie least far below their ICB's average, so they pay in more than they get back; the most
    // deprived fifth gains. The lever's own change and the quintiles' totals agree.
    let q = h.per_weighted_change_by_quintile;
    assert!(q[0] < 0.0 && q[4] > 0.0, "{q:?}");
    let change =
        |g: &gpfe_core::model::Group| g.scenario_per_weighted() - g.baseline_per_weighted();
    assert!(change(&o.by_imd_quintile[0]) < 0.0);
    assert!(change(&o.by_imd_quintile[4]) > 0.0);

    // Why: per weighted patient, the least deprived fifth lies less far below its ICBs'
    // averages than the most deprived, and holds less money above them.
    let mut icb_money = vec![0.0; d.icbs.len()];
    let mut icb_weighted = vec![0.0; d.icbs.len()];
    for p in &d.practices {
        icb_money[p.icb] += core_pence(p) as f64;
        icb_weighted[p.icb] += p.weighted();
    }
    let (mut below, mut above, mut weighted) = ([0.0; 5], [0.0; 5], [0.0; 5]);
    for (p, r) in d.practices.iter().zip(&o.practices) {
        let q = usize::from(r.imd_quintile) - 1;
        let gap = icb_money[p.icb] / icb_weighted[p.icb] * p.weighted() - core_pence(p) as f64;
        weighted[q] += p.weighted();
        if gap > 0.0 {
            below[q] += gap;
        } else {
            above[q] -= gap;
        }
    }
    let per = |v: [f64; 5], q: usize| v[q] / weighted[q];
    assert!(per(below, 0) < per(below, 4), "{below:?}");
    assert!(per(above, 0) < per(above, 4), "{above:?}");
    // So when the whole of the money is re-spent, those above pay for the whole lift, and the
    // sign turns.
    let all = outcome("v=1&hq=1");
    let q = all
        .local_discretion
        .as_ref()
        .unwrap()
        .per_weighted_change_by_quintile;
    assert!(q[0] > 0.0 && q[4] < 0.0, "{q:?}");
}

#[test]
fn the_whole_of_an_icbs_money_puts_every_practice_below_on_the_average() {
    let d = dataset();
    let (who, average) = icb_average("QK1");
    {
        let o = outcome("v=1&hq=1&hi=QK1");
        assert_conserved(&o);
        assert_finite(model(), &o);
        for &i in &who {
            let p = &d.practices[i];
            let target = average * p.weighted();
            let was = core_pence(p) as f64;
            let now = (core_pence(p) + o.practices[i].local_discretion_pence) as f64;
            if was < target {
                assert!(
                    (now - target).abs() <= 1.0,
                    "{}: {now} against {target}",
                    p.code
                );
            }
        }
    }
}

#[test]
fn a_health_equity_payment_of_nothing_is_the_baseline_and_extremes_do_not_panic() {
    let base = outcome("");
    for query in ["v=1&hq=0&hi=QK1", "v=1&hq=0&hs=delegated"] {
        let o = outcome(query);
        assert_eq!(o.practices, base.practices, "{query}");
        assert_eq!(o.local_discretion, None);
    }
    for query in [
        "v=1&hq=1",
        "v=1&hq=1&hs=delegated",
        "v=1&hq=0.0001&hi=QHM",
        "v=1&hq=1&hi=QK1&share=formula&qof=1&pcn=1&es=1&hs=delegated",
        "v=1&hq=0.5&dfn=150000&dfd=icb&dfi=QK1&lon=5&floor=150&fix=price",
    ] {
        let o = outcome(query);
        assert_conserved(&o);
        assert_finite(model(), &o);
        // Whatever else moves, the payment itself adds up to nothing in every ICB.
        let mut by_icb = vec![0_i64; dataset().icbs.len()];
        for (r, p) in o.practices.iter().zip(&dataset().practices) {
            by_icb[p.icb] += r.local_discretion_pence;
        }
        assert!(by_icb.iter().all(|c| *c == 0), "{query}: {by_icb:?}");
        assert!(o
            .local_discretion
            .as_ref()
            .is_some_and(|h| h.sliced_pence > 0));
    }
    let err = model()
        .run(&Scenario::from_query("v=1&hq=0.1&hi=XXX").unwrap())
        .unwrap_err();
    assert!(matches!(err, ModelError::LocalDiscretion(_)));
    assert_eq!(err.to_string(), "'hi': no ICB has the code 'XXX'");
}

/// The registered-weighted standard deviation of the new-registrant shares.
fn new_share_spread() -> f64 {
    let inputs = &model().inputs;
    let total: f64 = inputs.registered.iter().sum();
    let variance: f64 = inputs
        .new_share
        .iter()
        .zip(&inputs.registered)
        .map(|(s, n)| n * (s - inputs.mean_new_share).powi(2))
        .sum::<f64>()
        / total;
    variance.sqrt()
}

fn practice_index(code: &str) -> usize {
    dataset()
        .practices
        .iter()
        .position(|p| p.code == code)
        .unwrap_or_else(|| panic!("{code} is in the dataset"))
}

#[test]
fn patients_taken_over_from_merged_practices_are_not_new_registrants() {
    use gpfe_core::model::formula::new_registrant_share;
    let d = dataset();
    let inputs = &model().inputs;
    let (mean, spread) = (inputs.mean_new_share, new_share_spread());

    // Modality Lewisham (G85004) grew from 14,809 to 37,916 patients by taking over South
    // Lewisham Group Practice (G85005) and Bellingham Green Surgery (G85124), whose lists fell
    // to (almost) nothing. Its absorbed list is exactly what those two lost.
    let i = practice_index("G85004");
    let p = &d.practices[i];
    let lost: i64 = ["G85005", "G85124"]
        .iter()
        .map(|c| {
            let q = &d.practices[practice_index(c)];
            q.registered_previous_centi.unwrap() - q.registered_centi
        })
        .sum();
    assert!(lost > 2_000_000, "{lost}");
    assert_eq!(p.registered_absorbed_centi, lost);

    // Counted as growth, the take-over made 61% of its list new, ten spreads above the mean.
    let as_growth = new_registrant_share(&gpfe_core::data::Practice {
        registered_absorbed_centi: 0,
        ..p.clone()
    })
    .unwrap();
    assert!(
        as_growth > mean + 10.0 * spread,
        "{as_growth} {mean} {spread}"
    );
    // Left out, its share is within one spread of the national mean: an ordinary practice's.
    assert_eq!(inputs.new_share[i], new_registrant_share(p).unwrap());
    assert!(
        inputs.new_share[i] < mean + spread,
        "{} {mean} {spread}",
        inputs.new_share[i]
    );

    // A practice with no 2021/22 row of its own that took over another's patients has a
    // "before" list (the absorbed one) rather than the national mean.
    let formed = d
        .practices
        .iter()
        .filter(|p| p.registered_previous_centi.is_none() && p.registered_absorbed_centi > 0)
        .count();
    assert!(formed > 0);
    for p in d
        .practices
        .iter()
        .filter(|p| p.registered_previous_centi.is_none() && p.registered_absorbed_centi > 0)
    {
        let share = new_registrant_share(p).unwrap();
        let expected = ((p.registered_centi - p.registered_absorbed_centi) as f64
            / p.registered_centi as f64)
            .clamp(0.0, 1.0);
        assert!((share - expected).abs() < 1e-12, "{}", p.code);
    }
}

#[test]
fn without_the_premium_the_biggest_losers_grew_on_their_own() {
    let d = dataset();
    let inputs = &model().inputs;
    let (mean, spread) = (inputs.mean_new_share, new_share_spread());
    let o = outcome("preset=no-turnover-premium");
    let mut order: Vec<usize> = (0..o.practices.len())
        .filter(|&i| o.practices[i].registered_baseline > 0.0)
        .collect();
    order.sort_by(|&a, &b| {
        o.practices[a]
            .change_pct()
            .total_cmp(&o.practices[b].change_pct())
    });
    // The ten biggest losers took over no closed practice's list, and each grew by more than
    // two spreads above the mean: their premium came from their own new registrants.
    for &i in &order[..10] {
        let p = &d.practices[i];
        assert!(o.practices[i].change_pct() < -5.0, "{}", p.code);
        assert_eq!(p.registered_absorbed_centi, 0, "{}", p.code);
        assert!(inputs.new_share[i] > mean + 2.0 * spread, "{}", p.code);
    }
    // The practices that grew by take-overs no longer lose: Modality Lewisham lost 15.0% and
    // The Lewisham Care Partnership 12.7% when their take-overs counted as new registrants.
    for code in ["G85004", "G85038"] {
        assert!(
            o.practices[practice_index(code)].change_pct() > 0.0,
            "{code}"
        );
    }
    // 22 practices lose more than 5% (measured; 74 when take-overs counted as growth).
    let losing = order
        .iter()
        .filter(|&&i| o.practices[i].change_pct() < -5.0)
        .count();
    assert_eq!(losing, 22);
}

/// The list a digital-first host starts from is its row of the committed payments history.
#[test]
fn every_host_before_digital_first_is_its_published_row_of_that_year() {
    let mut d = dataset().clone();
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/data/history-2014-15-to-2022-23.bin"
    ))
    .expect("the committed history file");
    d.attach_history(&bytes).expect("the history decodes");
    let history = d.history.as_ref().unwrap();
    for b in gpfe_core::model::BEFORE_DIGITAL_FIRST {
        let year = history.years.iter().find(|y| y.year == b.year).unwrap();
        let row = year.practices.iter().position(|c| c == b.code).unwrap();
        assert_eq!(
            year.registered_centi[row],
            (b.registered * 100.0).round() as i64
        );
        assert_eq!(
            year.weighted_centi[row],
            Some((b.weighted * 100.0).round() as i64)
        );
        assert_eq!(year.total_pence[row], b.total_pence, "{}", b.code);
        // The next year's list is the digital-first one: many times larger.
        let next = &history.years[history.years.iter().position(|y| y.year == b.year).unwrap() + 1];
        let after = next.practices.iter().position(|c| c == b.code).unwrap();
        assert!(next.registered_centi[after] > 5 * year.registered_centi[row]);
    }
}

/// The pace of change ends on the scenario's figures; no practice held at the cap loses more
/// than the cap in any year; the gainers pay for the protection when asked, money conserved.
#[test]
fn the_pace_of_change_reaches_the_scenario_without_any_fall_beyond_the_cap() {
    for (query, funding) in [
        ("preset=age-only&tpy=3&tpc=0.05", "new"),
        ("preset=age-only&tpy=3&tpc=0.05&tpf=gainers", "gainers"),
    ] {
        let o = outcome(query);
        let t = o.transition.as_ref().expect("a path");
        assert!(t.finished, "{query}");
        assert!(
            t.years.len() > 3,
            "{query}: capped practices take longer than 3 years"
        );
        assert!(t.most_capped() > 0);
        for (p, r) in o.practices.iter().enumerate() {
            let path = &t.practice_pence[p];
            assert_eq!(
                *path.last().unwrap(),
                r.total_scenario_pence,
                "{query}: ends on the scenario"
            );
            let mut before = r.total_baseline_pence;
            for &v in path {
                assert!(
                    before <= 0 || v as f64 >= (before as f64 * 0.95).floor(),
                    "{query}: {} fell from {before} to {v}",
                    r.imd_decile
                );
                before = v;
            }
        }
        for y in &t.years {
            let total: i64 = t
                .practice_pence
                .iter()
                .map(|path| path[t.years.iter().position(|z| z == y).unwrap()])
                .sum();
            assert_eq!(total, y.total_pence);
            if funding == "gainers" {
                // The gains pay for the protection: the total is the fixed pot's, to the penny.
                assert_eq!(y.new_money_pence, 0, "{query}");
                assert_eq!(y.total_pence, o.national.baseline_pence, "{query}");
            } else {
                assert_eq!(
                    y.total_pence,
                    o.national.baseline_pence + y.protection_pence
                );
            }
        }
    }
    // At 2% a year the practice that loses 51.8% (Y07020) needs 36 years: the path stops at
    // the horizon and says so.
    let slow = outcome("preset=age-only&tpy=3&tpc=0.02");
    let t = slow.transition.as_ref().unwrap();
    assert!(!t.finished);
    assert_eq!(t.years.len(), gpfe_core::model::TRANSITION_HORIZON);
    // Without a cap and in one year there is no path to show.
    assert!(outcome("preset=age-only").transition.is_none());
}
