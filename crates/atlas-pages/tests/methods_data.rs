//! The Methods page's publications and the words about what the data is.

mod common;

use atlas_core::model::DataSource;
use atlas_pages::methods::{data_intro, publication_rows, shows_default};
use common::workspaces;

#[test]
fn every_publication_has_its_periods_day_and_licence_and_the_data_says_what_it_is() {
    for (label, ws) in workspaces() {
        let rows = publication_rows(&ws);
        assert!(!rows.is_empty(), "{label}: figures with no publication");
        for row in &rows {
            assert!(row.iter().all(|cell| !cell.is_empty()), "{label}: {row:?}");
        }
        match &ws.source {
            DataSource::Uploaded { files } => {
                let (heading, text) = data_intro(&ws).expect("words for the user's files");
                assert_eq!(heading, "Your data");
                assert!(files.iter().all(|f| text.contains(f.as_str())), "{text}");
                assert!(!shows_default(&ws));
            }
            _ => {
                assert!(data_intro(&ws).is_none(), "{label}");
                assert!(shows_default(&ws), "{label}");
            }
        }
    }
}
