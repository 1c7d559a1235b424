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

/// `navigator[name]` where the browser has it: the share and clipboard calls are reached this way
/// because web-sys offers them only behind its unstable-API switch.
fn navigator_member(name: &str) -> Option<(web_sys::Navigator, js_sys::Function)> {
    let navigator = web_sys::window()?.navigator();
    let f = js_sys::Reflect::get(&navigator, &name.into()).ok()?;
    f.dyn_into::<js_sys::Function>()
        .ok()
        .map(|f| (navigator, f))
}

/// Whether the browser can put an image on the clipboard.
pub fn can_copy_image() -> bool {
    let clipboard_item = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"ClipboardItem".into()).ok())
        .is_some_and(|c| c.is_function());
    let write = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| js_sys::Reflect::get(&n, &"clipboard".into()).ok())
        .filter(|c| !c.is_undefined())
        .and_then(|c| js_sys::Reflect::get(&c, &"write".into()).ok())
        .is_some_and(|w| w.is_function());
    clipboard_item && write
}

/// Puts the chart on the clipboard as a PNG; `done` hears how it went.
pub fn copy_canvas_png(
    canvas: &web_sys::HtmlCanvasElement,
    done: impl FnOnce(Result<(), String>) + 'static,
) {
    let refused = || "the browser would not copy the image".to_string();
    // Called once: by the encoder's callback, or here if the browser refuses to encode.
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let finish = {
        let done = done.clone();
        move |result: Result<(), String>| {
            if let Some(f) = done.borrow_mut().take() {
                f(result);
            }
        }
    };
    let finish_later = finish.clone();
    let on_blob = Closure::once_into_js(move |blob: Option<web_sys::Blob>| {
        let done = finish_later;
        let result = (|| -> Result<js_sys::Promise, String> {
            let blob = blob.ok_or_else(refused)?;
            let window = web_sys::window().ok_or_else(refused)?;
            let constructor: js_sys::Function =
                js_sys::Reflect::get(&window, &"ClipboardItem".into())
                    .ok()
                    .and_then(|c| c.dyn_into().ok())
                    .ok_or_else(refused)?;
            let parts = js_sys::Object::new();
            js_sys::Reflect::set(&parts, &"image/png".into(), &blob).map_err(|_| refused())?;
            let item = js_sys::Reflect::construct(&constructor, &js_sys::Array::of1(&parts))
                .map_err(|_| refused())?;
            let clipboard = js_sys::Reflect::get(&window.navigator(), &"clipboard".into())
                .map_err(|_| refused())?;
            let write: js_sys::Function = js_sys::Reflect::get(&clipboard, &"write".into())
                .ok()
                .and_then(|w| w.dyn_into().ok())
                .ok_or_else(refused)?;
            write
                .call1(&clipboard, &js_sys::Array::of1(&item))
                .ok()
                .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
                .ok_or_else(refused)
        })();
        match result {
            Ok(promise) => leptos::task::spawn_local(async move {
                done(
                    wasm_bindgen_futures::JsFuture::from(promise)
                        .await
                        .map(|_| ())
                        .map_err(|_| "the browser would not copy the image".to_string()),
                )
            }),
            Err(e) => done(Err(e)),
        }
    });
    if canvas
        .to_blob_with_type(on_blob.unchecked_ref(), "image/png")
        .is_err()
    {
        finish(Err("the browser would not encode the image".to_string()));
    }
}

/// Whether the browser offers its own Share sheet.
pub fn can_share() -> bool {
    navigator_member("share").is_some()
}

/// Opens the browser's Share sheet with a title, a sentence and a link.
pub fn share(title: &str, text: &str, url: &str) {
    let Some((navigator, share)) = navigator_member("share") else {
        return;
    };
    let data = js_sys::Object::new();
    for (k, v) in [("title", title), ("text", text), ("url", url)] {
        let _ = js_sys::Reflect::set(&data, &k.into(), &v.into());
    }
    // The reader may close the sheet: that is not an error to report.
    let _ = share.call1(&navigator, &data);
}
