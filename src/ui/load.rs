//! Fetching the dataset files that Trunk copied next to the app (relative URLs, so the app works
//! under any sub-path).

use gpfe_core::data::{Dataset, DATASET_FILE_NAME, NAMES_FILE_NAME};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Reads a JavaScript error as text.
fn describe(value: wasm_bindgen::JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}

/// Fetches a file from the app's own origin as bytes.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no browser window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| format!("could not fetch {url}: {}", describe(e)))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| format!("fetching {url} gave no response"))?;
    if !response.ok() {
        return Err(format!(
            "fetching {url} failed: HTTP {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let buffer = response
        .array_buffer()
        .map_err(|e| format!("could not read {url}: {}", describe(e)))?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|e| format!("could not read {url}: {}", describe(e)))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Fetches and decodes the start-up dataset.
pub async fn load_dataset() -> Result<Dataset, String> {
    let url = format!("data/{DATASET_FILE_NAME}");
    let bytes = fetch_bytes(&url).await?;
    Dataset::from_bytes(&bytes).map_err(|e| format!("{url}: {e}"))
}

/// Fetches the names file and returns a copy of `dataset` with every practice's name and
/// postcode.
pub async fn load_names(dataset: &Dataset) -> Result<Dataset, String> {
    let url = format!("data/{NAMES_FILE_NAME}");
    let bytes = fetch_bytes(&url).await?;
    let mut named = dataset.clone();
    named
        .attach_names(&bytes)
        .map_err(|e| format!("{url}: {e}"))?;
    Ok(named)
}

/// Fetches and decodes the outlines of England's councils and constituencies, for the map.
pub async fn load_local_areas() -> Result<gpfe_core::data::file::LocalShapes, String> {
    let url = format!("data/{}", gpfe_core::data::LOCAL_AREAS_FILE_NAME);
    let bytes = fetch_bytes(&url).await?;
    let file: gpfe_core::data::file::LocalAreasFile =
        gpfe_core::data::file::decode(&bytes).map_err(|e| format!("{url}: {e}"))?;
    file.into_shapes().map_err(|e| format!("{url}: {e}"))
}

/// Fetches and decodes the payments history, 2014/15 to 2022/23.
pub async fn load_history() -> Result<gpfe_core::data::History, String> {
    let url = format!("data/{}", gpfe_core::data::HISTORY_FILE_NAME);
    let bytes = fetch_bytes(&url).await?;
    let file: gpfe_core::data::file::HistoryFile =
        gpfe_core::data::file::decode(&bytes).map_err(|e| format!("{url}: {e}"))?;
    file.into_history().map_err(|e| format!("{url}: {e}"))
}
