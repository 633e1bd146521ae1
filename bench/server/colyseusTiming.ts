// Bench server child (Colyseus variants): times each room tick, i.e. the fixed step(s) plus the
// state patch broadcast that follows, by wrapping two Room methods in this process only. A room
// that sends its patch from inside its step (Skirmish) is timed by its step alone; a room whose
// patch runs on Colyseus' own timer is timed as step(s) + the patch that follows them.

import { Room, type StepContext } from "@colyseus/core";
import type { Instruments } from "./instrument.js";

type StepCallback = (ctx: StepContext) => void;

/** Install before any room is created; applies to every Room subclass of this process. */
export function timeColyseusTicks(instruments: Instruments): void {
  const stepMs = new WeakMap<Room, number>();
  const patchesInStep = new WeakSet<Room>();
  const proto = Room.prototype;
  let stepping: Room | undefined;
  let patchedInStep = false;

  const timedStep = (room: Room, step: StepCallback): StepCallback => (ctx) => {
    const started = performance.now();
    stepping = room;
    patchedInStep = false;
    try {
      step(ctx);
    } finally {
      stepping = undefined;
      const ms = performance.now() - started;
      if (patchedInStep) patchesInStep.add(room);
      if (patchesInStep.has(room)) {
        // Rooms with no client send nothing and are not ticking for anyone: not a sample.
        if (room.clients.length > 0) instruments.ticks.push(ms);
      } else {
        stepMs.set(room, (stepMs.get(room) ?? 0) + ms);
      }
    }
  };

  const setFixedTimestep = proto.setFixedTimestep;
  proto.setFixedTimestep = function (this: Room, step: StepCallback, tickRate?: number, opts?: { subSteps?: number }) {
    return setFixedTimestep.call(this, timedStep(this, step), tickRate, opts);
  };

  const broadcastPatch = proto.broadcastPatch;
  proto.broadcastPatch = function (this: Room) {
    if (stepping === this) {
      patchedInStep = true;
      return broadcastPatch.call(this);
    }
    const started = performance.now();
    try {
      return broadcastPatch.call(this);
    } finally {
      if (this.clients.length > 0) instruments.ticks.push((stepMs.get(this) ?? 0) + performance.now() - started);
      stepMs.set(this, 0);
    }
  };
}
