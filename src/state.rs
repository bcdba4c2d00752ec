//! The one piece of app state: the current [`Workspace`], provided as context.

use atlas_core::Workspace;
use leptos::prelude::*;
use std::sync::Arc;

/// The workspace every page reads. Pages derive their figures from it with `Memo`s.
#[derive(Clone, Copy)]
pub struct AtlasState {
    pub workspace: RwSignal<Arc<Workspace>>,
}

impl AtlasState {
    /// State on the embedded Leicester City default.
    pub fn on_default() -> AtlasState {
        AtlasState {
            workspace: RwSignal::new(Arc::new(atlas_core::default_data::leicester_city())),
        }
    }
}

/// The state provided by [`crate::app::App`].
pub fn use_atlas() -> AtlasState {
    expect_context::<AtlasState>()
}
