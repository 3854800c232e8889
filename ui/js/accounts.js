// What can happen to the accounts, as changes to the store: choosing one, reading the list again
// from Rust, checking whether an account answers (and noting what a fetch learned), and the end of
// an add, edit or remove; and the reachability badge both account lists draw. The sidebar's
// switcher, Settings' list and the account sheet all use these and draw from the store, so each
// sees the others' changes. It never sees an admin secret.

import { el } from "./dom.js";
import { commands } from "./backend.js";
import { confirmSheet } from "./sheet.js";
import { showError, showInfo } from "./banner.js";
import { setStatus } from "./status.js";
import { leavesAccountUnusable } from "./error-actions.js";

/**
 * @typedef {import("./store.js").AppState} AppState
 * @typedef {import("./store.js").Store<AppState>} AppStore
 * @typedef {import("./store.js").AccountView} AccountView
 * @typedef {import("./store.js").Reach} Reach
 */

const REGION_WORDS = { us: "US", eu: "EU", custom: "Custom server", demo: "Demo" };

/** The line under an account's name in Settings. */
export function describeAccount(account) {
  if (account.is_demo) return "Sample data built into Roomlens — no Kaltura account needed";
  const region = account.region === "custom" ? account.service_url : `${REGION_WORDS[account.region] ?? account.region} · ${account.service_url}`;
  return `Partner ID ${account.partner_id} · ${region}`;
}

/**
 * The badge of an account: its state and the words for it.
 * @param {AccountView} account
 * @param {Reach | undefined} reach
 */
export function reachWords(account, reach) {
  if (!reach) return { state: "unknown", words: "Not checked yet" };
  if (reach.state === "checking") return { state: "checking", words: "Checking…" };
  if (reach.state === "ok") return { state: "ok", words: account.is_demo ? "Ready" : "Reachable" };
  return { state: "failed", words: "Not reachable" };
}

/**
 * Reachability badge of `account`, with the reason as its tooltip when it failed.
 * @param {import("./store.js").AccountView} account
 * @param {import("./store.js").Reach | undefined} reach
 * @param {string} idPrefix
 */
export function reachabilityBadge(account, reach, idPrefix) {
  const { state, words } = reachWords(account, reach);
  const badge = el("span", { class: "reachability", "data-reach": state, id: `${idPrefix}-${account.id}` }, words);
  if (reach?.message) badge.title = reach.message;
  return badge;
}

/**
 * Redraws `list` with `draw()`; a keyboard user's focus stays on the same control (by its id).
 * @param {Element} list
 * @param {() => void} draw
 */
export function redrawKeepingFocus(list, draw) {
  const focused = document.activeElement;
  const focusedId = focused && list.contains(focused) ? focused.id : "";
  draw();
  if (focusedId) document.getElementById(focusedId)?.focus();
}

/**
 * The store's accounts for a list from Rust: the Demo first, and the chosen one `wanted` if it is
 * listed, else `current` if it still is, else the first.
 * @param {AccountView[]} list
 * @param {string | null | undefined} wanted
 * @param {string | null} [current]
 * @returns {{ accounts: AccountView[], accountId: string | null }}
 */
export function accountsPatch(list, wanted, current = null) {
  const accounts = [...list].sort((a, b) => Number(Boolean(b.is_demo)) - Number(Boolean(a.is_demo)));
  const want = wanted ?? current;
  const accountId = accounts.some((a) => a.id === want) ? want : (accounts[0]?.id ?? null);
  return { accounts, accountId };
}

/** @param {AppStore} store @param {string} id */
function listed(store, id) {
  return store.get().accounts.some((a) => a.id === id);
}

/** @param {AppStore} store @param {string} id @param {Reach | null} reach */
function setReach(store, id, reach) {
  const next = { ...store.get().reach };
  if (reach) next[id] = reach;
  else delete next[id];
  store.set({ reach: next });
}

/** The person chose account `id` (in the sidebar). */
export function selectAccount(store, id) {
  if (listed(store, id)) store.set({ accountId: id });
}

/**
 * Asks Rust whether the account answers; only its badge changes.
 * @param {AppStore} store @param {AccountView} account
 */
export async function checkAccount(store, account) {
  setReach(store, account.id, { state: "checking" });
  /** @type {Reach} */
  let reach;
  try {
    await commands.testConnection(account.id);
    reach = { state: "ok" };
  } catch (error) {
    reach = { state: "failed", message: error.message };
  }
  if (listed(store, account.id)) setReach(store, account.id, reach);
}

/** @param {AppStore} store */
export function checkAllAccounts(store) {
  for (const account of store.get().accounts) checkAccount(store, account);
}

/**
 * What a fetch just learned about an account: it answered, or it could not be reached or used.
 * @param {AppStore} store @param {string} id @param {any} error null when the fetch went through
 */
export function noteFetch(store, id, error) {
  if (!listed(store, id)) return;
  if (!error) setReach(store, id, { state: "ok" });
  else if (leavesAccountUnusable(error)) setReach(store, id, { state: "failed", message: error.message });
}

/**
 * Reads the accounts from Rust again and chooses `preferredId` if given (else keeps the choice).
 * @param {AppStore} store @param {string} [preferredId]
 */
export async function refreshAccounts(store, preferredId) {
  try {
    const list = await commands.listAccounts();
    store.set(accountsPatch(list, preferredId, store.get().accountId));
  } catch (error) {
    showError(error);
  }
}

/** A change went through; `notice` says what became of a damaged accounts file, if anything. */
function tellNotice(notice) {
  if (notice) showInfo(notice, { code: "accounts_file_kept_aside" });
}

/**
 * Rust stored an added or edited account: list it, choose it, say so, and check it.
 * @param {AppStore} store @param {import("../contract/SavedAccount").SavedAccount} account @param {boolean} editing
 */
export async function accountSaved(store, account, editing) {
  await refreshAccounts(store, account?.id);
  setStatus(editing ? `Saved changes to ${account?.name}.` : `Added ${account?.name}.`);
  tellNotice(account?.notice);
  const saved = store.get().accounts.find((a) => a.id === account?.id);
  if (saved) checkAccount(store, saved);
}

/**
 * Asks whether to remove `account` and, if so, has Rust forget it and its keychain entry.
 * @param {AppStore} store @param {AccountView} account
 */
export async function removeAccount(store, account) {
  const yes = await confirmSheet({
    id: "remove-confirm",
    title: `Remove ${account.name}?`,
    message: "Roomlens forgets this account and deletes its admin secret from your system’s keychain. CSV files you saved are not touched.",
    confirmLabel: "Remove account",
    danger: true,
  });
  if (!yes) return;
  try {
    const removed = await commands.removeAccount(account.id);
    setReach(store, account.id, null);
    await refreshAccounts(store);
    setStatus(`Removed ${account.name}.`);
    tellNotice(removed?.notice);
  } catch (error) {
    showError(error);
  }
}
