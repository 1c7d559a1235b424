//! GP Funding Explorer, the web app: Leptos components that show what the model in `gpfe_core`
//! returns. Data flows one way: data -> scenario -> model -> series -> view; everything before
//! the view lives in `gpfe_core` and is tested natively.

/// Leptos components: layout, controls and charts. They show the model's results; they never
/// compute money themselves. Compiled for the browser only.
#[cfg(target_arch = "wasm32")]
pub mod ui;
