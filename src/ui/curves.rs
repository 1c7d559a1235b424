//! The whole range of a slider: beside each numeric slider on screen, a small curve of a chosen
//! headline across the slider's range, and a Seek button that finds the value meeting the
//! headline's goal. The sweeps are `gpfe_core::seek`'s; this module only schedules and draws.
//!
//! A curve runs the model [`CURVE_POINTS`] times, so curves are worked out only once the
//! controls have been still for a moment, only for sliders on screen (a closed section's are
//! not), a few of one curve's points per timer tick so that input stays responsive, and never
//! while a control moves: a change stops the work until the next quiet moment (a curve half
//! done carries on from where it was if it is still wanted). Curves are kept by (the scenario
//! without the slider's own value, the slider, the headline), since a slider's own value plays
//! no part in its curve.

use super::url::Navigation;
use gpfe_core::model::{Model, Outcome};
use gpfe_core::scenario::{parameter, Kind, Scenario};
use gpfe_core::seek::{seek, Measure, Sought, Sweep, CURVE_POINTS, CURVE_SLICE_POINTS, TOLERANCE};
use leptos::html::Div;
use leptos::prelude::*;
use leptos_use_intersection_observer::{
    use_intersection_observer_with_options, UseIntersectionObserverOptions,
};
use leptos_use_timeout_fn::{use_timeout_fn, UseTimeoutFnReturn};
use std::collections::HashMap;
use std::sync::Arc;

/// The headline the curves show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Headline {
    Off,
    Gap,
    Losers,
    Practice,
}

impl Headline {
    const ALL: [(Headline, &'static str, &'static str); 4] = [
        (Headline::Gap, "gap", "the deprivation gap"),
        (Headline::Losers, "losers", "practices losing over 5%"),
        (
            Headline::Practice,
            "practice",
            "the selected practice's change",
        ),
        (Headline::Off, "off", "nothing (no curves)"),
    ];
}

/// What a curve's measure is called in a sentence.
fn measure_name(m: Measure) -> &'static str {
    match m {
        Measure::DeprivationGap => "The gap between the most and least deprived fifths",
        Measure::LosingOver5Pct => "Practices losing more than 5%",
        Measure::PracticeChange(_) => "The selected practice's change",
    }
}

type Points = Arc<Vec<(f64, f64)>>;
type Key = (String, &'static str, Measure);

/// Milliseconds between two slices of the curves' work, so that the page can take input
/// between them.
const TICK_MS: f64 = 4.0;
/// Curves kept before the store is emptied.
const KEEP: usize = 600;

/// The curves' shared state, provided by the controls panel.
#[derive(Clone, Copy)]
pub struct Curves {
    model: StoredValue<Arc<Model>>,
    scenario: RwSignal<Scenario>,
    selected: RwSignal<Option<usize>>,
    outcome: Memo<Arc<Outcome>>,
    pub headline: RwSignal<Headline>,
    /// The sliders on screen, by key.
    on_screen: StoredValue<Vec<&'static str>>,
    store: StoredValue<HashMap<Key, Points>>,
    /// The curve being worked out, slice by slice.
    in_progress: StoredValue<Option<(Key, Sweep)>>,
    /// Bumped when the store gains a curve.
    version: RwSignal<u32>,
    /// True while the controls are still (from a quiet moment to the next change).
    quiet: StoredValue<bool>,
    next_tick: StoredValue<Arc<dyn Fn() + Send + Sync>>,
}

/// The scenario's query with setting `key` at its default: what a curve of `key` depends on.
fn base_query(s: &Scenario, key: &str) -> String {
    let Some(p) = parameter(key) else {
        return s.to_query();
    };
    let mut c = s.clone();
    let _ = p.set(&mut c, &p.url_value(&Scenario::default()));
    c.to_query()
}

impl Curves {
    pub fn new(
        model: Arc<Model>,
        scenario: RwSignal<Scenario>,
        selected: RwSignal<Option<usize>>,
        outcome: Memo<Arc<Outcome>>,
        settled: ReadSignal<u32>,
    ) -> Curves {
        let next_tick = StoredValue::new(Arc::new(|| {}) as Arc<dyn Fn() + Send + Sync>);
        let curves = Curves {
            model: StoredValue::new(model),
            scenario,
            selected,
            outcome,
            headline: RwSignal::new(Headline::Gap),
            on_screen: StoredValue::new(Vec::new()),
            store: StoredValue::new(HashMap::new()),
            in_progress: StoredValue::new(None),
            version: RwSignal::new(0),
            quiet: StoredValue::new(false),
            next_tick,
        };
        let UseTimeoutFnReturn { start, .. } = use_timeout_fn(move |()| curves.tick(), TICK_MS);
        next_tick.set_value(Arc::new(move || start(())));
        // Any change of the scenario stops the work until the next quiet moment.
        Effect::new(move |_| {
            scenario.track();
            curves.quiet.set_value(false);
        });
        Effect::new(move |_| {
            settled.track();
            curves.quiet.set_value(true);
            curves.kick();
        });
        Effect::new(move |_| {
            curves.headline.track();
            selected.track();
            curves.kick();
        });
        curves
    }

    /// The measure the curves show now, if any.
    fn measure(&self) -> Option<Measure> {
        match self.headline.get() {
            Headline::Off => None,
            Headline::Gap => Some(Measure::DeprivationGap),
            Headline::Losers => Some(Measure::LosingOver5Pct),
            Headline::Practice => self.selected.get().map(Measure::PracticeChange),
        }
    }

    fn kick(&self) {
        if self.quiet.get_value() {
            self.next_tick.with_value(|start| start());
        }
    }

    /// Works out a slice of a curve the sliders on screen lack, then asks for another tick.
    fn tick(self) {
        if !self.quiet.get_value() {
            return;
        }
        let Some(measure) = untrack(|| self.measure()) else {
            return;
        };
        let keys = self.on_screen.get_value();
        let scenario = self.scenario.get_untracked();
        for key in keys {
            let id = (base_query(&scenario, key), key, measure);
            if self.store.with_value(|s| s.contains_key(&id)) {
                continue;
            }
            // Carry on with the curve under way if it is this one; otherwise start this one.
            let mut sweep = match self.in_progress.try_update_value(Option::take).flatten() {
                Some((was, sweep)) if was == id => Some(sweep),
                _ => Sweep::new(&scenario, key, measure, CURVE_POINTS).ok(),
            };
            let done = sweep.as_mut().is_none_or(|sweep| {
                self.model
                    .with_value(|m| sweep.advance(m, CURVE_SLICE_POINTS))
                    .unwrap_or(true)
            });
            if done {
                let points = sweep.map(Sweep::into_points).unwrap_or_default();
                self.store.update_value(|s| {
                    if s.len() >= KEEP {
                        s.clear();
                    }
                    s.insert(id, Arc::new(points));
                });
                self.version.update(|v| *v = v.wrapping_add(1));
            } else {
                self.in_progress.set_value(sweep.map(|sweep| (id, sweep)));
            }
            self.next_tick.with_value(|start| start());
            return;
        }
    }

    fn show(&self, key: &'static str, on: bool) {
        let was = self.on_screen.with_value(|keys| keys.contains(&key));
        if was == on {
            return;
        }
        self.on_screen.update_value(|keys| {
            keys.retain(|k| *k != key);
            if on {
                keys.push(key);
            }
        });
        if on {
            // A curve already kept shows at once; a missing one is worked out.
            self.version.update(|v| *v = v.wrapping_add(1));
            self.kick();
        }
    }

    fn is_on_screen(&self, key: &'static str) -> bool {
        self.on_screen.with_value(|keys| keys.contains(&key))
    }

    /// The curve of `key` for the scenario and headline now, if worked out (tracked). A slider
    /// off screen follows only the store, not every change of the scenario.
    fn curve(&self, key: &'static str) -> Option<(Measure, Points)> {
        self.version.track();
        if !self.on_screen.with_value(|keys| keys.contains(&key)) {
            return None;
        }
        let measure = self.measure()?;
        let base = self.scenario.with(|s| base_query(s, key));
        self.store
            .with_value(|s| s.get(&(base, key, measure)).cloned())
            .map(|p| (measure, p))
    }
}

/// The headline chooser, at the top of the controls.
#[component]
pub fn HeadlineChooser(curves: Curves) -> impl IntoView {
    let has_practice = move || curves.selected.get().is_some();
    view! {
        <p class="curve-chooser">
            <label for="curve-headline">"Curves beside the sliders show "</label>
            <select
                id="curve-headline"
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some((h, _, _)) = Headline::ALL.iter().find(|(_, k, _)| *k == v) {
                        curves.headline.set(*h);
                    }
                }
            >
                {Headline::ALL
                    .iter()
                    .map(|&(h, key, label)| {
                        view! {
                            <option
                                value=key
                                selected=move || curves.headline.get() == h
                                disabled=move || h == Headline::Practice && !has_practice()
                            >
                                {label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            {move || {
                (curves.headline.get() == Headline::Practice && !has_practice())
                    .then_some(
                        view! { <span class="note">" Find a practice first to see its change."</span> },
                    )
            }}
        </p>
        <p class="help curve-help">
            {format!(
                "The deprivation gap is the most deprived fifth's £ per weighted patient less the least deprived fifth's. Each curve runs the model at {CURVE_POINTS} points across its slider's whole range once the controls are still; the upright line marks the slider's value, the dot the figure now, the dashed line the goal (a gap of £0, no practice losing over 5%, the practice's 2022/23 payments). {}",
                tolerance_text(),
            )}
        </p>
    }
}

/// Width and height of a small curve, in pixels.
const W: f64 = 120.0;
const H: f64 = 28.0;
const PAD: f64 = 3.0;

/// The small curve and the Seek button beside slider `key`.
#[component]
pub fn SliderCurve(key: &'static str, nav: Navigation) -> impl IntoView {
    let Some(curves) = use_context::<Curves>() else {
        return ().into_any();
    };
    let Some(p) = parameter(key) else {
        return ().into_any();
    };
    let Kind::Number { min, max, .. } = p.kind() else {
        return ().into_any();
    };
    let node = NodeRef::<Div>::new();
    use_intersection_observer_with_options(
        node,
        move |entries, _| {
            if let Some(entry) = entries.last() {
                curves.show(key, entry.is_intersecting());
            }
        },
        UseIntersectionObserverOptions::default().root_margin("100px"),
    );
    on_cleanup(move || curves.show(key, false));
    let value = Memo::new(move |_| curves.scenario.with(|s| p.number_in(s)).unwrap_or(min));
    // While a curve for the scenario now is being worked out, the last one stays, dimmed.
    let curve = Memo::new(move |previous: Option<&Option<(Measure, Points, bool)>>| {
        match curves.curve(key) {
            Some((m, p)) => Some((m, p, true)),
            None => previous
                .cloned()
                .flatten()
                .filter(|(m, _, _)| {
                    untrack(|| curves.measure()) == Some(*m) && curves.is_on_screen(key)
                })
                .map(|(m, p, _)| (m, p, false)),
        }
    });
    let x_at = move |x: f64| PAD + (W - 2.0 * PAD) * ((x - min) / (max - min)).clamp(0.0, 1.0);
    let drawing = move || {
        let (measure, points, fresh) = curve.get()?;
        let now = curves.outcome.with(|o| measure.of(o));
        let ys = points.iter().map(|p| p.1).chain(now).chain([0.0]);
        let (lo, hi) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), y| {
            (lo.min(y), hi.max(y))
        });
        let span = if hi > lo { hi - lo } else { 1.0 };
        let y_at = move |y: f64| H - PAD - (H - 2.0 * PAD) * (y - lo) / span;
        let line = points
            .iter()
            .map(|&(x, y)| format!("{:.1},{:.1}", x_at(x), y_at(y)))
            .collect::<Vec<_>>()
            .join(" ");
        let x_now = x_at(value.get());
        let (first, last) = (points.first().copied(), points.last().copied());
        let label = match (first, last) {
            (Some(a), Some(b)) => format!(
                "{} across the range of {}: {} at {}, {} at {}{}",
                measure_name(measure),
                p.label.to_lowercase(),
                measure.show(a.1),
                p.show(a.0),
                measure.show(b.1),
                p.show(b.0),
                now.map(|y| format!("; now {} at {}.", measure.show(y), p.show(value.get())))
                    .unwrap_or_else(|| ".".to_string()),
            ),
            _ => format!(
                "{}: no value of this setting can be run.",
                measure_name(measure)
            ),
        };
        let data = points
            .iter()
            .map(|(x, y)| format!("{x}:{y}"))
            .collect::<Vec<_>>()
            .join(" ");
        Some(view! {
            <svg
                class="curve"
                class:stale=!fresh
                width=W
                height=H
                viewBox=format!("0 0 {W} {H}")
                role="img"
                aria-label=label
                data-points=data
            >
                <line class="curve-goal" x1=PAD x2=W - PAD y1=y_at(0.0) y2=y_at(0.0) />
                <polyline class="curve-line" points=line />
                <line class="curve-now" x1=x_now x2=x_now y1=PAD y2=H - PAD />
                {now.map(|y| view! { <circle class="curve-dot" cx=x_now cy=y_at(y) r="2.5" /> })}
            </svg>
        })
    };
    // What Seek found, for (the scenario without this slider, the measure).
    let found = RwSignal::new(None::<(String, Measure, Sought)>);
    let run_seek = move |_| {
        let Some(measure) = untrack(|| curves.measure()) else {
            return;
        };
        let scenario = curves.scenario.get_untracked();
        let result = curves
            .model
            .with_value(|m| seek(m, &scenario, key, measure));
        if let Ok(sought) = result {
            found.set(Some((base_query(&scenario, key), measure, sought)));
        }
    };
    let answer = move || {
        let (base, measure, sought) = found.get()?;
        if Some(measure) != curves.measure() || curves.scenario.with(|s| base_query(s, key)) != base
        {
            return None;
        }
        Some(match sought.value {
            Some(v) => view! {
                <p class="seek-answer" role="status">
                    {format!(
                        "Reaches the goal at {} ({}).",
                        p.show(v),
                        measure.show(sought.measure),
                    )}
                    " "
                    <button
                        type="button"
                        class="seek-apply"
                        data-value=v.to_string()
                        on:click=move |_| {
                            curves.scenario.update(|s| {
                                let _ = s.set(key, &v.to_string());
                            });
                            nav.push();
                        }
                    >
                        "Apply"
                    </button>
                </p>
            }
            .into_any(),
            None => view! {
                <p class="seek-answer" role="status">
                    {format!(
                        "No value in its range reaches it; nearest at {} ({}).",
                        sought.best.map(|b| p.show(b)).unwrap_or_default(),
                        measure.show(sought.measure),
                    )}
                </p>
            }
            .into_any(),
        })
    };
    let goal = move || curves.measure().map(|m| m.goal()).unwrap_or_default();
    view! {
        <div class="curve-box" node_ref=node>
            {drawing}
            <button
                type="button"
                class="seek"
                hidden=move || curves.measure().is_none()
                title=move || format!("Find the value of this setting at which {}", goal())
                aria-label=move || format!("Seek the value of {} at which {}", p.label.to_lowercase(), goal())
                on:click=run_seek
            >
                "Seek"
            </button>
        </div>
        {answer}
    }
    .into_any()
}

/// The tolerance of Seek's answer, in words, for the page's help.
fn tolerance_text() -> String {
    format!(
        "Seek runs the model at 41 points across the slider's range, then narrows the first crossing of the goal down to {}% of the range.",
        TOLERANCE * 100.0
    )
}
