// The add / edit account sheet: name, partner ID, admin secret (masked), region US / EU / custom
// URL, Test connection with Kaltura's answer in plain words, and Save. Problems are shown next to
// their field and nothing typed is cleared by an error. The secret goes straight to Rust (and from
// there to the OS keychain); this module keeps no copy once the sheet closes.

import { byId, el } from "./dom.js";
import { commands } from "./backend.js";
import { openSheet } from "./sheet.js";
import { enterSubmits } from "./forms.js";
import { accountSaved, removeAccount } from "./accounts.js";

/**
 * Opens the sheet in `root`: `existing` is the account to edit, or null to add one. Once Rust has
 * stored it, the store's accounts are read again with it chosen; "Remove…" in the edit sheet asks
 * to remove it. Returns { dialog, close }.
 * @param {Element} root
 * @param {{ store: import("./accounts.js").AppStore, existing?: import("../contract/AccountView").AccountView | null }} options
 */
export function mountAccountSheet(root, { store, existing = null }) {
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
    ? el("button", { type: "button", class: "quiet quiet-danger footer-start", id: "account-remove", on: { click: () => { sheet.close(); removeAccount(store, existing); } } }, "Remove…")
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
    root,
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
    // A saved secret is only used with the partner and service it was saved for (Rust checks too).
    const moved =
      editing &&
      (Number(pid) !== existing.partner_id ||
        region.value !== existing.region ||
        (region.value === "custom" && customUrl.value.trim() !== existing.service_url));
    const needSecret = (!editing || moved) && secret.value.length === 0;
    showFieldError(
      secret,
      needSecret ? (moved ? "Type the admin secret again for the new partner ID or region." : "Paste the admin secret from Integration Settings.") : null,
    );
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
    let saved;
    try {
      saved = editing ? await commands.updateAccount(existing.id, d) : await commands.addAccount(d);
    } catch (error) {
      showResult("failed", error.message);
      busy(false);
      return;
    }
    secret.value = "";
    sheet.close();
    await accountSaved(store, saved, editing);
  });
  return sheet;
}
