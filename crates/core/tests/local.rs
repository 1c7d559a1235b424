//! Local areas: the councils and constituencies the surgeries are in, as charts with every area
//! in their tables, and one area's practices.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{dataset, model};
use gpfe_core::find::Target;
use gpfe_core::scenario::Scenario;
use gpfe_core::series::{self, ChartKind, LOCAL_SHOWN};

#[test]
fn the_council_and_constituency_charts_show_the_ends_and_table_every_area() {
    let o = model()
        .run(&Scenario::from_query("preset=age-only").unwrap())
        .unwrap();
    for (spec, groups, areas) in [
        (series::councils(&o), &o.by_local_authority, 296),
        (series::constituencies(&o), &o.by_constituency, 543),
    ] {
        assert_eq!(spec.table.rows.len(), areas, "{}", spec.title);
        let ChartKind::HorizontalBars { categories, values } = &spec.kind else {
            panic!("bars")
        };
        assert_eq!(categories.len(), 2 * LOCAL_SHOWN);
        // Sorted from the largest gain to the largest loss; the bars are the table's ends.
        assert!(values.windows(2).all(|w| w[0] >= w[1]), "{values:?}");
        assert_eq!(categories[0], spec.table.rows[0][0]);
        assert_eq!(categories.last(), spec.table.rows.last().map(|r| &r[0]));
        let best = groups
            .iter()
            .filter(|g| g.practices > 0)
            .max_by(|a, b| a.change_pct().total_cmp(&b.change_pct()))
            .unwrap();
        assert!((values[0] - best.change_pct()).abs() < 1e-12);
        let gain = groups
            .iter()
            .filter(|g| g.practices > 0 && g.change_pence() > 0)
            .count();
        assert!(
            spec.summary
                .contains(&format!("with a surgery, {gain} gain")),
            "{}",
            spec.summary
        );
    }
}

#[test]
fn an_areas_practices_add_up_to_its_group_and_its_sentence_counts_them() {
    let d = dataset();
    let o = model()
        .run(&Scenario::from_query("v=1&an=0").unwrap())
        .unwrap();
    let seat = d
        .constituencies
        .iter()
        .position(|a| a.name == "Stockton North")
        .unwrap();
    let target = Target::Constituency(seat);
    let spec = series::area_practices(d, &o, target).unwrap();
    let members = target.members(d);
    assert_eq!(spec.table.rows.len(), members.len());
    let g = target.group(&o).unwrap();
    let sum: i64 = members.iter().map(|&p| o.practices[p].change_pence()).sum();
    assert_eq!(sum, g.change_pence());
    let gain = members
        .iter()
        .filter(|&&p| o.practices[p].change_pence() > 0)
        .count();
    let lose = members
        .iter()
        .filter(|&&p| o.practices[p].change_pence() < 0)
        .count();
    let sentence = series::area_sentence(d, &o, target).unwrap();
    let expected = format!(
            "In Stockton North (constituency), {} practices with surgeries there: under this scenario {gain} gain and {lose} lose; together they {} {} ({:+.2}%) a year.",
            members.len(),
            if g.change_pence() < 0 { "lose" } else { "gain" },
            gpfe_core::format::pounds(g.change_pence().abs()),
            g.change_pct(),
        );
    assert_eq!(sentence, expected);
    // A big council shows its ends as bars and every practice in its table.
    let birmingham = d
        .local_authorities
        .iter()
        .position(|a| a.name == "Birmingham")
        .unwrap();
    let big = series::area_practices(d, &o, Target::LocalAuthority(birmingham)).unwrap();
    let ChartKind::HorizontalBars { categories, .. } = &big.kind else {
        panic!("bars")
    };
    assert_eq!(categories.len(), 2 * LOCAL_SHOWN);
    assert!(big.table.rows.len() > 100, "{}", big.table.rows.len());
}
