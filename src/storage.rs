//! Keeps the user's workspace in the browser's IndexedDB so it survives a reload, until
//! the user clears it. Nothing is stored anywhere else.
//!
//! The record carries a version (`{"version":2,"loaded":…}`): a record this build
//! cannot read (kept by an earlier one that stored another shape) is said to be so and
//! removed, never taken for "nothing kept"; a storage error is said as an error.

use atlas_core::ingest::Loaded;
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransactionMode};

const DATABASE: &str = "primary-care-atlas";
const STORE: &str = "workspace";
const KEY: &str = "current";

/// Waits for an IndexedDB request to succeed or fail.
async fn settle(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = Promise::new(&mut |resolve, reject| {
        let done = request.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &done.result().unwrap_or(JsValue::UNDEFINED));
        });
        let on_error = Closure::once_into_js(move || {
            let _ = reject.call0(&JsValue::NULL);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await
}

async fn open() -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window()
        .ok_or(JsValue::NULL)?
        .indexed_db()?
        .ok_or(JsValue::NULL)?;
    let request: IdbOpenDbRequest = factory.open_with_u32(DATABASE, 1)?;
    let upgrade = request.clone();
    let on_upgrade = Closure::once_into_js(move || {
        if let Ok(db) = upgrade.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
            let _ = db.create_object_store(STORE);
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    settle(&request).await?.dyn_into::<IdbDatabase>()
}

async fn put(value: Option<String>) -> Result<(), JsValue> {
    let db = open().await?;
    let transaction = db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)?;
    let store = transaction.object_store(STORE)?;
    let request = match value {
        Some(text) => store.put_with_key(&JsValue::from_str(&text), &KEY.into())?,
        None => store.delete(&KEY.into())?,
    };
    settle(&request).await.map(|_| ())
}

/// The shape of the stored record: 2 since it carried a version; a record without one
/// (version 1) is still read when its workspace reads.
const STORAGE_VERSION: u32 = 2;

/// The stored record: the version and the load (workspace and reports).
#[derive(serde::Deserialize)]
struct Stored {
    version: u32,
    loaded: Loaded,
}

/// What the browser kept.
pub enum Restored {
    /// Nothing is kept.
    Nothing,
    /// The workspace and reports, as loaded.
    Kept(Box<Loaded>),
    /// A record kept by an earlier version of the atlas in a shape this one cannot read;
    /// it has been removed.
    Stale,
    /// The browser's storage could not be read.
    Unavailable,
}

/// Saves the load's JSON (a [`Loaded`]) with the storage version; true when the browser
/// kept it. Failure is not fatal: the page still shows the data, and says so.
pub async fn save(json: String) -> bool {
    let record = format!("{{\"version\":{STORAGE_VERSION},\"loaded\":{json}}}");
    let kept = put(Some(record)).await.is_ok();
    if !kept {
        web_sys::console::warn_1(
            &"Primary Care Atlas could not keep your data in browser storage.".into(),
        );
    }
    kept
}

/// Forgets the stored workspace; true when the browser confirmed it.
pub async fn clear() -> bool {
    put(None).await.is_ok()
}

/// What this browser kept, read as this build reads it ([`Restored`]).
pub async fn load() -> Restored {
    let text = match get().await {
        Ok(Some(text)) => text,
        Ok(None) => return Restored::Nothing,
        Err(_) => return Restored::Unavailable,
    };
    if let Ok(stored) = serde_json::from_str::<Stored>(&text) {
        if stored.version <= STORAGE_VERSION {
            return Restored::Kept(Box::new(stored.loaded));
        }
    } else if let Ok(loaded) = serde_json::from_str::<Loaded>(&text) {
        // Kept before records carried a version.
        return Restored::Kept(Box::new(loaded));
    }
    // Not readable by this build: say so, and do not leave it to be tried again.
    let _ = put(None).await;
    Restored::Stale
}

/// The stored record's text: `None` when nothing is kept.
async fn get() -> Result<Option<String>, JsValue> {
    let db = open().await?;
    let transaction = db.transaction_with_str(STORE)?;
    let request = transaction.object_store(STORE)?.get(&KEY.into())?;
    Ok(settle(&request).await?.as_string())
}
