// Browser client: whether the player has clicked, tapped or pressed a key on the page yet
// (browsers allow sound only after that). main.ts starts watching at once, so a click on the
// start screen counts though the arena, and its sound, load later. Tiny and Phaser-free: it is
// part of the start screen's download.

/** Events that count as a user gesture for the browser's autoplay rules. */
export const GESTURES = ["pointerdown", "mousedown", "keydown", "touchend"] as const;

let seen = false;

/** Start watching `target` for the first gesture. */
export function watchGestures(target: EventTarget = window): void {
  const onGesture = () => {
    seen = true;
    for (const type of GESTURES) target.removeEventListener(type, onGesture, { capture: true });
  };
  for (const type of GESTURES) target.addEventListener(type, onGesture, { capture: true });
}

/** Whether a gesture has been seen since watchGestures was called. */
export function gestureSeen(): boolean {
  return seen;
}
