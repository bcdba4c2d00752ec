//! Methods and sources: where every figure comes from, its licence, how estimates are
//! made, what is illustrative, privacy, and the accessibility statement.

use atlas_core::default_data::COORDINATES_ATTRIBUTION;
use leptos::prelude::*;

#[component]
pub fn MethodsPage() -> impl IntoView {
    view! {
        <h1>"Methods and sources"</h1>

        <h2 id="default-data">"The Leicester City default"</h2>
        <p>
            "The structure — 10 primary care networks (PCNs), the 55 practices named in them and each PCN's list size — is taken exactly as published in "
            <cite>"Primary Care Development Plans"</cite>
            ", Leicester City Health and Wellbeing Board, April 2022. The paper also says there are 56 practices including branch surgeries and a registered population of 426,000; its PCN table lists 55 practices and its PCN list sizes add up to 416,470. Both figures are shown, and every calculation uses the PCN list sizes as published."
        </p>
        <p>
            "The paper gives no practice list sizes. Each practice's list size is an "
            <strong>"estimate"</strong>
            ": its PCN's published total shared between the PCN's practices in proportion to their registered lists in January 2021 (NHS Digital, Patients Registered at a GP Practice), rounded by the largest-remainder method so that each PCN adds up exactly to its published total."
        </p>
        <div class="nhsuk-warning-callout">
            <h3 class="nhsuk-warning-callout__label">
                <span role="text"><span class="nhsuk-u-visually-hidden">"Important: "</span>"Illustrative values"</span>
            </h3>
            <p>
                "Every indicator value in the default (appointments, GP workforce, long-term-condition registers and review backlog, pharmacy service participation, cancer screening, vaccination and SMI health checks) is synthetic: made by a fixed, documented rule so that the pages can be explored, with realistic magnitudes and seasonal shape. They are not the performance of any real practice. Upload your own files to see real figures."
            </p>
        </div>

        <h2 id="sources">"Data sources and licences"</h2>
        <ul>
            <li>"Practice ODS codes and January 2021 registered lists: NHS Digital, Patients Registered at a GP Practice. Open Government Licence v3.0."</li>
            <li>"PCN ODS codes: NHS Digital, Quality and Outcomes Framework 2022-23 geography mapping. Open Government Licence v3.0."</li>
            <li>"Postcode coordinates: Ordnance Survey Code-Point Open (2018). " {COORDINATES_ATTRIBUTION} "."</li>
            <li>"PCN structure and list sizes: Leicester City Health and Wellbeing Board paper, April 2022."</li>
        </ul>

        <h2 id="statistics">"Statistical methods"</h2>
        <p>"Every calculation runs in your browser, with the methods the public reference implementations use, so the answers match Fingertips, Public Health England's methods and NHS England's Making Data Count."</p>
        <ul>
            <li>"Confidence intervals: Wilson score for proportions; Byar's method for rates and counts of 10 or more events, exact Poisson below; Student's t for means; Dobson's method for directly standardised rates (2013 European Standard Population). Levels 95% and 99.8% (PHEindicatormethods, as Fingertips uses them)."</li>
            <li>"Benchmarking: when the comparator lies inside an area's interval the area is similar; otherwise better or worse by the measure's polarity, or higher or lower where there is no judgement. An area is never compared with itself."</li>
            <li>"Funnel plots (Spiegelhalter 2005): control limits at 95% and 99.8% around the comparator by denominator; proportions by the normal approximation Public Health England uses, ratios by exact Poisson; an optional overdispersion adjustment."</li>
            <li>"Statistical process control (Making Data Count): XmR charts with limits at the mean ± 2.66 × the mean moving range; special causes are a point beyond a limit, a run of 7 on one side of the mean, a trend of 7, or two of three points beyond two sigma on one side. Fewer than 15 points give a run chart."</li>
            <li>"Trajectories: a straight glide path from baseline to target; a forecast from a linear trend on recent months (with month-of-year seasonality for activity) and a prediction interval; the status rule is written on each card."</li>
            <li>"Scorecard: each measure benchmarked as above; the composite is the average of its components' scores, written out on the page with every component visible."</li>
            <li>"Disclosure control: counts from 1 to 4, and anything derived from them, are suppressed."</li>
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
