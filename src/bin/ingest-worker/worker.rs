//! The worker's message loop: each message from the page to the job that handles it, and
//! the replies, typed by `atlas_app::protocol`.

use crate::load::{begin_load, read_pieces, take_pieces};
use atlas_app::protocol::{self, attach, FromWorker, ToWorker};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, File, MessageEvent};

pub fn start() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        set_today_from_clock();
        let data = event.data();
        match protocol::decode::<ToWorker>(&data) {
            Ok(ToWorker::Load { piece, pieces }) => {
                let files: Vec<File> = js_sys::Array::from(&protocol::beside(&data, attach::FILES))
                    .iter()
                    .filter_map(|f| f.dyn_into::<File>().ok())
                    .collect();
                let pieces = pieces.max(1);
                let outcome = if piece == 0 {
                    begin_load(&scope, files, pieces)
                } else {
                    read_pieces(&scope, &files, piece, pieces)
                };
                if let Err(message) = outcome {
                    fail(&scope, &message);
                }
            }
            Ok(ToWorker::Pieces { .. }) => {
                let payload = protocol::beside(&data, attach::PAYLOAD)
                    .as_string()
                    .unwrap_or_default();
                if let Err(message) = take_pieces(&scope, &payload) {
                    fail(&scope, &message);
                }
            }
            #[cfg(feature = "risk")]
            Ok(message) => super::risk::handle(&scope, message, &data),
            Err(message) => fail(&scope, &format!("the file reader was sent {message}")),
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    send(&scope, &FromWorker::Ready, &[]);
}

pub(crate) fn fail(scope: &DedicatedWorkerGlobalScope, message: &str) {
    let message = message.to_string();
    send(scope, &FromWorker::Error { message }, &[]);
}

/// Posts `message` to the page, with what goes beside it.
pub(crate) fn send(
    scope: &DedicatedWorkerGlobalScope,
    message: &FromWorker,
    beside: &[(&str, &JsValue)],
) {
    let _ = scope.post_message(&protocol::encode(message, beside));
}

/// WebAssembly has no system clock: the readers take today from the browser's, so that
/// a date in the future is refused here as it is on the command line.
fn set_today_from_clock() {
    let now = js_sys::Date::new_0();
    let day = atlas_core::model::Date::new(
        now.get_full_year() as i32,
        now.get_month() as u8 + 1,
        now.get_date() as u8,
    );
    if let Some(day) = day {
        atlas_core::ingest::values::set_today(day);
    }
}
