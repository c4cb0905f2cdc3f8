// The shopper's gestures (Fill now, the shortcut, Fill with pims on a field): which frame and
// which document each one reaches, and what a fill request then tells the host.
//
// A gesture is a random token handed to the content script of each frame it is for, with the
// command that fills it. The content script sends the token back with its fill requests; a
// frame that never got it (one that loads later, a new document in the same frame: a new
// content script) cannot present it, and the page cannot read it from the content script's
// isolated world. A gesture lasts GESTURE_MS, for card fields that scroll into view late.
// Aimed at one frame (the context menu on a field in it), it covers that frame only and is the
// one kind that fills a frame of another site than the tab's (the host decides, from top_url and
// aimed: docs/protocol.md, fill).

export const GESTURE_MS = 60_000;
const MAX_LIVE = 16;

// gestures: Map(token -> {until, frameId}) of one tab (frameId: the frame it was aimed at, or
// null for the tab as a whole). Returns the new token.
export function startGesture(gestures, { frameId = null, now = Date.now(), token }) {
  for (const [t, g] of gestures) if (g.until <= now) gestures.delete(t);
  while (gestures.size >= MAX_LIVE) gestures.delete(gestures.keys().next().value);
  gestures.set(token, { until: now + GESTURE_MS, frameId });
  return token;
}

// What a fill request from frame `frameId` carrying `token` is: {trigger, aimed}.
export function gestureOf(gestures, token, frameId, now = Date.now()) {
  const g = typeof token === 'string' ? gestures.get(token) : undefined;
  if (!g || g.until <= now || (g.frameId !== null && g.frameId !== frameId)) {
    return { trigger: 'auto', aimed: false };
  }
  return { trigger: 'gesture', aimed: g.frameId === frameId };
}

export function anyGesture(gestures, now = Date.now()) {
  for (const g of gestures.values()) if (g.until > now) return true;
  return false;
}
