//! The map's geometry: area outlines, the projection from longitude and
//! latitude to the screen and back, and which area or point lies under the pointer.

/// One area's outline, in longitude and latitude.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub code: String,
    pub name: String,
    /// Outer rings of its polygons.
    pub rings: Vec<Vec<(f64, f64)>>,
}

/// Longitude is squeezed by the cosine of England's middle latitude so shapes look right.
const LON_SCALE: f64 = 0.6;

/// Space left around the map, CSS pixels.
const PAD: f64 = 8.0;

/// Maps longitude/latitude to CSS pixels in a box, keeping the aspect ratio.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    min_x: f64,
    max_y: f64,
    scale: f64,
    offset_x: f64,
    offset_y: f64,
}

impl Projection {
    /// The projection that fits every shape in a `width` by `height` box, centred across and
    /// from the top, with a small margin. With no points it fits England.
    pub fn fit(shapes: &[Shape], width: f64, height: f64) -> Projection {
        let points = shapes.iter().flat_map(|s| s.rings.iter().flatten());
        let (mut min_x, mut max_x, mut min_y, mut max_y) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for &(lon, lat) in points {
            min_x = min_x.min(lon * LON_SCALE);
            max_x = max_x.max(lon * LON_SCALE);
            min_y = min_y.min(lat);
            max_y = max_y.max(lat);
        }
        if min_x > max_x {
            (min_x, max_x, min_y, max_y) = (-6.0 * LON_SCALE, 2.0 * LON_SCALE, 50.0, 56.0);
        }
        // A single point has no extent: give it a little so the scale stays finite.
        let (span_x, span_y) = ((max_x - min_x).max(1e-9), (max_y - min_y).max(1e-9));
        let scale = ((width - 2.0 * PAD) / span_x).min((height - 2.0 * PAD) / span_y);
        Projection {
            min_x,
            max_y,
            scale,
            offset_x: PAD + ((width - 2.0 * PAD) - span_x * scale) / 2.0,
            offset_y: PAD,
        }
    }

    /// Where a longitude and latitude fall in the box, CSS pixels from its top left.
    pub fn to_screen(self, lon: f64, lat: f64) -> (f64, f64) {
        (
            self.offset_x + (lon * LON_SCALE - self.min_x) * self.scale,
            self.offset_y + (self.max_y - lat) * self.scale,
        )
    }

    /// The longitude and latitude under a point of the box.
    pub fn to_lon_lat(self, x: f64, y: f64) -> (f64, f64) {
        (
            ((x - self.offset_x) / self.scale + self.min_x) / LON_SCALE,
            self.max_y - (y - self.offset_y) / self.scale,
        )
    }

    /// Of `points` (longitude, latitude), the index of the one drawn nearest the screen point
    /// `(x, y)`, if it is less than `radius` pixels away (the first of equals).
    pub fn nearest(
        self,
        points: impl IntoIterator<Item = (f64, f64)>,
        (x, y): (f64, f64),
        radius: f64,
    ) -> Option<usize> {
        points
            .into_iter()
            .map(|(lon, lat)| {
                let (sx, sy) = self.to_screen(lon, lat);
                (sx - x).powi(2) + (sy - y).powi(2)
            })
            .enumerate()
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .filter(|(_, d2)| *d2 < radius * radius)
            .map(|(i, _)| i)
    }
}

/// Whether a point lies inside a ring (ray casting; a ring need not repeat its first point).
pub fn inside(ring: &[(f64, f64)], (x, y): (f64, f64)) -> bool {
    let Some(&last) = ring.last() else {
        return false;
    };
    let mut result = false;
    let mut previous = last;
    for &(xi, yi) in ring {
        let (xj, yj) = previous;
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            result = !result;
        }
        previous = (xi, yi);
    }
    result
}

/// The first shape containing a longitude and latitude, if any.
pub fn shape_at(shapes: &[Shape], lon_lat: (f64, f64)) -> Option<&Shape> {
    shapes
        .iter()
        .find(|s| s.rings.iter().any(|r| inside(r, lon_lat)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_data::dataset;

    fn england() -> Vec<Shape> {
        dataset().boundaries.clone()
    }

    #[test]
    fn the_dataset_boundaries_are_the_42_icbs() {
        let d = dataset();
        let s = england();
        assert_eq!(s.len(), 42);
        for shape in &s {
            assert!(!shape.rings.is_empty(), "{}", shape.code);
            assert!(shape.rings.iter().all(|r| r.len() >= 3), "{}", shape.code);
            assert!(
                d.icbs.iter().any(|i| i.map_code == shape.code),
                "{} is an ICB's map code",
                shape.code
            );
        }
        let points = s.iter().flat_map(|s| s.rings.iter().flatten());
        for &(lon, lat) in points {
            assert!((-7.0..2.0).contains(&lon) && (49.5..56.0).contains(&lat));
        }
    }

    #[test]
    fn a_point_inside_an_area_finds_it() {
        let s = england();
        let at = |lon_lat| shape_at(&s, lon_lat).map(|s| s.name.as_str());
        assert_eq!(at((-1.89, 52.48)), Some("Birmingham and Solihull"));
        assert_eq!(at((-2.24, 53.48)), Some("Greater Manchester"));
        assert_eq!(at((-1.55, 53.80)), Some("West Yorkshire"));
        assert_eq!(at((-0.13, 51.51)), Some("North West London"));
    }

    #[test]
    fn a_point_far_outside_finds_nothing() {
        let s = england();
        assert!(shape_at(&s, (5.0, 45.0)).is_none());
        assert!(shape_at(&s, (-20.0, 60.0)).is_none());
        assert!(shape_at(&s, (f64::NAN, f64::NAN)).is_none());
        assert!(shape_at(&[], (-1.89, 52.48)).is_none());
    }

    #[test]
    fn the_projection_fits_the_box_and_goes_both_ways() {
        let s = england();
        let p = Projection::fit(&s, 400.0, 460.0);
        for &(lon, lat) in s.iter().flat_map(|s| s.rings.iter().flatten()) {
            let (x, y) = p.to_screen(lon, lat);
            assert!((PAD - 1e-6..=400.0 - PAD + 1e-6).contains(&x), "x {x}");
            assert!((PAD - 1e-6..=460.0 - PAD + 1e-6).contains(&y), "y {y}");
        }
        // Birmingham projects to a point that reads back as itself, north of London.
        let (x, y) = p.to_screen(-1.89, 52.48);
        let (lon, lat) = p.to_lon_lat(x, y);
        assert!((lon + 1.89).abs() < 1e-9 && (lat - 52.48).abs() < 1e-9);
        let (_, london_y) = p.to_screen(-0.13, 51.51);
        assert!(y < london_y, "north is up");
        assert_eq!(
            shape_at(&s, p.to_lon_lat(x, y)).map(|s| s.name.as_str()),
            Some("Birmingham and Solihull")
        );
    }

    #[test]
    fn a_projection_of_nothing_fits_england_and_of_one_point_stays_finite() {
        let p = Projection::fit(&[], 300.0, 300.0);
        let (x, y) = p.to_screen(-1.5, 53.0);
        assert!(x.is_finite() && y.is_finite());
        let one = Shape {
            code: "x".into(),
            name: "x".into(),
            rings: vec![vec![(-1.0, 52.0)]],
        };
        let p = Projection::fit(&[one], 300.0, 300.0);
        let (x, y) = p.to_screen(-1.0, 52.0);
        assert!(x.is_finite() && y.is_finite());
    }

    #[test]
    fn the_nearest_point_within_the_radius_is_found() {
        let s = england();
        let p = Projection::fit(&s, 400.0, 460.0);
        let points = [(-1.89, 52.48), (-0.13, 51.51), (-2.24, 53.48)];
        let (x, y) = p.to_screen(-0.13, 51.51);
        assert_eq!(p.nearest(points, (x + 2.0, y - 2.0), 6.0), Some(1));
        assert_eq!(p.nearest(points, (x + 50.0, y), 6.0), None);
        assert_eq!(p.nearest([], (x, y), 6.0), None);
    }

    #[test]
    fn a_ring_of_fewer_than_three_points_contains_nothing() {
        assert!(!inside(&[], (0.0, 0.0)));
        assert!(!inside(&[(0.0, 0.0)], (0.0, 0.0)));
        assert!(!inside(&[(0.0, 0.0), (1.0, 1.0)], (0.5, 0.5)));
    }
}
