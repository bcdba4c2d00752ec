//! Similar practices: a fair comparator for a practice, the practices of the place
//! whose populations are most like its own.
//!
//! The rule, as the pages state it: each practice is described by the characteristics
//! the data give — the deprivation of its registered population (IMD 2019 score,
//! Fingertips indicator 93553), the share of it aged 65 and over (where the files give
//! registrations by age) and its list size (on a log scale, since a practice of
//! 20,000 is as far from one of 10,000 as that is from one of 5,000) — each
//! standardised across the place's practices (minus their mean, over their standard
//! deviation) so that neither outweighs the other by its units; the similar practices
//! are the [`NEIGHBOURS`] nearest by straight-line (Euclidean) distance on those
//! standardised values, ties broken by practice code. A practice without every
//! characteristic is neither given neighbours nor counted as one.

use crate::aggregate::{latest_period, point_at, series_index};
use crate::inequalities::IMD_2019;
use crate::model::Workspace;
use crate::population::BAND_65;
use crate::words::{display_name, grouped, thousands};
use std::collections::HashMap;

/// How many similar practices a practice is compared with.
pub const NEIGHBOURS: usize = 10;

/// The characteristics similar practices are found on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Characteristic {
    /// The IMD 2019 score of the registered population.
    Deprivation,
    /// The share (%) of the registered population aged 65 and over.
    Aged65,
    /// Registered patients, compared on a log scale.
    ListSize,
}

impl Characteristic {
    /// Its name in the rule's words.
    pub fn words(self) -> &'static str {
        match self {
            Characteristic::Deprivation => {
                "deprivation (IMD 2019 score of the registered population)"
            }
            Characteristic::Aged65 => "the share aged 65 and over (of the registered population)",
            Characteristic::ListSize => "list size (registered patients, on a log scale)",
        }
    }

    /// Its name as a table's column and a list of values write it.
    pub fn short(self) -> &'static str {
        match self {
            Characteristic::Deprivation => "Deprivation score (IMD 2019)",
            Characteristic::Aged65 => "Aged 65 and over (%)",
            Characteristic::ListSize => "List size",
        }
    }

    /// A practice's value as a table writes it (the raw value, not the log).
    pub fn value_words(self, raw: f64) -> String {
        match self {
            Characteristic::Deprivation | Characteristic::Aged65 => grouped(raw, 1),
            Characteristic::ListSize => thousands(raw.round().max(0.0) as u64),
        }
    }
}

/// A practice's similar practices and why.
#[derive(Debug, Clone, PartialEq)]
pub struct SimilarPractices {
    pub practice_code: String,
    /// The characteristics used, in order.
    pub characteristics: Vec<Characteristic>,
    /// The practice's own values of them (raw: the IMD score, the list size).
    pub own: Vec<f64>,
    /// The nearest practices, nearest first.
    pub neighbours: Vec<Neighbour>,
    /// Practices of the place that could be compared (with every characteristic).
    pub candidates: usize,
}

/// One similar practice.
#[derive(Debug, Clone, PartialEq)]
pub struct Neighbour {
    pub practice_code: String,
    /// Distance on the standardised characteristics.
    pub distance: f64,
    /// Its raw values of the characteristics.
    pub values: Vec<f64>,
}

/// Each practice's raw characteristics, in workspace order (so that sums, and so
/// distances, come out the same on every run), and which characteristics the data give
/// (a characteristic is used when at least half the practices have it).
fn characteristics(workspace: &Workspace) -> (Vec<Characteristic>, Vec<(&str, Vec<f64>)>) {
    let imd: HashMap<&str, f64> = latest_period(workspace, IMD_2019)
        .map(|period| {
            series_index(workspace, IMD_2019)
                .into_iter()
                .filter_map(|(code, s)| {
                    let v = point_at(s, period)?.value?;
                    v.is_finite().then_some((code, v))
                })
                .collect()
        })
        .unwrap_or_default();
    let aged_65 = crate::population::practice_shares_from(workspace, BAND_65);
    let n = workspace.practices.len();
    let mut used = Vec::new();
    let scored = workspace
        .practices
        .iter()
        .filter(|p| imd.contains_key(p.code.as_str()))
        .count();
    if n > 0 && scored * 2 >= n {
        used.push(Characteristic::Deprivation);
    }
    let aged = workspace
        .practices
        .iter()
        .filter(|p| aged_65.contains_key(p.code.as_str()))
        .count();
    if n > 0 && aged * 2 >= n {
        used.push(Characteristic::Aged65);
    }
    if workspace
        .practices
        .iter()
        .filter(|p| p.list_size > 0)
        .count()
        * 2
        >= n
    {
        used.push(Characteristic::ListSize);
    }
    let values = workspace
        .practices
        .iter()
        .filter_map(|p| {
            let row: Option<Vec<f64>> = used
                .iter()
                .map(|c| match c {
                    Characteristic::Deprivation => imd.get(p.code.as_str()).copied(),
                    Characteristic::Aged65 => aged_65.get(p.code.as_str()).copied(),
                    Characteristic::ListSize => (p.list_size > 0).then_some(p.list_size as f64),
                })
                .collect();
            Some((p.code.as_str(), row?))
        })
        .collect();
    (used, values)
}

/// The [`NEIGHBOURS`] practices most like `practice_code` by the module's rule; `Err`
/// in words when the practice lacks a characteristic or too few practices can be
/// compared. To find every practice's, prepare a [`Similarity`] once.
pub fn similar_practices(
    workspace: &Workspace,
    practice_code: &str,
) -> Result<SimilarPractices, String> {
    Similarity::new(workspace).of(practice_code)
}

/// The place's practices standardised once, to find any practice's similar practices.
pub struct Similarity<'a> {
    workspace: &'a Workspace,
    used: Vec<Characteristic>,
    /// Each candidate's code and raw values, in workspace order.
    candidates: Vec<(&'a str, Vec<f64>)>,
    /// The candidates' standardised values, `used.len()` to a candidate, in one block
    /// (6,500 practices' distances to one are read from cache).
    z: Vec<f64>,
    /// Each candidate's place in code order, so that ties are broken by code without
    /// comparing strings.
    code_rank: Vec<u32>,
    /// A candidate's position from its code.
    position: HashMap<&'a str, usize>,
}

impl<'a> Similarity<'a> {
    /// Reads and standardises the characteristics of every practice of `workspace`.
    pub fn new(workspace: &'a Workspace) -> Similarity<'a> {
        let (used, candidates) = characteristics(workspace);
        // Standardise each characteristic over the candidates (list size on a log scale).
        let scaled = |c: Characteristic, v: f64| match c {
            Characteristic::ListSize => v.ln(),
            Characteristic::Deprivation | Characteristic::Aged65 => v,
        };
        let k = candidates.len() as f64;
        let stats: Vec<(f64, f64)> = used
            .iter()
            .enumerate()
            .map(|(j, &c)| {
                let mean = candidates.iter().map(|(_, r)| scaled(c, r[j])).sum::<f64>() / k;
                let var = candidates
                    .iter()
                    .map(|(_, r)| (scaled(c, r[j]) - mean).powi(2))
                    .sum::<f64>()
                    / (k - 1.0);
                (mean, var.sqrt())
            })
            .collect();
        let z = candidates
            .iter()
            .flat_map(|(_, row)| {
                used.iter().enumerate().map(|(j, &c)| {
                    let (mean, sd) = stats[j];
                    if sd > 0.0 {
                        (scaled(c, row[j]) - mean) / sd
                    } else {
                        0.0
                    }
                })
            })
            .collect();
        let mut by_code: Vec<usize> = (0..candidates.len()).collect();
        by_code.sort_by_key(|&k| candidates[k].0);
        let mut code_rank = vec![0u32; candidates.len()];
        for (rank, &k) in by_code.iter().enumerate() {
            code_rank[k] = rank as u32;
        }
        let position = candidates
            .iter()
            .enumerate()
            .map(|(k, (code, _))| (*code, k))
            .collect();
        Similarity {
            workspace,
            used,
            candidates,
            z,
            code_rank,
            position,
        }
    }

    /// Candidate `k`'s standardised values.
    fn z_of(&self, k: usize) -> &[f64] {
        let d = self.used.len();
        &self.z[k * d..(k + 1) * d]
    }

    /// The [`NEIGHBOURS`] practices most like `practice_code` ([`similar_practices`]).
    pub fn of(&self, practice_code: &str) -> Result<SimilarPractices, String> {
        let used = &self.used;
        if used.is_empty() {
            return Err("these data give neither the practices' deprivation scores nor their list sizes, so no similar practices can be found".into());
        }
        let own = *self.position.get(practice_code).ok_or_else(|| {
            let name = self
                .workspace
                .practice(practice_code)
                .map_or(practice_code.to_string(), |p| display_name(&p.name));
            format!(
                "{name} has no figure for {}, so no similar practices can be found",
                words_list(used)
            )
        })?;
        if self.candidates.len() <= NEIGHBOURS {
            return Err(format!(
                "only {} practices have {}: more than {NEIGHBOURS} are needed to choose {NEIGHBOURS} similar ones",
                self.candidates.len(),
                words_list(used)
            ));
        }
        let own_z = self.z_of(own);
        let distance = |k: usize| -> f64 {
            self.z_of(k)
                .iter()
                .zip(own_z)
                .map(|(a, b)| (a - b).powi(2))
                .sum::<f64>()
                .sqrt()
        };
        // Distances equal but for rounding (to 1e-9) are ties, broken by code: a total
        // order, so the nearest are the same on every run.
        let mut ranked: Vec<(i64, u32, u32)> = (0..self.candidates.len())
            .filter(|&k| k != own)
            .map(|k| {
                (
                    (distance(k) * 1e9).round() as i64,
                    self.code_rank[k],
                    k as u32,
                )
            })
            .collect();
        // The nearest ten, found in linear time, then put in order.
        if ranked.len() > NEIGHBOURS {
            ranked.select_nth_unstable(NEIGHBOURS - 1);
            ranked.truncate(NEIGHBOURS);
        }
        ranked.sort_unstable();
        let neighbours = ranked
            .into_iter()
            .map(|(_, _, k)| {
                let k = k as usize;
                let (code, row) = &self.candidates[k];
                Neighbour {
                    practice_code: code.to_string(),
                    distance: distance(k),
                    values: row.clone(),
                }
            })
            .collect();
        Ok(SimilarPractices {
            practice_code: practice_code.to_string(),
            characteristics: used.clone(),
            own: self.candidates[own].1.clone(),
            neighbours,
            candidates: self.candidates.len(),
        })
    }
}

/// The characteristics in a list: "a and b".
fn words_list(used: &[Characteristic]) -> String {
    let words: Vec<&str> = used.iter().map(|c| c.words()).collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The rule in words, for the page beside the list.
pub fn similar_rule(similar: &SimilarPractices) -> String {
    let missing: Vec<&str> = [
        Characteristic::Deprivation,
        Characteristic::Aged65,
        Characteristic::ListSize,
    ]
    .into_iter()
    .filter(|c| !similar.characteristics.contains(c))
    .map(|c| c.words())
    .collect();
    let mut text = format!(
        "The {} practices nearest on {}, each standardised across the {} practices that have {} (minus their mean, over their standard deviation), by straight-line distance. Rurality is not in these data, so it is not used",
        similar.neighbours.len(),
        words_list(&similar.characteristics),
        similar.candidates,
        if similar.characteristics.len() == 1 { "it" } else { "them" }
    );
    if !missing.is_empty() {
        text.push_str(&format!(", nor is {}", missing.join(" or ")));
    }
    text.push('.');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Indicator, Point, Series, Unit};

    /// The demonstration city, its first 15 practices given IMD scores 10, 20, …, 150
    /// and the same list size, the rest no score.
    fn scored(list_sizes: impl Fn(usize) -> u64) -> Workspace {
        let mut ws = crate::default_data::illustrative_city();
        let period = crate::model::Period::month(2019, 1).unwrap();
        ws.indicators.push(Indicator {
            id: IMD_2019.into(),
            name: "IMD".into(),
            domain: crate::model::Domain::Equity,
            unit: Unit::Mean,
            polarity: crate::model::Polarity::NoJudgement,
            comparison: Default::default(),
        });
        ws.practices.truncate(15);
        for (i, p) in ws.practices.iter_mut().enumerate() {
            p.list_size = list_sizes(i);
            ws.series.push(Series {
                indicator_id: IMD_2019.into(),
                area_code: p.code.clone(),
                points: vec![Point {
                    period,
                    numerator: None,
                    denominator: None,
                    value: Some(10.0 * (i as f64 + 1.0)),
                }],
            });
        }
        ws
    }

    #[test]
    fn the_nearest_by_deprivation_when_list_sizes_are_equal() {
        let ws = scored(|_| 8_000);
        // Practice 8 (IMD 80): its ten nearest are IMD 70, 90, 60, 100, 50, 110, 40,
        // 120, 30, 130 — practices 7, 9, 6, 10, 5, 11, 4, 12, 3, 13.
        let own = &ws.practices[7].code;
        let similar = similar_practices(&ws, own).unwrap();
        let got: Vec<&str> = similar
            .neighbours
            .iter()
            .map(|n| n.practice_code.as_str())
            .collect();
        let mut want: Vec<&str> = [6, 8, 5, 9, 4, 10, 3, 11, 2, 12]
            .iter()
            .map(|&i| ws.practices[i].code.as_str())
            .collect();
        // Equal distances are ordered by code.
        for pair in want.chunks_mut(2) {
            pair.sort();
        }
        assert_eq!(got, want);
        assert_eq!(similar.candidates, 15);
        assert!(similar
            .neighbours
            .windows(2)
            .all(|w| w[0].distance <= w[1].distance));
        assert_eq!(similar.own, vec![80.0, 8_000.0]);
        let rule = similar_rule(&similar);
        assert!(rule.starts_with("The 10 practices nearest on deprivation (IMD 2019 score of the registered population) and list size (registered patients, on a log scale), each standardised across the 15 practices"), "{rule}");
    }

    #[test]
    fn list_size_counts_on_a_log_scale_and_standardised() {
        // Deprivation rises by 10 a practice; list sizes double every practice, so
        // on a log scale they are as evenly spaced as the scores: each practice's
        // nearest are its neighbours in order, both characteristics agreeing.
        let ws = scored(|i| 1_000 << i);
        let similar = similar_practices(&ws, &ws.practices[0].code).unwrap();
        let got: Vec<&str> = similar
            .neighbours
            .iter()
            .map(|n| n.practice_code.as_str())
            .collect();
        let want: Vec<&str> = (1..=10).map(|i| ws.practices[i].code.as_str()).collect();
        assert_eq!(got, want);
        // Standardised, the two axes weigh the same: one step on each is √2 steps of
        // one; the nearest is at √2 × (1 / sd of 1..15).
        let sd = ((1..=15).map(|i| (i as f64 - 8.0).powi(2)).sum::<f64>() / 14.0).sqrt();
        assert!((similar.neighbours[0].distance - 2f64.sqrt() / sd).abs() < 1e-9);
    }

    #[test]
    fn the_share_aged_65_and_over_counts_where_the_files_give_ages() {
        use crate::model::{AgeProfile, Date, AGE_BANDS};
        // Practice i: 100 of each sex in every band under 65, 10 (i + 1) in each from
        // 65: its share aged 65+ rises with i, as its deprivation does.
        let mut ws = scored(|_| 8_000);
        for (i, p) in ws.practices.iter().enumerate() {
            let bands: [u64; AGE_BANDS] =
                std::array::from_fn(|k| if k < 13 { 100 } else { 10 * (i as u64 + 1) });
            ws.registrations_by_age.push(AgeProfile {
                practice_code: p.code.clone(),
                as_of: Date::new(2025, 3, 1).unwrap(),
                male: Some(bands),
                female: Some(bands),
            });
        }
        let similar = similar_practices(&ws, &ws.practices[7].code).unwrap();
        assert_eq!(
            similar.characteristics,
            [
                Characteristic::Deprivation,
                Characteristic::Aged65,
                Characteristic::ListSize
            ]
        );
        // Practice 8: 7 bands × 80 of each sex aged 65+, of 13 × 100 + 7 × 80 a sex.
        let share = 100.0 * 560.0 / 1_860.0;
        assert!((similar.own[1] - share).abs() < 1e-9, "{:?}", similar.own);
        let rule = similar_rule(&similar);
        assert!(rule.starts_with("The 10 practices nearest on deprivation (IMD 2019 score of the registered population), the share aged 65 and over (of the registered population) and list size"), "{rule}");
        assert!(
            rule.ends_with("Rurality is not in these data, so it is not used."),
            "{rule}"
        );
        // Without ages the rule says the share is not used.
        let without =
            similar_rule(&similar_practices(&scored(|_| 8_000), &ws.practices[7].code).unwrap());
        assert!(without.ends_with("so it is not used, nor is the share aged 65 and over (of the registered population)."), "{without}");
    }

    #[test]
    fn without_a_score_or_with_too_few_practices_it_says_why() {
        let mut ws = scored(|_| 5_000);
        ws.series.retain(|s| s.area_code != ws.practices[0].code);
        let err = similar_practices(&ws, &ws.practices[0].code).unwrap_err();
        assert!(err.ends_with("has no figure for deprivation (IMD 2019 score of the registered population) and list size (registered patients, on a log scale), so no similar practices can be found"), "{err}");
        ws.practices.truncate(11);
        let err = similar_practices(&ws, &ws.practices[1].code).unwrap_err();
        assert!(err.starts_with("only 10 practices have"), "{err}");
    }
}
