// The Rooms screen. The session dashboard with its charts comes in a later version; until then the
// screen says what it will show, and that it is not here yet (placeholder-view.js).

import { mountPlaceholderView } from "./placeholder-view.js";

/** Adds the Rooms screen to `root` (hidden until the router shows it). @param {HTMLElement} root */
export function mountRoomsView(root) {
  return mountPlaceholderView(root, {
    name: "rooms",
    title: "Rooms",
    subtitle: "Your rooms’ sessions at a glance, in charts.",
    text: "This screen will show the sessions of your Kaltura rooms over time — how many took place, how many people joined and how long they stayed — drawn as charts. Until then, fetch Room data under Reports to see each session in a table.",
  });
}
