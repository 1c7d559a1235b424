//! What each story's own levers do, beside the explorer's charts.

use crate::data::Dataset;
use crate::format::{count, pounds};
use crate::model::{Outcome, REPORTED_JULY_2018_EFFECT};
use leptos::prelude::*;
use std::sync::Arc;

/// The digital-first practice: the host's income by line, the donors by ICB, the commissioner's
/// cost pressure, and the payment rules' effect beside the reported one.
#[component]
pub fn DigitalFirstCard(dataset: Arc<Dataset>, outcome: Memo<Arc<Outcome>>) -> impl IntoView {
    let body = move || {
        let o = outcome.get();
        let df = o.digital_first.as_ref()?;
        let practice = dataset.practices.get(df.host)?;
        let host = o.practices.get(df.host)?;
        let lines = o
            .practice_lines(practice, df.host)
            .into_iter()
            .filter(|(_, b, s)| *b != 0 || *s != 0)
            .map(|(line, b, s)| {
                view! {
                    <tr>
                        <th scope="row">{line.label}</th>
                        <td class="num">{pounds(b)}</td>
                        <td class="num">{pounds(s)}</td>
                        <td class="num">{pounds(s - b)}</td>
                    </tr>
                }
            })
            .collect_view();
        let donors = df
            .by_donor_icb
            .iter()
            .take(12)
            .map(|a| {
                let name = dataset
                    .icbs
                    .get(a.icb)
                    .map(|i| i.name.clone())
                    .unwrap_or_default();
                view! {
                    <tr>
                        <th scope="row">{name}</th>
                        <td class="num">{count(a.patients_given.round() as u64)}</td>
                        <td class="num">{pounds(a.change_pence)}</td>
                    </tr>
                }
            })
            .collect_view();
        let (theoretical, real) = REPORTED_JULY_2018_EFFECT;
        Some(view! {
            <h2 id="df-title">"The digital-first practice: who pays for its joiners?"</h2>
            <p>
                {format!(
                    "{} patients move to {} ({}): its NHS payments change by {} ({:+.2}%).",
                    count(df.joiners.round() as u64),
                    practice.name,
                    practice.code,
                    pounds(df.host_change_pence),
                    df.host_change_pct
                )}
            </p>
            <dl class="facts">
                <dt>"Payment rules' effect on the host"</dt>
                <dd id="df-rules-effect">
                    {format!(
                        "{:+.2}% against the rules before 2019 (this model). Reported for the July 2018 proposals: {theoretical:+.1}% for a theoretical digital-first practice, {real:+.1}% for the most affected real practice (HSJ, 2018).",
                        df.rules_effect_pct
                    )}
                </dd>
                <dt>"London weighting for joiners outside London"</dt>
                <dd>{pounds(df.london_weighting_pence)}</dd>
                <dt>"Host commissioner's cost pressure"</dt>
                <dd id="df-cost-pressure">
                    {format!(
                        "{} for {} out-of-area joiners until allocations follow (assumed cost per patient ⚠ unverified).",
                        pounds(df.cost_pressure_pence),
                        count(df.out_of_area_joiners.round() as u64)
                    )}
                </dd>
                <dt>"Host's registered list"</dt>
                <dd>{format!("{} patients in the scenario", count(host.registered_scenario.round() as u64))}</dd>
            </dl>
            <div class="table-scroll">
                <table class="data-table" id="df-host-lines">
                    <caption>"The host's payments by line"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Line"</th>
                            <th scope="col" class="num">"2022/23"</th>
                            <th scope="col" class="num">"Scenario"</th>
                            <th scope="col" class="num">"Change"</th>
                        </tr>
                    </thead>
                    <tbody>{lines}</tbody>
                </table>
            </div>
            <div class="table-scroll">
                <table class="data-table" id="df-donors">
                    <caption>"Where the joiners come from, by ICB (change in all its practices' payments)"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"ICB"</th>
                            <th scope="col" class="num">"Patients given"</th>
                            <th scope="col" class="num">"Change"</th>
                        </tr>
                    </thead>
                    <tbody>{donors}</tbody>
                </table>
            </div>
        })
    };
    view! {
        <Show when=move || outcome.with(|o| o.digital_first.is_some())>
            <section class="card story-card" id="digital-first" aria-labelledby="df-title">
                {body.clone()}
            </section>
        </Show>
    }
}
