// Form behaviour shared by the screens and sheets: Enter submits the form from any control, not
// only from text boxes (browsers do not submit from selects or checkboxes on their own).
// It does not validate or collect values; each form does that in its own submit handler.

const SUBMITTING_INPUTS = new Set(["checkbox", "radio", "date"]);

/** Makes Enter in a select, checkbox, radio button or date picker of `form` submit it. */
export function enterSubmits(form) {
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.defaultPrevented || event.isComposing) return;
    const target = event.target;
    const fromSelect = target instanceof HTMLSelectElement;
    const fromToggle = target instanceof HTMLInputElement && SUBMITTING_INPUTS.has(target.type);
    if (fromSelect || fromToggle) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
}
