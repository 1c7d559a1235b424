//! Drawing chart specs on a canvas with plotters.
//!
//! Two things plotters-canvas does not do are done here: the canvas's backing store is its CSS
//! size times the device pixel ratio (sharp on HiDPI screens, with every size scaled to match),
//! and text is measured with the canvas's own `measureText` rather than by adding a span to the
//! page and forcing a layout for every label, which would make redraws slow.

mod backend;
mod bars;
mod flow;
mod histogram;
mod lines;
mod scatter;
mod style;

pub use backend::FastCanvas;
use style::css_height;
pub use style::{ink, paper, set_theme, Theme, FONT};

use gpfe_core::series::{ChartKind, ChartSpec};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

/// The device pixel ratio, or 1.
pub fn pixel_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| r.is_finite() && *r > 0.0)
        .unwrap_or(1.0)
        .min(4.0)
}

/// Sizes the canvas's backing store for its CSS width (`css_width`, as `clientWidth` gives it)
/// and the pixel ratio; returns the ratio and the CSS size.
pub fn size_canvas(
    canvas: &HtmlCanvasElement,
    kind: &ChartKind,
    css_width: i32,
) -> (f64, f64, f64) {
    let ratio = pixel_ratio();
    let width = f64::from(css_width.max(280));
    let height = css_height(kind, width);
    let (w, h) = (
        (width * ratio).round() as u32,
        (height * ratio).round() as u32,
    );
    if canvas.width() != w {
        canvas.set_width(w);
    }
    if canvas.height() != h {
        canvas.set_height(h);
    }
    let _ = web_sys::HtmlElement::style(canvas).set_property("height", &format!("{height}px"));
    // In presentation mode everything drawn (text, margins, marks) is a third larger, for a
    // projector: the same pixels hold a smaller logical chart.
    let scale = if style::presenting() {
        style::PRESENTATION_SCALE
    } else {
        1.0
    };
    (ratio * scale, width / scale, height)
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Draws a chart spec on the canvas, `css_width` CSS pixels wide (its `clientWidth`).
pub fn draw(canvas: &HtmlCanvasElement, spec: &ChartSpec, css_width: i32) -> Result<(), String> {
    let (ratio, css_width, _) = size_canvas(canvas, &spec.kind, css_width);
    let backend = FastCanvas::new(canvas).ok_or(NO_CANVAS)?;
    render(backend.into_drawing_area(), spec, ratio, css_width, None)
}

const NO_CANVAS: &str = "this browser gave no 2D canvas to draw on";

/// The height a saved image adds to the chart for its title, scenario and source lines, CSS
/// pixels.
pub const FRAME_HEIGHT: f64 = 88.0;

/// A canvas of its own (not in the page) of `width` × `height` device pixels.
pub fn blank(width: f64, height: f64) -> Result<HtmlCanvasElement, String> {
    let canvas = new_canvas()?;
    canvas.set_width(width.round() as u32);
    canvas.set_height(height.round() as u32);
    Ok(canvas)
}

fn new_canvas() -> Result<HtmlCanvasElement, String> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?
        .create_element("canvas")
        .map_err(|_| "cannot make a canvas")?
        .dyn_into()
        .map_err(|_| "cannot make a canvas".to_string())
}

/// Draws the chart as an image at `scale` times its on-screen CSS size, with its title, the
/// scenario and a source line, on a canvas of its own (not in the page) ready to be saved as an
/// image.
pub fn for_image(
    on_screen: &HtmlCanvasElement,
    spec: &ChartSpec,
    scenario: &str,
    scale: f64,
) -> Result<HtmlCanvasElement, String> {
    let canvas = new_canvas()?;
    let width = f64::from(on_screen.client_width().max(280));
    let height = css_height(&spec.kind, width) + FRAME_HEIGHT;
    canvas.set_width((width * scale).round() as u32);
    canvas.set_height((height * scale).round() as u32);
    let backend = FastCanvas::new(&canvas).ok_or(NO_CANVAS)?;
    render(
        backend.into_drawing_area(),
        spec,
        scale,
        width,
        Some(scenario),
    )?;
    Ok(canvas)
}

/// The chart as an SVG document at its on-screen CSS size, with its title, the scenario and a
/// source line drawn in, and its title and one-sentence description in `<title>` and `<desc>`.
pub fn svg(
    on_screen: &HtmlCanvasElement,
    spec: &ChartSpec,
    scenario: &str,
    description: &str,
) -> Result<String, String> {
    let width = f64::from(on_screen.client_width().max(280));
    let height = css_height(&spec.kind, width) + FRAME_HEIGHT;
    svg_document(width, height, &spec.title, description, |root| {
        render(root, spec, 1.0, width, Some(scenario))
    })
}

/// The chart as it is on screen, `css_width` CSS pixels wide, as an SVG document without the
/// saved image's frame: what the first view written into `index.html` shows in place of the
/// canvas (see `super::first_view`).
pub fn svg_as_on_screen(spec: &ChartSpec, css_width: i32) -> Result<String, String> {
    let width = f64::from(css_width.max(280));
    let height = css_height(&spec.kind, width);
    svg_document(width, height, &spec.title, "", |root| {
        render(root, spec, 1.0, width, None)
    })
}

/// Draws a saved image's frame on `whole`: the title above, and the scenario and a source line
/// below ([`FRAME_HEIGHT`] in all); returns the area left for the chart.
pub fn frame<DB: DrawingBackend>(
    whole: &DrawingArea<DB, Shift>,
    title: &str,
    scenario: &str,
    ratio: f64,
) -> Result<DrawingArea<DB, Shift>, String> {
    let (_, h) = whole.dim_in_pixel();
    let line = |text: &str, from_bottom: f64, size: f64, colour: RGBColor| {
        whole.draw_text(
            text,
            &(style::FONT, size * ratio)
                .into_font()
                .color(&colour)
                .pos(Pos::new(HPos::Left, VPos::Bottom)),
            (
                (10.0 * ratio) as i32,
                h as i32 - (from_bottom * ratio) as i32,
            ),
        )
    };
    line(
        "GP Funding Explorer · NHS Payments to General Practice 2022/23 · Open Government Licence v3.0",
        6.0,
        11.0,
        style::grey(),
    )
    .map_err(err)?;
    line(&format!("Scenario: {scenario}"), 22.0, 12.0, style::ink()).map_err(err)?;
    whole
        .margin(0, (42.0 * ratio) as u32, 0, 0)
        .titled(
            title,
            (style::FONT, 16.0 * ratio).into_font().color(&style::ink()),
        )
        .map_err(err)
}

/// An SVG document of `width` × `height` CSS pixels drawn by `paint`, with `title` and
/// `description` in its `<title>` and `<desc>`.
pub fn svg_document(
    width: f64,
    height: f64,
    title: &str,
    description: &str,
    paint: impl FnOnce(
        DrawingArea<backend::Measured<plotters_svg::SVGBackend<'_>>, Shift>,
    ) -> Result<(), String>,
) -> Result<String, String> {
    // Text is measured on a canvas of its own, not drawn on.
    let scratch = new_canvas()?;
    let mut buffer = String::new();
    {
        let backend = backend::Measured::svg(
            &mut buffer,
            (width.round() as u32, height.round() as u32),
            &scratch,
        )
        .ok_or(NO_CANVAS)?;
        paint(backend.into_drawing_area())?;
    }
    Ok(gpfe_core::export::svg_with_description(
        &buffer,
        title,
        description,
    ))
}

/// Draws a chart spec at a pixel ratio; with `framed` (the scenario's name), adds the title
/// above and the scenario and a source line below (for saved images, which leave the page's
/// own title behind).
fn render<DB: DrawingBackend>(
    whole: DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    ratio: f64,
    css_width: f64,
    framed: Option<&str>,
) -> Result<(), String> {
    whole.fill(&style::paper()).map_err(err)?;
    let root = match framed {
        Some(scenario) => frame(&whole, &spec.title, scenario, ratio)?,
        None => whole,
    };
    match &spec.kind {
        ChartKind::Bars { categories, series } => {
            bars::draw_bars(&root, spec, categories, series, ratio, css_width)?
        }
        ChartKind::HorizontalBars { categories, values } => {
            bars::draw_horizontal(&root, spec, categories, values, ratio, css_width)?
        }
        ChartKind::Waterfall {
            steps,
            values,
            total_label,
        } => bars::draw_waterfall(&root, spec, steps, values, total_label, ratio, css_width)?,
        ChartKind::Histogram {
            edges,
            counts,
            band,
        } => histogram::draw_histogram(&root, spec, edges, counts, *band, ratio)?,
        ChartKind::HolderFlow {
            holder,
            gp_money,
            direct,
            routed,
            to_practices,
            diverted,
            double_running,
            core_moved,
            surplus_in,
            received,
        } => flow::draw_flow(
            &root,
            holder,
            [
                *gp_money,
                *direct,
                *routed,
                *to_practices,
                *diverted,
                *double_running,
                *core_moved,
                *surplus_in,
                *received,
            ],
            ratio,
        )?,
        ChartKind::Lines { categories, series } => {
            lines::draw_lines(&root, spec, categories, series, ratio)?
        }
        ChartKind::Scatter {
            points,
            highlight,
            y_max,
            ..
        } => scatter::draw_scatter(&root, spec, points, *highlight, *y_max, ratio)?,
    }
    root.present().map_err(err)
}

/// Runs `f`; when the page is being profiled (a `window.gpfeDraws` array exists, as the speed
/// benchmark `tests/e2e/latency.mjs` sets up), adds `[name, milliseconds]` to that array. Costs
/// one property lookup when not profiling.
pub fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    use wasm_bindgen::JsCast;
    let window = web_sys::window();
    let sink = window
        .as_ref()
        .and_then(|w| js_sys::Reflect::get(w, &"gpfeDraws".into()).ok())
        .and_then(|v| v.dyn_into::<js_sys::Array>().ok());
    let Some(sink) = sink else {
        return f();
    };
    let performance = window.and_then(|w| w.performance());
    let now = || performance.as_ref().map_or(0.0, |p| p.now());
    let start = now();
    let out = f();
    let took = now() - start;
    sink.push(&js_sys::Array::of2(&name.into(), &took.into()));
    out
}
