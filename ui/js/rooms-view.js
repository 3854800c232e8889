// The Rooms screen: pick a room (those seen in the reports open now, or any by its ID), then one
// of its sessions, and read that session's dashboard as Rust computes it by Kaltura's formulas —
// the viewers, minutes and engagement cards, recording plays, every attendee (searchable,
// sortable), countries and devices. Dashboards already loaded in this run come back at once.
// It computes no figure; it only formats and lays out what Rust sends.

import { el, clear } from "./dom.js";
import { commands } from "./backend.js";
import { showError, dismissBanner } from "./banner.js";
import { currentAccount } from "./store.js";
import { formatCount, formatDecimal, formatMinutes, formatDateTime, zoneName, plural } from "./format.js";

/** @typedef {import("../contract/DashboardView").DashboardView} DashboardView */
/** @typedef {import("../contract/RoomSeen").RoomSeen} RoomSeen */

const DASH = "—";
/** @type {import("../contract/AttendeeProfile").AttendeeProfile} */
const NO_PROFILE = { email: "", role: "", company: "", industry: "", country: "" };

/** A percentage Rust sends as 0–100 (null where Kaltura's page divides by zero). */
function pct(value) {
  return typeof value === "number" && Number.isFinite(value) ? `${formatDecimal(value)}%` : DASH;
}

/** RFC 3339 → Unix seconds. */
const unix = (iso) => Math.floor(Date.parse(iso) / 1000);

/** "3 Mar 2026, 14:05 – 15:30 (1 h 25 min)". */
export function sessionLabel(session) {
  const start = unix(session.start);
  const end = unix(session.end);
  const endTime = new Date(end * 1000).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  return `${formatDateTime(start)} – ${endTime} (${formatMinutes((end - start) / 60)})`;
}

/**
 * A card: label, value, and a second line with why a value is missing.
 * @param {string} id @param {string} label @param {string} value @param {string} [note]
 */
function card(id, label, value, note = "") {
  return el(
    "div",
    { class: "card", id: `rooms-card-${id}` },
    el("p", { class: "card-label" }, label),
    el("p", { class: "card-value" }, value),
    note ? el("p", { class: "card-note" }, note) : null,
  );
}

/** The overview cards of a dashboard. @param {DashboardView} d */
export function dashboardCards(d) {
  const v = d.viewers;
  const e = d.engagement;
  const noLive = "No live viewers, so Kaltura computes no share.";
  const noChat = "Nobody was signed in to the chat, so Kaltura computes no share.";
  const noteIfMissing = (value, why, text) => (value === null || value === undefined ? why : text);
  return [
    card("viewers", "Unique viewers", formatCount(v.unique), `Live ${pct(v.live_pct)} · recording ${pct(v.recording_pct)} · both ${pct(v.both_pct)}`),
    card("minutes", "Average minutes viewed", formatMinutes(d.minutes.live_avg), d.recording_plays === null ? "live (this room has no recording)" : `live; ${formatMinutes(d.minutes.recording_avg)} from the recording`),
    card("engagement", "Live engagement rate", pct(e.rate_pct), noteIfMissing(e.rate_pct, noLive, "time viewers were engaged, live")),
    card("reactions", "Sent reactions", pct(e.reactions_pct), noteIfMissing(e.reactions_pct, noLive, `${formatCount(e.reactions)} reactions`)),
    card("messages", "Group chat messages", pct(e.messages_pct), noteIfMissing(e.messages_pct, noChat, `${formatCount(e.messages)} messages`)),
    card("polls", "Poll participation", pct(e.polls_pct), noteIfMissing(e.polls_pct, noChat, "of chat users answered")),
    card("questions", "Q&A threads", pct(e.questions_pct), noteIfMissing(e.questions_pct, noChat, `${formatCount(e.questions)} threads`)),
    card("downloads", "Attachments downloaded", pct(e.downloads_pct), noteIfMissing(e.downloads_pct, noLive, `${formatCount(e.downloads)} downloads`)),
    card("plays", "Recording plays", d.recording_plays === null ? DASH : formatCount(d.recording_plays), d.recording_plays === null ? "This room has no recording." : ""),
  ];
}

/** Attendee columns: key, label, how a value is written, numeric. */
const ATTENDEE_COLUMNS = [
  { key: "name", label: "Name", format: (v) => (v ? String(v) : DASH), numeric: false },
  { key: "minutes", label: "Minutes viewed", format: formatMinutes, numeric: true },
  { key: "engagement_pct", label: "Live engagement", format: pct, numeric: true },
  { key: "reactions", label: "Reactions", format: formatCount, numeric: true },
  { key: "messages", label: "Chat messages", format: formatCount, numeric: true },
  { key: "polls", label: "Polls answered", format: formatCount, numeric: true },
  { key: "questions", label: "Q&A threads", format: formatCount, numeric: true },
  { key: "downloads", label: "Downloads", format: formatCount, numeric: true },
  { key: "raised_hands", label: "Raised hands", format: formatCount, numeric: true },
];

/**
 * Attendees matching `search` (at least `min` letters; fewer shows everyone), sorted.
 * @param {DashboardView} d @param {string} search @param {number} min
 * @param {{ key: string, descending: boolean }} sort
 * @returns {number[]} indexes into d.attendees
 */
export function attendeeOrder(d, search, min, sort) {
  const needle = search.trim().toLocaleLowerCase();
  const matches = (i) => {
    if (needle.length < min) return true;
    const a = d.attendees[i];
    const p = d.profiles[i] ?? NO_PROFILE;
    return [a.name, a.user_id, p.email].some((t) => String(t ?? "").toLocaleLowerCase().includes(needle));
  };
  const indexes = d.attendees.map((_, i) => i).filter(matches);
  const value = (i) => /** @type {any} */ (d.attendees[i])[sort.key];
  indexes.sort((x, y) => {
    const a = value(x);
    const b = value(y);
    const order = typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b));
    return sort.descending ? -order : order;
  });
  return indexes;
}

/** A plain table of `rows` (arrays of text) under `headings`; numeric columns right-aligned. */
function plainTable(id, caption, headings, numeric, rows) {
  return el(
    "div",
    { class: "plain-table-wrap", tabindex: "0", role: "region", "aria-label": caption },
    el(
      "table",
      { class: "plain-table", id },
      el("caption", { class: "visually-hidden" }, caption),
      el("thead", {}, el("tr", {}, headings.map((h, i) => el("th", { scope: "col", class: numeric[i] && "numeric" }, h)))),
      el("tbody", {}, rows.map((row) => el("tr", {}, row.map((cell, i) => el("td", { class: numeric[i] && "numeric" }, cell))))),
    ),
  );
}

/** @typedef {import("../contract/ChartView").ChartView} ChartView */

/**
 * A chart as Rust draws it: the SVG as an image (never as markup, so no text in it can become
 * HTML), its title, and its figures as a table for screen readers and anyone who wants numbers.
 * With `points` (the timeline), hovering shows the minute under the pointer.
 * @param {string} id @param {ChartView} chart @param {() => void} onSave "Save as SVG…"
 */
function chartFigure(id, chart, onSave) {
  const img = el("img", {
    id: `chart-${id}`,
    class: "chart",
    src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(chart.svg)}`,
    alt: `${chart.title}. The figures are in the table below.`,
    width: String(chart.width),
    height: String(chart.height),
  });
  const tip = el("div", { class: "chart-tip", role: "status", hidden: true });
  const frame = el("div", { class: "chart-frame" }, img, tip);
  if (chart.points.length > 0) {
    img.addEventListener("mousemove", (event) => {
      const scale = chart.width / Math.max(1, img.clientWidth);
      const x = event.offsetX * scale;
      let best = 0;
      for (let i = 1; i < chart.points.length; i += 1) {
        if (Math.abs(chart.points[i].x - x) < Math.abs(chart.points[best].x - x)) best = i;
      }
      const row = chart.rows[best] ?? [];
      tip.textContent = row.map((value, i) => `${chart.columns[i] ?? ""}: ${value}`).join(" · ");
      const point = chart.points[best];
      tip.style.left = `${(point.x / scale).toFixed(0)}px`;
      tip.style.top = `${((point.y_viewers ?? point.y_engagement ?? 0) / scale).toFixed(0)}px`;
      tip.hidden = false;
    });
    img.addEventListener("mouseleave", () => {
      tip.hidden = true;
    });
  }
  const table = el(
    "details",
    { class: "chart-table" },
    el("summary", {}, "Show the figures as a table"),
    plainTable(`chart-${id}-table`, chart.title, chart.columns, chart.columns.map((_, i) => i > 0), chart.rows),
  );
  const save = el("button", { type: "button", class: "chart-save", id: `save-chart-${id}` }, "Save as SVG…");
  save.addEventListener("click", onSave);
  return el(
    "figure",
    { class: "chart-figure", id: `figure-${id}` },
    el("figcaption", { class: "visually-hidden" }, chart.title),
    frame,
    chart.note ? el("p", { class: "card-note" }, chart.note) : null,
    el("div", { class: "chart-actions" }, table, save),
  );
}

/** A button that saves something through the system's save dialog. */
function saveButton(id, label, onClick) {
  const button = el("button", { type: "button", id, class: "save-table" }, label);
  button.addEventListener("click", onClick);
  return button;
}

/**
 * Adds the Rooms screen to `root` (hidden until the router shows it).
 * @param {HTMLElement} root
 * @param {{ store: import("./store.js").Store<import("./store.js").AppState> }} options
 */
export function mountRoomsView(root, { store }) {
  const roomsList = el("ul", { class: "rooms-list", id: "rooms-list", "aria-label": "Rooms in your open reports" });
  const roomInput = el("input", { type: "text", id: "room-id", name: "room_id", autocomplete: "off", spellcheck: "false", placeholder: "e.g. 1_abcd1234" });
  const openButton = el("button", { type: "submit", class: "primary", id: "room-open" }, "Show");
  const byIdForm = el(
    "form",
    { class: "controls rooms-by-id", id: "room-by-id", novalidate: true },
    el("div", { class: "control-row" }, el("div", { class: "field" }, el("label", { for: "room-id" }, "Open a room by ID"), roomInput), el("div", { class: "field field-button" }, openButton)),
  );
  const sessionPicker = el("select", { id: "session-picker", "aria-label": "Session" });
  const sessionField = el("div", { class: "field", id: "session-field", hidden: true }, el("label", { for: "session-picker" }, `Session (times in ${zoneName()})`), sessionPicker);
  const status = el("p", { class: "rooms-status", id: "rooms-status", role: "status", "aria-live": "polite" });
  const cards = el("section", { class: "cards", id: "rooms-cards", "aria-label": "Session overview" });
  const search = el("input", { type: "search", id: "attendees-search", autocomplete: "off", spellcheck: "false" });
  const attendeesHost = el("div", { id: "attendees-host" });
  const saveAttendees = el("button", { type: "button", id: "save-attendees" }, "Save as CSV…");
  const placesHost = el("div", { class: "rooms-places", id: "places-host" });
  const timelineHost = el("section", { class: "rooms-timeline", id: "timeline-host", "aria-label": "Session timeline" });
  const recordingHost = el("section", { class: "rooms-recording", id: "recording-host", "aria-label": "Recording", hidden: true });
  const dashboard = el(
    "div",
    { class: "rooms-dashboard", id: "rooms-dashboard", hidden: true },
    cards,
    timelineHost,
    el("section", { class: "table-panel rooms-attendees", "aria-labelledby": "attendees-title" },
      el("div", { class: "table-toolbar" }, el("h2", { id: "attendees-title", class: "panel-title" }, "Viewer engagement"), el("div", { class: "search-field" }, el("label", { for: "attendees-search", class: "visually-hidden" }, "Search attendees"), search), saveAttendees),
      attendeesHost),
    placesHost,
    recordingHost,
  );
  const title = el("h1", { id: "rooms-title" }, "Rooms");
  const subtitle = el("p", { class: "view-subtitle", id: "rooms-subtitle" }, "Pick a room, then a session, to see its dashboard.");
  const element = el(
    "section",
    { class: "view", id: "view-rooms", "aria-labelledby": "rooms-title", hidden: true, dataset: { state: "idle" } },
    el("header", { class: "view-header" }, el("div", { class: "view-heading" }, title, subtitle)),
    el("div", { class: "rooms-pick" }, byIdForm, el("div", { class: "rooms-seen" }, el("h2", { class: "panel-title" }, "Rooms in your open reports"), roomsList)),
    el("div", { class: "controls" }, el("div", { class: "control-row" }, sessionField)),
    status,
    dashboard,
  );
  root.appendChild(element);

  const darkMode = globalThis.matchMedia?.("(prefers-color-scheme: dark)");
  /** @type {DashboardView | null} */
  let shown = null;
  let roomId = "";
  let sort = { key: "minutes", descending: true };
  const searchMin = () => store.get().reports[0]?.search_min ?? 3;
  search.placeholder = `Search by name — ${searchMin()} letters or more`;

  function setState(state) {
    element.dataset.state = state;
  }

  /** What the save dialog gave back, in the status line; an error in the banner. */
  function saved(promise) {
    promise
      .then((result) => {
        if (result.saved) status.textContent = `Saved to ${result.path}`;
      })
      .catch((error) => showError(error));
  }

  /** @param {"attendees" | "countries" | "devices" | "timeline"} table */
  function saveTable(table) {
    const account = currentAccount(store.get());
    if (!shown || !account) return;
    const defaults = store.get().exportDefaults;
    saved(
      commands.saveSessionTable({
        account_id: account.id,
        room_id: shown.room.id,
        session_id: shown.session.id,
        table,
        options: { headers: defaults.headers, bom: defaults.bom, delimiter: defaults.delimiter, neutralise_formulas: true },
      }),
    );
  }

  /** @param {string} chart */
  function saveChart(chart) {
    const account = currentAccount(store.get());
    if (!shown || !account) return;
    saved(commands.saveSessionChart({ account_id: account.id, room_id: shown.room.id, session_id: shown.session.id, chart, dark: false }));
  }

  function renderAttendees() {
    clear(attendeesHost);
    if (!shown) return;
    const d = shown;
    const order = attendeeOrder(d, search.value, searchMin(), sort);
    const header = el("tr", {}, ATTENDEE_COLUMNS.map((c) => {
      const active = sort.key === c.key;
      const button = el("button", { type: "button", class: "vtable-sort", dataset: { column: c.key } }, c.label, active ? (sort.descending ? " ↓" : " ↑") : "");
      button.addEventListener("click", () => {
        sort = { key: c.key, descending: active ? !sort.descending : c.numeric };
        renderAttendees();
      });
      return el("th", { scope: "col", class: c.numeric && "numeric", "aria-sort": active ? (sort.descending ? "descending" : "ascending") : "none" }, button);
    }));
    const rows = order.map((i) => {
      const a = d.attendees[i];
      const p = d.profiles[i] ?? NO_PROFILE;
      const details = [p.email, p.role, p.company, p.industry, p.country].filter(Boolean).join(" · ");
      const cells = ATTENDEE_COLUMNS.map((c) => el("td", { class: c.numeric && "numeric" }, c.format(/** @type {any} */ (a)[c.key])));
      const toggle = el("button", { type: "button", class: "attendee-name", "aria-expanded": "false", title: details || null }, a.name || a.user_id || DASH);
      cells[0] = el("td", {}, toggle);
      const row = el("tr", {}, cells);
      toggle.addEventListener("click", () => toggleDetail(d, i, row, toggle, details));
      return row;
    });
    attendeesHost.appendChild(
      el("div", { class: "plain-table-wrap", tabindex: "0", role: "region", "aria-label": "Viewer engagement" },
        el("table", { class: "plain-table", id: "attendees-table" }, el("thead", {}, header), el("tbody", {}, rows))),
    );
    attendeesHost.appendChild(el("p", { class: "row-count", id: "attendees-count" }, `Showing ${formatCount(order.length)} of ${formatCount(d.attendees.length)} ${plural(d.attendees.length, "attendee").replace(/^\S+\s/, "")}`));
  }

  /**
   * Opens or closes the row under an attendee: who they are, their Q&A threads, downloads and
   * raised hands, and their minute-by-minute engagement strip (asked of Kaltura when opened).
   * @param {DashboardView} d @param {number} i @param {HTMLElement} row @param {HTMLElement} toggle @param {string} details
   */
  function toggleDetail(d, i, row, toggle, details) {
    const open = row.nextElementSibling?.classList.contains("attendee-detail");
    if (open) {
      row.nextElementSibling?.remove();
      toggle.setAttribute("aria-expanded", "false");
      return;
    }
    const a = d.attendees[i];
    const strip = el("div", { class: "attendee-strip" }, el("p", { class: "rooms-status" }, "Loading this person's minutes…"));
    const detail = el(
      "tr",
      { class: "attendee-detail" },
      el(
        "td",
        { colspan: String(ATTENDEE_COLUMNS.length) },
        details ? el("p", { class: "room-meta" }, details) : null,
        el("p", { class: "room-meta" }, `Q&A threads ${formatCount(a.questions)} · downloads ${formatCount(a.downloads)} · raised hands ${formatCount(a.raised_hands)}`),
        strip,
      ),
    );
    row.after(detail);
    toggle.setAttribute("aria-expanded", "true");
    const account = currentAccount(store.get());
    if (!account) return;
    commands
      .attendeeHeatmap({ account_id: account.id, room_id: d.room.id, session_id: d.session.id, user_id: a.user_id, dark: Boolean(darkMode?.matches) })
      .then((chart) => {
        clear(strip);
        strip.appendChild(
          el("img", {
            class: "chart strip",
            src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(chart.svg)}`,
            alt: `${a.name || a.user_id}: engagement per minute (darker is more engaged). ${chart.note ?? ""}`,
            width: String(chart.width),
            height: String(chart.height),
          }),
        );
        strip.appendChild(el("p", { class: "room-meta" }, "Each mark is a minute: darker is more engaged, blank is away."));
      })
      .catch((error) => {
        clear(strip);
        showError(error);
      });
  }

  /** @param {DashboardView} d */
  function render(d) {
    shown = d;
    title.textContent = d.room.name || d.room.id;
    subtitle.textContent = `Room ${d.room.id} · ${plural(d.sessions.length, "session")} · times in ${zoneName()}`;
    clear(sessionPicker);
    for (const s of d.sessions) sessionPicker.appendChild(el("option", { value: s.id, selected: s.id === d.session.id }, sessionLabel(s)));
    sessionField.hidden = d.sessions.length === 0;
    clear(cards);
    for (const c of dashboardCards(d)) cards.appendChild(c);
    renderAttendees();
    clear(placesHost);
    placesHost.appendChild(saveButton("save-countries", "Save countries as CSV…", () => saveTable("countries")));
    placesHost.appendChild(saveButton("save-devices", "Save devices as CSV…", () => saveTable("devices")));
    placesHost.appendChild(plainTable("countries-table", "Countries", ["Country", "Live viewers", "Recording viewers"], [false, true, true], d.countries.map((c) => [c.name || c.code || DASH, formatCount(c.live), formatCount(c.recording)])));
    placesHost.appendChild(plainTable("devices-table", "Top devices", ["Device", "Live viewers", "Recording viewers"], [false, true, true], d.devices.map((c) => [c.device || DASH, formatCount(c.live), formatCount(c.recording)])));
    clear(recordingHost);
    recordingHost.hidden = !d.recording;
    if (d.recording) {
      const r = d.recording;
      recordingHost.appendChild(el("h2", { class: "panel-title" }, "Recording"));
      recordingHost.appendChild(
        el(
          "div",
          { class: "cards", id: "recording-cards" },
          card("recording-plays", "Plays", formatCount(r.plays), "in the session's window"),
          card("recording-impressions", "Impressions", formatCount(r.impressions), "times the player was loaded"),
          card("recording-minutes", "Minutes viewed", formatMinutes(r.minutes_viewed)),
          card("recording-completion", "Average completion", pct(r.average_completion_pct)),
        ),
      );
    }
    dashboard.hidden = false;
    loadCharts(d);
  }

  /** Asks Rust for the charts of the dashboard on screen, in the current light or dark mode. */
  async function loadCharts(d) {
    const account = currentAccount(store.get());
    if (!account) return;
    clear(timelineHost);
    timelineHost.appendChild(el("p", { class: "rooms-status" }, "Drawing the charts…"));
    try {
      const charts = await commands.sessionCharts({ account_id: account.id, room_id: d.room.id, session_id: d.session.id, dark: Boolean(darkMode?.matches) });
      if (shown !== d) return;
      clear(timelineHost);
      timelineHost.appendChild(chartFigure("timeline", charts.timeline, () => saveChart("timeline")));
      timelineHost.appendChild(saveButton("save-timeline", "Save the minutes as CSV…", () => saveTable("timeline")));
      placesHost.prepend(chartFigure("countries", charts.countries, () => saveChart("countries")), chartFigure("devices", charts.devices, () => saveChart("devices")));
      if (charts.recording_plays) recordingHost.appendChild(chartFigure("recording-plays", charts.recording_plays, () => saveChart("recording_plays")));
    } catch (error) {
      if (shown === d) clear(timelineHost);
      showError(error);
    }
  }
  darkMode?.addEventListener?.("change", () => {
    if (shown) {
      clear(placesHost);
      render(shown);
    }
  });

  /** Loads the dashboard of `room` (and `session`, or its newest). */
  async function load(room, session = null) {
    const account = currentAccount(store.get());
    if (!account) {
      showError({ code: "invalid_input", category: "input", message: "Choose an account in the sidebar first, or add one in Settings." });
      return;
    }
    roomId = room;
    dismissBanner();
    setState("loading");
    status.textContent = session ? "Loading the session…" : `Loading the newest session of ${room}…`;
    try {
      const d = await commands.sessionDashboard({ account_id: account.id, room_id: room, session_id: session });
      if (roomId !== room) return;
      render(d);
      status.textContent = d.from_memory ? "Shown from earlier in this run." : "";
      setState("done");
    } catch (error) {
      if (roomId !== room) return;
      status.textContent = "";
      setState("error");
      showError(error);
    }
  }

  async function refreshRooms() {
    try {
      const rooms = await commands.listRooms();
      clear(roomsList);
      if (rooms.length === 0) {
        roomsList.appendChild(el("li", { class: "rooms-empty" }, "No rooms yet: fetch or open a Room data report under Reports, or type a room ID above."));
      }
      for (const r of rooms.slice(0, 200)) {
        const button = el("button", { type: "button", class: "room-option", dataset: { roomId: r.id } },
          el("span", { class: "room-name" }, r.name || r.id),
          el("span", { class: "room-meta" }, [r.id, r.sessions ? plural(r.sessions, "session") : null, r.newest_session ? `newest ${formatDateTime(r.newest_session)}` : null].filter(Boolean).join(" · ")));
        button.addEventListener("click", () => load(r.id));
        roomsList.appendChild(el("li", {}, button));
      }
    } catch (error) {
      showError(error);
    }
  }

  byIdForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const id = roomInput.value.trim();
    if (!id) {
      roomInput.setAttribute("aria-invalid", "true");
      roomInput.focus();
      return;
    }
    roomInput.removeAttribute("aria-invalid");
    load(id);
  });
  sessionPicker.addEventListener("change", () => load(roomId, sessionPicker.value));
  search.addEventListener("input", () => renderAttendees());
  saveAttendees.addEventListener("click", () => saveTable("attendees"));
  const stopHearing = store.subscribe((state) => {
    if (state.route === "rooms") refreshRooms();
  }, ["route", "report"]);

  return {
    element,
    load,
    unmount() {
      stopHearing();
      element.remove();
    },
  };
}
