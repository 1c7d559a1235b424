//! "About the data": sources, licences, the build report and every caveat.

use gpfe_core::data::caveats::{caveats, SOURCES};
use gpfe_core::data::Dataset;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn AboutData(dataset: Arc<Dataset>) -> impl IntoView {
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

    view! {
        <section class="card about" id="about-data" aria-labelledby="about-title">
            <h2 id="about-title">"About the data"</h2>
            <p>
                "The model runs on the real per-practice data for England, "
                {dataset.year.clone()}
                ", built from public files by this project's own dataset builder."
            </p>
            <h3>"Sources"</h3>
            <ul>{sources}</ul>
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
