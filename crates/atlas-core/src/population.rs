//! Who is registered: an area's registered patients by sex and five-year age band (a
//! practice, a PCN, the place, or England where the files cover it), as shares of its
//! population beside a comparator's, with the shares aged 65 and over and 85 and over;
//! and the area's list size over time from every dated list the files give.
//!
//! Age structure comes from Patients Registered at a GP Practice by five-year or single
//! year of age ([`crate::model::AgeProfile`]); single years are added into five-year
//! bands.

use crate::aggregate::{practices_for, CITY_CODE, ENGLAND_CODE};
use crate::model::{AgeProfile, Date, Practice, Workspace, AGE_BANDS};
use crate::table::{Cell, Table};
use crate::words::{grouped, thousands};
use std::collections::{BTreeMap, HashMap};

/// The first band of "aged 65 and over" (65–69).
pub const BAND_65: usize = 13;
/// The first band of "aged 85 and over" (85–89).
pub const BAND_85: usize = 17;

/// Why an area has no age structure, when the files give none.
pub const NO_AGES: &str = "these data have no registrations by age: load Patients Registered at a GP Practice by five-year age band (gp-reg-pat-prac-quin-age) or by single year of age (gp-reg-pat-prac-sing-age-male and -female)";

/// A band's label: "0–4", "5–9", …, "90–94", "95+".
pub fn band_label(band: usize) -> String {
    if band + 1 >= AGE_BANDS {
        format!("{}+", 5 * (AGE_BANDS - 1))
    } else {
        format!("{}–{}", 5 * band, 5 * band + 4)
    }
}

/// The band an age or age group falls in, from its first number ("0_4", "5-9", "37",
/// "95+"): ages over 95 in the last band. `None` for text with no leading number.
pub fn band_of(age: &str) -> Option<usize> {
    let digits: String = age
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let years: usize = digits.parse().ok()?;
    Some((years / 5).min(AGE_BANDS - 1))
}

/// The profiles summed under `code`, at the latest of their dates; profiles under
/// England's code are left out (they are a sum already). `None` when there are none.
pub fn summed_profile<'a>(
    code: &str,
    profiles: impl IntoIterator<Item = &'a AgeProfile>,
) -> Option<AgeProfile> {
    let mut sum: Option<AgeProfile> = None;
    for p in profiles
        .into_iter()
        .filter(|p| p.practice_code != ENGLAND_CODE)
    {
        let total = sum.get_or_insert_with(|| AgeProfile {
            practice_code: code.to_string(),
            as_of: p.as_of,
            male: None,
            female: None,
        });
        total.as_of = total.as_of.max(p.as_of);
        for (into, from) in [(&mut total.male, &p.male), (&mut total.female, &p.female)] {
            if let Some(from) = from {
                let into = into.get_or_insert([0; AGE_BANDS]);
                for (a, b) in into.iter_mut().zip(from) {
                    *a += b;
                }
            }
        }
    }
    sum
}

/// Each practice's share (%) of registered patients in band `from` and older, from its
/// latest profile with both sexes.
pub fn practice_shares_from(workspace: &Workspace, from: usize) -> HashMap<&str, f64> {
    latest_profiles(workspace)
        .into_iter()
        .filter_map(|(code, p)| {
            let pyramid = pyramid_of(String::new(), p, 1, 0).ok()?;
            (pyramid.total() > 0).then(|| (code, pyramid.share_from(from)))
        })
        .collect()
}

/// Each practice's latest profile (England's sum left out), by practice code.
fn latest_profiles(workspace: &Workspace) -> HashMap<&str, &AgeProfile> {
    let mut latest: HashMap<&str, &AgeProfile> = HashMap::new();
    for p in workspace
        .registrations_by_age
        .iter()
        .filter(|p| p.practice_code != ENGLAND_CODE)
    {
        let newer = latest
            .get(p.practice_code.as_str())
            .is_none_or(|q| q.as_of < p.as_of);
        if newer {
            latest.insert(&p.practice_code, p);
        }
    }
    latest
}

/// An area's registered patients by sex and age band.
#[derive(Debug, Clone, PartialEq)]
pub struct Pyramid {
    /// The area's name ("Leicester City", a PCN's, a practice's).
    pub name: String,
    pub as_of: Date,
    pub male: [u64; AGE_BANDS],
    pub female: [u64; AGE_BANDS],
    /// The practices whose profiles are counted, and how many of the area's have none.
    pub practices: usize,
    pub without: usize,
}

impl Pyramid {
    /// Registered patients of both sexes.
    pub fn total(&self) -> u64 {
        self.male.iter().chain(&self.female).sum()
    }

    /// The share (%) of patients in band `from` and older.
    pub fn share_from(&self, from: usize) -> f64 {
        let older: u64 = self.male[from..].iter().chain(&self.female[from..]).sum();
        100.0 * older as f64 / self.total().max(1) as f64
    }

    /// Each band's males and females as shares (%) of the whole population.
    pub fn shares(&self) -> ([f64; AGE_BANDS], [f64; AGE_BANDS]) {
        let total = self.total().max(1) as f64;
        (
            self.male.map(|n| 100.0 * n as f64 / total),
            self.female.map(|n| 100.0 * n as f64 / total),
        )
    }
}

/// The pyramid of `area`: a practice's code, a PCN's, the place ([`CITY_CODE`]) or
/// England ([`ENGLAND_CODE`], where the files cover it); `Err` in words when the data
/// cannot give it.
pub fn area_pyramid(workspace: &Workspace, area: &str) -> Result<Pyramid, String> {
    if workspace.registrations_by_age.is_empty() {
        return Err(NO_AGES.to_string());
    }
    let name = if area == CITY_CODE {
        workspace.place.clone()
    } else if area == ENGLAND_CODE {
        let england = workspace
            .registrations_by_age
            .iter()
            .find(|p| p.practice_code == ENGLAND_CODE)
            .ok_or("these data do not give England's registrations by age")?;
        return pyramid_of("England".to_string(), england, 0, 0);
    } else if let Some(pcn) = workspace.pcn(area) {
        pcn.name.clone()
    } else if let Some(practice) = workspace.practice(area) {
        practice.name.clone()
    } else {
        return Err(format!(
            "there is no practice or PCN '{area}' in these data"
        ));
    };
    let members = practices_for(workspace, area);
    let latest = latest_profiles(workspace);
    let profiles: Vec<&AgeProfile> = members
        .iter()
        .filter_map(|m| latest.get(m.code.as_str()).copied())
        .collect();
    let without = members.len() - profiles.len();
    let sum = summed_profile(area, profiles.iter().copied())
        .ok_or_else(|| format!("the files give no registrations by age for {name}"))?;
    pyramid_of(name, &sum, profiles.len(), without)
}

fn pyramid_of(
    name: String,
    profile: &AgeProfile,
    practices: usize,
    without: usize,
) -> Result<Pyramid, String> {
    match (profile.male, profile.female) {
        (Some(male), Some(female)) => Ok(Pyramid {
            name,
            as_of: profile.as_of,
            male,
            female,
            practices,
            without,
        }),
        (Some(_), None) => Err(format!(
            "the files give only males by age for {name}: load the females' file too"
        )),
        _ => Err(format!(
            "the files give only females by age for {name}: load the males' file too"
        )),
    }
}

/// The pyramid in words: how many, how old, beside the comparator.
pub fn pyramid_sentence(area: &Pyramid, comparator: Option<&Pyramid>) -> String {
    let against = comparator.map_or(String::new(), |c| {
        format!(
            ", against {}% and {}% in {}",
            grouped(c.share_from(BAND_65), 1),
            grouped(c.share_from(BAND_85), 1),
            c.name
        )
    });
    format!(
        "On {}, {} had {} registered patients: {}% aged 65 and over and {}% aged 85 and over{against}.",
        area.as_of.label(),
        area.name,
        thousands(area.total()),
        grouped(area.share_from(BAND_65), 1),
        grouped(area.share_from(BAND_85), 1),
    )
}

/// The table behind the pyramid: a row per band, youngest first, with the counts, the
/// shares of the whole population, and the comparator's shares.
pub fn pyramid_table(area: &Pyramid, comparator: Option<&Pyramid>) -> Table {
    let mut columns = vec![
        "Age band".to_string(),
        "Males".to_string(),
        "Females".to_string(),
        "Males (% of all)".to_string(),
        "Females (% of all)".to_string(),
    ];
    if let Some(c) = comparator {
        columns.push(format!("Males, {} (% of all)", c.name));
        columns.push(format!("Females, {} (% of all)", c.name));
    }
    let mut table = Table {
        columns,
        ..Table::default()
    };
    let (male, female) = area.shares();
    let theirs = comparator.map(Pyramid::shares);
    for band in 0..AGE_BANDS {
        let mut row = vec![
            Cell::text(band_label(band)),
            Cell::number(area.male[band] as f64, thousands(area.male[band])),
            Cell::number(area.female[band] as f64, thousands(area.female[band])),
            Cell::value(male[band], 1),
            Cell::value(female[band], 1),
        ];
        if let Some((m, f)) = theirs {
            row.push(Cell::value(m[band], 1));
            row.push(Cell::value(f[band], 1));
        }
        table.rows.push(row);
    }
    table
}

/// An area's registered patients over time, counted over the same practices on every
/// date so that a change is the practices' lists changing, not practices coming and
/// going in the files.
#[derive(Debug, Clone, PartialEq)]
pub struct ListSizeTrend {
    /// (date, registered patients of the counted practices), oldest first.
    pub points: Vec<(Date, u64)>,
    /// The practices counted: those with a list on every date shown.
    pub practices: usize,
    /// The area's practices.
    pub of: usize,
}

/// The dates on which the files give a list for at least nine in ten of the area's
/// practices, and the patients on each date of the practices that have a list on all
/// of them.
pub fn list_size_trend(members: &[&Practice]) -> ListSizeTrend {
    let mut counts: BTreeMap<Date, usize> = BTreeMap::new();
    for practice in members {
        for at in &practice.list_sizes {
            *counts.entry(at.date).or_default() += 1;
        }
    }
    let enough = (members.len() * 9).div_ceil(10).max(1);
    let dates: Vec<Date> = counts
        .into_iter()
        .filter(|(_, n)| *n >= enough)
        .map(|(d, _)| d)
        .collect();
    let panel: Vec<&Practice> = members
        .iter()
        .copied()
        .filter(|p| {
            dates
                .iter()
                .all(|d| p.list_sizes.iter().any(|l| l.date == *d))
        })
        .collect();
    let points = dates
        .iter()
        .map(|d| {
            let patients = panel
                .iter()
                .filter_map(|p| p.list_sizes.iter().rev().find(|l| l.date == *d))
                .map(|l| l.patients)
                .sum();
            (*d, patients)
        })
        .collect();
    ListSizeTrend {
        points: if panel.is_empty() { Vec::new() } else { points },
        practices: panel.len(),
        of: members.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(code: &str, male: u64, female: u64) -> AgeProfile {
        AgeProfile {
            practice_code: code.into(),
            as_of: Date::new(2025, 3, 1).unwrap(),
            male: Some([male; AGE_BANDS]),
            female: Some([female; AGE_BANDS]),
        }
    }

    #[test]
    fn bands_and_their_labels() {
        assert_eq!(band_label(0), "0–4");
        assert_eq!(band_label(13), "65–69");
        assert_eq!(band_label(19), "95+");
        assert_eq!(band_of("0_4"), Some(0));
        assert_eq!(band_of("65-69"), Some(13));
        assert_eq!(band_of("37"), Some(7));
        assert_eq!(band_of("95+"), Some(19));
        assert_eq!(band_of("102"), Some(19));
        assert_eq!(band_of("ALL"), None);
    }

    #[test]
    fn a_pcns_pyramid_adds_its_practices_and_gives_the_older_shares() {
        let mut ws = crate::default_data::illustrative_city();
        let pcn = ws.pcns[0].code.clone();
        let members: Vec<String> = ws.practices_in(&pcn).map(|p| p.code.clone()).collect();
        // Every practice but the last: 10 males and 30 females in every band.
        for code in &members[..members.len() - 1] {
            ws.registrations_by_age.push(profile(code, 10, 30));
        }
        let pyramid = area_pyramid(&ws, &pcn).unwrap();
        let n = (members.len() - 1) as u64;
        assert_eq!(pyramid.total(), n * 40 * AGE_BANDS as u64);
        assert_eq!((pyramid.practices, pyramid.without), (members.len() - 1, 1));
        // 7 of 20 bands are 65 and over, 3 are 85 and over.
        assert!((pyramid.share_from(BAND_65) - 35.0).abs() < 1e-9);
        assert!((pyramid.share_from(BAND_85) - 15.0).abs() < 1e-9);
        let (male, female) = pyramid.shares();
        assert!((male[0] - 1.25).abs() < 1e-9 && (female[0] - 3.75).abs() < 1e-9);
        let city = area_pyramid(&ws, CITY_CODE).unwrap();
        assert_eq!(city.name, ws.place);
        let table = pyramid_table(&pyramid, Some(&city));
        assert_eq!(table.rows.len(), AGE_BANDS);
        assert_eq!(table.columns[5], format!("Males, {} (% of all)", ws.place));
        assert_eq!(table.rows[19][0].text, "95+");
        let sentence = pyramid_sentence(&pyramid, Some(&city));
        assert!(
            sentence.contains(
                "35.0% aged 65 and over and 15.0% aged 85 and over, against 35.0% and 15.0% in"
            ),
            "{sentence}"
        );
    }

    #[test]
    fn the_list_size_trend_counts_the_same_practices_on_every_date() {
        use crate::model::ListSizeAt;
        let mut ws = crate::default_data::illustrative_city();
        let at = |year, patients| ListSizeAt {
            date: Date::new(year, 1, 1).unwrap(),
            patients,
        };
        // Ten practices with lists in 2024 and 2025 (100, then 110); one of them also
        // in 2023, which is left out (one in ten is too few); an eleventh only in 2025,
        // left out of the count so that it does not look like growth.
        for p in ws.practices.iter_mut() {
            p.list_sizes.clear();
        }
        for p in ws.practices.iter_mut().take(10) {
            p.list_sizes = vec![at(2024, 100), at(2025, 110)];
        }
        ws.practices[0].list_sizes.insert(0, at(2023, 90));
        ws.practices[10].list_sizes = vec![at(2025, 50)];
        let members: Vec<&Practice> = ws.practices.iter().take(11).collect();
        let trend = list_size_trend(&members);
        assert_eq!(
            trend.points,
            [
                (Date::new(2024, 1, 1).unwrap(), 1000),
                (Date::new(2025, 1, 1).unwrap(), 1100)
            ]
        );
        assert_eq!((trend.practices, trend.of), (10, 11));
    }

    #[test]
    fn says_why_when_the_files_cannot_give_a_pyramid() {
        let mut ws = crate::default_data::illustrative_city();
        assert_eq!(area_pyramid(&ws, CITY_CODE).unwrap_err(), NO_AGES);
        let code = ws.practices[0].code.clone();
        let mut males_only = profile(&code, 10, 0);
        males_only.female = None;
        ws.registrations_by_age.push(males_only);
        assert!(area_pyramid(&ws, &code)
            .unwrap_err()
            .contains("only males by age"));
        assert!(area_pyramid(&ws, ENGLAND_CODE)
            .unwrap_err()
            .contains("England"));
        assert!(area_pyramid(&ws, "Z99999")
            .unwrap_err()
            .contains("no practice or PCN"));
    }
}
