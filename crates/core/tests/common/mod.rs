//! What the native tests and the fuzz targets share: the committed dataset, decoded once, and the
//! invariants every outcome must keep. Included by `tests/model.rs`, `tests/fuzz.rs` and the
//! fuzz targets under `fuzz/`.
#![allow(dead_code)]

pub mod fuzz;

use gpfe_core::data::Dataset;
use gpfe_core::model::{Model, Outcome};
use gpfe_core::scenario::{PotMode, Scenario};
use std::sync::OnceLock;

/// The committed start-up dataset with its names file (compiled in, so the fuzz targets need no
/// path).
pub fn dataset() -> &'static Dataset {
    static DATASET: OnceLock<Dataset> = OnceLock::new();
    DATASET.get_or_init(|| {
        Dataset::from_files(
            include_bytes!("../../../../public/data/england-2022-23.bin"),
            include_bytes!("../../../../public/data/england-2022-23-names.bin"),
        )
        .expect("the committed dataset decodes")
    })
}

pub fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| Model::new(dataset()))
}

/// Every pooled line, and the pot as a whole, sums to the penny.
pub fn assert_conserved(o: &Outcome) {
    for line in &o.pot.lines {
        assert_eq!(
            line.practice_pence.iter().sum::<i64>(),
            line.scenario_pence,
            "{}",
            line.key
        );
        if o.pot.mode == PotMode::FixedPot {
            assert_eq!(
                line.scenario_pence,
                line.baseline_pence
                    - if line.key == gpfe_core::data::FundingLineKey::GlobalSum {
                        o.pot.london_adjustment_pence
                    } else {
                        0
                    },
                "{}",
                line.key
            );
        }
    }
    if o.pot.mode == PotMode::FixedPot {
        assert_eq!(o.pot.allocated_pence, o.pot.baseline_pence);
    }
    let practices_total: i64 = o.practices.iter().map(|p| p.total_scenario_pence).sum();
    assert_eq!(practices_total, o.national.scenario_pence);
    let expected = o.national.baseline_pence - o.pot.baseline_pence
        + o.pot.allocated_pence
        + o.pot.floor_cost_pence
        + o.savings.as_ref().map_or(0, |s| s.paid_to_practices_pence)
        + o.new_money.map_or(0, |n| n.paid_to_practices_pence)
        + o.budget_holder.map_or(0, |h| {
            h.surplus_to_practices_pence
                - h.diverted_pence
                - h.double_running_pence
                - h.core_moved_pence
        });
    assert_eq!(practices_total, expected, "money in = money out");
}

/// Every number shown is finite, and every equity measure `m` works out for `o`.
pub fn assert_finite(m: &Model, o: &Outcome) {
    for p in &o.practices {
        for v in [
            p.weighted_scenario,
            p.age_sex_index_scenario,
            p.other_index_scenario,
            p.change_pct(),
        ] {
            assert!(v.is_finite());
        }
    }
    let groups = [
        &o.by_imd_decile,
        &o.by_imd_quintile,
        &o.by_region,
        &o.by_icb,
        &o.by_sub_icb,
        &o.by_pcn,
        &o.by_rurality,
        &o.by_list_size,
        &o.by_contract,
        &o.by_local_authority,
        &o.by_constituency,
    ];
    for g in groups.iter().flat_map(|g| g.iter()).chain([&o.national]) {
        for v in [
            g.change_pct(),
            g.scenario_per_weighted(),
            g.scenario_per_registered(),
            g.weighted_scenario,
        ] {
            assert!(v.is_finite(), "{}", g.name);
        }
    }
    let e = &m.equity(o).scenario;
    for v in e.per_need_by_quintile.iter().chain([
        &e.gap_pct,
        &e.gap_pounds,
        &e.concentration_index,
        &e.gini,
    ]) {
        assert!(v.is_finite());
    }
    // The levers' own figures, each shown in a card or table.
    if let Some(n) = &o.networks {
        for r in &n.networks {
            for v in [r.change_pct(), r.per_head(), r.registered, r.weighted] {
                assert!(v.is_finite(), "network {}", r.code);
            }
        }
    }
    if let Some(df) = &o.digital_first {
        for v in [df.joiners, df.out_of_area_joiners, df.host_change_pct] {
            assert!(v.is_finite(), "digital-first");
        }
        assert!(df.by_donor_icb.iter().all(|a| a.patients_given.is_finite()));
    }
    if let Some(s) = &o.savings {
        assert!(s
            .years
            .iter()
            .all(|y| y.admissions_avoided.is_finite() && y.saved_pence >= 0));
    }
    for y in o.envelope.iter().flatten() {
        for v in [
            y.nhs_bn,
            y.gp_bn,
            y.share,
            y.target_share,
            y.extra_needed_bn,
        ] {
            assert!(v.is_finite(), "envelope {}", y.year);
        }
    }
}

/// Every grouping adds up to the national totals, and every practice with patients in `d` is in
/// one winners-and-losers bin.
pub fn assert_groups_add_up_in(d: &Dataset, o: &Outcome) {
    // Practices outside every PCN (possible only in a file of the user's own) are in no PCN group.
    let no_pcn: Vec<usize> = (0..d.practices.len())
        .filter(|&p| d.practices[p].pcn.is_none())
        .collect();
    let outside = |f: &dyn Fn(usize) -> i64| no_pcn.iter().map(|&p| f(p)).sum::<i64>();
    let everyone = (0, 0, 0);
    let pcn_outside = (
        no_pcn.len(),
        outside(&|p| o.practices[p].total_scenario_pence),
        outside(&|p| o.practices[p].total_baseline_pence),
    );
    // Practices whose surgery is not located are in no council or constituency.
    let unplaced: Vec<usize> = (0..d.practices.len())
        .filter(|&p| d.practices[p].local_authority.is_none())
        .collect();
    let unplaced_sum = |f: &dyn Fn(usize) -> i64| unplaced.iter().map(|&p| f(p)).sum::<i64>();
    let place_outside = (
        unplaced.len(),
        unplaced_sum(&|p| o.practices[p].total_scenario_pence),
        unplaced_sum(&|p| o.practices[p].total_baseline_pence),
    );
    assert!(unplaced
        .iter()
        .all(|&p| d.practices[p].constituency.is_none()));
    let groupings = [
        ("local authority", &o.by_local_authority, place_outside),
        ("constituency", &o.by_constituency, place_outside),
        ("decile", &o.by_imd_decile, everyone),
        ("quintile", &o.by_imd_quintile, everyone),
        ("region", &o.by_region, everyone),
        ("icb", &o.by_icb, everyone),
        ("sub-icb", &o.by_sub_icb, everyone),
        ("pcn", &o.by_pcn, pcn_outside),
        ("rurality", &o.by_rurality, everyone),
        ("list size", &o.by_list_size, everyone),
        ("contract", &o.by_contract, everyone),
    ];
    for (name, groups, (practices, scenario, baseline)) in groupings {
        assert_eq!(
            groups.iter().map(|g| g.practices).sum::<usize>() + practices,
            o.national.practices,
            "{name}"
        );
        assert_eq!(
            groups.iter().map(|g| g.scenario_pence).sum::<i64>() + scenario,
            o.national.scenario_pence,
            "{name}"
        );
        assert_eq!(
            groups.iter().map(|g| g.baseline_pence).sum::<i64>() + baseline,
            o.national.baseline_pence,
            "{name}"
        );
    }
    let binned: usize = o.winners_losers.iter().map(|b| b.practices).sum();
    let with_patients = d
        .practices
        .iter()
        .filter(|p| p.registered_centi > 0)
        .count();
    assert_eq!(
        binned, with_patients,
        "every practice with patients is in one bin"
    );
}

/// The digital-first host's comparison with the rules before 2019, asked of the model for
/// scenario `s` and its outcome `o`, is a finite figure wherever a host is set.
pub fn assert_rules_comparison_finite(m: &Model, s: &Scenario, o: &Outcome) {
    let rules = m.rules_before_2019(s, o).expect("the comparison runs");
    assert_eq!(rules.is_some(), o.digital_first.is_some());
    if let Some(r) = rules {
        assert!(
            r.rules_effect_pct.is_finite(),
            "digital-first rules' effect"
        );
        assert!(
            r.host_total_old_rules_pence > 0,
            "the host is paid under the old rules"
        );
    }
}

/// The groups of the committed dataset add up (see [`assert_groups_add_up_in`]).
pub fn assert_groups_add_up(o: &Outcome) {
    assert_groups_add_up_in(dataset(), o);
}

/// Every invariant at once, for an outcome of `m`, the model on `d`.
pub fn assert_invariants(d: &Dataset, m: &Model, o: &Outcome) {
    assert_conserved(o);
    assert_finite(m, o);
    assert_groups_add_up_in(d, o);
}
