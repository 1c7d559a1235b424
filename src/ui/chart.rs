//! A chart card: the question as its title, the canvas, a one-sentence summary, and the same
//! numbers as a table on demand. The canvas is redrawn only while it is on screen (and when it
//! comes back into view), so a slider move repaints just what can be seen.

use super::canvas;
use gpfe_core::link::EmbedTheme;
use gpfe_core::series::{ChartId, ChartSpec, Table};
use leptos::html::Canvas;
use leptos::prelude::*;
use leptos_use_intersection_observer::{
    use_intersection_observer_with_options, UseIntersectionObserverOptions,
};
use leptos_use_resize_observer::use_resize_observer;
use leptos_use_timeout_fn::{use_timeout_fn, UseTimeoutFnReturn};
use wasm_bindgen::JsCast;

/// Whether any of `node` is within `margin` of the viewport (an intersection observer's root
/// margin, such as "150px 0px"), `initially` until the observer first reports, kept for as long
/// as the component lives.
///
/// Each chart keeps two: whether it is on screen (margin 0), for only what is on screen is
/// redrawn as a slider moves (a chart just below the fold catches up once the page is still,
/// [`Settled`], or at once when scrolled into view); and whether it is near (150 px), for a
/// drawn chart well off screen is hidden (class `far`) and shown again before it scrolls into
/// view. It keeps its drawing (ready for a scroll, a print or a screenshot), but where the
/// browser draws canvases without a GPU it copies every drawn canvas near the viewport into
/// every frame, changed or not: at 1920×1080 with a pixel ratio of 2 the six drawn charts below
/// the fold cost 4 ms a frame while a slider was dragged. A hidden canvas is not copied.
pub fn within<E>(node: NodeRef<E>, margin: &str, initially: bool) -> ReadSignal<bool>
where
    E: leptos::html::ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let (near, set_near) = signal(initially);
    let target = Signal::derive(move || {
        node.get()
            .map(|element| element.unchecked_into::<web_sys::Element>())
    });
    use_intersection_observer_with_options(
        target,
        move |entries, _| {
            if let Some(entry) = entries.last() {
                set_near.set(entry.is_intersecting());
            }
        },
        UseIntersectionObserverOptions::default().root_margin(margin),
    );
    near
}

/// Keeps `width` at the canvas's CSS width as the browser last laid it out, for as long as the
/// component lives, and ticks `set_resized` when it differs from the width last drawn at. A
/// draw reads this instead of `clientWidth`: in the middle of an update that has just changed
/// text on the page, `clientWidth` makes the browser lay the page out there and then, once for
/// every chart drawn, and again when it paints.
pub fn track_width(
    canvas: NodeRef<Canvas>,
    width: StoredValue<Option<i32>>,
    drawn_at: StoredValue<Option<i32>>,
    set_resized: WriteSignal<u32>,
) {
    use_resize_observer(canvas, move |entries, _| {
        // Read as the observer reports, after layout: this `clientWidth` costs nothing.
        let Some(now) = entries
            .last()
            .and_then(|e| e.target().dyn_into::<web_sys::HtmlElement>().ok())
            .map(|c| c.client_width())
        else {
            return;
        };
        // Hidden (shown as a table), it has no width to draw at: keep the last one.
        if now <= 0 {
            return;
        }
        width.set_value(Some(now));
        if drawn_at.get_value().is_some_and(|at| at != now) {
            set_resized.update(|n| *n = n.wrapping_add(1));
        }
    });
}

/// The table alternative of a chart.
#[component]
pub fn DataTable(table: Signal<Table>, caption: String) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Table (scrolls sideways on narrow screens)">
            <table class="data-table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        {move || {
                            table
                                .get()
                                .headers
                                .into_iter()
                                .enumerate()
                                .map(|(i, h)| {
                                    let class = if i == 0 { "" } else { "num" };
                                    view! { <th scope="col" class=class>{h}</th> }
                                })
                                .collect_view()
                        }}
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        table
                            .get()
                            .rows
                            .into_iter()
                            .map(|row| {
                                let cells = row
                                    .into_iter()
                                    .enumerate()
                                    .map(|(i, cell)| {
                                        if i == 0 {
                                            view! { <th scope="row">{cell}</th> }.into_any()
                                        } else {
                                            view! { <td class="num">{cell}</td> }.into_any()
                                        }
                                    })
                                    .collect_view();
                                view! { <tr>{cells}</tr> }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}

/// Ticks once the scenario and the selection have been still for a moment: the cue for charts
/// off screen to catch up. Provided by the explorer.
#[derive(Clone, Copy)]
pub struct Settled(pub ReadSignal<u32>);

/// Set once a chart has first been drawn: the cue for the explorer to build the rest of the
/// page (see `rest_of_page`). Provided by the explorer.
#[derive(Clone, Copy)]
pub struct FirstDrawn(pub RwSignal<bool>);

/// What the scenario does in one sentence (see `gpfe_core::headline::result_sentence`): every
/// scenario chart's description. Provided by the explorer and by an embed.
#[derive(Clone, Copy)]
pub struct Description(pub Signal<String>);

/// What the charts show, named, when they show one scenario against another ("B (…) against A
/// (…)"); `None` when they show the scenario against 2022/23. Provided by the explorer.
#[derive(Clone, Copy)]
pub struct ComparedName(pub Signal<Option<String>>);

/// The data the charts rest on, as a citation names it (see `gpfe_core::link::data_version`).
/// Provided by the explorer and by an embed.
#[derive(Clone)]
pub struct DataVersion(pub String);

/// The data's short name that shared links carry (`data=`; see `gpfe_core::link::data_id`).
/// Provided by the explorer and by an embed.
#[derive(Clone)]
pub struct DataId(pub String);

/// Today's date as YYYY-MM-DD, in the reader's time zone.
fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// The explorer's address showing this view and scrolled to chart `id`.
fn chart_link(id: ChartId, data_id: &str) -> String {
    let location = web_sys::window().map(|w| w.location());
    let part = |f: fn(&web_sys::Location) -> Result<String, wasm_bindgen::JsValue>| {
        location
            .as_ref()
            .and_then(|l| f(l).ok())
            .unwrap_or_default()
    };
    let view = gpfe_core::link::without_embed(&super::url::current_query());
    let query = format!("?{}", gpfe_core::link::with_data(&view, data_id));
    format!(
        "{}{}{query}#chart-{id}",
        part(web_sys::Location::origin),
        part(web_sys::Location::pathname)
    )
}

/// Whether a chart shows the scenario's results (the history's charts show the past alone, and
/// are described by their own summary).
fn shows_the_scenario(id: ChartId) -> bool {
    !matches!(
        id,
        ChartId::HistoryPerRegistered
            | ChartId::HistoryPerWeighted
            | ChartId::HistoryLists
            | ChartId::HistoryGpAtHand
            | ChartId::Area
    )
}

/// How long the page must be still before charts off screen catch up, in milliseconds.
pub const SETTLE_MS: f64 = 400.0;

#[component]
pub fn ChartCard(spec: Memo<ChartSpec>) -> impl IntoView {
    let id = spec.with_untracked(|s| s.id);
    let canvas = NodeRef::<Canvas>::new();
    let visible = within(canvas, "0px", false);
    let near = within(canvas, "150px 0px", true);
    let (as_table, set_as_table) = signal(false);
    let (embed_open, set_embed_open) = signal(false);
    let (cite_open, set_cite_open) = signal(false);
    let (copy_status, set_copy_status) = signal(String::new());
    let (embed_theme, set_embed_theme) = signal(EmbedTheme::Light);
    let data_id = use_context::<DataId>().map(|d| d.0).unwrap_or_default();
    let share_data_id = StoredValue::new(data_id.clone());
    let snippet_data_id = StoredValue::new(data_id.clone());
    let data_version = use_context::<DataVersion>()
        .map(|DataVersion(v)| v)
        .unwrap_or_default();
    let (resized, set_resized) = signal(0_u32);
    let (draw_error, set_draw_error) = signal(None::<String>);
    // The canvas's CSS width as last laid out, and the width it was last drawn at.
    let css_width = StoredValue::new(None::<i32>);
    let drawn_at = StoredValue::new(None::<i32>);
    track_width(canvas, css_width, drawn_at, set_resized);
    // A window resize can change the pixel ratio with no change of width (a zoom), which the
    // resize observer does not report. It is redrawn at once, before the observer has seen the
    // new layout: forget the width kept, so that this one draw measures it (not the hot path),
    // and the observer's report then matches it instead of asking for a second draw.
    let on_resize = window_event_listener(leptos::ev::resize, move |_| {
        css_width.set_value(None);
        set_resized.update(|n| *n = n.wrapping_add(1))
    });
    on_cleanup(move || on_resize.remove());

    // On screen (or shown as a table): compute and draw at once. Off screen: neither, until the
    // page has been still for a moment ([`Settled`]), so that dragging a slider prepares and
    // repaints only what can be seen, yet every chart is ready for a scroll, a print or a
    // screenshot. Reading `spec` is what computes it, so only `refresh` and the text parts read
    // it, untracked, and the text follows `refreshed`.
    let settled = use_context::<Settled>();
    let glossary_here = use_context::<super::glossary::OnPage>().is_some();
    let first_drawn = use_context::<FirstDrawn>();
    let (refreshed, set_refreshed) = signal(0_u32);
    // The quiet moment this chart last caught up with; `None` until it has been drawn once.
    let caught_up = StoredValue::new(None::<u32>);
    let tick = move || settled.map(|Settled(s)| s.get_untracked());
    let refresh = move || {
        if !as_table.get_untracked() {
            if let Some(c) = canvas.get_untracked() {
                // Before the observer's first report, the one read that lays the page out.
                let width = css_width.get_value().unwrap_or_else(|| c.client_width());
                drawn_at.set_value(Some(width));
                let result = spec.with_untracked(|s| {
                    canvas::timed(s.id.as_str(), || canvas::draw(&c, s, width))
                });
                if result.is_ok() {
                    spec.with_untracked(|s| super::first_view::keep_svg(s, width));
                }
                if let Some(FirstDrawn(drawn)) = first_drawn.filter(|_| result.is_ok()) {
                    if !drawn.get_untracked() {
                        drawn.set(true);
                    }
                }
                set_draw_error.set(result.err());
            }
        }
        set_refreshed.update(|n| *n = n.wrapping_add(1));
    };
    // Catching up later: a new start replaces a pending one, and it is stopped with the card.
    let UseTimeoutFnReturn {
        start: catch_up_later,
        stop: stay_put,
        ..
    } = use_timeout_fn(
        move |()| {
            caught_up.set_value(tick());
            refresh();
        },
        SETTLE_MS,
    );
    Effect::new(move |_| {
        resized.track();
        let table_shown = as_table.get();
        stay_put();
        if visible.get() || table_shown {
            spec.track();
            refresh();
            caught_up.set_value(tick());
        } else if let Some(Settled(settled)) = settled {
            // Catch up once per quiet moment, not when merely scrolled away. A chart made after
            // the page settled (the history's) has no moment to wait for: it waits as long.
            let now = settled.get();
            match caught_up.get_value() {
                Some(done) if done == now => {}
                Some(_) => {
                    caught_up.set_value(Some(now));
                    refresh();
                }
                None => catch_up_later(()),
            }
        } else {
            // Outside the explorer (an embedded chart) nothing else says when to catch up.
            spec.track();
            catch_up_later(());
        }
    });
    let read = move |f: fn(&ChartSpec) -> String| {
        refreshed.track();
        spec.with_untracked(f)
    };

    let scenario = use_context::<RwSignal<gpfe_core::scenario::Scenario>>();
    let query = move || {
        scenario
            .map(|s| s.with_untracked(|s| s.to_query()))
            .unwrap_or_default()
    };
    // `use_context` is read here, in the component, not later in a click handler.
    let compared = use_context::<ComparedName>();
    let scenario_name = move || {
        compared
            .and_then(|ComparedName(n)| n.get_untracked())
            .or_else(|| scenario.map(|s| s.with_untracked(super::scenario_name)))
            .unwrap_or_default()
    };
    let title = move || read(|s| s.title.clone());
    let summary = move || read(|s| s.summary.clone());
    let table = Signal::derive(move || {
        refreshed.track();
        spec.with_untracked(|s| s.table.clone())
    });
    let title_id = format!("chart-{id}-title");
    let description_id = format!("chart-{id}-description");
    let scenario_sentence = use_context::<Description>().filter(|_| shows_the_scenario(id));
    let description = move || match scenario_sentence {
        Some(Description(d)) => d.get(),
        None => read(|s| s.summary.clone()),
    };
    view! {
        <figure class="chart card" id=format!("chart-{id}") aria-labelledby=title_id.clone()>
            <div class="chart-head">
                <h3 class="chart-title" id=title_id.clone()>{move || super::glossary::title(title(), glossary_here)}</h3>
                <div class="chart-actions">
                    <button
                        type="button"
                        class="link-button"
                        aria-pressed=move || as_table.get().to_string()
                        on:click=move |_| set_as_table.update(|t| *t = !*t)
                    >
                        {move || if as_table.get() { "Show as chart" } else { "Show as table" }}
                    </button>
                    <button
                        type="button"
                        class="link-button download-png"
                        aria-label=move || read(|s| format!("Download the chart \"{}\" as a PNG image", s.title))
                        on:click=move |_| {
                            if let Some(c) = canvas.get_untracked() {
                                let result = spec.with_untracked(|s| {
                                    canvas::for_image(&c, s, &scenario_name(), 2.0 * canvas::pixel_ratio()).and_then(|image| {
                                        super::download::save_canvas_png(
                                            &image,
                                            &gpfe_core::export::file_name(s.id, &query(), "png"),
                                            &description(),
                                            move |e| set_draw_error.set(Some(e)),
                                        )
                                    })
                                });
                                set_draw_error.set(result.err());
                            }
                        }
                    >
                        "PNG"
                    </button>
                    <button
                        type="button"
                        class="link-button download-svg"
                        aria-label=move || read(|s| format!("Download the chart \"{}\" as an SVG image", s.title))
                        on:click=move |_| {
                            if let Some(c) = canvas.get_untracked() {
                                let result = spec.with_untracked(|s| {
                                    canvas::svg(&c, s, &scenario_name(), &description()).and_then(|svg| {
                                        super::download::save_text(
                                            &svg,
                                            "image/svg+xml;charset=utf-8",
                                            &gpfe_core::export::file_name(s.id, &query(), "svg"),
                                        )
                                    })
                                });
                                set_draw_error.set(result.err());
                            }
                        }
                    >
                        "SVG"
                    </button>
                    {super::download::can_copy_image().then(|| view! {
                        <button
                            type="button"
                            class="link-button copy-image"
                            aria-label=move || read(|s| format!("Copy the chart \"{}\" as an image", s.title))
                            on:click=move |_| {
                                if let Some(c) = canvas.get_untracked() {
                                    let image = spec.with_untracked(|s| {
                                        canvas::for_image(&c, s, &scenario_name(), 2.0 * canvas::pixel_ratio())
                                    });
                                    match image {
                                        Ok(image) => super::download::copy_canvas_png(&image, move |r| {
                                            set_copy_status.set(match r {
                                                Ok(()) => "Copied".to_string(),
                                                Err(e) => e,
                                            })
                                        }),
                                        Err(e) => set_draw_error.set(Some(e)),
                                    }
                                }
                            }
                        >
                            "Copy image"
                        </button>
                    })}
                    {super::download::can_share().then(|| view! {
                        <button
                            type="button"
                            class="link-button share-button"
                            on:click=move |_| {
                                let title = read(|s| s.title.clone());
                                super::download::share(&title, &description(), &chart_link(id, &share_data_id.get_value()));
                            }
                        >
                            "Share"
                        </button>
                    })}
                    <span class="status copy-status" role="status">{move || copy_status.get()}</span>
                    <button
                        type="button"
                        class="link-button embed-button"
                        aria-expanded=move || embed_open.get().to_string()
                        on:click=move |_| set_embed_open.update(|o| *o = !*o)
                    >
                        "Embed"
                    </button>
                    <button
                        type="button"
                        class="link-button cite-button"
                        aria-expanded=move || cite_open.get().to_string()
                        on:click=move |_| set_cite_open.update(|o| *o = !*o)
                    >
                        "Cite"
                    </button>
                    <button
                        type="button"
                        class="link-button download-csv"
                        aria-label=move || read(|s| format!("Download the table of \"{}\" as CSV", s.title))
                        on:click=move |_| {
                            let result = spec.with_untracked(|s| {
                                super::download::save_csv(
                                    &gpfe_core::export::table_csv(&s.table),
                                    &gpfe_core::export::file_name(s.id, &query(), "csv"),
                                )
                            });
                            set_draw_error.set(result.err());
                        }
                    >
                        "CSV"
                    </button>
                </div>
            </div>
            <Show when=move || embed_open.get()>
                <label class="embed-theme">
                    "Colours: "
                    <select on:change=move |ev| {
                        if let Some(t) = EmbedTheme::named(&event_target_value(&ev)) {
                            set_embed_theme.set(t);
                        }
                    }>
                        <option value="light">"Light"</option>
                        <option value="dark">"Dark"</option>
                        <option value="auto">"As the reader's system prefers"</option>
                    </select>
                </label>
                <label class="embed-snippet">
                    "Paste this into a web page to embed the chart:"
                    <textarea readonly rows="3">
                        {move || {
                            let d = description();
                            let title = read(|s| s.title.clone());
                            super::embed::snippet(id, embed_theme.get(), &title, &d, &snippet_data_id.get_value())
                        }}
                    </textarea>
                </label>
            </Show>
            <Show when=move || cite_open.get()>
                <div class="cite">
                    <label>
                        "Cite this chart:"
                        <textarea readonly rows="4">
                            {
                                let data = data_version.clone();
                                let data_id = data_id.clone();
                                move || {
                                    let title = read(|s| s.title.clone());
                                    gpfe_core::link::citation(
                                        &title,
                                        &scenario_name(),
                                        &chart_link(id, &data_id),
                                        &data,
                                        env!("CARGO_PKG_VERSION"),
                                        &today(),
                                    )
                                }
                            }
                        </textarea>
                    </label>
                    <p>
                        "Its figures, from the command line: "
                        <code>{move || gpfe_core::link::gpfe_command(&query())}</code>
                    </p>
                </div>
            </Show>
            <canvas
                node_ref=canvas
                class:hidden=move || as_table.get()
                class:far=move || !near.get()
                role="img"
                aria-label=move || read(|s| format!("{} {}", s.title, s.summary))
                aria-describedby=description_id.clone()
            ></canvas>
            <p class="chart-description" id=description_id.clone()>{description}</p>
            <Show when=move || as_table.get()>
                <DataTable table=table caption=title() />
            </Show>
            <figcaption>{summary}</figcaption>
            <p class="error" role="alert">{draw_error}</p>
        </figure>
    }
}
