//! A session's dashboard as a PDF a manager can read, search and forward ("Download report"):
//! the room and session with local times and the zone named, the overview figures, the timeline,
//! countries, devices and recording charts as vectors, every attendee in a table that continues
//! over pages, and the most-present attendees' minutes as a compact heatmap (a copy the library
//! kept is printed without it, and says so). It words and orders what the dashboard already
//! computed (no figure is computed here) and writes no file.

use super::charts::{dashboard_charts, people_heatmap};
use super::person_heatmap::{fetch_people_heatmaps, MinuteState};
use super::session_dashboard::{Attendee, SessionDashboard};
use crate::cancel::CancelToken;
use crate::error::{Error, ErrorCode};
use crate::kaltura::KalturaClient;
use crate::pdf_parts::{footer_line, place_charts};
use crate::wording::{count, decimal, minutes};
use jiff::tz::TimeZone;
use jiff::Timestamp;
use roomlens_pdf::{Align, Card, Column, PdfError, ReportDocument};

pub use roomlens_pdf::Paper;

/// How many attendees (those with the most minutes) the heatmap figure shows.
pub const HEATMAP_PEOPLE: usize = 50;

/// What the PDF needs besides the dashboard.
#[derive(Debug, Clone)]
pub struct SessionPdfOptions {
    pub paper: Paper,
    /// The person's time zone: every time in the PDF is in it, and it is named.
    pub zone: TimeZone,
    /// The account's name, printed in each page's footer.
    pub account_name: String,
    pub generated_at: Timestamp,
}

/// The attendees the heatmap shows, most minutes first (ties by name).
pub fn heatmap_people(d: &SessionDashboard) -> Vec<&Attendee> {
    let mut people: Vec<&Attendee> = d.attendees.iter().collect();
    people.sort_by(|a, b| {
        b.minutes
            .total_cmp(&a.minutes)
            .then_with(|| a.name.cmp(&b.name))
    });
    people.truncate(HEATMAP_PEOPLE);
    people
}

/// The minutes of [`heatmap_people`], in that order (one shared multirequest; none when the
/// session has no attendees or was not loaded with its report window).
pub async fn fetch_heatmap_minutes(
    client: &KalturaClient,
    d: &SessionDashboard,
    cancel: &CancelToken,
) -> Result<Vec<Vec<MinuteState>>, Error> {
    let ids: Vec<String> = heatmap_people(d)
        .iter()
        .map(|a| a.user_id.clone())
        .collect();
    let minutes = if ids.is_empty() || d.window.is_none() {
        Vec::new()
    } else {
        fetch_people_heatmaps(client, d, &ids, cancel).await?
    };
    if cancel.is_cancelled() {
        return Err(Error::cancelled());
    }
    Ok(minutes)
}

/// Fetches the heatmap's minutes and makes the PDF.
pub async fn fetch_session_pdf(
    client: &KalturaClient,
    d: &SessionDashboard,
    options: &SessionPdfOptions,
    cancel: &CancelToken,
) -> Result<Vec<u8>, Error> {
    let minutes = fetch_heatmap_minutes(client, d, cancel).await?;
    session_pdf(d, &minutes, options)
}

fn pdf_error(error: &PdfError) -> Error {
    Error::new(
        ErrorCode::Internal,
        "Roomlens could not make the PDF of this session.",
    )
    .with_detail(format!("{}: {}", error.code(), error.message()))
}

fn local(time: &str, zone: &TimeZone, format: &str) -> String {
    time.parse::<Timestamp>().map_or_else(
        |_| time.to_owned(),
        |t| t.to_zoned(zone.clone()).strftime(format).to_string(),
    )
}

fn pct(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{}%", decimal(v)))
}

fn zone_name(zone: &TimeZone) -> &str {
    zone.iana_name().unwrap_or("local time")
}

/// The PDF of `d`; `heatmap_minutes` holds the minutes of [`heatmap_people`] in that order
/// (empty leaves the heatmap out).
pub fn session_pdf(
    d: &SessionDashboard,
    heatmap_minutes: &[Vec<MinuteState>],
    options: &SessionPdfOptions,
) -> Result<Vec<u8>, Error> {
    make_pdf(d, heatmap_minutes, options, None)
}

/// The PDF of a session dashboard the library kept, fetched (and kept) at `kept_at`: made with
/// no network, so without the minute-by-minute heatmap (Kaltura sends those minutes on demand
/// and the library does not keep them); a line under the title says both.
pub fn kept_session_pdf(
    d: &SessionDashboard,
    kept_at: Timestamp,
    options: &SessionPdfOptions,
) -> Result<Vec<u8>, Error> {
    let zone = &options.zone;
    let when = kept_at
        .to_zoned(zone.clone())
        .strftime("%-d %B %Y at %-I:%M %p")
        .to_string();
    let line = format!(
        "From the library: the copy of this session kept on {when} ({}). Kaltura was not asked, so \
         the minute-by-minute heatmap, which Kaltura sends only when asked, is not included.",
        zone_name(zone)
    );
    make_pdf(d, &[], options, Some(&line))
}

fn make_pdf(
    d: &SessionDashboard,
    heatmap_minutes: &[Vec<MinuteState>],
    options: &SessionPdfOptions,
    kept_line: Option<&str>,
) -> Result<Vec<u8>, Error> {
    let zone = &options.zone;
    let room = if d.room.name.trim().is_empty() {
        d.room.id.as_str()
    } else {
        d.room.name.as_str()
    };
    let day = local(&d.session.start, zone, "%A %-d %B %Y");
    let title = format!("{room}: session of {day}");
    let footer = footer_line(&options.account_name, options.generated_at, zone);
    let mut doc =
        ReportDocument::new(options.paper, &title, "en", &footer).map_err(|e| pdf_error(&e))?;
    doc.title(&title);
    doc.paragraph(&format!(
        "{} – {} ({}) · room {} · session {}",
        local(&d.session.start, zone, "%-I:%M %p"),
        local(&d.session.end, zone, "%-I:%M %p"),
        zone_name(zone),
        d.room.id,
        d.session.id,
    ));
    if let Some(line) = kept_line {
        doc.note(line);
    }
    doc.cards(&cards(d));
    doc.note(
        "Figures as Kaltura's Room analytics computes them. \"—\" marks a rate Kaltura cannot compute: \
         no live viewers, or nobody signed in to the chat.",
    );

    let charts = dashboard_charts(d, zone, false)?;
    doc.heading("Live viewers and engagement, minute by minute");
    place_charts(&mut doc, &[&charts.timeline]).map_err(|e| pdf_error(&e))?;
    doc.heading("Countries and devices");
    place_charts(&mut doc, &[&charts.countries, &charts.devices]).map_err(|e| pdf_error(&e))?;
    if let Some(plays) = &charts.recording_plays {
        doc.heading("The recording");
        if let Some(rec) = &d.recording {
            doc.paragraph(&format!(
                "{} plays, {} impressions, {} minutes viewed, {}% average completion.",
                count(rec.plays),
                count(rec.impressions),
                decimal(rec.minutes_viewed),
                decimal(rec.average_completion_pct),
            ));
        }
        place_charts(&mut doc, &[plays]).map_err(|e| pdf_error(&e))?;
    }

    doc.heading("Viewer engagement");
    let listed = d.attendees.len() as u64;
    let mut intro = format!("All {} attendees, most minutes first.", count(listed));
    if d.attendees_unlisted > 0 {
        intro.push_str(&format!(
            " Kaltura lists at most 12,000 attendees: {} more attended (counted in the figures above, not listed).",
            count(d.attendees_unlisted)
        ));
    }
    doc.note(&intro);
    let mut people: Vec<&Attendee> = d.attendees.iter().collect();
    people.sort_by(|a, b| {
        b.minutes
            .total_cmp(&a.minutes)
            .then_with(|| a.name.cmp(&b.name))
    });
    let rows: Vec<Vec<String>> = people.iter().map(|a| attendee_row(a)).collect();
    doc.table(&attendee_columns(), &rows);

    let heat: Vec<(String, Vec<MinuteState>)> = heatmap_people(d)
        .iter()
        .zip(heatmap_minutes)
        .map(|(a, minutes)| (display_name(a), minutes.clone()))
        .collect();
    if !heat.is_empty() {
        doc.heading("Engagement, minute by minute");
        doc.note(&format!(
            "The {} attendees with the most minutes. Dark: engaged (Kaltura's rule); light: present, not engaged; blank: away.",
            count(heat.len() as u64)
        ));
        let chart = people_heatmap(d, &heat, zone)?;
        place_charts(&mut doc, &[&chart]).map_err(|e| pdf_error(&e))?;
    }
    doc.finish().map_err(|e| pdf_error(&e))
}

fn display_name(a: &Attendee) -> String {
    if a.name.trim().is_empty() {
        a.user_id.clone()
    } else {
        a.name.clone()
    }
}

fn cards(d: &SessionDashboard) -> Vec<Card> {
    let card = |label: &str, value: String, note: String| Card {
        label: label.to_owned(),
        value,
        note,
    };
    let v = &d.viewers;
    let e = &d.engagement;
    let undefined_live = "no live viewers, so Kaltura's rate is undefined";
    let undefined_chat = "nobody signed in to the chat, so Kaltura's rate is undefined";
    let of = |value: Option<f64>, what: &str, why: &str| -> String {
        value.map_or_else(|| why.to_owned(), |_| what.to_owned())
    };
    vec![
        card(
            "Unique viewers",
            count(v.unique),
            format!(
                "Live {} ({}) · recording {} ({}) · both {}",
                count(v.live),
                pct(v.live_pct),
                count(v.recording),
                pct(v.recording_pct),
                pct(v.both_pct)
            ),
        ),
        card(
            "Average minutes viewed",
            minutes(d.minutes.live_avg),
            format!(
                "Live; from the recording {}",
                minutes(d.minutes.recording_avg)
            ),
        ),
        card(
            "Live engagement rate",
            pct(e.rate_pct),
            of(
                e.rate_pct,
                "Share of live minutes viewers were engaged",
                undefined_live,
            ),
        ),
        card(
            "Sent reactions",
            pct(e.reactions_pct),
            of(
                e.reactions_pct,
                &format!("of live viewers; {} reactions", count(e.reactions)),
                undefined_live,
            ),
        ),
        card(
            "Group chat messages",
            pct(e.messages_pct),
            of(
                e.messages_pct,
                &format!("of chat users; {} messages", count(e.messages)),
                undefined_chat,
            ),
        ),
        card(
            "Poll participation",
            pct(e.polls_pct),
            of(e.polls_pct, "of chat users answered a poll", undefined_chat),
        ),
        card(
            "Q&A threads",
            pct(e.questions_pct),
            of(
                e.questions_pct,
                &format!("of chat users; {} threads", count(e.questions)),
                undefined_chat,
            ),
        ),
        card(
            "Attachments downloaded",
            pct(e.downloads_pct),
            of(
                e.downloads_pct,
                &format!("of live viewers; {} downloads", count(e.downloads)),
                undefined_live,
            ),
        ),
        card(
            "Recording plays",
            d.recording_plays.map_or_else(|| "—".to_owned(), count),
            if d.recording_plays.is_some() {
                "Plays of the room's recording".to_owned()
            } else {
                "This room has no recording".to_owned()
            },
        ),
    ]
}

fn attendee_columns() -> Vec<Column> {
    let column = |heading: &str, weight: f32, align: Align| Column {
        heading: heading.to_owned(),
        weight,
        align,
    };
    vec![
        column("Name (role · company · country)", 1.0, Align::Left),
        column("Minutes viewed", 1.1, Align::Right),
        column("Live engagement", 1.1, Align::Right),
        column("Reactions", 0.9, Align::Right),
        column("Chat messages", 0.9, Align::Right),
        column("Polls answered", 0.9, Align::Right),
        column("Q&A threads", 0.9, Align::Right),
        column("Downloads", 0.9, Align::Right),
        column("Raised hands", 0.9, Align::Right),
    ]
}

fn attendee_row(a: &Attendee) -> Vec<String> {
    let p = &a.profile;
    let who = [p.role.as_str(), p.company.as_str(), p.country.as_str()]
        .iter()
        .filter(|t| !t.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" · ");
    vec![
        if who.is_empty() {
            display_name(a)
        } else {
            format!("{}\n{who}", display_name(a))
        },
        minutes(a.minutes),
        format!("{}%", decimal(a.engagement_pct)),
        count(a.reactions),
        count(a.messages),
        count(a.polls),
        count(a.questions),
        count(a.downloads),
        count(a.raised_hands),
    ]
}
