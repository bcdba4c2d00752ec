//! A published site's data: the bundle `tools/publish.sh` puts beside the app and names
//! in index.html (`<meta name="atlas-bundle" content="/data/atlas-bundle.json">`).
//! Fetched from the site's own origin once at start; a missing, damaged or other-version
//! bundle is said plainly on every page, never a blank page.

use crate::state::{AtlasState, Published};
use atlas_core::model::{DataSource, Workspace};
use leptos::prelude::*;
use std::sync::Arc;

thread_local! {
    /// The bundle fetched before the app started ([`preload`]), for [`load`] to take.
    static PRELOADED: std::cell::RefCell<Option<Result<Workspace, String>>> =
        const { std::cell::RefCell::new(None) };
}

/// Fetches the published bundle before the app starts, when the page is a pre-rendered
/// copy of the bundle's figures: the copy stays on screen until the app can show the
/// same data, instead of the embedded default in between.
pub async fn preload() {
    if let Some(url) = bundle_url() {
        let fetched = fetch(&url).await;
        PRELOADED.with(|p| *p.borrow_mut() = Some(fetched));
    }
}

/// The bundle's address when this build is a published site.
pub fn bundle_url() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let meta = document
        .query_selector("meta[name='atlas-bundle']")
        .ok()??;
    let url = meta.get_attribute("content")?;
    let url = url.trim();
    (!url.is_empty()).then(|| url.to_string())
}

/// Starts fetching the published bundle, when the site has one. Data the visitor loads
/// (or restores) wins over it.
pub fn load(state: AtlasState) {
    let Some(url) = bundle_url() else {
        return;
    };
    if let Some(fetched) = PRELOADED.with(|p| p.borrow_mut().take()) {
        settle(state, fetched);
        return;
    }
    state.published.set(Published::Loading);
    leptos::task::spawn_local(async move { settle(state, fetch(&url).await) });
}

/// The fetched bundle shown (unless the visitor's own data is), or why it cannot be.
fn settle(state: AtlasState, fetched: Result<Workspace, String>) {
    match fetched {
        Ok(workspace) => {
            let workspace = Arc::new(workspace);
            let showing_default = matches!(
                state.workspace.get_untracked().source,
                DataSource::EmbeddedDefault
            );
            if showing_default {
                state.whole.set(workspace.clone());
            }
            state.published.set(Published::Ready(workspace));
        }
        Err(message) => state.published.set(Published::Failed(message)),
    }
}

async fn fetch(url: &str) -> Result<Workspace, String> {
    let response = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| format!("{url} could not be fetched ({e})"))?;
    match response.status() {
        200 => {}
        404 => {
            return Err(format!(
                "{url} is missing from this site (HTTP 404): publish it with tools/publish.sh"
            ))
        }
        status => return Err(format!("{url} could not be fetched (HTTP {status})")),
    }
    let text = response
        .text()
        .await
        .map_err(|e| format!("{url} could not be read ({e})"))?;
    let bundle = atlas_core::bundle::read(&text).map_err(|e| e.to_string())?;
    let mut workspace = bundle.workspace;
    workspace.source = DataSource::Published {
        files: bundle.files,
    };
    Ok(workspace)
}
