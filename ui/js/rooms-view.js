// The Rooms screen: pick a room (those seen in the reports open now, or any by its ID), then one
// of its sessions, and read that session's dashboard as Rust computes it by Kaltura's formulas —
// the viewers, minutes and engagement cards, recording plays, every attendee (searchable,
// sortable), countries and devices. Dashboards already loaded in this run come back at once; one
// the library kept (opened from the Library screen, or shown when Kaltura is out of reach) is
// shown the same way with a line saying so, and nothing about it is asked of Kaltura.
// It computes no figure; it only formats and lays out what Rust sends.

import { el, clear } from "./dom.js";
import { commands } from "./backend.js";
import { showError, dismissBanner } from "./banner.js";
import { currentAccount } from "./store.js";
import { formatCount, formatPercentPoints, formatMinutes, formatDateTime, formatTime, zoneName, plural } from "./format.js";
import { mountAttendeeGrid, profileLine } from "./attendee-grid.js";
import { isDark, onThemeChange } from "./appearance.js";
import { mountExportSheet } from "./export-sheet.js";
import { mountPdfSheet } from "./pdf-sheet.js";
import { chartFigure, plainTable } from "./chart-figure.js";
import { keptCopyLine } from "./kept-copy.js";

/** @typedef {import("../contract/DashboardView").DashboardView} DashboardView */
/** @typedef {import("../contract/RoomSeen").RoomSeen} RoomSeen */

const DASH = "—";
/** @type {import("../contract/AttendeeProfile").AttendeeProfile} */
const NO_PROFILE = { email: "", role: "", company: "", industry: "", country: "" };

/** RFC 3339 → Unix seconds. */
const unix = (iso) => Math.floor(Date.parse(iso) / 1000);

/** "3 Mar 2026, 14:05 – 15:30 (1 h 25 min)". */
export function sessionLabel(session) {
  const start = unix(session.start);
  const end = unix(session.end);
  return `${formatDateTime(start)} – ${formatTime(end)} (${formatMinutes((end - start) / 60)})`;
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
    card("viewers", "Unique viewers", formatCount(v.unique), `Live ${formatPercentPoints(v.live_pct)} · recording ${formatPercentPoints(v.recording_pct)} · both ${formatPercentPoints(v.both_pct)}`),
    card("minutes", "Average minutes viewed", formatMinutes(d.minutes.live_avg), d.recording_plays === null ? "live (this room has no recording)" : `live; ${formatMinutes(d.minutes.recording_avg)} from the recording`),
    card("engagement", "Live engagement rate", formatPercentPoints(e.rate_pct), noteIfMissing(e.rate_pct, noLive, "time viewers were engaged, live")),
    card("reactions", "Sent reactions", formatPercentPoints(e.reactions_pct), noteIfMissing(e.reactions_pct, noLive, `${formatCount(e.reactions)} reactions`)),
    card("messages", "Group chat messages", formatPercentPoints(e.messages_pct), noteIfMissing(e.messages_pct, noChat, `${formatCount(e.messages)} messages`)),
    card("polls", "Poll participation", formatPercentPoints(e.polls_pct), noteIfMissing(e.polls_pct, noChat, "of chat users answered")),
    card("questions", "Q&A threads", formatPercentPoints(e.questions_pct), noteIfMissing(e.questions_pct, noChat, `${formatCount(e.questions)} threads`)),
    card("downloads", "Attachments downloaded", formatPercentPoints(e.downloads_pct), noteIfMissing(e.downloads_pct, noLive, `${formatCount(e.downloads)} downloads`)),
    card("plays", "Recording plays", d.recording_plays === null ? DASH : formatCount(d.recording_plays), d.recording_plays === null ? "This room has no recording." : ""),
  ];
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
  const pdfButton = el("button", { type: "button", id: "session-pdf", title: "A PDF of this session to print or forward" }, "Download report…");
  const sessionControls = el(
    "div",
    { class: "controls", hidden: true },
    el("div", { class: "control-row" }, sessionField, el("div", { class: "field field-button" }, pdfButton)),
  );
  const status = el("p", { class: "rooms-status", id: "rooms-status", role: "status", "aria-live": "polite" });
  const cards = el("section", { class: "cards", id: "rooms-cards", "aria-label": "Session overview" });
  const search = el("input", { type: "search", id: "attendees-search", autocomplete: "off", spellcheck: "false" });
  const attendeesHost = el("div", { id: "attendees-host" });
  const personHost = el("section", { class: "attendee-detail", id: "attendee-detail", "aria-live": "polite", "aria-label": "The attendee you opened", hidden: true });
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
      attendeesHost,
      personHost),
    placesHost,
    recordingHost,
  );
  const title = el("h1", { id: "rooms-title", tabindex: "-1" }, "Rooms");
  const subtitle = el("p", { class: "view-subtitle", id: "rooms-subtitle" }, "Pick a room, then a session, to see its dashboard.");
  const element = el(
    "section",
    { class: "view", id: "view-rooms", "aria-labelledby": "rooms-title", hidden: true, dataset: { state: "idle" } },
    el("header", { class: "view-header" }, el("div", { class: "view-heading" }, title, subtitle)),
    el("div", { class: "rooms-pick" }, byIdForm, el("div", { class: "rooms-seen" }, el("h2", { class: "panel-title" }, "Rooms in your open reports"), roomsList)),
    sessionControls,
    status,
    dashboard,
  );
  root.appendChild(element);

  /** @type {DashboardView | null} */
  let shown = null;
  let roomId = "";
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

  /** What each session table is called in the Save as CSV sheet. */
  const TABLE_NAMES = { attendees: "attendees", countries: "countries", devices: "devices", timeline: "minute-by-minute" };

  /**
   * Opens the Save as CSV sheet (headers, Excel compatibility, delimiter) for one of the session's
   * tables; its Save asks Rust for the save dialog and the file.
   * @param {"attendees" | "countries" | "devices" | "timeline"} table
   */
  function saveTable(table) {
    if (!shown) return;
    const d = shown;
    mountExportSheet(document.body, {
      title: TABLE_NAMES[table],
      defaults: store.get().exportDefaults,
      save: (options) => commands.saveSessionTable({ account_id: d.account_id, room_id: d.room.id, session_id: d.session.id, table, options }),
    });
  }

  /** Opens the Download report sheet for the session shown. */
  function savePdf() {
    if (!shown) return;
    const d = shown;
    mountPdfSheet(document.body, {
      what: d.kept
        ? "this session as the library kept it: its figures, charts and every attendee (the minute-by-minute heatmap comes from Kaltura, so it is left out)."
        : "this session: its figures, charts, every attendee and the minute-by-minute heatmap.",
      paper: commands.paperForLocale(navigator.language || "en"),
      save: (paper) => commands.saveSessionPdf({ account_id: d.account_id, room_id: d.room.id, session_id: d.session.id, paper }),
      stop: () => commands.cancelPdf(),
    });
  }

  /**
   * Saves a chart, drawn light for paper and documents whatever the window's mode.
   * @param {string} chart @param {import("../contract/ImageFormat").ImageFormat} format
   */
  function saveChart(chart, format) {
    if (!shown) return;
    saved(commands.saveSessionChart({ account_id: shown.account_id, room_id: shown.room.id, session_id: shown.session.id, chart, format, dark: false }));
  }

  const grid = mountAttendeeGrid(attendeesHost, {
    searchMin,
    loadStrips: (userIds) => {
      // A kept copy has no strips (the grid does not ask for them), and Kaltura is never asked.
      if (!shown || shown.kept) return Promise.resolve([]);
      return commands.attendeeStrips({ account_id: shown.account_id, room_id: shown.room.id, session_id: shown.session.id, user_ids: userIds });
    },
    onOpen: (i) => {
      if (shown) openPerson(shown, i);
    },
    onStripError: (error) => showError(error),
  });

  /**
   * Shows one attendee under the table: who they are, their figures, and their minute-by-minute
   * engagement drawn as a chart (asked of Kaltura when opened).
   * @param {DashboardView} d @param {number} i
   */
  function openPerson(d, i) {
    const a = d.attendees[i];
    const p = d.profiles[i] ?? NO_PROFILE;
    const strip = el("div", { class: "attendee-strip" }, el("p", { class: "rooms-status" }, "Loading this person's minutes…"));
    clear(personHost);
    personHost.hidden = false;
    personHost.append(
      el("h3", { class: "panel-title", id: "attendee-detail-name" }, a.name || a.user_id || DASH),
      el("p", { class: "room-meta" }, [p.email, profileLine(p)].filter(Boolean).join(" · ") || "No profile details from Kaltura."),
      el(
        "p",
        { class: "room-meta" },
        `${formatMinutes(a.minutes)} viewed · live engagement ${formatPercentPoints(a.engagement_pct)} · reactions ${formatCount(a.reactions)} · chat messages ${formatCount(a.messages)} · polls ${formatCount(a.polls)} · Q&A threads ${formatCount(a.questions)} · downloads ${formatCount(a.downloads)} · raised hands ${formatCount(a.raised_hands)}`,
      ),
      strip,
    );
    if (d.kept) {
      clear(strip);
      strip.appendChild(el("p", { class: "room-meta" }, "This person's minute-by-minute engagement comes from Kaltura; it is not part of the copy kept in the library."));
      return;
    }
    commands
      .attendeeHeatmap({ account_id: d.account_id, room_id: d.room.id, session_id: d.session.id, user_id: a.user_id, dark: isDark() })
      .then((chart) => {
        if (shown !== d) return;
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
    // Opened from the Library: only the kept session (another would be asked of Kaltura).
    const fromLibrary = d.kept?.why === "opened_from_library";
    const sessions = fromLibrary ? [d.session] : d.sessions;
    title.textContent = d.room.name || d.room.id;
    subtitle.textContent = `Room ${d.room.id} · ${fromLibrary ? "from the library" : plural(d.sessions.length, "session")} · times in ${zoneName()}`;
    clear(sessionPicker);
    for (const s of sessions) sessionPicker.appendChild(el("option", { value: s.id, selected: s.id === d.session.id }, sessionLabel(s)));
    sessionField.hidden = sessions.length === 0;
    sessionControls.hidden = false;
    clear(cards);
    for (const c of dashboardCards(d)) cards.appendChild(c);
    personHost.hidden = true;
    grid.show(d);
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
          card("recording-completion", "Average completion", formatPercentPoints(r.average_completion_pct)),
        ),
      );
    }
    dashboard.hidden = false;
    loadCharts(d);
  }

  /** Asks Rust for the charts of the dashboard on screen, in the current light or dark mode. */
  async function loadCharts(d) {
    clear(timelineHost);
    timelineHost.appendChild(el("p", { class: "rooms-status" }, "Drawing the charts…"));
    try {
      const charts = await commands.sessionCharts({ account_id: d.account_id, room_id: d.room.id, session_id: d.session.id, dark: isDark() });
      if (shown !== d) return;
      clear(timelineHost);
      timelineHost.appendChild(chartFigure("timeline", charts.timeline, (format) => saveChart("timeline", format)));
      timelineHost.appendChild(saveButton("save-timeline", "Save the minutes as CSV…", () => saveTable("timeline")));
      placesHost.prepend(chartFigure("countries", charts.countries, (format) => saveChart("countries", format)), chartFigure("devices", charts.devices, (format) => saveChart("devices", format)));
      if (charts.recording_plays) recordingHost.appendChild(chartFigure("recording-plays", charts.recording_plays, (format) => saveChart("recording_plays", format)));
    } catch (error) {
      if (shown === d) clear(timelineHost);
      showError(error);
    }
  }
  const stopTheme = onThemeChange(() => {
    if (shown) {
      clear(placesHost);
      render(shown);
      grid.repaint();
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
      status.textContent = d.kept ? keptCopyLine(d.kept) : d.from_memory ? "Shown from earlier in this run." : "";
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
  search.addEventListener("input", () => grid.search(search.value));
  saveAttendees.addEventListener("click", () => saveTable("attendees"));
  pdfButton.addEventListener("click", savePdf);
  const stopHearing = store.subscribe((state) => {
    if (state.route === "rooms") refreshRooms();
  }, ["route", "report"]);

  /**
   * Shows a session dashboard the library kept (opened from the Library screen), exactly as a
   * fetched one, with the line saying which copy it is; the focus goes to the room's name.
   * @param {DashboardView} d
   */
  function showKept(d) {
    roomId = d.room.id;
    dismissBanner();
    render(d);
    status.textContent = d.kept ? keptCopyLine(d.kept) : "";
    setState("done");
    title.focus();
  }

  return {
    element,
    load,
    showKept,
    unmount() {
      stopHearing();
      stopTheme();
      grid.unmount();
      element.remove();
    },
  };
}
