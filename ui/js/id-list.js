// Lists of IDs typed or pasted into a filter box: split on commas, semicolons, spaces, tabs and
// new lines, trimmed, duplicates dropped, order kept. A paste of a column from a spreadsheet
// becomes "a, b, c" in the one-line box. It does not check that an ID exists in Kaltura.

/** "1_a, 1_b\n1_a" → ["1_a", "1_b"] */
export function parseIdList(text) {
  const seen = new Set();
  const ids = [];
  for (const part of String(text ?? "").split(/[\s,;]+/)) {
    const id = part.replace(/^["']+|["']+$/g, "").trim();
    if (id && !seen.has(id)) {
      seen.add(id);
      ids.push(id);
    }
  }
  return ids;
}

/** Makes a text input accept pasted lists with line breaks, turning them into "a, b, c". */
export function acceptPastedLists(input) {
  input.addEventListener("paste", (event) => {
    const pasted = event.clipboardData?.getData("text/plain") ?? "";
    if (!/[\r\n\t]/.test(pasted)) return;
    event.preventDefault();
    const ids = parseIdList(pasted).join(", ");
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? input.value.length;
    const before = input.value.slice(0, start);
    const glue = before && !/[\s,;]$/.test(before) ? ", " : "";
    input.setRangeText(glue + ids, start, end, "end");
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
}
