//! The Room dashboard over real HTTP, as Kaltura's front end calls it: multirequests with failing
//! slots, the room and its sessions, each report's exact header list (copied here from the wire
//! reference §5.4, not from the crate), the empty shapes, sanitising, paging, the timeline's zero
//! fill, agreement with report 6001 for the same session, and the demo's edge sessions.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

mod support;

use std::time::Instant;

use kaltura_sim::{php_float, OrgProfile, SessionRef, SimConfig, SimHandle};
use serde_json::{json, Value};
use support::*;

fn demo() -> SimConfig {
    SimConfig {
        data_end: Some(END),
        ..SimConfig::demo()
    }
}

fn mr_url(sim: &SimHandle) -> String {
    format!("{}/api_v3/service/multirequest", sim.url())
}

/// Posts a JSON multirequest with the calls numbered from 0 and returns the array.
async fn multirequest(sim: &SimHandle, ks: &str, calls: Vec<Value>) -> Vec<Value> {
    let mut body = json!({"format": 1, "ks": ks, "clientTag": "test"});
    for (i, call) in calls.into_iter().enumerate() {
        body[i.to_string()] = call;
    }
    let r = post_json(&mr_url(sim), body).await;
    assert_eq!(r.status(), 200);
    assert_eq!(header(&r, "content-type"), Some("application/json"));
    let v: Value = serde_json::from_str(&r.text().await.unwrap()).unwrap();
    v.as_array().unwrap().clone()
}

fn filter(entry_ids: &str, from: i64, to: i64) -> Value {
    json!({
        "objectType": "KalturaEndUserReportInputFilter",
        "fromDate": from, "toDate": to, "entryIdIn": entry_ids,
        "searchInTags": true, "searchInAdminTags": false, "interval": "days", "timeZoneOffset": 0
    })
}

fn report(action: &str, report_type: u32, filter: Value, page_size: Option<u32>) -> Value {
    let mut call = json!({
        "service": "report", "action": action, "reportType": report_type.to_string(),
        "reportInputFilter": filter,
        "responseOptions": {"delimiter": "|", "skipEmptyDates": false}
    });
    if let Some(size) = page_size {
        call["pager"] = json!({"pageSize": size, "pageIndex": 1});
    }
    call
}

async fn one(sim: &SimHandle, call: Value) -> Value {
    multirequest(sim, &primary_ks(sim), vec![call])
        .await
        .remove(0)
}

fn header_of(v: &Value) -> &str {
    v["header"]
        .as_str()
        .unwrap_or_else(|| panic!("no header: {v}"))
}

/// Table rows split on `;` and `|`; asserts that every row ends with `;`.
fn rows_of(v: &Value) -> Vec<Vec<String>> {
    let data = v["data"].as_str().unwrap();
    assert!(data.is_empty() || data.ends_with(';'), "{data}");
    data.split_terminator(';')
        .map(|r| r.split('|').map(str::to_string).collect())
        .collect()
}

fn edges(sim: &SimHandle) -> kaltura_sim::EdgeSessions {
    sim.org()
        .unwrap()
        .edge_sessions()
        .expect("demo has edge sessions")
}

fn session_filter(s: &SessionRef) -> Value {
    filter(&s.room_id, s.start, s.end)
}

#[tokio::test]
async fn each_report_has_exactly_the_documented_headers() {
    let sim = kaltura_sim::start(demo()).await.unwrap();
    let e = edges(&sim);
    let s = &e.with_recording;
    let recording = sim.org().unwrap().recording_for_room(&s.room_id).unwrap();
    let both = filter(
        &format!("{}|{}", s.room_id, recording.entry_id),
        s.start - 30 * DAY,
        END,
    );
    let live = session_filter(s);
    let mut one_user = live.clone();
    let user = sim
        .org()
        .unwrap()
        .session_dashboard_truth(&s.room_id, &s.cue_point_id)
        .unwrap()
        .attendees[1]
        .user_id
        .clone();
    one_user["userIds"] = json!(user);
    let mut cnc = live.clone();
    cnc["contextIdIn"] = json!(s.room_id);
    let cases: Vec<(Value, &str)> = vec![
        (report("getTotal", 60001, live.clone(), None), "vod_avg_play_time|combined_live_avg_play_time|vod_live_avg_view_time"),
        (report("getTotal", 60002, live.clone(), None), "unique_vod_viewers|unique_combined_live_viewers|unique_vod_live_viewers"),
        (report("getTotal", 60003, live.clone(), None), "combined_live_engaged_users_play_time_ratio|download_attachment_unique_users|count_download_attachment_clicked|unique_combined_live_viewers|reaction_clicked_unique_users|count_reaction_clicked"),
        (report("getTable", 60004, live.clone(), Some(500)), "position|combined_live_view_period_count|combined_live_engaged_users_ratio|reaction_clap_clicked|reaction_heart_clicked|reaction_think_clicked|reaction_wow_clicked|reaction_smile_clicked"),
        (report("getTable", 60005, both.clone(), Some(25)), "entry_id|entry_name|count_plays|count_loads|sum_vod_view_period|unique_viewers|avg_completion_rate"),
        (report("getTotal", 60005, both.clone(), None), "count_plays|count_loads|sum_vod_view_period|unique_viewers|avg_completion_rate"),
        (report("getTable", 60006, live.clone(), Some(5)), "device|unique_vod_viewers|unique_combined_live_viewers"),
        (report("getTotal", 60006, live.clone(), None), "unique_vod_viewers|unique_combined_live_viewers"),
        (report("getTable", 60007, live.clone(), Some(500)), "object_id|country|coordinates|unique_vod_viewers|unique_combined_live_viewers"),
        (report("getTotal", 60007, live.clone(), None), "unique_vod_viewers|unique_combined_live_viewers"),
        (report("getTable", 60010, live.clone(), Some(10)), "user_id|user_name|email|title|company|country|role|industry|live_view_time|count_reaction_clicked|count_raise_hand_clicked|combined_live_engaged_users_play_time_ratio|count_group_chat_messages_sent|count_poll_answered|count_q_and_a_threads|count_download_attachment_clicked"),
        (report("getTotal", 60010, live.clone(), None), "live_view_time|count_reaction_clicked|count_raise_hand_clicked|combined_live_engaged_users_play_time_ratio|count_group_chat_messages_sent|count_poll_answered|count_q_and_a_threads|count_download_attachment_clicked"),
        (report("getTable", 60011, one_user, Some(500)), "position|user_engagement|count_viewers"),
        (report("getTable", 60012, both.clone(), Some(25)), "name|full_name|count_plays|sum_vod_view_period|vod_avg_play_time|count_loads|avg_completion_rate"),
        (report("getTotal", 60012, both.clone(), None), "count_plays|sum_vod_view_period|vod_avg_play_time|count_loads|avg_completion_rate"),
        (report("getTotal", 70001, cnc, None), "count_reaction_clicked|reaction_clicked_unique_users|count_cnc_group_message_sent|unique_users_sent_group_message|unique_users_answered_poll|unique_users_q_and_a_thread|q_and_a_threads_count|unique_users_sent_private_message|unique_logged_in_users"),
    ];
    let (calls, expected): (Vec<Value>, Vec<&str>) = cases.into_iter().unzip();
    let results = multirequest(&sim, &primary_ks(&sim), calls.clone()).await;
    assert_eq!(results.len(), expected.len());
    for ((result, want), call) in results.iter().zip(expected).zip(&calls) {
        assert_eq!(header_of(result), want, "{call}");
        let fields = want.split('|').count();
        if result["objectType"] == "KalturaReportTable" {
            let rows = rows_of(result);
            assert!(!rows.is_empty(), "{call}");
            assert!(rows.iter().all(|r| r.len() == fields), "{call}");
            assert!(result["totalCount"].as_i64().unwrap() >= rows.len() as i64);
        } else {
            assert_eq!(result["objectType"], "KalturaReportTotal");
            let data = result["data"].as_str().unwrap();
            assert_eq!(data.split('|').count(), fields, "{call}");
            assert!(data.split('|').all(|v| !v.is_empty()), "{call}: {data}");
        }
    }
    // getGraphs of 60012: the four documented metrics, one YYYYMMDD point a day, each ending in `;`.
    let graphs = one(&sim, report("getGraphs", 60012, both, None)).await;
    let ids: Vec<&str> = graphs
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "count_plays",
            "sum_vod_view_period",
            "vod_avg_play_time",
            "count_loads"
        ]
    );
    let plays = graphs[0]["data"].as_str().unwrap();
    let points: Vec<&str> = plays.split_terminator(';').collect();
    assert!(plays.ends_with(';') && points.len() >= 30, "{plays}");
    assert!(points.iter().all(|p| p.len() > 9
        && p.as_bytes()[8] == b'|'
        && p[..8].bytes().all(|b| b.is_ascii_digit())));
    sim.shutdown().await;
}

#[tokio::test]
async fn no_data_gives_the_documented_empty_shapes() {
    let sim = kaltura_sim::start(demo()).await.unwrap();
    let room = sim.org().unwrap().rooms()[3].entry_id.clone();
    let empty = filter(&room, END + DAY, END + 2 * DAY);
    let results = multirequest(
        &sim,
        &primary_ks(&sim),
        vec![
            report("getTable", 60005, empty.clone(), Some(25)),
            report("getTable", 60011, empty.clone(), Some(500)),
            report("getTable", 60007, empty.clone(), Some(500)),
            report("getTable", 60004, empty.clone(), Some(500)),
            report("getTable", 60010, empty.clone(), Some(10)),
            report("getTotal", 60002, empty.clone(), None),
        ],
    )
    .await;
    for simple in &results[..3] {
        assert_eq!(simple, &json!({"objectType": "KalturaReportTable"}));
    }
    assert_eq!(results[3]["data"], "");
    assert_eq!(results[3]["totalCount"], 0);
    assert!(header_of(&results[3]).starts_with("position|"));
    assert_eq!(results[4]["data"], "");
    assert_eq!(results[4]["totalCount"], 0);
    assert_eq!(results[5]["data"], "0|0|0");
    // A room without a recording sends its live id only: the recording reports have no rows.
    let s = edges(&sim).hostile_names;
    assert!(sim.org().unwrap().recording_for_room(&s.room_id).is_none());
    let r = one(
        &sim,
        report("getTable", 60012, session_filter(&s), Some(25)),
    )
    .await;
    assert_eq!(r, json!({"objectType": "KalturaReportTable"}));
    sim.shutdown().await;
}

#[tokio::test]
async fn values_holding_the_delimiter_or_a_semicolon_are_sanitised() {
    let sim = kaltura_sim::start(demo()).await.unwrap();
    let s = edges(&sim).hostile_names;
    let truth = sim
        .org()
        .unwrap()
        .session_dashboard_truth(&s.room_id, &s.cue_point_id)
        .unwrap();
    let raw_ids: Vec<&str> = truth.attendees.iter().map(|a| a.user_id.as_str()).collect();
    assert!(raw_ids.iter().any(|id| id.contains('|')), "{raw_ids:?}");
    let table = one(
        &sim,
        report("getTable", 60010, session_filter(&s), Some(500)),
    )
    .await;
    let rows = rows_of(&table);
    assert_eq!(rows.len(), truth.attendees.len());
    for row in &rows {
        assert_eq!(row.len(), 16, "{row:?}");
    }
    for a in &truth.attendees {
        let clean = |v: &str| v.replace(['|', ';'], " ");
        let row = rows
            .iter()
            .find(|r| r[0] == clean(&a.user_id))
            .unwrap_or_else(|| panic!("{}", a.user_id));
        assert_eq!(row[1], clean(&a.user_name));
        assert_eq!(row[4], clean(&a.company));
    }
    let names: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert!(names.contains(&"Smith, John"));
    assert!(names.contains(&"<script>alert(1)</script>"));
    sim.shutdown().await;
}

#[tokio::test]
async fn a_failing_slot_holds_its_error_and_the_others_their_results() {
    let sim = kaltura_sim::start(demo()).await.unwrap();
    let s = edges(&sim).with_recording;
    let ks = primary_ks(&sim);
    let expired = ks_with(sim.partner_id(), &sim.admin_secret(), 2, "", now() - 10);
    let mut expired_total = report("getTotal", 60002, session_filter(&s), None);
    expired_total["ks"] = json!(expired);
    let mut forged = report("getTotal", 60002, session_filter(&s), None);
    forged["ks"] = json!("djJ8OTk5fA");
    let results = multirequest(
        &sim,
        &ks,
        vec![
            json!({"service": "baseentry", "action": "get", "entryId": s.room_id}),
            json!({"service": "baseentry", "action": "get", "entryId": "1_nothere"}),
            report("getTotal", 60002, session_filter(&s), None),
            expired_total,
            forged,
            json!({"service": "schedule_scheduleevent", "action": "list",
                   "filter": {"objectType": "KalturaEntryScheduleEventFilter", "templateEntryIdEqual": s.room_id}}),
        ],
    )
    .await;
    assert_eq!(results.len(), 6);
    let stats = sim.stats();
    assert_eq!(stats.count_action("multirequest."), 1);
    assert_eq!(stats.count_action("baseentry.get"), 2);
    assert_eq!(stats.count_action("report.gettotal"), 3);
    assert_eq!(stats.last_client_tag.as_deref(), Some("test"));
    assert_eq!(results[0]["objectType"], "KalturaRoomEntry");
    assert_eq!(results[0]["id"], s.room_id.as_str());
    assert_eq!(
        results[1],
        json!({"code": "ENTRY_ID_NOT_FOUND", "message": "Entry id \"1_nothere\" not found",
               "objectType": "KalturaAPIException", "args": {"ENTRY_ID": "1_nothere"}})
    );
    assert_eq!(results[2]["objectType"], "KalturaReportTotal");
    assert_eq!(results[3]["code"], "INVALID_KS");
    assert_eq!(results[3]["args"]["KSID"], "EXPIRED");
    assert_eq!(results[4]["code"], "INVALID_KS");
    assert_eq!(results[4]["args"]["KSID"], "djJ8OTk5fA");
    assert_eq!(
        results[5],
        json!({"objects": [], "totalCount": 0, "objectType": "KalturaScheduleEventListResponse"})
    );
    // Byte-exact JSON of an error slot next to a result; numbering from 1 works too.
    let r = post_json(
        &mr_url(&sim),
        json!({"format": 1, "ks": ks,
               "1": report("getTotal", 60002, filter(&s.room_id, END + DAY, END + 2 * DAY), None),
               "2": {"service": "report", "action": "getTotal", "reportType": "99999", "reportInputFilter": {"fromDate": 1}}}),
    )
    .await;
    assert_eq!(
        r.text().await.unwrap(),
        r#"[{"header":"unique_vod_viewers|unique_combined_live_viewers|unique_vod_live_viewers","data":"0|0|0","objectType":"KalturaReportTotal"},{"code":"INVALID_ENUM_VALUE","message":"Invalid enumeration value \"99999\" for parameter \"reportType\", expecting enumeration type \"KalturaReportType\"","objectType":"KalturaAPIException","args":{"ENUM_VAL":"99999","PARAM_NAME":"reportType","ENUM_TYPE":"KalturaReportType"}}]"#
    );
    // A partner's entry is not found with another partner's KS.
    let other = sim.org().unwrap().rooms()[0].entry_id.clone();
    let default_sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    let r = one(
        &default_sim,
        json!({"service": "baseentry", "action": "get", "entryId": other}),
    )
    .await;
    assert_eq!(r["code"], "ENTRY_ID_NOT_FOUND");
    default_sim.shutdown().await;
    sim.shutdown().await;
}

#[tokio::test]
async fn single_calls_still_work_and_get_table_needs_a_pager() {
    let sim = kaltura_sim::start(demo()).await.unwrap();
    let s = edges(&sim).with_recording;
    let url = format!("{}/api_v3/service/report/action/getTable", sim.url());
    let mut call = report("getTable", 60010, session_filter(&s), None);
    call["ks"] = json!(primary_ks(&sim));
    call["format"] = json!(1);
    let r = post_json(&url, call.clone()).await;
    assert_eq!(
        r.text().await.unwrap(),
        r#"{"code":"MISSING_MANDATORY_PARAMETER","message":"Missing parameter \"pager\"","objectType":"KalturaAPIException","args":{"PARAM_NAME":"pager"}}"#
    );
    call["pager"] = json!({"pageSize": 5});
    let v: Value =
        serde_json::from_str(&post_json(&url, call).await.text().await.unwrap()).unwrap();
    assert_eq!(rows_of(&v).len(), 5);
    assert_eq!(v["totalCount"], s.attendees);
    sim.shutdown().await;
}

#[tokio::test]
async fn user_table_pages_cover_every_attendee_once() {
    let sim = kaltura_sim::start(demo()).await.unwrap();
    let s = edges(&sim).longer_than_eight_hours;
    let ks = primary_ks(&sim);
    let mut seen = Vec::new();
    for page in 1..=5 {
        let mut call = report("getTable", 60010, session_filter(&s), Some(10));
        call["pager"]["pageIndex"] = json!(page);
        let v = multirequest(&sim, &ks, vec![call]).await.remove(0);
        assert_eq!(v["totalCount"], 40);
        let rows = rows_of(&v);
        assert_eq!(rows.len(), if page <= 4 { 10 } else { 0 }, "page {page}");
        seen.extend(rows.into_iter().map(|r| r[0].clone()));
    }
    let whole = rows_of(
        &one(
            &sim,
            report("getTable", 60010, session_filter(&s), Some(500)),
        )
        .await,
    );
    let whole_ids: Vec<String> = whole.iter().map(|r| r[0].clone()).collect();
    assert_eq!(seen, whole_ids, "pages follow the same order");
    let minutes: Vec<f64> = whole.iter().map(|r| r[8].parse().unwrap()).collect();
    assert!(
        minutes.windows(2).all(|w| w[0] >= w[1]),
        "default order: most minutes first"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn timeline_is_zero_filled_minute_by_minute() {
    let sim = kaltura_sim::start(demo()).await.unwrap();
    let s = edges(&sim).with_recording;
    // The front end rounds the start down to the hour and ends at the session end.
    let from = s.start.div_euclid(3600) * 3600 - 1800 + 17;
    let v = one(
        &sim,
        report(
            "getTable",
            60004,
            filter(&s.room_id, from, s.end),
            Some(500),
        ),
    )
    .await;
    let rows = rows_of(&v);
    let positions: Vec<i64> = rows.iter().map(|r| r[0].parse().unwrap()).collect();
    let round = |t: i64| ((t as f64 / 60.0).round() as i64) * 60;
    assert_eq!(positions.first(), Some(&round(from)));
    assert_eq!(positions.last(), Some(&round(s.end)));
    assert!(positions.windows(2).all(|w| w[1] - w[0] == 60));
    assert_eq!(v["totalCount"], rows.len());
    for r in rows
        .iter()
        .filter(|r| r[0].parse::<i64>().unwrap() < s.start)
    {
        assert_eq!(r[1..], ["0", "0", "0", "0", "0", "0", "0"], "{r:?}");
    }
    let truth = sim
        .org()
        .unwrap()
        .session_dashboard_truth(&s.room_id, &s.cue_point_id)
        .unwrap();
    for m in &truth.timeline {
        let row = rows
            .iter()
            .find(|r| r[0] == m.position.to_string())
            .unwrap();
        assert_eq!(row[1], m.viewers.to_string());
        assert_eq!(row[2], php_float(m.engaged_ratio()));
    }
    let peak: u64 = rows
        .iter()
        .map(|r| r[1].parse::<u64>().unwrap())
        .max()
        .unwrap();
    assert!(peak > 1 && peak <= s.attendees);
    sim.shutdown().await;
}

/// 6001's rows of one session, read from the CSV over HTTP.
async fn attendee_csv_rows(sim: &SimHandle, s: &SessionRef) -> Vec<Vec<String>> {
    let r = post_json(
        &csv_url(sim),
        json!({"ks": primary_ks(sim), "format": 1, "id": 6001,
               "params": format!("from_date={};to_date={};entry_ids={};cue_point_ids={}", s.start, s.start + 1, s.room_id, s.cue_point_id)}),
    )
    .await;
    let text = r.text().await.unwrap();
    text.lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

#[tokio::test]
async fn dashboard_agrees_with_the_attendees_report() {
    let sim = kaltura_sim::start(demo()).await.unwrap();
    let e = edges(&sim);
    for s in [
        &e.with_recording,
        &e.longer_than_eight_hours,
        &e.no_chat_users,
    ] {
        let csv = attendee_csv_rows(&sim, s).await;
        assert_eq!(csv.len() as u64, s.attendees);
        let results = multirequest(
            &sim,
            &primary_ks(&sim),
            vec![
                report("getTotal", 60002, session_filter(s), None),
                report("getTotal", 60001, session_filter(s), None),
                report("getTable", 60010, session_filter(s), Some(500)),
            ],
        )
        .await;
        let unique: Vec<&str> = results[0]["data"].as_str().unwrap().split('|').collect();
        assert_eq!(
            unique,
            ["0", &csv.len().to_string(), &csv.len().to_string()]
        );
        let minutes: f64 = csv.iter().map(|r| r[6].parse::<f64>().unwrap()).sum();
        let avg: f64 = results[1]["data"]
            .as_str()
            .unwrap()
            .split('|')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        assert!((avg - minutes / csv.len() as f64).abs() < 1e-9, "{avg}");
        let mut table = rows_of(&results[2]);
        table.sort_by(|a, b| a[0].cmp(&b[0]));
        let clean = |v: &str| v.replace(['|', ';'], " ");
        let mut expected: Vec<Vec<String>> = csv
            .iter()
            .map(|r| {
                vec![
                    clean(&r[2]),
                    clean(&r[3]),
                    clean(&r[4]),
                    r[6].clone(),
                    r[7].clone(),
                ]
            })
            .collect();
        expected.sort_by(|a, b| a[0].cmp(&b[0]));
        // The CSV turned commas into spaces; the dashboard, delimited by `|`, keeps them.
        let csv_like = |v: &str| v.replace(',', " ");
        let got: Vec<Vec<String>> = table
            .iter()
            .map(|r| {
                vec![
                    csv_like(&r[0]),
                    csv_like(&r[1]),
                    csv_like(&r[2]),
                    r[8].clone(),
                    r[11].clone(),
                ]
            })
            .collect();
        assert_eq!(got, expected);
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn engagement_totals_follow_the_per_person_counts() {
    let sim = kaltura_sim::start(demo()).await.unwrap();
    let e = edges(&sim);
    let org = sim.org().unwrap();
    for s in [&e.with_recording, &e.no_chat_users, &e.hostile_names] {
        let truth = org
            .session_dashboard_truth(&s.room_id, &s.cue_point_id)
            .unwrap();
        let people = &truth.attendees;
        let mut cnc = session_filter(s);
        cnc["contextIdIn"] = json!(s.room_id);
        cnc["entryIdIn"] = json!("");
        let results = multirequest(
            &sim,
            &primary_ks(&sim),
            vec![
                report("getTotal", 60003, session_filter(s), None),
                report("getTotal", 70001, cnc, None),
            ],
        )
        .await;
        let users = |f: &dyn Fn(&kaltura_sim::AttendeeActivity) -> bool| {
            people.iter().filter(|p| f(p)).count().to_string()
        };
        let sum = |f: &dyn Fn(&kaltura_sim::AttendeeActivity) -> u64| {
            people.iter().map(f).sum::<u64>().to_string()
        };
        let engagement: Vec<&str> = results[0]["data"].as_str().unwrap().split('|').collect();
        assert_eq!(
            engagement,
            [
                php_float(truth.totals.engaged_play_time_ratio).as_str(),
                &users(&|p| p.downloads > 0),
                &sum(&|p| p.downloads),
                &people.len().to_string(),
                &users(&|p| p.reaction_count() > 0),
                &sum(&|p| p.reaction_count()),
            ]
        );
        let participation: Vec<&str> = results[1]["data"].as_str().unwrap().split('|').collect();
        assert_eq!(
            participation,
            [
                sum(&|p| p.reaction_count()),
                users(&|p| p.reaction_count() > 0),
                sum(&|p| p.group_messages),
                users(&|p| p.group_messages > 0),
                users(&|p| p.polls_answered > 0),
                users(&|p| p.q_and_a_threads > 0),
                sum(&|p| p.q_and_a_threads),
                users(&|p| p.private_messages > 0),
                users(&|p| p.logged_in_chat),
            ]
        );
        if s == &e.no_chat_users {
            assert_eq!(participation[8], "0");
        } else {
            assert_ne!(participation[8], "0");
        }
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn edge_sessions_are_there_and_the_room_lists_its_sessions() {
    let sim = kaltura_sim::start(demo()).await.unwrap();
    let e = edges(&sim);
    let org = sim.org().unwrap();
    assert!(e.longer_than_eight_hours.end - e.longer_than_eight_hours.start > 8 * 3600);
    // Each edge session is alone in its room's window, so its dashboard is its own.
    for s in [
        &e.no_chat_users,
        &e.with_recording,
        &e.longer_than_eight_hours,
        &e.hostile_names,
    ] {
        assert_eq!(
            org.room_sessions(&s.room_id, s.start, s.end),
            vec![s.clone()]
        );
    }
    assert!(org.recording_for_room(&e.with_recording.room_id).is_some());
    let hostile = org
        .session_dashboard_truth(&e.hostile_names.room_id, &e.hostile_names.cue_point_id)
        .unwrap();
    let names: Vec<&str> = hostile
        .attendees
        .iter()
        .map(|a| a.user_name.as_str())
        .collect();
    for wanted in [
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "李小龙",
        "Smith, John",
    ] {
        assert!(names.contains(&wanted), "{wanted}: {names:?}");
    }
    let ks = primary_ks(&sim);
    let s = &e.with_recording;
    let lookups = multirequest(
        &sim,
        &ks,
        vec![
            json!({"service": "baseentry", "action": "get", "entryId": s.room_id}),
            json!({"service": "cuepoint_cuepoint", "action": "list",
                   "filter": {"objectType": "KalturaSessionCuePointFilter", "orderBy": "-startTime",
                              "cuePointTypeEqual": "sessionCuePoint.Session", "entryIdEqual": s.room_id,
                              "endTimeLessThanOrEqual": END}}),
            json!({"service": "cuepoint_cuepoint", "action": "list",
                   "filter": {"objectType": "KalturaSessionCuePointFilter", "entryIdEqual": s.room_id,
                              "endTimeLessThanOrEqual": s.end},
                   "pager": {"pageSize": 3, "pageIndex": 2}}),
        ],
    )
    .await;
    let recording = org.recording_for_room(&s.room_id).unwrap();
    assert_eq!(lookups[0]["redirectEntryId"], recording.entry_id.as_str());
    assert_eq!(lookups[0]["type"], "room.room");
    let list = &lookups[1];
    assert_eq!(list["objectType"], "KalturaCuePointListResponse");
    let objects = list["objects"].as_array().unwrap();
    assert_eq!(objects.len(), 30, "default page");
    let total = list["totalCount"].as_u64().unwrap();
    assert!(total > 30);
    let starts: Vec<i64> = objects
        .iter()
        .map(|o| o["startTime"].as_i64().unwrap())
        .collect();
    assert!(starts.windows(2).all(|w| w[0] >= w[1]), "newest first");
    for o in objects {
        assert_eq!(o["objectType"], "KalturaSessionCuePoint");
        assert_eq!(
            o["duration"].as_i64().unwrap(),
            o["endTime"].as_i64().unwrap() - o["startTime"].as_i64().unwrap()
        );
    }
    let all = org.room_cue_points(&s.room_id, END);
    assert_eq!(all.len() as u64, total);
    assert!(all.iter().any(|c| c.id == s.cue_point_id));
    assert!(
        all.iter().any(|c| c.start == c.end),
        "zero-duration cue points are listed"
    );
    let sessions = org.room_sessions(&s.room_id, org.first_day() * DAY, END);
    assert_eq!(
        sessions.len(),
        all.iter().filter(|c| c.end > c.start).count(),
        "every other cue point is a 6000 session"
    );
    let ending_by: Vec<&kaltura_sim::CuePoint> = all.iter().filter(|c| c.end <= s.end).collect();
    assert_eq!(lookups[2]["totalCount"], ending_by.len());
    let page: Vec<&str> = lookups[2]["objects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = ending_by[3..6].iter().map(|c| c.id.as_str()).collect();
    assert_eq!(page, expected);
    // The recording's plays and impressions match the ground truth over a month.
    let window = filter(&recording.entry_id, END - 30 * DAY, END);
    let total = one(&sim, report("getTotal", 60005, window, None)).await;
    let truth = org
        .recording_truth(&recording.entry_id, END - 30 * DAY, END)
        .unwrap();
    assert!(truth.plays > 0 && truth.loads >= truth.plays);
    assert_eq!(
        total["data"],
        format!(
            "{}|{}|{}|{}|{}",
            truth.plays,
            truth.loads,
            php_float(truth.view_minutes),
            truth.unique_viewers,
            php_float(truth.avg_completion_rate)
        )
    );
    assert!(org.busiest_room(END - 30 * DAY, END).is_some());
    sim.shutdown().await;
}

#[tokio::test]
async fn one_user_heat_map_fills_offline_minutes() {
    let sim = kaltura_sim::start(demo()).await.unwrap();
    let s = edges(&sim).longer_than_eight_hours;
    let truth = sim
        .org()
        .unwrap()
        .session_dashboard_truth(&s.room_id, &s.cue_point_id)
        .unwrap();
    let person = truth
        .attendees
        .iter()
        .find(|a| a.view_seconds < 4 * 3600)
        .unwrap();
    let mut f = session_filter(&s);
    f["userIds"] = json!(person.user_id);
    let v = one(&sim, report("getTable", 60011, f, Some(600))).await;
    let rows = rows_of(&v);
    let round = |t: i64| ((t as f64 / 60.0).round() as i64) * 60;
    assert_eq!(rows.len() as i64, (round(s.end) - round(s.start)) / 60 + 1);
    for r in &rows {
        let minute: i64 = r[0].parse().unwrap();
        if person.present_at(minute) {
            assert_ne!(r[1], "Offline");
            assert_eq!(r[2], "1");
            let engaged = r[1].contains("SoundOn") && r[1].contains("TabFocused")
                || r[1].contains("CameraOn")
                || r[1].contains("OnStage");
            assert_eq!(engaged, person.engaged_at(minute), "{r:?}");
        } else {
            assert_eq!(r[1..], ["Offline", "0"], "{r:?}");
        }
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn a_5000_attendee_eight_hour_session_is_served_quickly() {
    let config = SimConfig {
        data_end: Some(END),
        ..SimConfig::demo().with_primary_profile(OrgProfile::demo_marathon())
    };
    let sim = kaltura_sim::start(config).await.unwrap();
    let org = sim.org().unwrap();
    let s = org.marathon_session().unwrap();
    assert_eq!((s.attendees, s.end - s.start), (5000, 8 * 3600));
    let busiest = org.busiest_room(END - 7 * DAY, END).unwrap();
    assert_eq!(busiest.room.entry_id, s.room_id);
    let ks = primary_ks(&sim);
    let f = session_filter(&s);
    let calls = vec![
        report("getTotal", 60001, f.clone(), None),
        report("getTotal", 60002, f.clone(), None),
        report("getTotal", 60003, f.clone(), None),
        report("getTable", 60004, f.clone(), Some(500)),
        report("getTable", 60006, f.clone(), Some(5)),
        report("getTable", 60007, f.clone(), Some(500)),
        report("getTable", 60010, f.clone(), Some(10)),
        report("getTotal", 60010, f.clone(), None),
    ];
    let started = Instant::now();
    let results = multirequest(&sim, &ks, calls).await;
    let took = started.elapsed();
    // The window also holds the room's other sessions that start during those eight hours.
    let mut people = std::collections::BTreeSet::new();
    for other in org.room_sessions(&s.room_id, s.start, s.end) {
        let truth = org
            .session_dashboard_truth(&other.room_id, &other.cue_point_id)
            .unwrap();
        people.extend(truth.attendees.into_iter().map(|a| a.user_id));
    }
    assert!(people.len() >= 5000);
    assert_eq!(
        results[1]["data"],
        format!("0|{}|{}", people.len(), people.len())
    );
    assert_eq!(results[3]["totalCount"], 481);
    assert_eq!(results[6]["totalCount"], people.len());
    // Eight reports over 5,000 people in one round trip, well under a second even in a debug
    // build (about 0.1 s on two cores).
    assert!(took.as_secs_f64() < 1.0, "{took:?}");
    eprintln!("5,000 x 8 h: eight reports in {took:?}");
    sim.shutdown().await;
}
