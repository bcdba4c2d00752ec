//! The councillors' briefing: the figures an all-member briefing walks through (the
//! 2022 paper plans two), gathered once, and the key messages that open it. Two slides
//! choose what they show — the measure that varies most between practices, and the
//! equity measure with the widest gap between PCNs — by rules the page writes out.

use crate::access::{
    access_snapshot, appointments_by_month, face_to_face_snapshot, latest_access_period,
    volume_against_2019, volume_sentence, AccessSettings, AccessSnapshot, FaceToFaceSnapshot,
};
use crate::aggregate::CITY_CODE;
use crate::catalogue::EQUITY_INDICATORS;
use crate::equity::{equity_spread, equity_spread_sentence, EquitySpread};
use crate::measures::{scorecard_indicators, MeasureContext, SeriesPositions};
use crate::model::{Indicator, Period, Polarity, Workspace};
use crate::priorities::{priorities, Priorities};
use crate::stats::funnel::Significance;
use crate::summary::{first_upper, thousands, Headline};
use crate::trajectory::{trajectory_cards, Status, TrajectoryCard};
use crate::variation::{
    funnel_from_observations, practice_observations, FunnelData, FunnelLimitChoice,
};
use crate::words::in_sentence;

/// How the variation slide's measure is chosen.
pub const VARIATION_CHOICE_RULE: &str = "The variation slide shows, of the measures where higher \
or lower is better, the one on which the largest share of practices lies outside the funnel \
plot's 99.8% limits, each measure in its latest period; a tie goes to the measure listed first \
on the Scorecard. Measures without a judgement, such as recorded prevalence, vary with the \
population a practice serves and are left out.";

/// How the equity slide's measure is chosen.
pub const EQUITY_CHOICE_RULE: &str = "The equity slide shows the cancer screening, \
vaccination or mental health measure whose highest and lowest PCN are furthest apart, in \
percentage points, in its latest period; a tie goes to the measure listed first.";

/// The measure that varies most between practices, with its funnel plot.
#[derive(Debug, Clone, PartialEq)]
pub struct VariationChoice {
    pub indicator: Indicator,
    pub funnel: FunnelData,
    /// Practices beyond the 99.8% limits, above or below.
    pub outside_99_8: usize,
    /// Practices placed on the funnel (not refused, not suppressed).
    pub placed: usize,
}

impl VariationChoice {
    /// "Appointments face to face varies most between practices: 9 of 55 practices lie
    /// outside the 99.8% limits in Mar 2023, where chance alone would put about 1 in 500."
    /// When the practices vary more than chance alone would make them, the limits are
    /// widened for it and the sentence says so instead.
    pub fn sentence(&self) -> String {
        let verb = if self.outside_99_8 == 1 {
            "lies"
        } else {
            "lie"
        };
        let limits = if self.funnel.adjusted {
            let phi = self.funnel.overdispersion.map_or(f64::NAN, |o| o.phi);
            format!(
                ", limits widened because practices vary more than chance alone would make them \
                 (overdispersion, φ = {phi:.1})."
            )
        } else {
            // Beyond 99.8% limits, chance alone puts 0.2% of practices.
            ", where chance alone would put about 1 in 500.".to_string()
        };
        format!(
            "{} varies most between practices: {} of {} practices {verb} outside the 99.8% \
             limits in {}{limits}",
            first_upper(&self.indicator.name),
            thousands(self.outside_99_8 as u64),
            thousands(self.placed as u64),
            self.funnel.period.label(),
        )
    }

    /// A measure's candidacy: its funnel plot in its latest period, with the practices
    /// placed and those beyond 99.8%; `None` when it has no funnel plot there (a count,
    /// a mean, no data) or no judgement (higher or lower is not better).
    pub fn of(
        workspace: &Workspace,
        positions: &SeriesPositions,
        indicator: Indicator,
    ) -> Option<VariationChoice> {
        if indicator.polarity == Polarity::NoJudgement {
            return None;
        }
        let context = MeasureContext::for_measure_in(workspace, positions, &indicator);
        let period = context.latest_period(&indicator)?;
        let observed = practice_observations(workspace, &context, &indicator, period);
        let funnel =
            funnel_from_observations(&observed, &indicator, period, FunnelLimitChoice::Auto)
                .ok()?;
        let placed = funnel
            .areas
            .iter()
            .filter(|a| a.significance.is_some())
            .count();
        let outside_99_8 = funnel
            .areas
            .iter()
            .filter(|a| {
                matches!(
                    a.significance,
                    Some(Significance::High0001 | Significance::Low0001)
                )
            })
            .count();
        (placed > 0).then_some(VariationChoice {
            indicator,
            funnel,
            outside_99_8,
            placed,
        })
    }

    /// True when a larger share of practices lies beyond 99.8% here than in `other`.
    fn wider_than(&self, other: &VariationChoice) -> bool {
        // a/b > c/d ⇔ a·d > c·b, without dividing.
        self.outside_99_8 * other.placed > other.outside_99_8 * self.placed
    }
}

/// Of the measures with a judgement that have a funnel plot (proportions, rates,
/// ratios), the one with the largest share of practices beyond the 99.8% limits in its
/// latest period, by [`VARIATION_CHOICE_RULE`]; `None` when no measure has one.
pub fn widest_variation(
    workspace: &Workspace,
    positions: &SeriesPositions,
) -> Option<VariationChoice> {
    let mut best: Option<VariationChoice> = None;
    for indicator in scorecard_indicators(workspace) {
        let Some(candidate) = VariationChoice::of(workspace, positions, indicator) else {
            continue;
        };
        if best.as_ref().is_none_or(|b| candidate.wider_than(b)) {
            best = Some(candidate);
        }
    }
    best
}

/// The equity measure with the widest gap between PCNs, with its spread over time.
#[derive(Debug, Clone, PartialEq)]
pub struct EquityChoice {
    pub indicator_id: String,
    pub name: String,
    /// Highest and lowest PCN in every period, oldest first.
    pub spread: Vec<EquitySpread>,
}

impl EquityChoice {
    /// [`equity_spread_sentence`] for the chosen measure.
    pub fn sentence(&self) -> String {
        equity_spread_sentence(&self.name, &self.spread)
    }

    /// The gap between the highest and lowest PCN in the latest period (percentage points).
    pub fn latest_range(&self) -> Option<f64> {
        self.spread.last().map(|s| s.range)
    }
}

/// The equity measure ([`EQUITY_INDICATORS`]) whose PCNs are furthest apart in its
/// latest period, by [`EQUITY_CHOICE_RULE`]; `None` when the workspace has none.
pub fn widest_equity_gap(workspace: &Workspace) -> Option<EquityChoice> {
    let mut best: Option<EquityChoice> = None;
    for id in EQUITY_INDICATORS {
        let Some(indicator) = workspace.indicator(id) else {
            continue;
        };
        let spread = equity_spread(workspace, id);
        let Some(range) = spread.last().map(|s| s.range) else {
            continue;
        };
        if best
            .as_ref()
            .and_then(EquityChoice::latest_range)
            .is_none_or(|b| range > b)
        {
            best = Some(EquityChoice {
                indicator_id: id.to_string(),
                name: indicator.name.clone(),
                spread,
            });
        }
    }
    best
}

/// How many trajectories stand where.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatusCounts {
    pub on_track: usize,
    pub at_risk: usize,
    pub off_track: usize,
    /// Target date passed, and met then.
    pub met: usize,
    /// Target date passed, and missed then.
    pub missed: usize,
    /// No target set for the trajectory in this workspace.
    pub no_target: usize,
    pub no_data: usize,
}

impl StatusCounts {
    /// The counts of some cards' statuses.
    pub fn of(cards: &[TrajectoryCard]) -> StatusCounts {
        let mut counts = StatusCounts::default();
        for card in cards {
            match card.status {
                Status::OnTrack => counts.on_track += 1,
                Status::AtRisk => counts.at_risk += 1,
                Status::OffTrack => counts.off_track += 1,
                Status::Met => counts.met += 1,
                Status::Missed => counts.missed += 1,
                Status::NoTarget => counts.no_target += 1,
                Status::NoData => counts.no_data += 1,
            }
        }
        counts
    }

    /// "Of the 8 trajectories, 3 are on track, 2 at risk and 3 off track." Targets
    /// whose date has passed, trajectories without a target and those without data are
    /// said apart.
    pub fn sentence(&self) -> String {
        let live = self.on_track + self.at_risk + self.off_track;
        let past = self.met + self.missed;
        let total = live + past + self.no_target + self.no_data;
        if live + past + self.no_target == 0 {
            return format!("None of the {total} trajectories has data yet.");
        }
        let has = |n: usize| if n == 1 { "has" } else { "have" };
        let mut parts = Vec::new();
        if live > 0 {
            let verb = if self.on_track == 1 { "is" } else { "are" };
            parts.push(format!(
                "{} {verb} on track, {} at risk and {} off track",
                self.on_track, self.at_risk, self.off_track
            ));
        }
        if past > 0 {
            let their = if self.met == 1 { "its" } else { "their" };
            parts.push(format!(
                "{} met {their} target by its date and {} missed it",
                self.met, self.missed
            ));
        }
        if self.no_target > 0 {
            parts.push(format!(
                "{} {} no target here",
                self.no_target,
                has(self.no_target)
            ));
        }
        if self.no_data > 0 {
            parts.push(format!(
                "{} {} no data yet",
                self.no_data,
                has(self.no_data)
            ));
        }
        format!("Of the {total} trajectories, {}.", parts.join("; "))
    }
}

/// How many shared priorities the key messages name (the slide lists them all).
const NAMED_SHARED_PRIORITIES: usize = 3;

/// Everything the briefing shows, gathered once from a workspace.
#[derive(Debug, Clone, PartialEq)]
pub struct Briefing {
    pub place: String,
    /// True when the indicator values are illustrative (the synthetic city).
    pub illustrative: bool,
    /// Whose data it is ([`crate::provenance::statement`]).
    pub source_statement: String,
    pub headline: Headline,
    /// The access standard in the latest month with appointment data.
    pub access: Option<AccessSnapshot>,
    pub face_to_face: Option<FaceToFaceSnapshot>,
    /// The city's appointments by month, and each month as a % of its 2019 level.
    pub appointments: Vec<(Period, f64)>,
    pub against_2019: Vec<(Period, f64)>,
    /// The paper's eight trajectories for the whole place.
    pub trajectories: Vec<TrajectoryCard>,
    pub variation: Option<VariationChoice>,
    pub equity: Option<EquityChoice>,
    pub priorities: Priorities,
}

impl Briefing {
    /// The briefing of a workspace, the access standard expressed per `settings`.
    pub fn of(
        workspace: &Workspace,
        positions: &SeriesPositions,
        settings: &AccessSettings,
    ) -> Briefing {
        let period = latest_access_period(workspace);
        let appointments = appointments_by_month(workspace, CITY_CODE);
        let against_2019 = volume_against_2019(&appointments);
        Briefing {
            place: workspace.place.clone(),
            illustrative: workspace.illustrative,
            source_statement: crate::provenance::statement(workspace),
            headline: Headline::of(workspace),
            access: period.map(|p| access_snapshot(workspace, p, settings)),
            face_to_face: period.map(|p| face_to_face_snapshot(workspace, p)),
            appointments,
            against_2019,
            trajectories: trajectory_cards(workspace, CITY_CODE),
            variation: widest_variation(workspace, positions),
            equity: widest_equity_gap(workspace),
            priorities: priorities(workspace),
        }
    }

    /// The structure in one sentence: "Leicester City has 10 PCNs and 55 practices
    /// serving 416,470 registered patients."
    pub fn structure_sentence(&self) -> String {
        let h = &self.headline;
        let patients = h.published_pcn_total.unwrap_or(h.registered_population);
        format!(
            "{} has {} {} and {} {} serving {} registered patients.",
            self.place,
            thousands(h.pcns as u64),
            if h.pcns == 1 { "PCN" } else { "PCNs" },
            thousands(h.practices as u64),
            if h.practices == 1 {
                "practice"
            } else {
                "practices"
            },
            thousands(patients),
        )
    }

    /// The shared priorities in one sentence, naming the three most shared, or that
    /// there are none.
    pub fn priorities_sentence(&self) -> String {
        let shared = &self.priorities.shared;
        let total = self.priorities.neighbourhoods.len();
        match shared.len() {
            0 => "No priority is shared by three or more neighbourhoods.".to_string(),
            1 => format!(
                "One priority is shared by three or more of the {total} neighbourhoods and \
                 proposed at place level: {}.",
                in_sentence(&shared[0].name)
            ),
            k => {
                // Most shared first (priorities::shared_priorities).
                let names: Vec<String> = shared
                    .iter()
                    .take(NAMED_SHARED_PRIORITIES)
                    .map(|s| in_sentence(&s.name))
                    .collect();
                let most = if k > NAMED_SHARED_PRIORITIES {
                    "the most shared are "
                } else {
                    ""
                };
                format!(
                    "{k} priorities are shared by three or more of the {total} neighbourhoods \
                     and proposed at place level; {most}{}.",
                    join_words(&names),
                )
            }
        }
    }

    /// The messages that open the briefing, one sentence each, in the order of the
    /// slides; figures the workspace cannot give are left out.
    pub fn key_messages(&self) -> Vec<String> {
        let mut messages = vec![self.structure_sentence()];
        messages.extend(self.access.as_ref().map(|a| a.sentence.clone()));
        messages.extend(self.face_to_face.as_ref().map(|f| f.sentence.clone()));
        if !self.against_2019.is_empty() {
            messages.push(volume_sentence(&self.against_2019));
        }
        if !self.trajectories.is_empty() {
            messages.push(StatusCounts::of(&self.trajectories).sentence());
        }
        messages.extend(self.variation.as_ref().map(VariationChoice::sentence));
        messages.extend(self.equity.as_ref().map(EquityChoice::sentence));
        if !self.priorities.neighbourhoods.is_empty() {
            messages.push(self.priorities_sentence());
        }
        messages
    }
}

/// "a", "a and b", "a, b and c".
fn join_words(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::default_data::illustrative_city;
    use crate::model::{Target, TargetArea};

    fn card(status: Status) -> TrajectoryCard {
        TrajectoryCard {
            id: "t".into(),
            title: "T".into(),
            description: String::new(),
            unit_label: String::new(),
            area_code: CITY_CODE.into(),
            actual: Vec::new(),
            glide_path: Vec::new(),
            forecast: Vec::new(),
            target: Some(Target {
                indicator_id: "t".into(),
                area: TargetArea::All,
                baseline_period: Period::Month {
                    year: 2022,
                    month: 4,
                },
                baseline_value: Some(0.0),
                target_value: 1.0,
                target_period: Period::Month {
                    year: 2023,
                    month: 3,
                },
            }),
            expected_met: None,
            status,
            rule: String::new(),
            sentence: String::new(),
            basis: None,
            gaps: Vec::new(),
            source_changes: Vec::new(),
            forecast_from: None,
        }
    }

    #[test]
    fn status_counts_say_each_status_and_those_without_data_apart() {
        let cards: Vec<_> = [
            Status::OnTrack,
            Status::OffTrack,
            Status::AtRisk,
            Status::OffTrack,
            Status::NoData,
        ]
        .into_iter()
        .map(card)
        .collect();
        let counts = StatusCounts::of(&cards);
        assert_eq!(
            counts,
            StatusCounts {
                on_track: 1,
                at_risk: 1,
                off_track: 2,
                no_data: 1,
                ..StatusCounts::default()
            }
        );
        assert_eq!(
            counts.sentence(),
            "Of the 5 trajectories, 1 is on track, 1 at risk and 2 off track; 1 has no data yet."
        );
        let past_and_untargeted: Vec<_> = [
            Status::Met,
            Status::Missed,
            Status::Missed,
            Status::NoTarget,
            Status::OffTrack,
        ]
        .into_iter()
        .map(card)
        .collect();
        assert_eq!(
            StatusCounts::of(&past_and_untargeted).sentence(),
            "Of the 5 trajectories, 0 are on track, 0 at risk and 1 off track; 1 met its target by its date and 2 missed it; 1 has no target here."
        );
        assert_eq!(
            StatusCounts::of(&[card(Status::NoData), card(Status::NoData)]).sentence(),
            "None of the 2 trajectories has data yet."
        );
    }

    #[test]
    fn the_variation_slide_takes_the_largest_share_beyond_the_limits() {
        let ws = illustrative_city();
        // Some measures of the default have no judgement (recorded prevalence).
        assert!(scorecard_indicators(&ws)
            .iter()
            .any(|i| i.polarity == Polarity::NoJudgement));
        let positions = SeriesPositions::new(&ws);
        let chosen = widest_variation(&ws, &positions).expect("the default has funnel measures");
        assert_ne!(chosen.indicator.polarity, Polarity::NoJudgement);
        // No other candidate has a larger share beyond 99.8% in its latest period, and
        // the measures without a judgement were never candidates.
        let mut candidates = 0;
        for indicator in scorecard_indicators(&ws) {
            let judged = indicator.polarity != Polarity::NoJudgement;
            let id = indicator.id.clone();
            match VariationChoice::of(&ws, &positions, indicator) {
                Some(other) => {
                    assert!(judged, "{id} has no judgement");
                    assert!(
                        !other.wider_than(&chosen),
                        "{id} is wider than {}",
                        chosen.indicator.id
                    );
                    candidates += 1;
                }
                None => continue,
            }
        }
        assert!(candidates > 1, "only {candidates} candidate");
        assert!(chosen.placed > 0 && chosen.placed <= ws.practices.len());
        let sentence = chosen.sentence();
        assert!(
            sentence.contains(&format!(
                "{} of {} practices",
                chosen.outside_99_8, chosen.placed
            )),
            "{sentence}"
        );
    }

    #[test]
    fn the_equity_slide_takes_the_widest_latest_gap() {
        let ws = illustrative_city();
        let chosen = widest_equity_gap(&ws).expect("the default has equity measures");
        let widest = chosen.latest_range().expect("a latest period");
        for id in EQUITY_INDICATORS {
            if let Some(last) = equity_spread(&ws, id).last() {
                assert!(last.range <= widest, "{id}: {} > {widest}", last.range);
            }
        }
        assert!(ws
            .indicator(&chosen.indicator_id)
            .is_some_and(|i| i.polarity != Polarity::NoJudgement));
    }

    #[test]
    fn key_messages_follow_the_slides_and_leave_out_what_the_data_cannot_give() {
        let ws = illustrative_city();
        let positions = SeriesPositions::new(&ws);
        let briefing = Briefing::of(&ws, &positions, &AccessSettings::for_period("week"));
        let messages = briefing.key_messages();
        assert_eq!(
            messages[0],
            "Leicester City has 10 PCNs and 55 practices serving 416,470 registered patients."
        );
        assert_eq!(messages.len(), 8, "{messages:#?}");
        assert!(messages[1].contains("below the 75 per 1,000 per week standard"));
        assert!(messages[4].starts_with("Of the 8 trajectories, "));

        // A workspace of structure alone: the structure and the trajectories (without
        // data), nothing invented.
        let mut bare = ws.clone();
        bare.series.clear();
        bare.indicators.clear();
        let positions = SeriesPositions::new(&bare);
        let briefing = Briefing::of(&bare, &positions, &AccessSettings::for_period("week"));
        assert!(briefing.access.is_none() && briefing.variation.is_none());
        assert!(briefing.equity.is_none());
        let messages = briefing.key_messages();
        assert_eq!(messages[0], briefing.structure_sentence());
        assert!(messages.iter().all(|m| !m.contains("practices lie")));
    }

    #[test]
    fn words_are_joined_as_in_a_sentence() {
        assert_eq!(
            join_words(&["a".into(), "b".into(), "c".into()]),
            "a, b and c"
        );
        assert_eq!(join_words(&["a".into()]), "a");
    }
}
