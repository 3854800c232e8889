// The page's shared state in one place: which screen is shown (the route), the reports Rust knows
// (their metadata from bootstrap), the accounts with the chosen one and what is known of their
// reachability, the report on screen (its ReportInfo), the export defaults, the appearance and the report form's
// values. Components read it with `get`, change it with
// `set` and hear about changes with `subscribe`; they do not call each other to share these.
// Plain data and a list of listeners: no framework and no DOM, so it runs under Node's tests.

/**
 * @typedef {import("../contract/AccountView").AccountView} AccountView
 * @typedef {import("../contract/ReportInfo").ReportInfo} ReportInfo
 * @typedef {import("../contract/ExportDefaults").ExportDefaults} ExportDefaults
 * @typedef {import("../contract/Appearance").Appearance} Appearance
 * @typedef {import("../contract/ReportMeta").ReportMeta} ReportMeta
 * @typedef {{ state: "checking" | "ok" | "failed", message?: string }} Reach
 */

/**
 * @typedef {object} AppState
 * @property {string} route the screen shown, one of router.js's ROUTES
 * @property {ReadonlyArray<ReportMeta>} reports every report Rust knows (bootstrap), in picker order
 * @property {AccountView[]} accounts every account, the Demo first
 * @property {string | null} accountId the chosen account (one of `accounts`, or null if none)
 * @property {Readonly<Record<string, Reach>>} reach what the last check or fetch said of an account
 * @property {ReportInfo | null} report the report on screen
 * @property {ExportDefaults} exportDefaults the first choices of every Save as CSV sheet
 * @property {Appearance} appearance light or dark, or as the system is set
 * @property {Record<string, unknown> | null} reportForm the report form's values (kept in the last view)
 * @property {string} emailTo the address "Send to my e-mail" used last (kept in the last view)
 * @property {boolean} chartsOpen whether the report charts are unfolded (kept in the last view)
 */

/** Export defaults before the person has chosen any. */
export const DEFAULT_EXPORT = Object.freeze({ headers: "friendly", bom: true, delimiter: "comma" });
const DELIMITERS = ["comma", "semicolon", "tab"];

/**
 * Export defaults from what was saved (settings.json, or an older last view): anything missing
 * or unknown falls back to DEFAULT_EXPORT.
 * @param {unknown} saved
 * @returns {ExportDefaults}
 */
export function exportDefaultsFrom(saved) {
  /** @type {any} checked field by field below */
  const value = saved && typeof saved === "object" ? saved : {};
  return {
    headers: value.headers === "raw" ? "raw" : "friendly",
    bom: value.bom !== false,
    delimiter: DELIMITERS.includes(value.delimiter) ? value.delimiter : "comma",
  };
}

/**
 * The settings Rust saves (settings.json), as the store holds them now: every Settings part in
 * one place, so saving one choice never drops another.
 * @param {AppState} state
 * @returns {import("../contract/Settings").Settings}
 */
export function settingsOf(state) {
  return { export: state.exportDefaults, appearance: state.appearance };
}

/** @returns {AppState} the state before Rust has said anything */
export function initialAppState() {
  return {
    route: "reports",
    reports: [],
    accounts: [],
    accountId: null,
    reach: {},
    report: null,
    exportDefaults: { ...DEFAULT_EXPORT },
    appearance: "system",
    reportForm: null,
    emailTo: "",
    chartsOpen: true,
  };
}

/**
 * The chosen account, or the first one when none is chosen; null without accounts.
 * @param {AppState} state
 */
export function currentAccount(state) {
  return state.accounts.find((a) => a.id === state.accountId) ?? state.accounts[0] ?? null;
}

/**
 * @template S
 * @typedef {(state: Readonly<S>, changed: ReadonlySet<string>) => void} Listener
 */

/**
 * @template S
 * @typedef {object} Store
 * @property {() => Readonly<S>} get the state now (frozen: change it with `set`)
 * @property {(patch: Partial<S>) => boolean} set changes the keys of `patch`; says whether any value changed
 * @property {(listener: Listener<S>, keys?: ReadonlyArray<keyof S & string>) => () => void} subscribe
 *   calls `listener` after every change (only those touching `keys`, if given); returns the unsubscribe
 */

/**
 * A store holding `initial`'s keys. `set` takes only those keys; a value equal to the one held
 * (Object.is) is no change and tells no one. Listeners run in the order they subscribed and see
 * the state as it is when they run; a change a listener makes is told to everyone once the
 * current round is over, so every listener hears every change, in order. A listener that throws
 * is reported to `onError` and the others still run.
 * @template {object} S
 * @param {S} initial
 * @param {{ onError?: (error: unknown) => void }} [options]
 * @returns {Store<S>}
 */
export function createStore(initial, { onError = reportError } = {}) {
  /** @type {Readonly<S>} */
  let state = Object.freeze(Object.assign({}, initial));
  /** @type {Set<{ listener: Listener<S>, keys: ReadonlyArray<string> | null }>} */
  const entries = new Set();
  /** @type {Array<Set<string>>} */
  const pending = [];
  let telling = false;

  function tell() {
    telling = true;
    try {
      while (pending.length > 0) {
        const changed = /** @type {Set<string>} */ (pending.shift());
        for (const entry of [...entries]) {
          if (!entries.has(entry)) continue; // unsubscribed by an earlier listener this round
          if (entry.keys && !entry.keys.some((key) => changed.has(key))) continue;
          try {
            entry.listener(state, changed);
          } catch (error) {
            onError(error);
          }
        }
      }
    } finally {
      telling = false;
    }
  }

  return {
    get: () => state,
    set(patch) {
      /** @type {Record<string, unknown>} */
      const next = Object.assign({}, state);
      const changed = new Set();
      for (const [key, value] of Object.entries(patch)) {
        if (!Object.prototype.hasOwnProperty.call(state, key)) throw new Error(`The page's store has no "${key}"`);
        if (Object.is(next[key], value)) continue;
        next[key] = value;
        changed.add(key);
      }
      if (changed.size === 0) return false;
      state = /** @type {Readonly<S>} */ (Object.freeze(next));
      pending.push(changed);
      if (!telling) tell();
      return true;
    },
    subscribe(listener, keys) {
      const entry = { listener, keys: keys ? [...keys] : null };
      entries.add(entry);
      return () => {
        entries.delete(entry);
      };
    },
  };
}

/**
 * The page's store, starting from initialAppState() with `overrides`.
 * @param {Partial<AppState>} [overrides]
 * @returns {Store<AppState>}
 */
export function createAppStore(overrides = {}) {
  return createStore({ ...initialAppState(), ...overrides });
}

/** A failing listener's error goes to the console as an uncaught one would, without stopping the others. */
function reportError(error) {
  const report = /** @type {any} */ (globalThis).reportError;
  if (typeof report === "function") report(error);
  else console.error(error);
}
