//! Bring your own data: a payments CSV read in the browser (it never leaves it), used in place of
//! the built-in dataset until the user returns to it. A file that cannot be read is listed
//! problem by problem, and the data in use stays as it was.

use super::names::Names;
use super::Explorer;
use gpfe_core::data::import::import_payments;
use gpfe_core::data::Dataset;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Reads a file's bytes.
async fn bytes_of(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "the browser could not read the file".to_string())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

#[component]
pub fn DataSource(builtin: Arc<Dataset>) -> impl IntoView {
    let (custom, set_custom) = signal(None::<(String, Arc<Dataset>)>);
    let (problems, set_problems) = signal(Vec::<String>::new());
    let (reading, set_reading) = signal(false);
    let base = StoredValue::new(builtin.clone());
    let names = Names::new(builtin.clone());
    provide_context(names);
    let read = move |file: web_sys::File| {
        set_reading.set(true);
        leptos::task::spawn_local(async move {
            let name = file.name();
            let result = match bytes_of(&file).await {
                // Practices the file does not name keep their built-in names.
                Ok(bytes) => import_payments(
                    &name,
                    &bytes,
                    &*super::names::wait(Some(names), base.get_value()).await,
                )
                .map_err(|p| p.iter().map(|p| p.to_string()).collect::<Vec<_>>()),
                Err(e) => Err(vec![e]),
            };
            match result {
                Ok(d) => {
                    set_problems.set(Vec::new());
                    set_custom.set(Some((name, Arc::new(d))));
                }
                Err(p) => set_problems.set(p),
            }
            set_reading.set(false);
        });
    };
    let first_file = |files: Option<web_sys::FileList>| files.and_then(|f| f.get(0));
    view! {
        {move || {
            custom
                .get()
                .map(|(name, d)| {
                    view! {
                        <div class="banner data-banner" role="status" id="own-data-banner">
                            {format!(
                                "Using your file {name}: {} practices. The built-in dataset is set aside until you return to it.",
                                gpfe_core::format::count(d.practices.len() as u64)
                            )}
                            <button type="button" id="own-data-return" on:click=move |_| set_custom.set(None)>
                                "Return to the built-in dataset"
                            </button>
                        </div>
                    }
                })
        }}
        {move || match custom.get() {
            Some((_, d)) => view! { <Explorer dataset=d /> }.into_any(),
            None => view! { <Explorer dataset=builtin.clone() /> }.into_any(),
        }}
        <section
            class="card own-data"
            id="own-data"
            aria-labelledby="own-data-title"
            on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
            on:drop=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                if let Some(file) = first_file(ev.data_transfer().and_then(|t| t.files())) {
                    read(file);
                }
            }
        >
            <h2 id="own-data-title">"Use your own data"</h2>
            <p class="help">
                "Drop or pick a CSV in the NHS Payments to General Practice layout (any year from 2014/15 to 2022/23). It is read here, in your browser, and never leaves it. Practices found in the built-in dataset keep their age profile, deprivation, location and areas; others take England's."
            </p>
            <label for="own-data-file">"Payments file (CSV)"</label>
            <input
                id="own-data-file"
                type="file"
                accept=".csv,text/csv"
                on:change=move |ev| {
                    let files = ev
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                        .and_then(|i| i.files());
                    if let Some(file) = first_file(files) {
                        read(file);
                    }
                }
            />
            {move || reading.get().then(|| view! { <p aria-live="polite">"Reading the file…"</p> })}
            {move || {
                let list = problems.get();
                (!list.is_empty())
                    .then(|| {
                        view! {
                            <div class="banner error" role="alert" id="own-data-problems">
                                <p>"The file could not be used; the data in use is unchanged:"</p>
                                <ul>{list.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                            </div>
                        }
                    })
            }}
        </section>
    }
}
