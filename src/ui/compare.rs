//! A against B: the controls that set a second scenario (B) to compare with the one the controls
//! change (A), swap them, stop comparing, and choose what the charts show: A against 2022/23 or B
//! against A.

use super::scenario_name;
use super::url::Navigation;
use gpfe_core::scenario::{Scenario, PRESETS};
use leptos::prelude::*;

/// What the select offers besides the presets: the current settings as B.
const CURRENT: &str = "current";

/// The comparison's controls, under the scenario bar.
#[component]
pub fn CompareBar(
    scenario: RwSignal<Scenario>,
    compare: RwSignal<Option<Scenario>>,
    /// Whether the charts show B against A (rather than A against 2022/23).
    against_a: RwSignal<bool>,
    nav: Navigation,
) -> impl IntoView {
    let pick = move |value: String| {
        let b = if value == CURRENT {
            Some(scenario.get_untracked())
        } else {
            PRESETS
                .iter()
                .find(|p| p.name == value)
                .and_then(|p| Scenario::from_query(p.query).ok())
        };
        if let Some(b) = b {
            compare.set(Some(b));
            against_a.set(true);
            nav.push();
        }
    };
    let options = PRESETS
        .iter()
        .map(|p| view! { <option value=p.name>{p.title}</option> })
        .collect_view();
    view! {
        <div class="compare-bar" id="compare-bar">
            {move || match compare.get() {
                None => view! {
                    <label class="compare-pick">
                        <span>"Compare with… "</span>
                        <select
                            id="compare-with"
                            on:change=move |ev| {
                                let value = event_target_value(&ev);
                                pick(value);
                            }
                        >
                            <option value="" selected=true>"(nothing: against 2022/23)"</option>
                            <option value=CURRENT>"The current settings, as B"</option>
                            {options.clone()}
                        </select>
                    </label>
                }
                .into_any(),
                Some(b) => view! {
                    <p class="compare-names" id="compare-names">
                        <span><strong>"A"</strong>" (the controls change it): " {move || scenario.with(scenario_name)}</span>
                        <span><strong>"B"</strong>": " {scenario_name(&b)}</span>
                    </p>
                    <div class="compare-actions">
                        <span class="compare-show" role="group" aria-label="Charts show">
                            "Charts show: "
                            <button
                                type="button"
                                id="show-against-2022"
                                aria-pressed=move || (!against_a.get()).to_string()
                                on:click=move |_| against_a.set(false)
                            >
                                "A against 2022/23"
                            </button>
                            <button
                                type="button"
                                id="show-b-against-a"
                                aria-pressed=move || against_a.get().to_string()
                                on:click=move |_| against_a.set(true)
                            >
                                "B against A"
                            </button>
                        </span>
                        <button
                            type="button"
                            id="compare-swap"
                            on:click=move |_| {
                                let a = scenario.get_untracked();
                                if let Some(b) = compare.get_untracked() {
                                    scenario.set(b);
                                    compare.set(Some(a));
                                    nav.push();
                                }
                            }
                        >
                            "Swap A and B"
                        </button>
                        <button
                            type="button"
                            id="compare-stop"
                            on:click=move |_| {
                                compare.set(None);
                                against_a.set(false);
                                nav.push();
                            }
                        >
                            "Stop comparing"
                        </button>
                    </div>
                }
                .into_any(),
            }}
        </div>
    }
}
