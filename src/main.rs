//! Primary Care Atlas: the Leptos single-page app.
//!
//! The app wires state to the engine (atlas-core) and the pictures (atlas-charts): no
//! business logic lives here. See ARCHITECTURE.md.

mod app;
mod components;
mod download;
mod loader;
mod pages;
mod published;
mod query;
#[cfg(feature = "risk")]
mod scorer;
mod state;
mod storage;

fn main() {
    console_error_panic_hook::set_once();
    // A pre-rendered page's static copy gives way to the app in the same task, so the
    // browser paints one or the other, never both and never neither. On a published
    // site the copy shows the bundle's figures: it stays until the bundle has arrived,
    // so that the embedded default is never shown in between.
    let copy = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(atlas_pages::prerender::PRERENDERED_ID));
    let wait_for_bundle = copy.is_some() && published::bundle_url().is_some();
    let start = move || {
        if let Some(copy) = &copy {
            copy.remove();
        }
        leptos::mount::mount_to_body(app::App);
    };
    if wait_for_bundle {
        wasm_bindgen_futures::spawn_local(async move {
            published::preload().await;
            start();
        });
    } else {
        start();
    }
}
