//! The worked example's bar chart, drawn with plotters on a canvas.
//!
//! The canvas's backing store is its CSS size times the device pixel ratio, so the chart stays
//! sharp on HiDPI screens; fonts and margins are scaled by the same ratio.

use crate::model::example::EXAMPLE_PRACTICES;
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// Okabe-Ito blue and vermillion: distinguishable with every common colour-vision deficiency.
const BAR_COLOURS: [RGBColor; 2] = [RGBColor(0, 114, 178), RGBColor(213, 94, 0)];

#[component]
pub fn ShareChart(shares: Memo<Result<Vec<i64>, String>>) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let (resized, set_resized) = signal(0_u32);
    let _ = window_event_listener(leptos::ev::resize, move |_| {
        set_resized.update(|n| *n = n.wrapping_add(1))
    });
    let (draw_error, set_draw_error) = signal(None::<String>);

    Effect::new(move |_| {
        resized.track();
        let shares = shares.get();
        if let (Some(canvas), Ok(shares)) = (canvas.get(), shares) {
            set_draw_error.set(draw(&canvas, &shares).err());
        }
    });

    view! {
        <figure class="chart" aria-labelledby="example-chart-title">
            <h3 class="chart-title" id="example-chart-title">
                "How much of the £100,000 pot does each practice get?"
            </h3>
            <canvas
                node_ref=canvas
                id="example-chart"
                role="img"
                aria-label="Bar chart of each practice's share of the pot in pounds; the table below gives the same numbers."
            ></canvas>
            <figcaption>"Bars: each practice's share of the pot, in £ thousand."</figcaption>
            <p class="error" role="alert">{draw_error}</p>
        </figure>
    }
}

fn draw(canvas: &HtmlCanvasElement, shares: &[i64]) -> Result<(), String> {
    let ratio = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| r.is_finite() && *r > 0.0)
        .unwrap_or(1.0);
    let css_width = f64::from(canvas.client_width().max(280));
    let css_height = (css_width * 0.55).clamp(260.0, 380.0);
    canvas.set_width((css_width * ratio).round() as u32);
    canvas.set_height((css_height * ratio).round() as u32);
    let _ = web_sys::HtmlElement::style(canvas).set_property("height", &format!("{css_height}px"));

    let px = |v: f64| (v * ratio).round() as i32;
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or("this browser gave no 2D canvas to draw on")?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;

    let pounds: Vec<f64> = shares.iter().map(|&p| p as f64 / 100_000.0).collect();
    let top = pounds.iter().cloned().fold(0.0, f64::max).max(1.0) * 1.15;
    let labels: Vec<&str> = EXAMPLE_PRACTICES.iter().map(|p| p.name).collect();

    let mut chart = ChartBuilder::on(&root)
        .margin(px(10.0))
        .x_label_area_size(px(40.0))
        .y_label_area_size(px(56.0))
        .build_cartesian_2d((0..labels.len() - 1).into_segmented(), 0.0..top)
        .map_err(|e| e.to_string())?;

    chart
        .configure_mesh()
        .disable_x_mesh()
        .y_labels(6)
        .light_line_style(RGBColor(240, 240, 240))
        .x_desc("Practice")
        .y_desc("Share of the pot (£ thousand)")
        .x_label_formatter(&|x| match x {
            SegmentValue::CenterOf(i) => labels
                .get(*i)
                .map(|l| l.split(" (").next().unwrap_or(l).to_string())
                .unwrap_or_default(),
            _ => String::new(),
        })
        .label_style(("sans-serif", px(12.0)))
        .axis_desc_style(("sans-serif", px(13.0)))
        .draw()
        .map_err(|e| e.to_string())?;

    chart
        .draw_series(pounds.iter().enumerate().map(|(i, &value)| {
            let colour = BAR_COLOURS[i % BAR_COLOURS.len()];
            let mut bar = Rectangle::new(
                [
                    (SegmentValue::Exact(i), 0.0),
                    (SegmentValue::Exact(i + 1), value),
                ],
                colour.filled(),
            );
            bar.set_margin(0, 0, px(30.0) as u32, px(30.0) as u32);
            bar
        }))
        .map_err(|e| e.to_string())?;

    root.present().map_err(|e| e.to_string())
}
