//! What the app's two binaries share: the page (`main.rs`) and the ingest worker
//! (`bin/ingest-worker/`) speak [`protocol`].

pub mod protocol;
