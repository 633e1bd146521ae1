// Bench server child: variant "Skirmish": the real server (server/app.ts createGameServer) with
// the operator settings a load test needs, on a free loopback port.

import type { Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import "../../node/webSocketGlobal.js";
import { matchMaker } from "@colyseus/core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createGameServer } from "../../server/app.js";
import { MatchRecords } from "../../server/records/MatchRecords.js";
import { readConfig, type ServerConfig } from "../../server/hosting/config.js";
import { setLogLevel } from "../../server/hosting/log.js";
import type { Census } from "./instrument.js";


export interface StartedServer {
  port: number;
  census: Census;
}

/** Start Skirmish with rooms of `roomSize`, recording matches (SQLite in a temporary folder) as
 *  `npm start` does. Logs at warn: per-join info lines are not the game's cost. */
export async function startSkirmish(roomSize: number): Promise<StartedServer> {
  setLogLevel("warn");
  const base = readConfig({ HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "warn" });
  const config: ServerConfig = {
    ...base,
    // Beyond the env range on purpose: the crowd scenario puts 100 players in one room.
    maxClientsPerRoom: roomSize,
    maxRoomsPerProcess: 100_000,
    // Every bench client comes from 127.0.0.1: the per-address room-creation and unused-reservation
    // limits would refuse them.
    roomCreatesPerMinute: 0,
    // Rooms hold exactly the clients a scenario puts there; the bots scenario asks for its bots.
    quickPlayMinPlayers: 0,
    reservationsPerAddress: 0,
  };
  const dataDir = mkdtempSync(join(tmpdir(), "skirmish-bench-"));
  process.once("exit", () => rmSync(dataDir, { recursive: true, force: true }));
  const records = await MatchRecords.open({ ...config, dataDir, databaseUrl: undefined });
  const server = createGameServer({ config, records });
  await server.listen(0, "127.0.0.1");
  const port = ((server.transport.server as HttpServer).address() as AddressInfo).port;
  return { port, census: colyseusCensus() };
}

/** Rooms and clients of this process, from the matchmaker's room listing. */
export function colyseusCensus(): Census {
  return async () => {
    const rooms = await matchMaker.query({});
    return { rooms: rooms.length, clients: rooms.reduce((sum, room) => sum + room.clients, 0) };
  };
}
