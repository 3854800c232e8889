// Accounts: the switcher at the top of the sidebar (Demo first, each with whether it is
// reachable), the list in Settings, and the add / edit sheet with Test connection and removal.
// Secrets pass straight from the password box to Rust, which keeps them in the OS keychain;
// this module never stores, logs or shows a secret and keeps no copy after the sheet closes.

import { byId, el, clear } from "./dom.js";
import { commands } from "./backend.js";
import { openSheet, confirmSheet } from "./sheet.js";
import { showError } from "./banner.js";
import { setStatus } from "./status.js";
import { enterSubmits } from "./forms.js";

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
            { type: "button", class: "quiet", id: `account-edit-${account.id}`, dataset: { action: "edit", accountId: account.id }, on: { click: () => openAccountSheet(account) } },
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

  function render() {
    renderSwitcher();
    renderList();
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

  function setAccounts(next, preferredId) {
    accounts = [...next].sort((a, b) => Number(Boolean(b.is_demo)) - Number(Boolean(a.is_demo)));
    const wanted = preferredId ?? currentId;
    currentId = accounts.some((a) => a.id === wanted) ? wanted : accounts[0]?.id ?? null;
    render();
  }

  async function refresh(preferredId) {
    const before = currentId;
    setAccounts(await commands.listAccounts(), preferredId);
    if (currentId !== before) context.onSelect(current());
    context.onChange();
  }

  // ---------- add / edit sheet ----------

  function openAccountSheet(existing = null) {
    const editing = existing !== null;
    const fieldError = (id) => el("p", { class: "field-error", id, hidden: true });

    const name = el("input", { type: "text", id: "account-name", autocomplete: "off", "aria-describedby": "account-name-error" });
    const partner = el("input", { type: "text", id: "account-partner-id", inputmode: "numeric", autocomplete: "off", spellcheck: "false", "aria-describedby": "account-partner-id-hint account-partner-id-error" });
    const secret = el("input", { type: "password", id: "account-secret", autocomplete: "off", spellcheck: "false", "aria-describedby": "account-secret-hint account-secret-error" });
    const region = el(
      "select",
      { id: "account-region" },
      el("option", { value: "us" }, "US (kaltura.com)"),
      el("option", { value: "eu" }, "EU"),
      el("option", { value: "custom" }, "Custom URL"),
    );
    const customUrl = el("input", { type: "url", id: "account-custom-url", placeholder: "https://kaltura.example.org", autocomplete: "off", spellcheck: "false", "aria-describedby": "account-custom-url-error" });
    const customField = el("div", { class: "field", id: "account-custom-url-field" }, el("label", { for: "account-custom-url" }, "Service URL"), customUrl, fieldError("account-custom-url-error"));
    const result = el("p", { class: "test-result", id: "account-test-result", role: "status", hidden: true });

    if (editing) {
      name.value = existing.name;
      partner.value = String(existing.partner_id);
      region.value = ["us", "eu", "custom"].includes(existing.region) ? existing.region : "custom";
      if (region.value === "custom") customUrl.value = existing.service_url;
    }
    const syncRegion = () => {
      customField.hidden = region.value !== "custom";
    };
    region.addEventListener("change", syncRegion);
    syncRegion();

    const form = el(
      "form",
      { id: "account-form", novalidate: true },
      el("div", { class: "field" }, el("label", { for: "account-name" }, "Name"), name, fieldError("account-name-error")),
      el(
        "div",
        { class: "field" },
        el("label", { for: "account-partner-id" }, "Partner ID"),
        partner,
        el("p", { class: "field-hint", id: "account-partner-id-hint" }, "In KMC → Settings → Integration Settings."),
        fieldError("account-partner-id-error"),
      ),
      el(
        "div",
        { class: "field" },
        el("label", { for: "account-secret" }, "Admin secret"),
        secret,
        el(
          "p",
          { class: "field-hint", id: "account-secret-hint" },
          editing ? "Leave empty to keep the saved secret. It is kept in your system’s keychain." : "Next to the partner ID in Integration Settings. Roomlens keeps it in your system’s keychain.",
        ),
        fieldError("account-secret-error"),
      ),
      el("div", { class: "field" }, el("label", { for: "account-region" }, "Region"), region),
      customField,
      result,
    );

    enterSubmits(form);

    const remove = editing
      ? el("button", { type: "button", class: "quiet quiet-danger footer-start", id: "account-remove", on: { click: () => { sheet.close(); confirmRemove(existing); } } }, "Remove…")
      : null;
    const test = el("button", { type: "button", id: "account-test" }, "Test connection");
    const cancel = el("button", { type: "button", id: "account-cancel", on: { click: () => sheet.close() } }, "Cancel");
    const save = el("button", { type: "submit", class: "primary", id: "account-save", form: "account-form" }, editing ? "Save changes" : "Add account");

    const sheet = openSheet({
      id: "account-sheet",
      title: editing ? `Edit ${existing.name}` : "Add Kaltura account",
      body: form,
      footer: [remove, test, cancel, save].filter(Boolean),
      initialFocus: "#account-name",
    });

    function showFieldError(input, message) {
      const box = byId(`${input.id}-error`);
      box.textContent = message ?? "";
      box.hidden = !message;
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }

    /** The draft, or null after marking the fields that need attention. */
    function draft() {
      const problems = [];
      const n = name.value.trim();
      const pid = partner.value.trim();
      showFieldError(name, n ? null : "Give the account a name, for example “Marketing”.");
      if (!n) problems.push(name);
      const pidOk = /^\d{1,12}$/.test(pid) && Number(pid) > 0;
      showFieldError(partner, pidOk ? null : "The partner ID is a number, like 1234567.");
      if (!pidOk) problems.push(partner);
      const needSecret = !editing && secret.value.length === 0;
      showFieldError(secret, needSecret ? "Paste the admin secret from Integration Settings." : null);
      if (needSecret) problems.push(secret);
      const needUrl = region.value === "custom" && customUrl.value.trim() === "";
      showFieldError(customUrl, needUrl ? "Enter your Kaltura server’s address, starting with https://." : null);
      if (needUrl) problems.push(customUrl);
      if (problems.length) {
        problems[0].focus();
        return null;
      }
      return {
        name: n,
        partner_id: Number(pid),
        region: region.value,
        custom_url: region.value === "custom" ? customUrl.value.trim() : null,
        secret: secret.value.length ? secret.value : null,
      };
    }

    function showResult(state, message) {
      result.dataset.result = state;
      result.textContent = message;
      result.hidden = false;
    }

    function busy(on) {
      for (const button of [test, save, cancel, remove].filter(Boolean)) button.disabled = on;
    }

    test.addEventListener("click", async () => {
      const d = draft();
      if (!d) return;
      busy(true);
      showResult("checking", "Testing the connection…");
      try {
        await commands.testDraft(d, editing ? existing.id : null);
        showResult("ok", `Connected. Kaltura accepted partner ID ${d.partner_id} and this admin secret.`);
      } catch (error) {
        showResult("failed", error.message);
      } finally {
        busy(false);
      }
    });

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const d = draft();
      if (!d) return;
      busy(true);
      try {
        const saved = editing ? await commands.updateAccount(existing.id, d) : await commands.addAccount(d);
        secret.value = "";
        sheet.close();
        await refresh(saved?.id ?? existing?.id);
        setStatus(editing ? `Saved changes to ${saved?.name ?? d.name}.` : `Added ${saved?.name ?? d.name}.`);
        const account = accounts.find((a) => a.id === saved?.id);
        if (account) check(account);
      } catch (error) {
        showResult("failed", error.message);
        busy(false);
      }
    });
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
      await commands.removeAccount(account.id);
      reach.delete(account.id);
      await refresh();
      setStatus(`Removed ${account.name}.`);
    } catch (error) {
      showError(error);
    }
  }

  byId("add-account").addEventListener("click", () => openAccountSheet());

  return {
    setAccounts,
    refresh,
    checkAll,
    current,
    select,
  };
}
