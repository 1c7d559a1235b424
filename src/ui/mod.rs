//! The explorer: controls on one side, the results of the model for every practice on the other.
//! The scenario lives in a signal; one memo runs the model; each chart takes a memo of its own
//! prepared series (see `gpfe_core::series`) and only draws it.

mod about;
mod canvas;
mod chart;
mod compare;
mod controls;
mod curves;
mod download;
mod embed;
mod find;
mod first_view;
mod glossary;
mod levers;
pub mod load;
mod map;
pub mod names;
mod own_data;
mod receipt;
mod stories;
mod tour;
pub mod url;

use find::Target;
use gpfe_core::data::Dataset;
use gpfe_core::headline::headline;
use gpfe_core::model::{Model, Outcome};
use gpfe_core::scenario::Scenario;
use gpfe_core::series::{self, CHART_IDS};
use leptos::prelude::*;
use leptos_use_timeout_fn::{use_timeout_fn, UseTimeoutFnReturn};
use std::sync::Arc;
use url::Navigation;

/// The dataset as the page sees it.
#[derive(Clone)]
enum DatasetState {
    Loading,
    Ready(Arc<Dataset>),
    Failed(String),
}

/// Loads the dataset, then shows the explorer.
#[component]
pub fn App() -> impl IntoView {
    let (dataset, set_dataset) = signal(DatasetState::Loading);
    leptos::task::spawn_local(async move {
        set_dataset.set(match load::load_dataset().await {
            Ok(d) => DatasetState::Ready(Arc::new(d)),
            Err(e) => {
                // The first view would hide the message.
                first_view::leave();
                DatasetState::Failed(e)
            }
        });
    });
    view! {
        {move || match dataset.get() {
            DatasetState::Loading => {
                view! {
                    <Header />
                    <main class="content">
                        <p class="card" id="dataset-status" aria-live="polite">
                            "Loading the England dataset…"
                        </p>
                    </main>
                }
                    .into_any()
            }
            DatasetState::Failed(e) => {
                view! {
                    <Header />
                    <main class="content">
                        <p class="card error" id="dataset-status" role="alert">
                            "The England dataset could not be loaded: "
                            {e}
                        </p>
                    </main>
                }
                    .into_any()
            }
            DatasetState::Ready(d) => match embed::embedded_chart(&url::current_query()) {
                // Each view fetches the practices' names when it first shows one.
                Some(id) => view! { <embed::Embed dataset=d id=id /> }.into_any(),
                None => view! { <own_data::DataSource builtin=d /> }.into_any(),
            },
        }}
    }
}

#[component]
fn Header(#[prop(optional)] children: Option<Children>) -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="brand">
                <h1>"GP Funding Explorer"</h1>
                <p class="tagline">
                    "How English general practice is funded, and what a reform would change."
                </p>
            </div>
            {children.map(|c| c())}
        </header>
    }
}

pub(crate) use gpfe_core::headline::scenario_name;

/// Copies the page's link. Written against the Clipboard API directly rather than with
/// leptos-use's `use_clipboard`, because that one does not report a refusal, and on a refusal
/// the page shows the link to copy by hand.
fn copy_link(set_status: WriteSignal<String>, data_id: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let href = format!(
        "{}{}?{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        gpfe_core::link::with_data(&url::current_query(), data_id)
    );
    let promise = window.navigator().clipboard().write_text(&href);
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => set_status.set("Link copied.".to_string()),
            Err(_) => set_status.set(format!("Copy this link: {href}")),
        }
    });
}

/// Where the controls' open or closed state is kept between visits and re-renders.
/// `public/first-view.js` reads it too: the first view shows them closed.
const CONTROLS_OPEN_KEY: &str = "gpfe-controls-open";

/// Makes every chart draw itself again (charts redraw on a window resize), after a change
/// that alters how they look but not their data: the text size, the colour scheme.
pub(crate) fn redraw_charts() {
    if let Some(w) = web_sys::window() {
        if let Ok(event) = web_sys::Event::new("resize") {
            let _ = w.dispatch_event(&event);
        }
    }
}

pub(crate) fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// Whether the controls were left open (on a narrow screen they start closed, so that the
/// results come first).
fn controls_were_open() -> bool {
    local_storage()
        .and_then(|s| s.get_item(CONTROLS_OPEN_KEY).ok().flatten())
        .is_some_and(|v| v == "1")
}

fn remember_controls_open(open: bool) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(CONTROLS_OPEN_KEY, if open { "1" } else { "0" });
    }
}

/// Whether to build the rest of the page: the controls, the charts below the first, the sources,
/// the data's report and the glossary (most of the page's 2,300 elements), so that the headline
/// and the first chart show without waiting for them. True once the first chart has been drawn
/// (`drawn`) and the frame that shows it painted; where no chart is drawn at first (the first is
/// off screen, or shown as a table), once the page has been still for a moment (`settled`).
fn rest_of_page(drawn: RwSignal<bool>, settled: ReadSignal<u32>) -> ReadSignal<bool> {
    let (build, set_build) = signal(false);
    Effect::new(move |scheduled: Option<bool>| {
        if scheduled == Some(true) {
            return true;
        }
        let ready = drawn.get() || settled.get() > 0;
        if ready {
            // A frame's callback runs before the frame is painted, and a timer queued from it
            // after: so once the frame that shows the chart is on screen.
            request_animation_frame(move || {
                set_timeout(move || set_build.set(true), std::time::Duration::ZERO)
            });
        }
        ready
    });
    build
}

/// Runs `act` a moment after the page is built (which has the first chart alone; the rest
/// follows it, see `rest_of_page`), and again a moment after its first quiet moment (`settled`),
/// once the rest is built and the charts above have their heights: how a link to a chart or to a
/// tour step brings its chart into view. With no `settled`, only the first.
pub(crate) fn as_built_and_when_quiet(
    settled: Option<ReadSignal<u32>>,
    act: impl Fn() + Clone + 'static,
) {
    let runs = StoredValue::new(0_u8);
    Effect::new(move |_| {
        if let Some(settled) = settled {
            settled.track();
        }
        if runs.get_value() < 2 {
            runs.update_value(|n| *n += 1);
            let act = act.clone();
            set_timeout(act, std::time::Duration::from_millis(50));
        }
    });
}

/// Scrolls to the chart the link's fragment names (`#chart-deprivation`), if it is on the page.
/// The page is built after the dataset loads, so the browser's own jump to the fragment finds
/// nothing; this does it once the charts are there.
fn scroll_to_linked_chart() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let hash = window.location().hash().unwrap_or_default();
    let Some(id) = hash
        .strip_prefix('#')
        .filter(|h| h.starts_with("chart-") || h.starts_with("glossary-"))
    else {
        return;
    };
    if let Some(element) = window.document().and_then(|d| d.get_element_by_id(id)) {
        element.scroll_into_view();
    }
}

/// The page's link as the audience should open it: the current view without presentation mode.
fn audience_link(data_id: &str) -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    let query = url::current_query()
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("present="))
        .collect::<Vec<_>>()
        .join("&");
    format!(
        "{origin}{path}?{}",
        gpfe_core::link::with_data(&query, data_id)
    )
}

/// In presentation mode, a QR code of the view's link (drawn here, asking nothing of any other
/// site), so that the audience can open the same view on their phones.
fn view_qr(data_id: &str) -> impl IntoView {
    let link = audience_link(data_id);
    match gpfe_core::qr::qr_svg(&link, 200) {
        Some(svg) => {
            let src = format!(
                "data:image/svg+xml,{}",
                String::from(js_sys::encode_uri_component(&svg))
            );
            view! {
                <figure class="qr-card" id="view-qr">
                    <img src=src width="200" height="200" alt=format!("QR code of this view's link: {link}") />
                    <figcaption>"Open this view on your phone"</figcaption>
                </figure>
            }
            .into_any()
        }
        None => view! {
            <p class="qr-card" id="view-qr">"This view's link is too long for a QR code: use Copy link."</p>
        }
        .into_any(),
    }
}

/// The explorer for a loaded dataset.
#[component]
pub fn Explorer(dataset: Arc<Dataset>) -> impl IntoView {
    let model = Arc::new(Model::new(&dataset));
    let (initial, initial_practice, url_messages) =
        url::read_query(&url::current_query(), &dataset);
    let scenario = RwSignal::new(initial);
    // The scenario compared with (B), and whether the charts show B against A.
    let initial_compare = url::read_compare(&url::current_query());
    let against_a = RwSignal::new(initial_compare.is_some());
    let compare = RwSignal::new(initial_compare);
    let selected = RwSignal::new(initial_practice);
    let (initial_area, area_message) = url::read_area(&url::current_query(), &dataset);
    let area = RwSignal::new(initial_area);
    let (initial_tour, tour_message) = url::read_tour(&url::current_query());
    let tour = RwSignal::new(initial_tour);
    let (messages, set_messages) = signal(
        url_messages
            .into_iter()
            .chain(area_message)
            .chain(tour_message)
            .collect::<Vec<_>>(),
    );
    let nav = Navigation::new(scenario, compare, selected, area, tour, dataset.clone());
    provide_context(scenario);
    provide_context(find::PartsHow(gpfe_core::model::how_fitted(
        &model.inputs.parts.fit,
    )));
    let (copy_status, set_copy_status) = signal(String::new());
    // Presentation mode: large type, high contrast, only the tours beside the charts.
    let (present, set_present) = signal(gpfe_core::link::presenting(&url::current_query()));
    let (qr_shown, set_qr_shown) = signal(true);
    Effect::new(move |_| {
        if let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        {
            let _ = if present.get() {
                body.class_list().add_1("present")
            } else {
                body.class_list().remove_1("present")
            };
            // Charts redraw at the new text size.
            redraw_charts();
        }
    });

    let baseline = Arc::new(
        model
            .run(&Scenario::default())
            .unwrap_or_else(|_| Outcome::empty()),
    );
    let m = model.clone();
    let run = Memo::new(move |_| {
        scenario.with(|s| {
            canvas::timed("model run", || m.run(s))
                .map(Arc::new)
                .map_err(|e| e.to_string())
        })
    });
    // The last good outcome stays on screen when a setting cannot be run.
    let outcome = Memo::new(move |previous: Option<&Arc<Outcome>>| match run.get() {
        Ok(o) => o,
        Err(_) => previous.cloned().unwrap_or_else(|| baseline.clone()),
    });
    provide_context(outcome);
    provide_context(glossary::OnPage);
    let model_error = move || run.with(|r| r.as_ref().err().cloned());
    // B, and B against A, while comparing.
    let m = model.clone();
    let run_b = Memo::new(move |_| {
        compare.with(|b| {
            b.as_ref()
                .map(|b| m.run(b).map(Arc::new).map_err(|e| e.to_string()))
        })
    });
    let compare_error = move || run_b.with(|r| r.as_ref().and_then(|r| r.as_ref().err().cloned()));
    let pair = Memo::new(move |_| {
        let b = run_b.with(|r| r.as_ref().and_then(|r| r.as_ref().ok().cloned()))?;
        gpfe_core::model::compare(&outcome.get(), &b)
            .ok()
            .map(Arc::new)
    });
    // What the charts show: B against A when comparing and asked to, A against 2022/23
    // otherwise.
    let shown = Memo::new(move |_| match (against_a.get(), pair.get()) {
        (true, Some(p)) => p,
        _ => outcome.get(),
    });
    let comparing = Memo::new(move |_| shown.with(|o| o.pair.is_some()));
    let names = move || {
        (
            scenario.with(scenario_name),
            compare.with(|b| b.as_ref().map(scenario_name).unwrap_or_default()),
        )
    };
    let compare_sentence = Memo::new(move |_| {
        pair.get().map(|p| {
            let (a, b) = names();
            gpfe_core::headline::compare_sentence(&p, &a, &b)
        })
    });
    let sentence = Memo::new(move |_| {
        if comparing.get() {
            compare_sentence.get().unwrap_or_default()
        } else {
            gpfe_core::headline::result_sentence(&outcome.get())
        }
    });
    provide_context(chart::Description(sentence.into()));
    provide_context(chart::ComparedName(Signal::derive(move || {
        comparing.get().then(|| {
            let (a, b) = names();
            format!("B ({b}) against A ({a})")
        })
    })));
    provide_context(chart::DataVersion(gpfe_core::link::data_version(&dataset)));
    let data_id = gpfe_core::link::data_id(&dataset);
    provide_context(chart::DataId(data_id.clone()));
    let data_notice = gpfe_core::link::data_changed(&url::current_query(), &data_id);
    let qr_data_id = data_id.clone();
    let link_data_id = data_id.clone();

    let d = dataset.clone();
    let on_popstate = window_event_listener(leptos::ev::popstate, move |_| {
        let query = url::current_query();
        let (s, p, mut msgs) = url::read_query(&query, &d);
        let (a, area_message) = url::read_area(&query, &d);
        msgs.extend(area_message);
        let (t, tour_message) = url::read_tour(&query);
        msgs.extend(tour_message);
        tour.set(t);
        scenario.set(s);
        let b = url::read_compare(&query);
        if b.is_none() {
            against_a.set(false);
        }
        compare.set(b);
        selected.set(p);
        area.set(a);
        set_messages.set(msgs);
    });
    on_cleanup(move || on_popstate.remove());

    let names = names::names();
    let charts = CHART_IDS
        .iter()
        .map(|&id| {
            let d = dataset.clone();
            Memo::new(move |_| {
                let o = shown.get();
                // Only the scatter marks the selected practice; the others need not follow it.
                let s = if id == series::ChartId::FundingVsDeprivation {
                    selected.get()
                } else {
                    None
                };
                // The selected practice is labelled with its name once the names are here.
                let d = if s.is_some() {
                    names::named(names, &d)
                } else {
                    d.clone()
                };
                let spec =
                    series::chart(id, &d, &o, s).unwrap_or_else(|| series::winners_losers(&o));
                if o.pair.is_some() {
                    series::b_against_a(spec)
                } else {
                    spec
                }
            })
        })
        .collect::<Vec<_>>();
    // The cards of the charts in `range`, in the order of `CHART_IDS`.
    let chart_cards = move |range: std::ops::Range<usize>| {
        charts
            .get(range)
            .unwrap_or_default()
            .iter()
            .map(|&spec| view! { <chart::ChartCard spec=spec /> })
            .collect_view()
    };
    let later_chart_cards = chart_cards.clone();
    let map_dataset = dataset.clone();
    // Charts off screen catch up once the results have been still for a moment.
    let (settled, set_settled) = signal(0_u32);
    provide_context(chart::Settled(settled));
    let first_drawn = RwSignal::new(false);
    provide_context(chart::FirstDrawn(first_drawn));
    let build_the_rest = rest_of_page(first_drawn, settled);
    // The first view written into index.html lies over this page until the rest of it is built
    // and the charts on screen are drawn.
    Effect::new(move |_| {
        if build_the_rest.get() {
            first_view::leave_once_drawn();
        }
    });
    let UseTimeoutFnReturn {
        start: settle_later,
        ..
    } = use_timeout_fn(
        move |()| set_settled.update(|n| *n = n.wrapping_add(1)),
        chart::SETTLE_MS,
    );
    Effect::new(move |_| {
        shown.track();
        selected.track();
        settle_later(());
    });
    provide_context(curves::Curves::new(
        model.clone(),
        scenario,
        selected,
        outcome,
        settled,
    ));

    // How sure the headline is: a few more runs, once the controls have been still for a
    // moment, so that dragging a slider stays fast.
    let m = model.clone();
    // A quiet moment also follows a change of the selected practice alone; the outcome is then
    // the one already ranged, so the range shown is kept rather than run again.
    let ranged = StoredValue::new(None::<Arc<Outcome>>);
    let how_sure = Memo::new(move |previous: Option<&Option<String>>| {
        settled.track();
        let current = run.with_untracked(|r| r.as_ref().ok().cloned());
        if let (Some(previous), Some(now), Some(before)) = (previous, &current, ranged.get_value())
        {
            if Arc::ptr_eq(now, &before) {
                return previous.clone();
            }
        }
        ranged.set_value(current.clone());
        current.and_then(|o| {
            let text = scenario
                .with_untracked(|s| gpfe_core::sensitivity::headline_range(&m, s, &o).text());
            (!text.is_empty()).then_some(text)
        })
    });

    // A link to a chart opens at that chart: just after the page is built (which finds the first
    // chart alone; the rest follows it, see `rest_of_page`), and again at the first quiet
    // moment, once the rest is built and the charts above it have been drawn at their heights.
    as_built_and_when_quiet(Some(settled), scroll_to_linked_chart);

    // The controls: always beside the results on a wide screen; on a narrow one, behind a
    // button, so that the results come first.
    let (controls_open, set_controls_open) = signal(controls_were_open());

    let on_pick = Callback::new(move |target: Target| {
        match target {
            Target::Practice(i) => {
                selected.set(Some(i));
                area.set(None);
            }
            other => area.set(Some(other)),
        }
        nav.push();
    });
    let d = dataset.clone();
    let panel_model = model.clone();
    let practice_panel = move || {
        selected.get().map(|i| {
            view! {
                <find::PracticePanel
                    dataset=d.clone()
                    model=panel_model.clone()
                    outcome=outcome
                    index=i
                    on_close=Callback::new(move |_| {
                        selected.set(None);
                        nav.push();
                    })
                />
            }
        })
    };
    let d2 = dataset.clone();
    let area_panel = move || {
        area.get().map(|t| {
            view! {
                <find::AreaPanel
                    dataset=d2.clone()
                    outcome=outcome
                    target=t
                    on_close=Callback::new(move |_| {
                        area.set(None);
                        nav.push();
                    })
                />
            }
        })
    };

    view! {
        <Header>
            <div class="scenario-bar">
                <p class="scenario-name">
                    "Scenario: "
                    <strong id="scenario-name">{move || scenario.with(scenario_name)}</strong>
                </p>
                <button
                    type="button"
                    id="reset"
                    on:click=move |_| {
                        scenario.set(Scenario::default());
                        set_messages.set(Vec::new());
                        nav.push();
                    }
                >
                    "Reset"
                </button>
                <button type="button" id="copy-link" on:click=move |_| copy_link(set_copy_status, &link_data_id)>
                    "Copy link"
                </button>
                <button
                    type="button"
                    id="present"
                    aria-pressed=move || present.get().to_string()
                    on:click=move |_| set_present.update(|p| *p = !*p)
                >
                    {move || if present.get() { "Leave presentation" } else { "Present" }}
                </button>
                <button
                    type="button"
                    id="controls-toggle"
                    aria-controls="controls-drawer"
                    aria-expanded=move || controls_open.get().to_string()
                    on:click=move |_| {
                        let open = !controls_open.get_untracked();
                        set_controls_open.set(open);
                        remember_controls_open(open);
                    }
                >
                    {move || if controls_open.get() { "Hide the controls" } else { "Change the scenario" }}
                </button>
                <compare::ComparePick scenario=scenario compare=compare against_a=against_a nav=nav />
                <span class="status" role="status">{move || copy_status.get()}</span>
            </div>
            <compare::CompareBar scenario=scenario compare=compare against_a=against_a nav=nav />
        </Header>
        {move || (present.get() && qr_shown.get()).then(|| {
            // Recomputed once the view has settled (by then the address holds it).
            settled.track();
            selected.track();
            area.track();
            view! {
                <div class="qr-corner">
                    {view_qr(&qr_data_id)}
                    <button type="button" class="link-button" id="hide-qr" on:click=move |_| set_qr_shown.set(false)>
                        "Hide the code"
                    </button>
                </div>
            }
        })}
        <div class="messages">
            {data_notice.map(|text| view! {
                <div class="banner warning" role="alert" id="data-changed">{text}</div>
            })}
            {move || {
                let list = messages.get();
                (!list.is_empty())
                    .then(|| {
                        view! {
                            <div class="banner warning" role="alert" id="url-problems">
                                <p>"Some settings in the link could not be used and were left at their defaults:"</p>
                                <ul>{list.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                                <button type="button" class="link-button" on:click=move |_| set_messages.set(Vec::new())>
                                    "Dismiss"
                                </button>
                            </div>
                        }
                    })
            }}
            {move || {
                compare_error()
                    .map(|e| {
                        view! {
                            <div class="banner error" role="alert" id="compare-error">
                                "B cannot be run: " {e}
                                ". The charts show A against 2022/23."
                            </div>
                        }
                    })
            }}
            {move || {
                model_error()
                    .map(|e| {
                        view! {
                            <div class="banner error" role="alert" id="model-error">
                                "This setting cannot be run: " {e}
                                ". The results shown are from the last setting that could."
                            </div>
                        }
                    })
            }}
        </div>
        <div class="layout">
            <aside
                class="sidebar"
                id="controls-drawer"
                aria-label="Scenario controls"
                class:closed=move || !controls_open.get()
            >
                <tour::Tours scenario=scenario nav=nav />
                <Show when=move || build_the_rest.get()>
                    <controls::Controls scenario=scenario nav=nav />
                </Show>
            </aside>
            <main class="results" id="results">
                // The results first: what the scenario does and who gains and loses.
                <div class="lead">
                    <section class="card headline" id="headline" aria-live="polite">
                        {move || match compare_sentence.get() {
                            Some(text) => view! {
                                <h2>"B against A"</h2>
                                <p id="compare-headline">{text}</p>
                                <p class="compare-a-alone">
                                    <strong>"A against 2022/23: "</strong>
                                    {move || headline(&outcome.get())}
                                </p>
                            }
                            .into_any(),
                            None => view! {
                                <h2>"What this scenario does"</h2>
                                <p>{move || headline(&outcome.get())}</p>
                            }
                            .into_any(),
                        }}
                        <p class="how-sure" id="how-sure">{move || how_sure.get()}</p>
                        {move || {
                            scenario
                                .with(gpfe_core::headline::scenario_assumptions)
                                .map(|note| view! { <p class="assumptions" id="scenario-assumptions">"Assumption: " {note}</p> })
                        }}
                        <button
                            type="button"
                            id="download-practices"
                            class="link-button"
                            on:click={
                                let d = dataset.clone();
                                move |_| {
                                    // The file names every practice: it waits for the names.
                                    let (d, o) = (d.clone(), outcome.get_untracked());
                                    let name = gpfe_core::export::file_name(
                                        "practices",
                                        &scenario.with_untracked(|s| s.to_query()),
                                        "csv",
                                    );
                                    leptos::task::spawn_local(async move {
                                        let d = names::wait(names, d).await;
                                        let csv = gpfe_core::export::practices_csv(&d, &o);
                                        let _ = download::save_csv(&csv, &name);
                                    });
                                }
                            }
                        >
                            "Download every practice's results (CSV)"
                        </button>
                    </section>
                    {chart_cards(0..1)}
                </div>
                <find::Find dataset=dataset.clone() on_pick=on_pick />
                {practice_panel}
                {area_panel}
                <stories::DigitalFirstCard dataset=dataset.clone() model=model.clone() outcome=outcome />
                <stories::NetworksCard outcome=outcome />
                <stories::QofCard outcome=outcome />
                <stories::StoryChart outcome=outcome make=series::holder_flow />
                <stories::StoryChart outcome=outcome make=series::core_shift_chart />
                <stories::StoryChart outcome=outcome make=series::savings_chart />
                <stories::StoryChart outcome=outcome make=series::envelope_chart />
                <stories::StoryChart outcome=outcome make=series::transition_chart />
                <levers::LeversCard
                    dataset=dataset.clone()
                    model=model.clone()
                    scenario=scenario
                    outcome=outcome
                    selected=selected
                />
                <Show when=move || build_the_rest.get()>
                    <div class="charts">
                        {later_chart_cards(1..4)}
                        <map::IcbMap dataset=map_dataset.clone() outcome=shown />
                        {later_chart_cards(4..CHART_IDS.len())}
                    </div>
                </Show>
                <stories::HistorySection />
                <Show when=move || build_the_rest.get()>
                    <about::AboutData dataset=dataset.clone() model=model.clone() />
                    <glossary::Glossary />
                </Show>
            </main>
        </div>
        <footer class="site-footer">
            <p>
                "Contains public sector information licensed under the Open Government Licence v3.0. Contains OS data © Crown copyright and database right."
            </p>
        </footer>
    }
}
