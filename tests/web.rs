//! Browser tests: the explorer mounted in headless Chromium by wasm-bindgen-test, on the real
//! dataset.
#![cfg(target_arch = "wasm32")]

use gp_funding_explorer::ui::Explorer;
use gpfe_core::data::Dataset;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Event, HtmlCanvasElement, HtmlInputElement};

// (A canvas that was never drawn keeps the HTML default width of 300.)

wasm_bindgen_test_configure!(run_in_browser);

const DATASET: &[u8] = include_bytes!("../public/data/england-2022-23.bin");
const NAMES: &[u8] = include_bytes!("../public/data/england-2022-23-names.bin");

fn element<T: JsCast>(selector: &str) -> T {
    leptos::prelude::document()
        .query_selector(selector)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no element {selector}"))
        .dyn_into::<T>()
        .unwrap_or_else(|_| panic!("{selector} has the wrong type"))
}

fn text_of(selector: &str) -> String {
    element::<web_sys::Element>(selector)
        .text_content()
        .unwrap_or_default()
}

/// Waits `ms` milliseconds, letting effects and observers run.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[wasm_bindgen_test]
fn the_dataset_decodes_in_the_browser_with_the_published_totals() {
    let dataset = Dataset::from_files(DATASET, NAMES).expect("the dataset decodes in WebAssembly");
    let totals = dataset.national_totals();
    assert_eq!(totals.practices, 6_669);
    assert_eq!(totals.registered_patients.to_string(), "62134644.75");
    assert_eq!(totals.total.to_string(), "10230094803.70");
    let gp_at_hand = dataset
        .practice("E85124")
        .expect("GP at Hand is in the dataset");
    assert_eq!(gp_at_hand.weighted_centi, 8_403_272);
}

#[wasm_bindgen_test]
async fn moving_a_formula_slider_reruns_the_model_and_redraws_the_charts() {
    let dataset = Arc::new(Dataset::from_files(DATASET, NAMES).expect("the dataset decodes"));
    let document = leptos::prelude::document();
    let style = document.create_element("style").unwrap();
    style.set_text_content(Some("canvas { display: block; width: 100%; }"));
    document.head().unwrap().append_child(&style).unwrap();
    let host = document.create_element("div").unwrap();
    host.set_attribute("style", "width: 1200px").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let _mounted = leptos::mount::mount_to(host.unchecked_into(), move || {
        leptos::prelude::view! { <Explorer dataset=dataset.clone() /> }
    });
    sleep(300).await;

    let headline = text_of("#headline");
    assert!(
        headline.contains("0 practices gain and 0 lose"),
        "the baseline changes nothing: {headline}"
    );
    assert_eq!(text_of("#scenario-name"), "2022/23 as paid");
    let canvas: HtmlCanvasElement = element("#chart-winners-losers canvas");
    canvas.scroll_into_view();
    sleep(300).await;
    assert_ne!(
        canvas.width(),
        300,
        "the chart on screen has been sized and drawn"
    );
    let before = canvas.to_data_url().unwrap();

    let slider: HtmlInputElement = element("#control-ns");
    slider.set_value("0.5");
    slider
        .dispatch_event(&Event::new("input").unwrap())
        .unwrap();
    sleep(300).await;

    let headline = text_of("#headline");
    assert!(
        !headline.contains("0 practices gain and 0 lose"),
        "halving the rest of the formula moves money: {headline}"
    );
    assert_eq!(text_of("#scenario-name"), "Custom scenario");
    assert!(text_of("#control-ns + datalist + output").contains("0.500×"));
    assert_ne!(before, canvas.to_data_url().unwrap(), "the chart redrew");
}
