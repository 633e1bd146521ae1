// Bench server child (Colyseus variants): times each room tick, i.e. the fixed step(s) plus the
// state patch broadcast that follows, by wrapping two Room methods in this process only.

import { Room, type StepContext } from "@colyseus/core";
import type { Instruments } from "./instrument.js";

type StepCallback = (ctx: StepContext) => void;

/** Install before any room is created; applies to every Room subclass of this process. */
export function timeColyseusTicks(instruments: Instruments): void {
  const stepMs = new WeakMap<Room, number>();
  const proto = Room.prototype;

  const setFixedTimestep = proto.setFixedTimestep;
  proto.setFixedTimestep = function (this: Room, step: StepCallback, tickRate?: number, opts?: { subSteps?: number }) {
    const timed: StepCallback = (ctx) => {
      const started = performance.now();
      try {
        step(ctx);
      } finally {
        stepMs.set(this, (stepMs.get(this) ?? 0) + performance.now() - started);
      }
    };
    return setFixedTimestep.call(this, timed, tickRate, opts);
  };

  const broadcastPatch = proto.broadcastPatch;
  proto.broadcastPatch = function (this: Room) {
    const started = performance.now();
    try {
      return broadcastPatch.call(this);
    } finally {
      // Rooms with no client send nothing and are not ticking for anyone: not a sample.
      if (this.clients.length > 0) instruments.ticks.push((stepMs.get(this) ?? 0) + performance.now() - started);
      stepMs.set(this, 0);
    }
  };
}
