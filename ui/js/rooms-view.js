// The Rooms screen. The session dashboard with its charts comes in a later version; until then the
// screen says what it will show, and that it is not here yet (placeholder-view.js).

import { mountPlaceholderView } from "./placeholder-view.js";

/** Adds the Rooms screen to `root` (hidden until the router shows it). @param {HTMLElement} root */
export function mountRoomsView(root) {
  return mountPlaceholderView(root, {
    name: "rooms",
    title: "Rooms",
    subtitle: "One session of one room: who came, for how long, and what they did.",
    text: "This screen will show the dashboard of Kaltura’s Room analytics for a session you pick — viewers, minutes, engagement, reactions, chat, polls and Q&A, with the timeline, countries and devices drawn as charts. Until then, fetch Room data or Attendees under Reports to see each session and each attendee in a table.",
  });
}
