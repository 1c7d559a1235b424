//! One point per practice, the selected practice marked.

use super::err;
use super::style;
use gpfe_core::series::ChartSpec;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Points below `y_max`, and `highlight` drawn over them.
pub fn draw_scatter<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    points: &[(f64, f64)],
    highlight: Option<(f64, f64)>,
    y_max: f64,
    ratio: f64,
) -> Result<(), String> {
    let px = |v: f64| style::px(v, ratio);
    let font = |size: f64| style::font(size, ratio);
    let x_max = points.iter().map(|p| p.0).fold(10.0, f64::max) * 1.02;
    let lines = style::description_lines(root, &spec.x_label, ratio);
    let mut chart = ChartBuilder::on(root)
        .margin(px(12.0))
        .x_label_area_size(px(style::x_label_area(&lines)))
        .y_label_area_size(px(56.0))
        .build_cartesian_2d(0.0..x_max, 0.0..y_max)
        .map_err(err)?;
    chart
        .configure_mesh()
        .y_desc(spec.y_label.as_str())
        .x_labels(8)
        .y_labels(6)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| format!("£{v:.0}"))
        .label_style(font(12.0))
        .axis_desc_style(font(13.0))
        .light_line_style(TRANSPARENT)
        .bold_line_style(style::ink().mix(0.15))
        .axis_style(style::ink())
        .draw()
        .map_err(err)?;
    let (across, _) = chart.plotting_area().get_pixel_range();
    style::draw_description(root, across, &lines, ratio)?;
    let dot = style::blue().mix(0.35).filled();
    let size = (2.0 * ratio).max(2.0) as i32;
    let area = chart.plotting_area();
    for &(x, y) in points.iter().filter(|p| p.1 <= y_max) {
        let (cx, cy) = style::on(root, area.map_coordinate(&(x, y)));
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
        let (cx, cy) = style::on(root, area.map_coordinate(&(x, y.min(y_max))));
        root.draw(&Circle::new(
            (cx, cy),
            px(7.0),
            style::vermillion().filled(),
        ))
        .map_err(err)?;
        root.draw(&Circle::new(
            (cx, cy),
            px(7.0),
            ShapeStyle::from(&style::ink()).stroke_width(px(1.5).max(1) as u32),
        ))
        .map_err(err)?;
    }
    Ok(())
}
