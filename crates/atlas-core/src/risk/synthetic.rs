//! A synthetic, anonymised registered population in the canonical patient schema, for
//! tests, demonstrations and benchmarks. Deterministic: the same size, practices and
//! seed give the same file, byte for byte, on every platform.
//!
//! How it is made:
//!
//! - **Practice**: drawn in proportion to the list sizes given.
//! - **Age**: a five-year band drawn from an England-like registered population
//!   ([`AGE_BANDS`], rounded from the ONS mid-2021 estimates for England), then a year
//!   uniformly within the band (90+ spreads over 90–100).
//! - **Sex**: female with probability 0.49 under 65, 0.55 from 65 to 84 and 0.64 from
//!   85; 0.2% unknown.
//! - **Conditions**: each condition has a plausible prevalence at age 40 and at age 80
//!   ([`CMS_PREVALENCE`], [`EFI_PREVALENCE`]; illustrative figures in the ranges QOF
//!   registers and the eFI and CMS papers report, not estimates). The prevalence at
//!   age `a` is log-linear between them, `p(a) = p40 · (p80/p40)^((a − 40)/40)` with `a`
//!   held within 0–95, scaled by 0.3 under 18 and capped at 0.85. Multimorbidity
//!   clusters through one latent burden per patient, `m = exp(0.6·z − 0.18)` with `z`
//!   standard normal (mean of `m` ≈ 1), which multiplies every prevalence.
//! - **Shared conditions** agree: the eFI's atrial fibrillation, chronic kidney
//!   disease, diabetes, heart failure and hypertension copy the CMS columns; hearing
//!   impairment copies hearing loss; ischaemic heart disease copies coronary heart
//!   disease; cerebrovascular disease copies stroke/TIA; respiratory disease includes
//!   asthma and COPD; memory and cognitive problems include dementia.
//! - **Deprivation quintile**: each practice has a home quintile from its code; a
//!   patient's is that quintile ± 1 (kept in 1–5).
//! - **patient_id**: `S` and eight digits (`S00000042`), which cannot be mistaken for an
//!   NHS number.
//!
//! The random numbers are SplitMix64 (Steele, Lea and Flood, OOPSLA 2014).

use super::conditions::{condition_columns, CMS_CONDITIONS, CMS_COUNT, EFI_COUNT, EFI_DEFICITS};
use super::patients::{canonical_header, Patient, Sex};
use super::score::ConditionSet;
use crate::random::SplitMix64;
use std::io::Write;

/// What can stop the generator.
#[derive(Debug, thiserror::Error)]
pub enum SyntheticError {
    /// No practice with a list size above 0 to put patients in.
    #[error("the synthetic population needs at least one practice with a list size above 0")]
    NoPractices,
    /// Writing the CSV failed.
    #[error("could not write the synthetic population: {0}")]
    Write(#[from] std::io::Error),
}

/// Five-year age bands (lower bound) and their share of the population in percent,
/// rounded from the ONS mid-2021 population estimates for England; the last band is
/// 90 and over.
pub const AGE_BANDS: [(u8, f64); 19] = [
    (0, 5.4),
    (5, 6.0),
    (10, 6.1),
    (15, 5.7),
    (20, 6.0),
    (25, 6.6),
    (30, 6.9),
    (35, 6.7),
    (40, 6.4),
    (45, 6.3),
    (50, 6.9),
    (55, 6.8),
    (60, 5.9),
    (65, 5.0),
    (70, 5.0),
    (75, 3.7),
    (80, 2.6),
    (85, 1.6),
    (90, 0.9),
];

/// Illustrative prevalence at age 40 and at age 80 of each CMS condition, in the order
/// of [`CMS_CONDITIONS`].
pub const CMS_PREVALENCE: [(f64, f64); CMS_COUNT] = [
    (0.030, 0.020),  // alcohol problems
    (0.200, 0.220),  // anxiety or depression
    (0.070, 0.080),  // asthma (currently treated)
    (0.003, 0.100),  // atrial fibrillation
    (0.010, 0.070),  // cancer in the last five years
    (0.005, 0.200),  // chronic kidney disease
    (0.010, 0.050),  // connective tissue disorders
    (0.020, 0.150),  // constipation (treated)
    (0.003, 0.080),  // COPD
    (0.005, 0.150),  // coronary heart disease
    (0.0002, 0.070), // dementia
    (0.040, 0.180),  // diabetes
    (0.008, 0.010),  // epilepsy (currently treated)
    (0.020, 0.300),  // hearing loss
    (0.001, 0.060),  // heart failure
    (0.060, 0.550),  // hypertension
    (0.060, 0.050),  // irritable bowel syndrome
    (0.080, 0.250),  // painful condition
    (0.008, 0.006),  // schizophrenia or bipolar disorder
    (0.003, 0.080),  // stroke or TIA
];

/// Illustrative prevalence at age 40 and at age 80 of each eFI deficit, in the order of
/// [`EFI_DEFICITS`]. Deficits shared with the CMS are overridden by the CMS column.
pub const EFI_PREVALENCE: [(f64, f64); EFI_COUNT] = [
    (0.010, 0.100), // activity limitation
    (0.030, 0.150), // anaemia and haematinic deficiency
    (0.050, 0.450), // arthritis
    (0.003, 0.100), // atrial fibrillation (from the CMS)
    (0.003, 0.090), // cerebrovascular disease (from the CMS)
    (0.005, 0.200), // chronic kidney disease (from the CMS)
    (0.040, 0.180), // diabetes (from the CMS)
    (0.030, 0.120), // dizziness
    (0.030, 0.150), // dyspnoea
    (0.020, 0.200), // falls
    (0.030, 0.150), // foot problems
    (0.010, 0.100), // fragility fracture
    (0.020, 0.300), // hearing impairment (from the CMS)
    (0.001, 0.060), // heart failure (from the CMS)
    (0.002, 0.050), // heart valve disease
    (0.001, 0.050), // housebound
    (0.060, 0.550), // hypertension (from the CMS)
    (0.010, 0.070), // hypotension/syncope
    (0.005, 0.150), // ischaemic heart disease (from the CMS)
    (0.005, 0.120), // memory and cognitive problems
    (0.005, 0.100), // mobility and transfer problems
    (0.003, 0.120), // osteoporosis
    (0.005, 0.040), // parkinsonism and tremor
    (0.010, 0.030), // peptic ulcer
    (0.002, 0.040), // peripheral vascular disease
    (0.040, 0.450), // polypharmacy
    (0.002, 0.060), // requirement for care
    (0.080, 0.180), // respiratory disease
    (0.005, 0.060), // skin ulcer
    (0.050, 0.120), // sleep disturbance
    (0.020, 0.100), // social vulnerability
    (0.030, 0.100), // thyroid disease
    (0.010, 0.120), // urinary incontinence
    (0.020, 0.100), // urinary system disease
    (0.010, 0.120), // visual impairment
    (0.005, 0.050), // weight loss and anorexia
];

/// eFI deficits that copy a CMS condition: (eFI index, CMS index).
const SAME_CONDITION: [(usize, usize); 8] = [
    (3, 3),   // atrial fibrillation
    (5, 5),   // chronic kidney disease
    (6, 11),  // diabetes
    (13, 14), // heart failure
    (16, 15), // hypertension
    (12, 13), // hearing impairment ← hearing loss
    (18, 9),  // ischaemic heart disease ← coronary heart disease
    (4, 19),  // cerebrovascular disease ← stroke/TIA
];

/// eFI deficits that include a CMS condition: (eFI index, CMS index).
const INCLUDES_CONDITION: [(usize, usize); 3] = [
    (27, 2),  // respiratory disease ⊇ asthma
    (27, 8),  // respiratory disease ⊇ COPD
    (19, 10), // memory and cognitive problems ⊇ dementia
];

/// Standard normal (Box–Muller).
fn next_normal(rng: &mut SplitMix64) -> f64 {
    let u1 = 1.0 - rng.next_f64(); // (0, 1]
    let u2 = rng.next_f64();
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

/// Prevalence at `age` from the prevalences at 40 and 80 (see the module docs).
fn prevalence(at_40: f64, at_80: f64, age: u8) -> f64 {
    let a = f64::from(age.min(95));
    let mut p = at_40 * (at_80 / at_40).powf((a - 40.0) / 40.0);
    if age < 18 {
        p *= 0.3;
    }
    p.min(0.85)
}

/// The synthetic population, one patient at a time.
pub struct Population {
    rng: SplitMix64,
    remaining: usize,
    next_id: usize,
    codes: Vec<String>,
    cumulative: Vec<u64>,
    home_quintile: Vec<u8>,
}

impl Iterator for Population {
    type Item = Patient;

    fn next(&mut self) -> Option<Patient> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        let id = format!("S{:08}", self.next_id);
        self.next_id += 1;
        let rng = &mut self.rng;

        let total = *self.cumulative.last()?;
        let draw = rng.next_u64() % total;
        let practice = self.cumulative.partition_point(|&c| c <= draw);

        let band_total: f64 = AGE_BANDS.iter().map(|&(_, share)| share).sum();
        let mut pick = rng.next_f64() * band_total;
        let mut band = AGE_BANDS.len() - 1;
        for (i, &(_, share)) in AGE_BANDS.iter().enumerate() {
            if pick < share {
                band = i;
                break;
            }
            pick -= share;
        }
        let lower = AGE_BANDS[band].0;
        let width = if lower == 90 { 11 } else { 5 };
        let age = lower + (rng.next_u64() % width) as u8;

        let female = match age {
            0..=64 => 0.49,
            65..=84 => 0.55,
            _ => 0.64,
        };
        let draw = rng.next_f64();
        let sex = if draw < 0.002 {
            Sex::Other
        } else if draw < 0.002 + female {
            Sex::Female
        } else {
            Sex::Male
        };

        let burden = (0.6 * next_normal(rng) - 0.18).exp();
        let mut set = ConditionSet::EMPTY;
        for (i, &(at_40, at_80)) in CMS_PREVALENCE.iter().enumerate() {
            if rng.next_f64() < (prevalence(at_40, at_80, age) * burden).min(0.95) {
                set = set.with_cms(i);
            }
        }
        for (i, &(at_40, at_80)) in EFI_PREVALENCE.iter().enumerate() {
            // Always draw, so that the stream does not depend on the links below.
            if rng.next_f64() < (prevalence(at_40, at_80, age) * burden).min(0.95) {
                set = set.with_efi(i);
            }
        }
        for (efi, cms) in SAME_CONDITION {
            set = ConditionSet(set.0 & !ConditionSet::efi_bit(efi));
            if set.has_cms(cms) {
                set = set.with_efi(efi);
            }
        }
        for (efi, cms) in INCLUDES_CONDITION {
            if set.has_cms(cms) {
                set = set.with_efi(efi);
            }
        }

        let home = self.home_quintile[practice];
        let quintile = (i16::from(home) + (rng.next_u64() % 3) as i16 - 1).clamp(1, 5) as u8;

        Some(Patient {
            id,
            practice_code: self.codes[practice].clone(),
            age,
            sex,
            conditions: set,
            deprivation_quintile: Some(quintile),
        })
    }
}

/// The synthetic population of `n` patients spread over `practices` (ODS code, list
/// size: patients are drawn in proportion to list size), from `seed`.
pub fn population(
    n: usize,
    practices: &[(String, u64)],
    seed: u64,
) -> Result<Population, SyntheticError> {
    let mut codes = Vec::new();
    let mut cumulative = Vec::new();
    let mut home_quintile = Vec::new();
    let mut total = 0u64;
    for (code, list_size) in practices.iter().filter(|(_, size)| *size > 0) {
        total += list_size;
        codes.push(code.to_ascii_uppercase());
        cumulative.push(total);
        let hash = code
            .bytes()
            .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
        home_quintile.push((hash % 5) as u8 + 1);
    }
    if codes.is_empty() {
        return Err(SyntheticError::NoPractices);
    }
    Ok(Population {
        rng: SplitMix64::new(seed),
        remaining: n,
        next_id: 1,
        codes,
        cumulative,
        home_quintile,
    })
}

/// Writes the synthetic population as a canonical patient CSV (header first, in the
/// template's column order).
pub fn write_population(
    out: impl Write,
    n: usize,
    practices: &[(String, u64)],
    seed: u64,
) -> Result<(), SyntheticError> {
    let patients = population(n, practices, seed)?;
    let mut out = std::io::BufWriter::new(out);
    writeln!(out, "{}", canonical_header().join(","))?;
    let columns = condition_columns().count();
    let mut line = String::with_capacity(64 + 2 * columns);
    for patient in patients {
        line.clear();
        line.push_str(&patient.id);
        line.push(',');
        line.push_str(&patient.practice_code);
        line.push(',');
        line.push_str(&patient.age.to_string());
        line.push(',');
        line.push(match patient.sex {
            Sex::Female => 'F',
            Sex::Male => 'M',
            Sex::Other => 'U',
        });
        line.push(',');
        if let Some(q) = patient.deprivation_quintile {
            line.push(char::from(b'0' + q));
        }
        for bit in 0..columns {
            line.push(',');
            line.push(if patient.conditions.0 & (1u64 << bit) != 0 {
                '1'
            } else {
                '0'
            });
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    out.flush()?;
    Ok(())
}

/// The synthetic population as CSV text.
pub fn population_csv(
    n: usize,
    practices: &[(String, u64)],
    seed: u64,
) -> Result<String, SyntheticError> {
    let mut bytes = Vec::new();
    write_population(&mut bytes, n, practices, seed)?;
    // Everything written is ASCII.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A workspace's practices with their registered lists, to spread a synthetic
/// population over (the embedded default's, for the examples and tests).
pub fn practice_lists(workspace: &crate::model::Workspace) -> Vec<(String, u64)> {
    workspace
        .practices
        .iter()
        .map(|p| (p.code.clone(), p.list_size))
        .collect()
}

// The tables above are as long as the schema's lists.
const _: () = assert!(CMS_PREVALENCE.len() == CMS_CONDITIONS.len());
const _: () = assert!(EFI_PREVALENCE.len() == EFI_DEFICITS.len());

#[cfg(test)]
mod tests {
    use super::super::patients::read_patients;
    use super::*;

    fn practices() -> Vec<(String, u64)> {
        vec![
            ("C82037".into(), 8_000),
            ("C82040".into(), 2_000),
            ("EMPTY".into(), 0),
        ]
    }

    #[test]
    fn the_same_seed_gives_the_same_file() {
        let a = population_csv(500, &practices(), 7).unwrap();
        let b = population_csv(500, &practices(), 7).unwrap();
        let c = population_csv(500, &practices(), 8).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.lines().count(), 501);
    }

    #[test]
    fn the_file_reads_back_cleanly() {
        let text = population_csv(2_000, &practices(), 1).unwrap();
        let (table, report) = read_patients("synthetic.csv", text.as_bytes());
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        assert_eq!(table.len(), 2_000);
        assert_eq!(table.practices().len(), 2);
        assert_eq!(table.id(0), "S00000001");
    }

    #[test]
    fn ages_practices_and_prevalences_are_plausible() {
        let patients: Vec<Patient> = population(50_000, &practices(), 42).unwrap().collect();
        let share = |f: &dyn Fn(&Patient) -> bool, of: &dyn Fn(&Patient) -> bool| {
            let base: Vec<&Patient> = patients.iter().filter(|p| of(p)).collect();
            base.iter().filter(|p| f(p)).count() as f64 / base.len() as f64
        };
        let all = |_: &Patient| true;
        let over_65 = |p: &Patient| p.age >= 65;
        let in_range =
            |x: f64, lo: f64, hi: f64| assert!((lo..=hi).contains(&x), "{x} not in {lo}–{hi}");
        in_range(share(&over_65, &all), 0.16, 0.22);
        in_range(share(&|p| p.practice_code == "C82037", &all), 0.78, 0.82);
        in_range(share(&|p| p.sex == Sex::Female, &all), 0.48, 0.54);
        // Hypertension (CMS bit 15): about 15–20% of everyone, about half of 65+.
        in_range(share(&|p| p.conditions.has_cms(15), &all), 0.10, 0.25);
        in_range(share(&|p| p.conditions.has_cms(15), &over_65), 0.35, 0.65);
        // Dementia (CMS bit 10): rare overall, a few percent of 65+.
        in_range(share(&|p| p.conditions.has_cms(10), &over_65), 0.01, 0.08);
        // Moderate or severe frailty among 65+: the eFI paper's quartiles put about a
        // fifth or fewer there; accept 3–30%.
        let frail = |p: &Patient| super::super::score::efi_deficits(p.conditions) >= 9;
        in_range(share(&frail, &over_65), 0.03, 0.30);
        // Shared conditions agree.
        assert!(patients
            .iter()
            .all(|p| p.conditions.has_cms(15) == p.conditions.has_efi(16)));
    }

    #[test]
    fn no_practices_is_an_error() {
        assert!(matches!(
            population(1, &[], 0),
            Err(SyntheticError::NoPractices)
        ));
        assert!(practice_lists(&crate::default_data::leicester_city()).len() > 50);
    }
}
