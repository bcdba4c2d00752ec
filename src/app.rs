//! The shell: header, navigation, one route per page, footer.

use crate::components::place_select::PlaceSelect;
use crate::components::source_banner::SourceBanner;
use crate::loader::RunningLoad;
use crate::pages::{
    briefing::BriefingPage,
    compare::ComparePage,
    data::DataPage,
    definitions::{DefinitionPage, DefinitionsPage},
    map::MapPage,
    methods::MethodsPage,
    not_found::NotFound,
    overview::OverviewPage,
    practices::{PracticeProfilePage, PracticesPage},
    trajectories::TrajectoriesPage,
    variation::VariationPage,
};
use crate::pages::{
    equity::EquityPage,
    inequalities::InequalitiesPage,
    pcns::{PcnProfilePage, PcnsPage},
    population::PopulationPage,
    priorities::PrioritiesPage,
    scorecard::ScorecardPage,
    workforce::WorkforcePage,
};
use crate::state::AtlasState;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

/// Pages in the navigation, in order: (path, label): the public pages (as the
/// pre-rendered copies list them), with the Risk page before "Your data" in builds with
/// patient-level code.
fn navigation() -> Vec<(&'static str, &'static str)> {
    let mut pages = atlas_pages::prerender::NAVIGATION.to_vec();
    if cfg!(feature = "risk") {
        let at = pages
            .iter()
            .position(|(p, _)| *p == "/data")
            .unwrap_or(pages.len());
        pages.insert(at, ("/risk", "Risk"));
    }
    pages
}

#[component]
pub fn App() -> impl IntoView {
    let state = AtlasState::on_default();
    let running = RunningLoad::new();
    provide_context(state);
    provide_context(running);
    if !synthetic_england(state) && !demonstration(state) {
        crate::loader::restore(state, running, false);
        crate::published::load(state);
    }
    view! {
        <Router>
            <a class="nhsuk-skip-link" href="#maincontent">"Skip to main content"</a>
            <Header/>
            <div class="nhsuk-width-container">
                <SourceBanner/>
                <PlaceSelect/>
                // Any download the browser refuses is said here, whichever button asked.
                <p class="nhsuk-error-message atlas-download-notice" id=crate::download::DOWNLOAD_NOTICE aria-live="assertive" aria-atomic="true"></p>
                <main class="nhsuk-main-wrapper" id="maincontent" tabindex="-1">
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=OverviewPage/>
                        <Route path=path!("/map") view=MapPage/>
                        <Route path=path!("/pcns") view=PcnsPage/>
                        <Route path=path!("/pcns/:code") view=PcnProfilePage/>
                        <Route path=path!("/scorecard") view=ScorecardPage/>
                        <Route path=path!("/equity") view=EquityPage/>
                        <Route path=path!("/inequalities") view=InequalitiesPage/>
                        <Route path=path!("/population") view=PopulationPage/>
                        <Route path=path!("/priorities") view=PrioritiesPage/>
                        <Route path=path!("/practices") view=PracticesPage/>
                        <Route path=path!("/practices/:code") view=PracticeProfilePage/>
                        <Route path=path!("/variation") view=VariationPage/>
                        <Route path=path!("/compare") view=ComparePage/>
                        <Route path=path!("/trajectories") view=TrajectoriesPage/>
                        <Route path=path!("/workforce") view=WorkforcePage/>
                        <Route path=path!("/data") view=DataPage/>
                        <RiskRoute/>
                        <Route path=path!("/briefing") view=BriefingPage/>
                        <Route path=path!("/methods") view=MethodsPage/>
                        <Route path=path!("/definitions") view=DefinitionsPage/>
                        <Route path=path!("/definitions/:measure") view=DefinitionPage/>
                    </Routes>
                </main>
            </div>
            <Footer/>
        </Router>
    }
}

#[component]
fn Header() -> impl IntoView {
    // On a phone the page list folds behind a Menu button, as the NHS.UK header's does;
    // choosing a page folds it again.
    let open = RwSignal::new(false);
    let location = leptos_router::hooks::use_location();
    Effect::new(move |_| {
        location.pathname.track();
        open.set(false);
    });
    view! {
        <header class="nhsuk-header atlas-header" role="banner">
            <div class="nhsuk-header__container nhsuk-width-container">
                <div class="nhsuk-header__service">
                    <A href="/" attr:class="nhsuk-header__service-logo atlas-header__home">
                        <span class="nhsuk-header__service-name">"Primary Care Atlas"</span>
                    </A>
                </div>
            </div>
            <nav class="nhsuk-header__navigation atlas-navigation" aria-label="Pages">
                <div class="nhsuk-header__navigation-container nhsuk-width-container">
                    <button type="button" class="atlas-menu-toggle" aria-controls="atlas-page-list"
                        aria-expanded=move || if open.get() { "true" } else { "false" }
                        on:click=move |_| open.update(|o| *o = !*o)>
                        "Menu"
                    </button>
                    <ul class="nhsuk-header__navigation-list atlas-navigation__list" id="atlas-page-list"
                        class:atlas-navigation__list--open=move || open.get()
                        on:click=move |_| open.set(false)>
                        {navigation()
                            .into_iter()
                            .map(|(href, label)| {
                                view! {
                                    <li class="nhsuk-header__navigation-item">
                                        <A href=href attr:class="nhsuk-header__navigation-link">
                                            {label}
                                        </A>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            </nav>
        </header>
    }
}

#[component]
fn Footer() -> impl IntoView {
    view! {
        <footer class="nhsuk-footer atlas-footer" role="contentinfo">
            <div class="nhsuk-width-container">
                <p class="nhsuk-body-s">
                    {atlas_pages::prerender::FOOTER}" "
                    <A href="/methods">{atlas_pages::prerender::FOOTER_LINK}</A>
                </p>
            </div>
        </footer>
    }
}

/// In benchmark builds, `?synthetic=england` in the address puts a synthetic
/// England-sized workspace in place of the default; true when it did.
fn synthetic_england(state: AtlasState) -> bool {
    #[cfg(feature = "synthetic-england")]
    {
        let asked = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .is_some_and(|search| search.contains("synthetic=england"));
        if asked {
            state
                .whole
                .set(std::sync::Arc::new(atlas_core::england_sized::england()));
            return true;
        }
    }
    let _ = state;
    false
}

/// `?demo=illustrative` in the address opens the synthetic city of the first default
/// (the paper's structure with illustrative values), labelled so on every page, in place
/// of the published record; true when it did. Neither stored data nor a published bundle
/// replaces a demonstration asked for.
/// The public build has no demonstration: there the address is ignored.
fn demonstration(state: AtlasState) -> bool {
    #[cfg(feature = "demo")]
    {
        let asked = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .is_some_and(|search| search.contains("demo=illustrative"));
        if asked {
            state.whole.set(std::sync::Arc::new(
                atlas_core::default_data::illustrative_city(),
            ));
        }
        asked
    }
    #[cfg(not(feature = "demo"))]
    {
        let _ = state;
        false
    }
}

/// The Risk page's route, present only in builds with patient-level code.
#[cfg(feature = "risk")]
#[component(transparent)]
fn RiskRoute() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! { <Route path=path!("/risk") view=crate::pages::risk::RiskPage/> }.into_inner()
}

#[cfg(not(feature = "risk"))]
#[component(transparent)]
fn RiskRoute() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! { <Route path=path!("/risk") view=NotFound/> }.into_inner()
}
