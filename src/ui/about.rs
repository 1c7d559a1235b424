//! "About the data": sources, licences, the build report and every caveat.

use gpfe_core::data::caveats::{caveats, SOURCES};
use gpfe_core::data::Dataset;
use gpfe_core::model::Model;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn AboutData(dataset: Arc<Dataset>, model: Arc<Model>) -> impl IntoView {
    // The data's name in shared links, worked out once by the explorer.
    let data_id = use_context::<super::chart::DataId>()
        .map(|d| d.0)
        .unwrap_or_else(|| gpfe_core::link::data_id(&dataset));
    let formula = model
        .formula_fit_sentences()
        .into_iter()
        .map(|s| view! { <p>{s}</p> })
        .collect_view();
    let report = dataset.report.clone();
    let rows_read = report
        .rows_read
        .iter()
        .map(|(file, rows)| {
            view! {
                <tr>
                    <td>{file.clone()}</td>
                    <td class="num">{gpfe_core::format::count(*rows as u64)}</td>
                </tr>
            }
        })
        .collect_view();
    let joins = report
        .joins
        .iter()
        .map(|j| {
            view! {
                <tr>
                    <th scope="row">{j.field.clone()}</th>
                    <td class="num">{gpfe_core::format::count(j.matched as u64)}</td>
                    <td class="num">{gpfe_core::format::count(j.imputed as u64)}</td>
                    <td class="num">{gpfe_core::format::count(j.missing as u64)}</td>
                    <td>{j.how.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let totals = report
        .totals
        .iter()
        .map(|(field, value)| {
            view! {
                <tr>
                    <th scope="row">{field.clone()}</th>
                    <td class="num">{gpfe_core::format::decimal_text(value)}</td>
                </tr>
            }
        })
        .collect_view();
    let caveat_items = caveats(&dataset)
        .into_iter()
        .map(|c| view! { <li>{c}</li> })
        .collect_view();
    let sources = SOURCES
        .iter()
        .map(|s| view! { <li>{s.what}" — "{s.publisher}</li> })
        .collect_view();
    let attribution = dataset
        .attribution
        .iter()
        .map(|a| view! { <li>{a.clone()}</li> })
        .collect_view();

    let parameters = gpfe_core::scenario::sources_rows()
        .into_iter()
        .map(|[label, key, default, certainty, source]| {
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td><code>{key}</code></td>
                    <td>{default}</td>
                    <td>{certainty}</td>
                    <td>{source}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card about" id="sources-assumptions" aria-labelledby="sources-title">
            <h2 id="sources-title">"Sources and assumptions"</h2>
            <p>
                "Every setting of the model, its default, how sure that default is, and where it "
                "comes from. Published: a figure from an official or reported source. Estimate: "
                "derived or reported but not checked against an official source. Illustrative "
                "choice: no published figure; a value to vary."
            </p>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Table (scrolls sideways on narrow screens)">
                <table class="data-table" id="sources-table">
                    <caption>"Every setting, with its source and how sure it is"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Setting"</th>
                            <th scope="col">"Link key"</th>
                            <th scope="col">"Default"</th>
                            <th scope="col">"How sure"</th>
                            <th scope="col">"Source"</th>
                        </tr>
                    </thead>
                    <tbody>{parameters}</tbody>
                </table>
            </div>
        </section>
        <section class="card about" id="about-data" aria-labelledby="about-title">
            <h2 id="about-title">"About the data"</h2>
            <p>
                "The model runs on the real per-practice data for England, "
                {dataset.year.clone()}
                ", built from public files by this project's own dataset builder."
            </p>
            <p id="versions">
                "Data: " {gpfe_core::link::data_version(&dataset)} " (its name in shared links: "
                <code id="data-id">{data_id}</code>
                "). App: GP Funding Explorer " {env!("CARGO_PKG_VERSION")} "."
            </p>
            <h3>"Sources"</h3>
            <ul>{sources}</ul>
            <h3 id="formula-parts">"The parts of the formula"</h3>
            <div id="formula-fit">{formula}</div>
            <h3>"Licences"</h3>
            <ul class="attribution">{attribution}</ul>
            <h3>"Caveats"</h3>
            <ul class="caveats">{caveat_items}</ul>
            <details>
                <summary>"How the dataset was built"</summary>
                <table class="data-table" id="national-totals">
                    <caption>"National totals (equal to the published 2022/23 figures)"</caption>
                    <tbody>{totals}</tbody>
                </table>
                <div class="table-scroll" tabindex="0" role="region" aria-label="Table (scrolls sideways on narrow screens)">
                <table class="data-table">
                    <caption>"Joins by practice code"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Field"</th>
                            <th scope="col" class="num">"Matched"</th>
                            <th scope="col" class="num">"Imputed"</th>
                            <th scope="col" class="num">"Missing"</th>
                            <th scope="col">"How"</th>
                        </tr>
                    </thead>
                    <tbody>{joins}</tbody>
                </table>
                </div>
                <table class="data-table">
                    <caption>"Rows read per file"</caption>
                    <tbody>{rows_read}</tbody>
                </table>
            </details>
        </section>
    }
}
