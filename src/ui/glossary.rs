//! The glossary on the page, and links from the terms a text uses to their entries.

use gpfe_core::glossary::{link_terms, Piece, GLOSSARY};
use leptos::prelude::*;

/// Scrolls to a glossary entry and moves the focus to it, without touching the address (which
/// holds the scenario).
fn open_entry(anchor: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(element) = document.get_element_by_id(anchor) {
        element.scroll_into_view();
        if let Ok(e) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element) {
            let _ = e.focus();
        }
    }
}

/// Provided where the page holds the glossary (the explorer, not an embedded chart).
#[derive(Clone, Copy)]
pub struct OnPage;

/// A chart's title, its terms linked where the page holds the glossary.
pub fn title(text: String, on_page: bool) -> AnyView {
    if on_page {
        linked(&text).into_any()
    } else {
        text.into_any()
    }
}

/// `text` with the first use of each glossary term a link to its entry.
pub fn linked(text: &str) -> impl IntoView {
    link_terms(text)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(t) => t.to_string().into_any(),
            Piece::Term(t, entry) => {
                let anchor = entry.anchor();
                let target = anchor.clone();
                view! {
                    <a
                        class="term"
                        href=format!("#{anchor}")
                        title=entry.term
                        on:click=move |ev| {
                            ev.prevent_default();
                            open_entry(&target);
                        }
                    >
                        {t.to_string()}
                    </a>
                }
                .into_any()
            }
        })
        .collect_view()
}

/// Every entry, with its anchor.
#[component]
pub fn Glossary() -> impl IntoView {
    let entries = GLOSSARY
        .iter()
        .map(|e| {
            view! {
                <dt id=e.anchor() tabindex="-1">{e.term}</dt>
                <dd>
                    {e.definition}
                    {e.source.map(|s| view! { <span class="provenance">" Source: " {s.cite()} "."</span> })}
                </dd>
            }
        })
        .collect_view();
    view! {
        <section class="card glossary" id="glossary" aria-labelledby="glossary-title">
            <h2 id="glossary-title">"Glossary"</h2>
            <p class="help">
                "The terms of general practice funding this page uses. A term underlined with dots in a setting's help, a tour or a chart's title links here."
            </p>
            <dl>{entries}</dl>
        </section>
    }
}
