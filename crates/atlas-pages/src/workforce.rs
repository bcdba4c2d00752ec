//! Workforce: each PCN's staff in additional roles against the patients its practices
//! serve, and one PCN's staff by role (`?pcn=`); GPs per practice are a measure on the
//! Variation page, which this page links to.

use crate::areas::pcn_link;
use crate::figure::{bar_figure, Figure};
use crate::query::Query;
use atlas_charts::Bar;
use atlas_core::catalogue::{GP_FTE_FQ_PER_10K, PCN_STAFF_FTE_TOTAL};
use atlas_core::model::Workspace;
use atlas_core::provenance::measure_source;
use atlas_core::table::{Cell, Table};
use atlas_core::words::{display_name, grouped, thousands};
use atlas_core::workforce::{pcn_roles, PcnRoles};

/// The sentence under the page's heading: what the page is for.
pub const LEDE: &str = "The staff primary care networks employ through the Additional Roles Reimbursement Scheme — pharmacists, social prescribers, physician associates, care coordinators and more — set against the patients their practices serve.";

/// The page's view as the URL holds it: `pcn`, the PCN whose roles are shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WorkforceQuery {
    pub pcn: Option<String>,
}

impl WorkforceQuery {
    /// The query string's keys this page owns.
    pub const KEYS: &'static [&'static str] = &["pcn"];

    /// The view a query string asks for.
    pub fn from_query(query: &Query) -> WorkforceQuery {
        WorkforceQuery {
            pcn: query.get("pcn").map(str::to_string),
        }
    }

    /// The query string's pairs for this view.
    pub fn to_query(&self) -> Query {
        Query::from_pairs(self.pcn.iter().map(|code| ("pcn", code.clone())))
    }
}

/// Everything the Workforce page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkforcePage {
    pub heading: String,
    /// Additional-roles staff per 10,000 patients, by PCN (or why there is no chart).
    pub by_pcn: Figure,
    /// The PCNs with staff published: (code, name).
    pub pcns: Vec<(String, String)>,
    /// The PCN shown, its roles in a sentence and per 10,000 patients by role.
    pub pcn: Option<String>,
    pub sentence: Option<String>,
    pub roles: Figure,
    /// The GP measure per 10,000 patients on the Variation page: its name and link.
    pub gps: Option<(String, String)>,
    /// The PCNs with no staff published, in words (none when every PCN has some).
    pub without_staff: Option<String>,
}

/// The value axis of both charts.
const PER_10K: &str = "Full-time equivalent staff per 10,000 patients";

const NO_STAFF: &str = "These data have no staff published for any PCN (NHS England's PCN workforce collection): load its individual-level file on the Your data page.";

/// The Workforce page for `query` on `ws`.
pub fn workforce_page(ws: &Workspace, query: &WorkforceQuery) -> WorkforcePage {
    let source = measure_source(ws, PCN_STAFF_FTE_TOTAL);
    let mut staffed: Vec<(String, String, PcnRoles)> = ws
        .pcns
        .iter()
        .filter_map(|pcn| {
            Some((
                pcn.code.clone(),
                display_name(&pcn.name),
                pcn_roles(ws, &pcn.code)?,
            ))
        })
        .collect();
    // Most staff per 10,000 first, ties (and PCNs without a census count) by name.
    staffed.sort_by(|a, b| {
        let key = |r: &PcnRoles| r.additional_per_10k().unwrap_or(f64::NEG_INFINITY);
        key(&b.2).total_cmp(&key(&a.2)).then(a.1.cmp(&b.1))
    });
    let by_pcn = if staffed.is_empty() {
        Figure::missing(
            "workforce-by-pcn",
            "workforce-by-pcn",
            "No chart".to_string(),
            NO_STAFF.to_string(),
        )
    } else {
        let mut table = Table::new(&[
            "PCN",
            "ODS code",
            "Month",
            "Additional roles (FTE)",
            "All staff (FTE)",
            "Patients",
            "Additional roles per 10,000 patients",
        ]);
        let mut bars = Vec::new();
        for (code, name, roles) in &staffed {
            let per_10k = roles.additional_per_10k();
            table.rows.push(vec![
                Cell::text(name.clone()),
                Cell::text(code.clone()),
                Cell::text(roles.period.label()),
                Cell::value(roles.additional_fte(), 1),
                Cell::value(roles.total, 1),
                match roles.patients {
                    Some((n, _)) => Cell::number(n as f64, thousands(n)),
                    None => Cell::text("not in the census"),
                },
                match per_10k {
                    Some(v) => Cell::value(v, 1),
                    None => Cell::text("not known"),
                },
            ]);
            if let Some(value) = per_10k {
                bars.push(Bar {
                    label: name.clone(),
                    value,
                });
            }
        }
        let summary = match (bars.first(), bars.last()) {
            (Some(most), Some(fewest)) if bars.len() > 1 => format!(
                "Of {} PCNs with staff and patients counted, {} has the most staff in additional roles per 10,000 patients ({}) and {} the fewest ({}).",
                bars.len(),
                most.label,
                grouped(most.value, 1),
                fewest.label,
                grouped(fewest.value, 1)
            ),
            (Some(only), _) => format!("{} has {} staff in additional roles per 10,000 patients.", only.label, grouped(only.value, 1)),
            _ => "No PCN's patients are counted in the GP workforce census, so no rate per 10,000 patients can be given; the table lists the staff.".to_string(),
        };
        // Say when the figures are from: one month for all, or each PCN's latest.
        let first = staffed[0].2.period;
        let when = if staffed.iter().all(|(.., r)| r.period == first) {
            format!(", {}", first.label())
        } else {
            " (each PCN's latest month)".to_string()
        };
        Figure {
            row_links: staffed.iter().map(|(code, ..)| pcn_link(code)).collect(),
            source: Some(source.clone()),
            ..bar_figure(
                "workforce-by-pcn",
                &format!("Staff in additional roles per 10,000 patients, by PCN{when}"),
                &summary,
                PER_10K,
                bars,
                1,
                table,
            )
        }
    };
    let pcns: Vec<(String, String)> = staffed
        .iter()
        .map(|(c, n, _)| (c.clone(), n.clone()))
        .collect();
    let chosen = query
        .pcn
        .as_deref()
        .and_then(|wanted| staffed.iter().find(|(code, ..)| code == wanted))
        .or_else(|| staffed.first());
    let (pcn, sentence, roles) = match chosen {
        Some((code, name, roles)) => {
            let bars: Vec<Bar> = roles
                .rows
                .iter()
                .filter_map(|r| {
                    Some(Bar {
                        label: r.role.clone(),
                        value: r.per_10k?,
                    })
                })
                .collect();
            let figure = if bars.is_empty() {
                Figure::missing(
                    "workforce-roles",
                    "workforce-roles",
                    format!("Staff by role, {name}"),
                    format!("No chart: {name}'s patients are not counted in the GP workforce census of {}, so no rate per 10,000 patients can be given.", roles.period.label()),
                )
            } else {
                Figure {
                    source: Some(source),
                    ..bar_figure(
                        "workforce-roles",
                        &format!(
                            "Staff by role per 10,000 patients, {name}, {}",
                            roles.period.label()
                        ),
                        &roles.sentence(name),
                        PER_10K,
                        bars,
                        1,
                        roles.table(),
                    )
                }
            };
            (Some(code.clone()), Some(roles.sentence(name)), figure)
        }
        None => (
            None,
            None,
            Figure::missing(
                "workforce-roles",
                "workforce-roles",
                "No chart".to_string(),
                NO_STAFF.to_string(),
            ),
        ),
    };
    let missing: Vec<String> = ws
        .pcns
        .iter()
        .filter(|p| !staffed.iter().any(|(code, ..)| code == &p.code))
        .map(|p| display_name(&p.name))
        .collect();
    let without_staff = (!staffed.is_empty() && !missing.is_empty()).then(|| {
        format!(
            "No staff are published for {} of the {} PCNs: {}.",
            missing.len(),
            ws.pcns.len(),
            missing.join(", ")
        )
    });
    WorkforcePage {
        heading: format!("Workforce in {}", ws.place),
        without_staff,
        by_pcn,
        pcns,
        pcn,
        sentence,
        roles,
        gps: ws
            .indicator(GP_FTE_FQ_PER_10K)
            .map(|i| (i.name.clone(), format!("/variation?indicator={}", i.id))),
    }
}
