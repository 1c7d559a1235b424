//! A practice's receipt: every step from its patients to its total, 2022/23 beside the scenario,
//! each with its explanation; printable and downloadable as CSV.

use gpfe_core::data::Dataset;
use gpfe_core::model::{Model, Outcome};
use gpfe_core::receipt::{receipt, Receipt, Role};
use gpfe_core::scenario::Scenario;
use leptos::prelude::*;
use std::sync::Arc;

/// The class of a step's row: how the table and the print stylesheet set it apart.
fn row_class(role: Role) -> &'static str {
    match role {
        Role::Input | Role::Working => "step",
        Role::Factor(_) => "step factor",
        Role::WeightedList => "step result",
        Role::Payment | Role::OutsideTotal => "step payment",
        Role::Total | Role::Change => "step result total",
    }
}

/// Where a factor comes from, in a word beside its label.
fn origin(role: Role) -> Option<&'static str> {
    match role {
        Role::Factor(o) => Some(o.as_str()),
        Role::OutsideTotal => Some("not in the total"),
        _ => None,
    }
}

fn table(r: &Receipt) -> impl IntoView {
    let mut rows = Vec::new();
    let mut section = None;
    for step in &r.steps {
        if section != Some(step.section) {
            section = Some(step.section);
            rows.push(
                view! {
                    <tr class="receipt-section">
                        <th scope="colgroup" colspan="4">{step.section.title()}</th>
                    </tr>
                }
                .into_any(),
            );
        }
        let kind =
            origin(step.role).map(|o| view! { <span class="kind">{format!(" ({o})")}</span> });
        rows.push(
            view! {
                <tr class=row_class(step.role) data-step=step.key.clone()>
                    <th scope="row">
                        {step.label.clone()}
                        {kind}
                        // On a narrow screen the explanation sits under the label instead of in
                        // a column of its own.
                        <span class="explain-inline">{step.explanation.clone()}</span>
                    </th>
                    <td class="num">{step.baseline_text()}</td>
                    <td class="num">{step.scenario_text()}</td>
                    <td class="explain">{step.explanation.clone()}</td>
                </tr>
            }
            .into_any(),
        );
    }
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Receipt (scrolls sideways on narrow screens)">
            <table class="data-table receipt-table" id="receipt-table">
                <caption>{format!("{}: from its patients to its total", r.title())}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Step"</th>
                        <th scope="col" class="num">"2022/23"</th>
                        <th scope="col" class="num">"Scenario"</th>
                        <th scope="col" class="explain">"What it is"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The receipt of the practice at `index` under the page's scenario.
#[component]
pub fn ReceiptView(
    dataset: Arc<Dataset>,
    model: Arc<Model>,
    outcome: Memo<Arc<Outcome>>,
    index: usize,
    on_close: Callback<()>,
) -> impl IntoView {
    let scenario = use_context::<RwSignal<Scenario>>();
    let current = move || scenario.map(|s| s.get()).unwrap_or_default();
    let names = super::names::names();
    let made = Memo::new(move |_| {
        let s = current();
        // The receipt names its practice: fetch the names, and redo it when they arrive.
        let d = super::names::named(names, &dataset);
        receipt(&d, &model, &s, &outcome.get(), index).map_err(|e| e.to_string())
    });
    let (status, set_status) = signal(String::new());
    let download = move |_| {
        let result = made.with_untracked(|r| match r {
            Ok(r) => {
                let query = scenario.map(|s| s.with_untracked(|s| s.to_query()));
                super::download::save_csv(
                    &r.to_csv(),
                    &gpfe_core::export::file_name(
                        format!("receipt-{}", r.code),
                        &query.unwrap_or_default(),
                        "csv",
                    ),
                )
            }
            Err(e) => Err(e.clone()),
        });
        set_status.set(result.err().unwrap_or_default());
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let name = move || gpfe_core::headline::scenario_name(&current());
    let body = move || {
        made.with(|r| match r {
            Ok(r) => table(r).into_any(),
            Err(e) => {
                view! { <p class="banner error" role="alert">{format!("No receipt: {e}")}</p> }
                    .into_any()
            }
        })
    };
    view! {
        <section class="receipt" id="receipt" aria-labelledby="receipt-title">
            <div class="panel-head">
                <h3 id="receipt-title">"Receipt"</h3>
                <div class="receipt-actions">
                    <button type="button" id="receipt-csv" class="link-button" on:click=download>
                        "Download CSV"
                    </button>
                    <button type="button" id="receipt-print" class="link-button" on:click=print>
                        "Print"
                    </button>
                    <button type="button" class="link-button" on:click=move |_| on_close.run(())>
                        "Hide"
                    </button>
                </div>
            </div>
            <p class="receipt-scenario">
                "2022/23 as paid, beside the scenario: " <strong>{name}</strong>
                ". Registered patients × every factor make the weighted list; the payments above the total add up to it to the penny."
            </p>
            <p class="download-status" role="status">{move || status.get()}</p>
            {body}
        </section>
    }
}
