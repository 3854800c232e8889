// Settings → Accounts: the "Add Kaltura account…" button and the list of accounts, each with
// whether it is reachable, Test connection, Edit and Remove (with confirmation). It draws from the
// store; adding and editing happen in the account sheet. It never sees an admin secret.

import { el, clear } from "./dom.js";
import { mountAccountSheet } from "./account-sheet.js";
import { checkAccount, describeAccount, reachabilityBadge, redrawKeepingFocus, removeAccount } from "./accounts.js";

/**
 * Adds the Accounts section to `root` (the Settings screen) and keeps its list up to date.
 * @param {HTMLElement} root
 * @param {{ store: import("./accounts.js").AppStore }} options
 */
export function mountAccountsView(root, { store }) {
  const list = el("ul", { class: "account-list", id: "accounts-list" });
  const section = el(
    "section",
    { class: "settings-section", "aria-labelledby": "accounts-title" },
    el(
      "div",
      { class: "section-heading" },
      el("h2", { id: "accounts-title" }, "Accounts"),
      el(
        "button",
        { type: "button", class: "primary", id: "add-account", on: { click: () => mountAccountSheet(document.body, { store, existing: null }) } },
        "Add Kaltura account…",
      ),
    ),
    el("p", { class: "section-text" }, "Admin secrets are kept in your system’s keychain, never in a file."),
    list,
  );

  function draw() {
    const { accounts, reach } = store.get();
    clear(list);
    for (const account of accounts) {
      const r = reach[account.id];
      const actions = [
        el(
          "button",
          {
            type: "button",
            class: "quiet",
            id: `account-check-${account.id}`,
            dataset: { action: "test", accountId: account.id },
            on: { click: () => checkAccount(store, account) },
          },
          "Test connection",
        ),
      ];
      if (!account.is_demo) {
        actions.push(
          el(
            "button",
            {
              type: "button",
              class: "quiet",
              id: `account-edit-${account.id}`,
              dataset: { action: "edit", accountId: account.id },
              on: { click: () => mountAccountSheet(document.body, { store, existing: account }) },
            },
            "Edit…",
          ),
          el(
            "button",
            {
              type: "button",
              class: "quiet quiet-danger",
              id: `account-remove-${account.id}`,
              dataset: { action: "remove", accountId: account.id },
              on: { click: () => removeAccount(store, account) },
            },
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
            el("span", { class: "account-row-meta" }, describeAccount(account)),
            reachabilityBadge(account, r, "reach-row"),
            r?.state === "failed" && r.message ? el("span", { class: "field-error", id: `reach-message-${account.id}` }, r.message) : null,
          ),
          el("div", { class: "account-row-actions" }, actions),
        ),
      );
    }
  }

  root.appendChild(section);
  const unsubscribe = store.subscribe(() => redrawKeepingFocus(list, draw), ["accounts", "reach"]);
  draw();

  return {
    element: section,
    unmount() {
      unsubscribe();
      section.remove();
    },
  };
}
