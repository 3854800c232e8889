// Building DOM nodes safely: every piece of text becomes a text node, never markup.
// `el` creates an element with attributes, properties and children; `clear` empties a node;
// `listen` adds a listener and returns what removes it (for a component's unmount).
// It deliberately has no templating, no HTML parsing and no way to set `innerHTML`.

/**
 * el("button", { class: "primary", type: "button", dataset: { column: "user_name" }, on: { click } }, "Fetch")
 * Attribute values and children are always treated as text.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "dataset") {
      for (const [key, v] of Object.entries(value)) node.dataset[key] = String(v);
    } else if (name === "on") {
      for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    } else if (name === "class") {
      node.className = Array.isArray(value) ? value.filter(Boolean).join(" ") : String(value);
    } else if (name === "text") {
      node.textContent = String(value);
    } else if (value === true) {
      node.setAttribute(name, "");
    } else {
      node.setAttribute(name, String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
}

/** Removes every child of `node`. */
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/**
 * Adds `handler` for `type` events on `target` (the window, the document, another component's
 * element) and returns the function that removes it again.
 * @param {EventTarget} target
 * @param {string} type
 * @param {(event: any) => void} handler
 * @returns {() => void}
 */
export function listen(target, type, handler) {
  target.addEventListener(type, handler);
  return () => target.removeEventListener(type, handler);
}

/**
 * Shorthand for document.getElementById that fails loudly when the page and code disagree. The
 * element's kind (input, select, button…) is the markup's, so it is not checked here.
 * @param {string} id
 * @returns {any}
 */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`Roomlens page is missing #${id}`);
  return node;
}
