//! The outlines the map draws, reduced: the 42 ICB areas (July 2022 boundaries), and England's
//! councils (May 2024) and constituencies (July 2024).

use super::BuildError;
use gpfe_core::data::file::BoundaryFile;
use serde_json::Value;

/// Decimal places kept in coordinates: 3 places is about 100 m, finer than the source's
/// generalisation. The file stores each coordinate as an integer in these units.
const PLACES: i32 = 3;

/// The map area of an ICB's ONS code. Surrey Heartlands and Sussex were given new codes in 2023
/// (E54000063 and E54000064); the 2022 boundaries use their old ones.
pub fn map_code(ons_code: &str) -> String {
    match ons_code {
        "E54000063" => "E54000052".to_string(),
        "E54000064" => "E54000053".to_string(),
        other => other.to_string(),
    }
}

/// A coordinate in units of the last place kept (thousandths of a degree).
fn scaled(v: f64) -> i32 {
    (v * 10_f64.powi(PLACES)).round() as i32
}

fn error(file: &str, message: impl Into<String>) -> BuildError {
    BuildError {
        file: file.to_string(),
        line: None,
        column: None,
        message: message.into(),
    }
}

/// Rounds a ring's coordinates and drops points that rounding made repeat.
fn ring(value: &Value, file: &str) -> Result<Vec<[i32; 2]>, BuildError> {
    let points = value
        .as_array()
        .ok_or_else(|| error(file, "a ring is not a list of points"))?;
    let mut out: Vec<[i32; 2]> = Vec::with_capacity(points.len());
    for p in points {
        let (lon, lat) = match p.as_array().map(|a| a.as_slice()) {
            Some([lon, lat, ..]) => (lon.as_f64(), lat.as_f64()),
            _ => (None, None),
        };
        let (Some(lon), Some(lat)) = (lon, lat) else {
            return Err(error(
                file,
                format!("{p} is not a [longitude, latitude] point"),
            ));
        };
        if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
            return Err(error(file, format!("{p} is not a longitude and latitude")));
        }
        let point = [scaled(lon), scaled(lat)];
        if out.last() != Some(&point) {
            out.push(point);
        }
    }
    Ok(out)
}

/// Reads the ICB areas' GeoJSON and returns each feature's `code`, `name` and the outer ring of
/// each of its polygons (the map draws those alone), rounded.
pub fn simplify(text: &str, file: &str) -> Result<Vec<BoundaryFile>, BuildError> {
    simplify_keyed(text, file, ("area_code", "area_name"), |_| true)
}

/// As [`simplify`] for a GeoJSON whose features name their code and name under `keys`,
/// keeping only the features whose code `keep` accepts.
pub fn simplify_keyed(
    text: &str,
    file: &str,
    keys: (&str, &str),
    keep: impl Fn(&str) -> bool,
) -> Result<Vec<BoundaryFile>, BuildError> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| error(file, format!("is not valid JSON: {e}")))?;
    let features = value["features"]
        .as_array()
        .ok_or_else(|| error(file, "has no features list"))?;
    let mut out = Vec::with_capacity(features.len());
    for (i, feature) in features.iter().enumerate() {
        let props = &feature["properties"];
        let (Some(code), Some(name)) = (props[keys.0].as_str(), props[keys.1].as_str()) else {
            return Err(error(
                file,
                format!("feature {} has no {} and {}", i + 1, keys.0, keys.1),
            ));
        };
        if !keep(code) {
            continue;
        }
        let geometry = &feature["geometry"];
        let polygons: Vec<&Value> = match geometry["type"].as_str() {
            Some("MultiPolygon") => geometry["coordinates"]
                .as_array()
                .map(|a| a.iter().collect())
                .unwrap_or_default(),
            Some("Polygon") => vec![&geometry["coordinates"]],
            other => {
                return Err(error(
                    file,
                    format!("feature {code} has geometry {other:?}, not a polygon"),
                ))
            }
        };
        let mut rings = Vec::with_capacity(polygons.len());
        for polygon in polygons {
            let outer = polygon
                .as_array()
                .and_then(|r| r.first())
                .ok_or_else(|| error(file, format!("feature {code} has a malformed polygon")))?;
            rings.push(ring(outer, file)?);
        }
        out.push(BoundaryFile {
            code: code.to_string(),
            name: name.to_string(),
            rings,
        });
    }
    Ok(out)
}
