//! The Methods page's figures about the data: the publications the figures come from,
//! and what the data on the pages is.

use atlas_core::model::{DataSource, Workspace};
use atlas_core::provenance::{day_label, gives, provenance_of};

/// The page's heading.
pub const HEADING: &str = "Methods and sources";

/// True while the pages show the embedded default (or its demonstration): the paper's
/// frame and its notes apply.
pub fn shows_default(ws: &Workspace) -> bool {
    matches!(
        ws.source,
        DataSource::EmbeddedDefault | DataSource::Demonstration
    )
}

/// The publications table's caption.
pub fn publications_caption(ws: &Workspace) -> &'static str {
    if matches!(ws.source, DataSource::EmbeddedDefault) {
        "Publications the Leicester City default is built from"
    } else {
        "Publications the figures on these pages come from"
    }
}

/// One row per publication the figures come from: publication, publisher, what it
/// gives, periods, day extracted, licence (or that its figures are illustrative).
pub fn publication_rows(ws: &Workspace) -> Vec<[String; 6]> {
    provenance_of(ws)
        .iter()
        .map(|entry| {
            let periods = match (entry.first_period, entry.last_period) {
                (Some(first), Some(last)) if first == last => first.label(),
                (Some(first), Some(last)) => format!("{} to {}", first.label(), last.label()),
                _ => "List sizes only".to_string(),
            };
            let extracted = entry
                .extracted
                .as_deref()
                .map(day_label)
                .unwrap_or_else(|| "Not stated".to_string());
            let licence = if entry.published {
                entry.licence.clone()
            } else {
                "Illustrative, not published figures".to_string()
            };
            [
                entry.publication.clone(),
                entry.publisher.clone(),
                gives(ws, entry),
                periods,
                extracted,
                licence,
            ]
        })
        .collect()
}

/// What the data on a published site or from the user's files is: a heading and a
/// paragraph (`None` for the default, which the page describes in its own words).
pub fn data_intro(ws: &Workspace) -> Option<(String, String)> {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    match &ws.source {
        DataSource::EmbeddedDefault | DataSource::Demonstration => None,
        DataSource::Published { files } => Some((
            format!("{}: the data on this site", ws.place),
            format!(
                "The figures on this site come from {} public file{} ({}), read by this project's own readers and written into this site's data by pcatlas bundle, with counts from 1 to 4 and what derives from them removed. The table names each national publication they come from, the periods this site holds, the day the files were taken and the licence.",
                files.len(),
                plural(files.len()),
                files.join(", ")
            ),
        )),
        DataSource::Uploaded { files } => Some((
            "Your data".to_string(),
            format!(
                "The figures on these pages come from your files ({}), read in this browser and sent nowhere. Measures that a national publication fills name it below; the others name your files beside their charts.",
                files.join(", ")
            ),
        )),
    }
}
