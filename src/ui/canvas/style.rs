//! The one style every chart is drawn in: colours, the font, sizes in CSS pixels scaled by the
//! pixel ratio, and the presentation mode's larger scale.

use gpfe_core::series::{ChartKind, DIVERGING};
use plotters::prelude::*;

/// Okabe-Ito colours: distinguishable with every common colour-vision deficiency.
pub const BLUE: RGBColor = RGBColor(0, 114, 178);
pub const VERMILLION: RGBColor = RGBColor(213, 94, 0);
pub const GREY: RGBColor = RGBColor(153, 153, 153);
pub const INK: RGBColor = RGBColor(26, 26, 26);
/// Gains and losses on horizontal bars: the ends of the map's diverging scale.
pub const GAIN: RGBColor = RGBColor(DIVERGING[6].0, DIVERGING[6].1, DIVERGING[6].2);
pub const LOSS: RGBColor = RGBColor(DIVERGING[0].0, DIVERGING[0].1, DIVERGING[0].2);
/// Okabe-Ito orange, green and reddish purple, for further series and the routed money.
pub const ORANGE: RGBColor = RGBColor(230, 159, 0);
pub const GREEN: RGBColor = RGBColor(0, 158, 115);
pub const PURPLE: RGBColor = RGBColor(204, 121, 167);
/// Outlines and the flow diagram's source block.
pub const DARK_GREY: RGBColor = RGBColor(120, 120, 120);

/// The font family of every label.
pub const FONT: &str = "sans-serif";

/// How much larger everything drawn is in presentation mode, for a projector.
pub const PRESENTATION_SCALE: f64 = 1.35;

/// `v` CSS pixels in device pixels at `ratio`.
pub fn px(v: f64, ratio: f64) -> i32 {
    (v * ratio).round() as i32
}

/// Text of `size` CSS pixels at `ratio`, in ink.
pub fn font(size: f64, ratio: f64) -> TextStyle<'static> {
    (FONT, size * ratio).into_font().color(&INK)
}

/// The CSS height a chart of this kind wants at `width`.
pub fn css_height(kind: &ChartKind, width: f64) -> f64 {
    match kind {
        ChartKind::HorizontalBars { categories, .. } => 70.0 + 22.0 * categories.len() as f64,
        ChartKind::Waterfall { steps, .. } => 90.0 + 26.0 * (steps.len() + 1) as f64,
        _ => (width * 0.55).clamp(260.0, 400.0),
    }
}

/// Whether the page is in presentation mode.
pub fn presenting() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .is_some_and(|b| b.class_list().contains("present"))
}
