//! Mounts the web app. Build and serve it with Trunk (see README.md).

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(gp_funding_explorer::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "This binary is the web app: build it for the browser with `trunk build` \
         or run `scripts/serve.sh` (see README.md)."
    );
    std::process::exit(2);
}
