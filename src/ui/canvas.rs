//! Drawing chart specs on a canvas with plotters.
//!
//! Two things plotters-canvas does not do are done here: the canvas's backing store is its CSS
//! size times the device pixel ratio (sharp on HiDPI screens, with every size scaled to match),
//! and text is measured with the canvas's own `measureText` rather than by adding a span to the
//! page and forcing a layout for every label, which would make redraws slow.

use gpfe_core::series::{ChartKind, ChartSpec, DIVERGING};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Okabe-Ito colours: distinguishable with every common colour-vision deficiency.
pub const BLUE: RGBColor = RGBColor(0, 114, 178);
pub const VERMILLION: RGBColor = RGBColor(213, 94, 0);
pub const GREY: RGBColor = RGBColor(153, 153, 153);
pub const INK: RGBColor = RGBColor(26, 26, 26);
/// Gains and losses on horizontal bars: the ends of the map's diverging scale.
pub const GAIN: RGBColor = RGBColor(DIVERGING[6].0, DIVERGING[6].1, DIVERGING[6].2);
pub const LOSS: RGBColor = RGBColor(DIVERGING[0].0, DIVERGING[0].1, DIVERGING[0].2);

/// A canvas backend that measures text with the 2D context.
pub struct FastCanvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
}

impl FastCanvas {
    pub fn new(canvas: &HtmlCanvasElement) -> Option<FastCanvas> {
        let context = canvas
            .get_context("2d")
            .ok()??
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        Some(FastCanvas {
            inner: CanvasBackend::with_canvas_object(canvas.clone())?,
            context,
        })
    }
}

type Failure = DrawingErrorKind<<CanvasBackend as DrawingBackend>::ErrorType>;

impl DrawingBackend for FastCanvas {
    type ErrorType = <CanvasBackend as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), Failure> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), Failure> {
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Failure> {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Failure> {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Failure> {
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure> {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Failure> {
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), Failure> {
        self.inner.draw_text(text, style, pos)
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), Failure> {
        self.context.set_font(&format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        ));
        let width = self
            .context
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or(text.len() as f64 * style.size() * 0.6);
        Ok((
            width.ceil().max(0.0) as u32,
            (style.size() * 1.2).ceil() as u32,
        ))
    }
}

/// The device pixel ratio, or 1.
pub fn pixel_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| r.is_finite() && *r > 0.0)
        .unwrap_or(1.0)
        .min(4.0)
}

/// The CSS height a chart of this kind wants at `width`.
pub fn css_height(kind: &ChartKind, width: f64) -> f64 {
    match kind {
        ChartKind::HorizontalBars { categories, .. } => 70.0 + 22.0 * categories.len() as f64,
        _ => (width * 0.55).clamp(260.0, 400.0),
    }
}

/// Sizes the canvas's backing store for its CSS width and the pixel ratio; returns the ratio
/// and the CSS size.
pub fn size_canvas(canvas: &HtmlCanvasElement, kind: &ChartKind) -> (f64, f64, f64) {
    let ratio = pixel_ratio();
    let width = f64::from(canvas.client_width().max(280));
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
    let scale = if presenting() { 1.35 } else { 1.0 };
    (ratio * scale, width / scale, height)
}

/// Whether the page is in presentation mode.
fn presenting() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .is_some_and(|b| b.class_list().contains("present"))
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Draws a chart spec on the canvas.
pub fn draw(canvas: &HtmlCanvasElement, spec: &ChartSpec) -> Result<(), String> {
    let (ratio, css_width, _) = size_canvas(canvas, &spec.kind);
    render(canvas, spec, ratio, css_width, false)
}

/// Draws the chart as an image at `scale` times its on-screen CSS size, with its title and a
/// source line, on a canvas of its own (not in the page) ready to be saved as an image.
pub fn for_image(
    on_screen: &HtmlCanvasElement,
    spec: &ChartSpec,
    scale: f64,
) -> Result<HtmlCanvasElement, String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(|_| "cannot make a canvas")?
        .dyn_into()
        .map_err(|_| "cannot make a canvas")?;
    let width = f64::from(on_screen.client_width().max(280));
    let height = css_height(&spec.kind, width) + 70.0;
    canvas.set_width((width * scale).round() as u32);
    canvas.set_height((height * scale).round() as u32);
    render(&canvas, spec, scale, width, true)?;
    Ok(canvas)
}

/// Draws a chart spec at a pixel ratio; `titled` adds the title above and a source line below
/// (for exported images, which leave the page's own title behind).
fn render(
    canvas: &HtmlCanvasElement,
    spec: &ChartSpec,
    ratio: f64,
    css_width: f64,
    titled: bool,
) -> Result<(), String> {
    let backend = FastCanvas::new(canvas).ok_or("this browser gave no 2D canvas to draw on")?;
    let whole = backend.into_drawing_area();
    whole.fill(&WHITE).map_err(err)?;
    let root = if titled {
        let (w, h) = whole.dim_in_pixel();
        whole
            .draw_text(
                "GP Funding Explorer · NHS Payments to General Practice 2022/23 · Open Government Licence v3.0",
                &("sans-serif", 11.0 * ratio)
                    .into_font()
                    .color(&GREY)
                    .pos(Pos::new(HPos::Left, VPos::Bottom)),
                ((10.0 * ratio) as i32, h as i32 - (6.0 * ratio) as i32),
            )
            .map_err(err)?;
        let inner = whole.margin(0, (24.0 * ratio) as u32, 0, 0);
        let _ = w;
        inner
            .titled(
                &spec.title,
                ("sans-serif", 16.0 * ratio).into_font().color(&INK),
            )
            .map_err(err)?
    } else {
        whole
    };
    let px = |v: f64| (v * ratio).round() as i32;
    let font = |size: f64| ("sans-serif", size * ratio).into_font().color(&INK);
    match &spec.kind {
        ChartKind::Bars { categories, series } => {
            draw_bars(&root, spec, categories, series, ratio, css_width)?
        }
        ChartKind::HorizontalBars { categories, values } => {
            draw_horizontal(&root, spec, categories, values, ratio, css_width)?
        }
        ChartKind::Histogram {
            edges,
            counts,
            band,
        } => {
            let lo = edges.first().copied().unwrap_or(0.0);
            let hi = edges.last().copied().unwrap_or(1.0).max(lo + 1e-9);
            let top = counts.iter().cloned().fold(1.0, f64::max) * 1.1;
            let mut chart = ChartBuilder::on(&root)
                .margin(px(12.0))
                .x_label_area_size(px(44.0))
                .y_label_area_size(px(56.0))
                .build_cartesian_2d(lo..hi, 0.0..top)
                .map_err(err)?;
            chart
                .configure_mesh()
                .disable_x_mesh()
                .x_desc(spec.x_label.as_str())
                .y_desc(spec.y_label.as_str())
                .x_labels(8)
                .y_labels(6)
                .x_label_formatter(&|v| format!("{v:.1}"))
                .y_label_formatter(&|v| format!("{v:.0}"))
                .label_style(font(12.0))
                .axis_desc_style(font(13.0))
                .light_line_style(TRANSPARENT)
                .draw()
                .map_err(err)?;
            chart
                .draw_series(counts.iter().zip(edges.windows(2)).map(|(c, edge)| {
                    let (from, to) = (edge[0], edge[1]);
                    let mid = (from + to) / 2.0;
                    let colour = match band {
                        Some((lo, hi)) if mid > *lo && mid < *hi => BLUE,
                        Some(_) => GREY,
                        None if mid > 0.1 => GAIN,
                        None if mid < -0.1 => LOSS,
                        None => GREY,
                    };
                    let mut bar = Rectangle::new([(from, 0.0), (to, *c)], colour.filled());
                    bar.set_margin(0, 0, 1, 1);
                    bar
                }))
                .map_err(err)?;
        }
        ChartKind::HolderFlow {
            holder,
            gp_money,
            direct,
            routed,
            to_practices,
            diverted,
            double_running,
            surplus_in,
            received,
        } => draw_flow(
            &root,
            holder,
            [
                *gp_money,
                *direct,
                *routed,
                *to_practices,
                *diverted,
                *double_running,
                *surplus_in,
                *received,
            ],
            ratio,
        )?,
        ChartKind::Lines { categories, series } => {
            draw_lines(&root, spec, categories, series, ratio)?
        }
        ChartKind::Scatter {
            points,
            highlight,
            y_max,
            ..
        } => {
            let x_max = points.iter().map(|p| p.0).fold(10.0, f64::max) * 1.02;
            let mut chart = ChartBuilder::on(&root)
                .margin(px(12.0))
                .x_label_area_size(px(44.0))
                .y_label_area_size(px(56.0))
                .build_cartesian_2d(0.0..x_max, 0.0..*y_max)
                .map_err(err)?;
            chart
                .configure_mesh()
                .x_desc(spec.x_label.as_str())
                .y_desc(spec.y_label.as_str())
                .x_labels(8)
                .y_labels(6)
                .x_label_formatter(&|v| format!("{v:.0}"))
                .y_label_formatter(&|v| format!("£{v:.0}"))
                .label_style(font(12.0))
                .axis_desc_style(font(13.0))
                .light_line_style(TRANSPARENT)
                .draw()
                .map_err(err)?;
            let dot = BLUE.mix(0.35).filled();
            let size = (2.0 * ratio).max(2.0) as i32;
            let area = chart.plotting_area();
            for &(x, y) in points.iter().filter(|p| p.1 <= *y_max) {
                let (cx, cy) = area.map_coordinate(&(x, y));
                root.draw(&Rectangle::new(
                    [
                        (cx - size / 2, cy - size / 2),
                        (cx + size / 2, cy + size / 2),
                    ],
                    dot,
                ))
                .map_err(err)?;
            }
            if let Some((x, y)) = highlight {
                let (cx, cy) = area.map_coordinate(&(*x, y.min(*y_max)));
                root.draw(&Circle::new((cx, cy), px(7.0), VERMILLION.filled()))
                    .map_err(err)?;
                root.draw(&Circle::new(
                    (cx, cy),
                    px(7.0),
                    ShapeStyle::from(&INK).stroke_width(px(1.5).max(1) as u32),
                ))
                .map_err(err)?;
            }
        }
    }
    root.present().map_err(err)
}

/// Grouped vertical bars with category labels and a legend.
fn draw_bars<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    categories: &[String],
    series: &[gpfe_core::series::Series],
    ratio: f64,
    css_width: f64,
) -> Result<(), String> {
    let px = |v: f64| (v * ratio).round() as i32;
    let font = |size: f64| ("sans-serif", size * ratio).into_font().color(&INK);
    let n = categories.len().max(1);
    let top = series
        .iter()
        .flat_map(|s| s.values.iter())
        .cloned()
        .fold(0.0, f64::max)
        .max(1e-9)
        * 1.15;
    // Category labels wrap at spaces to the width of their column (the plot is the width less
    // the y labels and margins), on as many lines as they need.
    let label_style = font(12.0).pos(Pos::new(HPos::Center, VPos::Top));
    let column = px((css_width - 80.0) / n as f64 * 0.95);
    let wrapped: Vec<Vec<String>> = categories
        .iter()
        .map(|c| {
            gpfe_core::format::wrap_words(c, |s| {
                root.estimate_text_size(s, &label_style)
                    .is_ok_and(|(w, _)| w as i32 <= column)
            })
        })
        .collect();
    let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).clamp(1, 4);
    let mut chart = ChartBuilder::on(root)
        .margin(px(12.0))
        .margin_top(px(30.0))
        .x_label_area_size(px(37.0 + 15.0 * lines as f64))
        .y_label_area_size(px(56.0))
        .build_cartesian_2d(0.0..n as f64, 0.0..top)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(6)
        .y_desc(spec.y_label.as_str())
        .y_label_formatter(&|v| {
            if spec.y_label.starts_with('£') {
                format!("£{v:.0}")
            } else {
                format!("{v:.0}")
            }
        })
        .label_style(font(12.0))
        .axis_desc_style(font(13.0))
        .light_line_style(TRANSPARENT)
        .draw()
        .map_err(err)?;
    let colours = [GREY, BLUE, VERMILLION];
    let k = series.len().max(1) as f64;
    let (gap, width) = (0.15, 0.7 / k);
    for (s, serie) in series.iter().enumerate() {
        let colour = if series.len() == 2 && spec.id == "winners-losers" {
            [BLUE, VERMILLION][s]
        } else {
            colours[s % colours.len()]
        };
        chart
            .draw_series(serie.values.iter().enumerate().map(|(i, v)| {
                let x0 = i as f64 + gap + width * s as f64;
                Rectangle::new([(x0, 0.0), (x0 + width * 0.95, *v)], colour.filled())
            }))
            .map_err(err)?;
    }
    // The legend sits in the top margin, clear of the bars.
    let mut x = px(60.0);
    for (s, serie) in series.iter().enumerate() {
        let colour = if series.len() == 2 && spec.id == "winners-losers" {
            [BLUE, VERMILLION][s]
        } else {
            colours[s % colours.len()]
        };
        root.draw(&Rectangle::new(
            [(x, px(9.0)), (x + px(12.0), px(21.0))],
            colour.filled(),
        ))
        .map_err(err)?;
        let style = font(12.0).pos(Pos::new(HPos::Left, VPos::Center));
        root.draw_text(&serie.name, &style, (x + px(17.0), px(15.0)))
            .map_err(err)?;
        let (w, _) = root
            .estimate_text_size(&serie.name, &style)
            .unwrap_or((px(80.0) as u32, 0));
        x += px(32.0) + w as i32;
    }
    // Category labels under each group, and the x axis description.
    let area = chart.plotting_area();
    for (i, label) in wrapped.iter().enumerate() {
        let (x, y) = area.map_coordinate(&(i as f64 + 0.5, 0.0));
        for (l, line) in label.iter().take(lines).enumerate() {
            root.draw_text(line, &label_style, (x, y + px(6.0 + 15.0 * l as f64)))
                .map_err(err)?;
        }
    }
    let (w, h) = root.dim_in_pixel();
    root.draw_text(
        &spec.x_label,
        &font(13.0).pos(Pos::new(HPos::Center, VPos::Bottom)),
        ((w / 2) as i32 + px(28.0), h as i32 - px(4.0)),
    )
    .map_err(err)?;
    Ok(())
}

/// Horizontal bars of signed values (gains right, losses left), categories top to bottom.
fn draw_horizontal<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    categories: &[String],
    values: &[f64],
    ratio: f64,
    css_width: f64,
) -> Result<(), String> {
    let px = |v: f64| (v * ratio).round() as i32;
    let font = |size: f64| ("sans-serif", size * ratio).into_font().color(&INK);
    let n = categories.len().max(1);
    let lo = values.iter().cloned().fold(0.0, f64::min);
    let hi = values.iter().cloned().fold(0.0, f64::max);
    let pad = ((hi - lo) * 0.08).max(0.05);
    let label_width = (css_width * 0.42).clamp(110.0, 280.0);
    let max_chars = (label_width / 6.6) as usize;
    let mut chart = ChartBuilder::on(root)
        .margin(px(12.0))
        .x_label_area_size(px(44.0))
        .y_label_area_size(px(label_width))
        .build_cartesian_2d((lo - pad)..(hi + pad), 0.0..n as f64)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(7)
        .x_desc(spec.x_label.as_str())
        .x_label_formatter(&|v| format!("{v:+.1}%"))
        .label_style(font(12.0))
        .axis_desc_style(font(13.0))
        .light_line_style(TRANSPARENT)
        .draw()
        .map_err(err)?;
    chart
        .draw_series(values.iter().enumerate().map(|(i, v)| {
            let y = (n - 1 - i) as f64;
            let colour = if *v > 0.0 { GAIN } else { LOSS };
            Rectangle::new([(0.0, y + 0.18), (*v, y + 0.82)], colour.filled())
        }))
        .map_err(err)?;
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![(0.0, 0.0), (0.0, n as f64)],
            ShapeStyle::from(&INK).stroke_width(px(1.0).max(1) as u32),
        )))
        .map_err(err)?;
    let area = chart.plotting_area();
    let style = font(12.0).pos(Pos::new(HPos::Right, VPos::Center));
    for (i, c) in categories.iter().enumerate() {
        let y = (n - 1 - i) as f64 + 0.5;
        let (x, y) = area.map_coordinate(&(lo - pad, y));
        let label = if c.chars().count() > max_chars {
            format!(
                "{}…",
                c.chars()
                    .take(max_chars.saturating_sub(1))
                    .collect::<String>()
            )
        } else {
            c.clone()
        };
        root.draw_text(&label, &style, (x - px(6.0), y))
            .map_err(err)?;
    }
    Ok(())
}

/// Lines over categories, one per series, with a legend in the top margin.
fn draw_lines<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    categories: &[String],
    series: &[gpfe_core::series::Series],
    ratio: f64,
) -> Result<(), String> {
    let px = |v: f64| (v * ratio).round() as i32;
    let font = |size: f64| ("sans-serif", size * ratio).into_font().color(&INK);
    let values = series.iter().flat_map(|s| s.values.iter()).cloned();
    let (lo, hi) = values.fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
    let (lo, hi) = if lo > hi { (0.0, 1.0) } else { (lo, hi) };
    let pad = ((hi - lo) * 0.1).max(1.0);
    let n = categories.len().max(1);
    let mut chart = ChartBuilder::on(root)
        .margin(px(12.0))
        .margin_top(px(50.0))
        .x_label_area_size(px(46.0))
        .y_label_area_size(px(56.0))
        .build_cartesian_2d(-0.3..(n as f64 - 0.7), (lo - pad).max(0.0)..(hi + pad))
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(n)
        .x_label_formatter(&|v| {
            let i = v.round();
            if (v - i).abs() < 0.01 && i >= 0.0 {
                categories.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .y_labels(6)
        .y_label_formatter(&|v| {
            if spec.y_label.starts_with('£') {
                format!("£{v:.0}")
            } else {
                format!("{v:.1}")
            }
        })
        .x_desc(spec.x_label.as_str())
        .y_desc(spec.y_label.as_str())
        .label_style(font(11.0))
        .axis_desc_style(font(13.0))
        .light_line_style(TRANSPARENT)
        .draw()
        .map_err(err)?;
    let colours = [
        BLUE,
        RGBColor(230, 159, 0),
        RGBColor(0, 158, 115),
        VERMILLION,
        RGBColor(204, 121, 167),
    ];
    for (s, serie) in series.iter().enumerate() {
        let colour = colours[s % colours.len()];
        let points: Vec<(f64, f64)> = serie
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| (i as f64, *v))
            .collect();
        chart
            .draw_series(LineSeries::new(
                points.clone(),
                ShapeStyle::from(&colour).stroke_width(px(2.0).max(1) as u32),
            ))
            .map_err(err)?;
        chart
            .draw_series(
                points
                    .iter()
                    .map(|p| Circle::new(*p, px(3.0), colour.filled())),
            )
            .map_err(err)?;
    }
    // Legend in two rows across the top margin.
    let (w, _) = root.dim_in_pixel();
    let mut x = px(60.0);
    let mut y = px(10.0);
    for (s, serie) in series.iter().enumerate() {
        let colour = colours[s % colours.len()];
        let style = font(11.0).pos(Pos::new(HPos::Left, VPos::Center));
        let (tw, _) = root
            .estimate_text_size(&serie.name, &style)
            .unwrap_or((px(80.0) as u32, 0));
        if x + px(30.0) + tw as i32 > w as i32 {
            x = px(60.0);
            y += px(18.0);
        }
        root.draw(&Rectangle::new(
            [(x, y), (x + px(12.0), y + px(10.0))],
            colour.filled(),
        ))
        .map_err(err)?;
        root.draw_text(&serie.name, &style, (x + px(17.0), y + px(5.0)))
            .map_err(err)?;
        x += px(30.0) + tw as i32;
    }
    Ok(())
}

/// The budget holder's flows: four columns (NHS England, commissioner, holder, practices) whose
/// blocks and bands are drawn to scale; the leaks leave downwards, the surplus comes in.
fn draw_flow<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    holder: &str,
    [gp_money, direct, routed, to_practices, diverted, double_running, surplus_in, received]: [f64;
        8],
    ratio: f64,
) -> Result<(), String> {
    let px = |v: f64| (v * ratio).round() as i32;
    let font = |size: f64| ("sans-serif", size * ratio).into_font().color(&INK);
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (w as f64, h as f64);
    // Drawn to scale: every block's height is its money times `scale`.
    let total = gp_money.max(1e-9);
    let top = 40.0 * ratio;
    let height = (h - top - 70.0 * ratio).max(40.0);
    let scale = height / (total + surplus_in).max(total);
    let col_w = 14.0 * ratio;
    let xs = [60.0 * ratio, w * 0.36, w * 0.62, w - 60.0 * ratio - col_w];
    let block = |x: f64, y0: f64, v: f64, colour: RGBColor| {
        root.draw(&Rectangle::new(
            [
                (x as i32, y0 as i32),
                ((x + col_w) as i32, (y0 + v * scale).max(y0 + 1.0) as i32),
            ],
            colour.filled(),
        ))
    };
    let band = |x0: f64, y0: f64, x1: f64, y1: f64, v: f64, colour: RGBColor| {
        let t = v * scale;
        root.draw(&Polygon::new(
            vec![
                ((x0 + col_w) as i32, y0 as i32),
                (x1 as i32, y1 as i32),
                (x1 as i32, (y1 + t) as i32),
                ((x0 + col_w) as i32, (y0 + t) as i32),
            ],
            colour.mix(0.35).filled(),
        ))
    };
    let grey = RGBColor(120, 120, 120);
    // Column 0: all GP money. Column 1: the commissioner pays directly or routes.
    block(xs[0], top, total, grey).map_err(err)?;
    band(xs[0], top, xs[1], top, total, BLUE).map_err(err)?;
    block(xs[1], top, direct, BLUE).map_err(err)?;
    block(xs[1], top + direct * scale, routed, RGBColor(230, 159, 0)).map_err(err)?;
    // Direct payments go straight to practices.
    band(xs[1], top, xs[3], top, direct, BLUE).map_err(err)?;
    // The holder: what passes on, what leaks.
    let hy = top + direct * scale;
    block(xs[2], hy, routed, RGBColor(230, 159, 0)).map_err(err)?;
    band(xs[1], hy, xs[2], hy, routed, RGBColor(230, 159, 0)).map_err(err)?;
    band(xs[2], hy, xs[3], hy, to_practices, BLUE).map_err(err)?;
    let leak_y = hy + to_practices * scale;
    block(xs[2], leak_y, diverted, LOSS).map_err(err)?;
    block(xs[2], leak_y + diverted * scale, double_running, GREY).map_err(err)?;
    // Practices: the direct band and the holder's band stacked, then the surplus coming in.
    let paid_on_top = top + (direct + to_practices) * scale;
    block(xs[3], top, direct + to_practices, BLUE).map_err(err)?;
    if surplus_in > 0.0 {
        block(xs[3], paid_on_top, surplus_in, GAIN).map_err(err)?;
    }
    let label = |text: &str, x: f64, y: f64, anchor: HPos| {
        root.draw_text(
            text,
            &font(11.0).pos(Pos::new(anchor, VPos::Top)),
            (x as i32, y as i32),
        )
    };
    let m = |v: f64| format!("£{v:.0}m");
    label("NHS England", xs[0], px(6.0) as f64, HPos::Left).map_err(err)?;
    label(&m(gp_money), xs[0], px(20.0) as f64, HPos::Left).map_err(err)?;
    label("Commissioner", xs[1], px(6.0) as f64, HPos::Left).map_err(err)?;
    label(
        &format!("direct {}", m(direct)),
        xs[1],
        px(20.0) as f64,
        HPos::Left,
    )
    .map_err(err)?;
    label(
        holder.split(" (").next().unwrap_or(holder),
        xs[2],
        px(6.0) as f64,
        HPos::Left,
    )
    .map_err(err)?;
    label(&m(routed), xs[2], px(20.0) as f64, HPos::Left).map_err(err)?;
    label("Practices", xs[3] + col_w, px(6.0) as f64, HPos::Right).map_err(err)?;
    label(&m(received), xs[3] + col_w, px(20.0) as f64, HPos::Right).map_err(err)?;
    let below = top + height + 8.0 * ratio;
    label(
        &format!("Diverted to hospitals {}", m(diverted)),
        xs[2],
        below,
        HPos::Left,
    )
    .map_err(err)?;
    label(
        &format!("Double running {}", m(double_running)),
        xs[2],
        below + 16.0 * ratio,
        HPos::Left,
    )
    .map_err(err)?;
    if surplus_in > 0.0 {
        label(
            &format!("Surplus passed on to practices {}", m(surplus_in)),
            xs[3] + col_w,
            below + 32.0 * ratio,
            HPos::Right,
        )
        .map_err(err)?;
    }
    Ok(())
}
