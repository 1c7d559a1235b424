//! Embed mode: `?embed=CHART` shows one chart alone, sized to its frame, with its caption, the
//! scenario in one line, the source and licence, and a link back to the full explorer.

use super::chart::ChartCard;
use super::map::IcbMap;
use super::url;
use gpfe_core::data::Dataset;
pub use gpfe_core::link::embedded_chart;
use gpfe_core::link::{back_link, embed_snippet, embeddable};
use gpfe_core::model::Model;
use gpfe_core::series::{self, ChartId};
use leptos::prelude::*;
use std::sync::Arc;

/// The iframe snippet that embeds a chart of the current view.
pub fn snippet(id: ChartId, title: &str) -> String {
    let location = web_sys::window().map(|w| w.location());
    let base = location
        .as_ref()
        .map(|l| {
            format!(
                "{}{}",
                l.origin().unwrap_or_default(),
                l.pathname().unwrap_or_default()
            )
        })
        .unwrap_or_default();
    embed_snippet(&base, &url::current_query(), id.as_str(), title)
}

#[component]
pub fn Embed(dataset: Arc<Dataset>, id: String) -> impl IntoView {
    let query = url::current_query();
    let (scenario, selected, problems) = url::read_query(&query, &dataset);
    let model = Model::new(&dataset);
    let name = super::scenario_name(&scenario);
    let back = back_link(&query);
    let outcome = match model.run(&scenario) {
        Ok(o) => Arc::new(o),
        Err(e) => {
            return view! {
                <p class="error embed" role="alert">"This chart's settings cannot be run: " {e.to_string()}</p>
            }
            .into_any()
        }
    };
    let outcome = Memo::new(move |_| outcome.clone());
    let chart = if id == "map" {
        view! { <IcbMap dataset=dataset.clone() outcome=outcome /> }.into_any()
    } else if let Some(chart_id) = id.parse::<ChartId>().ok().filter(|_| embeddable(&id)) {
        let d = dataset.clone();
        let spec = Memo::new(move |_| {
            series::chart(chart_id, &d, &outcome.get(), selected)
                .unwrap_or_else(|| series::winners_losers(&outcome.get()))
        });
        view! { <ChartCard spec=spec /> }.into_any()
    } else {
        view! {
            <p class="error" role="alert">
                {format!(
                    "'embed' names no chart called '{id}'. Charts: map, {}.",
                    series::CHART_IDS
                        .iter()
                        .map(|c| c.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )}
            </p>
        }
        .into_any()
    };
    view! {
        <main class="embed">
            {chart}
            <p class="embed-scenario">"Scenario: " <strong>{name}</strong></p>
            {(!problems.is_empty()).then(|| view! { <p class="error">{problems.join("; ")}</p> })}
            <p class="embed-source">
                "Source: NHS Payments to General Practice 2022/23 (NHS England), OGL v3.0. "
                <a href=back target="_blank" rel="noopener">"Open in GP Funding Explorer"</a>
            </p>
        </main>
    }
    .into_any()
}
