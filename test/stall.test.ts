// Tests: flood limits are fair. The server's event loop freezes for 4 s (SIGSTOP on a real server
// process) while 8 honest players play; their inputs pile up in the kernel and arrive in one
// burst when it wakes. None of them may be closed, and all keep playing.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "./helpers/waitFor.js";
import { startBot, type Bot } from "./hosting/helpers/bots.js";
import { startServer, type ServerProcess } from "./hosting/helpers/processes.js";

const PLAYERS = 8;
const FREEZE_MS = 4000;

describe("a server stall", () => {
  let server: ServerProcess;
  const bots: Bot[] = [];

  beforeAll(async () => {
    server = await startServer({});
  }, 60_000);

  afterAll(async () => {
    for (const bot of bots) await bot.stop();
    server?.kill();
  });

  it(`closes none of ${PLAYERS} honest players when the server freezes for ${FREEZE_MS / 1000} s`, async () => {
    bots.push(await startBot(server.url, { name: "p0", create: true }));
    const room = bots[0].session.room.roomId;
    for (let i = 1; i < PLAYERS; i++) bots.push(await startBot(server.url, { name: `p${i}`, roomId: room }));
    await waitFor("every player seated", () => bots.every((bot) => bot.session.room.state.players.size === PLAYERS), { timeoutMs: 20_000 });

    const patches = bots.map(() => 0);
    bots.forEach((bot, i) => bot.session.room.onStateChange(() => { patches[i]++; }));
    const kicksBefore = server.logs.filter((line) => line.msg === "kick").length;

    process.kill(server.child.pid!, "SIGSTOP");
    await new Promise((resolve) => setTimeout(resolve, FREEZE_MS));
    const frozenPatches = [...patches];
    process.kill(server.child.pid!, "SIGCONT");

    // All keep playing: each gets a second's worth of patches more after the wake-up (30 at
    // 30 Hz; the deadline leaves room for a loaded machine).
    await waitFor("every player to get 30 more patches", () => patches.every((n, i) => n >= frozenPatches[i] + 30), { timeoutMs: 20_000 });
    expect(bots.map((bot) => bot.left)).toEqual(bots.map(() => undefined));
    expect(server.logs.filter((line) => line.msg === "kick").length).toBe(kicksBefore);
  }, 90_000);
});
