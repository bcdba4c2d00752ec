//! Pages readable before the code arrives: every public route written as static HTML
//! with its heading, charts (SVG), sentences, tables and sources, from the same page
//! functions the app draws from. A static host serves each from a folder of its own
//! (`/variation/index.html`); the app, once loaded, removes the static copy
//! (`#atlas-prerendered`) and draws the page itself in the same place.

use crate::figure::Figure;
use crate::query::Query;
use atlas_core::model::Workspace;
use atlas_core::table::Table;
use std::fmt::Write;

/// The pages in the navigation, in order: (path, label). The app adds the Risk page
/// before "Your data" in builds with patient-level code.
pub const NAVIGATION: &[(&str, &str)] = &[
    ("/", "Overview"),
    ("/map", "Map"),
    ("/pcns", "PCNs"),
    ("/practices", "Practices"),
    ("/scorecard", "Scorecard"),
    ("/variation", "Variation"),
    ("/compare", "Compare"),
    ("/trajectories", "Trajectories"),
    ("/equity", "Equity"),
    ("/inequalities", "Inequalities"),
    ("/population", "Population"),
    ("/priorities", "Priorities"),
    ("/workforce", "Workforce"),
    ("/data", "Your data"),
    ("/briefing", "Briefing"),
    ("/methods", "Methods"),
    ("/definitions", "Definitions"),
];

/// The footer's words on every page, and its link's (to the Methods page).
pub const FOOTER: &str =
    "Primary Care Atlas runs entirely in your browser: your data never leaves this device.";
pub const FOOTER_LINK: &str = "Methods, sources, licences and accessibility";

/// The id of the static copy the app removes when it starts.
pub const PRERENDERED_ID: &str = "atlas-prerendered";

/// A table's rows written at most: a static page is for reading, not for a country's
/// every practice (the app's table view and CSV have them all).
const MOST_ROWS: usize = 300;

/// A control of the page, drawn in the static copy as it will stand once the app has
/// loaded (disabled until then), so that the app takes the page over without moving it.
#[derive(Debug, Clone, PartialEq)]
pub enum StaticControl {
    /// A choice: its label and the option shown.
    Select(String, String),
    /// A checkbox: its label, its hint and whether it is ticked.
    Checkbox(String, String, bool),
    /// A choice with its label beside it (an area, a measure): label and option shown.
    Inline(String, String),
}

/// One page's static content.
#[derive(Debug, Clone, Default)]
pub struct StaticPage {
    /// The route ("/", "/variation").
    pub path: String,
    pub heading: String,
    /// The sentence under the heading, as the app writes it.
    pub lede: Option<String>,
    /// The page's controls, in one row under the lede.
    pub controls: Vec<StaticControl>,
    /// The controls stand alone, not in a row (a single choice with its label beside it).
    pub bare_controls: bool,
    /// Paragraphs under the lede.
    pub paragraphs: Vec<String>,
    pub figures: Vec<Figure>,
    /// Paragraphs after the figures.
    pub closing: Vec<String>,
    /// Tables that stand alone (the practices, the scorecard): caption, table, and
    /// where each row leads (its first cell a link; none when empty).
    pub tables: Vec<(String, Table, Vec<String>)>,
}

/// Places with more practices than this get no static page per practice and PCN (a
/// country's would be thousands of files); their profiles are drawn by the app.
pub const MOST_PROFILES: usize = 1_000;

/// Every public route's static page on `ws`: the pages of the navigation, then each
/// practice's and each PCN's profile (up to [`MOST_PROFILES`] practices).
pub fn static_pages(ws: &Workspace) -> Vec<StaticPage> {
    let mut pages: Vec<StaticPage> = NAVIGATION
        .iter()
        .map(|(path, label)| page_for(ws, path, label))
        .collect();
    if ws.practices.len() <= MOST_PROFILES {
        pages.extend(profile_pages(ws));
    }
    pages
}

/// Each practice's profile (its spine chart against the place) and each PCN's (its list
/// sizes and its scorecard).
fn profile_pages(ws: &Workspace) -> Vec<StaticPage> {
    let mut pages = Vec::new();
    for practice in &ws.practices {
        let against = atlas_core::comparator::Against::Place;
        let Some(p) = crate::practices::practice_profile_page(ws, &practice.code, against) else {
            continue;
        };
        pages.push(StaticPage {
            path: crate::areas::practice_link(&p.code),
            lede: Some(format!(
                "{} ({}): {}; {}.",
                p.name, p.code, p.pcn, p.list_size
            )),
            heading: p.name,
            figures: vec![p.spine],
            ..StaticPage::default()
        });
    }
    let card = atlas_core::scoring::scorecard(ws);
    for pcn in &ws.pcns {
        let Some(p) = crate::pcns::pcn_profile(ws, &card, &pcn.code) else {
            continue;
        };
        pages.push(StaticPage {
            path: crate::areas::pcn_link(&p.code),
            heading: p.name,
            lede: Some(p.facts),
            paragraphs: vec![p.score_sentence],
            figures: vec![p.list_sizes],
            tables: vec![(p.score_caption, p.score_table, Vec::new())],
            ..StaticPage::default()
        });
    }
    pages
}

fn page_for(ws: &Workspace, path: &str, label: &str) -> StaticPage {
    let mut page = StaticPage {
        path: path.to_string(),
        heading: label.to_string(),
        ..StaticPage::default()
    };
    let none = Query::default();
    page.lede = match path {
        "/" => Some(crate::overview::LEDE),
        "/map" => Some(crate::map::LEDE),
        "/pcns" => Some(crate::pcns::LEDE),
        "/practices" => Some(crate::practices::LEDE),
        "/variation" => Some(crate::variation::LEDE),
        "/compare" => Some(crate::compare::LEDE),
        "/equity" => Some(crate::equity::LEDE),
        "/inequalities" => Some(crate::inequalities::LEDE),
        "/population" => Some(crate::population::LEDE),
        "/priorities" => Some(crate::priorities::LEDE),
        "/workforce" => Some(crate::workforce::LEDE),
        "/data" => Some(crate::data::LEDE),
        "/briefing" => Some(crate::briefing::LEDE),
        "/definitions" => Some(crate::definitions::LEDE),
        "/trajectories" => Some(atlas_core::trajectory::page_intro(ws)),
        _ => None,
    }
    .map(str::to_string);
    match path {
        "/" => {
            let p = crate::overview::overview_page(ws);
            page.heading = p.heading;
            page.figures.push(p.pcn_sizes);
            page.paragraphs.push(p.practices_note);
            page.tables
                .push(("Practices".to_string(), p.practices, Vec::new()));
        }
        "/map" => {
            let p = crate::map::map_page(ws, &crate::map::MapQuery::from_query(&none));
            page.heading = crate::map::HEADING.to_string();
            page.figures.push(p.map);
            page.paragraphs.push(p.attribution);
        }
        "/pcns" => {
            let (heading, rows) = crate::pcns::pcn_list(ws);
            page.heading = heading;
            let mut table = Table::new(&["PCN", "Code", "Practices", "Registered patients"]);
            let mut links = Vec::new();
            for row in rows {
                let mut cells = vec![
                    atlas_core::table::Cell::text(row.name),
                    atlas_core::table::Cell::text(row.code),
                ];
                cells.extend(row.cells.into_iter().map(atlas_core::table::Cell::text));
                cells.resize(table.columns.len(), atlas_core::table::Cell::text(""));
                table.rows.push(cells);
                links.push(row.link);
            }
            page.tables
                .push(("Primary care networks".to_string(), table, links));
        }
        "/practices" => {
            page.heading = crate::practices::HEADING.to_string();
            let (table, links) = crate::practices::practice_list(ws);
            page.tables.push(("Practices".to_string(), table, links));
        }
        "/scorecard" => {
            let card = atlas_core::scoring::scorecard(ws);
            let layout = crate::scorecard::scorecard_layout(
                ws,
                &card,
                atlas_core::scoring::AreaLevel::Practice,
            );
            page.heading = crate::scorecard::HEADING.to_string();
            page.lede = Some(layout.lede);
            page.tables
                .push((layout.caption, layout.download, Vec::new()));
        }
        "/variation" => {
            let p = crate::variation::variation_page(
                ws,
                &crate::variation::VariationQuery::from_query(&none),
            );
            page.heading = crate::variation::HEADING.to_string();
            page.controls = vec![
                StaticControl::Select(
                    "Measure".into(),
                    p.indicator.as_ref().map_or(String::new(), |i| i.name.clone()),
                ),
                StaticControl::Select(
                    "Period".into(),
                    p.period.map_or(String::new(), |period| period.label()),
                ),
                StaticControl::Checkbox(
                    "Widen the funnel limits for overdispersion".into(),
                    "On by itself when practices vary more than chance alone would make them (Spiegelhalter's test).".into(),
                    p.funnel.adjusted,
                ),
            ];
            page.figures.push(p.funnel.figure);
            page.figures.push(p.caterpillar);
        }
        "/compare" => {
            let p = crate::compare::compare_page(ws, &crate::compare::CompareQuery::default());
            let name = |id: &Option<String>| {
                p.measures
                    .iter()
                    .find(|(m, _)| Some(m) == id.as_ref())
                    .map_or(String::new(), |(_, n)| n.clone())
            };
            page.controls = vec![
                StaticControl::Select("Measure across (horizontal axis)".into(), name(&p.x)),
                StaticControl::Select("Measure up (vertical axis)".into(), name(&p.y)),
            ];
            if !p.points.is_empty() {
                page.controls
                    .push(StaticControl::Select("Points".into(), "Practices".into()));
            }
            page.heading = p.heading;
            page.figures.push(p.figure);
        }
        "/trajectories" => {
            page.heading = crate::trajectories::HEADING.to_string();
            let p = crate::trajectories::trajectories_page(
                ws,
                &crate::trajectories::TrajectoriesQuery::default(),
            );
            page.figures.extend(p.card_figures);
            page.figures.extend(p.access);
        }
        "/equity" => {
            let p = crate::equity::equity_page(ws, &none);
            page.heading = crate::equity::HEADING.to_string();
            match p.shown {
                Some(m) => {
                    page.paragraphs.push(m.sentence);
                    page.paragraphs.push(m.by_deprivation);
                    page.tables.push((m.caption, m.table, Vec::new()));
                    page.figures.push(m.spread);
                }
                None => page.paragraphs.push("This workspace has none of the equity measures (cancer screening, vaccination, SMI health checks).".to_string()),
            }
        }
        "/inequalities" => {
            let p = crate::inequalities::inequalities_page(
                ws,
                &crate::inequalities::InequalitiesQuery::from_query(&none),
            );
            if let Some((_, name)) = p
                .measures
                .iter()
                .find(|(m, _)| Some(m) == p.measure.as_ref())
            {
                page.controls = vec![StaticControl::Inline("Measure".into(), name.clone())];
                page.bare_controls = true;
            }
            page.heading = p.heading;
            page.figures.push(p.figure);
            page.closing.extend(p.indices);
        }
        "/population" => {
            let p = crate::population::population_page(
                ws,
                &crate::population::PopulationQuery::default(),
            );
            page.controls = vec![StaticControl::Inline("Area".into(), ws.place.clone())];
            page.heading = p.heading;
            page.paragraphs.extend(p.headline);
            // As the app orders them: the chart the data give first.
            if p.pyramid.problem.is_some() {
                page.figures.extend([p.trend, p.pyramid]);
            } else {
                page.figures.extend([p.pyramid, p.trend]);
            }
        }
        "/priorities" => page.heading = crate::priorities::HEADING.to_string(),
        "/workforce" => {
            let p = crate::workforce::workforce_page(
                ws,
                &crate::workforce::WorkforceQuery::from_query(&none),
            );
            page.heading = p.heading;
            page.figures.push(p.by_pcn);
            page.figures.push(p.roles);
        }
        "/methods" => page.heading = crate::methods::HEADING.to_string(),
        "/definitions" => {
            let p = crate::definitions::definitions_page(ws);
            page.heading = p.heading;
            let mut table = Table::new(&["Measure", "Domain", "Unit", "Direction"]);
            let links: Vec<String> = p.rows.iter().map(|r| r.link.clone()).collect();
            for row in p.rows {
                table.rows.push(
                    [row.name, row.domain, row.unit, row.polarity]
                        .into_iter()
                        .map(atlas_core::table::Cell::text)
                        .collect(),
                );
            }
            page.tables
                .push(("Every measure in these data".to_string(), table, links));
        }
        _ => {}
    }
    // A chart drawn last keeps the page's order; figures that cannot be drawn say why.
    page
}

/// `text` with `& < > "` escaped for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

fn table_html(out: &mut String, caption: &str, table: &Table, links: &[String]) {
    let _ = write!(
        out,
        "<div class=\"nhsuk-table-container atlas-table-container\" role=\"region\" tabindex=\"0\" aria-label=\"{}\"><table class=\"nhsuk-table atlas-table\"><caption class=\"nhsuk-table__caption\">{}</caption><thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">",
        escape(caption),
        escape(caption)
    );
    for column in &table.columns {
        let _ = write!(
            out,
            "<th scope=\"col\" class=\"nhsuk-table__header\">{}</th>",
            escape(column)
        );
    }
    out.push_str("</tr></thead><tbody class=\"nhsuk-table__body\">");
    for (i, row) in table.rows.iter().take(MOST_ROWS).enumerate() {
        out.push_str("<tr class=\"nhsuk-table__row\">");
        for (j, cell) in row.iter().enumerate() {
            match links.get(i).filter(|l| j == 0 && !l.is_empty()) {
                Some(link) => {
                    let _ = write!(
                        out,
                        "<td class=\"nhsuk-table__cell\"><a href=\"{}\">{}</a></td>",
                        escape(link),
                        escape(&cell.text)
                    );
                }
                None => {
                    let _ = write!(
                        out,
                        "<td class=\"nhsuk-table__cell\">{}</td>",
                        escape(&cell.text)
                    );
                }
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    if table.rows.len() > MOST_ROWS {
        let _ = write!(
            out,
            "<p class=\"nhsuk-body-s\">The first {MOST_ROWS} of {} rows; the page shows them all once it has loaded.</p>",
            table.rows.len()
        );
    }
}

fn figure_html(out: &mut String, figure: &Figure) {
    out.push_str("<figure class=\"atlas-figure\">");
    let _ = write!(
        out,
        "<h2 class=\"atlas-figure__title\">{}</h2>",
        escape(&figure.title)
    );
    if let Some(problem) = &figure.problem {
        let _ = write!(
            out,
            "<div class=\"nhsuk-inset-text\"><p>{}</p></div></figure>",
            escape(problem)
        );
        return;
    }
    let _ = write!(
        out,
        "<p class=\"atlas-figure__summary\">{}</p><div class=\"atlas-figure__chart\"><div class=\"atlas-chart\">{}</div></div>",
        escape(&figure.summary),
        figure.svg
    );
    if !figure.notes.is_empty() {
        out.push_str("<ul class=\"atlas-chart-notes\">");
        for note in &figure.notes {
            let _ = write!(out, "<li>{}</li>", escape(note));
        }
        out.push_str("</ul>");
    }
    if let Some(source) = &figure.source {
        let _ = write!(
            out,
            "<p class=\"nhsuk-body-s atlas-figure__source\">{}</p>",
            escape(&source.text)
        );
    }
    out.push_str("<details class=\"nhsuk-details atlas-figure__table\"><summary class=\"nhsuk-details__summary\"><span class=\"nhsuk-details__summary-text\">Show the data as a table</span></summary><div class=\"nhsuk-details__text\">");
    table_html(out, &figure.title, &figure.table.table(), &figure.row_links);
    out.push_str("</div></details></figure>");
}

/// The controls as the app draws them, disabled: they work once the app has loaded.
fn controls_html(out: &mut String, controls: &[StaticControl], row: bool) {
    if controls.is_empty() {
        return;
    }
    if row {
        out.push_str("<div class=\"atlas-controls\">");
    }
    for (i, control) in controls.iter().enumerate() {
        let id = format!("static-control-{i}");
        match control {
            StaticControl::Select(label, value) => {
                let _ = write!(
                    out,
                    "<div class=\"nhsuk-form-group\"><label class=\"nhsuk-label\" for=\"{id}\">{}</label><select class=\"nhsuk-select\" id=\"{id}\" disabled><option>{}</option></select></div>",
                    escape(label),
                    escape(value)
                );
            }
            StaticControl::Inline(label, value) => {
                let _ = write!(
                    out,
                    "<div class=\"nhsuk-form-group atlas-controls\"><label class=\"nhsuk-label\" for=\"{id}\">{}</label><select class=\"nhsuk-select\" id=\"{id}\" disabled><option>{}</option></select></div>",
                    escape(label),
                    escape(value)
                );
            }
            StaticControl::Checkbox(label, hint, checked) => {
                let _ = write!(
                    out,
                    "<div class=\"nhsuk-form-group\"><div class=\"nhsuk-checkboxes nhsuk-checkboxes--small\"><div class=\"nhsuk-checkboxes__item\"><input class=\"nhsuk-checkboxes__input\" id=\"{id}\" type=\"checkbox\" disabled{} aria-describedby=\"{id}-hint\"><label class=\"nhsuk-label nhsuk-checkboxes__label\" for=\"{id}\">{}</label><div class=\"nhsuk-hint nhsuk-checkboxes__hint\" id=\"{id}-hint\">{}</div></div></div></div>",
                    if *checked { " checked" } else { "" },
                    escape(label),
                    escape(hint)
                );
            }
        }
    }
    if row {
        out.push_str("</div>");
    }
}

/// The page's static copy: the header and navigation, the source banner, the page's
/// content and the footer, as the app lays them out.
pub fn page_html(ws: &Workspace, page: &StaticPage) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<div id=\"{PRERENDERED_ID}\"><a class=\"nhsuk-skip-link\" href=\"#maincontent\">Skip to main content</a><header class=\"nhsuk-header atlas-header\" role=\"banner\"><div class=\"nhsuk-header__container nhsuk-width-container\"><div class=\"nhsuk-header__service\"><a href=\"/\" class=\"nhsuk-header__service-logo atlas-header__home\"><span class=\"nhsuk-header__service-name\">Primary Care Atlas</span></a></div></div><nav class=\"nhsuk-header__navigation atlas-navigation\" aria-label=\"Pages\"><div class=\"nhsuk-header__navigation-container nhsuk-width-container\"><ul class=\"nhsuk-header__navigation-list atlas-navigation__list\">"
    );
    for (path, label) in NAVIGATION {
        let current = if *path == page.path {
            " aria-current=\"page\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<li class=\"nhsuk-header__navigation-item\"><a href=\"{path}\" class=\"nhsuk-header__navigation-link\"{current}>{label}</a></li>"
        );
    }
    let tag = (
        if ws.illustrative {
            "nhsuk-tag--yellow"
        } else {
            "nhsuk-tag--green"
        },
        atlas_core::provenance::source_tag(ws),
    );
    let _ = write!(
        out,
        "</ul></div></nav></header><div class=\"nhsuk-width-container\"><div class=\"atlas-source\" role=\"note\"><strong class=\"nhsuk-tag {}\">{}</strong> <span>{}</span></div><main class=\"nhsuk-main-wrapper\" id=\"maincontent\" tabindex=\"-1\"><h1>{}</h1>",
        tag.0,
        tag.1,
        escape(&atlas_core::provenance::statement(ws)),
        escape(&page.heading)
    );
    if let Some(lede) = &page.lede {
        let _ = write!(out, "<p class=\"nhsuk-lede-text\">{}</p>", escape(lede));
    }
    controls_html(&mut out, &page.controls, !page.bare_controls);
    for p in &page.paragraphs {
        let _ = write!(out, "<p>{}</p>", escape(p));
    }
    for figure in &page.figures {
        figure_html(&mut out, figure);
    }
    for p in &page.closing {
        let _ = write!(out, "<p>{}</p>", escape(p));
    }
    for (caption, table, links) in &page.tables {
        table_html(&mut out, caption, table, links);
    }
    let _ = write!(
        out,
        "</main></div><footer class=\"nhsuk-footer atlas-footer\" role=\"contentinfo\"><div class=\"nhsuk-width-container\"><p class=\"nhsuk-body-s\">{FOOTER} <a href=\"/methods\">{FOOTER_LINK}</a></p></div></footer></div>"
    );
    out.push_str(END_MARK);
    out
}

/// Written after the static copy, so that a site pre-rendered again replaces it.
const END_MARK: &str = "<!--/atlas-prerendered-->";

/// The built app's `index.html` with `page`'s static copy at the top of its body and
/// the page's heading in its title; `Err` when the shell has no `<body>`.
pub fn with_page(shell: &str, ws: &Workspace, page: &StaticPage) -> Result<String, String> {
    // A shell pre-rendered before: without its old copy.
    let shell = match (
        shell.find(&format!("<div id=\"{PRERENDERED_ID}\">")),
        shell.find(END_MARK),
    ) {
        (Some(start), Some(end)) if start < end => {
            format!("{}{}", &shell[..start], &shell[end + END_MARK.len()..])
        }
        _ => shell.to_string(),
    };
    let shell = shell.as_str();
    let title_start = shell.find("<title>");
    let title_end = shell.find("</title>");
    let shell = match (title_start, title_end) {
        (Some(a), Some(b)) if a < b => format!(
            "{}<title>Primary Care Atlas</title>{}",
            &shell[..a],
            &shell[b + "</title>".len()..]
        ),
        _ => shell.to_string(),
    };
    let shell = shell.as_str();
    let body = shell
        .find("<body>")
        .ok_or("the built index.html has no <body>")?
        + "<body>".len();
    let mut html = String::with_capacity(shell.len() + 200_000);
    html.push_str(&shell[..body]);
    html.push_str(&page_html(ws, page));
    html.push_str(&shell[body..]);
    let title = format!(
        "<title>{} – Primary Care Atlas</title>",
        escape(&page.heading)
    );
    Ok(html.replacen("<title>Primary Care Atlas</title>", &title, 1))
}

/// Where a route's page is written in the site: `index.html` for `/`, else
/// `route/index.html`.
pub fn file_for(path: &str) -> String {
    match path.trim_matches('/') {
        "" => "index.html".to_string(),
        route => format!("{route}/index.html"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str = "<!DOCTYPE html><html><head><title>Primary Care Atlas</title></head><body><noscript>x</noscript></body></html>";

    #[test]
    fn every_route_has_a_file_and_pre_rendering_twice_replaces_the_copy() {
        let ws = atlas_core::default_data::leicester_city();
        let pages = static_pages(&ws);
        // The navigation's pages, then a profile for every practice and PCN.
        assert_eq!(
            pages.len(),
            NAVIGATION.len() + ws.practices.len() + ws.pcns.len()
        );
        let practice = &ws.practices[0];
        let profile = pages
            .iter()
            .find(|p| p.path == format!("/practices/{}", practice.code))
            .unwrap();
        assert_eq!(
            profile.heading,
            atlas_core::words::display_name(&practice.name)
        );
        assert!(profile.figures[0].svg.starts_with("<svg"));
        assert_eq!(
            file_for(&profile.path),
            format!("practices/{}/index.html", practice.code)
        );
        assert_eq!(file_for("/"), "index.html");
        assert_eq!(file_for("/variation"), "variation/index.html");
        let overview = &pages[0];
        let once = with_page(SHELL, &ws, overview).unwrap();
        let twice = with_page(&once, &ws, overview).unwrap();
        assert_eq!(once, twice);
        assert_eq!(once.matches(&format!("id=\"{PRERENDERED_ID}\"")).count(), 1);
        assert!(once.contains(&format!(
            "<title>{} – Primary Care Atlas</title>",
            escape(&overview.heading)
        )));
        assert!(once.ends_with("<noscript>x</noscript></body></html>"));
        assert_eq!(escape("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
    }
}
