// Summary cards: a few large numbers with a short label and an optional second line, as Rust
// computes them for a report (`Card`, from the `report_summary` command), in the user's locale.
// It does not compute any figure itself; it only formats and lays out what it is given.

import { el, clear } from "./dom.js";
import { formatCount, formatPercent, formatMinutes, formatSeconds, formatHours, formatDateSpan } from "./format.js";

/** Writes a card's value the way its `format` says. */
export function formatCardValue(card) {
  const v = card?.value;
  switch (card?.format) {
    case "count":
      return formatCount(v);
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
        card.note ? el("p", { class: "card-note" }, card.note) : null,
      ),
    );
  });
  container.hidden = (cards ?? []).length === 0;
}
