//! The Risk page's results of a scored file: the cohort in words, its download, the
//! tables by practice and PCN, the figures, and what was read of the file.

use crate::components::chart_figure::PageFigure;
use crate::components::data_table::DataTable;
use crate::components::file_report::FileReportView;
use crate::download::save_text;
use atlas_app::protocol::RiskWork;
use atlas_core::risk::view::RiskView;
use atlas_core::summary::thousands;
use atlas_pages::risk::{risk_figures, timings_sentence};
use leptos::prelude::*;

/// The scored file's results, with where the time went.
pub(super) fn results(view: RiskView, t: RiskWork) -> impl IntoView {
    let csv = view.cohort_csv.clone();
    let download = move |_| {
        save_text("cohort.csv", "text/csv;charset=utf-8", &csv);
    };
    let [cms, efi, mix] = risk_figures(&view);
    view! {
        <h2 id="cohort">"The cohort"</h2>
        <p class="atlas-figure__summary" id="cohort-sentence">{view.sentence.clone()}</p>
        {view.caveat.clone().map(|c| view! { <div class="nhsuk-warning-callout"><h3 class="nhsuk-warning-callout__label">"Scores computed without some columns"</h3><p>{c}</p></div> })}
        <p class="nhsuk-body-s">{format!("Rule: {}. Ties at the cut-off: {}", view.rule, view.tie_rule)}</p>
        <p class="nhsuk-body-s" id="risk-timings" data-parse-ms=t.parse_ms data-reading-ms=t.reading_ms
            data-waiting-ms=t.waiting_ms data-combining-ms=t.combining_ms data-parts=t.parts data-score-ms=t.score_ms data-cohort-ms=t.cohort_ms>
            {timings_sentence(t.parse_ms, t.parts, t.score_ms, t.cohort_ms)}
        </p>
        {(view.report.rows_rejected > 0).then(|| view! {
            <p class="nhsuk-body-s" id="risk-rejected">
                {format!("{} rows of the file were rejected and are not scored: ", thousands(view.report.rows_rejected))}
                <a href="#what-was-read">"see which, and why"</a>"."
            </p>
        })}
        <button type="button" class="nhsuk-button" id="download-cohort" on:click=download>
            "Download the cohort (pseudonymous ids and scores, CSV)"
        </button>
        <p class="nhsuk-body-s">"Counts from 1 to 4 are suppressed in every table and chart here, and so is any rate built on them. The download lists every patient in the cohort for your practice to re-identify in its own clinical system."</p>
        <h2>"By practice"</h2>
        <DataTable table=Signal::stored(view.practices.clone()) caption=Signal::stored("Cohort by practice, with 95% Wilson intervals, compared with the whole file".to_string()) id="risk-practices"/>
        <h2>"By PCN"</h2>
        <DataTable table=Signal::stored(view.pcns.clone()) caption=Signal::stored("Cohort by PCN".to_string()) id="risk-pcns"/>
        <h2>"Multimorbidity and frailty together"</h2>
        <DataTable table=Signal::stored(view.overlap.clone()) caption=Signal::stored("Overlap of the CMS top group and moderate or severe frailty".to_string()) id="risk-overlap"/>
        <PageFigure figure=cms/>
        <PageFigure figure=efi/>
        <PageFigure figure=mix/>
        <h2 id="what-was-read">"What was read"</h2>
        <FileReportView index=0 report=view.report.clone()/>
    }
}
