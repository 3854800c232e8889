// What the window offers after a failure, decided by the error's category (Rust sends it with every
// error): Open Settings for the account, Try again for the network or Roomlens itself, Open CSV…
// again for a file. One table for the whole page; each view supplies what the actions run there.
// It shows nothing itself; banner.js does.

/** The action each category calls for, or null where the message alone says what to do. */
export const ACTIONS = Object.freeze({
  credentials: { kind: "settings", label: "Open Settings" },
  keychain: { kind: "retry", label: "Try again" },
  network: { kind: "retry", label: "Try again" },
  input: null,
  file: { kind: "choose_file", label: "Open another file…" },
  cancelled: null,
  internal: { kind: "retry", label: "Try again" },
});

/** Categories whose failure means the account cannot be used now (the sidebar marks it). */
const ACCOUNT_UNUSABLE = new Set(["credentials", "keychain", "network"]);

/**
 * The banner action for `error`: `{ label, run }`, or null when there is none here. `handlers`
 * maps an action kind ("settings", "retry", "choose_file") to what it runs in this view.
 */
export function actionFor(error, handlers) {
  const action = ACTIONS[error?.category] ?? null;
  const run = action ? handlers[action.kind] : undefined;
  return typeof run === "function" ? { label: action.label, run } : null;
}

/** Whether `error` says the account it came from cannot be used now. */
export function leavesAccountUnusable(error) {
  return ACCOUNT_UNUSABLE.has(error?.category);
}
