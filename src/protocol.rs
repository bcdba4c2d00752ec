//! The messages between the pages and the ingest worker, typed once for both sides.
//!
//! A message is a plain JS object: `message`, the JSON of a [`ToWorker`], a
//! [`FromWorker`] or a [`FromHelper`] (tagged by `kind`), and beside it the things JSON
//! cannot carry ([`attach`]: files, message ports, bytes) and large JSON payloads that
//! are passed on as they are. A message that is not one of these is reported as such
//! ([`decode`]'s error), never read as some default.
//!
//! The ingest worker reads the user's files (`Load`: worker 0 reads every file and its
//! own piece of a large one; workers 1 and up read their pieces and answer `Pieces`,
//! which the page hands on to worker 0). With the `risk` feature it also scores a
//! patient file for the Risk page (`Risk`, then `RiskCohort` to rebuild the cohort
//! from what it keeps); helpers read the other parts of a large patient file
//! (`RiskPiece`) and send them straight to the scorer on a `MessagePort` of their own.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

/// The worker's script, as Trunk writes it.
pub const WORKER_SCRIPT: &str = "/ingest-worker_loader.js";

/// The keys of what goes beside a message's typed part.
pub mod attach {
    /// The files to read (an array of `File`).
    pub const FILES: &str = "files";
    /// The patient file to read (a `File`).
    pub const FILE: &str = "file";
    /// The scorer's ends of the helpers' channels (an array of `MessagePort`).
    pub const PORTS: &str = "ports";
    /// A helper's end of its channel to the scorer (a `MessagePort`).
    pub const PORT: &str = "port";
    /// A large JSON text passed on as it is (the workspace read, pieces, the scored
    /// view, the file's report).
    pub const PAYLOAD: &str = "payload";
    /// A helper's piece of a patient file (an `ArrayBuffer`, handed over).
    pub const BYTES: &str = "bytes";
}

/// The key of a message's typed part.
const MESSAGE: &str = "message";

/// From a page to a worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum ToWorker {
    /// Read the [`attach::FILES`] as worker `piece` of `pieces` (numbered from 0).
    Load { piece: usize, pieces: usize },
    /// Worker `piece`'s pieces ([`attach::PAYLOAD`], as it sent them), for worker 0.
    Pieces { piece: usize },
    /// Read and score the patient [`attach::FILE`]; the [`attach::PORTS`] lead to the
    /// helpers reading its other parts.
    #[cfg(feature = "risk")]
    Risk {
        top: f64,
        rule: atlas_core::risk::cohort::CohortRule,
        /// Score from the columns present when some are missing.
        accept_missing: bool,
        /// The practices and PCNs the page knows, so that rates can be given by PCN.
        structure: Structure,
    },
    /// Rebuild the cohort from the scored file kept.
    #[cfg(feature = "risk")]
    RiskCohort {
        top: f64,
        rule: atlas_core::risk::cohort::CohortRule,
    },
    /// Read part `piece` of `pieces` of the patient [`attach::FILE`] and send it on the
    /// [`attach::PORT`].
    #[cfg(feature = "risk")]
    RiskPiece { piece: usize, pieces: usize },
}

/// The practices and PCNs of the page's workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Structure {
    pub pcns: Vec<atlas_core::model::Pcn>,
    pub practices: Vec<atlas_core::model::Practice>,
}

/// From a worker to its page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum FromWorker {
    /// The worker listens (its wasm starts asynchronously: anything sent before this
    /// would be lost).
    Ready,
    /// The work failed; the words say why.
    Error { message: String },
    /// Bytes this worker has read: of the load (naming the file being read), or of its
    /// part `piece` of a patient file of `total` bytes.
    Progress {
        done: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        file: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        piece: Option<usize>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        total: Option<f64>,
    },
    /// Worker 0 has read everything: [`attach::PAYLOAD`] is the JSON of
    /// `atlas_core::ingest::Loaded`.
    Done(LoadWork),
    /// Worker `piece`'s pieces of the cut files ([`attach::PAYLOAD`]: the JSON of
    /// `[(file index, Piece)]`), for the page to hand to worker 0.
    Pieces { piece: usize },
    /// The patient file scored: [`attach::PAYLOAD`] is the JSON of
    /// `atlas_core::risk::view::RiskView`.
    Risk(RiskWork),
    /// The patient file was refused: [`attach::PAYLOAD`] is the JSON of its report.
    RiskRefused,
    /// Columns are missing; the words name them.
    RiskMissing { message: String },
}

/// Where a load's time went, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct LoadWork {
    /// The browser handing worker 0 slices of the files.
    pub reading_ms: f64,
    /// Parsing and validating them.
    pub parsing_ms: f64,
    /// Worker 0 waiting for the other workers' pieces.
    pub waiting_ms: f64,
    /// Putting pieces together, combining the files and writing the JSON.
    pub combining_ms: f64,
    /// The most parts any one file was read in at once (1 when none was cut).
    pub parts: usize,
}

/// Where the scorer's time went, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct RiskWork {
    /// From the file given to the table ready: reading, parsing, waiting for pieces
    /// (0 when the cohort was rebuilt from the file kept).
    pub parse_ms: f64,
    /// Of `parse_ms`, the browser handing the scorer its slices.
    pub reading_ms: f64,
    /// Of `parse_ms`, waiting for the helpers' pieces after its own.
    pub waiting_ms: f64,
    /// Of `parse_ms`, putting the pieces together.
    pub combining_ms: f64,
    /// The parts the file was read in at once (1: whole).
    pub parts: usize,
    pub score_ms: f64,
    pub cohort_ms: f64,
}

/// From a helper to the scorer, on the helper's own channel: its part `piece`, with
/// [`attach::BYTES`] when it read one (none when the file is not cut or could not be
/// read: the scorer then reads it whole).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum FromHelper {
    Piece { piece: usize },
}

/// A message's JSON, for [`encode`]; also what the native tests check.
pub fn to_json<T: Serialize>(message: &T) -> String {
    // The message types hold only strings, numbers and plain enums: this cannot fail.
    serde_json::to_string(message).unwrap_or_default()
}

/// A message read from its JSON; the error says what was wrong with it.
pub fn from_json<T: DeserializeOwned>(json: &str) -> Result<T, String> {
    serde_json::from_str(json).map_err(|e| format!("an unexpected message ({e}): {json}"))
}

/// The JS object to post: the message and what goes beside it.
pub fn encode<T: Serialize>(message: &T, beside: &[(&str, &JsValue)]) -> js_sys::Object {
    let object = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&object, &MESSAGE.into(), &to_json(message).into());
    for (key, value) in beside {
        let _ = js_sys::Reflect::set(&object, &(*key).into(), value);
    }
    object
}

/// The message in a posted JS object, or why it is not one.
pub fn decode<T: DeserializeOwned>(data: &JsValue) -> Result<T, String> {
    match beside(data, MESSAGE).as_string() {
        Some(json) => from_json(&json),
        None => Err("a message without its typed part".to_string()),
    }
}

/// What goes beside a message under `key` (undefined when nothing does).
pub fn beside(data: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(data, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_reads_back_as_it_was_written() {
        let to_worker = [
            ToWorker::Load {
                piece: 1,
                pieces: 4,
            },
            ToWorker::Pieces { piece: 3 },
        ];
        for message in to_worker {
            assert_eq!(from_json::<ToWorker>(&to_json(&message)), Ok(message));
        }
        let from_worker = [
            FromWorker::Ready,
            FromWorker::Error {
                message: "no".into(),
            },
            FromWorker::Progress {
                done: 10.0,
                file: Some("a.csv".into()),
                piece: None,
                total: None,
            },
            FromWorker::Done(LoadWork {
                parts: 2,
                ..LoadWork::default()
            }),
            FromWorker::Pieces { piece: 1 },
            FromWorker::Risk(RiskWork::default()),
            FromWorker::RiskRefused,
            FromWorker::RiskMissing {
                message: "age".into(),
            },
        ];
        for message in from_worker {
            assert_eq!(from_json::<FromWorker>(&to_json(&message)), Ok(message));
        }
        let helper = FromHelper::Piece { piece: 2 };
        assert_eq!(from_json::<FromHelper>(&to_json(&helper)), Ok(helper));
    }

    #[test]
    fn an_unknown_or_malformed_message_is_an_error_not_a_default() {
        assert!(from_json::<ToWorker>(r#"{"kind":"lode","piece":0,"pieces":1}"#).is_err());
        assert!(from_json::<ToWorker>(r#"{"kind":"load","piece":"x","pieces":1}"#).is_err());
        assert!(from_json::<ToWorker>(r#"{"kind":"load","piece":0}"#).is_err());
        assert!(from_json::<FromWorker>(r#"{"kind":"done"}"#).is_err());
        let error = from_json::<FromWorker>("{}").unwrap_err();
        assert!(error.starts_with("an unexpected message"), "{error}");
    }

    #[cfg(feature = "risk")]
    #[test]
    fn a_cohort_rule_travels_by_name_and_a_misspelt_one_is_refused() {
        use atlas_core::risk::cohort::CohortRule;
        for rule in CohortRule::ALL {
            let message = ToWorker::RiskCohort { top: 3.0, rule };
            assert_eq!(from_json::<ToWorker>(&to_json(&message)), Ok(message));
        }
        let misspelt = r#"{"kind":"risk-cohort","top":3.0,"rule":"TopCsm"}"#;
        assert!(from_json::<ToWorker>(misspelt).is_err());
    }
}
