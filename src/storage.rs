//! Keeps the user's workspace in the browser's IndexedDB so it survives a reload, until
//! the user clears it. Nothing is stored anywhere else.

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

/// Saves the workspace (its JSON); true when the browser kept it. Failure is not fatal:
/// the page still shows the data.
pub async fn save(json: String) -> bool {
    let kept = put(Some(json)).await.is_ok();
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

/// The stored workspace's JSON, when there is one.
pub async fn load() -> Option<String> {
    let db = open().await.ok()?;
    let transaction = db.transaction_with_str(STORE).ok()?;
    let request = transaction
        .object_store(STORE)
        .ok()?
        .get(&KEY.into())
        .ok()?;
    settle(&request).await.ok()?.as_string()
}
