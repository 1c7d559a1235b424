//! The URL holds the view: the scenario's query string plus the selected practice, and the
//! scenario compared with (B) under `b.`. While a
//! slider is dragged the URL is replaced (at most every 300 ms: Safari refuses more than 100
//! replacements in 30 s); when a drag ends, or any other control changes, a history entry is
//! added so Back undoes it.

use gpfe_core::data::Dataset;
use gpfe_core::scenario::Scenario;
use leptos::prelude::*;
use leptos_use_timeout_fn::{use_timeout_fn, UseTimeoutFnReturn};
use std::sync::Arc;

pub use gpfe_core::find::Target;
pub use gpfe_core::link::{
    query_for, read_area, read_compare, read_query, read_tour, with_area, with_compare, with_tour,
};

/// The page's current query string, without the `?`.
pub fn current_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
        .trim_start_matches('?')
        .to_string()
}

fn write(query: &str, push: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(history) = window.history() else {
        return;
    };
    let path = window.location().pathname().unwrap_or_default();
    let url = if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    };
    if current_query() == query {
        return;
    }
    let result = if push {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    };
    let _ = result;
}

/// An action kept in the reactive tree (a timer's start or stop).
type Action = StoredValue<Arc<dyn Fn() + Send + Sync>>;

/// Keeps the URL in step with the view.
#[derive(Clone, Copy)]
pub struct Navigation {
    pub scenario: RwSignal<Scenario>,
    /// The scenario compared with (B), kept in the URL under `b.`.
    pub compare: RwSignal<Option<Scenario>>,
    pub selected: RwSignal<Option<usize>>,
    /// The selected area (council, constituency or NHS area), kept in the URL as `area=CODE`.
    pub area: RwSignal<Option<Target>>,
    /// The guided tour and step under way, kept in the URL as `story=NAME&step=N`.
    pub tour: RwSignal<Option<(usize, usize)>>,
    dataset: StoredValue<Arc<Dataset>>,
    /// Replaces the URL once the controls have been still for [`REPLACE_AFTER_MS`].
    replace_later: Action,
    /// Cancels a replacement still waiting.
    cancel_replace: Action,
}

/// How long the controls must be still before the URL is replaced, in milliseconds.
const REPLACE_AFTER_MS: f64 = 300.0;

/// The query string of the view: the scenario, the selected practice's code, the selected
/// area's, the tour step under way and the scenario compared with.
fn view_query(nav: &Navigation) -> String {
    let Navigation {
        scenario,
        compare,
        selected,
        area,
        tour,
        dataset,
        ..
    } = *nav;
    let code = selected
        .get_untracked()
        .and_then(|i| dataset.with_value(|d| d.practices.get(i).map(|p| p.code.clone())));
    let area_code = area
        .get_untracked()
        .and_then(|t| dataset.with_value(|d| t.code(d).map(str::to_string)));
    let query = scenario.with_untracked(|s| query_for(s, code.as_deref()));
    let query = with_area(query, area_code.as_deref());
    let query = with_tour(query, tour.get_untracked());
    compare.with_untracked(|b| with_compare(query, b.as_ref()))
}

impl Navigation {
    pub fn new(
        scenario: RwSignal<Scenario>,
        compare: RwSignal<Option<Scenario>>,
        selected: RwSignal<Option<usize>>,
        area: RwSignal<Option<Target>>,
        tour: RwSignal<Option<(usize, usize)>>,
        dataset: Arc<Dataset>,
    ) -> Navigation {
        let dataset = StoredValue::new(dataset);
        // The timer's action needs the navigation it belongs to: it is kept here once made.
        let this = StoredValue::new(None::<Navigation>);
        let UseTimeoutFnReturn { start, stop, .. } = use_timeout_fn(
            move |()| {
                if let Some(nav) = this.get_value() {
                    write(&view_query(&nav), false)
                }
            },
            REPLACE_AFTER_MS,
        );
        let nav = Navigation {
            scenario,
            compare,
            selected,
            area,
            tour,
            dataset,
            replace_later: StoredValue::new(Arc::new(move || start(()))),
            cancel_replace: StoredValue::new(Arc::new(stop)),
        };
        this.set_value(Some(nav));
        nav
    }

    fn query(&self) -> String {
        view_query(self)
    }

    /// Replaces the URL once the controls have been still for a moment: not during a drag, as
    /// each write costs the browser a few milliseconds.
    pub fn replace(&self) {
        self.replace_later.with_value(|start| start());
    }

    /// Adds a history entry now (a drag ended, or a switch changed).
    pub fn push(&self) {
        self.cancel_replace.with_value(|stop| stop());
        write(&self.query(), true);
    }
}
