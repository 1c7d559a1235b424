//! A QR code of the page's link, drawn here so that presentation mode needs no other site: an
//! audience points a phone at the screen and opens the same view.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// The QR code of `link` as an SVG image (dark modules on white, with the quiet zone the
/// standard asks for), at least `size` pixels across; `None` where the link is too long for a
/// QR code (about 2,300 characters at this level of error correction).
pub fn qr_svg(link: &str, size: u32) -> Option<String> {
    let code = QrCode::with_error_correction_level(link.as_bytes(), EcLevel::M).ok()?;
    Some(
        code.render::<svg::Color>()
            .min_dimensions(size, size)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .quiet_zone(true)
            .build(),
    )
}

/// The QR code of `link` as rows of modules (`true` dark), quiet zone excluded; `None` where
/// the link is too long. The tests read codes back with it.
#[cfg(test)]
fn qr_modules(link: &str) -> Option<Vec<Vec<bool>>> {
    let code = QrCode::with_error_correction_level(link.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colours = code.to_colors();
    Some(
        colours
            .chunks(width)
            .map(|row| row.iter().map(|c| *c == qrcode::Color::Dark).collect())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads a QR code back with an independent decoder, from its modules drawn 4 pixels each
    /// inside a quiet zone of 4 modules.
    fn decode(modules: &[Vec<bool>]) -> String {
        let n = modules.len();
        let (scale, quiet) = (4, 4);
        let side = (n + 2 * quiet) * scale;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            let (mx, my) = (x / scale, y / scale);
            let dark = mx >= quiet
                && my >= quiet
                && mx < n + quiet
                && my < n + quiet
                && modules[my - quiet][mx - quiet];
            if dark {
                0
            } else {
                255
            }
        });
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1);
        grids[0].decode().expect("the code decodes").1
    }

    #[test]
    fn a_views_link_decodes_to_itself() {
        for link in [
            "https://example.org/gpfe/?v=1&ns=0.5&practice=E85124",
            "http://127.0.0.1:8080/?preset=df-july-2018&present=1&story=digital-first&step=3",
        ] {
            let modules = qr_modules(link).unwrap();
            assert_eq!(decode(&modules), link);
            let svg = qr_svg(link, 240).unwrap();
            assert!(svg.starts_with("<?xml") || svg.starts_with("<svg"), "{svg}");
            assert!(svg.contains("#000000"));
        }
    }

    #[test]
    fn a_link_too_long_for_a_code_gives_none() {
        let long = format!("https://example.org/?v=1&{}", "x".repeat(5_000));
        assert!(qr_svg(&long, 240).is_none());
        assert!(qr_modules(&long).is_none());
    }
}
