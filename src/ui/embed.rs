//! Embed mode: `?embed=CHART` shows one chart alone, sized to its frame, with its caption, the
//! scenario in one line, the source and licence, and a link back to the full explorer.

use super::chart::ChartCard;
use super::map::IcbMap;
use super::url;
use gpfe_core::data::Dataset;
pub use gpfe_core::link::embedded_chart;
use gpfe_core::link::{
    back_link, embed_snippet, embed_theme, embeddable, EmbedTheme, HEIGHT_MESSAGE,
};
use gpfe_core::model::Model;
use gpfe_core::series::{self, ChartId};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The iframe snippet that embeds a chart of the current view, with the script that fits the
/// frame to the chart.
pub fn snippet(
    id: ChartId,
    theme: EmbedTheme,
    title: &str,
    description: &str,
    data_id: &str,
) -> String {
    let location = web_sys::window().map(|w| w.location());
    let origin = location
        .as_ref()
        .and_then(|l| l.origin().ok())
        .unwrap_or_default();
    let path = location
        .as_ref()
        .and_then(|l| l.pathname().ok())
        .unwrap_or_default();
    embed_snippet(
        &format!("{origin}{path}"),
        &origin,
        &gpfe_core::link::with_data(&url::current_query(), data_id),
        id.as_str(),
        theme,
        title,
        description,
    )
}

/// Whether the reader's system asks for dark colours.
fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Colours the embed as its link asks: the page's root element takes the theme's class (the
/// style sheet does the rest), and charts are drawn on a dark ground if the page is dark. With
/// `theme=auto` the charts follow the reader's system when it changes, without a reload.
fn apply_theme(theme: EmbedTheme) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.class_list().add_1(theme.class());
    }
    let dark = match theme {
        EmbedTheme::Light => false,
        EmbedTheme::Dark => true,
        EmbedTheme::Auto => prefers_dark(),
    };
    set_chart_theme(dark);
    if theme == EmbedTheme::Auto {
        let query = web_sys::window()
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten());
        if let Some(query) = query {
            let on_change = Closure::<dyn FnMut()>::new(move || {
                set_chart_theme(prefers_dark());
                super::redraw_charts();
            });
            let _ = query
                .add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
            // The embed is the whole page: the listener lives as long as it does.
            on_change.forget();
        }
    }
}

/// Draws charts on a dark or a light ground.
fn set_chart_theme(dark: bool) {
    super::canvas::set_theme(if dark {
        super::canvas::Theme::Dark
    } else {
        super::canvas::Theme::Light
    });
}

/// Tells the page around the embed how tall its content is, so that its script can fit the
/// frame: `{type: "gpfe-height", height}` in CSS pixels.
fn post_height() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(body) = window.document().and_then(|d| d.body()) else {
        return;
    };
    let height = body.get_bounding_client_rect().height().ceil();
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
    let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
    let _ = parent.post_message(&message, "*");
}

/// Posts the content's height now, whenever the content changes size (a chart drawn, a table
/// shown) and whenever the window is resized, for as long as the page lives.
fn keep_posting_height() {
    post_height();
    let on_change = Closure::<dyn FnMut()>::new(post_height);
    if let Ok(observer) = web_sys::ResizeObserver::new(on_change.as_ref().unchecked_ref()) {
        if let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        {
            observer.observe(&body);
        }
    }
    // The embed is the whole page: the observer lives as long as it does.
    on_change.forget();
    let on_resize = window_event_listener(leptos::ev::resize, move |_| post_height());
    on_cleanup(move || on_resize.remove());
}

#[component]
pub fn Embed(dataset: Arc<Dataset>, id: String) -> impl IntoView {
    provide_context(super::names::Names::new(dataset.clone()));
    let query = url::current_query();
    let (scenario, selected, problems) = url::read_query(&query, &dataset);
    let model = Model::new(&dataset);
    let mut name = super::scenario_name(&scenario);
    // The chart's downloads name the scenario, as in the explorer.
    provide_context(RwSignal::new(scenario.clone()));
    provide_context(super::chart::DataVersion(gpfe_core::link::data_version(
        &dataset,
    )));
    let data_id = gpfe_core::link::data_id(&dataset);
    let data_notice = gpfe_core::link::data_changed(&query, &data_id);
    provide_context(super::chart::DataId(data_id));
    let back = back_link(&query);
    let outcome = match model.run(&scenario) {
        Ok(o) => Arc::new(o),
        Err(e) => {
            return view! {
                <p class="error embed" role="alert">"This chart's settings cannot be run: " {e.to_string()}</p>
            }
            .into_any()
        }
    };
    // A link with B's keys under `b.` embeds B against A.
    let (outcome, sentence) = match url::read_compare(&query) {
        None => {
            let sentence = gpfe_core::headline::result_sentence(&outcome);
            (outcome, sentence)
        }
        Some(b) => {
            let compared = model
                .run(&b)
                .and_then(|b| gpfe_core::model::compare(&outcome, &b));
            match compared {
                Ok(c) => {
                    let b_name = super::scenario_name(&b);
                    let sentence = gpfe_core::headline::compare_sentence(&c, &name, &b_name);
                    name = format!("B ({b_name}) against A ({name})");
                    let shown = name.clone();
                    provide_context(super::chart::ComparedName(Signal::derive(move || {
                        Some(shown.clone())
                    })));
                    (Arc::new(c), sentence)
                }
                Err(e) => {
                    return view! {
                        <p class="error embed" role="alert">"B's settings cannot be run: " {e.to_string()}</p>
                    }
                    .into_any()
                }
            }
        }
    };
    apply_theme(embed_theme(&query));
    provide_context(super::chart::Description(Signal::derive(move || {
        sentence.clone()
    })));
    let outcome = Memo::new(move |_| outcome.clone());
    Effect::new(move |_| keep_posting_height());
    let chart = if id == "map" {
        view! { <IcbMap dataset=dataset.clone() outcome=outcome /> }.into_any()
    } else if id == "area" {
        match gpfe_core::link::read_area(&query, &dataset) {
            (Some(target), _) => {
                let d = dataset.clone();
                let names = super::names::names();
                let spec = Memo::new(move |_| {
                    let o = outcome.get();
                    let d = super::names::named(names, &d);
                    series::area_practices(&d, &o, target)
                        .unwrap_or_else(|| series::winners_losers(&o))
                });
                view! {
                    <ChartCard spec=spec />
                    <p class="embed-scenario">
                        {series::WHERE_SURGERIES_ARE}
                    </p>
                }
                .into_any()
            }
            (None, message) => view! {
                <p class="error" role="alert">
                    {message.unwrap_or_else(|| {
                        "'embed=area' needs the area's code: add area=CODE (a council's or constituency's ONS code, e.g. E14001518)".to_string()
                    })}
                </p>
            }
            .into_any(),
        }
    } else if let Some(chart_id) = id.parse::<ChartId>().ok().filter(|_| embeddable(&id)) {
        let d = dataset.clone();
        let spec = Memo::new(move |_| {
            let o = outcome.get();
            let spec = series::chart(chart_id, &d, &o, selected)
                .unwrap_or_else(|| series::winners_losers(&o));
            if o.pair.is_some() {
                series::b_against_a(spec)
            } else {
                spec
            }
        });
        view! { <ChartCard spec=spec /> }.into_any()
    } else {
        view! {
            <p class="error" role="alert">
                {format!(
                    "'embed' names no chart called '{id}'. Charts: map, {}.",
                    series::CHART_IDS
                        .iter()
                        .map(|c| c.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )}
            </p>
        }
        .into_any()
    };
    view! {
        <main class="embed">
            {chart}
            <p class="embed-scenario">"Scenario: " <strong>{name}</strong></p>
            {(!problems.is_empty()).then(|| view! { <p class="error">{problems.join("; ")}</p> })}
            {data_notice.map(|text| view! { <p class="error" id="data-changed">{text}</p> })}
            <p class="embed-source">
                "Source: NHS Payments to General Practice 2022/23 (NHS England), OGL v3.0. "
                <a href=back target="_blank" rel="noopener">"Open in GP Funding Explorer"</a>
            </p>
        </main>
    }
    .into_any()
}
