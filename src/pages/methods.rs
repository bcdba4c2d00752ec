//! Methods and sources: where every figure comes from, its licence, what has no public
//! series, privacy, and the accessibility statement.

use crate::state::use_atlas;
use atlas_core::default_data::COORDINATES_ATTRIBUTION;
use atlas_core::model::DataSource;
use atlas_core::provenance;
use atlas_pages::methods::{data_intro, publication_rows, publications_caption};
use leptos::prelude::*;

#[component]
pub fn MethodsPage() -> impl IntoView {
    let state = use_atlas();
    view! {
        <h1>{atlas_pages::methods::HEADING}</h1>
        <p>"What each measure counts, its numerator and denominator, and how it is compared: "<a href="/definitions">"the definitions of every measure"</a>"."</p>

        <DataIntro/>
        <div class="nhsuk-table-container atlas-table-container" role="region" tabindex="0" aria-labelledby="default-publications-caption">
        <table class="nhsuk-table" id="default-publications">
            <caption class="nhsuk-table__caption" id="default-publications-caption">
                {move || publications_caption(&state.workspace.read())}
            </caption>
            <thead class="nhsuk-table__head"><tr>
                <th scope="col">"Publication"</th>
                <th scope="col">"Publisher"</th>
                <th scope="col">"What it gives"</th>
                <th scope="col">"Periods"</th>
                <th scope="col">"Extracted"</th>
                <th scope="col">"Licence"</th>
            </tr></thead>
            <tbody class="nhsuk-table__body">
                {move || publication_rows(&state.workspace.read()).into_iter().map(|row| view! {
                    <tr class="nhsuk-table__row">
                        {row.into_iter().map(|cell| view! { <td class="nhsuk-table__cell">{cell}</td> }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
        <p>"Extracted: the day the figures were taken from each publication for this data, as recorded when it was built. " {provenance::OGL_ATTRIBUTION}</p>
        <DefaultNotes/>
        <h2 id="sources">"Data sources and licences"</h2>
        <ul>
            <DefaultStructureSources/>
            <li>"Postcode coordinates: Ordnance Survey Code-Point Open (2018). " {COORDINATES_ATTRIBUTION} "."</li>
        </ul>

        <h2 id="statistics">"Statistical methods"</h2>
        <p>"Every calculation runs in your browser, with the methods the public reference implementations use, so the answers match Fingertips, Public Health England's methods and NHS England's Making Data Count."</p>
        <ul>
            <li>"Confidence intervals: Wilson score for proportions; Byar's method for rates and counts of 10 or more events, exact Poisson below; Student's t for means; Dobson's method for directly standardised rates (2013 European Standard Population). Levels 95% and 99.8% (PHEindicatormethods, as Fingertips uses them)."</li>
            <li>"Benchmarking: when the comparator lies inside an area's interval the area is similar; otherwise better or worse by the measure's polarity, or higher or lower where there is no judgement. An area is never compared with itself. Each measure carries its comparison method, as Fingertips chooses one per indicator, and every verdict, table and download names it: confidence intervals at 95% and 99.8% unless the measure says otherwise; SPC for proportions at 99.8% (control limits around the comparator at the area's own population, in Wilson's form) for QOF recorded prevalence, which reproduces every one of Fingertips' published verdicts for dementia and learning disability prevalence; SPC for rates (exact Poisson limits around the comparator's expected count at the area's own population, as Fingertips' comparer for rates and directly standardised rates) where a measure asks for it; quintiles (each area's fifth among the areas of its kind, best to worst, or lowest to highest without a polarity; unscored). A canonical metadata file can set the method per measure (its comparison_method column). A Fingertips export does not state its method: the app takes the one of Fingertips' methods that reproduces most of the export's own verdicts against England (the Data page's report says which, and how many it reproduces), and the Scorecard sets Fingertips' verdict beside ours, saying where they differ."</li>
            <li>"Funnel plots (Spiegelhalter 2005): control limits at 95% and 99.8% around the comparator by denominator; proportions by the normal approximation Public Health England uses, ratios by exact Poisson. When the practices vary more than chance allows (Spiegelhalter's test: the sum of squared winsorised z-scores above the 95th centile of chi-squared), the limits are widened by an additive random effect, and the chart and its sentence say so; the Variation page can show either set of limits."</li>
            <li>"Statistical process control (Making Data Count): XmR charts with limits at the mean ± 2.66 × the mean moving range; special causes are a point beyond a limit, a run of 7 on one side of the mean, a trend of 7, or two of three points beyond two sigma on one side. Fewer than 15 points give a run chart. One verdict: the sentence, like the variation icon, judges the latest point, and a special cause that has ended is told as history. Where a series spans the pandemic year (April 2020 – March 2021), the chart sets those months apart by rebasing: limits are worked out for them and for either side separately (a box on the Variation page turns this off)."</li>
            <li>"Trajectories: a straight glide path from baseline to target; a forecast from a linear trend on recent months (with month-of-year seasonality for activity) and a prediction interval; the status rule is written on each card."</li>
            <li id="spread-method">"Spread across practices (box plots on the Variation page and a practice's profile): the 5th, 25th, 50th, 75th and 95th percentiles of the practices' values, as Excel's PERCENTILE.INC computes them and Fingertips draws them; the city's own value (all practices pooled) as a line, and the chosen practice or PCN marked with where it falls, in words."</li>
            <li id="similar-method">"Similar practices (a practice's profile, Compare with: similar practices): the 10 practices nearest on the deprivation score of the registered population (IMD 2019, Fingertips indicator 93553), the share of it aged 65 and over (where the files give registrations by age: Patients Registered at a GP Practice by five-year or single year of age) and list size (on a log scale), each standardised across the place's practices (minus the mean, over the standard deviation), by straight-line distance, ties by practice code; the practice is judged against them pooled. A characteristic is used when at least half the practices have it. Rurality is not in the data, so it is not used; the profile lists the neighbours with their values and distances."</li>
            <li id="comparator-method">"Comparators (Compare with): the Scorecard and a practice's profile judge each practice against the city (every practice pooled), its PCN (its practices pooled), its similar practices (pooled) or England's value where the files give it (area code E92000001); the Variation page's funnel and ranked chart and the Priorities page against the city or England. PCNs are judged against the city or England. A comparator is pooled from counts: a measure published only as practices' percentages (QOF 2024/25 recorded prevalence, the GP Patient Survey) cannot be pooled over a PCN or similar practices unless the publication gives their own figure, and the page names those measures. England is offered only where the files give England's value for a measure; where they do not, the choice says so."</li>
            <li id="correlation-method">"Compare (two measures across practices): each practice's latest value of each; the least-squares line of the measure up on the measure across; Pearson's correlation r with its 95% interval by Fisher's z transformation (as R's cor.test), given for at least 10 practices; R² the share of the variation between practices the line accounts for. Strength in words by the size of r: under 0.2 very weak, 0.2 to 0.39 weak, 0.4 to 0.59 moderate, 0.6 to 0.79 strong, 0.8 or more very strong. Two measures that go together need not cause one another."</li>
            <li id="inequality-method">"Inequalities (the slope and relative indices of inequality, as PHEindicatormethods' phe_sii): the practices cut into fifths by the IMD 2019 score of their registered population, most deprived first; each fifth's measure pooled with its 95% interval and placed at the midpoint of its cumulative share of registered patients; a line fitted by least squares weighted by those shares. The SII is the line's difference from the most to the least deprived end, the RII the ratio of its two ends; their 95% intervals come from 100,000 draws of each fifth's value within its interval (a fixed seed, so a figure can be reproduced). The same with pcatlas sii."</li>
            <li>"Practices as at a date: the pages count the practices open at the files' latest date. A practice ODS gives as closed or dormant, or one an earlier registrations extract lists and the latest one for its area does not, is listed as closed with its date and never judged; its figures count in the place's totals only for the periods before it closed. List sizes are those of the period a figure is for where a file gives one."</li>
            <li>"Scorecard: each measure benchmarked as above; the composite is the average of its components' scores, written out on the page with every component visible."</li>
            <li id="disclosure-rule">"Disclosure control: counts from 1 to 4, and anything derived from them, are suppressed. In a published site's data a second rule follows, so that subtraction cannot undo the first: wherever a total is published (the place's own figure, or a PCN's, for a measure and a period) and exactly one of the practices it covers has been suppressed, the smallest other practice's figure is suppressed too (within the PCN first), or the total is withheld when there is no other; this repeats until every published total has none or at least two suppressed parts. The data file records how many figures each rule suppressed."</li>
            <li>"Risk stratification: the Cambridge Multimorbidity Score (Payne et al., CMAJ 2020, general-outcome weights for 20 conditions) and the electronic Frailty Index (Clegg et al., Age and Ageing 2016; 36 deficits; fit 0–4, mild 5–8, moderate 9–12, severe 13 or more)."</li>
        </ul>

        <h2 id="map-method">"How the map is drawn"</h2>
        <p>
            "Practices are placed at their postcode centroid in Web Mercator projection, with the same scale across and up. Circle area is proportional to list size. No map tiles are loaded: the map works offline and makes no request to any other website."
        </p>

        <h2 id="privacy">"Privacy"</h2>
        <p>
            "Primary Care Atlas runs entirely in your web browser. Every calculation happens on this device; no data you load is sent anywhere. The page's security policy forbids connections to any site but this one, and there are no analytics or third-party requests."
        </p>
        <p id="identifiers">
            "Files that identify people are refused whole, and nothing of them is kept, shown or stored. Every value of every row of every file is screened: a column named like a person's name, a date of birth or an NHS number; any value that is an NHS number (ten digits passing the Modulus 11 check, written plain, with spaces or hyphens, or after a spreadsheet's apostrophe); and, in a patient-level file, any full date (which beside a person may be a date of birth) or a column in which 1 value in 20 is a full postcode. The refusal names the file, the column and the line, never the value."
        </p>

        <h2 id="accessibility">"Accessibility statement"</h2>
        <p>
            "We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA, as public sector bodies must. Every chart has a sentence saying what it shows, a table of the same data and a CSV download; colour is never the only way information is given; every control can be reached and used with a keyboard, with a visible focus; the pages work from 320 pixels wide and at 400% zoom."
        </p>
        <p>
            "Known limitations: on the map, circles for practices that share a postcode sit on top of each other, so their markers are smaller targets than 24 by 24 pixels. Every practice is listed, with full-size controls, in the table view below the map (WCAG 2.5.8, equivalent control)."
        </p>
        <p>"Automated checks (axe-core) run on every page in our end-to-end tests."</p>
    }
}

/// What the data on the pages is: the Leicester City default (the paper's frame, the
/// national publications' figures), a published site's bundle, or the user's files.
#[component]
fn DataIntro() -> impl IntoView {
    let state = use_atlas();
    move || {
        let ws = state.workspace.read();
        match &ws.source {
            DataSource::EmbeddedDefault | DataSource::Demonstration => view! {
                <h2 id="default-data">"The Leicester City default"</h2>
                <p>
                    "The structure — 10 primary care networks (PCNs), the 55 practices named in them and each PCN's list size — is taken exactly as published in "
                    <cite>"Primary Care Development Plans"</cite>
                    ", Leicester City Health and Wellbeing Board, April 2022. The paper also says there are 56 practices including branch surgeries and a registered population of 426,000; its PCN table lists 55 practices and its PCN list sizes add up to 416,470. Both figures are shown, and every calculation uses the PCN list sizes as published."
                </p>
                <p>
                    "Every figure in the default is published. Each practice's list size is its registered list in January 2021 (NHS Digital, Patients Registered at a GP Practice), the last month in which all 55 practices were published; the PCN list sizes are the paper's. The measures come from the national publications below, cut to Leicester City's practices and committed with the app, each cut with a note of its source. One command, "
                    <code>"tools/build-default.sh"</code>
                    ", rebuilds the default from those cuts through the same reading code as the Your data page."
                </p>
            }
            .into_any(),
            _ => match data_intro(&ws) {
                Some((heading, text)) => view! { <h2 id="default-data">{heading}</h2> <p>{text}</p> }.into_any(),
                None => ().into_any(),
            },
        }
    }
}

/// True while the pages show the Leicester City default (or its demonstration).
fn shows_default() -> Memo<bool> {
    let state = use_atlas();
    Memo::new(move |_| atlas_pages::methods::shows_default(&state.workspace.read()))
}

/// What the Leicester City default cannot show, and how its trajectories use the paper.
#[component]
fn DefaultNotes() -> impl IntoView {
    let default = shows_default();
    move || {
        default.get().then(|| {
            view! {
                <h3 id="not-published">"What has no public series"</h3>
                <ul>
                    <li>"The long-term-condition review backlog and community pharmacist consultation service participation: no practice-level publication exists. Their trajectories say so on their cards instead of drawing a chart."</li>
                    <li>"Long-term-condition prevalence against 2019/20: the default holds QOF prevalence for 2022/23 and 2024/25 only, so there is no 2019/20 baseline."</li>
                    <li>"Cancer screening, vaccination and SMI health checks (the equity measures): published by OHID Fingertips and NHS England, not yet in the default. Load them on the Your data page to see the equity pages."</li>
                </ul>
                <Demonstration/>
                <p>"The trajectories keep the paper's targets (data/leicester-city/targets.csv, with a note of which dates are the paper's). Each area starts from its own value in April 2022, the paper's month; where the published record has no figure for that month no glide path is drawn. A target whose date has passed is judged at that date, met or missed, with the latest published figure beside it. The paper names no number for improved prevalence or more GPs, so those two trajectories show the published series without a target."</p>
            }
        })
    }
}

/// The sources of the default's frame: the paper and the PCN codes.
#[component]
fn DefaultStructureSources() -> impl IntoView {
    let default = shows_default();
    move || {
        default.get().then(|| {
            view! {
                <li>"PCN ODS codes: NHS Digital, Quality and Outcomes Framework 2022-23 geography mapping. Open Government Licence v3.0."</li>
                <li>"PCN structure and list sizes: Leicester City Health and Wellbeing Board paper, April 2022."</li>
            }
        })
    }
}

/// Where the demonstration opens; the public build has none.
#[component]
fn Demonstration() -> impl IntoView {
    #[cfg(feature = "demo")]
    {
        view! {
            <p id="demonstration">
                "A demonstration with illustrative values, the synthetic city of this project's first default (the paper's structure, practice list sizes estimated from the PCN totals, every indicator value made by a fixed rule), opens at "
                <a href="/?demo=illustrative" rel="external">"/?demo=illustrative"</a>
                ". It is labelled illustrative on every page and is never the default."
            </p>
        }
    }
    #[cfg(not(feature = "demo"))]
    {
        view! { <p id="demonstration">"This public site has no demonstration data: every figure on it is published."</p> }
    }
}
