//! Guided tours: a story in steps, each setting the controls and pointing at the chart that
//! shows the effect. Arrow keys step through a tour; presentation mode enlarges everything.

use super::url::Navigation;
use gpfe_core::scenario::tours::TOURS;
use gpfe_core::scenario::{Scenario, Section};
use leptos::prelude::*;

/// The story section of the controls that holds a tour's levers.
fn levers_of(tour: &str) -> Option<&'static str> {
    Some(
        match tour {
            "digital-first" => Section::DigitalFirst,
            "networks" | "family-care-networks" => Section::Networks,
            "budget-holder" => Section::BudgetHolder,
            "savings" => Section::Savings,
            "qof" => Section::QofSuccessor,
            "new-money" => Section::Envelope,
            _ => return None,
        }
        .id(),
    )
}

/// Marks the page with the tour under way (presentation mode then shows only its levers) and
/// opens the section holding them.
fn mark(tour: Option<&str>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(body) = document.body() {
        let _ = match tour {
            Some(name) => body.set_attribute("data-tour", name),
            None => body.remove_attribute("data-tour"),
        };
    }
    if let Some(id) = tour.and_then(levers_of) {
        if let Some(section) = document.get_element_by_id(id) {
            let _ = section.set_attribute("open", "");
        }
    }
}

/// Scrolls an element into view by id, if it is on the page.
fn point_at(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        element.scroll_into_view();
    }
}

#[component]
pub fn Tours(scenario: RwSignal<Scenario>, nav: Navigation) -> impl IntoView {
    let (tour, set_tour) = signal(None::<usize>);
    let (step, set_step) = signal(0_usize);
    let go = move |t: usize, s: usize| {
        let Some(steps) = TOURS.get(t).map(|t| t.steps) else {
            return;
        };
        let s = s.min(steps.len().saturating_sub(1));
        mark(TOURS.get(t).map(|t| t.name));
        set_tour.set(Some(t));
        set_step.set(s);
        if let Some(st) = steps.get(s) {
            let (next, _) = Scenario::from_query_lenient(st.query);
            scenario.set(next);
            nav.push();
            let target = st.target;
            // Let the page draw the new step before pointing at it.
            set_timeout(
                move || point_at(target),
                std::time::Duration::from_millis(120),
            );
        }
    };
    let on_keydown = window_event_listener(leptos::ev::keydown, move |ev| {
        let typing = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if typing {
            return;
        }
        if let Some(t) = tour.get_untracked() {
            match ev.key().as_str() {
                "ArrowRight" | "PageDown" => go(t, step.get_untracked() + 1),
                "ArrowLeft" | "PageUp" => go(t, step.get_untracked().saturating_sub(1)),
                _ => {}
            }
        }
    });
    on_cleanup(move || on_keydown.remove());
    let buttons = TOURS
        .iter()
        .enumerate()
        .map(|(i, t)| {
            view! {
                <li>
                    <button
                        type="button"
                        class="preset"
                        data-tour=t.name
                        aria-pressed=move || (tour.get() == Some(i)).to_string()
                        on:click=move |_| go(i, 0)
                    >
                        {t.title}
                    </button>
                </li>
            }
        })
        .collect_view();
    let current = move || {
        let t = tour.get()?;
        let info = TOURS.get(t)?;
        let s = step.get();
        let st = info.steps.get(s)?;
        let n = info.steps.len();
        Some(view! {
            <div class="tour-step" id="tour-step" aria-live="polite">
                <p class="tour-progress">{format!("{} · step {} of {n}", info.title, s + 1)}</p>
                <h3>{st.title}</h3>
                <p>{super::glossary::linked(st.text)}</p>
                <div class="tour-nav">
                    <button
                        type="button"
                        disabled={move || step.get() == 0}
                        on:click=move |_| go(t, s.saturating_sub(1))
                    >
                        "← Previous"
                    </button>
                    <button
                        type="button"
                        id="tour-next"
                        disabled={move || step.get() + 1 >= n}
                        on:click=move |_| go(t, s + 1)
                    >
                        "Next →"
                    </button>
                    <button
                        type="button"
                        class="link-button"
                        on:click=move |_| {
                            mark(None);
                            set_tour.set(None);
                        }
                    >
                        "End the tour"
                    </button>
                </div>
                <p class="help">"Arrow keys also step through the tour."</p>
            </div>
        })
    };
    view! {
        <section class="tours" aria-labelledby="tours-title">
            <h2 id="tours-title">"Guided tours"</h2>
            {current}
            <ul class="presets">{buttons}</ul>
        </section>
    }
}
