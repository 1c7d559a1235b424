//! The one style every chart is drawn in: colours, the font, sizes in CSS pixels scaled by the
//! pixel ratio, and the presentation mode's larger scale.

use gpfe_core::series::{ChartKind, DIVERGING};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::cell::Cell;

/// The page's colour scheme: charts in an embed with `theme=dark` (or `auto` on a dark system)
/// are drawn on a dark ground.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

thread_local! {
    static THEME: Cell<Theme> = const { Cell::new(Theme::Light) };
}

/// Sets the scheme every chart is drawn in from now on.
pub fn set_theme(theme: Theme) {
    THEME.with(|t| t.set(theme));
}

fn dark() -> bool {
    THEME.with(Cell::get) == Theme::Dark
}

/// Picks the light or the dark form of a colour.
fn pick(light: RGBColor, dark_form: RGBColor) -> RGBColor {
    if dark() {
        dark_form
    } else {
        light
    }
}

fn diverging(i: usize) -> RGBColor {
    RGBColor(DIVERGING[i].0, DIVERGING[i].1, DIVERGING[i].2)
}

// Okabe-Ito colours: distinguishable with every common colour-vision deficiency. On a dark
// ground the blue is Okabe-Ito's sky blue and the vermillion a lighter shade of it, so that
// every series keeps its contrast with the ground and with the others.

/// The ground the chart is drawn on.
pub fn paper() -> RGBColor {
    pick(RGBColor(255, 255, 255), RGBColor(24, 26, 30))
}
/// Text, axes and outlines.
pub fn ink() -> RGBColor {
    pick(RGBColor(26, 26, 26), RGBColor(232, 232, 232))
}
pub fn blue() -> RGBColor {
    pick(RGBColor(0, 114, 178), RGBColor(86, 180, 233))
}
pub fn vermillion() -> RGBColor {
    pick(RGBColor(213, 94, 0), RGBColor(238, 130, 60))
}
pub fn grey() -> RGBColor {
    pick(RGBColor(153, 153, 153), RGBColor(150, 150, 150))
}
/// Gains and losses on horizontal bars: the ends of the map's diverging scale (on a dark
/// ground, the next shades in, which stand out from it).
pub fn gain() -> RGBColor {
    if dark() {
        diverging(5)
    } else {
        diverging(6)
    }
}
pub fn loss() -> RGBColor {
    if dark() {
        diverging(1)
    } else {
        diverging(0)
    }
}
/// Okabe-Ito orange, green and reddish purple, for further series and the routed money.
pub fn orange() -> RGBColor {
    RGBColor(230, 159, 0)
}
pub fn green() -> RGBColor {
    RGBColor(0, 158, 115)
}
pub fn purple() -> RGBColor {
    RGBColor(204, 121, 167)
}
/// Outlines and the flow diagram's source block.
pub fn dark_grey() -> RGBColor {
    pick(RGBColor(120, 120, 120), RGBColor(110, 110, 110))
}

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
    (FONT, size * ratio).into_font().color(&ink())
}

/// The CSS height a chart of this kind wants at `width`.
pub fn css_height(kind: &ChartKind, width: f64) -> f64 {
    match kind {
        ChartKind::HorizontalBars { categories, .. } => 70.0 + 22.0 * categories.len() as f64,
        ChartKind::Waterfall { steps, .. } => 90.0 + 26.0 * (steps.len() + 1) as f64,
        _ => (width * 0.55).clamp(260.0, 400.0),
    }
}

/// A point of the backend (as a chart's plotting area maps a value to) in `root`'s own
/// coordinates, which start at its corner: below the title in a saved image.
pub fn on<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    (x, y): (i32, i32),
) -> (i32, i32) {
    let (bx, by) = root.get_base_pixel();
    (x - bx, y - by)
}

/// Whether the page is in presentation mode.
pub fn presenting() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .is_some_and(|b| b.class_list().contains("present"))
}

/// The height of a chart's x label area (the value labels and the axis description under them)
/// for a description of `lines` lines, CSS pixels.
pub fn x_label_area(lines: &[String]) -> f64 {
    44.0 + DESCRIPTION_STEP * (lines.len().max(1) - 1) as f64
}

/// The CSS pixels from one line of an axis description to the next.
const DESCRIPTION_STEP: f64 = 15.0;

/// The axis description's text style at `ratio`: centred on the point given, its foot there.
fn description_style(ratio: f64) -> TextStyle<'static> {
    font(13.0, ratio).pos(Pos::new(HPos::Center, VPos::Bottom))
}

/// An x axis's description as one line, or as two where one line would be wider than the
/// canvas less its margins (on a phone the longest descriptions are wider than the chart):
/// split before its bracket if it has one, else at the space nearest its middle.
pub fn description_lines<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    text: &str,
    ratio: f64,
) -> Vec<String> {
    let (width, _) = root.dim_in_pixel();
    let (wide, _) = root
        .estimate_text_size(text, &description_style(ratio))
        .unwrap_or((0, 0));
    if wide as i32 <= width as i32 - px(24.0, ratio) {
        return vec![text.to_string()];
    }
    let middle = text.len() / 2;
    let split = text.rfind(" (").or_else(|| {
        text.match_indices(' ')
            .map(|(i, _)| i)
            .min_by_key(|i| i.abs_diff(middle))
    });
    match split {
        Some(i) if i > 0 => vec![text[..i].to_string(), text[i + 1..].to_string()],
        _ => vec![text.to_string()],
    }
}

/// Draws an x axis's description, `lines` (from [`description_lines`]), centred under the plot,
/// which spans `across` in the backend's coordinates, its last line's foot at the foot of the x
/// label area (the chart's 12 px margin above the canvas's bottom); each line is moved in where
/// it would run past the canvas's edge (on a phone a label column leaves the plot off centre).
pub fn draw_description<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    across: std::ops::Range<i32>,
    lines: &[String],
    ratio: f64,
) -> Result<(), String> {
    let (width, height) = root.dim_in_pixel();
    let (middle, _) = on(root, ((across.start + across.end) / 2, 0));
    let style = description_style(ratio);
    let foot = height as i32 - px(12.0, ratio);
    for (i, line) in lines.iter().enumerate() {
        let (wide, _) = root.estimate_text_size(line, &style).unwrap_or((0, 0));
        let half = (wide / 2) as i32 + px(4.0, ratio);
        let x = middle.min(width as i32 - half).max(half);
        let above = (lines.len() - 1 - i) as f64 * DESCRIPTION_STEP;
        root.draw_text(line, &style, (x, foot - px(above, ratio)))
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}
