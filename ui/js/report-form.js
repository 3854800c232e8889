// The Reports screen's one row of controls: report kind, date range (with the two date pickers for
// Custom), the Filters disclosure with its ID boxes, and Enter/Fetch. It validates what it can,
// builds the request parts Rust expects, and keeps its values in the store (`reportForm`, saved
// with the last view); `restore` puts back values saved on an earlier run.
// It does not fetch; the screen passes `onSubmit` and decides what a submit does.

import { el, clear } from "./dom.js";
import { acceptPastedLists } from "./pasted-lists.js";
import { enterSubmits } from "./forms.js";
import { formatIsoDate, isoDateDaysAgo } from "./format.js";
import { metaFor } from "./report-meta.js";

// The box of each filter Kaltura's reports take; which of them a report offers is in its
// metadata from Rust (ReportMeta.filters).
const FILTER_INPUTS = {
  room_ids: "filter-room-ids",
  main_room_ids: "filter-main-room-ids",
  session_ids: "filter-session-ids",
  user_ids: "filter-user-ids",
  virtual_event_ids: "filter-virtual-event-ids",
};
const FIRST_KIND = "attendees";
const RANGES = ["7", "30", "120", "365", "custom"];

/** The boxes of the Filters panel, one per filter name of FILTER_INPUTS. */
function filterFields() {
  const box = (filter, id, label, placeholder) =>
    el(
      "div",
      { class: "field", dataset: { filter } },
      el("label", { for: id }, label),
      el("input", { type: "text", id, name: filter, autocomplete: "off", spellcheck: "false", "aria-describedby": "filters-hint", placeholder }),
    );
  return [
    box("room_ids", FILTER_INPUTS.room_ids, "Room IDs", "e.g. 1_abcd1234"),
    box("main_room_ids", FILTER_INPUTS.main_room_ids, "Main room IDs"),
    box("session_ids", FILTER_INPUTS.session_ids, "Session IDs"),
    box("user_ids", FILTER_INPUTS.user_ids, "User IDs"),
    box("virtual_event_ids", FILTER_INPUTS.virtual_event_ids, "Virtual event IDs"),
  ];
}

/**
 * Adds the controls to `root` (the Reports screen). onSubmit(): Enter or Fetch. With `store`, every
 * change of a value is written to its `reportForm`.
 * @param {HTMLElement} root
 * @param {{ onSubmit: () => void, store?: import("./store.js").Store<import("./store.js").AppState> }} options
 */
export function mountReportForm(root, { onSubmit, store }) {
  // Its options are the reports Rust knows, filled in when bootstrap has told the store.
  const kindSelect = el("select", { id: "report-kind", name: "kind" });
  const rangeSelect = el(
    "select",
    { id: "date-range", name: "range" },
    el("option", { value: "7" }, "Last 7 days"),
    el("option", { value: "30", selected: true }, "Last 30 days"),
    el("option", { value: "120" }, "Last 120 days"),
    el("option", { value: "365" }, "Last 365 days"),
    el("option", { value: "custom" }, "Custom"),
  );
  const fromInput = el("input", { type: "date", id: "date-from", name: "from" });
  const toInput = el("input", { type: "date", id: "date-to", name: "to" });
  const fromField = el("div", { class: "field field-date", id: "custom-from-field", hidden: true }, el("label", { for: "date-from" }, "From"), fromInput);
  const toField = el("div", { class: "field field-date", id: "custom-to-field", hidden: true }, el("label", { for: "date-to" }, "To"), toInput);
  const filtersCount = el("span", { class: "count-badge", id: "filters-count", hidden: true });
  const filtersToggle = el(
    "button",
    { type: "button", class: "disclosure", id: "filters-toggle", "aria-expanded": "false", "aria-controls": "filters" },
    "Filters ",
    filtersCount,
  );
  const fetchButton = el("button", { type: "submit", class: "primary", id: "fetch" }, "Fetch");
  const filtersPanel = el(
    "fieldset",
    { class: "filters", id: "filters", hidden: true },
    el("legend", { class: "visually-hidden" }, "Filters"),
    el(
      "p",
      { class: "filters-hint", id: "filters-hint" },
      "Paste one or more IDs — separated by commas, spaces or new lines. Leave a box empty to include everything.",
    ),
    el("div", { class: "filters-grid" }, filterFields()),
  );
  const form = el(
    "form",
    { class: "controls", id: "report-form", novalidate: true },
    el(
      "div",
      { class: "control-row" },
      el("div", { class: "field" }, el("label", { for: "report-kind" }, "Report"), kindSelect),
      el("div", { class: "field" }, el("label", { for: "date-range" }, "Date range"), rangeSelect),
      fromField,
      toField,
      el("div", { class: "field field-button" }, filtersToggle),
      el("div", { class: "field field-button field-push" }, fetchButton),
    ),
    filtersPanel,
  );
  /** The input of a filter name. @param {string} name @returns {HTMLInputElement} */
  const filterInput = (name) => filtersPanel.querySelector(`#${FILTER_INPUTS[name]}`);
  const reports = () => store?.get().reports ?? [];
  const knownKind = (kind) => metaFor(reports(), kind) !== null;
  /** The filters the chosen report takes. @returns {ReadonlyArray<string>} */
  const allowedFilters = () => metaFor(reports(), kindSelect.value)?.filters ?? [];

  /** One option per report Rust knows, keeping the choice when it is still offered. */
  function fillKinds() {
    const chosen = kindSelect.value || FIRST_KIND;
    clear(kindSelect);
    for (const meta of reports()) kindSelect.appendChild(el("option", { value: meta.kind }, meta.title));
    kindSelect.value = knownKind(chosen) ? chosen : (reports()[0]?.kind ?? "");
    syncFilterFields();
  }

  /** Tells the store the values now. */
  function publish() {
    store?.set({ reportForm: state() });
  }

  function syncRangeFields() {
    const custom = rangeSelect.value === "custom";
    fromField.hidden = !custom;
    toField.hidden = !custom;
    const today = isoDateDaysAgo(0);
    if (custom) {
      if (!toInput.value) toInput.value = today;
      if (!fromInput.value) fromInput.value = isoDateDaysAgo(29);
    }
    fromInput.max = today;
    toInput.max = today;
  }

  function syncFilterFields() {
    const allowed = allowedFilters();
    for (const field of /** @type {NodeListOf<HTMLElement>} */ (filtersPanel.querySelectorAll("[data-filter]"))) {
      field.hidden = !allowed.includes(field.dataset.filter ?? "");
    }
    const used = allowed.filter((name) => filterInput(name).value.trim() !== "").length;
    filtersCount.textContent = used ? String(used) : "";
    filtersCount.hidden = used === 0;
    filtersToggle.setAttribute("aria-label", used ? `Filters, ${used} in use` : "Filters");
  }

  /**
   * The filter boxes the chosen report takes, as typed (Rust splits them into IDs); the boxes it
   * does not take are not sent.
   * @returns {import("../contract/FetchArgs").FetchArgs["filters"]}
   */
  function filters() {
    /** @type {Record<string, string>} */
    const out = {};
    for (const name of allowedFilters()) out[name] = filterInput(name).value;
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
    for (const name of Object.keys(FILTER_INPUTS)) values[name] = filterInput(name).value;
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
      if (knownKind(saved.kind)) kindSelect.value = saved.kind;
      if (RANGES.includes(String(saved.range))) rangeSelect.value = String(saved.range);
      if (typeof saved.from === "string") fromInput.value = saved.from;
      if (typeof saved.to === "string") toInput.value = saved.to;
      for (const name of Object.keys(FILTER_INPUTS)) {
        const value = saved.filters?.[name];
        if (typeof value === "string") filterInput(name).value = value;
      }
      if (saved.filters_open) setFiltersOpen(true);
    }
    syncRangeFields();
    syncFilterFields();
    publish();
  }

  /** Shows `kind` as the chosen report (e.g. after a file of that kind was opened). */
  function setKind(kind) {
    if (!knownKind(kind)) return;
    kindSelect.value = kind;
    syncFilterFields();
    publish();
  }

  filtersToggle.addEventListener("click", () => {
    const open = filtersToggle.getAttribute("aria-expanded") !== "true";
    setFiltersOpen(open);
    if (open) /** @type {HTMLElement | null} */ (filtersPanel.querySelector(".field:not([hidden]) input"))?.focus();
    publish();
  });
  for (const name of Object.keys(FILTER_INPUTS)) {
    const input = filterInput(name);
    acceptPastedLists(input);
    input.addEventListener("input", () => {
      syncFilterFields();
      publish();
    });
  }
  kindSelect.addEventListener("change", () => {
    syncFilterFields();
    publish();
  });
  rangeSelect.addEventListener("change", () => {
    syncRangeFields();
    publish();
  });
  fromInput.addEventListener("change", publish);
  toInput.addEventListener("change", publish);
  enterSubmits(form);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    onSubmit();
  });
  root.appendChild(form);
  syncRangeFields();
  fillKinds();
  const stopHearing = store?.subscribe(() => {
    fillKinds();
    publish();
  }, ["reports"]);
  publish();

  return {
    kind: () => /** @type {import("../contract/ReportKind").ReportKind} */ (kindSelect.value),
    range,
    filters,
    usesFilters: () => Object.values(filters()).some((text) => (text ?? "").trim() !== ""),
    problem,
    state,
    restore,
    setKind,
    /** While a fetch runs, Fetch cannot be pressed again. @param {boolean} busy */
    setBusy(busy) {
      fetchButton.disabled = busy;
    },
    focusFetch: () => fetchButton.focus(),
    element: form,
    unmount() {
      stopHearing?.();
      form.remove();
    },
  };
}
