//! The controls panel, built from the scenario's parameter descriptions: every control has a
//! label, its units, its current value, a mark at its default, and a short explanation with its
//! source; unverified defaults say so.

use super::url::Navigation;
use gpfe_core::scenario::{parameter, Kind, Parameter, Scenario, PARAMETERS, PRESETS};
use leptos::prelude::*;

/// A number with no more than two decimal places and no trailing zeros (`85`, `3.2`, `91.08`).
fn trim(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// How a parameter's value reads, with its unit.
pub fn show_value(p: &Parameter, v: f64) -> String {
    match p.kind {
        Kind::Number { unit: "%", .. } => format!("{}%", trim(v * 100.0)),
        Kind::Number {
            unit: "% a year", ..
        } => format!("{}% a year", trim(v * 100.0)),
        Kind::Number { unit: "£bn", .. } => format!("£{v:.0}bn"),
        Kind::Number {
            unit: "£m a year", ..
        } => format!("£{v:.0}m a year"),
        Kind::Number {
            unit: "£bn a year",
        ..
        } => format!("£{v:.1}bn a year"),
        Kind::Number { unit: "£", .. } => {
            format!("£{}", gpfe_core::format::count(v.round() as u64))
        }
        Kind::Number {
            unit: "million", ..
        } => format!("{v:.1} million"),
        Kind::Number { unit: "×", .. } => format!("{v:.3}×"),
        Kind::Number {
            unit: "£ per patient",
            ..
        } => format!("£{v:.2} per patient"),
        Kind::Number {
            unit: "£ per weighted patient",
            ..
        } => {
            if v == 0.0 {
                "none".to_string()
            } else {
                format!("£{v:.0} per weighted patient")
            }
        }
        Kind::Number {
            unit: "patients", ..
        } => format!("{} patients", gpfe_core::format::count(v.round() as u64)),
        Kind::Number {
            unit: "quarters", ..
        } => format!("{v:.0} quarters"),
        Kind::Number {
            unit: "£ per patient a year",
            ..
        } => format!("£{v:.0} per patient a year"),
        _ => format!("{v:.3}"),
    }
}

/// A slider for one numeric parameter.
#[component]
fn Slider(key: &'static str, scenario: RwSignal<Scenario>, nav: Navigation) -> impl IntoView {
    let Some(p) = parameter(key) else {
        return ().into_any();
    };
    let Kind::Number { min, max, step, .. } = p.kind else {
        return ().into_any();
    };
    let default = Scenario::default().number(key).unwrap_or(min);
    let id = format!("control-{key}");
    let list = format!("default-{key}");
    let help_id = format!("help-{key}");
    let value = move || scenario.with(|s| s.number(key).unwrap_or(default));
    view! {
        <div class="control">
            <label for=id.clone()>
                {p.label}
                {p.unverified.then(|| view! { <span class="unverified" title="This default has not been checked against an official source">" ⚠ unverified"</span> })}
            </label>
            <input
                id=id.clone()
                type="range"
                min=min
                max=max
                step=step
                list=list.clone()
                aria-describedby=help_id.clone()
                aria-valuetext=move || show_value(p, value())
                prop:value=move || value().to_string()
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    scenario.update(|s| {
                        let _ = s.set(key, &v);
                    });
                    nav.replace();
                }
                on:change=move |_| nav.push()
            />
            <datalist id=list>
                <option value=default label="default"></option>
            </datalist>
            <output for=id class="value">{move || show_value(p, value())}</output>
            <p class="help" id=help_id>
                {p.help}
                " Default: "
                {show_value(p, default)}
                "."
            </p>
        </div>
    }
    .into_any()
}

/// A checkbox for a switch parameter.
#[component]
fn Switch(key: &'static str, scenario: RwSignal<Scenario>, nav: Navigation) -> impl IntoView {
    let Some(p) = parameter(key) else {
        return ().into_any();
    };
    let id = format!("control-{key}");
    let help_id = format!("help-{key}");
    view! {
        <div class="control switch">
            <input
                id=id.clone()
                type="checkbox"
                aria-describedby=help_id.clone()
                prop:checked=move || scenario.with(|s| s.number(key) == Some(1.0))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    scenario.update(|s| {
                        let _ = s.set(key, if on { "1" } else { "0" });
                    });
                    nav.push();
                }
            />
            <label for=id>{p.label}</label>
            <p class="help" id=help_id>
                {p.help}
                {if Scenario::default().number(key) == Some(1.0) {
                    " Default: on."
                } else {
                    " Default: off."
                }}
            </p>
        </div>
    }
    .into_any()
}

/// Radio buttons for a choice parameter.
#[component]
fn Choice(key: &'static str, scenario: RwSignal<Scenario>, nav: Navigation) -> impl IntoView {
    let Some(p) = parameter(key) else {
        return ().into_any();
    };
    let Kind::Choice(choices) = p.kind else {
        return ().into_any();
    };
    let default = Scenario::default().choice(key).unwrap_or("");
    let labels = |c: &str| {
        match c {
            "pot" => "Fixed pot (zero-sum)",
            "price" => "Fixed price per weighted patient",
            "rate" => "Each practice keeps its own rate",
            "formula" => "One price per weighted patient for all",
            "london" => "London practices",
            "england" => "All of England",
            "icb" if key == "nwb" => "Each ICB",
            "icb" if key == "bh" => "The ICB (delegated commissioning)",
            "icb" => "One ICB",
            "on" => "Paid for every joiner",
            "off" => "Not paid for joiners",
            "stay" => "Paid after a minimum stay",
            "pcn" if key == "bs" => "…and PCN money",
            "pcn" => "The real PCNs",
            "auto" => "Automatic networks of a target size",
            "federation" if key == "bh" => "A GP federation",
            "federation" => "Federations, one per sub-ICB",
            "subicb" => "Each sub-ICB location",
            "registered" => "Per registered patient",
            "trust" => "An acute trust",
            "es" => "Enhanced services",
            "qof" => "…and QOF",
            "all" => "…and core capitation: all of it",
            "practices" => "Practices, per weighted patient",
            "holder" => "Kept by the budget holder",
            "2029" => "By 2029/30",
            "2035" => "By 2035/36",
            "linear" => "The same step each year",
            "front" => "Larger steps at first",
            "networks" => "Through networks",
            "none" => "Not priced",
            "head" => "Per registered patient",
            "weighted" => "Per weighted patient",
            "need" => "Per need-adjusted patient",
            "carrhill" => "Carr-Hill weighted patients",
            "pmc" => "NHS England primary medical care need",
            "finalpmc" => "The same with 15% for health inequalities",
            other => other,
        }
        .to_string()
    };
    let options = choices
        .iter()
        .map(|&c| {
            let id = format!("control-{key}-{c}");
            view! {
                <div class="radio">
                    <input
                        type="radio"
                        id=id.clone()
                        name=format!("control-{key}")
                        value=c
                        prop:checked=move || scenario.with(|s| s.choice(key) == Some(c))
                        on:change=move |_| {
                            scenario.update(|s| {
                                let _ = s.set(key, c);
                            });
                            nav.push();
                        }
                    />
                    <label for=id>
                        {labels(c)}
                        {(c == default).then_some(" (default)")}
                    </label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="control choice">
            <legend>{p.label}</legend>
            {options}
            <p class="help">{p.help}</p>
        </fieldset>
    }
    .into_any()
}

/// A text box for a code parameter (a practice's or an ICB's).
#[component]
fn CodeInput(key: &'static str, scenario: RwSignal<Scenario>, nav: Navigation) -> impl IntoView {
    let Some(p) = parameter(key) else {
        return ().into_any();
    };
    let id = format!("control-{key}");
    let help_id = format!("help-{key}");
    let (problem, set_problem) = signal(None::<String>);
    let default = Scenario::default().code(key).unwrap_or("").to_string();
    view! {
        <div class="control code">
            <label for=id.clone()>{p.label}</label>
            <input
                id=id
                type="text"
                inputmode="text"
                autocomplete="off"
                spellcheck="false"
                maxlength="10"
                aria-describedby=help_id.clone()
                prop:value=move || scenario.with(|s| s.code(key).unwrap_or("").to_string())
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let mut result = Ok(());
                    scenario.update(|s| result = s.set(key, &v));
                    set_problem.set(result.err().map(|e| e.to_string()));
                    nav.push();
                }
            />
            <p class="help" id=help_id>
                {p.help}
                {(!default.is_empty()).then(|| format!(" Default: {default}."))}
            </p>
            <p class="error" role="alert">{problem}</p>
        </div>
    }
    .into_any()
}

/// A story's levers, grouped under its title in the Stories section.
struct Story {
    id: &'static str,
    title: &'static str,
    help: &'static str,
    keys: &'static [&'static str],
}

const STORIES: [Story; 6] = [
    Story {
        id: "story-digital-first",
        title: "The digital-first practice",
        help: "A practice registers tens of thousands of mostly young patients from across London: funding for them lands in one practice and one commissioner. Sources: model research B1.9.",
        keys: &["dfn", "dfh", "dfy", "dfm", "dfd", "dfi", "dfo", "dfl", "dfr", "dfu", "dfw", "dfp", "dfs", "dfx", "dfk", "dfq"],
    },
    Story {
        id: "story-qof",
        title: "The QOF successor",
        help: "About £700m a year of QOF money re-spent on access, quality improvement and population health. Sources: model research B2, L7.",
        keys: &["qr", "qb", "qk"],
    },
    Story {
        id: "story-holder",
        title: "Who holds the budget",
        help: "Hospitals as integrated health organisations could hold the whole population budget, GP money included, and divert part of it. Sources: model research C.2, L5.",
        keys: &["bh", "bs", "bd", "bc", "bx"],
    },
    Story {
        id: "story-savings",
        title: "Savings reinvested",
        help: "Slower growth of emergency admissions in the new care models frees money that can be reinvested in primary care. Sources: model research L6.",
        keys: &["sg", "sm", "sc", "sa", "sr", "sw"],
    },
    Story {
        id: "story-envelope",
        title: "New money and the primary care share",
        help: "£20bn more over five years, and a target share of NHS spending for general practice by 2029 or 2035. Sources: model research B5, L8-L9.",
        keys: &["eb", "eg", "ex", "ep", "et", "ey", "eh"],
    },
    Story {
        id: "story-networks",
        title: "Networks of 30-50k and family care networks",
        help: "Practices work in networks that share staff and money; a family care network holds a budget for its population. Sources: model research B3, L3-L4.",
        keys: &["nw", "nws", "nwb", "nwy", "nwp", "nwr", "fcn", "fcc", "fcp", "fcq", "fce", "fcf", "fcr"],
    },
];

/// The control for a parameter, chosen by its kind.
fn control(key: &'static str, scenario: RwSignal<Scenario>, nav: Navigation) -> AnyView {
    match parameter(key).map(|p| p.kind) {
        Some(Kind::Number { .. }) => {
            view! { <Slider key=key scenario=scenario nav=nav /> }.into_any()
        }
        Some(Kind::Switch) => view! { <Switch key=key scenario=scenario nav=nav /> }.into_any(),
        Some(Kind::Choice(_)) => view! { <Choice key=key scenario=scenario nav=nav /> }.into_any(),
        Some(Kind::Code) => view! { <CodeInput key=key scenario=scenario nav=nav /> }.into_any(),
        None => ().into_any(),
    }
}

/// The controls for `keys`, in order.
fn controls(
    keys: &'static [&'static str],
    scenario: RwSignal<Scenario>,
    nav: Navigation,
) -> impl IntoView {
    keys.iter()
        .map(|&key| control(key, scenario, nav))
        .collect_view()
}

/// The whole panel.
#[component]
pub fn Controls(scenario: RwSignal<Scenario>, nav: Navigation) -> impl IntoView {
    let bands = ["0-4", "5-14", "15-44", "45-64", "65-74", "75-84", "85+"];
    let age_rows = bands
        .iter()
        .enumerate()
        .map(|(b, band)| {
            let cell = move |sex: usize| {
                let key = PARAMETERS[sex * 7 + b].key;
                let default = Scenario::default().number(key).unwrap_or(1.0);
                let id = format!("control-{key}");
                let label = PARAMETERS[sex * 7 + b].label;
                let value = move || scenario.with(|s| s.number(key).unwrap_or(default));
                view! {
                    <td>
                        <input
                            id=id
                            type="number"
                            min="0"
                            max="10"
                            step="0.01"
                            aria-label=format!("Weight of {}", label.to_lowercase())
                            title=format!("Default {default}")
                            prop:value=move || format!("{:.3}", value())
                            class:changed=move || value() != default
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                scenario.update(|s| {
                                    let _ = s.set(key, &v);
                                });
                                nav.push();
                            }
                        />
                        <span class="default-mark">{format!("default {default}")}</span>
                    </td>
                }
            };
            view! {
                <tr>
                    <th scope="row">{*band}</th>
                    {cell(0)}
                    {cell(1)}
                </tr>
            }
        })
        .collect_view();
    let presets = PRESETS
        .iter()
        .map(|preset| {
            let query = preset.query;
            view! {
                <li>
                    <button
                        type="button"
                        class="preset"
                        data-preset=preset.name
                        on:click=move |_| {
                            let (s, _) = Scenario::from_query_lenient(query);
                            scenario.set(s);
                            nav.push();
                        }
                    >
                        {preset.title}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="controls" aria-label="Scenario settings">
            <details class="group" open>
                <summary>
                    <h2>"Formula"</h2>
                </summary>
                <p class="help">
                    "How each practice's weighted patients are made. The age-sex weights are the Carr-Hill workload weights as used by the Health Foundation (2020) ⚠ unverified against the official tables."
                </p>
                <div class="table-scroll" tabindex="0" role="region" aria-label="Table (scrolls sideways on narrow screens)">
                    <table class="age-sex">
                        <caption>"Age-sex weights (men aged 5-14 = 1)"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Age"</th>
                                <th scope="col">"Men"</th>
                                <th scope="col">"Women"</th>
                            </tr>
                        </thead>
                        <tbody>{age_rows}</tbody>
                    </table>
                </div>
                {controls(&["ns", "dep", "rur", "lt", "lon", "floor"], scenario, nav)}
            </details>
            <details class="group" open>
                <summary>
                    <h2>"Pot"</h2>
                </summary>
                <p class="help">
                    "Which payment lines are shared by the formula. Core capitation (Global Sum, MPIG and the PMS balance: £6.02bn in 2022/23) is always in the pot; other lines stay as paid."
                </p>
                {controls(&["qof", "pcn", "es", "fix", "share"], scenario, nav)}
            </details>
            <details class="group" open>
                <summary>
                    <h2>"Stories"</h2>
                </summary>
                <p class="help">"Start from a scenario, then change it."</p>
                <ul class="presets">{presets}</ul>
                {STORIES
                    .iter()
                    .map(|story| {
                        view! {
                            <details class="story" id=story.id>
                                <summary>
                                    <h3>{story.title}</h3>
                                </summary>
                                <p class="help">{story.help}</p>
                                {controls(story.keys, scenario, nav)}
                            </details>
                        }
                    })
                    .collect_view()}
            </details>
        </section>
    }
}
