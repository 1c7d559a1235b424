//! The controls panel, built from the scenario's parameter descriptions: every control has a
//! label, its units, its current value, a mark at its default, and a short explanation with its
//! source and how sure it is (published, estimate, or illustrative choice).

use super::url::Navigation;
use gpfe_core::scenario::{parameter, Kind, Parameter, Scenario, Section, PRESETS};
use leptos::prelude::*;

/// A number or switch parameter's value in the scenario (`default` where it has none), as a memo:
/// what shows it re-runs when this value changes, not on every change of the scenario, so that
/// dragging one slider does not set the value of every other control on each move.
fn value_of(p: &'static Parameter, scenario: RwSignal<Scenario>, default: f64) -> Memo<f64> {
    Memo::new(move |_| scenario.with(|s| p.number_in(s)).unwrap_or(default))
}

/// A slider for one numeric parameter.
#[component]
fn Slider(key: &'static str, scenario: RwSignal<Scenario>, nav: Navigation) -> impl IntoView {
    let Some(p) = parameter(key) else {
        return ().into_any();
    };
    let Kind::Number { min, max, step, .. } = p.kind() else {
        return ().into_any();
    };
    let default = p.number_in(&Scenario::default()).unwrap_or(min);
    let id = format!("control-{key}");
    let list = format!("default-{key}");
    let help_id = format!("help-{key}");
    let value = value_of(p, scenario, default);
    view! {
        <div class="control">
            <label for=id.clone()>
                {p.label}
                {p.unverified().then(|| view! { <span class="unverified" title="This default has not been checked against an official source">" ⚠ unverified"</span> })}
            </label>
            <input
                id=id.clone()
                type="range"
                min=min
                max=max
                step=step
                list=list.clone()
                aria-describedby=help_id.clone()
                aria-valuetext=move || p.show(value.get())
                prop:value=move || value.get().to_string()
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
            <output for=id class="value">{move || p.show(value.get())}</output>
            <super::curves::SliderCurve key=key nav=nav />
            <p class="help" id=help_id>
                {super::glossary::linked(p.help)}
                " Default: "
                {p.show(default)}
                "."
            </p>
            <p class="provenance">{p.provenance()}</p>
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
    let on = value_of(p, scenario, 0.0);
    view! {
        <div class="control switch">
            <input
                id=id.clone()
                type="checkbox"
                aria-describedby=help_id.clone()
                prop:checked=move || on.get() == 1.0
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
                {super::glossary::linked(p.help)}
                {if p.number_in(&Scenario::default()) == Some(1.0) {
                    " Default: on."
                } else {
                    " Default: off."
                }}
            </p>
            <p class="provenance">{p.provenance()}</p>
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
    let Kind::Choice(choices) = p.kind() else {
        return ().into_any();
    };
    let default = p.choice_in(&Scenario::default()).unwrap_or("");
    let label = |c: &'static str| p.choice_label(c).unwrap_or(c);
    let chosen = Memo::new(move |_| scenario.with(|s| p.choice_in(s)));
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
                        prop:checked=move || chosen.get() == Some(c)
                        on:change=move |_| {
                            scenario.update(|s| {
                                let _ = s.set(key, c);
                            });
                            nav.push();
                        }
                    />
                    <label for=id>
                        {label(c)}
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
            <p class="help">{super::glossary::linked(p.help)}</p>
            <p class="provenance">{p.provenance()}</p>
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
    let default = p.code_in(&Scenario::default()).unwrap_or("").to_string();
    let code = Memo::new(move |_| scenario.with(|s| p.code_in(s).unwrap_or("").to_string()));
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
                prop:value=move || code.get()
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let mut result = Ok(());
                    scenario.update(|s| result = s.set(key, &v));
                    set_problem.set(result.err().map(|e| e.to_string()));
                    nav.push();
                }
            />
            <p class="help" id=help_id>
                {super::glossary::linked(p.help)}
                {(!default.is_empty()).then(|| format!(" Default: {default}."))}
            </p>
            <p class="provenance">{p.provenance()}</p>
            <p class="error" role="alert">{problem}</p>
        </div>
    }
    .into_any()
}

/// The control for a parameter, chosen by its kind.
fn control(key: &'static str, scenario: RwSignal<Scenario>, nav: Navigation) -> AnyView {
    match parameter(key).map(|p| p.kind()) {
        Some(Kind::Number { .. }) => {
            view! { <Slider key=key scenario=scenario nav=nav /> }.into_any()
        }
        Some(Kind::Switch) => view! { <Switch key=key scenario=scenario nav=nav /> }.into_any(),
        Some(Kind::Choice(_)) => view! { <Choice key=key scenario=scenario nav=nav /> }.into_any(),
        Some(Kind::Code) => view! { <CodeInput key=key scenario=scenario nav=nav /> }.into_any(),
        None => ().into_any(),
    }
}

/// The controls of a section, in table order.
fn controls(section: Section, scenario: RwSignal<Scenario>, nav: Navigation) -> impl IntoView {
    section
        .parameters()
        .map(|p| control(p.key, scenario, nav))
        .collect_view()
}

/// The whole panel.
#[component]
pub fn Controls(scenario: RwSignal<Scenario>, nav: Navigation) -> impl IntoView {
    let bands = ["0-4", "5-14", "15-44", "45-64", "65-74", "75-84", "85+"];
    // Men's weights then women's, each by band, as the table lists them.
    let weights: Vec<&'static Parameter> = Section::AgeSexWeights.parameters().collect();
    let age_rows = bands
        .iter()
        .enumerate()
        .map(|(b, band)| {
            let weights = weights.clone();
            let cell = move |sex: usize| {
                let p = weights.get(sex * 7 + b)?;
                let key = p.key;
                let default = p.number_in(&Scenario::default()).unwrap_or(1.0);
                let id = format!("control-{key}");
                let label = p.label;
                let value = value_of(p, scenario, default);
                Some(view! {
                    <td>
                        <input
                            id=id
                            type="number"
                            min="0"
                            max="10"
                            step="0.01"
                            aria-label=format!("Weight of {}", label.to_lowercase())
                            title=format!("Default {default}")
                            prop:value=move || format!("{:.3}", value.get())
                            class:changed=move || value.get() != default
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
                })
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
            {use_context::<super::curves::Curves>()
                .map(|curves| view! { <super::curves::HeadlineChooser curves=curves /> })}
            <details class="group" open>
                <summary>
                    <h2>{Section::Formula.title()}</h2>
                </summary>
                <p class="help">{super::glossary::linked(Section::Formula.help())}</p>
                <div class="table-scroll" tabindex="0" role="region" aria-label="Table (scrolls sideways on narrow screens)">
                    <table class="age-sex">
                        <caption>{Section::AgeSexWeights.title()}</caption>
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
                {controls(Section::Formula, scenario, nav)}
            </details>
            <details class="group" open>
                <summary>
                    <h2>{Section::Pot.title()}</h2>
                </summary>
                <p class="help">{super::glossary::linked(Section::Pot.help())}</p>
                {controls(Section::Pot, scenario, nav)}
            </details>
            <details class="group" open>
                <summary>
                    <h2>"Stories"</h2>
                </summary>
                <p class="help">"Start from a scenario, then change it."</p>
                <ul class="presets">{presets}</ul>
                {Section::STORIES
                    .into_iter()
                    .map(|story| {
                        view! {
                            <details class="story" id=story.id()>
                                <summary>
                                    <h3>{story.title()}</h3>
                                </summary>
                                <p class="help">{super::glossary::linked(story.help())}</p>
                                {controls(story, scenario, nav)}
                            </details>
                        }
                    })
                    .collect_view()}
            </details>
        </section>
    }
}
