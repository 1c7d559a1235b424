//! Guided tours: a story in steps, each setting the controls and pointing at the chart that
//! shows the effect. Arrow keys step through a tour; presentation mode enlarges everything.

use super::url::Navigation;
use gpfe_core::model::Outcome;
use gpfe_core::predict::{verdict, Direction, Size};
use gpfe_core::scenario::tours::TOURS;
use gpfe_core::scenario::{Scenario, Section};
use leptos::prelude::*;
use std::sync::Arc;

/// Where predict-then-reveal's being on is kept (this browser only). `public/first-view.js` reads
/// it too: with it on, the page starts veiled, so the first view must not show.
const PREDICT_KEY: &str = "gpfe-predict";

fn predicting_was_on() -> bool {
    super::local_storage()
        .and_then(|s| s.get_item(PREDICT_KEY).ok().flatten())
        .is_some_and(|v| v == "1")
}

fn remember_predicting(on: bool) {
    if let Some(s) = super::local_storage() {
        let _ = s.set_item(PREDICT_KEY, if on { "1" } else { "0" });
    }
}

/// Hides the results while the reader makes a guess.
fn veil(on: bool) {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = if on {
            body.class_list().add_1("predicting")
        } else {
            body.class_list().remove_1("predicting")
        };
    }
}

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
    // The tour and step under way live in the navigation, so that the link carries them
    // (`story=NAME&step=N`) and a link opens on its step, with the link's own settings.
    let tour = Memo::new(move |_| nav.tour.get().map(|(t, _)| t));
    let step = Memo::new(move |_| nav.tour.get().map_or(0, |(_, s)| s));
    Effect::new(move |_| mark(tour.get().and_then(|t| TOURS.get(t)).map(|t| t.name)));
    if let Some(target) = nav
        .tour
        .get_untracked()
        .and_then(|(t, s)| TOURS.get(t)?.steps.get(s))
        .map(|st| st.target)
    {
        // Opened from a link to a step: point at its chart as a link to a chart does (a fixed
        // 300 ms missed a chart not yet built on a slow machine), while the step is the one
        // linked to.
        let linked = nav.tour.get_untracked();
        super::as_built_and_when_quiet(
            use_context::<super::chart::Settled>().map(|s| s.0),
            move || {
                if nav.tour.get_untracked() == linked {
                    point_at(target);
                }
            },
        );
    }
    let outcome = use_context::<Memo<Arc<Outcome>>>();
    // Predict, then reveal: the guess of the step under way, and whether it has been revealed.
    let predict = RwSignal::new(predicting_was_on());
    let direction = RwSignal::new(None::<Direction>);
    let size = RwSignal::new(None::<Size>);
    let revealed = RwSignal::new(false);
    Effect::new(move |_| veil(predict.get() && tour.get().is_some() && !revealed.get()));
    let go = move |t: usize, s: usize| {
        direction.set(None);
        size.set(None);
        revealed.set(false);
        let Some(steps) = TOURS.get(t).map(|t| t.steps) else {
            return;
        };
        let s = s.min(steps.len().saturating_sub(1));
        nav.tour.set(Some((t, s)));
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
                {move || predict.get().then(|| guess_or_answer(direction, size, revealed, outcome))}
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
                            nav.tour.set(None);
                            nav.push();
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
            <p class="predict-toggle">
                <input
                    type="checkbox"
                    id="tour-predict"
                    prop:checked=move || predict.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        predict.set(on);
                        remember_predicting(on);
                    }
                />
                <label for="tour-predict">
                    "Predict each step first: guess how the most deprived fifth's payments change before the results show"
                </label>
            </p>
        </section>
    }
}

/// Before the reveal, the guess (direction and size of the most deprived fifth's change); after
/// it, the guess beside the answer.
fn guess_or_answer(
    direction: RwSignal<Option<Direction>>,
    size: RwSignal<Option<Size>>,
    revealed: RwSignal<bool>,
    outcome: Option<Memo<Arc<Outcome>>>,
) -> AnyView {
    if revealed.get() {
        let text = match (direction.get(), size.get(), outcome) {
            (Some(d), Some(s), Some(o)) => o.with(|o| verdict(d, s, o)).unwrap_or_default(),
            _ => String::new(),
        };
        return view! { <p class="predict-verdict" id="predict-verdict">{text}</p> }.into_any();
    }
    let directions = Direction::ALL
        .into_iter()
        .map(|d| {
            let id = format!("predict-{}", d.label());
            view! {
                <span class="radio">
                    <input
                        type="radio"
                        id=id.clone()
                        name="predict-direction"
                        prop:checked=move || direction.get() == Some(d)
                        on:change=move |_| direction.set(Some(d))
                    />
                    <label for=id>{d.label()}</label>
                </span>
            }
        })
        .collect_view();
    let sizes = Size::ALL
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let id = format!("predict-size-{i}");
            view! {
                <span class="radio">
                    <input
                        type="radio"
                        id=id.clone()
                        name="predict-size"
                        prop:checked=move || size.get() == Some(s)
                        on:change=move |_| size.set(Some(s))
                    />
                    <label for=id>{s.label()}</label>
                </span>
            }
        })
        .collect_view();
    view! {
        <div class="predict" id="predict">
            <p>"Before the results show: will the most deprived fifth's payments gain or lose, and by how much of 2022/23's?"</p>
            <fieldset>
                <legend>"Direction"</legend>
                {directions}
            </fieldset>
            <fieldset>
                <legend>"Size"</legend>
                {sizes}
            </fieldset>
            <button
                type="button"
                id="predict-reveal"
                disabled=move || direction.get().is_none() || size.get().is_none()
                on:click=move |_| revealed.set(true)
            >
                "Reveal"
            </button>
        </div>
    }
    .into_any()
}
