//! The first view: a copy of this page for the default scenario, written into `index.html` when
//! the app is built (`public/first-view.html`, made by `scripts/first-view.sh`), so that a plain
//! link shows the headline and the first charts before the app and its data have loaded. It
//! lies over the app's own page, inert, until that page is built and drawn. It shows only where
//! `public/first-view.js` says so (not for a link with settings of its own), and
//! `public/boot.js` takes it away elsewhere, or if the app cannot start.

use wasm_bindgen::JsCast;

/// The id of the first view's element in `index.html`.
const ID: &str = "first-view";

/// Takes the first view away, once the page it copies is on screen (or the data could not be
/// loaded, which it would hide). Does nothing once it has gone.
pub fn leave() {
    if let Some(element) = element() {
        element.remove();
    }
}

/// The first view's element, while it is there.
fn element() -> Option<web_sys::Element> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(ID))
}

/// The most frames [`leave_once_drawn`] waits for the charts on screen (about a second).
const MOST_FRAMES: u32 = 60;

/// Takes the first view away at the first frame in which every chart on screen has been drawn
/// (the rest of the page is drawn as the browser reports each chart in view, a frame or two
/// after it is built), so that it gives way to the same page, not to empty charts; after
/// [`MOST_FRAMES`] frames, whatever is drawn by then. Without a first view (a link with
/// settings of its own), nothing to wait for.
pub fn leave_once_drawn() {
    wait_for_charts(0);
}

fn wait_for_charts(frames: u32) {
    if element().is_none() {
        return;
    }
    if frames >= MOST_FRAMES || charts_on_screen_drawn() {
        leave();
    } else {
        leptos::prelude::request_animation_frame(move || wait_for_charts(frames + 1));
    }
}

/// Whether every chart's canvas in the viewport has been drawn: a canvas is given its size
/// (`width`) when it is drawn, and has none before.
fn charts_on_screen_drawn() -> bool {
    let Some(window) = web_sys::window() else {
        return true;
    };
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let Some(canvases) = window
        .document()
        .and_then(|d| d.query_selector_all("figure.chart canvas").ok())
    else {
        return true;
    };
    (0..canvases.length())
        .filter_map(|i| canvases.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .filter(|c| {
            let r = c.get_bounding_client_rect();
            r.top() < height && r.bottom() > 0.0 && r.width() > 0.0
        })
        .all(|c| c.has_attribute("width"))
}

/// The object the page is being copied into, when it is: `scripts/first-view.sh` gives the
/// page a `window.gpfeSvgs` before the app starts.
fn copy_sink() -> Option<js_sys::Object> {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"gpfeSvgs".into()).ok())
        .and_then(|v| v.dyn_into::<js_sys::Object>().ok())
}

/// When the page is being copied for the first view, writes the chart just drawn there as SVG,
/// under its id, as it is on screen: the copy shows it in place of the canvas. Whether it is
/// being copied is looked up once, so a reader's draws (a slider's every move) pay nothing more.
pub fn keep_svg(spec: &gpfe_core::series::ChartSpec, css_width: i32) {
    static COPYING: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if !*COPYING.get_or_init(|| copy_sink().is_some()) {
        return;
    }
    let Some(sink) = copy_sink() else {
        return;
    };
    if let Ok(svg) = super::canvas::svg_as_on_screen(spec, css_width) {
        let _ = js_sys::Reflect::set(&sink, &spec.id.as_str().into(), &svg.into());
    }
}
