//! The first view written into `index.html` (`public/first-view.html`, a copy of the default page
//! shown while the app loads) states the model's figures for the default scenario: its headline,
//! and each chart it draws with that chart's summary and description. The end-to-end tests check
//! that the copy is the page the app draws; this checks its figures against the model itself.
#![cfg(not(target_arch = "wasm32"))]

use gpfe_core::data::Dataset;
use gpfe_core::headline::{headline, result_sentence};
use gpfe_core::model::Model;
use gpfe_core::scenario::Scenario;
use gpfe_core::series::{chart, ChartId};

const FIRST_VIEW: &str = include_str!("../public/first-view.html");

/// Text as the browser writes it in HTML.
fn html_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\u{a0}', "&nbsp;")
}

/// The HTML of the element whose opening tag holds `id="{id}"`, up to `end`.
fn element<'a>(id: &str, end: &str) -> &'a str {
    let start = FIRST_VIEW
        .find(&format!(" id=\"{id}\""))
        .unwrap_or_else(|| panic!("the first view has no element {id}"));
    let rest = &FIRST_VIEW[start..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

#[test]
fn the_first_view_states_the_models_figures_for_the_default_scenario() {
    let dataset = Dataset::from_bytes(include_bytes!("../public/data/england-2022-23.bin"))
        .expect("the committed dataset decodes");
    let model = Model::new(&dataset);
    let outcome = model
        .run(&Scenario::default())
        .expect("the default scenario runs");

    let headline_html = element("headline", "</section>");
    let text = html_text(&headline(&outcome));
    assert!(
        headline_html.contains(&text),
        "the headline says {text:?}; the first view: {headline_html}"
    );

    // Every chart the first view draws, with the figures under it.
    let drawn: Vec<ChartId> = FIRST_VIEW
        .match_indices("<figure ")
        .filter_map(|(at, _)| {
            let figure = &FIRST_VIEW[at..];
            let figure = &figure[..figure.find("</figure>")?];
            let id = figure.split(" id=\"chart-").nth(1)?.split('"').next()?;
            figure
                .contains("first-view-chart")
                .then(|| id.parse().ok())
                .flatten()
        })
        .collect();
    assert_eq!(
        drawn,
        [
            ChartId::WinnersLosers,
            ChartId::Deprivation,
            ChartId::DeprivationQuintile
        ],
        "the charts on the first screen at some width"
    );
    let description = html_text(&result_sentence(&outcome));
    for id in drawn {
        let spec = chart(id, &dataset, &outcome, None).expect("a chart of the page");
        let figure = element(&format!("chart-{}", id.as_str()), "</figure>");
        let summary = format!("<figcaption>{}</figcaption>", html_text(&spec.summary));
        assert!(
            figure.contains(&summary),
            "{}: {summary:?} is not under it",
            id.as_str()
        );
        assert!(
            figure.contains(&description),
            "{}: {description:?} is not under it",
            id.as_str()
        );
        // Its axes' labels, as drawn, from the same spec.
        let drawn_text: Vec<&str> = figure
            .split("<text ")
            .skip(1)
            .filter_map(|t| Some(t.split_once('>')?.1.split_once("</text>")?.0.trim()))
            .collect();
        for label in [&spec.x_label, &spec.y_label] {
            assert!(
                drawn_text.contains(&html_text(label).as_str()),
                "{}: the axis label {label:?} is not drawn",
                id.as_str()
            );
        }
    }
}
