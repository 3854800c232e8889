// The Library screen. It comes in a later version; until then the screen says what it will show,
// and that it is not here yet (placeholder-view.js).

import { mountPlaceholderView } from "./placeholder-view.js";

/** Adds the Library screen to `root` (hidden until the router shows it). @param {HTMLElement} root */
export function mountLibraryView(root) {
  return mountPlaceholderView(root, {
    name: "library",
    title: "Library",
    subtitle: "The reports you have fetched and opened, in one place.",
    text: "This screen will keep every report you fetch from Kaltura or open from a file on this computer, so you can go back to one months later without a network, and follow people and rooms across sessions. Until then, Save as CSV… under Reports keeps a report as a file, and Open CSV… shows it again.",
  });
}
