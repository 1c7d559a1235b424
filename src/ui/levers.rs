//! Lever by lever: the change for a chosen group split among the settings moved, computed once
//! the controls have been still for a moment (it runs the model up to 256 times).

use gpfe_core::data::Dataset;
use gpfe_core::levers::{waterfall, Target};
use gpfe_core::model::{Model, Outcome};
use gpfe_core::scenario::Scenario;
use gpfe_core::series::{levers_chart, ChartSpec};
use leptos::prelude::*;
use std::sync::Arc;

/// The groups a reader can split the change of.
const GROUPS: [(&str, &str); 4] = [
    ("q5", "the most deprived fifth"),
    ("q1", "the least deprived fifth"),
    ("england", "England"),
    ("practice", "the selected practice"),
];

#[component]
pub fn LeversCard(
    dataset: Arc<Dataset>,
    model: Arc<Model>,
    scenario: RwSignal<Scenario>,
    outcome: Memo<Arc<Outcome>>,
    selected: RwSignal<Option<usize>>,
) -> impl IntoView {
    let settled = use_context::<super::chart::Settled>().map(|s| s.0);
    let names = super::names::names();
    let group = RwSignal::new("q5");
    // It runs the model many times, so only while the reader has asked for it.
    let open = RwSignal::new(false);
    // Worth showing when two or more settings are moved.
    let moved = Memo::new(move |_| {
        outcome.track();
        scenario.with(|s| gpfe_core::levers::moved_count(s) >= 2)
    });
    let spec = Memo::new(move |_| -> Option<ChartSpec> {
        if let Some(s) = settled {
            s.track();
        }
        group.track();
        if !open.get() || !moved.get_untracked() {
            return None;
        }
        let o = outcome.get_untracked();
        let (target, name) = match group.get_untracked() {
            "q1" => (Target::Quintile(1), "the least deprived fifth".to_string()),
            "england" => (Target::England, "England".to_string()),
            "practice" => {
                let p = selected.get_untracked()?;
                let name = super::names::named(names, &dataset)
                    .practices
                    .get(p)
                    .map(|x| x.display_name().to_string())?;
                (Target::Practice(p), name)
            }
            _ => (Target::Quintile(5), "the most deprived fifth".to_string()),
        };
        scenario
            .with_untracked(|s| waterfall(&model, s, &o, target))
            .ok()
            .map(|w| levers_chart(&w, &name))
    });
    let shown = Memo::new(move |_| spec.with(Option::is_some));
    let chart = Memo::new(move |_| spec.get().unwrap_or_else(super::stories::empty_spec));
    view! {
        <Show when=move || moved.get()>
            <section class="card levers" id="levers" aria-labelledby="levers-title">
                <h2 id="levers-title">"Lever by lever"</h2>
                <p>
                    "Each setting's share of the change, split fairly: its effect averaged over every order in which the settings could be applied (Shapley values). Worked out once the controls are still."
                </p>
                <button
                    type="button"
                    id="levers-toggle"
                    aria-expanded=move || open.get().to_string()
                    aria-controls="levers-body"
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {move || if open.get() { "Hide the split" } else { "Split the change lever by lever" }}
                </button>
                <div id="levers-body" hidden=move || !open.get()>
                <p class="levers-group">
                <label for="levers-group">"Whose change: "</label>
                <select
                    id="levers-group"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some((key, _)) = GROUPS.iter().find(|(k, _)| *k == v) {
                            group.set(key);
                        }
                    }
                >
                    {GROUPS
                        .iter()
                        .map(|(key, label)| {
                            view! {
                                <option value=*key selected=move || group.get() == *key>
                                    {*label}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                </p>
                <Show
                    when=move || shown.get()
                    fallback=move || {
                        view! {
                            <p class="note">
                                {move || {
                                    if group.get() == "practice" && selected.get().is_none() {
                                        "Find a practice first to split its change."
                                    } else {
                                        "Working it out…"
                                    }
                                }}
                            </p>
                        }
                    }
                >
                    <super::chart::ChartCard spec=chart />
                </Show>
                </div>
            </section>
        </Show>
    }
}
