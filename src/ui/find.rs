//! Find a practice (by name, code or postcode) or an area (PCN, sub-ICB, ICB), and the panels
//! that show the selected one's result.

use gpfe_core::data::Dataset;
pub use gpfe_core::find::Target;
use gpfe_core::find::{index, search};
use gpfe_core::format::{count, pounds};
use gpfe_core::model::{Model, Outcome, PaymentRow};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn Find(dataset: Arc<Dataset>, on_pick: Callback<Target>) -> impl IntoView {
    let names = super::names::names();
    // Practices by code until their names arrive (fetched when the reader first uses the
    // finder), then by name, code and postcode too.
    let entries = Memo::new(move |_| Arc::new(index(&super::names::peek(names, &dataset))));
    let want_names = move || {
        if let Some(n) = names {
            n.fetch();
        }
    };
    let (text, set_text) = signal(String::new());
    let (active, set_active) = signal(0_usize);
    let (open, set_open) = signal(false);
    let results = Memo::new(move |_| {
        let entries = entries.get();
        text.with(|t| {
            search(&entries, t, 8)
                .into_iter()
                .map(|e| (e.label.clone(), e.detail.clone(), e.target))
                .collect::<Vec<_>>()
        })
    });
    let names_note = move || {
        let n = names?;
        if let Some(e) = n.failure() {
            Some(format!(
                "Practice names could not be loaded ({e}): find practices by code."
            ))
        } else {
            n.loading().then(|| "Loading practice names…".to_string())
        }
    };
    let pick = move |target: Target, label: String| {
        set_text.set(label);
        set_open.set(false);
        on_pick.run(target);
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let n = results.with_untracked(|r| r.len());
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                set_open.set(true);
                set_active.update(|a| *a = (*a + 1) % n);
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                set_active.update(|a| *a = (*a + n - 1) % n);
            }
            "Enter" => {
                if let Some((label, _, target)) =
                    results.with_untracked(|r| r.get(active.get_untracked()).cloned())
                {
                    ev.prevent_default();
                    pick(target, label);
                }
            }
            "Escape" => set_open.set(false),
            _ => {}
        }
    };
    view! {
        <div class="find" role="search">
            <label for="find-input">"Find a practice or area"</label>
            <input
                id="find-input"
                type="search"
                role="combobox"
                autocomplete="off"
                placeholder="Practice name or code, postcode, PCN, ICB, council or constituency"
                aria-autocomplete="list"
                aria-controls="find-results"
                aria-expanded=move || (open.get() && !results.with(|r| r.is_empty())).to_string()
                aria-activedescendant=move || {
                    if open.get() { format!("find-result-{}", active.get()) } else { String::new() }
                }
                prop:value=move || text.get()
                on:focus=move |_| want_names()
                on:input=move |ev| {
                    want_names();
                    set_text.set(event_target_value(&ev));
                    set_active.set(0);
                    set_open.set(true);
                }
                on:keydown=on_key
            />
            <ul
                id="find-results"
                role="listbox"
                class="find-results"
                class:hidden=move || !open.get() || results.with(|r| r.is_empty())
            >
                {move || {
                    results
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, (label, detail, target))| {
                            let chosen = label.clone();
                            view! {
                                <li
                                    id=format!("find-result-{i}")
                                    role="option"
                                    aria-selected=move || (active.get() == i).to_string()
                                    class:active=move || active.get() == i
                                    on:mousedown=move |ev| {
                                        ev.prevent_default();
                                        pick(target, chosen.clone());
                                    }
                                >
                                    <span class="result-label">{label}</span>
                                    <span class="result-detail">{detail}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            {move || names_note().map(|note| view! { <p class="help" id="find-names" aria-live="polite">{note}</p> })}
        </div>
    }
}

/// A table of payment lines: baseline, scenario and change, in pounds.
#[component]
pub fn LinesTable(
    caption: &'static str,
    #[prop(optional)] id: &'static str,
    rows: Vec<PaymentRow>,
) -> impl IntoView {
    let rows = rows
        .into_iter()
        .map(|r| {
            view! {
                <tr>
                    <th scope="row">{r.label}</th>
                    <td class="num">{pounds(r.baseline_pence)}</td>
                    <td class="num">{pounds(r.scenario_pence)}</td>
                    <td class="num">{pounds(r.change_pence)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Table (scrolls sideways on narrow screens)">
            <table class="data-table" id=(!id.is_empty()).then_some(id)>
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Line"</th>
                        <th scope="col" class="num">"2022/23"</th>
                        <th scope="col" class="num">"Scenario"</th>
                        <th scope="col" class="num">"Change"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

fn pct(v: f64) -> String {
    format!("{v:+.2}%")
}

/// How the model's fitted parts were made ([`gpfe_core::model::how_fitted`]): additional
/// needs, rurality and area costs.
#[derive(Clone)]
pub struct PartsHow(pub [String; 3]);

/// The selected practice: its money by line, per patient, rank, deprivation, how its
/// weighted patients are made, and on request its receipt.
#[component]
pub fn PracticePanel(
    dataset: Arc<Dataset>,
    model: Arc<Model>,
    outcome: Memo<Arc<Outcome>>,
    index: usize,
    on_close: Callback<()>,
) -> impl IntoView {
    let Some(p) = dataset.practices.get(index).cloned() else {
        return ().into_any();
    };
    let names = super::names::names();
    // The code alone until the names arrive.
    let named = {
        let dataset = dataset.clone();
        move || {
            super::names::named(names, &dataset)
                .practices
                .get(index)
                .map(|p| (p.title(), p.postcode.clone()))
                .unwrap_or_default()
        }
    };
    let icb = dataset
        .icbs
        .get(p.icb)
        .map(|a| a.name.clone())
        .unwrap_or_default();
    let pcn = p
        .pcn
        .and_then(|i| dataset.pcns.get(i))
        .map(|a| a.name.clone())
        .unwrap_or_default();
    // Where the surgery is (its own neighbourhood, not where its patients live).
    let name_of = |list: &[gpfe_core::data::Area], i: Option<usize>| {
        i.and_then(|i| list.get(i)).map(|a| a.name.clone())
    };
    let place = match (
        name_of(&dataset.local_authorities, p.local_authority),
        name_of(&dataset.constituencies, p.constituency),
    ) {
        (Some(council), Some(seat)) => Some(format!(
            "The surgery is in {council} (council) and {seat} (constituency){}.",
            p.rural_class
                .map(|c| format!(", in a neighbourhood classed \"{}\"", c.label()))
                .unwrap_or_default()
        )),
        _ => None,
    }
    .map(|text| view! { <p class="where" id="practice-place">{text}</p> });
    let (receipt_open, set_receipt_open) = signal(false);
    let receipt = {
        let dataset = dataset.clone();
        move || {
            receipt_open.get().then(|| {
                view! {
                    <super::receipt::ReceiptView
                        dataset=dataset.clone()
                        model=model.clone()
                        outcome=outcome
                        index=index
                        on_close=Callback::new(move |_| {
                            set_receipt_open.set(false);
                            // Back to the button that opened it.
                            if let Some(b) = web_sys::window()
                                .and_then(|w| w.document())
                                .and_then(|d| d.get_element_by_id("receipt-toggle"))
                            {
                                use wasm_bindgen::JsCast;
                                if let Ok(b) = b.dyn_into::<web_sys::HtmlElement>() {
                                    let _ = b.focus();
                                }
                            }
                        })
                    />
                }
            })
        }
    };
    let for_lines = p.clone();
    let lines = move || {
        let rows = outcome
            .get()
            .practice_rows(&for_lines, index)
            .map(|rows| rows.table())
            .unwrap_or_default();
        view! { <LinesTable caption="Payments by line, 2022/23 against the scenario" id="practice-lines" rows=rows /> }
    };
    // The outcome holds no practices when even the baseline cannot be run: show nothing then.
    let facts = move || {
        let o = outcome.get();
        let r = o.practices.get(index)?;
        let (reg_b, reg_s) = r.per_registered();
        let (w_b, w_s) = r.per_weighted();
        let rank = o
            .rank_per_registered(index)
            .map(|(k, n)| format!("{} of {}", count(k as u64), count(n as u64)))
            .unwrap_or_else(|| "not ranked (no registered patients)".into());
        Some(view! {
            <dl class="facts">
                <dt>"Change"</dt>
                <dd class="change">{pounds(r.change_pence())} " (" {pct(r.change_pct())} ")"</dd>
                <dt>"£ per registered patient"</dt>
                <dd>{format!("£{reg_b:.2} now, £{reg_s:.2} in the scenario")}</dd>
                <dt>"£ per weighted patient (published 2022/23 weighted list)"</dt>
                <dd>{format!("£{w_b:.2} now, £{w_s:.2} in the scenario")}</dd>
                <dt>"Rank by £ per registered patient"</dt>
                <dd>{rank}</dd>
                <dt>"Deprivation"</dt>
                <dd>
                    {format!(
                        "IMD 2019 score {:.1}, decile {} of 10 (10 = most deprived)",
                        p.imd_score, r.imd_decile
                    )}
                </dd>
            </dl>
        })
    };
    let scenario = use_context::<RwSignal<gpfe_core::scenario::Scenario>>();
    let how = use_context::<PartsHow>().map(|h| h.0).unwrap_or_default();
    let walk = move || {
        use gpfe_core::scenario::WholeFormula;
        let formula = scenario.map_or(WholeFormula::CarrHill, |s| s.with(|s| s.formula));
        let o = outcome.get();
        let r = o.practices.get(index)?;
        let (b, s) = (o.parts_baseline(index), o.parts_scenario(index));
        let [how_needs, how_rurality, how_area] = how.clone();
        let index_row = |label: &'static str, how: String, b: f64, s: f64| {
            view! {
                <tr>
                    <th scope="row">{label} " " <span class="how">{how}</span></th>
                    <td class="num">{format!("{b:.4}")}</td>
                    <td class="num">{format!("{s:.4}")}</td>
                </tr>
            }
        };
        let uplifts = (s.uplifts != 1.0).then(|| {
            index_row(
                "× uplifts",
                "(deprivation, rural, dispersion)".into(),
                b.uplifts,
                s.uplifts,
            )
        });
        let (low, high) = gpfe_core::model::REMAINDER_PLAUSIBLE;
        let flag = r.implausible_remainder.then(|| {
            view! {
                <p class="flag" id="practice-mismatch">
                    {format!(
                        "Its age bands (December 2025) do not fit its published 2022/23 list: the remainder is {:.2}, outside {low} to {high}, so its age-sex index is unreliable and moving the remainder or the age-sex weights moves it more than its real list would.",
                        b.remainder
                    )}
                </p>
            }
        });
        let note = match formula {
            WholeFormula::CarrHill => None,
            WholeFormula::PrimaryMedicalCare => Some("The scenario's list is NHS England's primary medical care need-weighted list (2022/23 allocations), scaled to the published total."),
            WholeFormula::Own => Some("The scenario's list is registered patients × the age-sex index, with the deprivation uplift."),
        }
        .map(|text| view! { <p class="how-sure" id="walk-formula">{text}</p> });
        Some(view! {
            {note}
            <table class="data-table walk">
                <caption>"How its weighted patients are made"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Step"</th>
                        <th scope="col" class="num">"2022/23"</th>
                        <th scope="col" class="num">"Scenario"</th>
                    </tr>
                </thead>
                <tbody>
                    <tr>
                        <th scope="row">"Registered patients"</th>
                        <td class="num">{format!("{:.2}", r.registered_baseline)}</td>
                        <td class="num">{format!("{:.2}", r.registered_scenario)}</td>
                    </tr>
                    {index_row("× age-sex", "(published weights, on its age bands)".into(), b.age_sex, s.age_sex)}
                    {index_row("× list turnover", "(estimated from its list's growth since 2021/22)".into(), b.turnover, s.turnover)}
                    {index_row("× additional needs", how_needs, b.needs, s.needs)}
                    {index_row("× rurality", how_rurality, b.rurality, s.rurality)}
                    {index_row("× area costs", how_area, b.area, s.area)}
                    {index_row(
                        if formula == WholeFormula::PrimaryMedicalCare { "× remainder; in the scenario, need per patient" } else { "× remainder" },
                        "(remainder: the rest of the published list)".into(),
                        b.remainder,
                        s.remainder,
                    )}
                    {uplifts}
                    {index_row("× national scale", "(keeps the weighted total)".into(), b.scale, s.scale)}
                    <tr>
                        <th scope="row">"= weighted patients"</th>
                        <td class="num">{format!("{:.2}", r.weighted_baseline)}</td>
                        <td class="num">{format!("{:.2}", r.weighted_scenario)}</td>
                    </tr>
                    <tr>
                        <th scope="row">"Yardstick for £ per weighted patient: the published 2022/23 formula on these patients"</th>
                        <td class="num">{format!("{:.2}", r.weighted_baseline)}</td>
                        <td class="num">{format!("{:.2}", r.yardstick)}</td>
                    </tr>
                </tbody>
            </table>
            {flag}
        })
    };
    view! {
        <section class="card panel" id="practice-panel" aria-labelledby="practice-title">
            <div class="panel-head">
                <h2 id="practice-title">{let named = named.clone(); move || named().0}</h2>
                <button type="button" class="link-button" on:click=move |_| on_close.run(())>
                    "Close"
                </button>
            </div>
            <p class="where">
                {move || {
                    let postcode = named().1;
                    let place = if postcode.is_empty() { pcn.clone() } else { format!("{postcode}, {pcn}") };
                    format!("{place}. {icb}. {} contract.", p.contract.label())
                }}
            </p>
            {place}
            {facts}
            {lines}
            {walk}
            <p class="receipt-open">
                <button
                    type="button"
                    id="receipt-toggle"
                    aria-controls="receipt"
                    aria-expanded=move || receipt_open.get().to_string()
                    on:click=move |_| set_receipt_open.update(|o| *o = !*o)
                >
                    {move || if receipt_open.get() { "Hide the receipt" } else { "Show the receipt" }}
                </button>
                " Every step from its patients to its total, to print or download."
            </p>
            {receipt}
        </section>
    }
    .into_any()
}

/// A selected area's totals; for a council, constituency or PCN, its practices one by one too.
#[component]
pub fn AreaPanel(
    dataset: Arc<Dataset>,
    outcome: Memo<Arc<Outcome>>,
    target: Target,
    on_close: Callback<()>,
) -> impl IntoView {
    let local = matches!(
        target,
        Target::LocalAuthority(_) | Target::Constituency(_) | Target::Pcn(_)
    );
    let d = dataset.clone();
    // An area with a chart of its practices says this in the chart's description.
    let sentence = move || {
        (!local)
            .then(|| gpfe_core::series::area_sentence(&d, &outcome.get(), target))
            .flatten()
            .map(|text| view! { <p class="area-sentence" id="area-sentence">{text}</p> })
    };
    let names = super::names::names();
    let practices = local.then(|| {
        let d = dataset.clone();
        let spec = Memo::new(move |_| {
            let o = outcome.get();
            // The chart names each practice: fetch the names, and redraw when they arrive.
            let d = super::names::named(names, &d);
            gpfe_core::series::area_practices(&d, &o, target)
                .unwrap_or_else(|| gpfe_core::series::winners_losers(&o))
        });
        view! { <super::chart::ChartCard spec=spec /> }
    });
    let body = move || {
        let o = outcome.get();
        let kind = target.kind();
        target.group(&o).cloned().map(|g| {
            view! {
                <div class="panel-head">
                    <h2 id="area-title">{g.name.to_string()}</h2>
                    <button type="button" class="link-button" on:click=move |_| on_close.run(())>
                        "Close"
                    </button>
                </div>
                <p class="where">{format!("{kind} {}", g.code)}</p>
                <dl class="facts">
                    <dt>"Practices"</dt>
                    <dd>{count(g.practices as u64)}</dd>
                    <dt>"Registered patients"</dt>
                    <dd>{count(g.registered.round() as u64)}</dd>
                    <dt>"Total NHS payments"</dt>
                    <dd>{format!("{} now, {} in the scenario", pounds(g.baseline_pence), pounds(g.scenario_pence))}</dd>
                    <dt>"Change"</dt>
                    <dd class="change">{pounds(g.change_pence())} " (" {pct(g.change_pct())} ")"</dd>
                    <dt>"£ per weighted patient (published 2022/23 weighted list)"</dt>
                    <dd>{format!("£{:.2} now, £{:.2} in the scenario", g.baseline_per_weighted(), g.scenario_per_weighted())}</dd>
                </dl>
            }
        })
    };
    view! {
        <section class="card panel" id="area-panel" aria-labelledby="area-title">
            {body}
            {sentence}
            {local.then(|| view! {
                <p class="where">
                    {gpfe_core::series::WHERE_SURGERIES_ARE}
                </p>
            })}
            {practices}
        </section>
    }
}
