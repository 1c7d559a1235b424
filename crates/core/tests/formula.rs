//! The formula as a product of named parts: the fit that splits the rest of the published
//! weighted list into additional needs, rurality and area costs, each part's strength, and the
//! practices whose age bands do not fit their published list.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{assert_conserved, assert_invariants, dataset, model};
use gpfe_core::model::{Outcome, REMAINDER_PLAUSIBLE};
use gpfe_core::scenario::{Scenario, DEFAULT_AGE_SEX_WEIGHTS};

fn outcome(query: &str) -> Outcome {
    model().run(&Scenario::from_query(query).unwrap()).unwrap()
}

/// The fit on the 2022/23 lists, as measured: a point of IMD score adds about 0.54% to a
/// practice's list; a practice the payments file calls rural gets 2.6% more than an urban one
/// with the same deprivation in the same ICB, and the rural-urban class of its surgery's
/// neighbourhood adds up to 7.4% more; the three parts explain 60% of the spread of ln Q.
#[test]
fn the_fit_splits_the_rest_of_the_formula_as_measured() {
    let fit = &model().inputs.parts.fit;
    assert_eq!(fit.practices, 6_463);
    assert!((fit.needs_per_imd_point - 0.005421).abs() < 1e-6, "{fit:?}");
    assert!((fit.rural - 0.02563).abs() < 1e-5, "{fit:?}");
    assert!((fit.r_squared - 0.5995).abs() < 1e-4, "{fit:?}");
    // Rurality by the surgery's neighbourhood: against a town near a major city (0), every
    // other class counts more, further from a city more than nearer for the same kind of
    // settlement, and the smaller rural settlements far from a city most of all.
    use gpfe_core::data::RuralClass;
    let class = |c: RuralClass| fit.rural_class[c.index()];
    assert_eq!(class(RuralClass::UrbanNearer), 0.0);
    assert!(
        RuralClass::ALL[1..].iter().all(|c| class(*c) > 0.0),
        "{fit:?}"
    );
    assert!(class(RuralClass::UrbanFurther) < class(RuralClass::LargerRuralNearer));
    assert!(class(RuralClass::LargerRuralNearer) < class(RuralClass::LargerRuralFurther));
    assert!(class(RuralClass::SmallerRuralNearer) < class(RuralClass::SmallerRuralFurther));
    assert!((class(RuralClass::SmallerRuralFurther) - 0.07121).abs() < 1e-5);
    // R² lost when each part is left out: needs explains by far the most, then area costs and
    // rurality about equally (every part is needed: each loss is well above zero).
    let [needs, rurality, area] = fit.r_squared_lost;
    assert!((needs - 0.3325).abs() < 1e-4, "{needs}");
    assert!((rurality - 0.0635).abs() < 1e-4, "{rurality}");
    assert!((area - 0.0609).abs() < 1e-4, "{area}");
    // One effect per ICB, registered-weighted mean 0: the highest is North East and North
    // Cumbria's, the lowest Somerset's.
    let d = dataset();
    assert_eq!(fit.area.len(), d.icbs.len());
    let (lo, hi) = fit
        .area
        .iter()
        .enumerate()
        .fold((0, 0), |(lo, hi), (i, a)| {
            (
                if *a < fit.area[lo] { i } else { lo },
                if *a > fit.area[hi] { i } else { hi },
            )
        });
    assert!(d.icbs[hi].name.contains("North East and North Cumbria"));
    assert!(d.icbs[lo].name.contains("Somerset"));
    assert!((fit.area[hi].exp() - 1.0432).abs() < 1e-4);
    assert!((fit.area[lo].exp() - 0.9506).abs() < 1e-4);
}

/// Every part has a registered-weighted national mean of 1, and registered × every index is
/// the published weighted list.
#[test]
fn the_parts_have_a_mean_of_one_and_multiply_to_the_published_list() {
    let m = model();
    let d = dataset();
    let parts = &m.inputs.parts;
    let total: f64 = m.inputs.registered.iter().sum();
    for ln in [
        &parts.ln_needs,
        &parts.ln_rurality,
        &parts.ln_area,
        &parts.ln_remainder,
    ] {
        let mean = ln
            .iter()
            .zip(&m.inputs.registered)
            .map(|(l, n)| l.exp() * n)
            .sum::<f64>()
            / total;
        assert!((mean - 1.0).abs() < 1e-12, "{mean}");
    }
    let o = outcome("");
    assert_eq!(o.practices.len(), d.practices.len());
    for (i, p) in d.practices.iter().enumerate() {
        assert_eq!(o.parts_baseline(i), o.parts_scenario(i), "{}", p.code);
        if p.weighted() > 0.0 && p.registered() > 0.0 {
            let rebuilt = p.registered() * o.parts_baseline(i).product();
            assert!(
                (rebuilt - p.weighted()).abs() < 1e-6 * p.weighted().max(1.0),
                "{}: {rebuilt} against {}",
                p.code,
                p.weighted()
            );
        }
    }
}

#[test]
fn every_part_at_strength_zero_and_two_keeps_the_pot_and_the_weighted_total() {
    let total: f64 = model().inputs.weighted.iter().sum();
    for key in ["as", "an", "ru", "mf", "ns"] {
        for s in ["0", "2"] {
            let query = format!("v=1&{key}={s}");
            let o = outcome(&query);
            assert_conserved(&o);
            assert_invariants(dataset(), model(), &o);
            let w: f64 = o.practices.iter().map(|r| r.weighted_scenario).sum();
            assert!((w - total).abs() < 1e-6 * total, "{query}: {w}");
            assert!(o.practices.iter().any(|r| r.change_pence() != 0), "{query}");
            // The scenario's list is registered × its indices.
            for (i, r) in o.practices.iter().enumerate() {
                if r.weighted_baseline <= 0.0 {
                    continue;
                }
                let rebuilt = r.registered_scenario * o.parts_scenario(i).product();
                assert!(
                    (rebuilt - r.weighted_scenario).abs() < 1e-6 * r.weighted_scenario.max(1.0),
                    "{query}"
                );
            }
        }
    }
    // In a fixed-price pot too.
    for query in ["v=1&fix=price&an=0", "v=1&fix=price&mf=2&ru=0"] {
        assert_conserved(&outcome(query));
    }
}

/// Without the additional-needs part, money moves from the most deprived fifth of practices to
/// the least deprived on every per-head figure shown.
#[test]
fn without_additional_needs_money_leaves_the_most_deprived_fifth() {
    let o = outcome("v=1&an=0");
    let (least, most) = (&o.by_imd_quintile[0], &o.by_imd_quintile[4]);
    assert!(most.change_pct() < -4.0, "{}", most.change_pct());
    assert!(least.change_pct() > 3.0, "{}", least.change_pct());
    assert!(most.scenario_per_registered() < most.baseline_per_registered());
    assert!(least.scenario_per_registered() > least.baseline_per_registered());
    assert!(most.scenario_per_weighted() < most.baseline_per_weighted());
    assert!(least.scenario_per_weighted() > least.baseline_per_weighted());
    let (before, after) = (
        model().equity(&o).baseline.per_need_by_quintile,
        model().equity(&o).scenario.per_need_by_quintile,
    );
    assert!(after[4] < before[4] && after[0] > before[0]);
    // And doubling it moves money the other way.
    let o = outcome("v=1&an=2");
    assert!(o.by_imd_quintile[4].change_pct() > 3.0);
    assert!(o.by_imd_quintile[0].change_pct() < -3.0);
}

/// Halving rurality moves money from rural practices to urban ones.
#[test]
fn halving_rurality_moves_money_to_urban_practices() {
    let o = outcome("preset=rurality-halved");
    let rural = o
        .by_rurality
        .iter()
        .find(|g| g.name.contains("Rural"))
        .unwrap();
    let urban = o
        .by_rurality
        .iter()
        .find(|g| g.name.contains("Urban"))
        .unwrap();
    assert!(rural.change_pct() < -1.0, "{}", rural.change_pct());
    assert!(urban.change_pct() > 0.0, "{}", urban.change_pct());
}

/// A practice whose December 2025 age bands give an age-sex index far from its published
/// weighted list is flagged: G83047's age-sex index is 1.78 against a published weighted list
/// 0.92 of its registered one, leaving a remainder of 0.55.
#[test]
fn practices_whose_age_bands_do_not_fit_their_list_are_flagged() {
    let d = dataset();
    let o = outcome("");
    let i = d.practice_index("G83047").unwrap();
    let r = &o.practices[i];
    assert!(r.implausible_remainder);
    assert!((o.parts_baseline(i).remainder - 0.549).abs() < 0.001);
    assert!(o.parts_baseline(i).remainder < REMAINDER_PLAUSIBLE.0);
    let flagged = o
        .practices
        .iter()
        .filter(|r| r.implausible_remainder)
        .count();
    assert_eq!(flagged, 21);
    assert_eq!(o.implausible_remainders, flagged);
    // Most practices are nowhere near the edge.
    let gp_at_hand = &o.practices[d.practice_index("E85124").unwrap()];
    assert!(!gp_at_hand.implausible_remainder);
}

/// The About view's sentences carry the fit and the count of flagged practices.
#[test]
fn the_fit_is_described_with_its_figures() {
    let text = model().formula_fit_sentences().join(" ");
    assert!(text.contains("(6,463 practices with a list)"), "{text}");
    assert!(
        text.contains("each point of IMD score adds 0.5% to the list"),
        "{text}"
    );
    assert!(text.contains("counts 2.6% more"), "{text}");
    assert!(
        text.contains("far from a major town 7.4% more than one in a town near a city"),
        "{text}"
    );
    assert!(
        text.contains("from NHS Somerset Integrated Care Board (0.951) to NHS North East and North Cumbria Integrated Care Board (1.043)"),
        "{text}"
    );
    assert!(text.contains("explain 60.0%"), "{text}");
    assert!(
        text.contains(
            "additional needs would lose 33.3 points of it, rurality 6.3 and area costs 6.1"
        ),
        "{text}"
    );
    assert!(
        text.contains("21 practices have a remainder below 0.67 or above 1.5"),
        "{text}"
    );
    assert_eq!(model().implausible_remainders().len(), 21);
}

/// Other reference weights split the published lists differently, so other remainders are
/// implausible; a run on that split counts its own.
#[test]
fn a_model_with_other_reference_weights_counts_its_own_implausible_remainders() {
    let mut weights = DEFAULT_AGE_SEX_WEIGHTS;
    weights[0][6] *= 3.0;
    weights[1][6] *= 3.0;
    let m = model().with_reference_weights(&weights).unwrap();
    let own = m.implausible_remainders().len();
    assert_ne!(own, 21, "the weights move the remainders");
    let o = m.run(&Scenario::default()).unwrap();
    let flagged = o
        .practices
        .iter()
        .filter(|r| r.implausible_remainder)
        .count();
    assert_eq!(o.implausible_remainders, own);
    assert_eq!(flagged, own);
}

/// The whole formula can be swapped: NHS England's primary medical care need index, or a
/// user's own age-sex formula with a deprivation weight. Each keeps the pot and the national
/// weighted total.
#[test]
fn other_whole_formulas_keep_the_pot_and_move_money_as_measured() {
    let total: f64 = model().inputs.weighted.iter().sum();
    for query in [
        "v=1&fm=pmc",
        "v=1&fm=own",
        "v=1&fm=own&dep=0.1",
        "v=1&fm=pmc&share=formula&fix=price",
        "v=1&fm=own&an=0",
        "v=1&fm=own&as=0&dep=0.2",
        "v=1&fm=pmc&as=2",
    ] {
        let o = outcome(query);
        assert_conserved(&o);
        assert_invariants(dataset(), model(), &o);
        let w: f64 = o.practices.iter().map(|r| r.weighted_scenario).sum();
        assert!((w - total).abs() < 1e-6 * total, "{query}: {w}");
        for (i, r) in o.practices.iter().enumerate() {
            if r.weighted_baseline <= 0.0 {
                continue;
            }
            let rebuilt = r.registered_scenario * o.parts_scenario(i).product();
            assert!(
                (rebuilt - r.weighted_scenario).abs() < 1e-6 * r.weighted_scenario.max(1.0),
                "{query}"
            );
        }
    }
    // The strengths of the Carr-Hill parts do not act on another formula.
    assert_eq!(
        outcome("v=1&fm=own&an=0").practices,
        outcome("v=1&fm=own").practices
    );
    // Under the need index the age-sex strength does not act; under one's own formula at
    // strength 0 every registered patient counts the same.
    assert_eq!(
        outcome("v=1&fm=pmc&as=2").practices,
        outcome("v=1&fm=pmc").practices
    );
    let flat = outcome("v=1&fm=own&as=0");
    let per_registered: Vec<f64> = flat
        .practices
        .iter()
        .filter(|r| r.weighted_baseline > 0.0 && r.registered_scenario > 0.0)
        .map(|r| r.weighted_scenario / r.registered_scenario)
        .collect();
    let first = per_registered[0];
    assert!(per_registered
        .iter()
        .all(|x| (x - first).abs() < 1e-9 * first));
    // Age and sex alone take money from the most deprived fifth; a 10% deprivation weight per
    // standard deviation more than gives it back.
    let own = outcome("v=1&fm=own");
    assert!(own.by_imd_quintile[4].change_pct() < -5.0);
    assert!(own.by_imd_quintile[0].change_pct() > 4.0);
    let weighted = outcome("v=1&fm=own&dep=0.1");
    assert!(weighted.by_imd_quintile[4].change_pct() > 3.0);
    // NHS England's need index (2022/23) gives the most deprived fifth less than the Global Sum
    // formula does, and the least deprived more.
    let pmc = outcome("v=1&fm=pmc");
    assert!(pmc.by_imd_quintile[4].change_pct() < -1.0);
    assert!(pmc.by_imd_quintile[0].change_pct() > 0.5);
    // 285 practices keep their published list: no need-weighted list (172 are not in the
    // 2022/23 allocations' file, most of them with no registered patients), or one from a list
    // that changed since the allocations' count.
    let kept = model().inputs.pmc.iter().filter(|p| p.is_none()).count();
    assert_eq!(kept, 285);
}

/// The spread of each part, as the README gives it: registered-weighted quartiles.
#[test]
fn the_spread_of_each_part_is_as_measured() {
    let m = model();
    let registered = &m.inputs.registered;
    let quartiles = |ln: &[f64]| {
        let mut v: Vec<(f64, f64)> = ln
            .iter()
            .zip(registered)
            .filter(|(_, n)| **n > 0.0)
            .map(|(l, n)| (l.exp(), *n))
            .collect();
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
        let total: f64 = v.iter().map(|x| x.1).sum();
        let at = |q: f64| {
            let mut seen = 0.0;
            v.iter()
                .find(|(_, n)| {
                    seen += n;
                    seen >= q * total
                })
                .map_or(f64::NAN, |x| x.0)
        };
        (at(0.25), at(0.75))
    };
    let parts = &m.inputs.parts;
    let close = |(a, b): (f64, f64), (x, y): (f64, f64)| {
        assert!((a - x).abs() < 5e-4 && (b - y).abs() < 5e-4, "{a} {b}")
    };
    close(quartiles(&parts.ln_needs), (0.952, 1.036));
    close(quartiles(&parts.ln_area), (0.984, 1.015));
    close(quartiles(&parts.ln_remainder), (0.969, 1.030));
    let ln_age_sex: Vec<f64> = m.inputs.age_sex_index.iter().map(|x| x.ln()).collect();
    close(quartiles(&ln_age_sex), (0.952, 1.049));
    // Rural practices hold about 15% of patients. Every practice the payments file calls urban
    // in a town near a major city is at 0.989, and one it calls rural in a smaller rural
    // settlement far from a city at 1.090.
    let rural_share = registered
        .iter()
        .zip(&m.inputs.rural)
        .filter(|(_, r)| **r)
        .map(|(n, _)| n)
        .sum::<f64>()
        / registered.iter().sum::<f64>();
    assert!((rural_share - 0.146).abs() < 0.005, "{rural_share}");
    close(quartiles(&parts.ln_rurality), (0.989, 0.989));
    use gpfe_core::data::RuralClass;
    let d = dataset();
    let index_where = |rural: bool, class: RuralClass| {
        let p = (0..d.practices.len())
            .find(|&p| m.inputs.rural[p] == rural && d.practices[p].rural_class == Some(class))
            .unwrap();
        parts.ln_rurality[p].exp()
    };
    assert!((index_where(false, RuralClass::UrbanNearer) - 0.989).abs() < 5e-4);
    assert!((index_where(true, RuralClass::SmallerRuralFurther) - 1.090).abs() < 5e-4);
}
