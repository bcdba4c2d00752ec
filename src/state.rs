//! The app's state: the current [`Workspace`], the reports of the last files loaded,
//! and where a load has got to. Provided once as context by [`crate::app::App`].

use atlas_core::ingest::FileReport;
use atlas_core::Workspace;
use leptos::prelude::*;
use std::sync::Arc;

/// Where loading the user's files has got to.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadStatus {
    Idle,
    /// Restoring the workspace kept in browser storage.
    Restoring,
    /// Reading: bytes done of total, and the file being read.
    Reading {
        file: String,
        done: f64,
        total: f64,
    },
    /// Loaded; with where the time went when files were just read (not when restored).
    Loaded(Option<LoadTimings>),
    Cancelled,
    /// The user's data is gone from browser storage (true) or the browser did not
    /// confirm it (false).
    Cleared(bool),
    /// The default is shown; the user's data is still kept in browser storage.
    ShowingDefault,
    /// The files were all patient-level: checked, and nothing of them added.
    PatientFilesChecked,
    Failed(String),
}

/// Where a load's time went, in milliseconds (shown with the outcome; the browser
/// benchmark reads them).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LoadTimings {
    /// From choosing the files to the workspace taken over by the page.
    pub total_ms: f64,
    /// Workers that read the files at once.
    pub workers: usize,
    /// The most parts any one file was read in at once (1 when none was cut).
    pub parts: usize,
    /// The browser handing worker 0 slices of the files.
    pub reading_ms: f64,
    /// Parsing and validating them.
    pub parsing_ms: f64,
    /// Worker 0 waiting for the other workers' pieces, once done with its own part.
    pub waiting_ms: f64,
    /// Putting pieces together, combining the files into a workspace and writing it as
    /// JSON.
    pub combining_ms: f64,
    /// The page taking the workspace from the worker.
    pub handing_over_ms: f64,
}

/// A published site's bundle (see [`crate::published`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Published {
    /// This build names no bundle: the embedded default is the default.
    NoBundle,
    Loading,
    Ready(Arc<Workspace>),
    /// Missing, damaged or of another version: what the visitor is told.
    Failed(String),
}

/// Everything pages read. Pages derive their figures from it with `Memo`s.
#[derive(Clone, Copy)]
pub struct AtlasState {
    /// Everything loaded: the default, a published bundle or the user's files.
    pub whole: RwSignal<Arc<Workspace>>,
    /// The area asked for (`?area=`), when the files cover several.
    pub area: RwSignal<Option<String>>,
    /// What the pages show: `whole`, or the chosen area of it when the files cover
    /// several ([`atlas_core::areas`]).
    pub workspace: Memo<Arc<Workspace>>,
    pub reports: RwSignal<Vec<FileReport>>,
    pub load: RwSignal<LoadStatus>,
    /// The user's workspace is kept in browser storage (saved or restored, not cleared).
    pub kept: RwSignal<bool>,
    /// The site's published bundle, when it has one: the default to return to.
    pub published: RwSignal<Published>,
}

impl AtlasState {
    /// State on the embedded Leicester City default (the bundle built from public files).
    pub fn on_default() -> AtlasState {
        let whole = RwSignal::new(Arc::new(atlas_core::default_data::leicester_city()));
        let area = RwSignal::new(None);
        AtlasState {
            whole,
            area,
            workspace: Memo::new(move |_| {
                let whole = whole.get();
                let area = area.read();
                match atlas_core::areas::shown_area(&whole, area.as_deref()) {
                    Some(shown) => Arc::new(atlas_core::areas::within_area(&whole, &shown.code)),
                    None => whole,
                }
            }),
            reports: RwSignal::new(Vec::new()),
            load: RwSignal::new(LoadStatus::Idle),
            kept: RwSignal::new(false),
            published: RwSignal::new(Published::NoBundle),
        }
    }

    /// The name of the place the default shows: the published bundle's when this site
    /// has one, else the embedded default's.
    pub fn default_place(&self) -> String {
        match self.published.get() {
            Published::Ready(workspace) => workspace.place.clone(),
            _ => atlas_core::default_data::PLACE_NAME.to_string(),
        }
    }

    /// Back to the embedded default (browser storage is left as it is).
    pub fn reset_to_default(&self) {
        let default = match self.published.get_untracked() {
            Published::Ready(workspace) => workspace,
            _ => Arc::new(atlas_core::default_data::leicester_city()),
        };
        self.whole.set(default);
        self.reports.set(Vec::new());
        self.load.set(LoadStatus::Idle);
    }
}

/// The state provided by [`crate::app::App`].
pub fn use_atlas() -> AtlasState {
    expect_context::<AtlasState>()
}
