//! The page: a header, the worked example, and what the England dataset holds.

mod about;
mod chart;
pub mod load;

use crate::data::Dataset;
use crate::format::{count, pounds as format_pounds};
use crate::model::example::{split_example_pot, EXAMPLE_POT_PENCE, EXAMPLE_PRACTICES};
use leptos::prelude::*;
use std::sync::Arc;

/// Default weight of a patient aged 65 or over in the worked example.
const DEFAULT_WEIGHT_65_PLUS: f64 = 1.0;

/// The dataset as the page sees it.
#[derive(Clone)]
enum DatasetState {
    Loading,
    Ready(Arc<Dataset>),
    Failed(String),
}

#[component]
pub fn App() -> impl IntoView {
    let (dataset, set_dataset) = signal(DatasetState::Loading);
    leptos::task::spawn_local(async move {
        set_dataset.set(match load::load_dataset().await {
            Ok(d) => DatasetState::Ready(Arc::new(d)),
            Err(e) => DatasetState::Failed(e),
        });
    });
    let (weight, set_weight) = signal(DEFAULT_WEIGHT_65_PLUS);
    let shares = Memo::new(move |_| split_example_pot(weight.get()).map_err(|e| e.to_string()));

    let on_input = move |ev: leptos::ev::Event| {
        // A range input only ever reports numbers; anything else is ignored, keeping the last value.
        if let Ok(value) = event_target_value(&ev).parse::<f64>() {
            if value.is_finite() {
                set_weight.set(value);
            }
        }
    };

    let rows = move || {
        shares.get().ok().map(|shares| {
            EXAMPLE_PRACTICES
                .iter()
                .zip(shares)
                .map(|(practice, pence)| {
                    view! {
                        <tr>
                            <th scope="row">{practice.name}</th>
                            <td class="num">{count(u64::from(practice.under_65 + practice.aged_65_plus))}</td>
                            <td class="num">{format_pounds(pence)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <header class="site-header">
            <h1>"GP Funding Explorer"</h1>
            <p class="tagline">
                "How English general practice is funded, and what a reform would change."
            </p>
        </header>
        <main class="content">
            <section class="card headline" aria-live="polite" id="dataset-status">
                {move || match dataset.get() {
                    DatasetState::Loading => {
                        view! { <p>"Loading the England dataset…"</p> }.into_any()
                    }
                    DatasetState::Failed(e) => {
                        view! {
                            <p class="error" role="alert">
                                "The England dataset could not be loaded: "
                                {e}
                            </p>
                        }
                            .into_any()
                    }
                    DatasetState::Ready(d) => {
                        let totals = d.national_totals();
                        view! {
                            <p>
                                "England, " {d.year.clone()} ": "
                                <strong>{count(totals.practices as u64)} " practices"</strong>
                                ", "
                                <strong>
                                    {crate::format::decimal_text(
                                        &totals.registered_patients.round().to_string(),
                                    )} " registered patients"
                                </strong> " and "
                                <strong>
                                    "£" {crate::format::decimal_text(&totals.total.to_string())}
                                </strong> " paid to general practice."
                            </p>
                        }
                            .into_any()
                    }
                }}
            </section>
            <section class="card" aria-labelledby="example-title">
                <h2 id="example-title">"How weighting older patients moves money"</h2>
                <p>
                    "Two practices of 2,000 patients share a fixed pot of "
                    {format_pounds(EXAMPLE_POT_PENCE)}
                    " by weighted patients. Move the slider to change how much a patient aged 65 or over counts against a younger one. These two practices are illustrative, not real."
                </p>
                <div class="control">
                    <label for="weight-65-plus">
                        "Weight of a patient aged 65 or over (a younger patient counts 1)"
                    </label>
                    <input
                        id="weight-65-plus"
                        type="range"
                        min="0.5"
                        max="6"
                        step="0.1"
                        prop:value=move || weight.get().to_string()
                        on:input=on_input
                    />
                    <output for="weight-65-plus" id="weight-65-plus-value">
                        {move || format!("{:.1}×", weight.get())}
                    </output>
                </div>
                <chart::ShareChart shares=shares />
                <table class="data-table" id="example-table">
                    <caption>"Each practice's share of the pot"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Practice"</th>
                            <th scope="col" class="num">"Patients"</th>
                            <th scope="col" class="num">"Share of the pot (£)"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
                <p class="error" role="alert">{move || shares.get().err()}</p>
            </section>
            {move || match dataset.get() {
                DatasetState::Ready(d) => view! { <about::AboutData dataset=d /> }.into_any(),
                _ => ().into_any(),
            }}
        </main>
        <footer class="site-footer">
            <p>
                "Contains public sector information licensed under the Open Government Licence v3.0."
            </p>
        </footer>
    }
}
