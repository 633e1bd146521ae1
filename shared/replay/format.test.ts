import { describe, expect, it } from "vitest";
import { CHECKED_FIELDS, checkedInt, digestState, type CheckedState } from "./format.js";

/** The digest as the replay format defines it, field by field through checkedInt: the in-line
 *  version in format.ts must give the same number (stored replays carry these digests). */
function referenceDigest(players: Array<{ slot: number; state: CheckedState }>): number {
  let sum = 0;
  for (const { slot, state } of players) {
    let h = Math.imul(0x811c9dc5 ^ slot, 0x01000193);
    for (const field of CHECKED_FIELDS) {
      h = Math.imul(h ^ (checkedInt(state, field) & 0xffff), 0x01000193);
      h = Math.imul(h ^ (checkedInt(state, field) >>> 16), 0x01000193);
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    sum = (sum + (h >>> 0)) >>> 0;
  }
  return sum;
}

describe("digestState", () => {
  it("is the field-by-field digest of the checked fields, for any state", () => {
    let seed = 7;
    const r = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let k = 0; k < 500; k++) {
      const players = Array.from({ length: 1 + (k % 9) }, (_, i) => ({
        slot: i + (k % 3),
        state: {
          x: r() * 2000 - 100, y: r() * 1500, vx: (r() - 0.5) * 900, vy: (r() - 0.5) * 900, cooldown: Math.floor(r() * 20),
          alive: r() > 0.3, health: Math.floor(r() * 101), shield: Math.floor(r() * 60), frags: Math.floor(r() * 30), deaths: Math.floor(r() * 30),
        },
      }));
      expect(digestState(players)).toBe(referenceDigest(players));
    }
  });

  it("tells apart a change of any one field, and does not depend on the players' order", () => {
    const a = { x: 10, y: 20, vx: 1, vy: -1, cooldown: 3, alive: true, health: 100, shield: 0, frags: 2, deaths: 1 };
    const base = digestState([{ slot: 0, state: a }, { slot: 1, state: { ...a, x: 50 } }]);
    expect(digestState([{ slot: 1, state: { ...a, x: 50 } }, { slot: 0, state: a }])).toBe(base);
    for (const field of CHECKED_FIELDS) {
      const changed = { ...a, [field]: field === "alive" ? false : (a[field] as number) + 1 };
      expect(digestState([{ slot: 0, state: changed }, { slot: 1, state: { ...a, x: 50 } }]), field).not.toBe(base);
    }
  });
});
