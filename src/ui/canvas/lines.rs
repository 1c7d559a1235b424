//! Lines over categories (years), one per series.

use super::err;
use super::style;
use gpfe_core::series::ChartSpec;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Lines over categories, one per series, with a legend in the top margin.
pub fn draw_lines<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    categories: &[String],
    series: &[gpfe_core::series::Series],
    ratio: f64,
) -> Result<(), String> {
    let px = |v: f64| style::px(v, ratio);
    let font = |size: f64| style::font(size, ratio);
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
        .bold_line_style(style::ink().mix(0.15))
        .axis_style(style::ink())
        .draw()
        .map_err(err)?;
    let colours = [
        style::blue(),
        style::orange(),
        style::green(),
        style::vermillion(),
        style::purple(),
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
