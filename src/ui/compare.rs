//! A against B: the controls that set a second scenario (B) to compare with the one the controls
//! change (A), swap them, stop comparing, and choose what the charts show: A against 2022/23 or B
//! against A.

use super::scenario_name;
use super::url::Navigation;
use gpfe_core::scenario::{Scenario, PRESETS};
use leptos::prelude::*;

/// What the select offers besides the presets: the current settings as B.
const CURRENT: &str = "current";

/// "Compare with…": sets B to a preset or to the current settings. In the scenario bar, shown
/// while not comparing.
#[component]
pub fn ComparePick(
    scenario: RwSignal<Scenario>,
    compare: RwSignal<Option<Scenario>>,
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
        <select
            id="compare-with"
            class="compare-pick"
            aria-label="Compare with another scenario (B)"
            class:hidden=move || compare.with(Option::is_some)
            on:change=move |ev| pick(event_target_value(&ev))
            prop:value=move || {
                compare.track();
                String::new()
            }
        >
            <option value="">"Compare with…"</option>
            <option value=CURRENT>"The current settings, as B"</option>
            {options}
        </select>
    }
}

/// The comparison's controls, under the scenario bar, while comparing: A's and B's names, what
/// the charts show, Swap and Stop comparing.
#[component]
pub fn CompareBar(
    scenario: RwSignal<Scenario>,
    compare: RwSignal<Option<Scenario>>,
    /// Whether the charts show B against A (rather than A against 2022/23).
    against_a: RwSignal<bool>,
    nav: Navigation,
) -> impl IntoView {
    view! {
        {move || compare.get().map(|b| view! {
            <div class="compare-bar" id="compare-bar">
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
            </div>
        })}
    }
}
