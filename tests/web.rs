//! Browser tests: the app mounted in headless Chromium by wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]

use gp_funding_explorer::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Event, HtmlCanvasElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn element<T: JsCast>(id: &str) -> T {
    leptos::prelude::document()
        .get_element_by_id(id)
        .unwrap_or_else(|| panic!("no element #{id}"))
        .dyn_into::<T>()
        .unwrap_or_else(|_| panic!("#{id} has the wrong type"))
}

fn text_of(id: &str) -> String {
    element::<web_sys::Element>(id)
        .text_content()
        .unwrap_or_default()
}

/// Lets Leptos run its effects (redraws are scheduled, not immediate).
async fn settle() {
    for _ in 0..3 {
        leptos::task::tick().await;
    }
}

#[wasm_bindgen_test]
async fn moving_the_slider_updates_the_table_and_redraws_the_chart() {
    let document = leptos::prelude::document();
    let host = document.create_element("div").unwrap();
    host.set_attribute("style", "width: 800px").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let _mounted = leptos::mount::mount_to(host.unchecked_into(), App);
    settle().await;

    let canvas: HtmlCanvasElement = element("example-chart");
    assert!(canvas.width() > 0, "the chart has a backing store");
    let table = text_of("example-table");
    assert!(
        table.contains("£50,000.00"),
        "equal weights split evenly: {table}"
    );
    let before = canvas.to_data_url().unwrap();

    let slider: HtmlInputElement = element("weight-65-plus");
    slider.set_value("3");
    slider
        .dispatch_event(&Event::new("input").unwrap())
        .unwrap();
    settle().await;

    assert_eq!(text_of("weight-65-plus-value"), "3.0×");
    let table = text_of("example-table");
    assert!(
        table.contains("£61,290.32") && table.contains("£38,709.68"),
        "weight 3 gives the older practice 3,800 of 6,200 weighted patients: {table}"
    );
    assert_ne!(before, canvas.to_data_url().unwrap(), "the chart redrew");
}

#[wasm_bindgen_test]
fn the_dataset_decodes_in_the_browser_with_the_published_totals() {
    use gp_funding_explorer::data::Dataset;
    let dataset = Dataset::from_json(include_str!("../public/data/england-2022-23.json"))
        .expect("the dataset decodes in WebAssembly");
    let totals = dataset.national_totals();
    assert_eq!(totals.practices, 6_669);
    assert_eq!(totals.registered_patients.to_string(), "62134644.75");
    assert_eq!(totals.total.to_string(), "10230094803.70");
    let gp_at_hand = dataset
        .practice("E85124")
        .expect("GP at Hand is in the dataset");
    assert_eq!(gp_at_hand.weighted_centi, 8_403_272);
}
