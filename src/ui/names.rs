//! Practice names and postcodes: in their own file, fetched the first time a view shows them
//! (the finder, a practice's panel, the digital-first card, the map's practice dots, the
//! download of every practice, a user's own file). Until they arrive a practice is shown by its
//! code.

use gpfe_core::data::Dataset;
use leptos::prelude::*;
use std::sync::Arc;

/// Where the built-in dataset's names are.
#[derive(Clone, PartialEq)]
enum State {
    NotAsked,
    Loading,
    Ready(Arc<Dataset>),
    Failed(String),
}

/// The built-in dataset's names, shared by the views (provided as a context).
#[derive(Clone, Copy)]
pub struct Names {
    builtin: StoredValue<Arc<Dataset>>,
    state: RwSignal<State>,
}

impl Names {
    pub fn new(builtin: Arc<Dataset>) -> Names {
        Names {
            builtin: StoredValue::new(builtin),
            state: RwSignal::new(State::NotAsked),
        }
    }

    /// Starts fetching the names, once.
    pub fn fetch(self) {
        if self.state.with_untracked(|s| *s != State::NotAsked) {
            return;
        }
        self.state.set(State::Loading);
        leptos::task::spawn_local(async move {
            let state = match super::load::load_names(&self.builtin.get_value()).await {
                Ok(d) => State::Ready(Arc::new(d)),
                Err(e) => State::Failed(e),
            };
            self.state.set(state);
        });
    }

    /// `d` with its names if they are here (tracked), without starting a fetch. A dataset other
    /// than the built-in one (a user's own file) carries its names already.
    pub fn peek(self, d: &Arc<Dataset>) -> Arc<Dataset> {
        if !self.builtin.with_value(|b| Arc::ptr_eq(b, d)) {
            return d.clone();
        }
        self.state.with(|s| match s {
            State::Ready(named) => named.clone(),
            _ => d.clone(),
        })
    }

    /// `d` with its names, starting the fetch if need be; `d` as it is until they arrive.
    pub fn of(self, d: &Arc<Dataset>) -> Arc<Dataset> {
        if self.builtin.with_value(|b| Arc::ptr_eq(b, d)) {
            self.fetch();
        }
        self.peek(d)
    }

    /// Whether the names are being fetched (tracked).
    pub fn loading(self) -> bool {
        self.state.with(|s| *s == State::Loading)
    }

    /// Why the names could not be fetched, if they could not (tracked).
    pub fn failure(self) -> Option<String> {
        self.state.with(|s| match s {
            State::Failed(e) => Some(e.clone()),
            _ => None,
        })
    }

    /// `d` with its names, waiting for them; `d` as it is if they cannot be fetched.
    pub async fn wait(self, d: Arc<Dataset>) -> Arc<Dataset> {
        if !self.builtin.with_value(|b| Arc::ptr_eq(b, &d)) {
            return d;
        }
        if let State::Ready(named) = self.state.get_untracked() {
            return named;
        }
        self.state.set(State::Loading);
        let state = match super::load::load_names(&d).await {
            Ok(named) => State::Ready(Arc::new(named)),
            Err(e) => State::Failed(e),
        };
        self.state.set(state.clone());
        match state {
            State::Ready(named) => named,
            _ => d,
        }
    }
}

/// The names in this view's context, if any (the browser tests mount the explorer on a dataset
/// that has its names already, without one). Read it when a component is made: an event
/// handler or a task has no context to read it from.
pub fn names() -> Option<Names> {
    use_context::<Names>()
}

/// `d` with its names: starts the fetch on the first call; `d` as it is until they arrive.
pub fn named(names: Option<Names>, d: &Arc<Dataset>) -> Arc<Dataset> {
    names.map_or_else(|| d.clone(), |n| n.of(d))
}

/// `d` with its names if they are here, without starting a fetch.
pub fn peek(names: Option<Names>, d: &Arc<Dataset>) -> Arc<Dataset> {
    names.map_or_else(|| d.clone(), |n| n.peek(d))
}

/// `d` with its names, waiting for them.
pub async fn wait(names: Option<Names>, d: Arc<Dataset>) -> Arc<Dataset> {
    match names {
        Some(n) => n.wait(d).await,
        None => d,
    }
}
