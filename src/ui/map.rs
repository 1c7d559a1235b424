//! The map: the 42 ICB areas coloured by change, practices as dots on demand, and a tooltip on
//! hover or tap. The table alternative lists every area.

use super::canvas::{self, FastCanvas, INK};
use super::chart::{track_visibility, DataTable};
use gpfe_core::data::Dataset;
use gpfe_core::model::Outcome;
use gpfe_core::series::{diverging_colour, diverging_edges, icb_map, DIVERGING};
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use std::sync::Arc;

/// One area's outline, in longitude and latitude.
#[derive(Debug, Clone)]
pub struct Shape {
    pub code: String,
    pub name: String,
    /// Outer rings of its polygons.
    pub rings: Vec<Vec<(f64, f64)>>,
}

/// Reads the boundaries GeoJSON the dataset carries.
pub fn shapes(geojson: &str) -> Vec<Shape> {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(geojson) else {
        return Vec::new();
    };
    let features = value["features"].as_array().cloned().unwrap_or_default();
    features
        .iter()
        .map(|f| {
            let rings = f["geometry"]["coordinates"]
                .as_array()
                .map(|polygons| {
                    polygons
                        .iter()
                        .filter_map(|polygon| polygon.get(0))
                        .filter_map(|ring| ring.as_array())
                        .map(|ring| {
                            ring.iter()
                                .filter_map(|p| Some((p.get(0)?.as_f64()?, p.get(1)?.as_f64()?)))
                                .collect()
                        })
                        .collect()
                })
                .unwrap_or_default();
            Shape {
                code: f["properties"]["code"].as_str().unwrap_or("").to_string(),
                name: f["properties"]["name"].as_str().unwrap_or("").to_string(),
                rings,
            }
        })
        .collect()
}

/// Longitude is squeezed by the cosine of England's middle latitude so shapes look right.
const LON_SCALE: f64 = 0.6;

/// Maps longitude/latitude to CSS pixels in a box, keeping the aspect ratio.
#[derive(Debug, Clone, Copy)]
struct Projection {
    min_x: f64,
    max_y: f64,
    scale: f64,
    offset_x: f64,
    offset_y: f64,
}

impl Projection {
    fn fit(shapes: &[Shape], width: f64, height: f64) -> Projection {
        let points = shapes.iter().flat_map(|s| s.rings.iter().flatten());
        let (mut min_x, mut max_x, mut min_y, mut max_y) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for &(lon, lat) in points {
            min_x = min_x.min(lon * LON_SCALE);
            max_x = max_x.max(lon * LON_SCALE);
            min_y = min_y.min(lat);
            max_y = max_y.max(lat);
        }
        if min_x > max_x {
            (min_x, max_x, min_y, max_y) = (-6.0 * LON_SCALE, 2.0 * LON_SCALE, 50.0, 56.0);
        }
        let pad = 8.0;
        let scale =
            ((width - 2.0 * pad) / (max_x - min_x)).min((height - 2.0 * pad) / (max_y - min_y));
        Projection {
            min_x,
            max_y,
            scale,
            offset_x: pad + ((width - 2.0 * pad) - (max_x - min_x) * scale) / 2.0,
            offset_y: pad,
        }
    }

    fn to_screen(self, lon: f64, lat: f64) -> (f64, f64) {
        (
            self.offset_x + (lon * LON_SCALE - self.min_x) * self.scale,
            self.offset_y + (self.max_y - lat) * self.scale,
        )
    }

    fn to_lon_lat(self, x: f64, y: f64) -> (f64, f64) {
        (
            ((x - self.offset_x) / self.scale + self.min_x) / LON_SCALE,
            self.max_y - (y - self.offset_y) / self.scale,
        )
    }
}

/// Ray-casting point-in-polygon test.
fn inside(ring: &[(f64, f64)], (x, y): (f64, f64)) -> bool {
    let mut result = false;
    let mut j = ring.len().wrapping_sub(1);
    for i in 0..ring.len() {
        let (xi, yi) = ring[i];
        let (xj, yj) = ring[j];
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            result = !result;
        }
        j = i;
    }
    result
}

/// The CSS height of the map at a width.
fn map_height(width: f64) -> f64 {
    (width * 1.15).clamp(300.0, 640.0)
}

#[allow(clippy::too_many_arguments)]
fn draw_map(
    canvas: &web_sys::HtmlCanvasElement,
    shapes: &[Shape],
    values: &[(String, f64)],
    edges: &[f64; 6],
    dots: Option<&[(f64, f64, f64)]>,
    highlight: Option<&str>,
) -> Result<Projection, String> {
    let ratio = canvas::pixel_ratio();
    let width = f64::from(canvas.client_width().max(280));
    let height = map_height(width);
    canvas.set_width((width * ratio).round() as u32);
    canvas.set_height((height * ratio).round() as u32);
    let _ = web_sys::HtmlElement::style(canvas).set_property("height", &format!("{height}px"));
    let projection = Projection::fit(shapes, width, height);
    let backend = FastCanvas::new(canvas).ok_or("this browser gave no 2D canvas to draw on")?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let to_px = |lon: f64, lat: f64| {
        let (x, y) = projection.to_screen(lon, lat);
        ((x * ratio).round() as i32, (y * ratio).round() as i32)
    };
    for shape in shapes {
        let value = values
            .iter()
            .find(|(code, _)| *code == shape.code)
            .map(|(_, v)| *v);
        let (r, g, b) = value.map_or((220, 220, 220), |v| diverging_colour(v, edges));
        for ring in &shape.rings {
            let points: Vec<(i32, i32)> = ring.iter().map(|&(lon, lat)| to_px(lon, lat)).collect();
            root.draw(&Polygon::new(points.clone(), RGBColor(r, g, b).filled()))
                .map_err(|e| e.to_string())?;
            let stroke = if highlight == Some(shape.code.as_str()) {
                INK.stroke_width((2.5 * ratio) as u32)
            } else {
                RGBColor(120, 120, 120).stroke_width(ratio.max(1.0) as u32)
            };
            let mut outline = points;
            if let Some(first) = outline.first().copied() {
                outline.push(first);
            }
            root.draw(&PathElement::new(outline, stroke))
                .map_err(|e| e.to_string())?;
        }
    }
    if let Some(dots) = dots {
        let size = (1.5 * ratio).max(1.0) as i32;
        for &(lat, lon, change) in dots {
            let (x, y) = to_px(lon, lat);
            let (r, g, b) = diverging_colour(change, edges);
            root.draw(&Rectangle::new(
                [(x - size, y - size), (x + size, y + size)],
                RGBColor(r, g, b).filled(),
            ))
            .map_err(|e| e.to_string())?;
        }
    }
    root.present().map_err(|e| e.to_string())?;
    Ok(projection)
}

/// Formats a legend class's range.
fn legend_label(i: usize, edges: &[f64; 6]) -> String {
    match i {
        0 => format!("below {:+.1}%", edges[0]),
        6 => format!("{:+.1}% or more", edges[5]),
        3 => "within ±0.1%".to_string(),
        _ => format!("{:+.1}% to {:+.1}%", edges[i - 1], edges[i]),
    }
}

#[component]
pub fn IcbMap(dataset: Arc<Dataset>, outcome: Memo<Arc<Outcome>>) -> impl IntoView {
    let shapes = Arc::new(shapes(&dataset.boundaries_geojson));
    let canvas = NodeRef::<Canvas>::new();
    let (show_practices, set_show_practices) = signal(false);
    let (as_table, set_as_table) = signal(false);
    let (visible, set_visible) = signal(false);
    let (resized, set_resized) = signal(0_u32);
    let (tooltip, set_tooltip) = signal(None::<(f64, f64, String)>);
    let (hovered, set_hovered) = signal(None::<String>);
    let projection = StoredValue::new(None::<Projection>);
    let (draw_error, set_draw_error) = signal(None::<String>);
    let on_resize = window_event_listener(leptos::ev::resize, move |_| {
        set_resized.update(|n| *n = n.wrapping_add(1))
    });
    on_cleanup(move || on_resize.remove());

    let d = dataset.clone();
    let values = Memo::new(move |_| {
        let (areas, table) = icb_map(&d, &outcome.get());
        let max_abs = areas.iter().map(|a| a.change_pct.abs()).fold(0.0, f64::max);
        let values: Vec<(String, f64, String)> = areas
            .into_iter()
            .map(|a| (a.map_code, a.change_pct, a.name))
            .collect();
        (values, table, diverging_edges(max_abs))
    });
    let d = dataset.clone();
    let dots = Memo::new(move |_| {
        let o = outcome.get();
        d.practices
            .iter()
            .zip(&o.practices)
            .filter_map(|(p, r)| {
                p.location
                    .filter(|_| r.weighted_baseline > 0.0)
                    .map(|(lat, lon)| (lat, lon, r.change_pct(), p.name.clone()))
            })
            .collect::<Vec<_>>()
    });

    track_visibility(canvas, set_visible);

    let draw_shapes = shapes.clone();
    let draw_now = Callback::new(move |()| {
        let Some(c) = canvas.get_untracked() else {
            return;
        };
        let (values, _, edges) = values.get_untracked();
        let plain: Vec<(String, f64)> = values.iter().map(|(c, v, _)| (c.clone(), *v)).collect();
        let dot_list: Option<Vec<(f64, f64, f64)>> = show_practices
            .get_untracked()
            .then(|| dots.with_untracked(|d| d.iter().map(|(a, b, c, _)| (*a, *b, *c)).collect()));
        let highlight = hovered.get_untracked();
        match draw_map(
            &c,
            &draw_shapes,
            &plain,
            &edges,
            dot_list.as_deref(),
            highlight.as_deref(),
        ) {
            Ok(p) => {
                projection.set_value(Some(p));
                set_draw_error.set(None);
            }
            Err(e) => set_draw_error.set(Some(e)),
        }
    });
    // As for charts: draw at once on screen, after a quiet moment off screen.
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        resized.track();
        values.track();
        show_practices.track();
        hovered.track();
        if let Some(handle) = pending.get_value() {
            handle.clear();
            pending.set_value(None);
        }
        if as_table.get() {
            return;
        }
        if visible.get() {
            draw_now.run(());
        } else {
            pending.set_value(
                set_timeout_with_handle(
                    move || draw_now.run(()),
                    std::time::Duration::from_millis(400),
                )
                .ok(),
            );
        }
    });
    on_cleanup(move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
    });

    let hit_shapes = shapes.clone();
    let probe = Callback::new(move |(x, y): (f64, f64)| {
        let Some(p) = projection.get_value() else {
            return;
        };
        if show_practices.get_untracked() {
            let nearest = dots.with_untracked(|d| {
                d.iter()
                    .map(|(lat, lon, change, name)| {
                        let (sx, sy) = p.to_screen(*lon, *lat);
                        ((sx - x).powi(2) + (sy - y).powi(2), *change, name.clone())
                    })
                    .min_by(|a, b| a.0.total_cmp(&b.0))
            });
            if let Some((d2, change, name)) = nearest.filter(|n| n.0 < 36.0) {
                let _ = d2;
                set_tooltip.set(Some((x, y, format!("{name}: {change:+.2}%"))));
                return;
            }
        }
        let point = p.to_lon_lat(x, y);
        let hit = hit_shapes
            .iter()
            .find(|s| s.rings.iter().any(|r| inside(r, point)));
        match hit {
            Some(shape) => {
                let text = values.with_untracked(|(values, _, _)| {
                    values
                        .iter()
                        .find(|(c, _, _)| *c == shape.code)
                        .map(|(_, v, name)| format!("{name}: {v:+.2}%"))
                        .unwrap_or_else(|| shape.name.clone())
                });
                if hovered.get_untracked().as_deref() != Some(shape.code.as_str()) {
                    set_hovered.set(Some(shape.code.clone()));
                }
                set_tooltip.set(Some((x, y, text)));
            }
            None => {
                if hovered.get_untracked().is_some() {
                    set_hovered.set(None);
                }
                set_tooltip.set(None);
            }
        }
    });
    let on_move = move |ev: leptos::ev::MouseEvent| {
        probe.run((f64::from(ev.offset_x()), f64::from(ev.offset_y())))
    };

    let table = Signal::derive(move || values.with(|(_, t, _)| t.clone()));
    let legend = move || {
        let (_, _, edges) = values.get();
        DIVERGING
            .iter()
            .enumerate()
            .map(|(i, (r, g, b))| {
                view! {
                    <li>
                        <span
                            class="swatch"
                            style:background=format!("rgb({r},{g},{b})")
                            aria-hidden="true"
                        ></span>
                        {legend_label(i, &edges)}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <figure class="chart card map" id="chart-map" aria-labelledby="chart-map-title">
            <div class="chart-head">
                <h3 class="chart-title" id="chart-map-title">
                    "Where does the money move? Change in total payments by ICB area"
                </h3>
                <button
                    type="button"
                    class="link-button"
                    aria-pressed=move || as_table.get().to_string()
                    on:click=move |_| set_as_table.update(|t| *t = !*t)
                >
                    {move || if as_table.get() { "Show as map" } else { "Show as table" }}
                </button>
            </div>
            <label class="inline-check">
                <input
                    type="checkbox"
                    prop:checked=move || show_practices.get()
                    on:change=move |ev| set_show_practices.set(event_target_checked(&ev))
                />
                " Show practices as dots"
            </label>
            <div class="map-wrap" class:hidden=move || as_table.get()>
                <canvas
                    node_ref=canvas
                    role="img"
                    aria-label="Map of the 42 integrated care board areas of England coloured by the change in their practices' total payments; the table gives the same numbers."
                    on:mousemove=on_move
                    on:click=on_move
                    on:mouseleave=move |_| {
                        set_tooltip.set(None);
                        set_hovered.set(None);
                    }
                ></canvas>
                {move || {
                    tooltip
                        .get()
                        .map(|(x, y, text)| {
                            view! {
                                <div
                                    class="tooltip"
                                    role="status"
                                    style:left=format!("{}px", x + 12.0)
                                    style:top=format!("{}px", y + 12.0)
                                >
                                    {text}
                                </div>
                            }
                        })
                }}
            </div>
            <Show when=move || as_table.get()>
                <DataTable table=table caption="Change in total payments by ICB".to_string() />
            </Show>
            <ul class="legend" aria-label="Colour key: change in total payments">{legend}</ul>
            <figcaption>
                "Orange: areas whose practices lose; purple: areas whose practices gain. Boundaries: ICBs, July 2022, simplified."
            </figcaption>
            <p class="error" role="alert">{draw_error}</p>
        </figure>
    }
}
