//! A histogram, its bars marked inside a band or coloured by gain and loss.

use super::err;
use super::style;
use gpfe_core::series::ChartSpec;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Bars over `edges` (one more than `counts`); inside `band` marked, or without one coloured by
/// the sign of their middle.
pub fn draw_histogram<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    edges: &[f64],
    counts: &[f64],
    band: Option<(f64, f64)>,
    ratio: f64,
) -> Result<(), String> {
    let px = |v: f64| style::px(v, ratio);
    let font = |size: f64| style::font(size, ratio);
    let lo = edges.first().copied().unwrap_or(0.0);
    let hi = edges.last().copied().unwrap_or(1.0).max(lo + 1e-9);
    let top = counts.iter().cloned().fold(1.0, f64::max) * 1.1;
    let lines = style::description_lines(root, &spec.x_label, ratio);
    let mut chart = ChartBuilder::on(root)
        .margin(px(12.0))
        .x_label_area_size(px(style::x_label_area(&lines)))
        .y_label_area_size(px(56.0))
        .build_cartesian_2d(lo..hi, 0.0..top)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .y_desc(spec.y_label.as_str())
        .x_labels(8)
        .y_labels(6)
        .x_label_formatter(&|v| format!("{v:.1}"))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .label_style(font(12.0))
        .axis_desc_style(font(13.0))
        .light_line_style(TRANSPARENT)
        .bold_line_style(style::ink().mix(0.15))
        .axis_style(style::ink())
        .draw()
        .map_err(err)?;
    let (across, _) = chart.plotting_area().get_pixel_range();
    style::draw_description(root, across, &lines, ratio)?;
    chart
        .draw_series(counts.iter().zip(edges.windows(2)).map(|(c, edge)| {
            let (from, to) = (edge[0], edge[1]);
            let mid = (from + to) / 2.0;
            let colour = match band {
                Some((lo, hi)) if mid > lo && mid < hi => style::blue(),
                Some(_) => style::grey(),
                None if mid > 0.1 => style::gain(),
                None if mid < -0.1 => style::loss(),
                None => style::grey(),
            };
            let mut bar = Rectangle::new([(from, 0.0), (to, *c)], colour.filled());
            bar.set_margin(0, 0, 1, 1);
            bar
        }))
        .map_err(err)?;
    Ok(())
}
