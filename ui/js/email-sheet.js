// The "Send to my e-mail" sheet: Kaltura's own export of a fetched report, e-mailed by Kaltura as
// a link to the CSV (the link works for seven days). The person types the address (remembered for
// next time) and, if they like, their name; Rust checks the address and asks Kaltura. When Kaltura
// accepts, the sheet closes and the banner says what arrives and where. It never sees the file.

import { el } from "./dom.js";
import { openSheet } from "./sheet.js";
import { showInfo } from "./banner.js";
import { enterSubmits } from "./forms.js";

/** @typedef {import("../contract/EmailExportAccepted").EmailExportAccepted} EmailExportAccepted */

/**
 * Opens the sheet in `root`. `what` names the report ("the attendees report for 2 Nov – 2 Dec
 * 2026"); `email` is the address used last time ("" for none); `send(email, name)` asks Kaltura
 * and resolves to its answer; `remember(email)` keeps the address for next time.
 * @param {Element} root
 * @param {{
 *   what: string,
 *   email: string,
 *   send: (email: string, name: string) => Promise<EmailExportAccepted>,
 *   remember: (email: string) => void,
 * }} options
 */
export function mountEmailSheet(root, { what, email, send, remember }) {
  const address = el("input", {
    type: "email",
    id: "email-to",
    autocomplete: "email",
    required: true,
    maxlength: "254",
    spellcheck: "false",
    "aria-describedby": "email-hint",
  });
  address.value = email;
  // A corrected address clears the complaint about the old one.
  address.addEventListener("input", () => {
    problem.hidden = true;
  });
  const name = el("input", { type: "text", id: "email-name", autocomplete: "name", maxlength: "200" });
  const problem = el("p", { class: "test-result", id: "email-error", role: "alert", "data-result": "failed", hidden: true });
  const progress = el("p", { class: "sheet-message", id: "email-progress", role: "status", hidden: true }, "Asking Kaltura…");
  const form = el(
    "form",
    { id: "email-form", novalidate: true },
    el(
      "p",
      { class: "sheet-message" },
      `Kaltura e-mails you a link to ${what} as a CSV file, usually within a few minutes. The link works for seven days. Roomlens keeps the report on screen as it is; Save as CSV… saves it on this computer at once.`,
    ),
    el("div", { class: "field" }, el("label", { for: "email-to" }, "Send to"), address, el("p", { class: "field-hint", id: "email-hint" }, "Your e-mail address, such as name@example.com")),
    el("div", { class: "field" }, el("label", { for: "email-name" }, "Your name (optional)"), name),
    progress,
    problem,
  );
  const cancel = el("button", { type: "button", id: "email-cancel", on: { click: () => sheet.close() } }, "Cancel");
  const confirm = el("button", { type: "submit", class: "primary", id: "email-confirm", form: "email-form" }, "Send");
  const sheet = openSheet({
    id: "email-sheet",
    title: "Send to my e-mail",
    body: form,
    footer: [cancel, confirm],
    initialFocus: email ? "#email-confirm" : "#email-to",
    root,
  });

  let sending = false;
  enterSubmits(form);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (sending) return;
    const to = address.value.trim();
    if (!to) {
      problem.textContent = "Type the e-mail address the report should go to, such as name@example.com.";
      problem.hidden = false;
      address.focus();
      return;
    }
    sending = true;
    problem.hidden = true;
    progress.hidden = false;
    confirm.disabled = true;
    confirm.textContent = "Sending…";
    try {
      const accepted = await send(to, name.value.trim());
      remember(to);
      sheet.close();
      showInfo(
        `Kaltura accepted the request: an e-mail with a link to the CSV goes to ${accepted.email || to}, usually within a few minutes. The link works for seven days. (Kaltura’s job number: ${accepted.reference_job_id}.)`,
        { code: "email_sent" },
      );
    } catch (error) {
      problem.textContent = error?.message ?? String(error);
      problem.hidden = false;
      address.focus();
    } finally {
      sending = false;
      progress.hidden = true;
      confirm.disabled = false;
      confirm.textContent = "Send";
    }
  });
  return sheet;
}
