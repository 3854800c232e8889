// Accounts: the switcher at the top of the sidebar (Demo first, each with whether it is
// reachable), the list in Settings with Test connection, Edit and Remove (with confirmation).
// Adding and editing happen in account-sheet.js; this module never sees an admin secret.

import { byId, el, clear } from "./dom.js";
import { commands } from "./backend.js";
import { confirmSheet } from "./sheet.js";
import { openAccountSheet } from "./account-sheet.js";
import { showError, showInfo } from "./banner.js";
import { setStatus } from "./status.js";
import { leavesAccountUnusable } from "./error-actions.js";

const REGION_WORDS = { us: "US", eu: "EU", custom: "Custom server", demo: "Demo" };

function describe(account) {
  if (account.is_demo) return "Sample data built into Roomlens — no Kaltura account needed";
  const region = account.region === "custom" ? account.service_url : `${REGION_WORDS[account.region] ?? account.region} · ${account.service_url}`;
  return `Partner ID ${account.partner_id} · ${region}`;
}

/**
 * context.onSelect(account) runs when the user picks another account; context.onChange()
 * when the list or the selection changes (to remember the last view).
 */
export function createAccountsView(context) {
  const switcher = byId("account-switcher");
  const list = byId("accounts-list");
  let accounts = [];
  let currentId = null;
  const reach = new Map(); // id → { state: "checking" | "ok" | "failed", message }

  function current() {
    return accounts.find((a) => a.id === currentId) ?? accounts[0] ?? null;
  }

  function reachWords(account) {
    const r = reach.get(account.id);
    if (!r) return { state: "unknown", words: "Not checked yet" };
    if (r.state === "checking") return { state: "checking", words: "Checking…" };
    if (r.state === "ok") return { state: "ok", words: account.is_demo ? "Ready" : "Reachable" };
    return { state: "failed", words: "Not reachable" };
  }

  function reachabilityBadge(account, idPrefix) {
    const { state, words } = reachWords(account);
    const badge = el("span", { class: "reachability", "data-reach": state, id: `${idPrefix}-${account.id}` }, words);
    const message = reach.get(account.id)?.message;
    if (message) badge.title = message;
    return badge;
  }

  function renderSwitcher() {
    clear(switcher);
    const selected = current();
    for (const account of accounts) {
      const isCurrent = selected?.id === account.id;
      switcher.appendChild(
        el(
          "li",
          {},
          el(
            "button",
            {
              type: "button",
              class: "account-option",
              id: `account-option-${account.id}`,
              "aria-current": isCurrent ? "true" : "false",
              dataset: { accountId: account.id },
              on: { click: () => select(account.id) },
            },
            el("span", { class: "account-name" }, account.name),
            reachabilityBadge(account, "reach"),
          ),
        ),
      );
    }
  }

  function renderList() {
    clear(list);
    for (const account of accounts) {
      const r = reach.get(account.id);
      const actions = [
        el(
          "button",
          { type: "button", class: "quiet", id: `account-check-${account.id}`, dataset: { action: "test", accountId: account.id }, on: { click: () => check(account) } },
          "Test connection",
        ),
      ];
      if (!account.is_demo) {
        actions.push(
          el(
            "button",
            { type: "button", class: "quiet", id: `account-edit-${account.id}`, dataset: { action: "edit", accountId: account.id }, on: { click: () => edit(account) } },
            "Edit…",
          ),
          el(
            "button",
            { type: "button", class: "quiet quiet-danger", id: `account-remove-${account.id}`, dataset: { action: "remove", accountId: account.id }, on: { click: () => confirmRemove(account) } },
            "Remove…",
          ),
        );
      }
      list.appendChild(
        el(
          "li",
          { class: "account-row", dataset: { accountId: account.id } },
          el(
            "div",
            { class: "account-row-main" },
            el("span", { class: "account-row-name" }, account.name),
            el("span", { class: "account-row-meta" }, describe(account)),
            reachabilityBadge(account, "reach-row"),
            r?.state === "failed" && r.message ? el("span", { class: "field-error", id: `reach-message-${account.id}` }, r.message) : null,
          ),
          el("div", { class: "account-row-actions" }, actions),
        ),
      );
    }
  }

  /** Redraws both lists; a keyboard user's focus stays on the same button. */
  function render() {
    const focused = document.activeElement;
    const inLists = switcher.contains(focused) || list.contains(focused);
    const focusedId = inLists ? focused.id : "";
    renderSwitcher();
    renderList();
    if (focusedId) document.getElementById(focusedId)?.focus();
  }

  function select(id) {
    if (!accounts.some((a) => a.id === id)) return;
    const changed = id !== currentId;
    currentId = id;
    render();
    if (changed) {
      context.onSelect(current());
      context.onChange();
    }
  }

  /** Asks Rust whether the account answers; only the badge changes. */
  async function check(account) {
    reach.set(account.id, { state: "checking" });
    render();
    try {
      await commands.testConnection(account.id);
      reach.set(account.id, { state: "ok" });
    } catch (error) {
      reach.set(account.id, { state: "failed", message: error.message });
    }
    if (accounts.some((a) => a.id === account.id)) render();
  }

  function checkAll() {
    for (const account of accounts) check(account);
  }

  /** What a fetch just learned about an account: it answered, or it could not be reached or used. */
  function noteFetch(id, error) {
    if (!accounts.some((a) => a.id === id)) return;
    if (!error) reach.set(id, { state: "ok" });
    else if (leavesAccountUnusable(error)) reach.set(id, { state: "failed", message: error.message });
    else return;
    render();
  }

  function setAccounts(next, preferredId) {
    accounts = [...next].sort((a, b) => Number(Boolean(b.is_demo)) - Number(Boolean(a.is_demo)));
    const wanted = preferredId ?? currentId;
    currentId = accounts.some((a) => a.id === wanted) ? wanted : accounts[0]?.id ?? null;
    render();
  }

  async function refresh(preferredId) {
    const before = currentId;
    try {
      setAccounts(await commands.listAccounts(), preferredId);
    } catch (error) {
      showError(error);
      return;
    }
    if (currentId !== before) context.onSelect(current());
    context.onChange();
  }

  /** A change went through; `notice` says what became of a damaged accounts file, if anything. */
  function tellNotice(notice) {
    if (notice) showInfo(notice, { code: "accounts_file_kept_aside" });
  }

  async function saved(account, editing) {
    await refresh(account?.id);
    setStatus(editing ? `Saved changes to ${account?.name}.` : `Added ${account?.name}.`);
    tellNotice(account?.notice);
    const listed = accounts.find((a) => a.id === account?.id);
    if (listed) check(listed);
  }

  function edit(existing = null) {
    openAccountSheet({ existing, onSaved: saved, onRemove: confirmRemove });
  }

  async function confirmRemove(account) {
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
      reach.delete(account.id);
      await refresh();
      setStatus(`Removed ${account.name}.`);
      tellNotice(removed?.notice);
    } catch (error) {
      showError(error);
    }
  }

  byId("add-account").addEventListener("click", () => edit());

  return {
    setAccounts,
    refresh,
    checkAll,
    noteFetch,
    current,
    select,
  };
}
