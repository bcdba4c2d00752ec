//! OS Code-Point Open: one row per postcode, no header row, with the postcode's
//! centroid as British National Grid eastings and northings (EPSG:27700, metres).
//! Each is converted to WGS84 latitude and longitude, so that practices whose files
//! give a postcode and no coordinates can be placed on the map.
//!
//! The conversion is PROJ's: the transverse Mercator inverse on the Airy 1830
//! ellipsoid, then the seven-parameter Helmert shift OSGB36 → WGS84 that EPSG:27700's
//! `towgs84` gives (Ordnance Survey, *A guide to coordinate systems in Great Britain*,
//! §6.6), done by the `proj4rs` crate. Without the OSTN15 grid it is good to about 5 m,
//! far finer than a postcode centroid needs.

use crate::ingest::extract::{Extract, PostcodeFact};
use crate::ingest::table::{CsvRows, ReportBuilder};
use crate::ingest::values::normalise_postcode;
use crate::model::LatLon;
use proj4rs::proj::Proj;
use std::io::Read;

/// Code-Point Open's columns, in order, as its user guide names them.
const COLUMNS: [&str; 10] = [
    "Postcode",
    "Positional_quality_indicator",
    "Eastings",
    "Northings",
    "Country_code",
    "NHS_regional_HA_code",
    "NHS_HA_code",
    "Admin_county_code",
    "Admin_district_code",
    "Admin_ward_code",
];

/// Column positions (0-based).
mod column {
    pub const POSTCODE: usize = 0;
    pub const QUALITY: usize = 1;
    pub const EASTINGS: usize = 2;
    pub const NORTHINGS: usize = 3;
}

/// Positional quality 90: the postcode has no coordinates (Code-Point Open writes 0, 0).
const NO_COORDINATES: u32 = 90;

/// Names for a header-less file with `width` columns: Code-Point Open's own, then
/// "column N" for any beyond them.
pub(crate) fn column_names(width: usize) -> Vec<String> {
    (0..width.max(column::NORTHINGS + 1))
        .map(|i| {
            COLUMNS
                .get(i)
                .map_or_else(|| format!("column {}", i + 1), |name| name.to_string())
        })
        .collect()
}

/// British National Grid eastings and northings to WGS84 degrees.
pub struct GridToDegrees {
    grid: Proj,
    degrees: Proj,
}

/// EPSG:27700 as PROJ writes it, with its `towgs84` Helmert parameters.
const BRITISH_NATIONAL_GRID: &str = "+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 \
+x_0=400000 +y_0=-100000 +ellps=airy \
+towgs84=446.448,-125.157,542.06,0.1502,0.247,0.8421,-20.4894 +units=m +no_defs";
const WGS84: &str = "+proj=longlat +ellps=WGS84 +datum=WGS84 +no_defs";

impl GridToDegrees {
    /// The conversion; `None` only if PROJ's definitions above did not parse.
    pub fn new() -> Option<GridToDegrees> {
        Some(GridToDegrees {
            grid: Proj::from_proj_string(BRITISH_NATIONAL_GRID).ok()?,
            degrees: Proj::from_proj_string(WGS84).ok()?,
        })
    }

    /// The WGS84 point of a grid position in metres; `None` outside the grid's extent
    /// (0–700 km east, 0–1,300 km north) or when the conversion fails.
    pub fn convert(&self, easting: f64, northing: f64) -> Option<LatLon> {
        if !(0.0..=700_000.0).contains(&easting) || !(0.0..=1_300_000.0).contains(&northing) {
            return None;
        }
        let mut point = (easting, northing, 0.0);
        proj4rs::transform::transform(&self.grid, &self.degrees, &mut point).ok()?;
        let (lon, lat) = (point.0.to_degrees(), point.1.to_degrees());
        (lat.is_finite() && lon.is_finite()).then_some(LatLon { lat, lon })
    }
}

/// Reads whole metres: digits only.
fn metres(text: &str, what: &str) -> Result<f64, String> {
    let text = text.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) || text.len() > 7 {
        return Err(format!(
            "not a whole number of metres; expected {what} in metres, like 459040"
        ));
    }
    text.parse::<f64>()
        .map_err(|_| format!("expected {what} in metres"))
}

/// Reads a Code-Point Open file (its rows after the first, which was data too).
pub(crate) fn read<R: Read>(table: &mut CsvRows<R>, report: &mut ReportBuilder) -> Extract {
    let mut extract = Extract::default();
    let Some(convert) = GridToDegrees::new() else {
        report.push(crate::ingest::Problem::file(
            crate::ingest::Severity::FileRefused,
            "the British National Grid conversion could not be set up: nothing was read",
        ));
        return extract;
    };
    table.for_each_row(report, |row, _| {
        let postcode = row.get(column::POSTCODE, |t| {
            normalise_postcode(t).ok_or_else(|| "not a postcode; expected one like LE1 1AD".into())
        })?;
        let quality = row.get(column::QUALITY, |t| {
            t.trim().parse::<u32>().map_err(|_| {
                "expected a positional quality indicator: 10, 20, 30, 40, 50, 60 or 90".to_string()
            })
        })?;
        if quality == NO_COORDINATES {
            return Err(row.problem(
                crate::ingest::Severity::RowRejected,
                column::QUALITY,
                "90",
                "the postcode has no coordinates (positional quality 90)",
            ));
        }
        let easting = row.get(column::EASTINGS, |t| metres(t, "an easting"))?;
        let northing = row.get(column::NORTHINGS, |t| metres(t, "a northing"))?;
        let location = convert.convert(easting, northing).ok_or_else(|| {
            row.problem(
                crate::ingest::Severity::RowRejected,
                column::EASTINGS,
                &row.text(column::EASTINGS),
                "outside the British National Grid (eastings 0–700,000 m, northings 0–1,300,000 m)",
            )
        })?;
        extract.postcodes.push(PostcodeFact {
            postcode,
            location,
            line: row.line,
        });
        Ok(())
    });
    extract
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_positions_convert_as_proj_converts_them() {
        let convert = GridToDegrees::new().unwrap();
        // LE1 1AD (459040, 304553): 52.635524, -1.129036 by pyproj from the same
        // definition (shared/realdata/postcodes-codepoint-open-2018-le).
        let p = convert.convert(459_040.0, 304_553.0).unwrap();
        assert!((p.lat - 52.635524).abs() < 1e-5, "{p:?}");
        assert!((p.lon - -1.129036).abs() < 1e-5, "{p:?}");
        // The grid's false origin, 49°N 2°W, sits at (400000, -100000): a point 100 km
        // north of it on the central meridian is near 49.9°N, 2°W (plus the datum shift).
        let q = convert.convert(400_000.0, 0.0).unwrap();
        assert!(
            (q.lat - 49.9).abs() < 0.01 && (q.lon - -2.0).abs() < 0.01,
            "{q:?}"
        );
        assert_eq!(convert.convert(-1.0, 10.0), None);
        assert_eq!(convert.convert(10.0, 1_300_001.0), None);
    }

    #[test]
    fn column_names_cover_short_and_long_rows() {
        assert_eq!(column_names(4)[3], "Northings");
        assert_eq!(column_names(10)[9], "Admin_ward_code");
        assert_eq!(column_names(11)[10], "column 11");
        assert_eq!(column_names(2).len(), 4);
    }
}
