//! Bars: grouped vertical bars, and horizontal bars of signed values.

use super::err;
use super::style;
use gpfe_core::series::{ChartId, ChartSpec};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Grouped vertical bars with category labels and a legend.
pub fn draw_bars<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    categories: &[String],
    series: &[gpfe_core::series::Series],
    ratio: f64,
    css_width: f64,
) -> Result<(), String> {
    let px = |v: f64| style::px(v, ratio);
    let font = |size: f64| style::font(size, ratio);
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
            // Small ranges (a few £ million) need a decimal place to tell the ticks apart.
            let places = if top < 12.0 { 1 } else { 0 };
            if spec.y_label.starts_with('£') {
                format!("£{v:.places$}")
            } else {
                format!("{v:.places$}")
            }
        })
        .label_style(font(12.0))
        .axis_desc_style(font(13.0))
        .light_line_style(TRANSPARENT)
        .bold_line_style(style::ink().mix(0.15))
        .axis_style(style::ink())
        .draw()
        .map_err(err)?;
    let colours = [style::grey(), style::blue(), style::vermillion()];
    let k = series.len().max(1) as f64;
    let (gap, width) = (0.15, 0.7 / k);
    for (s, serie) in series.iter().enumerate() {
        let colour = if series.len() == 2 && spec.id == ChartId::WinnersLosers {
            [style::blue(), style::vermillion()][s]
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
        let colour = if series.len() == 2 && spec.id == ChartId::WinnersLosers {
            [style::blue(), style::vermillion()][s]
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
        let (x, y) = style::on(root, area.map_coordinate(&(i as f64 + 0.5, 0.0)));
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
pub fn draw_horizontal<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    categories: &[String],
    values: &[f64],
    ratio: f64,
    css_width: f64,
) -> Result<(), String> {
    let n = categories.len().max(1);
    let lo = values.iter().cloned().fold(0.0, f64::min);
    let hi = values.iter().cloned().fold(0.0, f64::max);
    let pad = ((hi - lo) * 0.08).max(0.05);
    let label_width = label_column(css_width);
    // Fewer value labels where the plot is narrow, so that they do not run into each other.
    let axis_labels = if css_width < 520.0 { 4 } else { 7 };
    let mut chart = horizontal_chart(
        root,
        spec,
        (lo - pad)..(hi + pad),
        n,
        (label_width, axis_labels),
        &|v| format!("{v:+.1}%"),
        ratio,
    )?;
    chart
        .draw_series(values.iter().enumerate().map(|(i, v)| {
            let y = (n - 1 - i) as f64;
            let colour = if *v > 0.0 {
                style::gain()
            } else {
                style::loss()
            };
            Rectangle::new([(0.0, y + 0.18), (*v, y + 0.82)], colour.filled())
        }))
        .map_err(err)?;
    zero_line_and_labels(
        root,
        &mut chart,
        categories.iter().map(String::as_str),
        n,
        lo - pad,
        label_width,
        ratio,
    )
}

/// The coordinates of horizontal rows: values across, rows up.
type Rows =
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>;

/// A chart of `n` horizontal rows over `x`, with its value axis below (`labels.1` labels shown
/// with `format`) and a label column `labels.0` wide on the left.
fn horizontal_chart<'a, DB: DrawingBackend>(
    root: &'a DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    x: std::ops::Range<f64>,
    n: usize,
    labels: (f64, usize),
    format: &dyn Fn(&f64) -> String,
    ratio: f64,
) -> Result<
    ChartContext<
        'a,
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    String,
> {
    let px = |v: f64| style::px(v, ratio);
    let font = |size: f64| style::font(size, ratio);
    let mut chart = ChartBuilder::on(root)
        .margin(px(12.0))
        .x_label_area_size(px(44.0))
        .y_label_area_size(px(labels.0))
        .build_cartesian_2d(x, 0.0..n as f64)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(labels.1)
        .x_label_formatter(format)
        .label_style(font(12.0))
        .light_line_style(TRANSPARENT)
        .bold_line_style(style::ink().mix(0.15))
        .axis_style(style::ink())
        .draw()
        .map_err(err)?;
    let (across, _) = chart.plotting_area().get_pixel_range();
    style::draw_description(root, across, std::slice::from_ref(&spec.x_label), ratio)?;
    Ok(chart)
}

/// The zero line of a chart of `n` horizontal rows (from [`horizontal_chart`]), and its row
/// labels from the top row down, right-aligned at `x_left`.
fn zero_line_and_labels<'a, 'b, DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &mut ChartContext<'a, DB, Rows>,
    labels: impl Iterator<Item = &'b str>,
    n: usize,
    x_left: f64,
    label_width: f64,
    ratio: f64,
) -> Result<(), String> {
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![(0.0, 0.0), (0.0, n as f64)],
            ShapeStyle::from(&style::ink()).stroke_width(style::px(1.0, ratio).max(1) as u32),
        )))
        .map_err(err)?;
    let area = chart.plotting_area();
    row_labels(
        root,
        labels,
        |i| area.map_coordinate(&(x_left, (n - 1 - i) as f64 + 0.5)),
        label_width,
        ratio,
    )
}

/// The width of the label column of horizontal bars at `css_width`.
fn label_column(css_width: f64) -> f64 {
    (css_width * 0.42).clamp(110.0, 280.0)
}

/// The width of `c` at 12 px, estimated without measuring: capitals and wide letters take
/// about 8.2 px, narrow ones 3.5, the rest 6.4. Measuring each label in the browser would cost
/// a call into the page per label per frame; this keeps drawing in Rust and errs wide.
fn char_width(c: char) -> f64 {
    match c {
        'M' | 'W' | 'm' | 'w' | '@' | '%' => 10.5,
        'i' | 'l' | 'j' | 't' | 'f' | 'I' | '.' | ',' | '\'' | ' ' | '(' | ')' | '-' | '|' => 3.8,
        c if c.is_uppercase() => 8.4,
        _ => 6.6,
    }
}

/// `text`, cut with an ellipsis where it would be wider than `width` CSS pixels at 12 px.
fn fit_label(text: &str, width: f64) -> String {
    let total: f64 = text.chars().map(char_width).sum();
    if total <= width {
        return text.to_string();
    }
    let mut used = char_width('…');
    let mut out = String::new();
    for c in text.chars() {
        used += char_width(c);
        if used > width {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// Labels to the left of horizontal rows, right-aligned at each row's point (`at(i)`, in the
/// backend's coordinates), cut with an ellipsis to fit a column `label_width` wide.
fn row_labels<'a, DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    labels: impl Iterator<Item = &'a str>,
    at: impl Fn(usize) -> (i32, i32),
    label_width: f64,
    ratio: f64,
) -> Result<(), String> {
    let text = style::font(12.0, ratio).pos(Pos::new(HPos::Right, VPos::Center));
    for (i, c) in labels.enumerate() {
        let (x, y) = style::on(root, at(i));
        let label = fit_label(c, label_width - 8.0);
        root.draw_text(&label, &text, (x - style::px(6.0, ratio), y))
            .map_err(err)?;
    }
    Ok(())
}

/// A horizontal waterfall: each step floats from where the steps above it ended (gains in the
/// gain colour, losses in the loss colour), and the last bar, from zero, is the total in ink.
pub fn draw_waterfall<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    steps: &[String],
    values: &[f64],
    total_label: &str,
    ratio: f64,
    css_width: f64,
) -> Result<(), String> {
    let px = |v: f64| style::px(v, ratio);
    let n = steps.len() + 1;
    let mut ends = Vec::with_capacity(values.len());
    let mut at = 0.0;
    for v in values {
        ends.push((at, at + v));
        at += v;
    }
    let total = at;
    let (lo, hi) = ends.iter().fold(
        (0.0_f64.min(total), 0.0_f64.max(total)),
        |(lo, hi), (a, b)| (lo.min(*a).min(*b), hi.max(*a).max(*b)),
    );
    let pad = ((hi - lo) * 0.08).max(0.05);
    let label_width = label_column(css_width);
    let axis_labels = if css_width < 520.0 { 3 } else { 6 };
    let mut chart = horizontal_chart(
        root,
        spec,
        (lo - pad)..(hi + pad),
        n,
        (label_width, axis_labels),
        &|v| {
            if hi - lo < 5.0 {
                format!("£{v:.1}m")
            } else {
                format!("£{v:.0}m")
            }
        },
        ratio,
    )?;
    let row = |i: usize| (n - 1 - i) as f64;
    chart
        .draw_series(ends.iter().enumerate().map(|(i, (a, b))| {
            let colour = if b >= a { style::gain() } else { style::loss() };
            Rectangle::new([(*a, row(i) + 0.2), (*b, row(i) + 0.8)], colour.filled())
        }))
        .map_err(err)?;
    // Thin connectors from each step's end to the next step's start.
    chart
        .draw_series(ends.iter().enumerate().skip(1).map(|(i, (a, _))| {
            PathElement::new(
                vec![(*a, row(i) + 0.8), (*a, row(i - 1) + 0.2)],
                ShapeStyle::from(&style::grey()).stroke_width(px(1.0).max(1) as u32),
            )
        }))
        .map_err(err)?;
    chart
        .draw_series(std::iter::once(Rectangle::new(
            [(0.0, row(n - 1) + 0.2), (total, row(n - 1) + 0.8)],
            style::ink().filled(),
        )))
        .map_err(err)?;
    zero_line_and_labels(
        root,
        &mut chart,
        steps
            .iter()
            .map(String::as_str)
            .chain(std::iter::once(total_label)),
        n,
        lo - pad,
        label_width,
        ratio,
    )
}
