//! What was read of one file: its format, rows read, accepted and rejected, and every
//! problem listed (the first hundred on the page, all of them in the CSV download), and
//! the rejected rows as written, to mend and load again. Used by the Data page for each
//! file loaded and by the Risk page for the patient file.

use crate::components::data_table::DataTable;
use crate::download::save_text;
use atlas_core::ingest::format::rejected_rows_note;
use atlas_core::report::{problems_table, rejected_rows_table, FileReport};
use atlas_core::summary::thousands;
use leptos::prelude::*;

/// How many problems a file lists on the page; all those listed are in its CSV download.
const PROBLEMS_SHOWN: usize = 100;

/// One file's report; `index` makes its element ids unique on the page (`file-{index}`).
#[component]
pub fn FileReportView(index: usize, report: FileReport) -> impl IntoView {
    let table = problems_table(&report);
    // The page lists this file's problems under its name, so without the file column
    // (the download keeps it: it may be read beside other files' problems).
    let shown = {
        let mut t = table.clone().without_column(0);
        t.rows.truncate(PROBLEMS_SHOWN);
        t
    };
    let more = table.rows.len().saturating_sub(PROBLEMS_SHOWN);
    let has_rejected_rows = !report.rejected_rows.is_empty();
    let rejected_note = rejected_rows_note(&report);
    // The downloads are written when asked for, not with the page.
    let for_download = StoredValue::new(report.clone());
    // A patient-level file: checked here, added nowhere.
    let checked_only = report.patient_level && !report.refused();
    let status = if report.refused() {
        ("nhsuk-tag nhsuk-tag--red", "Not used")
    } else if checked_only {
        ("nhsuk-tag nhsuk-tag--blue", "Checked, not added")
    } else if report.rows_rejected > 0 {
        ("nhsuk-tag nhsuk-tag--orange", "Some rows rejected")
    } else {
        ("nhsuk-tag nhsuk-tag--green", "Read in full")
    };
    let has_problems = !report.problems.is_empty();
    view! {
        <section class="atlas-file-report" id=format!("file-{index}") aria-labelledby=format!("file-{index}-name")>
            <h3 id=format!("file-{index}-name")>{report.file_name.clone()} " " <strong class=status.0>{status.1}</strong></h3>
            <dl class="nhsuk-summary-list">
                <div class="nhsuk-summary-list__row">
                    <dt class="nhsuk-summary-list__key">"Format"</dt>
                    <dd class="nhsuk-summary-list__value">{report.format.clone().unwrap_or_else(|| "Not recognised".into())}</dd>
                </div>
                <div class="nhsuk-summary-list__row">
                    <dt class="nhsuk-summary-list__key">"Rows read"</dt>
                    <dd class="nhsuk-summary-list__value">{thousands(report.rows_read)}</dd>
                </div>
                <div class="nhsuk-summary-list__row">
                    <dt class="nhsuk-summary-list__key">"Accepted"</dt>
                    <dd class="nhsuk-summary-list__value">{thousands(report.rows_accepted)}</dd>
                </div>
                <div class="nhsuk-summary-list__row">
                    <dt class="nhsuk-summary-list__key">"Rejected"</dt>
                    <dd class="nhsuk-summary-list__value">{thousands(report.rows_rejected)}</dd>
                </div>
            </dl>
            <Show when=move || checked_only>
                <p><a href="/risk">"Score this file on the Risk page"</a></p>
            </Show>
            <Show when=move || has_problems>
                <DataTable table=Signal::stored(shown.clone()) caption=Signal::stored(format!("Problems in {}", report.file_name))/>
                <Show when=move || { more > 0 }>
                    <p>{format!("{} more problems are in the download.", thousands(more as u64))}</p>
                </Show>
                <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                    on:click=move |_| {
                        for_download.with_value(|r| save_text(&download_name(r, "problems"), "text/csv;charset=utf-8", &problems_table(r).to_csv()));
                    }>
                    "Download the problems (CSV)"
                </button>
                <Show when=move || has_rejected_rows>
                    " "
                    <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                        aria-describedby=format!("file-{index}-rejected-hint")
                        on:click=move |_| for_download.with_value(|r| {
                            if let Some(table) = rejected_rows_table(r) {
                                save_text(&download_name(r, "rejected-rows"), "text/csv;charset=utf-8", &table.to_csv());
                            }
                        })>
                        "Download the rejected rows (CSV)"
                    </button>
                    <p class="nhsuk-hint" id=format!("file-{index}-rejected-hint")>{rejected_note}</p>
                </Show>
            </Show>
        </section>
    }
}

/// `practices-problems.csv` for `practices.csv`.
fn download_name(report: &FileReport, what: &str) -> String {
    format!("{}-{what}.csv", report.file_name.trim_end_matches(".csv"))
}
