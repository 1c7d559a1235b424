//! The map: the 42 ICB areas coloured by change, practices as dots on demand, and a tooltip on
//! hover or tap. The table alternative lists every area.

use super::canvas::{self, FastCanvas};
use super::chart::{within, DataTable, Description, Settled};
use gpfe_core::data::file::LocalShapes;
use gpfe_core::data::Dataset;
use gpfe_core::geo::{shape_at, Projection, Shape};
use gpfe_core::model::Outcome;
use gpfe_core::series::{
    area_map, diverging_colour, diverging_label, map_edges, practice_dots, MapArea, MapDot,
    MapLevel, DIVERGING,
};
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::sync::Arc;

/// The CSS height of the map at a width.
fn map_height(width: f64) -> f64 {
    (width * 1.15).clamp(300.0, 640.0)
}

/// The map's downloads.
#[derive(Clone, Copy)]
enum Format {
    Png,
    Svg,
    Csv,
}

/// What the map shows, for drawing it.
struct MapView<'a> {
    shapes: &'a [Shape],
    areas: &'a [MapArea],
    edges: &'a [f64; 6],
    dots: Option<&'a [MapDot]>,
    highlight: Option<&'a str>,
}

/// Draws the map on the canvas at its CSS width; returns the projection used, for hit tests.
fn draw_map(canvas: &web_sys::HtmlCanvasElement, map: &MapView) -> Result<Projection, String> {
    let ratio = canvas::pixel_ratio();
    let width = f64::from(canvas.client_width().max(280));
    let height = map_height(width);
    canvas.set_width((width * ratio).round() as u32);
    canvas.set_height((height * ratio).round() as u32);
    let _ = web_sys::HtmlElement::style(canvas).set_property("height", &format!("{height}px"));
    let projection = Projection::fit(map.shapes, width, height);
    let backend = FastCanvas::new(canvas).ok_or("this browser gave no 2D canvas to draw on")?;
    let root = backend.into_drawing_area();
    root.fill(&canvas::paper()).map_err(|e| e.to_string())?;
    paint(&root, map, projection, ratio)?;
    root.present().map_err(|e| e.to_string())?;
    Ok(projection)
}

/// The map's title for an outcome at a level: said to be B against A when it is.
fn title(o: &Outcome, level: MapLevel) -> String {
    if o.pair.is_some() {
        format!("B against A: {}", level.title())
    } else {
        level.title().to_string()
    }
}

/// The outlines of the councils and constituencies: fetched when the map first shows them.
#[derive(Clone, PartialEq)]
enum Local {
    NotAsked,
    Loading,
    Ready(Arc<LocalShapes>),
    Failed(String),
}

/// The colour key's entries per row at a CSS width, and its rows.
fn legend_rows(width: f64) -> (usize, usize) {
    let per_row = (((width - 20.0) / 150.0).floor() as usize).clamp(1, DIVERGING.len());
    (per_row, DIVERGING.len().div_ceil(per_row))
}

/// The map as a saved image: the title, the map, its colour key, the scenario and the source,
/// on `whole` of `width` CSS pixels at `ratio`.
fn paint_image<DB: DrawingBackend>(
    whole: DrawingArea<DB, Shift>,
    map: &MapView,
    width: f64,
    title: &str,
    scenario: &str,
    ratio: f64,
) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    whole.fill(&canvas::paper()).map_err(err)?;
    let inner = canvas::frame(&whole, title, scenario, ratio)?;
    let height = map_height(width);
    let (map_area, key) = inner.split_vertically((height * ratio).round() as i32);
    paint(
        &map_area,
        map,
        Projection::fit(map.shapes, width, height),
        ratio,
    )?;
    let (per_row, _) = legend_rows(width);
    let px = |v: f64| (v * ratio).round() as i32;
    for (i, (r, g, b)) in DIVERGING.iter().enumerate() {
        let (x, y) = (
            px(10.0 + 150.0 * (i % per_row) as f64),
            px(6.0 + 20.0 * (i / per_row) as f64),
        );
        key.draw(&Rectangle::new(
            [(x, y), (x + px(12.0), y + px(12.0))],
            RGBColor(*r, *g, *b).filled(),
        ))
        .map_err(err)?;
        key.draw(&Rectangle::new(
            [(x, y), (x + px(12.0), y + px(12.0))],
            RGBColor(136, 136, 136),
        ))
        .map_err(err)?;
        key.draw_text(
            &diverging_label(i, map.edges),
            &(canvas::FONT, 12.0 * ratio)
                .into_font()
                .color(&canvas::ink())
                .pos(Pos::new(HPos::Left, VPos::Center)),
            (x + px(17.0), y + px(6.0)),
        )
        .map_err(err)?;
    }
    whole.present().map_err(err)
}

/// The height of the map as a saved image at a CSS width.
fn image_height(width: f64) -> f64 {
    let (_, rows) = legend_rows(width);
    map_height(width) + 12.0 + 20.0 * rows as f64 + canvas::FRAME_HEIGHT
}

/// Draws the areas (and the practices, if asked) on `root` through `projection`.
fn paint<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    map: &MapView,
    projection: Projection,
    ratio: f64,
) -> Result<(), String> {
    let to_px = |lon: f64, lat: f64| {
        let (x, y) = projection.to_screen(lon, lat);
        ((x * ratio).round() as i32, (y * ratio).round() as i32)
    };
    for shape in map.shapes {
        let value = map
            .areas
            .iter()
            .find(|a| a.map_code == shape.code)
            .map(|a| a.change_pct);
        let (r, g, b) = value.map_or((220, 220, 220), |v| diverging_colour(v, map.edges));
        for ring in &shape.rings {
            let points: Vec<(i32, i32)> = ring.iter().map(|&(lon, lat)| to_px(lon, lat)).collect();
            root.draw(&Polygon::new(points.clone(), RGBColor(r, g, b).filled()))
                .map_err(|e| e.to_string())?;
            let stroke = if map.highlight == Some(shape.code.as_str()) {
                canvas::ink().stroke_width((2.5 * ratio) as u32)
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
    if let Some(dots) = map.dots {
        let size = (1.5 * ratio).max(1.0) as i32;
        for dot in dots {
            let (x, y) = to_px(dot.lon, dot.lat);
            let (r, g, b) = diverging_colour(dot.change_pct, map.edges);
            root.draw(&Rectangle::new(
                [(x - size, y - size), (x + size, y + size)],
                RGBColor(r, g, b).filled(),
            ))
            .map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

#[component]
pub fn IcbMap(dataset: Arc<Dataset>, outcome: Memo<Arc<Outcome>>) -> impl IntoView {
    let icb_shapes = Arc::new(dataset.boundaries.clone());
    let level = RwSignal::new(MapLevel::Icb);
    let local = RwSignal::new(Local::NotAsked);
    let empty: Arc<Vec<Shape>> = Arc::new(Vec::new());
    // The outlines at the chosen level; none while a level's outlines are being fetched.
    let shapes = Memo::new(move |_| match (level.get(), local.get()) {
        (MapLevel::Icb, _) => icb_shapes.clone(),
        (MapLevel::Council, Local::Ready(l)) => Arc::new(l.councils.clone()),
        (MapLevel::Constituency, Local::Ready(l)) => Arc::new(l.constituencies.clone()),
        _ => empty.clone(),
    });
    let choose_level = move |chosen: MapLevel| {
        level.set(chosen);
        if chosen != MapLevel::Icb && local.get_untracked() == Local::NotAsked {
            local.set(Local::Loading);
            leptos::task::spawn_local(async move {
                local.set(match super::load::load_local_areas().await {
                    Ok(l) => Local::Ready(Arc::new(l)),
                    Err(e) => Local::Failed(e),
                });
            });
        }
    };
    let canvas = NodeRef::<Canvas>::new();
    let (show_practices, set_show_practices) = signal(false);
    let (as_table, set_as_table) = signal(false);
    let visible = within(canvas, "0px", false);
    let near = within(canvas, "150px 0px", true);
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
        let (areas, table) = area_map(level.get(), &d, &outcome.get());
        let edges = map_edges(&areas);
        (areas, table, edges)
    });
    let d = dataset.clone();
    let names = super::names::names();
    // The dots' tooltips name the practices: their names are fetched when the dots are shown.
    let dots = Memo::new(move |_| {
        // Hidden dots are never read: build none rather than one per practice on every move.
        if !show_practices.get() {
            return Vec::new();
        }
        practice_dots(&super::names::named(names, &d), &outcome.get())
    });

    let draw_now = Callback::new(move |()| {
        let Some(c) = canvas.get_untracked() else {
            return;
        };
        let draw_shapes = shapes.get_untracked();
        let (areas, _, edges) = values.get_untracked();
        let show_dots = show_practices.get_untracked();
        let highlight = hovered.get_untracked();
        let drawn = dots.with_untracked(|d| {
            super::canvas::timed("map", || {
                draw_map(
                    &c,
                    &MapView {
                        shapes: &draw_shapes,
                        areas: &areas,
                        edges: &edges,
                        dots: show_dots.then_some(d.as_slice()),
                        highlight: highlight.as_deref(),
                    },
                )
            })
        });
        match drawn {
            Ok(p) => {
                projection.set_value(Some(p));
                set_draw_error.set(None);
            }
            Err(e) => set_draw_error.set(Some(e)),
        }
    });
    // As for charts: draw at once on screen; off screen, once the results have been still for a
    // moment (the explorer's quiet moments), or at once where nothing marks them (an embed).
    let settled = use_context::<Settled>();
    let caught_up = StoredValue::new(None::<u32>);
    Effect::new(move |_| {
        resized.track();
        show_practices.track();
        hovered.track();
        shapes.track();
        if as_table.get() {
            return;
        }
        match settled {
            Some(Settled(settled)) if !visible.get() => {
                let now = settled.get();
                let before = caught_up.get_value();
                caught_up.set_value(Some(now));
                // The first quiet moment is the page's first: the map waits for it.
                if before.is_some_and(|b| b != now) || (before.is_none() && now > 0) {
                    draw_now.run(());
                }
            }
            _ => {
                values.track();
                draw_now.run(());
            }
        }
    });

    let probe = Callback::new(move |(x, y): (f64, f64)| {
        let hit_shapes = shapes.get_untracked();
        let Some(p) = projection.get_value() else {
            return;
        };
        if show_practices.get_untracked() {
            let nearest = dots.with_untracked(|d| {
                p.nearest(d.iter().map(|dot| (dot.lon, dot.lat)), (x, y), 6.0)
                    .and_then(|i| d.get(i))
                    .map(MapDot::tooltip)
            });
            if let Some(text) = nearest {
                set_tooltip.set(Some((x, y, text)));
                return;
            }
        }
        match shape_at(&hit_shapes, p.to_lon_lat(x, y)) {
            Some(shape) => {
                let text = values.with_untracked(|(areas, _, _)| {
                    areas
                        .iter()
                        .find(|a| a.map_code == shape.code)
                        .map_or_else(|| shape.name.clone(), MapArea::tooltip)
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
                        {diverging_label(i, &edges)}
                    </li>
                }
            })
            .collect_view()
    };
    let description = use_context::<Description>();
    let scenario = use_context::<RwSignal<gpfe_core::scenario::Scenario>>();
    let compared = use_context::<super::chart::ComparedName>();
    let save = Callback::new(move |format: Format| {
        let image_shapes = shapes.get_untracked();
        let query = scenario
            .map(|s| s.with_untracked(|s| s.to_query()))
            .unwrap_or_default();
        let name = compared
            .and_then(|super::chart::ComparedName(n)| n.get_untracked())
            .or_else(|| scenario.map(|s| s.with_untracked(super::scenario_name)))
            .unwrap_or_default();
        let said = description
            .map(|Description(d)| d.get_untracked())
            .unwrap_or_default();
        let file = |ext: &str| gpfe_core::export::file_name("map", &query, ext);
        let heading = outcome.with_untracked(|o| title(o, level.get_untracked()));
        let width = canvas
            .get_untracked()
            .map_or(600.0, |c| f64::from(c.client_width().max(280)));
        let (areas, table, edges) = values.get_untracked();
        let show_dots = show_practices.get_untracked();
        let result = dots.with_untracked(|d| {
            let map = MapView {
                shapes: &image_shapes,
                areas: &areas,
                edges: &edges,
                dots: show_dots.then_some(d.as_slice()),
                highlight: None,
            };
            match format {
                Format::Csv => {
                    super::download::save_csv(&gpfe_core::export::table_csv(&table), &file("csv"))
                }
                Format::Svg => {
                    canvas::svg_document(width, image_height(width), &heading, &said, |root| {
                        paint_image(root, &map, width, &heading, &name, 1.0)
                    })
                    .and_then(|svg| {
                        super::download::save_text(
                            &svg,
                            "image/svg+xml;charset=utf-8",
                            &file("svg"),
                        )
                    })
                }
                Format::Png => {
                    let scale = 2.0 * canvas::pixel_ratio();
                    canvas::blank(width * scale, image_height(width) * scale).and_then(|image| {
                        let backend = FastCanvas::new(&image)
                            .ok_or("this browser gave no 2D canvas to draw on")?;
                        paint_image(
                            backend.into_drawing_area(),
                            &map,
                            width,
                            &heading,
                            &name,
                            scale,
                        )?;
                        super::download::save_canvas_png(&image, &file("png"), &said, move |e| {
                            set_draw_error.set(Some(e))
                        })
                    })
                }
            }
        });
        set_draw_error.set(result.err());
    });
    view! {
        <figure class="chart card map" id="chart-map" aria-labelledby="chart-map-title">
            <div class="chart-head">
                <h3 class="chart-title" id="chart-map-title">
                    {move || outcome.with(|o| title(o, level.get()))}
                </h3>
                <div class="chart-actions">
                    <button
                        type="button"
                        class="link-button"
                        aria-pressed=move || as_table.get().to_string()
                        on:click=move |_| set_as_table.update(|t| *t = !*t)
                    >
                        {move || if as_table.get() { "Show as map" } else { "Show as table" }}
                    </button>
                    <button
                        type="button"
                        class="link-button download-png"
                        aria-label="Download the map as a PNG image"
                        on:click=move |_| save.run(Format::Png)
                    >
                        "PNG"
                    </button>
                    <button
                        type="button"
                        class="link-button download-svg"
                        aria-label="Download the map as an SVG image"
                        on:click=move |_| save.run(Format::Svg)
                    >
                        "SVG"
                    </button>
                    <button
                        type="button"
                        class="link-button download-csv"
                        aria-label="Download the map's table as CSV"
                        on:click=move |_| save.run(Format::Csv)
                    >
                        "CSV"
                    </button>
                </div>
            </div>
            <label class="map-level">
                "Areas: "
                <select
                    id="map-level"
                    on:change=move |ev| {
                        if let Some(l) = MapLevel::named(&event_target_value(&ev)) {
                            choose_level(l);
                        }
                    }
                >
                    {MapLevel::ALL
                        .iter()
                        .map(|l| view! { <option value=l.key() selected=*l == MapLevel::Icb>{l.label()}</option> })
                        .collect_view()}
                </select>
            </label>
            {move || match local.get() {
                Local::Loading if level.get() != MapLevel::Icb => {
                    Some(view! { <p class="status" role="status" id="map-loading">"Loading the outlines…"</p> }.into_any())
                }
                Local::Failed(e) if level.get() != MapLevel::Icb => {
                    Some(view! { <p class="error" role="alert">"The outlines could not be loaded: " {e}</p> }.into_any())
                }
                _ => None,
            }}
            {move || (level.get() != MapLevel::Icb).then(|| view! {
                <p class="where">"Councils and constituencies are where the surgeries are, not where their patients live; an area with no surgery is left blank."</p>
            })}
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
                    class:far=move || !near.get()
                    role="img"
                    aria-label=move || format!("Map of England's {} coloured by the change in their practices' total payments; the table gives the same numbers.", level.get().label().to_lowercase())
                    aria-describedby="chart-map-description"
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
            <p class="chart-description" id="chart-map-description">
                {move || description.map(|Description(d)| d.get()).unwrap_or_default()}
            </p>
            <Show when=move || as_table.get()>
                {move || {
                    let caption = match level.get() {
                        MapLevel::Icb => "Change in total payments by ICB",
                        MapLevel::Council => "Change in total payments by council (where the surgeries are)",
                        MapLevel::Constituency => "Change in total payments by constituency (where the surgeries are)",
                    };
                    view! { <DataTable table=table caption=caption.to_string() /> }
                }}
            </Show>
            <ul class="legend" aria-label="Colour key: change in total payments">{legend}</ul>
            <figcaption>
                {move || format!(
                    "Orange: areas whose practices lose; purple: areas whose practices gain. Boundaries: {}, simplified (ONS).",
                    match level.get() {
                        MapLevel::Icb => "ICBs, July 2022",
                        MapLevel::Council => "local authorities, May 2024",
                        MapLevel::Constituency => "Westminster constituencies, July 2024",
                    }
                )}
            </figcaption>
            <p class="error" role="alert">{draw_error}</p>
        </figure>
    }
}
