//! Saving text the app made (CSV, SVG) as a file on the user's device. Nothing is sent
//! anywhere: the browser writes a Blob it holds in memory.

use wasm_bindgen::JsCast;

/// Offers `contents` as a download called `file_name`. Returns false when the browser
/// refused (the caller says so on the page).
pub fn save_text(file_name: &str, mime: &str, contents: &str) -> bool {
    save(file_name, mime, contents).is_ok()
}

fn save(file_name: &str, mime: &str, contents: &str) -> Result<(), wasm_bindgen::JsValue> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| wasm_bindgen::JsValue::from_str("no document"))?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}
