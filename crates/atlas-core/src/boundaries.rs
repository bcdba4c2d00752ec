//! Boundaries drawn under the map: Leicester's outline (ONS, May 2024) and its wards
//! as drawn in 2013, committed in `data/leicester-city/boundaries` with their source and
//! licences. They are drawn only for a workspace of sub-ICB location 04C (Leicester
//! City), which is coterminous with the city.

use crate::model::Workspace;

/// The sub-ICB location the boundaries belong to.
pub const LEICESTER_CITY_AREA: &str = "04C";

/// What an outline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlineKind {
    /// The place's own boundary.
    Place,
    /// An electoral ward.
    Ward,
}

/// A named area's outline: its rings of (latitude, longitude) points.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    pub name: String,
    pub kind: OutlineKind,
    pub rings: Vec<Vec<(f64, f64)>>,
}

/// The attribution the boundaries' licences ask for, and that the wards are past ones.
pub const BOUNDARY_ATTRIBUTION: &str = "Boundaries: Leicester (ONS, May 2024) and its wards as drawn in 2013, redrawn in 2015 (Martin Chorley's UK-GeoJSON, CC BY 4.0). Contains OS and ONS data © Crown copyright and database right 2016–2024 (Open Government Licence v3.0).";

const PLACE: &str = include_str!("../data/leicester-city/boundaries/leicester-2024.geojson");
const WARDS: &str = include_str!("../data/leicester-city/boundaries/wards-2013.geojson");

/// The outlines of a GeoJSON feature collection of polygons (each feature's `name`
/// property); features of other geometry types, or with bad coordinates, are left out.
pub fn read_outlines(geojson: &str, kind: OutlineKind) -> Vec<Outline> {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(geojson) else {
        return Vec::new();
    };
    let ring = |ring: &serde_json::Value| -> Option<Vec<(f64, f64)>> {
        ring.as_array()?
            .iter()
            .map(|p| {
                let p = p.as_array()?;
                // GeoJSON is [longitude, latitude].
                Some((p.get(1)?.as_f64()?, p.first()?.as_f64()?))
            })
            .collect()
    };
    value["features"]
        .as_array()
        .map(|features| {
            features
                .iter()
                .filter_map(|f| {
                    let geometry = &f["geometry"];
                    let polygons: Vec<&serde_json::Value> = match geometry["type"].as_str()? {
                        "Polygon" => vec![&geometry["coordinates"]],
                        "MultiPolygon" => geometry["coordinates"].as_array()?.iter().collect(),
                        _ => return None,
                    };
                    let rings: Option<Vec<Vec<(f64, f64)>>> = polygons
                        .iter()
                        .flat_map(|p| p.as_array().into_iter().flatten())
                        .map(ring)
                        .collect();
                    Some(Outline {
                        name: f["properties"]["name"]
                            .as_str()
                            .unwrap_or_default()
                            .to_string(),
                        kind,
                        rings: rings?,
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Leicester's outline, then its 22 wards of 2013.
pub fn leicester_outlines() -> Vec<Outline> {
    let mut outlines = read_outlines(PLACE, OutlineKind::Place);
    outlines.extend(read_outlines(WARDS, OutlineKind::Ward));
    outlines
}

/// The outlines to draw under a workspace's map: Leicester's when every practice with a
/// sub-ICB location is in 04C (and at least one is); none otherwise.
pub fn outlines_for(workspace: &Workspace) -> Vec<Outline> {
    let mut located = workspace
        .practices
        .iter()
        .filter_map(|p| p.area_code.as_deref())
        .peekable();
    if located.peek().is_some() && located.all(|a| a == LEICESTER_CITY_AREA) {
        leicester_outlines()
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leicester_and_its_22_wards_of_2013() {
        let outlines = leicester_outlines();
        assert_eq!(outlines.len(), 23);
        assert_eq!(outlines[0].name, "Leicester");
        assert_eq!(outlines[0].kind, OutlineKind::Place);
        let wards: Vec<&Outline> = outlines
            .iter()
            .filter(|o| o.kind == OutlineKind::Ward)
            .collect();
        assert_eq!(wards.len(), 22);
        assert!(wards.iter().any(|w| w.name == "Abbey"));
        // Every ring closes, and every ward lies within the city's bounding box.
        let (mut lat_lo, mut lat_hi, mut lon_lo, mut lon_hi) = (90.0, -90.0, 180.0, -180.0);
        for &(lat, lon) in &outlines[0].rings[0] {
            (lat_lo, lat_hi) = (f64::min(lat_lo, lat), f64::max(lat_hi, lat));
            (lon_lo, lon_hi) = (f64::min(lon_lo, lon), f64::max(lon_hi, lon));
        }
        assert!((52.5..52.75).contains(&lat_lo) && (-1.25..-1.0).contains(&lon_lo));
        for ward in &wards {
            for ring in &ward.rings {
                assert_eq!(ring.first(), ring.last(), "{}", ward.name);
                for &(lat, lon) in ring {
                    assert!(
                        lat >= lat_lo - 0.01 && lat <= lat_hi + 0.01,
                        "{}",
                        ward.name
                    );
                    assert!(
                        lon >= lon_lo - 0.01 && lon <= lon_hi + 0.01,
                        "{}",
                        ward.name
                    );
                }
            }
        }
    }

    #[test]
    fn drawn_only_for_leicester_city() {
        let ws = crate::default_data::leicester_city();
        assert!(
            ws.practices.iter().any(|p| p.area_code.is_some()),
            "the default's practices have their sub-ICB location"
        );
        assert_eq!(outlines_for(&ws).len(), 23);
        let mut elsewhere = ws.clone();
        elsewhere.practices[0].area_code = Some("03W".into());
        assert!(outlines_for(&elsewhere).is_empty());
        assert!(read_outlines("not json", OutlineKind::Ward).is_empty());
    }
}
