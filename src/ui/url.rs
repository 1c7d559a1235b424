//! The URL holds the view: the scenario's query string plus the selected practice. While a
//! slider is dragged the URL is replaced (at most every 300 ms: Safari refuses more than 100
//! replacements in 30 s); when a drag ends, or any other control changes, a history entry is
//! added so Back undoes it.

use gpfe_core::data::Dataset;
use gpfe_core::scenario::{Query, Scenario, ScenarioError};
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;

/// The query string for a scenario and a selected practice code.
pub fn query_for(scenario: &Scenario, practice: Option<&str>) -> String {
    let mut query = scenario.to_query();
    if let Some(code) = practice {
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str("practice=");
        query.push_str(code);
    }
    query
}

/// Reads the view from a query string: the scenario (bad settings fall back to their defaults
/// and are reported), and the practice, if its code is in the dataset.
pub fn read_query(query: &str, dataset: &Dataset) -> (Scenario, Option<usize>, Vec<String>) {
    let Query {
        scenario,
        view,
        errors,
    } = Query::parse(query);
    let mut messages: Vec<String> = errors.iter().map(ScenarioError::to_string).collect();
    let mut practice = None;
    if let Some(code) = view.practice {
        let code = code.trim().to_uppercase();
        match dataset.practice_index(&code) {
            Some(i) => practice = Some(i),
            None => messages.push(format!("'practice' names no practice with code '{code}'")),
        }
    }
    (scenario, practice, messages)
}

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

/// Keeps the URL in step with the view.
#[derive(Clone, Copy)]
pub struct Navigation {
    pub scenario: RwSignal<Scenario>,
    pub selected: RwSignal<Option<usize>>,
    dataset: StoredValue<Arc<Dataset>>,
    pending: StoredValue<Option<TimeoutHandle>>,
}

impl Navigation {
    pub fn new(
        scenario: RwSignal<Scenario>,
        selected: RwSignal<Option<usize>>,
        dataset: Arc<Dataset>,
    ) -> Navigation {
        Navigation {
            scenario,
            selected,
            dataset: StoredValue::new(dataset),
            pending: StoredValue::new(None),
        }
    }

    fn query(&self) -> String {
        let code = self.selected.get_untracked().and_then(|i| {
            self.dataset
                .with_value(|d| d.practices.get(i).map(|p| p.code.clone()))
        });
        self.scenario
            .with_untracked(|s| query_for(s, code.as_deref()))
    }

    /// Replaces the URL once the controls have been still for a moment: not during a drag, as
    /// each write costs the browser a few milliseconds.
    pub fn replace(&self) {
        if let Some(handle) = self.pending.with_value(|p| *p) {
            handle.clear();
        }
        let me = *self;
        let handle = set_timeout_with_handle(
            move || {
                me.pending.set_value(None);
                write(&me.query(), false);
            },
            Duration::from_millis(300),
        )
        .ok();
        self.pending.set_value(handle);
    }

    /// Adds a history entry now (a drag ended, or a switch changed).
    pub fn push(&self) {
        if let Some(handle) = self.pending.with_value(|p| *p) {
            handle.clear();
            self.pending.set_value(None);
        }
        write(&self.query(), true);
    }
}
