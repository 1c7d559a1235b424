//! What each story's own levers do, beside the explorer's charts.

use gpfe_core::data::Dataset;
use gpfe_core::format::{count, pounds};
use gpfe_core::model::{Model, Outcome, RulesBefore2019, REPORTED_JULY_2018_EFFECT};
use gpfe_core::scenario::Scenario;
use gpfe_core::series::{self, ChartId, ChartKind, ChartSpec, Table};
use leptos::prelude::*;
use std::sync::Arc;

/// The digital-first practice: the host's income by line, the donors by ICB, the commissioner's
/// cost pressure, and the payment rules' effect beside the reported one.
#[component]
pub fn DigitalFirstCard(
    dataset: Arc<Dataset>,
    model: Arc<Model>,
    outcome: Memo<Arc<Outcome>>,
) -> impl IntoView {
    let names = super::names::names();
    // The rules' effect is a second run of the model under the rules before 2019: worked out
    // for each outcome while the card is on screen, and for the outcome of the moment once the
    // controls are still (as the charts off screen catch up), never while a slider moves with
    // the card out of sight. Kept with the outcome it was made for, so that no figure of an
    // earlier scenario is shown.
    let section = NodeRef::<leptos::html::Section>::new();
    let seen = super::chart::within(section, "100px", false);
    let scenario = use_context::<RwSignal<Scenario>>();
    let settled = use_context::<super::chart::Settled>();
    type Made = Result<Option<RulesBefore2019>, String>;
    let (rules, set_rules) = signal(None::<(Arc<Outcome>, Made)>);
    Effect::new(move |_| {
        if let Some(super::chart::Settled(tick)) = settled {
            tick.track();
        }
        let o = if seen.get() {
            outcome.get()
        } else {
            outcome.get_untracked()
        };
        let done = rules.with_untracked(|r| r.as_ref().is_some_and(|(d, _)| Arc::ptr_eq(d, &o)));
        if o.digital_first.is_none() || done {
            return;
        }
        let Some(scenario) = scenario else {
            return;
        };
        let made = scenario.with_untracked(|s| model.rules_before_2019(s, &o));
        set_rules.set(Some((o, made.map_err(|e| e.to_string()))));
    });
    let body = move || {
        let o = outcome.get();
        let df = o.digital_first.as_ref()?;
        let dataset = super::names::named(names, &dataset);
        let practice = dataset.practices.get(df.host)?;
        let host = o.practices.get(df.host)?;
        // The rows add up to the host's total, the payments that followed its patients included.
        let lines: Vec<gpfe_core::model::PaymentRow> = o
            .practice_rows(practice, df.host)
            .map(|rows| rows.table())
            .unwrap_or_default()
            .into_iter()
            .filter(|r| r.baseline_pence != 0 || r.scenario_pence != 0)
            .collect();
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
                        <td class="num">{count(a.patients_returned.round() as u64)}</td>
                        <td class="num">{count(a.patients_given.round() as u64)}</td>
                        <td class="num">{pounds(a.change_pence)}</td>
                    </tr>
                }
            })
            .collect_view();
        let (theoretical, real) = REPORTED_JULY_2018_EFFECT;
        Some(view! {
            <h2 id="df-title">"The digital-first practice: who pays for its joiners?"</h2>
            <p id="df-summary">
                {match df.before {
                    Some(b) => format!(
                        "{} first goes back to its {} list as {}, {} patients, before it went digital-first: the other {} of its 2022/23 list return to the donor practices. Then {} patients move to it: its list is {} and its NHS payments change by {} ({:+.2}%) against 2022/23.",
                        practice.title(),
                        b.year,
                        b.name,
                        count(b.registered.round() as u64),
                        count(df.returned.round() as u64),
                        count(df.joiners.round() as u64),
                        count(host.registered_scenario.round() as u64),
                        pounds(df.host_change_pence),
                        df.host_change_pct
                    ),
                    None => format!(
                        "{} patients move to {}: its NHS payments change by {} ({:+.2}%).",
                        count(df.joiners.round() as u64),
                        practice.title(),
                        pounds(df.host_change_pence),
                        df.host_change_pct
                    ),
                }}
            </p>
            <dl class="facts">
                <dt>"Payment rules' effect on the host"</dt>
                <dd id="df-rules-effect">
                    {
                        let made_for = o.clone();
                        move || rules.with(|r| match r {
                            Some((done, Ok(Some(r)))) if Arc::ptr_eq(done, &made_for) => format!(
                                "{:+.2}% against the rules before 2019 (this model). Reported for the July 2018 proposals: {real:+.1}% for the most affected real practice (HSJ, 2018).",
                                r.rules_effect_pct
                            ),
                            Some((done, Err(e))) if Arc::ptr_eq(done, &made_for) => {
                                format!("Not worked out: the run under the rules before 2019 failed ({e}).")
                            }
                            _ => "Being worked out: the same joiners under the rules before 2019.".to_string(),
                        })
                    }
                </dd>
                <dt>"A practice made only of the joiners"</dt>
                <dd id="df-theoretical">
                    {format!(
                        "{} joiners, {} weighted patients: {} a year in pooled payments and London weighting, {:+.2}% against the rules before 2019 (this model). Reported for a theoretical digital-first practice under the July 2018 proposals: {theoretical:+.1}% (HSJ, 2018).",
                        count(df.theoretical.joiners.round() as u64),
                        count(df.theoretical.weighted.round() as u64),
                        pounds(df.theoretical.scenario_rules_pence),
                        df.theoretical.rules_effect_pct
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
            <super::find::LinesTable caption="The host's payments by line" id="df-host-lines" rows=lines />
            <div class="table-scroll" tabindex="0" role="region" aria-label="Table (scrolls sideways on narrow screens)">
                <table class="data-table" id="df-donors">
                    <caption>"Where the joiners come from, by ICB (change in all its practices' payments against 2022/23)"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"ICB"</th>
                            <th scope="col" class="num">"Patients returned by the host"</th>
                            <th scope="col" class="num">"Joiners given"</th>
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
            <section class="card story-card" id="digital-first" aria-labelledby="df-title" node_ref=section>
                {body.clone()}
            </section>
        </Show>
    }
}

/// Networks: how big they are, what pooling does, what the contract pays, and family care
/// network budgets against what their practices receive today.
#[component]
pub fn NetworksCard(outcome: Memo<Arc<Outcome>>) -> impl IntoView {
    let body = move || {
        let o = outcome.get();
        let n = o.networks.as_ref()?;
        let fcn = n.fcn_on();
        let biggest = n.most_moved(15);
        let rows = biggest
            .into_iter()
            .map(|r| {
                let change = r.change_pence();
                view! {
                    <tr>
                        <th scope="row">{r.name.clone()}</th>
                        <td class="num">{count(r.practices as u64)}</td>
                        <td class="num">{count(r.registered.round() as u64)}</td>
                        <td class="num">
                            {format!("£{:.2}", r.per_head())}
                        </td>
                        <td class="num">
                            {format!("{} ({:+.2}%)", pounds(change), r.change_pct())}
                        </td>
                        <td class="num">{r.contract_pence.map(pounds).unwrap_or_else(|| "-".into())}</td>
                        <td class="num">{if fcn { pounds(r.fcn_budget_pence) } else { "-".into() }}</td>
                        <td class="num">{if fcn { pounds(r.fcn_today_pence) } else { "-".into() }}</td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <h2 id="networks-title">"Networks: how big, and what moves within them?"</h2>
            <dl class="facts">
                <dt>"Networks"</dt>
                <dd id="networks-count">
                    {format!(
                        "{}: {} in the 30,000-50,000 band, {} smaller, {} larger",
                        count(n.networks.len() as u64),
                        count(n.sizes.in_band as u64),
                        count(n.sizes.below_band as u64),
                        count(n.sizes.above_band as u64)
                    )}
                </dd>
                <dt>"Pooled and shared back within networks"</dt>
                <dd>{pounds(n.pooled_pence)}</dd>
                <dt>"PCN contract funding at the year's rates"</dt>
                <dd>
                    {n.contract_total_pence()
                        .zip(n.contract_per_registered())
                        .map(|(c, per_head)| format!(
                            "{} (£{per_head:.2} per registered patient); ARRS cap {}",
                            pounds(c),
                            n.arrs_cap_total_pence().map(pounds).unwrap_or_else(|| "not set that year".into())
                        ))
                        .unwrap_or_else(|| "choose a contract year".into())}
                </dd>
                <dt>"Family care network budgets"</dt>
                <dd id="fcn-summary">
                    {if fcn {
                        format!(
                            "{} shared by need; {} networks would get more than their practices receive today; {} at risk on outcomes",
                            pounds(n.fcn_scope_pence),
                            count(n.fcn_gainers() as u64),
                            pounds(n.fcn_at_risk_total_pence())
                        )
                    } else {
                        "off".to_string()
                    }}
                </dd>
            </dl>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Table (scrolls sideways on narrow screens)">
                <table class="data-table" id="networks-table">
                    <caption>
                        {if fcn {
                            "The 15 networks whose budget differs most from what their practices receive today"
                        } else {
                            "The 15 networks whose payments change most"
                        }}
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">"Network"</th>
                            <th scope="col" class="num">"Practices"</th>
                            <th scope="col" class="num">"Registered patients"</th>
                            <th scope="col" class="num">"£ per head"</th>
                            <th scope="col" class="num">"Change in payments"</th>
                            <th scope="col" class="num">"Contract funding"</th>
                            <th scope="col" class="num">"Family care budget"</th>
                            <th scope="col" class="num">"Today, same scope"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })
    };
    view! {
        <Show when=move || outcome.with(|o| o.networks.is_some())>
            <section class="card story-card" id="networks" aria-labelledby="networks-title">
                {body}
            </section>
            <StoryChart outcome=outcome make=series::network_sizes />
        </Show>
    }
}

/// The QOF successor: what was retired, re-spent and returned; the deprivation charts show who
/// gains.
#[component]
pub fn QofCard(outcome: Memo<Arc<Outcome>>) -> impl IntoView {
    let body = move || {
        let o = outcome.get();
        let q = o.qof_successor?;
        let quintiles = &o.by_imd_quintile;
        let (least, most) = (quintiles.first()?, quintiles.last()?);
        Some(view! {
            <h2 id="qof-title">"The QOF successor: where does retired QOF money go?"</h2>
            <dl class="facts">
                <dt>"Retired from QOF"</dt>
                <dd id="qof-retired">{pounds(q.retired_pence)}</dd>
                <dt>"Spent again by the chosen base"</dt>
                <dd>{pounds(q.respent_pence)}</dd>
                <dt>"Returned to QOF (new indicators)"</dt>
                <dd>{pounds(q.returned_pence)}</dd>
                <dt>"Least deprived fifth"</dt>
                <dd>{format!("{} ({:+.2}%)", pounds(least.change_pence()), least.change_pct())}</dd>
                <dt>"Most deprived fifth"</dt>
                <dd>{format!("{} ({:+.2}%)", pounds(most.change_pence()), most.change_pct())}</dd>
            </dl>
            <p class="help">"The charts below show the winners and losers of the switch, by deprivation decile and quintile."</p>
        })
    };
    view! {
        <Show when=move || outcome.with(|o| o.qof_successor.is_some())>
            <section class="card story-card" id="qof-successor" aria-labelledby="qof-title">
                {body}
            </section>
        </Show>
    }
}

/// The real history, loaded on request (1.4 MB): no scenario applied.
#[component]
pub fn HistorySection() -> impl IntoView {
    #[derive(Clone)]
    enum State {
        Idle,
        Loading,
        Ready(Arc<Vec<gpfe_core::history::YearSummary>>),
        Failed(String),
    }
    let (state, set_state) = signal(State::Idle);
    let load = move |_| {
        set_state.set(State::Loading);
        leptos::task::spawn_local(async move {
            set_state.set(match super::load::load_history().await {
                Ok(h) => State::Ready(Arc::new(gpfe_core::history::summarise(&h))),
                Err(e) => State::Failed(e),
            });
        });
    };
    view! {
        <section class="card history" id="history" aria-labelledby="history-title">
            <h2 id="history-title">"The real history, 2014/15 to 2022/23"</h2>
            <p class="help">
                "Published figures from each year's NHS Payments to General Practice file, with no scenario applied. Practices are put in fifths of equal registered population by their newest IMD score."
            </p>
            {move || match state.get() {
                State::Idle => {
                    view! {
                        <button type="button" id="load-history" on:click=load>
                            "Show the history (a 1.4 MB download)"
                        </button>
                    }
                        .into_any()
                }
                State::Loading => view! { <p aria-live="polite">"Loading the history…"</p> }.into_any(),
                State::Failed(e) => {
                    view! { <p class="error" role="alert">"The history could not be loaded: " {e}</p> }
                        .into_any()
                }
                State::Ready(years) => {
                    let charts = series::history_charts(&years)
                        .into_iter()
                        .map(|spec| {
                            let memo = Memo::new(move |_| spec.clone());
                            view! { <super::chart::ChartCard spec=memo /> }
                        })
                        .collect_view();
                    view! { <div class="charts">{charts}</div> }.into_any()
                }
            }}
        </section>
    }
}

/// A story's chart, shown while its lever is in use.
/// The empty chart a story holds while its chart is not shown.
pub fn empty_spec() -> ChartSpec {
    ChartSpec {
        id: ChartId::Story,
        title: String::new(),
        x_label: String::new(),
        y_label: String::new(),
        kind: ChartKind::Bars {
            categories: Vec::new(),
            series: Vec::new(),
        },
        table: Table::default(),
        summary: String::new(),
    }
}

#[component]
pub fn StoryChart(
    outcome: Memo<Arc<Outcome>>,
    make: fn(&Outcome) -> Option<ChartSpec>,
) -> impl IntoView {
    // Built once per outcome: whether to show the chart, and what it shows.
    let made = Memo::new(move |_| make(&outcome.get()));
    let spec = Memo::new(move |_| made.get().unwrap_or_else(empty_spec));
    view! {
        <Show when=move || made.with(Option::is_some)>
            <super::chart::ChartCard spec=spec />
        </Show>
    }
}
