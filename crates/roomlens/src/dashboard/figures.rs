//! The dashboard's figures by Kaltura's own front-end formulas (docs/kaltura-wire-format.md §8.6),
//! rounding included, from the report totals: the unique-viewers split, the minutes card, the
//! engagement card and the per-minute and per-person percentages. Where Kaltura's page divides by
//! zero, the figure is `None` (shown as "—"), never NaN or infinity. It fetches nothing.

/// Kaltura's `round1(x)`: `Math.round((x + 0.001) · 10) / 10`.
pub fn round1(x: f64) -> f64 {
    // JavaScript's Math.round rounds halves up (towards +∞), which `floor(x + 0.5)` matches.
    ((x + 0.001) * 10.0 + 0.5).floor() / 10.0
}

/// `part / whole · 100` through `round1`; `None` when `whole` is not positive.
fn rate(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| round1(part / whole * 100.0))
}

/// The unique-viewers card (60002): who watched live, the recording, or both.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewerSplit {
    pub unique: f64,
    pub live: f64,
    pub recording: f64,
    pub live_pct: Option<f64>,
    pub recording_pct: Option<f64>,
    pub both_pct: Option<f64>,
}

/// From `unique_vod_live_viewers` (total), `unique_combined_live_viewers` (live) and
/// `unique_vod_viewers` (recording): all = live + recording; denom = 2·all − total; each share
/// is its count ÷ denom · 100, and "both" is (all − total) ÷ denom · 100 when all > total.
pub fn viewer_split(total: f64, live: f64, recording: f64) -> ViewerSplit {
    let all = live + recording;
    let denom = 2.0 * all - total;
    let share = |x: f64| rate(x, denom);
    ViewerSplit {
        unique: total,
        live,
        recording,
        live_pct: share(live),
        recording_pct: share(recording),
        both_pct: if all > total {
            share(all - total)
        } else {
            share(0.0)
        },
    }
}

/// The bar widths of the minutes card (60001), in percent: the longer average fills its bar.
pub fn minutes_bars(live_avg: f64, recording_avg: f64) -> (Option<f64>, Option<f64>) {
    let live = if live_avg > recording_avg {
        Some(100.0)
    } else {
        rate(live_avg, recording_avg)
    };
    let recording = if live_avg < recording_avg {
        Some(100.0)
    } else {
        rate(recording_avg, live_avg)
    };
    (live, recording)
}

/// The engagement card's inputs: report 60003's totals and 70001's.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct EngagementTotals {
    /// `unique_combined_live_viewers` (60003).
    pub live_viewers: f64,
    /// `combined_live_engaged_users_play_time_ratio`, 0..1.
    pub engaged_ratio: f64,
    pub reaction_users: f64,
    pub reactions: f64,
    pub download_users: f64,
    pub downloads: f64,
    /// `unique_logged_in_users` (70001).
    pub logged_in_users: f64,
    pub message_users: f64,
    pub messages: f64,
    pub question_users: f64,
    pub questions: f64,
    pub poll_users: f64,
}

/// The engagement card as Kaltura's page shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EngagementCard {
    pub rate_pct: Option<f64>,
    pub reactions_pct: Option<f64>,
    pub reactions: f64,
    pub downloads_pct: Option<f64>,
    pub downloads: f64,
    pub messages_pct: Option<f64>,
    pub messages: f64,
    pub questions_pct: Option<f64>,
    pub questions: f64,
    pub polls_pct: Option<f64>,
}

/// Nothing is computed without live viewers; the chat, Q&A and poll shares divide by the
/// logged-in users of 70001 and are undefined without any.
pub fn engagement_card(t: &EngagementTotals) -> EngagementCard {
    let live = t.live_viewers > 0.0;
    let of_live = |part: f64| {
        if live {
            rate(part, t.live_viewers)
        } else {
            None
        }
    };
    let of_logged_in = |part: f64| {
        if live {
            rate(part, t.logged_in_users)
        } else {
            None
        }
    };
    EngagementCard {
        rate_pct: live.then(|| round1(t.engaged_ratio * 100.0)),
        reactions_pct: of_live(t.reaction_users),
        reactions: t.reactions,
        downloads_pct: of_live(t.download_users),
        downloads: t.downloads,
        messages_pct: of_logged_in(t.message_users),
        messages: t.messages,
        questions_pct: of_logged_in(t.question_users),
        questions: t.questions,
        polls_pct: of_logged_in(t.poll_users),
    }
}

/// A person's engagement in the viewer table (60010): the ratio as a percentage, capped at 100.
pub fn person_engagement_pct(ratio: f64) -> f64 {
    (ratio * 100.0).clamp(0.0, 100.0)
}

/// The timeline's engagement line (60004): `combined_live_engaged_users_ratio` · 100.
pub fn minute_engagement_pct(ratio: f64) -> f64 {
    ratio * 100.0
}

/// A country's or device's share of the live viewers: its live viewers ÷ all live viewers · 100.
pub fn live_share_pct(row_live: f64, total_live: f64) -> Option<f64> {
    (total_live > 0.0).then(|| row_live / total_live * 100.0)
}

/// Whether a heatmap state (60011) counts as engaged: tab focused with sound on, full screen
/// with a camera state (not FullScreenOff), camera on, or on stage.
pub fn is_engaged_state(state: &str) -> bool {
    let has = |part: &str| state.contains(part);
    (has("TabFocused") && has("SoundOn"))
        || (has("FullScreen") && !has("FullScreenOff") && has("Camera"))
        || has("CameraOn")
        || has("OnStage")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round1_is_kaltura_s() {
        assert_eq!(round1(33.333), 33.3);
        assert_eq!(round1(0.04), 0.0);
        assert_eq!(
            round1(0.049),
            0.1,
            "the +0.001 nudges 0.049 up to 0.05, which rounds up"
        );
        assert_eq!(round1(12.25), 12.3);
        assert_eq!(round1(0.0), 0.0);
        assert_eq!(round1(100.0), 100.0);
    }

    #[test]
    fn viewer_split_by_kalturas_formula() {
        // 14 in total, 12 live, 3 recording: all 15, denom 16, one watched both.
        let s = viewer_split(14.0, 12.0, 3.0);
        assert_eq!(s.live_pct, Some(75.0));
        assert_eq!(s.recording_pct, Some(18.8));
        assert_eq!(s.both_pct, Some(6.3));
        let live_only = viewer_split(10.0, 10.0, 0.0);
        assert_eq!(
            (live_only.live_pct, live_only.both_pct),
            (Some(100.0), Some(0.0))
        );
        let nobody = viewer_split(0.0, 0.0, 0.0);
        assert_eq!(
            (nobody.live_pct, nobody.recording_pct, nobody.both_pct),
            (None, None, None)
        );
    }

    #[test]
    fn minutes_bars_fill_the_longer() {
        assert_eq!(minutes_bars(30.0, 15.0), (Some(100.0), Some(50.0)));
        assert_eq!(minutes_bars(10.0, 40.0), (Some(25.0), Some(100.0)));
        assert_eq!(minutes_bars(0.0, 0.0), (None, None));
    }

    #[test]
    fn engagement_card_with_and_without_logged_in_users() {
        let t = EngagementTotals {
            live_viewers: 12.0,
            engaged_ratio: 0.61234567890123,
            reaction_users: 5.0,
            reactions: 17.0,
            download_users: 2.0,
            downloads: 3.0,
            logged_in_users: 8.0,
            message_users: 3.0,
            messages: 40.0,
            question_users: 1.0,
            questions: 2.0,
            poll_users: 6.0,
        };
        let card = engagement_card(&t);
        assert_eq!(card.rate_pct, Some(61.2));
        assert_eq!(card.reactions_pct, Some(41.7));
        assert_eq!(card.downloads_pct, Some(16.7));
        assert_eq!(card.messages_pct, Some(37.5));
        assert_eq!(card.questions_pct, Some(12.5));
        assert_eq!(card.polls_pct, Some(75.0));
        assert_eq!(
            (card.reactions, card.messages, card.questions),
            (17.0, 40.0, 2.0)
        );
        let no_chat = engagement_card(&EngagementTotals {
            logged_in_users: 0.0,
            ..t
        });
        assert_eq!(
            (
                no_chat.messages_pct,
                no_chat.questions_pct,
                no_chat.polls_pct
            ),
            (None, None, None)
        );
        assert_eq!(no_chat.reactions_pct, Some(41.7));
        let nobody_live = engagement_card(&EngagementTotals {
            live_viewers: 0.0,
            ..t
        });
        assert_eq!(
            (
                nobody_live.rate_pct,
                nobody_live.reactions_pct,
                nobody_live.messages_pct
            ),
            (None, None, None)
        );
    }

    #[test]
    fn percentages_of_people_minutes_and_places() {
        assert_eq!(person_engagement_pct(1.2), 100.0, "capped at 100");
        assert_eq!(person_engagement_pct(0.5), 50.0);
        assert_eq!(minute_engagement_pct(0.25), 25.0);
        assert_eq!(live_share_pct(3.0, 12.0), Some(25.0));
        assert_eq!(live_share_pct(3.0, 0.0), None);
    }

    #[test]
    fn engaged_states() {
        assert!(is_engaged_state("SoundOnTabFocused"));
        assert!(is_engaged_state(
            "TabFocusedMicUnmutedFullScreenCameraOnSoundOn"
        ));
        assert!(is_engaged_state("CameraOn"));
        assert!(is_engaged_state("OnStage"));
        assert!(!is_engaged_state("TabFocused"));
        assert!(!is_engaged_state("FullScreenOffCameraOff"));
        assert!(!is_engaged_state("Offline"));
    }
}
