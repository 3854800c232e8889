// Lists pasted into a one-line filter box: a column copied from a spreadsheet arrives as lines
// (or tab-separated cells), which a one-line box would run together; they become "a, b, c".
// It does not split, check or de-duplicate IDs: Rust does that with what the box holds.

/**
 * "1_a\r\n1_b\t1_c\n" → "1_a, 1_b, 1_c": line breaks and tabs become ", ".
 * @param {string} pasted
 */
export function joinPastedLines(pasted) {
  return String(pasted ?? "")
    .split(/[\r\n\t]+/)
    .map((part) => part.trim())
    .filter(Boolean)
    .join(", ");
}

/**
 * Makes a text input accept pasted lists with line breaks, turning them into "a, b, c".
 * @param {HTMLInputElement} input
 */
export function acceptPastedLists(input) {
  input.addEventListener("paste", (event) => {
    const pasted = event.clipboardData?.getData("text/plain") ?? "";
    if (!/[\r\n\t]/.test(pasted)) return;
    event.preventDefault();
    const joined = joinPastedLines(pasted);
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? input.value.length;
    const before = input.value.slice(0, start);
    const glue = before && !/[\s,;]$/.test(before) ? ", " : "";
    input.setRangeText(glue + joined, start, end, "end");
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
}
