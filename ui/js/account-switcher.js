// The account switcher at the top of the sidebar: one button per account (the Demo first) with
// whether it is reachable; pressing one makes it the current account. It draws from the store's
// accounts, choice and reachability, so a change made in Settings or by a fetch shows here too.

import { el, clear } from "./dom.js";
import { reachabilityBadge, redrawKeepingFocus, selectAccount } from "./accounts.js";

/**
 * Fills `root` (the sidebar's list) with the account buttons and keeps them up to date.
 * @param {HTMLElement} root
 * @param {{ store: import("./accounts.js").AppStore }} options
 */
export function mountAccountSwitcher(root, { store }) {
  function draw() {
    const state = store.get();
    const selected = state.accounts.find((a) => a.id === state.accountId) ?? state.accounts[0] ?? null;
    clear(root);
    for (const account of state.accounts) {
      root.appendChild(
        el(
          "li",
          {},
          el(
            "button",
            {
              type: "button",
              class: "account-option",
              id: `account-option-${account.id}`,
              "aria-current": selected?.id === account.id ? "true" : "false",
              dataset: { accountId: account.id },
              on: { click: () => selectAccount(store, account.id) },
            },
            el("span", { class: "account-name" }, account.name),
            reachabilityBadge(account, state.reach[account.id], "reach"),
          ),
        ),
      );
    }
  }

  const unsubscribe = store.subscribe(() => redrawKeepingFocus(root, draw), ["accounts", "accountId", "reach"]);
  draw();

  return {
    unmount() {
      unsubscribe();
      clear(root);
    },
  };
}
