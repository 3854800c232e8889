// The Reports screen's one row of controls: report kind, date range (with the two date pickers for
// Custom), the Filters disclosure with its ID boxes, and Enter/Fetch. It validates what it can,
// builds the request parts Rust expects, and saves/restores its own values for the last view.
// It does not fetch; the screen passes `onSubmit` and decides what a submit does.

import { byId } from "./dom.js";
import { parseIdList, acceptPastedLists } from "./id-list.js";
import { enterSubmits } from "./forms.js";
import { formatIsoDate, isoDateDaysAgo } from "./format.js";

// Which filters each report accepts (Kaltura's own list per report).
const FILTERS_BY_KIND = {
  room_data: ["room_ids", "virtual_event_ids"],
  attendees: ["room_ids", "user_ids", "session_ids", "virtual_event_ids"],
  breakouts: ["main_room_ids", "virtual_event_ids"],
};
const FILTER_INPUTS = {
  room_ids: "filter-room-ids",
  main_room_ids: "filter-main-room-ids",
  session_ids: "filter-session-ids",
  user_ids: "filter-user-ids",
  virtual_event_ids: "filter-virtual-event-ids",
};
const KINDS = ["room_data", "attendees", "breakouts"];
const RANGES = ["7", "30", "120", "365", "custom"];

/** Wires the controls in index.html. onChange(): any value changed; onSubmit(): Enter or Fetch. */
export function createReportForm({ onChange, onSubmit }) {
  const form = byId("report-form");
  const kindSelect = byId("report-kind");
  const rangeSelect = byId("date-range");
  const fromInput = byId("date-from");
  const toInput = byId("date-to");
  const filtersToggle = byId("filters-toggle");
  const filtersPanel = byId("filters");
  const filtersCount = byId("filters-count");

  function syncRangeFields() {
    const custom = rangeSelect.value === "custom";
    byId("custom-from-field").hidden = !custom;
    byId("custom-to-field").hidden = !custom;
    const today = isoDateDaysAgo(0);
    if (custom) {
      if (!toInput.value) toInput.value = today;
      if (!fromInput.value) fromInput.value = isoDateDaysAgo(29);
    }
    fromInput.max = today;
    toInput.max = today;
  }

  function syncFilterFields() {
    const allowed = FILTERS_BY_KIND[kindSelect.value] ?? [];
    for (const field of /** @type {NodeListOf<HTMLElement>} */ (filtersPanel.querySelectorAll("[data-filter]"))) {
      field.hidden = !allowed.includes(field.dataset.filter);
    }
    const used = allowed.filter((name) => parseIdList(byId(FILTER_INPUTS[name]).value).length > 0).length;
    filtersCount.textContent = used ? String(used) : "";
    filtersCount.hidden = used === 0;
    filtersToggle.setAttribute("aria-label", used ? `Filters, ${used} in use` : "Filters");
  }

  /** The filter lists for the chosen report; boxes the report does not take are sent empty. */
  /** @returns {import("../contract/ReportFilters").ReportFilters} */
  function filters() {
    const allowed = FILTERS_BY_KIND[kindSelect.value] ?? [];
    /** @type {any} every filter, filled in below */
    const out = {};
    for (const name of Object.keys(FILTER_INPUTS)) {
      out[name] = allowed.includes(name) ? parseIdList(byId(FILTER_INPUTS[name]).value) : [];
    }
    return out;
  }

  /** @returns {import("../contract/RangeChoice").RangeChoice} */
  function range() {
    if (rangeSelect.value === "custom") return { custom: { from: fromInput.value, to: toInput.value } };
    return { last_days: Number(rangeSelect.value) };
  }

  /** { field, message } when the form cannot be sent as it is (the field is marked); else null. */
  function problem() {
    fromInput.removeAttribute("aria-invalid");
    toInput.removeAttribute("aria-invalid");
    if (rangeSelect.value !== "custom") return null;
    if (!fromInput.value || !toInput.value) {
      const field = fromInput.value ? toInput : fromInput;
      field.setAttribute("aria-invalid", "true");
      return { field, message: "Choose both dates for a custom range." };
    }
    if (fromInput.value > toInput.value) {
      fromInput.setAttribute("aria-invalid", "true");
      return {
        field: fromInput,
        message: `The start date (${formatIsoDate(fromInput.value)}) is after the end date (${formatIsoDate(toInput.value)}). Swap them or pick new dates.`,
      };
    }
    return null;
  }

  /** The values worth remembering between runs (plain JSON). */
  function state() {
    const values = {};
    for (const [name, id] of Object.entries(FILTER_INPUTS)) values[name] = byId(id).value;
    return {
      kind: kindSelect.value,
      range: rangeSelect.value,
      from: fromInput.value,
      to: toInput.value,
      filters: values,
      filters_open: filtersToggle.getAttribute("aria-expanded") === "true",
    };
  }

  function setFiltersOpen(open) {
    filtersToggle.setAttribute("aria-expanded", String(open));
    filtersPanel.hidden = !open;
  }

  /** Puts back what `state()` returned on an earlier run; unknown values are ignored. */
  function restore(saved) {
    if (saved && typeof saved === "object") {
      if (KINDS.includes(saved.kind)) kindSelect.value = saved.kind;
      if (RANGES.includes(String(saved.range))) rangeSelect.value = String(saved.range);
      if (typeof saved.from === "string") fromInput.value = saved.from;
      if (typeof saved.to === "string") toInput.value = saved.to;
      for (const [name, id] of Object.entries(FILTER_INPUTS)) {
        const value = saved.filters?.[name];
        if (typeof value === "string") byId(id).value = value;
      }
      if (saved.filters_open) setFiltersOpen(true);
    }
    syncRangeFields();
    syncFilterFields();
  }

  /** Shows `kind` as the chosen report (e.g. after a file of that kind was opened). */
  function setKind(kind) {
    if (!KINDS.includes(kind)) return;
    kindSelect.value = kind;
    syncFilterFields();
  }

  filtersToggle.addEventListener("click", () => {
    const open = filtersToggle.getAttribute("aria-expanded") !== "true";
    setFiltersOpen(open);
    if (open) /** @type {HTMLElement | null} */ (filtersPanel.querySelector(".field:not([hidden]) input"))?.focus();
    onChange();
  });
  for (const id of Object.values(FILTER_INPUTS)) {
    const input = byId(id);
    acceptPastedLists(input);
    input.addEventListener("input", () => {
      syncFilterFields();
      onChange();
    });
  }
  kindSelect.addEventListener("change", () => {
    syncFilterFields();
    onChange();
  });
  rangeSelect.addEventListener("change", () => {
    syncRangeFields();
    onChange();
  });
  fromInput.addEventListener("change", onChange);
  toInput.addEventListener("change", onChange);
  enterSubmits(form);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    onSubmit();
  });
  syncRangeFields();
  syncFilterFields();

  return {
    kind: () => kindSelect.value,
    range,
    filters,
    usesFilters: () => Object.values(filters()).some((ids) => ids.length > 0),
    problem,
    state,
    restore,
    setKind,
  };
}
