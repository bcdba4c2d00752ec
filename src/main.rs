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
    leptos::mount::mount_to_body(app::App);
}
