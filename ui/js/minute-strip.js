// Paints one attendee's minutes (the code Rust sends: `0` away, `1` present, `2` engaged, one
// character a minute) into a canvas one pixel per minute, which CSS stretches over the cell.
// Pure pixel work: it does not fetch minutes, decide which states are engaged (Rust applies
// Kaltura's rule) or know where the canvas sits.

/** @typedef {{ r: number, g: number, b: number }} Rgb */

/** "#0a84ff", "#08f" or "rgb(10, 132, 255)" → its channels; null when it is none of these. */
export function parseColor(text) {
  const value = String(text ?? "").trim();
  let match = /^#([0-9a-f]{6})$/i.exec(value);
  if (match) {
    const n = parseInt(match[1], 16);
    return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
  }
  match = /^#([0-9a-f]{3})$/i.exec(value);
  if (match) {
    const [r, g, b] = [...match[1]].map((c) => parseInt(c + c, 16));
    return { r, g, b };
  }
  match = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(value);
  if (match) return { r: Number(match[1]), g: Number(match[2]), b: Number(match[3]) };
  return null;
}

/** How opaque each state is painted: away leaves the track showing, present is light. */
const ALPHA = { 0: 0, 1: 90, 2: 255 };

/**
 * The RGBA pixels of `code` (one per minute) in `color`; an unknown character counts as away.
 * @param {string} code @param {Rgb} color
 */
export function stripPixels(code, color) {
  const pixels = new Uint8ClampedArray(Math.max(1, code.length) * 4);
  for (let i = 0; i < code.length; i += 1) {
    const alpha = ALPHA[/** @type {"0" | "1" | "2"} */ (code[i])] ?? 0;
    pixels[i * 4] = color.r;
    pixels[i * 4 + 1] = color.g;
    pixels[i * 4 + 2] = color.b;
    pixels[i * 4 + 3] = alpha;
  }
  return pixels;
}

/** Minutes present or engaged, and engaged, in `code`. */
export function stripCounts(code) {
  let present = 0;
  let engaged = 0;
  for (const c of code) {
    if (c === "1") present += 1;
    else if (c === "2") {
      present += 1;
      engaged += 1;
    }
  }
  return { present, engaged };
}

/**
 * Paints `pixels` (from stripPixels) into `canvas`, one pixel a minute, one pixel high.
 * @param {HTMLCanvasElement} canvas @param {Uint8ClampedArray} pixels
 */
export function paintStrip(canvas, pixels) {
  const width = pixels.length / 4;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== 1) canvas.height = 1;
  const context = canvas.getContext("2d");
  if (!context) return;
  context.putImageData(new ImageData(/** @type {any} */ (pixels), width, 1), 0, 0);
}
