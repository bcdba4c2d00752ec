//! Joining several read files into one workspace.
//!
//! Each fact about a practice, PCN or list size is ranked, and the best-ranked value is
//! used. The rule, stated in every conflict warning: a canonical practices file (the
//! user's own) wins; otherwise the latest extract date wins; between equal dates, the
//! file given first wins. Conflicts that matter (a practice in two PCNs, two list
//! sizes) are reported as warnings on the file whose value was not used.

use super::extract::{AreaFact, AreaKind, ExtractedSeries, OdsStatus, PracticeFact};
use super::format::Format;
use super::report::{FileReport, Problem, Severity};
use super::values::{is_practice_code, Date};
use super::ReadFile;
use crate::catalogue::known_indicator;
use crate::model::{
    AgeProfile, Area, DataSource, Domain, FormerPractice, FormerStatus, Indicator, ListSizeAt,
    ListSizeSource, LocationSource, Pcn, Polarity, Practice, Series, Target, Unit, Workspace,
};
use crate::placement::{place_practices, PostcodeLookup, EMBEDDED_LOOKUP};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

pub use crate::model::NO_PCN_CODE;
/// How many conflict warnings are listed per file before they are counted instead.
const MAX_CONFLICTS_LISTED: usize = 100;
/// How many unknown practice codes are listed per file before they are counted.
const MAX_UNKNOWN_LISTED: usize = 20;
/// The place name when the files do not name one area.
const DEFAULT_PLACE: &str = "Uploaded data";

/// How a fact ranks against another about the same thing: higher wins.
type Rank = (bool, Option<Date>, Reverse<usize>);

/// A list size with its rank, file, line and extract date.
type RankedListSize = (Rank, u64, usize, u64, Option<Date>);

/// The rank of a fact from file `file` (its position in the upload).
fn rank(format: Option<Format>, as_of: Option<Date>, file: usize) -> Rank {
    (format == Some(Format::Practices), as_of, Reverse(file))
}

/// The rule, in words, that made the fact ranked `winner` win.
fn rule(winner: &Rank, loser: &Rank) -> &'static str {
    if winner.0 && !loser.0 {
        "your practices file wins over national files"
    } else if winner.1 != loser.1 {
        "the latest extract date wins"
    } else {
        "the file given first wins"
    }
}

fn date_text(date: Option<Date>) -> String {
    date.map(|d| format!("extract {d}"))
        .unwrap_or_else(|| "no extract date".to_string())
}

/// Warnings gathered while combining, per file, listed up to a limit.
struct Notes {
    reports: Vec<FileReport>,
    unlisted: Vec<u64>,
}

impl Notes {
    fn warn(
        &mut self,
        file: usize,
        line: Option<u64>,
        column: Option<&str>,
        value: Option<String>,
        reason: String,
    ) {
        let listed = self.reports[file]
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
            .count();
        if listed >= MAX_CONFLICTS_LISTED + super::report::MAX_PROBLEMS_LISTED {
            self.unlisted[file] += 1;
            return;
        }
        self.reports[file].problems.push(Problem {
            severity: Severity::Warning,
            line,
            column: column.map(str::to_string),
            value,
            reason,
        });
    }

    fn finish(mut self) -> Vec<FileReport> {
        for (report, &unlisted) in self.reports.iter_mut().zip(&self.unlisted) {
            if unlisted > 0 {
                report.problems.push(Problem::file(
                    Severity::Warning,
                    format!(
                        "{unlisted} more warnings from combining the files are not listed here"
                    ),
                ));
            }
        }
        self.reports
    }
}

/// Every file's registrations by age for the workspace's practices, one profile per
/// practice and date: a male file and a female file of the same date make one, and
/// where two files give the same sex for the same date the first loaded is kept.
fn combine_ages(files: &[ReadFile], used: &[usize], workspace: &Workspace) -> Vec<AgeProfile> {
    let open: HashSet<&str> = workspace
        .practices
        .iter()
        .map(|p| p.code.as_str())
        .collect();
    let mut profiles: Vec<AgeProfile> = Vec::new();
    let mut at: HashMap<(String, Date), usize> = HashMap::new();
    for &i in used {
        for p in &files[i].extract.age_profiles {
            if !open.contains(p.practice_code.as_str()) {
                continue;
            }
            match at.get(&(p.practice_code.clone(), p.as_of)) {
                Some(&k) => {
                    let known = &mut profiles[k];
                    known.male = known.male.or(p.male);
                    known.female = known.female.or(p.female);
                }
                None => {
                    at.insert((p.practice_code.clone(), p.as_of), profiles.len());
                    profiles.push(p.clone());
                }
            }
        }
    }
    profiles
}

/// Joins read files into one workspace, and returns every file's report with the
/// warnings combining added. Refused files and patient-level files add nothing.
pub fn combine(mut files: Vec<ReadFile>) -> (Workspace, Vec<FileReport>) {
    let mut notes = Notes {
        unlisted: vec![0; files.len()],
        reports: files.iter().map(|f| f.report.clone()).collect(),
    };
    let used: Vec<usize> = (0..files.len())
        .filter(|&i| {
            !files[i].report.refused() && !matches!(files[i].format, None | Some(Format::Patients))
        })
        .collect();

    let Combined {
        mut practices,
        mut former_practices,
        areas: named_areas,
        place,
        place_code,
    } = combine_practices(&files, &used, &mut notes);
    // The Code-Point Open files loaded first, then the embedded extract.
    let loaded: Vec<PostcodeLookup> = used
        .iter()
        .filter(|&&i| files[i].format == Some(Format::CodePointOpen))
        .map(|&i| lookup_of(&files[i].file_name, &files[i].extract.postcodes))
        .collect();
    let lookups: Vec<&PostcodeLookup> = loaded.iter().chain([embedded_postcodes()]).collect();
    place_practices(&mut practices, &lookups);
    let mut former: Vec<Practice> = former_practices
        .iter()
        .map(|f| f.practice.clone())
        .collect();
    place_practices(&mut former, &lookups);
    for (f, placed) in former_practices.iter_mut().zip(former) {
        f.practice = placed;
    }
    let areas = stated_areas(&files, &used, &mut notes);
    let (place, place_code, stated_population, stated_population_as_of) = match areas.place {
        Some(place) => (
            place.name.clone(),
            Some(place.code.clone()),
            place.published_list_size,
            place.as_of,
        ),
        None => (place, place_code, None, None),
    };
    let mut pcns = combine_pcns(&files, &used, &practices);
    for pcn in &mut pcns {
        if let Some((stated, _)) = areas.pcns.get(pcn.code.as_str()) {
            pcn.name = stated.name.clone();
            pcn.published_list_size = stated.published_list_size;
        }
    }
    for (code, (fact, file)) in &areas.pcns {
        if !pcns.iter().any(|p| p.code == *code) {
            notes.warn(
                *file,
                Some(fact.line),
                Some("area_code"),
                Some(code.to_string()),
                format!("PCN {code} has no practices in any file; it is left out"),
            );
        }
    }
    // A former practice's figures stay: they count in the place's sums for the periods
    // it reported.
    let codes: HashSet<&str> = practices
        .iter()
        .chain(former_practices.iter().map(|f| &f.practice))
        .map(|p| p.code.as_str())
        .collect();
    let series = combine_series(&mut files, &used, &codes, &mut notes);
    let indicators = combine_indicators(&files, &used, &series, &mut notes);
    let targets = combine_targets(&files, &used, &indicators, &mut notes);
    let workspace = Workspace {
        place,
        place_code,
        stated_population,
        stated_population_as_of,
        pcns,
        practices,
        indicators,
        series: series.into_iter().map(|(s, _)| s).collect(),
        targets,
        source: DataSource::Uploaded {
            files: used.iter().map(|&i| files[i].file_name.clone()).collect(),
        },
        illustrative: false,
        provenance: Vec::new(),
        former_practices,
        areas: named_areas,
        published_verdicts: used
            .iter()
            .flat_map(|&i| files[i].extract.published_verdicts.iter().cloned())
            .collect(),
        registrations_by_age: Vec::new(),
    };
    let mut workspace = workspace;
    workspace.registrations_by_age = combine_ages(&files, &used, &workspace);
    (workspace, notes.finish())
}

/// What canonical areas files state: the place, and each PCN by code (the file given
/// first wins).
#[derive(Default)]
struct StatedAreas<'a> {
    place: Option<&'a AreaFact>,
    /// Each PCN's fact and the file it came from.
    pcns: BTreeMap<&'a str, (&'a AreaFact, usize)>,
}

fn stated_areas<'a>(files: &'a [ReadFile], used: &[usize], notes: &mut Notes) -> StatedAreas<'a> {
    let mut stated = StatedAreas::default();
    for &file in used {
        for fact in &files[file].extract.areas {
            match fact.kind {
                AreaKind::Place => match stated.place {
                    Some(first) if first.code != fact.code => notes.warn(
                        file,
                        Some(fact.line),
                        Some("area_code"),
                        Some(fact.code.clone()),
                        format!(
                            "another file names the place {} ({}); the file given first wins",
                            first.name, first.code
                        ),
                    ),
                    Some(_) => {}
                    None => stated.place = Some(fact),
                },
                AreaKind::Pcn => {
                    stated
                        .pcns
                        .entry(fact.code.as_str())
                        .or_insert((fact, file));
                }
            }
        }
    }
    stated
}

/// A practice fact with where it came from.
struct Sourced<'a> {
    fact: &'a PracticeFact,
    file: usize,
    rank: Rank,
}

/// The best-ranked value of one attribute among a practice's facts (sorted best
/// first), with the index of the fact it came from.
fn choose<'a, T: Clone + 'a>(
    facts: &[Sourced<'a>],
    get: impl Fn(&'a PracticeFact) -> Option<&'a T>,
) -> Option<(T, usize)> {
    facts
        .iter()
        .enumerate()
        .filter_map(|(i, s)| get(s.fact).map(|v| (v.clone(), i)))
        .next()
}

/// The practices open at the files' date, the former ones, and the place they are in.
struct Combined {
    practices: Vec<Practice>,
    former_practices: Vec<FormerPractice>,
    areas: Vec<Area>,
    place: String,
    place_code: Option<String>,
}

/// What the registrations extracts say: each practice's dates in them, the latest
/// date, and the areas the latest extract covers.
#[derive(Default)]
struct Registrations<'a> {
    listed: HashMap<&'a str, BTreeSet<Date>>,
    latest: Option<Date>,
    latest_areas: HashSet<&'a str>,
}

impl<'a> Registrations<'a> {
    fn of(files: &'a [ReadFile], used: &[usize]) -> Registrations<'a> {
        let mut regs = Registrations::default();
        let registration_files: Vec<usize> = used
            .iter()
            .copied()
            .filter(|&i| files[i].format.is_some_and(Format::lists_every_practice))
            .collect();
        for &file in &registration_files {
            let extract = &files[file].extract;
            let practices = extract
                .practices
                .iter()
                .filter_map(|f| Some((f.code.as_str(), f.as_of?)));
            let counts = extract
                .list_sizes
                .iter()
                .filter_map(|f| Some((f.practice_code.as_str(), f.as_of?)));
            for (code, date) in practices.chain(counts) {
                regs.listed.entry(code).or_default().insert(date);
                regs.latest = regs.latest.max(Some(date));
            }
        }
        for &file in &registration_files {
            for fact in &files[file].extract.practices {
                if fact.as_of.is_some() && fact.as_of == regs.latest {
                    if let Some(area) = &fact.area_code {
                        regs.latest_areas.insert(area.as_str());
                    }
                }
            }
        }
        regs
    }

    /// Why a practice is not open at the latest date, or `None` when it is. A practice
    /// in the user's own practices file, or in the latest registrations, is open; one
    /// ODS gives as closed or dormant is not; one an earlier extract listed and the
    /// latest one covering its area does not has closed or merged.
    fn former_status(
        &self,
        code: &str,
        facts: &[Sourced<'_>],
        area_code: Option<&str>,
    ) -> Option<FormerStatus> {
        if facts.iter().any(|s| s.rank.0) {
            return None;
        }
        let listed = self.listed.get(code);
        if let (Some(latest), Some(dates)) = (self.latest, listed) {
            if dates.contains(&latest) {
                return None;
            }
        }
        let ods = facts
            .iter()
            .find_map(|s| Some((s.fact.ods_status?, s.fact.closed)));
        match ods {
            Some((OdsStatus::Closed, on)) => return Some(FormerStatus::Closed { on }),
            Some((OdsStatus::Dormant, since)) => return Some(FormerStatus::Dormant { since }),
            _ => {}
        }
        let latest = self.latest?;
        let last_listed = *listed?.last()?;
        // An extract of several areas is national or regional: it covers every
        // practice, whatever its area's code became in a reorganisation (the 2021 CCG
        // mergers). A one-area cut covers its own area only.
        let covered =
            self.latest_areas.len() != 1 || area_code.is_none_or(|a| self.latest_areas.contains(a));
        covered.then_some(FormerStatus::Unlisted {
            last_listed,
            latest,
        })
    }
}

fn combine_practices(files: &[ReadFile], used: &[usize], notes: &mut Notes) -> Combined {
    let registrations = Registrations::of(files, used);

    let mut by_code: BTreeMap<&str, Vec<Sourced<'_>>> = BTreeMap::new();
    for &file in used {
        for fact in &files[file].extract.practices {
            by_code
                .entry(fact.code.as_str())
                .or_default()
                .push(Sourced {
                    fact,
                    file,
                    rank: rank(files[file].format, fact.as_of, file),
                });
        }
    }
    let mut list_sizes: HashMap<&str, Vec<RankedListSize>> = HashMap::new();
    for &file in used {
        for fact in &files[file].extract.list_sizes {
            list_sizes
                .entry(fact.practice_code.as_str())
                .or_default()
                .push((
                    rank(files[file].format, fact.as_of, file),
                    fact.list_size,
                    file,
                    fact.line,
                    fact.as_of,
                ));
        }
    }
    let mut practices = Vec::with_capacity(by_code.len());
    let mut former_practices = Vec::new();
    let mut areas: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut conflicts = Conflicts::default();
    let mut area_names: HashMap<String, usize> = HashMap::new();
    let mut area_codes: HashMap<String, usize> = HashMap::new();
    let mut without_list: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    let mut without_pcn: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for (code, mut facts) in by_code {
        facts.sort_by_key(|s| Reverse(s.rank));
        let pcn = choose(&facts, |f| f.pcn_code.as_ref());
        if let Some((pcn_code, winner)) = &pcn {
            let won = &facts[*winner];
            let mut noted = HashSet::new();
            for loser in &facts {
                let Some(lost_code) = loser.fact.pcn_code.as_ref().filter(|c| *c != pcn_code)
                else {
                    continue;
                };
                if noted.insert(loser.file) {
                    conflicts.note(
                        ConflictKind::Pcn,
                        (loser.file, won.file),
                        Conflict {
                            practice: code.to_string(),
                            lost: lost_code.clone(),
                            used: pcn_code.clone(),
                            line: loser.fact.line,
                            lost_date: loser.fact.as_of,
                            used_date: won.fact.as_of,
                            rule: rule(&won.rank, &loser.rank),
                        },
                    );
                }
            }
        }
        let first_file = facts.iter().map(|s| s.file).min().unwrap_or(0);
        let mut history: BTreeMap<Date, u64> = BTreeMap::new();
        let list_size = match list_sizes.get_mut(code) {
            Some(sizes) => {
                sizes.sort_by_key(|s| Reverse(s.0));
                // The best-ranked count for each date.
                for &(_, size, _, _, date) in sizes.iter() {
                    if let Some(date) = date {
                        history.entry(date).or_insert(size);
                    }
                }
                let (won_rank, size, won_file, _, won_date) = sizes[0];
                for &(lost_rank, lost_size, file, line, date) in &sizes[1..] {
                    if lost_size != size {
                        conflicts.note(
                            ConflictKind::ListSize,
                            (file, won_file),
                            Conflict {
                                practice: code.to_string(),
                                lost: lost_size.to_string(),
                                used: size.to_string(),
                                line,
                                lost_date: date,
                                used_date: won_date,
                                rule: rule(&won_rank, &lost_rank),
                            },
                        );
                    }
                }
                Some((size, won_date))
            }
            None => None,
        };
        let area_code = choose(&facts, |f| f.area_code.as_ref()).map(|(a, _)| a);
        let status = registrations.former_status(code, &facts, area_code.as_deref());
        if status.is_none() {
            if list_size.is_none() {
                without_list.entry(first_file).or_default().push(code);
            }
            if pcn.is_none() {
                without_pcn.entry(first_file).or_default().push(code);
            }
            let area_name = choose(&facts, |f| f.area_name.as_ref()).map(|(n, _)| n);
            if let Some(name) = &area_name {
                *area_names.entry(name.clone()).or_default() += 1;
            }
            if let Some(area) = &area_code {
                *area_codes.entry(area.clone()).or_default() += 1;
                let named = areas.entry(area.clone()).or_insert(None);
                if named.is_none() {
                    // The name beside this code in the same file, not another file's.
                    *named = facts
                        .iter()
                        .find(|s| {
                            s.fact.area_code.as_ref() == Some(area) && s.fact.area_name.is_some()
                        })
                        .and_then(|s| s.fact.area_name.clone());
                }
            }
        }
        let location = choose(&facts, |f| f.location.as_ref());
        let practice = Practice {
            area_code,
            code: code.to_string(),
            name: choose(&facts, |f| f.name.as_ref())
                .map(|(n, _)| n)
                .unwrap_or_else(|| code.to_string()),
            pcn_code: pcn
                .map(|(c, _)| c)
                .unwrap_or_else(|| NO_PCN_CODE.to_string()),
            list_size: list_size.map_or(0, |(size, _)| size),
            list_size_source: ListSizeSource::Reported,
            list_size_as_of: list_size
                .and_then(|(_, date)| date)
                .and_then(|d| crate::model::Period::month(d.year, d.month)),
            postcode: choose(&facts, |f| f.postcode.as_ref()).map(|(p, _)| p),
            location: location.map(|(l, _)| l),
            location_source: location.map(|_| LocationSource::File),
            neighbourhood: choose(&facts, |f| f.neighbourhood.as_ref()).map(|(n, _)| n),
            opened: choose(&facts, |f| f.opened.as_ref()).map(|(d, _)| d),
            list_sizes: history
                .into_iter()
                .map(|(date, patients)| ListSizeAt { date, patients })
                .collect(),
        };
        match status {
            None => practices.push(practice),
            Some(status) => former_practices.push(FormerPractice { practice, status }),
        }
    }
    conflicts.report(files, notes);
    for (file, codes) in without_list {
        notes.warn(
            file,
            None,
            None,
            None,
            format!(
                "{} practices named in this file have no list size in any file (e.g. {}); their list size is shown as 0: add gp-reg-pat-prac-all or a practices file",
                codes.len(),
                examples(&codes)
            ),
        );
    }
    for (file, codes) in without_pcn {
        notes.warn(
            file,
            None,
            None,
            None,
            format!(
                "{} practices named in this file have no PCN in any file (e.g. {}); they are grouped under {NO_PCN_CODE}: add gp-reg-pat-prac-map or a practices file",
                codes.len(),
                examples(&codes)
            ),
        );
    }
    let place_code = majority(area_codes, practices.len());
    // A file with codes and no names (gp-reg-pat-prac-all) still names the place by code.
    let place = majority(area_names, practices.len())
        .or_else(|| {
            place_code
                .as_ref()
                .map(|code| format!("Sub-ICB area {code}"))
        })
        .unwrap_or_else(|| DEFAULT_PLACE.to_string());
    if !former_practices.is_empty() {
        let codes: Vec<&str> = former_practices
            .iter()
            .map(|f| f.practice.code.as_str())
            .collect();
        notes.warn(
            used.first().copied().unwrap_or(0),
            None,
            None,
            None,
            format!(
                "{} practices are not open at the files' latest date (closed, dormant, or not in the latest registrations of their area; e.g. {}): they are listed as closed practices, and no figure counts them after they closed",
                codes.len(),
                examples(&codes)
            ),
        );
    }
    Combined {
        practices,
        former_practices,
        areas: areas
            .into_iter()
            .map(|(code, name)| Area {
                name: name.unwrap_or_else(|| format!("Sub-ICB area {code}")),
                code,
            })
            .collect(),
        place,
        place_code,
    }
}

/// What two files disagree about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum ConflictKind {
    Pcn,
    ListSize,
}

/// One practice on which two files disagree.
struct Conflict {
    practice: String,
    lost: String,
    used: String,
    line: u64,
    lost_date: Option<Date>,
    used_date: Option<Date>,
    rule: &'static str,
}

/// Conflicts grouped by kind and by the pair of files (losing, winning), so that two
/// registration extracts a year apart give one warning, not one per practice.
#[derive(Default)]
struct Conflicts {
    groups: BTreeMap<(ConflictKind, usize, usize), Vec<Conflict>>,
}

impl Conflicts {
    fn note(
        &mut self,
        kind: ConflictKind,
        (lost_file, used_file): (usize, usize),
        conflict: Conflict,
    ) {
        self.groups
            .entry((kind, lost_file, used_file))
            .or_default()
            .push(conflict);
    }

    /// One warning per group, on the file whose values were not used.
    fn report(self, files: &[ReadFile], notes: &mut Notes) {
        for ((kind, lost_file, used_file), group) in self.groups {
            let Some(first) = group.first() else { continue };
            let shown: Vec<String> = group
                .iter()
                .take(5)
                .map(|c| format!("{} {} here, {} there", c.practice, c.lost, c.used))
                .collect();
            let more = if group.len() > 5 { ", …" } else { "" };
            let what = match kind {
                ConflictKind::Pcn => "PCN",
                ConflictKind::ListSize => "list size",
            };
            notes.warn(
                lost_file,
                Some(first.line),
                None,
                None,
                format!(
                    "{} practices have a different {what} here ({}) than in {} ({}); {}, so that file's {what} is used ({}{more})",
                    group.len(),
                    date_text(first.lost_date),
                    files[used_file].file_name,
                    date_text(first.used_date),
                    first.rule,
                    shown.join("; "),
                ),
            );
        }
    }
}

/// The area (name or code) most practices are in, when more than half are. Ties go to
/// the one first in alphabetical order, so the result does not depend on hashing.
fn majority(counts: HashMap<String, usize>, practices: usize) -> Option<String> {
    let mut counts: Vec<(String, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    match counts.into_iter().next() {
        Some((name, count)) if count * 2 > practices => Some(name),
        _ => None,
    }
}

/// Up to five codes, comma-separated.
fn examples(codes: &[&str]) -> String {
    codes.iter().take(5).copied().collect::<Vec<_>>().join(", ")
}

fn combine_pcns(files: &[ReadFile], used: &[usize], practices: &[Practice]) -> Vec<Pcn> {
    let mut names: HashMap<&str, (Rank, &str)> = HashMap::new();
    for &file in used {
        for fact in &files[file].extract.pcns {
            let candidate = (
                rank(files[file].format, fact.as_of, file),
                fact.name.as_str(),
            );
            let entry = names.entry(fact.code.as_str()).or_insert(candidate);
            if candidate.0 > entry.0 {
                *entry = candidate;
            }
        }
    }
    let codes: std::collections::BTreeSet<&str> =
        practices.iter().map(|p| p.pcn_code.as_str()).collect();
    codes
        .into_iter()
        .map(|code| Pcn {
            code: code.to_string(),
            name: match names.get(code) {
                Some((_, name)) => name.to_string(),
                None if code == NO_PCN_CODE => "No PCN given".to_string(),
                None => code.to_string(),
            },
            published_list_size: None,
        })
        .collect()
}

/// Series merged across files (moved out of them), each with the file it first came
/// from.
fn combine_series(
    files: &mut [ReadFile],
    used: &[usize],
    practice_codes: &HashSet<&str>,
    notes: &mut Notes,
) -> Vec<(Series, usize)> {
    let mut merged: BTreeMap<(String, String), (Series, usize)> = BTreeMap::new();
    for &file in used {
        let mut unknown: HashSet<String> = HashSet::new();
        let extracted = std::mem::take(&mut files[file].extract.series);
        for ExtractedSeries { series, line } in extracted {
            let area = series.area_code.as_str();
            if !practice_codes.is_empty()
                && is_practice_code(area)
                && !practice_codes.contains(area)
                && unknown.insert(area.to_string())
                && unknown.len() <= MAX_UNKNOWN_LISTED
            {
                notes.warn(
                    file,
                    Some(line),
                    None,
                    Some(area.to_string()),
                    format!("practice {area} is not among the practices of the uploaded files; its figures are kept but it has no practice, PCN or list size"),
                );
            }
            let key = (series.indicator_id.clone(), series.area_code.clone());
            match merged.get_mut(&key) {
                None => {
                    merged.insert(key, (series, file));
                }
                Some((existing, first_file)) => {
                    for point in &series.points {
                        match existing.points.iter().find(|p| p.period == point.period) {
                            Some(kept) if kept != point => notes.warn(
                                file,
                                Some(line),
                                None,
                                Some(point.period.to_string()),
                                format!(
                                    "{} for {} in {} is also in {} with another value; the file given first wins",
                                    series.indicator_id, series.area_code, point.period, files[*first_file].file_name
                                ),
                            ),
                            Some(_) => {}
                            None => existing.points.push(*point),
                        }
                    }
                    existing.points.sort_by_key(|p| p.period);
                }
            }
        }
        if unknown.len() > MAX_UNKNOWN_LISTED {
            notes.warn(
                file,
                None,
                None,
                None,
                format!(
                    "{} practice codes in this file are not among the practices of the uploaded files (the first {MAX_UNKNOWN_LISTED} are listed)",
                    unknown.len()
                ),
            );
        }
    }
    merged.into_values().collect()
}

/// The targets of all files. A target for an indicator no file describes or gives
/// values for, and that is neither a derived measure nor a trajectory, is kept, with a
/// warning: it may be a misspelt id.
fn combine_targets(
    files: &[ReadFile],
    used: &[usize],
    indicators: &[Indicator],
    notes: &mut Notes,
) -> Vec<Target> {
    let derived = crate::measures::derived_indicators();
    let known: HashSet<&str> = indicators
        .iter()
        .chain(&derived)
        .map(|i| i.id.as_str())
        .chain(
            crate::trajectory::TrajectoryKind::ALL
                .iter()
                .map(|k| k.id()),
        )
        .collect();
    let mut targets = Vec::new();
    for &file in used {
        let mut warned = HashSet::new();
        for target in &files[file].extract.targets {
            let id = target.indicator_id.as_str();
            if !known.contains(id) && warned.insert(id) {
                notes.warn(
                    file,
                    None,
                    Some("indicator_id"),
                    Some(id.to_string()),
                    format!("no file has values or metadata for indicator {id}; its targets are kept, but check the id is spelt as in the values file"),
                );
            }
            targets.push(target.clone());
        }
    }
    targets
}

/// The metadata of every indicator with a series: from metadata files first, then the
/// files' own descriptions (Fingertips), then the catalogue, else a guess with a warning.
fn combine_indicators(
    files: &[ReadFile],
    used: &[usize],
    series: &[(Series, usize)],
    notes: &mut Notes,
) -> Vec<Indicator> {
    let mut known: BTreeMap<String, Indicator> = BTreeMap::new();
    let metadata_first = used
        .iter()
        .filter(|&&i| files[i].format == Some(Format::IndicatorMetadata))
        .chain(
            used.iter()
                .filter(|&&i| files[i].format != Some(Format::IndicatorMetadata)),
        );
    for &file in metadata_first {
        for indicator in &files[file].extract.indicators {
            match known.get(&indicator.id) {
                Some(kept) if kept != indicator && files[file].format == Some(Format::IndicatorMetadata) => notes.warn(
                    file,
                    None,
                    None,
                    Some(indicator.id.clone()),
                    format!("indicator {} is described differently in another file; the first description is used", indicator.id),
                ),
                Some(_) => {}
                None => {
                    known.insert(indicator.id.clone(), indicator.clone());
                }
            }
        }
    }
    let mut guessed = HashSet::new();
    for (s, file) in series {
        if known.contains_key(&s.indicator_id) {
            continue;
        }
        let indicator = known_indicator(&s.indicator_id).unwrap_or_else(|| {
            if guessed.insert(s.indicator_id.clone()) {
                notes.warn(
                    *file,
                    None,
                    None,
                    Some(s.indicator_id.clone()),
                    format!("indicator {} has no metadata; it is shown with its id as its name and no judgement of direction: add an indicator metadata file", s.indicator_id),
                );
            }
            guess_indicator(s)
        });
        known.insert(s.indicator_id.clone(), indicator);
    }
    known.into_values().collect()
}

/// Metadata for an indicator nobody described, from the shape of its points.
fn guess_indicator(series: &Series) -> Indicator {
    let has = |f: fn(&crate::model::Point) -> bool| series.points.iter().any(f);
    let unit = if has(|p| p.numerator.is_some() && p.denominator.is_some()) {
        Unit::Proportion
    } else if has(|p| p.value.is_some()) {
        Unit::Mean
    } else {
        Unit::Count
    };
    Indicator {
        id: series.indicator_id.clone(),
        name: series.indicator_id.clone(),
        domain: Domain::Quality,
        unit,
        polarity: Polarity::NoJudgement,
        comparison: Default::default(),
    }
}

/// OS Code-Point Open 2018, Leicester's postcodes (E06000016), as published (no header;
/// postcode, positional quality, eastings, northings). Source and licence:
/// `data/leicester-city/postcodes/SOURCE.txt`.
const LEICESTER_CODE_POINT: &[u8] =
    include_bytes!("../../data/leicester-city/postcodes/codepoint_open_2018_leicester.csv");

/// The embedded Leicester extract's lookup, read once by the same reader as a loaded file.
pub fn embedded_postcodes() -> &'static PostcodeLookup {
    static LOOKUP: OnceLock<PostcodeLookup> = OnceLock::new();
    LOOKUP.get_or_init(|| {
        let file = super::read_file(EMBEDDED_LOOKUP, LEICESTER_CODE_POINT);
        PostcodeLookup::embedded(
            file.extract
                .postcodes
                .iter()
                .map(|f| (f.postcode.as_str(), f.location)),
        )
    })
}

/// The lookup of a Code-Point Open file loaded with the data.
fn lookup_of(file_name: &str, postcodes: &[super::PostcodeFact]) -> PostcodeLookup {
    PostcodeLookup::from_postcodes(
        file_name,
        postcodes.iter().map(|f| (f.postcode.as_str(), f.location)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32) -> Option<Date> {
        Date::new(year, 1, 1)
    }

    #[test]
    fn the_user_s_file_then_the_latest_extract_then_the_first_file_wins() {
        let canonical = rank(Some(Format::Practices), None, 3);
        let newer = rank(Some(Format::RegistrationAll), date(2024), 2);
        let older = rank(Some(Format::RegistrationAll), date(2021), 0);
        let older_later_file = rank(Some(Format::RegistrationMap), date(2021), 1);
        assert!(canonical > newer && newer > older && older > older_later_file);
        assert_eq!(
            rule(&canonical, &newer),
            "your practices file wins over national files"
        );
        assert_eq!(rule(&newer, &older), "the latest extract date wins");
        assert_eq!(rule(&older, &older_later_file), "the file given first wins");
    }

    #[test]
    fn the_place_is_the_area_of_most_practices() {
        let counts =
            |pairs: &[(&str, usize)]| pairs.iter().map(|&(n, c)| (n.to_string(), c)).collect();
        assert_eq!(
            majority(counts(&[("Leicester", 55), ("Old name", 2)]), 57).as_deref(),
            Some("Leicester")
        );
        assert_eq!(majority(counts(&[("A", 3), ("B", 3)]), 6), None);
        assert_eq!(majority(HashMap::new(), 0), None);
    }
}
