//! Saving what the app made (CSV, SVG, PNG) as a file on the user's device. Nothing is sent
//! anywhere: the browser writes a Blob it holds in memory.

use wasm_bindgen::JsCast;

/// Offers `contents` as a download called `file_name`. Returns false when the browser
/// refused; the page's download notice ([`DOWNLOAD_NOTICE`]) then says so, whichever
/// button asked, so no caller can drop a failure silently.
pub fn save_text(file_name: &str, mime: &str, contents: &str) -> bool {
    let saved = save(file_name, mime, contents).is_ok();
    tell(file_name, saved);
    saved
}

/// The id of the app shell's alert that a download failed.
pub const DOWNLOAD_NOTICE: &str = "download-notice";

/// Writes the outcome into the shell's notice: the failure in words, or nothing.
fn tell(file_name: &str, saved: bool) {
    let notice = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(DOWNLOAD_NOTICE));
    if let Some(notice) = notice {
        notice.set_text_content(Some(&if saved {
            String::new()
        } else {
            format!(
                "The browser did not save {file_name}. Try again; if it still does not, the browser's settings may block downloads from this page."
            )
        }));
    }
}

fn save(file_name: &str, mime: &str, contents: &str) -> Result<(), wasm_bindgen::JsValue> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    save_blob(file_name, &blob)
}

/// Offers an SVG chart as a PNG at twice its size (for slides and print): the browser
/// draws the SVG into a canvas and encodes it; nothing leaves the device. Returns false
/// when the browser refused to start.
pub fn save_svg_as_png(file_name: &str, svg: &str) -> bool {
    let started = png(file_name.to_string(), svg).is_ok();
    tell(file_name, started);
    started
}

fn png(file_name: String, svg: &str) -> Result<(), wasm_bindgen::JsValue> {
    use wasm_bindgen::prelude::Closure;
    const SCALE: f64 = 2.0;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let image = web_sys::HtmlImageElement::new()?;
    let loaded = image.clone();
    let source = url.clone();
    let on_load = Closure::once_into_js(move || {
        let drawn = (|| -> Result<(), wasm_bindgen::JsValue> {
            let document = web_sys::window()
                .and_then(|w| w.document())
                .ok_or_else(|| wasm_bindgen::JsValue::from_str("no document"))?;
            let canvas: web_sys::HtmlCanvasElement =
                document.create_element("canvas")?.dyn_into()?;
            let (width, height) = (
                f64::from(loaded.natural_width()),
                f64::from(loaded.natural_height()),
            );
            canvas.set_width((width * SCALE) as u32);
            canvas.set_height((height * SCALE) as u32);
            let context: web_sys::CanvasRenderingContext2d = canvas
                .get_context("2d")?
                .ok_or_else(|| wasm_bindgen::JsValue::from_str("no 2d context"))?
                .dyn_into()?;
            // Charts have transparent backgrounds; a PNG on a slide wants white.
            context.set_fill_style_str("#ffffff");
            context.fill_rect(0.0, 0.0, width * SCALE, height * SCALE);
            context.draw_image_with_html_image_element_and_dw_and_dh(
                &loaded,
                0.0,
                0.0,
                width * SCALE,
                height * SCALE,
            )?;
            let name = file_name.clone();
            let on_blob = Closure::once_into_js(move |png: Option<web_sys::Blob>| {
                if let Some(png) = png {
                    let _ = save_blob(&name, &png);
                }
            });
            canvas.to_blob(on_blob.unchecked_ref())
        })();
        let _ = web_sys::Url::revoke_object_url(&source);
        if drawn.is_err() {
            web_sys::console::warn_1(&"Primary Care Atlas could not make the PNG.".into());
        }
    });
    image.set_onload(Some(on_load.unchecked_ref()));
    image.set_src(&url);
    Ok(())
}

fn save_blob(file_name: &str, blob: &web_sys::Blob) -> Result<(), wasm_bindgen::JsValue> {
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| wasm_bindgen::JsValue::from_str("no document"))?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    web_sys::Url::revoke_object_url(&url)
}
