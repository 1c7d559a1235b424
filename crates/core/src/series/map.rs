//! What the map shows: each ICB area's change, the practices as dots, and the diverging colour
//! scale with its legend. Drawing is the UI's job.

use super::{count, nice_step, pct, Table};
use crate::data::Dataset;
use crate::model::Outcome;

/// One ICB area on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapArea {
    /// ONS code of the area's boundary (2022).
    pub map_code: String,
    pub name: String,
    pub change_pct: f64,
    pub practices: usize,
}

/// The ICB areas with their change, and the same as a table.
pub fn icb_map(dataset: &Dataset, o: &Outcome) -> (Vec<MapArea>, Table) {
    let areas: Vec<MapArea> = dataset
        .icbs
        .iter()
        .zip(&o.by_icb)
        .map(|(icb, g)| MapArea {
            map_code: icb.map_code.clone(),
            name: icb.name.clone(),
            change_pct: g.change_pct(),
            practices: g.practices,
        })
        .collect();
    with_table(areas, "Integrated care board".into())
}

/// The areas, and the same as a table sorted by name whose first column is headed `first`.
fn with_table(areas: Vec<MapArea>, first: String) -> (Vec<MapArea>, Table) {
    let mut sorted: Vec<&MapArea> = areas.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    let table = Table {
        headers: vec![first, "Practices".into(), "Change in total payments".into()],
        rows: sorted
            .iter()
            .map(|a| vec![a.name.clone(), count(a.practices), pct(a.change_pct)])
            .collect(),
    };
    (areas, table)
}

/// Which areas the map colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MapLevel {
    /// The 42 integrated care boards.
    Icb,
    /// The councils (May 2024) the surgeries are in.
    Council,
    /// The Westminster constituencies (July 2024) the surgeries are in.
    Constituency,
}

impl MapLevel {
    pub const ALL: [MapLevel; 3] = [MapLevel::Icb, MapLevel::Council, MapLevel::Constituency];

    /// Its name in the map's chooser and in links.
    pub fn key(self) -> &'static str {
        match self {
            MapLevel::Icb => "icbs",
            MapLevel::Council => "councils",
            MapLevel::Constituency => "constituencies",
        }
    }

    /// The level called `key`, if any.
    pub fn named(key: &str) -> Option<MapLevel> {
        MapLevel::ALL.into_iter().find(|l| l.key() == key)
    }

    /// In the chooser.
    pub fn label(self) -> &'static str {
        match self {
            MapLevel::Icb => "Integrated care boards",
            MapLevel::Council => "Councils",
            MapLevel::Constituency => "Constituencies",
        }
    }

    /// The map's title at this level.
    pub fn title(self) -> &'static str {
        match self {
            MapLevel::Icb => "Where does the money move? Change in total payments by ICB area",
            MapLevel::Council => {
                "Where does the money move? Change in total payments by council (where the surgeries are)"
            }
            MapLevel::Constituency => {
                "Where does the money move? Change in total payments by constituency (where the surgeries are)"
            }
        }
    }
}

/// The areas of a level with their change, and the same as a table. Councils and constituencies
/// are keyed by their ONS codes, as their outlines are; an area with no surgery is left out (the
/// map draws it uncoloured).
pub fn area_map(level: MapLevel, dataset: &Dataset, o: &Outcome) -> (Vec<MapArea>, Table) {
    let (what, groups) = match level {
        MapLevel::Icb => return icb_map(dataset, o),
        MapLevel::Council => ("Council", &o.by_local_authority),
        MapLevel::Constituency => ("Constituency", &o.by_constituency),
    };
    let areas: Vec<MapArea> = groups
        .iter()
        .filter(|g| g.practices > 0)
        .map(|g| MapArea {
            map_code: g.code.to_string(),
            name: g.name.to_string(),
            change_pct: g.change_pct(),
            practices: g.practices,
        })
        .collect();
    with_table(areas, format!("{what} (where the surgeries are)"))
}

/// Purple-orange diverging scale (ColorBrewer PuOr, 7 classes), readable with every common
/// colour-vision deficiency: orange for losses, purple for gains, near-white for no change.
pub const DIVERGING: [(u8, u8, u8); 7] = [
    (179, 88, 6),
    (241, 163, 64),
    (254, 224, 182),
    (247, 247, 247),
    (216, 218, 235),
    (153, 142, 195),
    (84, 39, 136),
];

/// The class edges of the diverging scale for values up to `max_abs` either side of zero:
/// six edges, symmetric, the middle class holding changes within ±0.1%.
pub fn diverging_edges(max_abs: f64) -> [f64; 6] {
    let top = if max_abs.is_finite() && max_abs > 0.6 {
        nice_step(max_abs, 1.0).max(0.6)
    } else {
        0.6
    };
    let mid = top / 3.0 * 2.0;
    [-mid, -top / 3.0, -0.1, 0.1, top / 3.0, mid]
}

/// The colour of a value on the diverging scale with these edges.
pub fn diverging_colour(value: f64, edges: &[f64; 6]) -> (u8, u8, u8) {
    let class = edges.iter().filter(|e| value >= **e).count();
    DIVERGING[class.min(6)]
}

/// The edges of the colour scale for these areas: wide enough for the largest change either side
/// of zero.
pub fn map_edges(areas: &[MapArea]) -> [f64; 6] {
    let max_abs = areas.iter().map(|a| a.change_pct.abs()).fold(0.0, f64::max);
    diverging_edges(max_abs)
}

/// A colour class's range in words, for the legend: class 0 to 6 of [`DIVERGING`], with
/// `edges` from [`diverging_edges`]. Beyond the last class reads as the last.
pub fn diverging_label(class: usize, edges: &[f64; 6]) -> String {
    let [lowest, .., highest] = *edges;
    match class {
        0 => format!("below {lowest:+.1}%"),
        3 => "within ±0.1%".to_string(),
        1..=5 => match (edges.get(class - 1), edges.get(class)) {
            (Some(from), Some(to)) => format!("{from:+.1}% to {to:+.1}%"),
            _ => format!("{highest:+.1}% or more"),
        },
        _ => format!("{highest:+.1}% or more"),
    }
}

impl MapArea {
    /// What the map says when the pointer is over the area.
    pub fn tooltip(&self) -> String {
        format!("{}: {:+.2}%", self.name, self.change_pct)
    }
}

/// A practice on the map, where it has a location and a payment to change.
#[derive(Debug, Clone, PartialEq)]
pub struct MapDot {
    pub lat: f64,
    pub lon: f64,
    pub change_pct: f64,
    pub name: String,
}

impl MapDot {
    /// What the map says when the pointer is over the practice.
    pub fn tooltip(&self) -> String {
        format!("{}: {:+.2}%", self.name, self.change_pct)
    }
}

/// Every practice with a location and a weighted population in the baseline, with its change.
pub fn practice_dots(dataset: &Dataset, o: &Outcome) -> Vec<MapDot> {
    dataset
        .practices
        .iter()
        .zip(&o.practices)
        .filter_map(|(p, r)| {
            p.location
                .filter(|_| r.weighted_baseline > 0.0)
                .map(|(lat, lon)| MapDot {
                    lat,
                    lon,
                    change_pct: r.change_pct(),
                    name: p.display_name().to_string(),
                })
        })
        .collect()
}

#[cfg(test)]
mod map_tests {
    use super::*;

    #[test]
    fn no_change_is_the_neutral_colour_and_signs_pick_sides() {
        let edges = diverging_edges(4.0);
        assert_eq!(diverging_colour(0.0, &edges), DIVERGING[3]);
        assert_eq!(diverging_colour(-10.0, &edges), DIVERGING[0]);
        assert_eq!(diverging_colour(10.0, &edges), DIVERGING[6]);
        assert_eq!(diverging_colour(f64::NAN, &edges), DIVERGING[0]);
        assert!(edges.windows(2).all(|w| w[0] < w[1]));
        let tiny = diverging_edges(0.0);
        assert!(tiny.windows(2).all(|w| w[0] < w[1]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_data::{dataset, outcome};

    #[test]
    fn every_icb_is_on_the_map_with_its_change() {
        let d = dataset();
        let o = outcome("preset=age-only");
        let (areas, table) = icb_map(d, &o);
        assert_eq!(areas.len(), 42);
        assert_eq!(table.rows.len(), 42);
        for (a, g) in areas.iter().zip(&o.by_icb) {
            assert_eq!(a.change_pct, g.change_pct());
            assert_eq!(a.practices, g.practices);
        }
        let edges = map_edges(&areas);
        let widest = areas.iter().map(|a| a.change_pct.abs()).fold(0.0, f64::max);
        assert_eq!(edges, diverging_edges(widest));
        assert_eq!(map_edges(&[]), diverging_edges(0.0));
    }

    #[test]
    fn legend_labels_cover_every_class() {
        let edges = [-2.0, -1.0, -0.1, 0.1, 1.0, 2.0];
        let labels: Vec<String> = (0..7).map(|i| diverging_label(i, &edges)).collect();
        assert_eq!(
            labels,
            [
                "below -2.0%",
                "-2.0% to -1.0%",
                "-1.0% to -0.1%",
                "within ±0.1%",
                "+0.1% to +1.0%",
                "+1.0% to +2.0%",
                "+2.0% or more",
            ]
        );
        assert_eq!(diverging_label(99, &edges), "+2.0% or more");
    }

    #[test]
    fn practices_with_a_place_and_patients_are_dots() {
        let d = dataset();
        let o = outcome("preset=age-only");
        let dots = practice_dots(d, &o);
        let expected = d
            .practices
            .iter()
            .zip(&o.practices)
            .filter(|(p, r)| p.location.is_some() && r.weighted_baseline > 0.0)
            .count();
        assert_eq!(dots.len(), expected);
        assert!(dots.len() > 6000);
        let host = dots
            .iter()
            .find(|dot| dot.name.contains("GP AT HAND"))
            .expect("GP at Hand is on the map");
        assert!(host.tooltip().starts_with(&host.name));
        assert!(practice_dots(d, &Outcome::empty()).is_empty());
    }
}
