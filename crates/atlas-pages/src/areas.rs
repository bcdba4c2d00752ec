//! Areas a page can show: the place (city), a PCN or a practice, by code.

use atlas_core::aggregate::CITY_CODE;
use atlas_core::model::Workspace;
use atlas_core::summary::display_name;

/// An area's name: the place for the city, else the PCN's or the practice's (the code
/// when it is none of them).
pub fn area_name(ws: &Workspace, code: &str) -> String {
    if code == CITY_CODE {
        ws.place.clone()
    } else if let Some(pcn) = ws.pcn(code) {
        pcn.name.clone()
    } else if let Some(practice) = ws.practice(code) {
        display_name(&practice.name)
    } else {
        code.to_string()
    }
}

/// `code` when it names the city, a PCN or a practice of the workspace; the city
/// otherwise.
pub fn known_area(ws: &Workspace, code: Option<&str>) -> String {
    code.filter(|a| *a == CITY_CODE || ws.pcn(a).is_some() || ws.practice(a).is_some())
        .unwrap_or(CITY_CODE)
        .to_string()
}

/// The link to a practice's profile.
pub fn practice_link(code: &str) -> String {
    format!("/practices/{code}")
}

/// The link to a PCN's profile.
pub fn pcn_link(code: &str) -> String {
    format!("/pcns/{code}")
}
