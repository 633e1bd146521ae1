// Both sides: re-simulate a replay and check it against the server's own digests and
// checkpoints; on a difference, find the first tick that differs, the player and the field
// (the desync finder). Pure.

import type { ArenaMap } from "../arena.js";
import { CHECKED_FIELDS, checkedInt, TICK_DIGEST_MASK, type Replay } from "./format.js";
import { ReplaySim } from "./sim.js";

export interface Desync {
  /** First tick (counted from the match start) whose state differs from the server's. */
  tick: number;
  /** The tick whose full check named the player and field (≥ tick). */
  checkedAt: number;
  /** The players and fields that differ at `checkedAt` (the first one first). */
  differences: Array<{ slot: number; name: string; field: string; server: string; replay: string }>;
}

export interface VerifyResult {
  ok: boolean;
  ticks: number;
  /** Digests and checkpoints compared. */
  digests: number;
  checkpoints: number;
  desync?: Desync;
}

export function verifyReplay(replay: Replay, arena: ArenaMap): VerifyResult {
  const sim = new ReplaySim(replay, arena);
  let digests = 0;
  let checkpoints = 0;
  /** First tick whose digest differed, waiting for the next checkpoint to name who and what. */
  let firstBadTick: number | undefined;
  let desync: Desync | undefined;
  const nameOf = (slot: number) => sim.players.get(slot)?.name ?? `slot ${slot}`;

  while (!sim.finished && !desync) {
    const mismatch = sim.stepTick((event) => {
      if (desync) return;
      if (event.kind === "tick") {
        digests++;
        if (firstBadTick === undefined && (sim.digest() & TICK_DIGEST_MASK) !== event.digest) firstBadTick = sim.tick;
      } else if (event.kind === "checkpoint") {
        checkpoints++;
        const differences: Desync["differences"] = [];
        const seen = new Set<number>();
        for (const stored of event.players) {
          seen.add(stored.slot);
          const p = sim.players.get(stored.slot);
          if (!p) {
            differences.push({ slot: stored.slot, name: nameOf(stored.slot), field: "present", server: "yes", replay: "no" });
            continue;
          }
          for (const field of CHECKED_FIELDS) {
            if (checkedInt(stored, field) !== checkedInt(p, field)) {
              differences.push({ slot: p.slot, name: p.name, field, server: String(stored[field]), replay: String(p[field]) });
            }
          }
        }
        for (const p of sim.players.values()) {
          if (!seen.has(p.slot)) differences.push({ slot: p.slot, name: p.name, field: "present", server: "no", replay: "yes" });
        }
        // A digest that differs is always a real difference (equal states hash equally); a state
        // that differed and came back (a player pushed into a wall either way) has none to name.
        if (differences.length > 0 || firstBadTick !== undefined) {
          desync = { tick: firstBadTick ?? sim.tick, checkedAt: sim.tick, differences };
        }
      }
    });
    if (mismatch && !desync) {
      desync = {
        tick: sim.tick, checkedAt: sim.tick,
        differences: [{ slot: mismatch.slot, name: nameOf(mismatch.slot), field: mismatch.field, server: mismatch.stored, replay: mismatch.simulated }],
      };
    }
  }
  if (!desync && firstBadTick !== undefined) {
    desync = { tick: firstBadTick, checkedAt: sim.tick, differences: [] };
  }
  return { ok: !desync, ticks: sim.tick, digests, checkpoints, desync };
}

/** One line a person can act on: the tick (and match time), the player, the field. */
export function describeDesync(d: Desync, tickRate: number): string {
  const at = (tick: number) => `tick ${tick} (${(tick / tickRate).toFixed(2)} s into the match)`;
  if (d.differences.length === 0) {
    return `desync at ${at(d.tick)}: the state differed there and was equal again by the full check at tick ${d.checkedAt}, so no player or field is named`;
  }
  const first = d.differences[0];
  const rest = d.differences.length > 1 ? `; also ${d.differences.slice(1).map((x) => `${x.name} ${x.field}`).join(", ")}` : "";
  const when = d.checkedAt === d.tick ? "" : ` (checked at tick ${d.checkedAt})`;
  return `desync at ${at(d.tick)}: player ${first.name} (slot ${first.slot}), field ${first.field}: server ${first.server}, replay ${first.replay}${when}${rest}`;
}
