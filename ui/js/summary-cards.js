// Summary cards: a few large numbers with a short label and an optional second line, as Rust
// computes them for a report (`Card`, from the `report_summary` command), in the user's locale.
// `mountSummaryCards` is the Reports screen's row of them, asking Rust for a report's cards;
// `renderCards` lays out cards it is given (the drill-down uses it too).
// It does not compute any figure itself; it only formats and lays out what Rust sends.

import { el, clear } from "./dom.js";
import { commands } from "./backend.js";
import { showError } from "./banner.js";
import { formatCount, formatDecimal, formatPercent, formatMinutes, formatSeconds, formatHours, formatDateSpan } from "./format.js";

/** Cards slower than this are replaced by a line saying they are being added up. */
const CARDS_SLOW_MS = 300;

/** Writes a card's value the way its `format` says. */
export function formatCardValue(card) {
  const v = card?.value;
  switch (card?.format) {
    case "count":
      return formatCount(v);
    case "decimal":
      return formatDecimal(v);
    case "percent":
      return formatPercent(v);
    case "minutes":
      return formatMinutes(v);
    case "hours":
      return formatHours(v);
    case "seconds":
      return formatSeconds(v);
    case "date_span":
      return formatDateSpan(v?.from, v?.to);
    default:
      return v === null || v === undefined || v === "" ? "—" : String(v);
  }
}

/**
 * A card's second line: Rust sends words and figures apart (["in ", {value: 1284, format:
 * "count"}, " sessions"]) so the figures are written like the card values, in the person's locale.
 */
export function noteText(note) {
  if (typeof note === "string") return note;
  if (!Array.isArray(note)) return "";
  return note.map((part) => (typeof part === "string" ? part : formatCardValue(part))).join("");
}

/** Replaces the children of `container` with one card per entry of `cards`. */
export function renderCards(container, cards, idPrefix = "card") {
  clear(container);
  (cards ?? []).forEach((card, index) => {
    container.appendChild(
      el(
        "div",
        { class: "card", id: `${idPrefix}-${index}`, dataset: { format: card.format ?? "text" } },
        el("p", { class: "card-label" }, card.label ?? ""),
        el("p", { class: "card-value" }, formatCardValue(card)),
        card.note ? el("p", { class: "card-note" }, noteText(card.note)) : null,
      ),
    );
  });
  container.hidden = (cards ?? []).length === 0;
}

/**
 * Adds the report's summary (#summary, hidden while it has no cards) to `root`.
 * @param {HTMLElement} root
 */
export function mountSummaryCards(root) {
  const container = el("section", { class: "cards", id: "summary", "aria-label": "Summary", hidden: true });
  /** @type {import("../contract/ReportInfo").ReportInfo | null} */
  let shown = null;
  root.appendChild(container);

  return {
    /**
     * Asks Rust for the cards of `info` and shows them, unless another report came meanwhile;
     * a failure hides the cards and says why in the banner.
     * @param {import("../contract/ReportInfo").ReportInfo} info
     */
    async show(info) {
      shown = info;
      // A report read from the library is added up as it is read: say so rather than leave the
      // last report's cards up.
      const slow = window.setTimeout(() => {
        if (shown !== info) return;
        clear(container);
        container.appendChild(
          el("p", { class: "cards-busy", id: "summary-busy", role: "status" }, `Adding up ${formatCount(info.row_count)} rows…`),
        );
        container.hidden = false;
      }, CARDS_SLOW_MS);
      try {
        const result = await commands.reportSummary(info.report_id);
        if (shown === info) renderCards(container, result?.cards ?? []);
      } catch (error) {
        if (shown === info) container.hidden = true;
        showError(error);
      } finally {
        clearTimeout(slow);
      }
    },
    element: container,
    unmount() {
      shown = null;
      container.remove();
    },
  };
}
