// Bench server child: started by the orchestrator (bench/orchestrator/runner.ts) on its own core; runs one
// variant's server on a free loopback port and answers "window" requests with what only the
// server can measure (room tick durations, event-loop delay, rooms and clients).

import type { ServerSettings } from "../common/contracts.js";
import { notify, serveIpc } from "../common/ipc.js";
import { timeColyseusTicks } from "./colyseusTiming.js";
import { Instruments } from "./instrument.js";
import { startJsonBroadcast } from "./jsonBroadcast.js";
import { startMinimal } from "./minimal.js";
import { startRawFloor } from "./rawFloor.js";
import { startSkirmish, type StartedServer } from "./skirmish.js";
import { DEFAULT_PROFILE } from "../orchestrator/trafficProfile.js";

const settings = JSON.parse(process.env.BENCH_SERVER ?? "null") as ServerSettings | null;
if (!settings) throw new Error("BENCH_SERVER (JSON settings) is required");

const instruments = new Instruments();

async function start(s: ServerSettings): Promise<StartedServer> {
  switch (s.variant) {
    case "skirmish":
      // Imported here only: the other variants' processes load none of Skirmish's server.
      timeColyseusTicks(instruments, [(await import("../../server/rooms/ArenaRoom.js")).ArenaRoom]);
      return startSkirmish(s.roomSize);
    case "minimal":
      timeColyseusTicks(instruments);
      return startMinimal(s.roomSize);
    case "json":
      return startJsonBroadcast(s.roomSize, instruments);
    case "raw":
      return startRawFloor(s.roomSize, s.profile ?? DEFAULT_PROFILE, instruments);
  }
}

const server = await start(settings);
serveIpc({
  window: () => instruments.window(server.census),
});
notify("ready", { port: server.port, pid: process.pid });
