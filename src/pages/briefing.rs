//! Briefing: the figures a councillors' all-member briefing walks through, as slides
//! with large charts and a sentence under each, in the order of the 2022 paper. All of
//! them on one page to read or print (one slide a sheet); `?slide=N` presents one at a
//! time for a projector, with Previous and Next, and the arrow keys.

use crate::components::chart_figure::PageFigure;
use crate::components::shared_priorities::SharedPriorities;
use crate::components::trajectory_card::TrajectoryCardView;
use crate::query::page_query;
use crate::state::use_atlas;
use atlas_core::briefing::{StatusCounts, EQUITY_CHOICE_RULE, VARIATION_CHOICE_RULE};
use atlas_core::disclosure::SUPPRESSION_RULE;
use atlas_core::trajectory::STATUS_RULE;
use atlas_pages::briefing::{briefing_page, BriefingQuery, SLIDES};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

#[component]
pub fn BriefingPage() -> impl IntoView {
    let state = use_atlas();
    let query = use_query_map();
    let drawn = Memo::new(move |_| briefing_page(&state.workspace.read()));
    // The slide presented (1-based), when presenting.
    let presenting =
        Memo::new(move |_| BriefingQuery::from_query(&page_query(&query.read())).slide);
    let navigate = use_navigate();
    let go = Callback::new(move |slide: Option<usize>| {
        navigate(&BriefingQuery { slide }.link(), NavigateOptions::default());
    });
    present_with_keys(presenting, go);

    // Presenting hides the site's header and footer (the slide says where it is from).
    Effect::new(move |_| set_presenting_class(presenting.get().is_some()));
    on_cleanup(|| set_presenting_class(false));

    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    let hidden = move |n: usize| Signal::derive(move || presenting.get().is_some_and(|p| p != n));

    view! {
        <div class="atlas-briefing" class:atlas-briefing--presenting=move || presenting.get().is_some()>
            // Presenting, the heading stays for screen readers and leaves the screen to the slide.
            <h1 class:nhsuk-u-visually-hidden=move || presenting.get().is_some()>
                {move || drawn.read().heading.clone()}
            </h1>
            <div class="atlas-briefing__intro">
                <p class="nhsuk-lede-text">{atlas_pages::briefing::LEDE}</p>
                <div class="atlas-briefing__actions">
                    <button type="button" class="nhsuk-button" id="briefing-present" on:click=move |_| go.run(Some(1))>
                        "Present as slides"
                    </button>
                    <button type="button" class="nhsuk-button nhsuk-button--secondary" id="briefing-print" on:click=print>
                        "Print or save as PDF"
                    </button>
                </div>
                <nav class="nhsuk-contents-list" aria-labelledby="briefing-contents">
                    <h2 class="nhsuk-heading-s" id="briefing-contents">"Present from a slide"</h2>
                    <ol class="nhsuk-contents-list__list">
                        {SLIDES.iter().enumerate().map(|(i, (_, heading))| view! {
                            <li class="nhsuk-contents-list__item">
                                <a class="nhsuk-contents-list__link" href=BriefingQuery { slide: Some(i + 1) }.link()>{*heading}</a>
                            </li>
                        }).collect_view()}
                    </ol>
                </nav>
            </div>
            <PresenterBar presenting=presenting go=go/>
            {move || {
                let d = drawn.get();
                let b = d.briefing.clone();
                // Each slide's contents are moved into it: taken out here, once.
                let (illustrative, place) = (b.illustrative, b.place.clone());
                let source_statement = b.source_statement.clone();
                let messages = b.key_messages();
                let structure_sentence = b.structure_sentence();
                let reconciliation = b.headline.reconciliation();
                let counts = StatusCounts::of(&b.trajectories).sentence();
                let cards = b.trajectories.clone();
                let priorities_sentence = b.priorities_sentence();
                let priorities = b.priorities.clone();
                let [by_practice, face_to_face, against_2019] = d.access.clone();
                view! {
                    <Slide n=1 hidden=hidden(1) illustrative=illustrative place=place.clone()>
                        <ul class="atlas-briefing__messages" id="briefing-messages">
                            {messages.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                        </ul>
                    </Slide>
                    <Slide n=2 hidden=hidden(2) illustrative=illustrative place=place.clone()>
                        <p class="atlas-slide__message">{structure_sentence}</p>
                        <PageFigure figure=d.structure.clone() slide=true/>
                        {reconciliation.map(|text| view! {
                            <div class="nhsuk-inset-text"><p>{text}</p></div>
                        })}
                    </Slide>
                    <Slide n=3 hidden=hidden(3) illustrative=illustrative place=place.clone()>
                        <PageFigure figure=d.map.clone() slide=true/>
                    </Slide>
                    <Slide n=4 hidden=hidden(4) illustrative=illustrative place=place.clone()>
                        <PageFigure figure=by_practice slide=true/>
                    </Slide>
                    <Slide n=5 hidden=hidden(5) illustrative=illustrative place=place.clone()>
                        <PageFigure figure=face_to_face slide=true/>
                    </Slide>
                    <Slide n=6 hidden=hidden(6) illustrative=illustrative place=place.clone()>
                        <PageFigure figure=against_2019 slide=true/>
                    </Slide>
                    <Slide n=7 hidden=hidden(7) illustrative=illustrative place=place.clone()>
                        <p class="atlas-slide__message" id="briefing-trajectory-counts">{counts}</p>
                        <ul class="atlas-cards atlas-cards--compact">
                            {cards.into_iter().map(|card| view! {
                                <li><TrajectoryCardView card=card illustrative=illustrative/></li>
                            }).collect_view()}
                        </ul>
                        <p class="atlas-card__rule"><strong>"How the status is set: "</strong>{STATUS_RULE}</p>
                    </Slide>
                    <Slide n=8 hidden=hidden(8) illustrative=illustrative place=place.clone()>
                        {d.variation_message.clone().map(|(sentence, _)| view! {
                            <p class="atlas-slide__message" id="briefing-variation-message">{sentence}</p>
                        })}
                        <PageFigure figure=d.variation.clone() slide=true/>
                        {d.variation_message.clone().map(|(_, link)| view! {
                            <p><a href=link>"Explore this measure on the Variation page"</a></p>
                        })}
                    </Slide>
                    <Slide n=9 hidden=hidden(9) illustrative=illustrative place=place.clone()>
                        <PageFigure figure=d.equity.clone() slide=true/>
                    </Slide>
                    <Slide n=10 hidden=hidden(10) illustrative=illustrative place=place.clone()>
                        <p class="atlas-slide__message" id="briefing-priorities-message">{priorities_sentence}</p>
                        <SharedPriorities found=Signal::stored(priorities)/>
                    </Slide>
                    <Slide n=11 hidden=hidden(11) illustrative=illustrative place=place>
                        <ul class="nhsuk-list nhsuk-list--bullet">
                            <li>{source_statement}</li>
                            <li>{VARIATION_CHOICE_RULE}</li>
                            <li>{EQUITY_CHOICE_RULE}</li>
                            <li>{SUPPRESSION_RULE}</li>
                        </ul>
                        <p><a href="/methods">"Methods, sources and licences"</a></p>
                    </Slide>
                }
            }}
        </div>
    }
}

/// One slide: its number, heading and contents, and a footer saying where it is from.
#[component]
fn Slide(
    /// 1-based.
    n: usize,
    hidden: Signal<bool>,
    illustrative: bool,
    place: String,
    children: Children,
) -> impl IntoView {
    let (id, heading) = SLIDES[n - 1];
    view! {
        <section class="atlas-slide" id=id aria-labelledby=format!("{id}-heading") hidden=move || hidden.get()>
            <p class="atlas-slide__number">{format!("Slide {n} of {}", SLIDES.len())}</p>
            <h2 class="atlas-slide__heading" id=format!("{id}-heading")>{heading}</h2>
            {children()}
            <p class="atlas-slide__footer">
                "Primary Care Atlas · " {place}
                {illustrative.then(|| view! { " · " <strong class="nhsuk-tag nhsuk-tag--yellow">"Illustrative data"</strong> })}
            </p>
        </section>
    }
}

/// Previous, Next and the way out, while presenting.
#[component]
fn PresenterBar(presenting: Memo<Option<usize>>, go: Callback<Option<usize>>) -> impl IntoView {
    view! {
        <Show when=move || presenting.get().is_some()>
            <nav class="atlas-presenter" aria-label="Presenting">
                <button type="button" class="nhsuk-button nhsuk-button--secondary" id="slide-previous"
                    disabled=move || presenting.get() == Some(1)
                    on:click=move |_| go.run(presenting.get_untracked().map(|n| n.saturating_sub(1).max(1)))>
                    "Previous"
                </button>
                <p class="atlas-presenter__where" aria-live="polite" id="slide-where">
                    {move || presenting.get().map(|n| format!("Slide {n} of {}: {}", SLIDES.len(), SLIDES[n - 1].1))}
                </p>
                <button type="button" class="nhsuk-button nhsuk-button--secondary" id="slide-next"
                    disabled=move || presenting.get() == Some(SLIDES.len())
                    on:click=move |_| go.run(presenting.get_untracked().map(|n| (n + 1).min(SLIDES.len())))>
                    "Next"
                </button>
                <button type="button" class="nhsuk-button nhsuk-button--reverse" id="slide-leave"
                    on:click=move |_| go.run(None)>
                    "Show all slides"
                </button>
            </nav>
            <p class="nhsuk-body-s atlas-presenter__keys">
                "Keys: right arrow or Page Down for the next slide, left arrow or Page Up for the previous, Escape to show all slides."
            </p>
        </Show>
    }
}

/// The arrow keys (and Page Up/Down, Home, End, Escape) move between slides while
/// presenting, unless the keyboard is in a form control.
fn present_with_keys(presenting: Memo<Option<usize>>, go: Callback<Option<usize>>) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let Some(n) = presenting.get_untracked() else {
            return;
        };
        let in_control = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
        if in_control || ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let next = match ev.key().as_str() {
            "ArrowRight" | "PageDown" => Some((n + 1).min(SLIDES.len())),
            "ArrowLeft" | "PageUp" => Some(n.saturating_sub(1).max(1)),
            "Home" => Some(1),
            "End" => Some(SLIDES.len()),
            "Escape" => {
                ev.prevent_default();
                go.run(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        if next != Some(n) {
            go.run(next);
        }
    });
    on_cleanup(move || handle.remove());
}

fn set_presenting_class(on: bool) {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.class_list().toggle_with_force("atlas-presenting", on);
    }
}
