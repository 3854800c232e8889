// A table for very many rows: only the rows in view exist in the page (a small recycled pool),
// rows arrive in pages from a caller-supplied loader and are cached, the header stays put and
// lets the user pick the sort column (mouse or keyboard), and arrow keys move a highlighted row;
// Enter opens it. It does not sort or filter rows itself (the loader returns them in order) and
// does not know what they mean or where they come from.

import { el, clear } from "./dom.js";
import { cellValue } from "./columns.js";

const PAGE_SIZE = 200;
// Rows drawn beyond each edge of the view. Rows are keyed, so these cost once as they come near,
// but on a fling every row in the pool is new each frame: kept small.
const OVERSCAN = 3;
const MAX_IN_FLIGHT = 3;
const MAX_CACHED_PAGES = 60;
// Browsers stop laying out elements a few million pixels tall; past this the scroll is scaled.
const MAX_BODY_PX = 8_000_000;
// Rows are placed relative to a multiple of this many rows, so their offsets stay small.
const BASE_BLOCK = 1000;

/**
 * Sets `node`'s text only when it changes: replacing the text under the pointer between a
 * mouse press and its release (the first click focuses the table, which redraws the rows)
 * would make the browser drop the click. It also spares work while scrolling.
 * @param {Node} node @param {string} text
 */
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function minWidthOf(width) {
  const match = /(\d+)px/.exec(width);
  return match ? Number(match[1]) : 120;
}

export class VirtualTable {
  /**
   * root: an empty element to build the table in.
   * options.label: accessible name; options.rowHeight: px (matches --row-height in app.css);
   * options.onActivate(row, index): Enter or click on a row; options.isActivatable(row);
   * options.onSort(sort): after the user changes the sort; options.onError(error): a page failed.
   * A column may bring its own `render(cell, row)` (row undefined while loading) and be
   * `sortable: false`.
   */
  constructor(root, options) {
    this.root = root;
    this.options = options;
    this.rowHeight = options.rowHeight ?? 40;
    this.columns = [];
    this.sort = null;
    this.loader = null;
    this.total = 0;
    this.generation = 0;
    this.pages = new Map();
    this.inFlight = new Set();
    this.activeIndex = -1;
    this.pool = [];
    this.frame = 0;
    this.base = 0;
    this.stale = true;
    this.build();
  }

  build() {
    clear(this.root);
    this.root.classList.add("vtable");
    this.headRow = el("div", { class: "vtable-row vtable-head", role: "row", "aria-rowindex": "1" });
    this.header = el("div", { class: "vtable-header", role: "rowgroup" }, this.headRow);
    this.rowsEl = el("div", { class: "vtable-rows" });
    this.body = el("div", { class: "vtable-body", role: "rowgroup" }, this.rowsEl);
    this.content = el("div", { class: "vtable-content" }, this.header, this.body);
    this.scroller = el(
      "div",
      {
        class: "vtable-scroll",
        role: "grid",
        "aria-readonly": "true",
        tabindex: "0",
        "aria-label": this.options.label ?? "Report rows",
        id: `${this.root.id}-grid`,
      },
      this.content,
    );
    this.root.appendChild(this.scroller);
    this.scroller.addEventListener("scroll", () => this.schedule());
    this.scroller.addEventListener("keydown", (e) => this.onKeyDown(e));
    this.scroller.addEventListener("focus", () => {
      if (this.activeIndex < 0 && this.total > 0) this.setActive(this.firstVisible(), false);
    });
    this.rowsEl.addEventListener("click", (e) => this.onClick(e));
    this.resizeObserver = new ResizeObserver(() => this.schedule());
    this.resizeObserver.observe(this.scroller);
  }

  /** Stops watching the table's size and loading rows; the caller removes the root. */
  dispose() {
    this.resizeObserver.disconnect();
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.generation += 1;
    this.loader = null;
  }

  /** Sets the columns (see columns.js) and the current sort; rebuilds the header. */
  setColumns(columns, sort) {
    this.columns = columns;
    this.sort = sort;
    const template = columns.map((c) => c.width).join(" ");
    const minWidth = columns.reduce((sum, c) => sum + minWidthOf(c.width), 0);
    this.root.style.setProperty("--vtable-columns", template);
    this.root.style.setProperty("--vtable-min-width", `${minWidth}px`);
    this.renderHeader();
    for (const row of this.pool) row.remove();
    this.pool = [];
  }

  renderHeader() {
    clear(this.headRow);
    this.columns.forEach((col, index) => {
      const sorted = this.sort?.column === col.key;
      const direction = sorted ? (this.sort.descending ? "descending" : "ascending") : "none";
      const arrow = sorted ? (this.sort.descending ? "↓" : "↑") : "";
      const cell = (content) =>
        el(
          "div",
          {
            class: ["vtable-cell", "vtable-headcell", col.numeric && "numeric"],
            role: "columnheader",
            "aria-sort": col.sortable === false ? null : direction,
            "aria-colindex": String(index + 1),
          },
          content,
        );
      if (col.sortable === false) {
        this.headRow.appendChild(cell(el("span", { class: "vtable-head-label" }, col.label)));
        return;
      }
      const button = el(
        "button",
        {
          type: "button",
          class: "vtable-sort",
          id: `${this.root.id}-sort-${index}`,
          dataset: { column: col.key },
          on: { click: () => this.toggleSort(col, index) },
        },
        el(
          "span",
          { class: "vtable-sort-label" },
          col.numeric ? el("span", { class: "vtable-sort-arrow", "aria-hidden": "true" }, arrow) : null,
          col.label,
          col.numeric ? null : el("span", { class: "vtable-sort-arrow", "aria-hidden": "true" }, arrow),
        ),
      );
      this.headRow.appendChild(cell(button));
    });
  }

  toggleSort(col, index) {
    const same = this.sort?.column === col.key;
    this.sort = same ? { column: col.key, descending: !this.sort.descending } : { column: col.key, descending: col.numeric };
    this.renderHeader();
    this.headRow.children[index]?.querySelector("button")?.focus();
    this.options.onSort?.(this.sort);
  }

  /**
   * Points the table at a new set of rows. loader({ offset, limit, sort }) must resolve to
   * { rows, total, all } where total counts the rows matching the current query.
   * Resolves with { total, all } from the first page.
   */
  async load(loader) {
    this.generation += 1;
    const generation = this.generation;
    this.loader = loader;
    this.pages.clear();
    this.inFlight.clear();
    this.activeIndex = -1;
    this.scroller.removeAttribute("aria-activedescendant");
    this.scroller.scrollTop = 0;
    let first;
    try {
      first = await loader({ offset: 0, limit: PAGE_SIZE, sort: this.sort });
    } catch (error) {
      if (generation === this.generation) {
        this.setTotal(0);
        this.render();
      }
      throw error;
    }
    if (generation !== this.generation) return null;
    this.pages.set(0, first.rows ?? []);
    this.setTotal(first.total ?? 0);
    this.render();
    return { total: this.total, all: first.all ?? this.total };
  }

  setTotal(total) {
    this.total = total;
    this.scroller.setAttribute("aria-rowcount", String(total + 1));
    const real = total * this.rowHeight;
    this.bodyHeight = Math.min(real, MAX_BODY_PX);
    this.body.style.height = `${this.bodyHeight}px`;
  }

  viewportRows() {
    const visible = Math.max(0, this.scroller.clientHeight - this.header.offsetHeight);
    return { px: visible, rows: Math.ceil(visible / this.rowHeight) + 1 };
  }

  /** The ratio between real row positions and scroll positions (1 unless the list is huge). */
  scale() {
    const view = this.viewportRows().px;
    const real = this.total * this.rowHeight;
    if (real <= MAX_BODY_PX) return 1;
    return (real - view) / Math.max(1, this.bodyHeight - view);
  }

  firstVisible() {
    return Math.min(Math.max(0, this.total - 1), Math.floor((this.scroller.scrollTop * this.scale()) / this.rowHeight));
  }

  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** Redraws every row in view (their data or how they look changed). */
  render() {
    this.stale = true;
    this.draw();
  }

  /**
   * Places the rows in view. Each row index keeps its own pooled element (slot `index % size`)
   * positioned on its own, so a scroll by one row fills one element instead of rewriting all of
   * them: per-frame work is the rows that came into view.
   */
  draw() {
    const { rows: visibleCount } = this.viewportRows();
    const size = visibleCount + 2 * OVERSCAN + 1;
    if (this.pool.length !== size) this.resizePool(size);
    const scrollTop = this.scroller.scrollTop;
    const realTop = scrollTop * this.scale();
    const top = Math.floor(realTop / this.rowHeight);
    const first = Math.max(0, top - OVERSCAN);
    const last = Math.min(this.total, top + visibleCount + OVERSCAN);
    // Rows sit at (index - base) rows below the group, which moves only when `base` does (or
    // every frame for huge lists whose scroll is scaled), keeping offsets small numbers.
    const base = first - (first % BASE_BLOCK);
    const baseMoved = base !== this.base;
    this.base = base;
    this.rowsEl.style.transform = `translateY(${Math.round(scrollTop - realTop + base * this.rowHeight)}px)`;

    const used = new Set();
    const wanted = [];
    for (let index = first; index < last; index += 1) {
      const slot = this.pool[index % size];
      used.add(slot);
      const page = Math.floor(index / PAGE_SIZE);
      const rows = this.pages.get(page);
      if (!rows && !wanted.includes(page)) wanted.push(page);
      const row = rows ? rows[index - page * PAGE_SIZE] : undefined;
      if (slot.hidden) slot.hidden = false;
      if (baseMoved || slot.shownIndex !== index) slot.style.transform = `translateY(${(index - base) * this.rowHeight}px)`;
      if (this.stale || slot.shownIndex !== index || slot.shownRow !== row) this.fillRow(slot, index, row);
      slot.shownIndex = index;
      slot.shownRow = row;
    }
    for (const slot of this.pool) {
      if (used.has(slot) || slot.hidden) continue;
      slot.hidden = true;
      slot.shownIndex = -1;
      slot.shownRow = undefined;
    }
    this.stale = false;
    const next = Math.floor(Math.min(this.total - 1, last + visibleCount) / PAGE_SIZE);
    if (this.total > 0 && !this.pages.has(next) && !wanted.includes(next)) wanted.push(next);
    this.pump(wanted);
  }

  resizePool(size) {
    for (const row of this.pool) row.remove();
    this.pool = [];
    while (this.pool.length < size) this.pool.push(this.makeRow());
    this.stale = true;
  }

  makeRow() {
    const cells = this.columns.map((col, index) =>
      el("div", { class: ["vtable-cell", col.numeric && "numeric", `type-${col.type}`], role: "gridcell", "aria-colindex": String(index + 1) }),
    );
    const row = el("div", { class: "vtable-row", role: "row", hidden: true }, cells);
    row.cells = cells;
    row.shownIndex = -1;
    row.shownRow = undefined;
    this.rowsEl.appendChild(row);
    return row;
  }

  fillRow(rowEl, index, row) {
    rowEl.dataset.index = String(index);
    if (row === undefined) delete rowEl.dataset.rowIndex;
    else rowEl.dataset.rowIndex = String(index);
    rowEl.id = `${this.root.id}-row-${index}`;
    rowEl.setAttribute("aria-rowindex", String(index + 2));
    rowEl.classList.toggle("is-loading", row === undefined);
    rowEl.classList.toggle("is-active", index === this.activeIndex);
    rowEl.classList.toggle("is-activatable", row !== undefined && (this.options.isActivatable?.(row) ?? false));
    rowEl.setAttribute("aria-selected", index === this.activeIndex ? "true" : "false");
    this.columns.forEach((col, c) => {
      const cell = rowEl.cells[c];
      if (col.render) {
        col.render(cell, row);
        return;
      }
      if (row === undefined) {
        setText(cell, "");
        return;
      }
      const raw = cellValue(row, col);
      setText(cell, col.format(raw));
      if (col.type === "text") cell.title = raw === undefined || raw === null ? "" : String(raw);
    });
  }

  pump(wanted) {
    if (!this.loader) return;
    for (const page of wanted) {
      if (this.inFlight.size >= MAX_IN_FLIGHT) break;
      if (this.inFlight.has(page) || this.pages.has(page)) continue;
      this.fetchPage(page);
    }
  }

  async fetchPage(page) {
    const generation = this.generation;
    this.inFlight.add(page);
    try {
      const result = await this.loader({ offset: page * PAGE_SIZE, limit: PAGE_SIZE, sort: this.sort });
      if (generation !== this.generation) return;
      this.pages.set(page, result.rows ?? []);
      this.evict(page);
    } catch (error) {
      if (generation === this.generation) this.options.onError?.(error);
    } finally {
      if (generation === this.generation) {
        this.inFlight.delete(page);
        this.schedule();
      }
    }
  }

  evict(keep) {
    if (this.pages.size <= MAX_CACHED_PAGES) return;
    const current = Math.floor((this.firstVisible() + 1) / PAGE_SIZE);
    const far = [...this.pages.keys()].filter((p) => p !== keep).sort((a, b) => Math.abs(b - current) - Math.abs(a - current));
    for (const page of far.slice(0, this.pages.size - MAX_CACHED_PAGES)) this.pages.delete(page);
  }

  /** The row at `index` if its page is loaded. */
  rowAt(index) {
    const page = Math.floor(index / PAGE_SIZE);
    return this.pages.get(page)?.[index - page * PAGE_SIZE];
  }

  setActive(index, reveal = true) {
    if (this.total === 0) return;
    this.activeIndex = Math.max(0, Math.min(this.total - 1, index));
    this.scroller.setAttribute("aria-activedescendant", `${this.root.id}-row-${this.activeIndex}`);
    if (reveal) this.reveal(this.activeIndex);
    this.render();
  }

  reveal(index) {
    const view = this.viewportRows().px;
    const scale = this.scale();
    const top = (index * this.rowHeight) / scale;
    const bottom = ((index + 1) * this.rowHeight) / scale;
    if (top < this.scroller.scrollTop) this.scroller.scrollTop = top;
    else if (bottom > this.scroller.scrollTop + view) this.scroller.scrollTop = bottom - view;
  }

  onKeyDown(e) {
    // Keys pressed on a header's sort button belong to that button.
    if (e.target !== this.scroller || this.total === 0) return;
    const page = Math.max(1, this.viewportRows().rows - 2);
    const moves = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: page,
      PageUp: -page,
    };
    if (e.key in moves) {
      e.preventDefault();
      this.setActive((this.activeIndex < 0 ? this.firstVisible() : this.activeIndex) + moves[e.key]);
    } else if (e.key === "Home") {
      e.preventDefault();
      this.setActive(0);
    } else if (e.key === "End") {
      e.preventDefault();
      this.setActive(this.total - 1);
    } else if (e.key === "Enter" || e.key === " ") {
      const row = this.rowAt(this.activeIndex);
      if (row && (this.options.isActivatable?.(row) ?? false)) {
        e.preventDefault();
        this.options.onActivate?.(row, this.activeIndex);
      }
    }
  }

  onClick(e) {
    const rowEl = e.target.closest(".vtable-row");
    if (!rowEl || rowEl.dataset.index === undefined) return;
    const index = Number(rowEl.dataset.index);
    this.setActive(index, false);
    this.scroller.focus({ preventScroll: true });
    const row = this.rowAt(index);
    if (row && (this.options.isActivatable?.(row) ?? false)) this.options.onActivate?.(row, index);
  }
}
