//! Putting practices on the map. Coordinates come from the files when a file gives
//! them; otherwise a practice is placed at its postcode's centroid, looked up in the
//! lookups given in order (ingest gives the OS Code-Point Open files loaded with the
//! data, then the embedded Code-Point Open extract for Leicester, read by the same
//! reader as a loaded file: `ingest::embedded_postcodes`). A practice that cannot be
//! placed keeps no location and a reason ([`unplaced_reason`]).

use crate::model::{LatLon, LocationSource, Practice};
use crate::text::normalise_postcode;
use std::collections::HashMap;

/// What the map calls the embedded extract.
pub const EMBEDDED_LOOKUP: &str = "OS Code-Point Open 2018, Leicester (built in)";

/// The attribution the embedded extract's licence asks for wherever it is shown.
pub const CODE_POINT_2018_ATTRIBUTION: &str =
    "Contains OS data © Crown copyright and database right 2018; \
Contains Royal Mail data © Royal Mail copyright and database right 2018; \
Contains National Statistics data © Crown copyright and database right 2018";

/// The attribution for a Code-Point Open file the user loads: its year is not in the
/// file, so the statement names the dataset instead.
pub const CODE_POINT_ATTRIBUTION: &str = "Contains OS data © Crown copyright and database right; \
Contains Royal Mail data © Royal Mail copyright and database right; \
Contains National Statistics data © Crown copyright and database right (OS Code-Point Open)";

/// Postcode centroids from one source.
#[derive(Debug, Clone)]
pub struct PostcodeLookup {
    source: LocationSource,
    centroids: HashMap<String, LatLon>,
}

impl PostcodeLookup {
    /// A lookup from the postcodes a Code-Point Open file gave (postcode as
    /// [`normalise_postcode`] writes it, and its centroid); the first row of a postcode
    /// repeated in the file wins.
    pub fn from_postcodes<'a>(
        file_name: &str,
        postcodes: impl IntoIterator<Item = (&'a str, LatLon)>,
    ) -> PostcodeLookup {
        let mut centroids = HashMap::new();
        for (postcode, location) in postcodes {
            centroids.entry(postcode.to_string()).or_insert(location);
        }
        PostcodeLookup {
            source: LocationSource::Postcode {
                lookup: file_name.to_string(),
                attribution: CODE_POINT_ATTRIBUTION.to_string(),
            },
            centroids,
        }
    }

    /// The embedded extract's lookup: its postcodes, with the extract's own source and
    /// attribution.
    pub fn embedded<'a>(postcodes: impl IntoIterator<Item = (&'a str, LatLon)>) -> PostcodeLookup {
        PostcodeLookup {
            source: embedded_source(),
            ..PostcodeLookup::from_postcodes(EMBEDDED_LOOKUP, postcodes)
        }
    }

    /// The centroid of a postcode written as [`normalise_postcode`] writes it.
    pub fn get(&self, postcode: &str) -> Option<LatLon> {
        self.centroids.get(postcode).copied()
    }

    /// How many postcodes the lookup holds.
    pub fn len(&self) -> usize {
        self.centroids.len()
    }

    /// True when the lookup holds no postcode.
    pub fn is_empty(&self) -> bool {
        self.centroids.is_empty()
    }
}

/// The source of coordinates placed from the embedded extract.
pub fn embedded_source() -> LocationSource {
    LocationSource::Postcode {
        lookup: EMBEDDED_LOOKUP.to_string(),
        attribution: CODE_POINT_2018_ATTRIBUTION.to_string(),
    }
}

/// Places every practice that has a postcode and no location, from `lookups` in order.
/// Returns how many were placed.
pub fn place_practices(practices: &mut [Practice], lookups: &[&PostcodeLookup]) -> usize {
    let mut placed = 0;
    for practice in practices.iter_mut().filter(|p| p.location.is_none()) {
        let Some(postcode) = practice.postcode.as_deref().and_then(normalise_postcode) else {
            continue;
        };
        let found = lookups
            .iter()
            .find_map(|lookup| lookup.get(&postcode).map(|at| (at, *lookup)));
        if let Some((at, lookup)) = found {
            practice.location = Some(at);
            practice.location_source = Some(lookup.source.clone());
            placed += 1;
        }
    }
    placed
}

/// Why a practice is not on the map, in words; `None` when it is.
pub fn unplaced_reason(practice: &Practice) -> Option<String> {
    if practice.location.is_some() {
        return None;
    }
    Some(match practice.postcode.as_deref().map(str::trim) {
        None | Some("") => {
            "no file gives its postcode or coordinates (add ODS epraccur or a practices file)"
                .to_string()
        }
        Some(postcode) => format!(
            "its postcode {postcode} is not in any postcode lookup (the built-in one has Leicester's 2018 postcodes; load OS Code-Point Open for its area)"
        ),
    })
}

/// The attributions the coordinates of `practices` ask for, each once, in first-seen
/// order.
pub fn attributions<'a>(practices: impl IntoIterator<Item = &'a Practice>) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for practice in practices {
        if let Some(LocationSource::Postcode { attribution, .. }) = &practice.location_source {
            if !seen.contains(attribution) {
                seen.push(attribution.clone());
            }
        }
    }
    seen
}

/// Where the map's coordinates come from, with the attributions they ask for: "Practice
/// locations are postcode centroids from OS Code-Point Open 2018, Leicester (built in).
/// Contains OS data © …". `None` when no practice is on the map.
pub fn coordinates_note<'a>(
    practices: impl IntoIterator<Item = &'a Practice> + Clone,
) -> Option<String> {
    let mut lookups: Vec<&str> = Vec::new();
    let mut from_files = false;
    for practice in practices.clone() {
        match &practice.location_source {
            Some(LocationSource::Postcode { lookup, .. })
                if !lookups.contains(&lookup.as_str()) =>
            {
                lookups.push(lookup)
            }
            Some(LocationSource::File) => from_files = true,
            _ => {}
        }
    }
    let mut parts = Vec::new();
    if from_files {
        parts.push("Some practice locations are as the practices file gives them.".to_string());
    }
    if !lookups.is_empty() {
        parts.push(format!(
            "Practice locations are postcode centroids from {}.",
            lookups.join(" and ")
        ));
        parts.extend(attributions(practices).into_iter().map(|a| format!("{a}.")));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Every practice not on the map, as (code, name, reason), in workspace order.
pub fn unplaced<'a>(
    practices: impl IntoIterator<Item = &'a Practice>,
) -> Vec<(String, String, String)> {
    practices
        .into_iter()
        .filter_map(|p| {
            unplaced_reason(p).map(|reason| {
                (
                    p.code.clone(),
                    crate::summary::display_name(&p.name),
                    reason,
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::default_data::leicester_city;
    use crate::ingest::embedded_postcodes;

    #[test]
    fn the_embedded_extract_is_read_whole() {
        let lookup = embedded_postcodes();
        assert_eq!(lookup.len(), 5957);
        // LE1 1AD: 459040 E, 304553 N → 52.635524, -1.129036 (pyproj, the realdata copy).
        let at = lookup.get("LE1 1AD").unwrap();
        assert!((at.lat - 52.635524).abs() < 5e-5 && (at.lon + 1.129036).abs() < 5e-5);
    }

    #[test]
    fn the_default_practices_sit_where_their_postcodes_say() {
        // The paper's coordinates (from the Leicester crosswalk) and the embedded
        // extract agree to within about 10 m for every default practice.
        let w = leicester_city();
        let lookup = embedded_postcodes();
        for practice in &w.practices {
            let given = practice.location.unwrap();
            let postcode = practice.postcode.as_deref().unwrap();
            let Some(found) = lookup.get(postcode) else {
                panic!("{} {postcode} is not in the extract", practice.code);
            };
            assert!(
                (given.lat - found.lat).abs() < 1e-4 && (given.lon - found.lon).abs() < 1.5e-4,
                "{}: {given:?} against {found:?}",
                practice.code
            );
        }
    }

    #[test]
    fn loaded_lookups_come_first_and_the_rest_are_explained() {
        let mut practices = leicester_city().practices;
        for p in &mut practices {
            p.location = None;
            p.location_source = None;
        }
        practices[1].postcode = Some("ZZ9 9ZZ".into());
        practices[2].postcode = None;
        let first = practices[0].postcode.clone().unwrap();
        let loaded = PostcodeLookup::from_postcodes(
            "mine.csv",
            [(first.as_str(), LatLon { lat: 1.0, lon: 2.0 })],
        );
        let n = practices.len();
        assert_eq!(
            place_practices(&mut practices, &[&loaded, embedded_postcodes()]),
            n - 2
        );
        assert_eq!(practices[0].location, Some(LatLon { lat: 1.0, lon: 2.0 }));
        assert!(matches!(
            &practices[0].location_source,
            Some(LocationSource::Postcode { lookup, .. }) if lookup == "mine.csv"
        ));
        assert_eq!(practices[3].location_source, Some(embedded_source()));
        assert!(unplaced_reason(&practices[1])
            .unwrap()
            .contains("ZZ9 9ZZ is not in any"));
        assert!(unplaced_reason(&practices[2])
            .unwrap()
            .starts_with("no file gives"));
        assert_eq!(unplaced_reason(&practices[0]), None);
        let note = coordinates_note(&practices).unwrap();
        assert!(note.starts_with("Practice locations are postcode centroids from mine.csv and OS Code-Point Open 2018"), "{note}");
        assert!(note.contains("database right 2018."), "{note}");
        let missing = unplaced(&practices);
        assert_eq!(missing.len(), 2);
        assert_eq!(missing[0].0, practices[1].code);
        assert_eq!(
            attributions(&practices),
            vec![
                CODE_POINT_ATTRIBUTION.to_string(),
                CODE_POINT_2018_ATTRIBUTION.to_string()
            ]
        );
    }
}
