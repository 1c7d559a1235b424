//! Saving files from the page: an anchor with a data URL, clicked. Nothing leaves the browser.

use wasm_bindgen::JsCast;

/// Offers `url` (a data URL) for download as `name`.
pub fn save(url: &str, name: &str) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "cannot make a link")?
        .dyn_into()
        .map_err(|_| "cannot make a link")?;
    anchor.set_href(url);
    anchor.set_download(name);
    anchor.set_attribute("hidden", "").ok();
    let body = document.body().ok_or("no page body")?;
    body.append_child(&anchor)
        .map_err(|_| "cannot add the link")?;
    anchor.click();
    anchor.remove();
    Ok(())
}

/// Offers `text` as a CSV file.
pub fn save_csv(text: &str, name: &str) -> Result<(), String> {
    let encoded = String::from(js_sys::encode_uri_component(text));
    save(&format!("data:text/csv;charset=utf-8,{encoded}"), name)
}
