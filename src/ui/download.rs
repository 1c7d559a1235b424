//! Saving files from the page: the bytes go into a Blob, an object URL names it, and a hidden
//! link to it is clicked. Nothing leaves the browser. A Blob URL, unlike a data URL, needs no
//! encoding of the whole file into the link and no size limit on it.

use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How long an object URL stays valid after its link was clicked: the browser has read the
/// Blob long before then, and revoking it frees the memory.
const KEEP_URL: Duration = Duration::from_secs(60);

/// Offers the Blob for download as `name`.
pub fn save_blob(blob: &web_sys::Blob, name: &str) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let url = web_sys::Url::create_object_url_with_blob(blob)
        .map_err(|_| "the browser would not hold the file")?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "cannot make a link")?
        .dyn_into()
        .map_err(|_| "cannot make a link")?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_attribute("hidden", "").ok();
    let body = document.body().ok_or("no page body")?;
    body.append_child(&anchor)
        .map_err(|_| "cannot add the link")?;
    anchor.click();
    anchor.remove();
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        KEEP_URL,
    );
    Ok(())
}

/// Offers `text` as a file of the given MIME type.
pub fn save_text(text: &str, mime: &str, name: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser would not make the file")?;
    save_blob(&blob, name)
}

/// Offers `text` as a CSV file.
pub fn save_csv(text: &str, name: &str) -> Result<(), String> {
    save_text(text, "text/csv;charset=utf-8", name)
}

/// Offers what a canvas shows as a PNG file, with `description` in its text chunk
/// "Description". The browser encodes the image in the background; an encoding that fails is
/// reported through `on_error`.
pub fn save_canvas_png(
    canvas: &web_sys::HtmlCanvasElement,
    name: &str,
    description: &str,
    on_error: impl FnOnce(String) + 'static,
) -> Result<(), String> {
    let name = name.to_string();
    let description = description.to_string();
    let done = Closure::once_into_js(move |blob: Option<web_sys::Blob>| {
        let Some(blob) = blob else {
            on_error("the browser would not encode the image".to_string());
            return;
        };
        leptos::task::spawn_local(async move {
            let result = described_png(&blob, &description)
                .await
                .and_then(|blob| save_blob(&blob, &name));
            if let Err(e) = result {
                on_error(e);
            }
        });
    });
    canvas
        .to_blob_with_type(done.unchecked_ref(), "image/png")
        .map_err(|_| "the browser would not encode the image".to_string())
}

/// The PNG in `blob` with its description added.
async fn described_png(blob: &web_sys::Blob, description: &str) -> Result<web_sys::Blob, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer())
        .await
        .map_err(|_| "the browser would not read the image back")?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    let described = gpfe_core::export::png_with_text(&bytes, "Description", description)?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(described.as_slice()));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/png");
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser would not make the file".to_string())
}
