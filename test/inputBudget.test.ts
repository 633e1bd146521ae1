// Over the wire: a modified client cannot move faster than real time by sending extra inputs
// (stock @colyseus/sdk clients against the real server).

import { Client, type Room } from "@colyseus/sdk";
import { matchMaker } from "@colyseus/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_TIMINGS, PLAYER_MAX_SPEED } from "../shared/constants.js";
import { CloseCode, ROOM_NAME } from "../shared/protocol.js";
import { ArenaState, type PlayerInput } from "../shared/schema.js";
import type { ArenaRoom } from "../server/rooms/ArenaRoom.js";
import { startGameServer, type RunningServer } from "./helpers/gameServer.js";
import { waitFor } from "./helpers/waitFor.js";

/** The window the speed is judged over, ms, and the allowed excess over the honest top speed
 *  (an honest client measured the same way at the same time: timer bursts on a loaded machine
 *  move both alike). */
const WINDOW_MS = 400;
const MAX_SPEED_RATIO = 1.1;

let server: RunningServer;
const rooms: Room[] = [];

beforeAll(async () => {
  server = await startGameServer();
});

afterAll(async () => {
  await Promise.all(rooms.filter((r) => r.connection.isOpen).map((r) => r.leave().catch(() => undefined)));
  await server.stop();
});

/** A client in its own room that sends `perTick` inputs every tick, running toward the far side
 *  (and back when stopped by a wall), for `ms`. Returns the server's path length per 400 ms window. */
async function run(perTick: number, ms: number): Promise<{ windows: number[]; closed: number | undefined }> {
  const room = await new Client(server.url).create<ArenaState>(ROOM_NAME, { name: `x${perTick}` }, ArenaState);
  rooms.push(room);
  let closed: number | undefined;
  room.onLeave((code) => (closed = code));
  const arena = matchMaker.getLocalRoomById(room.roomId) as ArenaRoom;
  const me = await waitFor("own player on the server", () => arena.state.players.get(room.sessionId));
  const input = room.input<PlayerInput>();
  let dir = me.x < 640 ? 1 : -1;
  let lastX = me.x;
  const samples: { at: number; path: number }[] = [{ at: performance.now(), path: 0 }];
  let path = 0;
  const sender = setInterval(() => {
    for (let i = 0; i < perTick; i++) {
      input.data.moveX = dir;
      input.send();
    }
  }, DEFAULT_TIMINGS.stepMs);
  const sampler = setInterval(() => {
    const p = arena.state.players.get(room.sessionId);
    if (!p) return;
    path += Math.abs(p.x - lastX);
    if (p.x === lastX && p.vx === 0) dir = -dir; // against a wall: turn round
    lastX = p.x;
    samples.push({ at: performance.now(), path });
  }, 5);
  await new Promise((resolve) => setTimeout(resolve, ms));
  clearInterval(sender);
  clearInterval(sampler);
  const windows: number[] = [];
  for (let i = 0; i < samples.length; i++) {
    const end = samples.findIndex((s) => s.at >= samples[i].at + WINDOW_MS);
    if (end < 0) break;
    windows.push(samples[end].path - samples[i].path);
  }
  return { windows, closed };
}

describe("real-time input budget", () => {
  it("3 and 10 inputs per tick move no faster than 1.1× the honest top speed over any 400 ms", async () => {
    const [honest, three, ten] = await Promise.all([run(1, 2500), run(3, 2500), run(10, 2500)]);
    const best = (w: number[]) => Math.max(...w);
    const topSpeedPath = PLAYER_MAX_SPEED * (WINDOW_MS / 1000);
    console.log("path per 400 ms, px (max):", { honest: best(honest.windows), three: best(three.windows), ten: best(ten.windows), topSpeedPath });
    // Both really ran (half the top speed at least: a loaded 2-core machine delays the senders).
    expect(best(honest.windows)).toBeGreaterThan(0.5 * topSpeedPath);
    expect(best(three.windows)).toBeLessThanOrEqual(MAX_SPEED_RATIO * best(honest.windows));
    expect(best(ten.windows)).toBeLessThanOrEqual(MAX_SPEED_RATIO * best(honest.windows));
    expect(best(three.windows)).toBeGreaterThan(0.5 * topSpeedPath); // not frozen, just bounded
  });

  it("closes a client that keeps sending faster than real time, with a reason", async () => {
    const { closed } = await run(3, (DEFAULT_TIMINGS.inputOverrunTicks + 3 * DEFAULT_TIMINGS.inputCatchupTicks) * DEFAULT_TIMINGS.stepMs);
    expect(closed).toBe(CloseCode.InputOverrun);
  });
});
