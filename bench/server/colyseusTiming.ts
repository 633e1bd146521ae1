// Bench server child (Colyseus variants): times each room tick, i.e. the fixed step(s) plus the
// state patch broadcast that follows, by wrapping Room methods in this process only. A room
// whose steps run on setFixedTimestep and whose patch runs on Colyseus' own timer (Minimal) is
// timed as step(s) + the patch that follows them; a room that steps from its own broadcastPatch
// override, on Colyseus' patch timer, and sends each patch from its step (Skirmish's ArenaRoom) is
// timed by that call: its step(s) and their patches.

import { Room, type StepContext } from "@colyseus/core";
import type { Instruments } from "./instrument.js";

type StepCallback = (ctx: StepContext) => void;

/** Install before any room is created; applies to every Room subclass of this process.
 *  `selfStepping`: room classes whose broadcastPatch override runs their steps. */
export function timeColyseusTicks(instruments: Instruments, selfStepping: ReadonlyArray<{ prototype: Room }> = []): void {
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

  const timedSelfStep = (room: Room, own: () => boolean): boolean => {
    const started = performance.now();
    stepping = room;
    try {
      return own.call(room);
    } finally {
      stepping = undefined;
      if (room.clients.length > 0) instruments.ticks.push(performance.now() - started);
    }
  };
  for (const roomClass of selfStepping) {
    const own = roomClass.prototype.broadcastPatch;
    if (own === proto.broadcastPatch) throw new Error("a self-stepping room class must override broadcastPatch");
    roomClass.prototype.broadcastPatch = function (this: Room) {
      return timedSelfStep(this, own);
    };
  }

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
