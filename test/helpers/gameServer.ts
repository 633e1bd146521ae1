// Tests: a real Skirmish server in this process, on a free loopback port.

import "../../node/webSocketGlobal.js";
import type { AddressInfo } from "node:net";
import type { Server as HttpServer } from "node:http";
import { createGameServer, type GameServerOptions } from "../../server/app.js";
import { setLogLevel } from "../../server/hosting/log.js";


export interface RunningServer {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** One per test file: Colyseus' matchmaker is a per-process singleton. */
export async function startGameServer(options: GameServerOptions = {}): Promise<RunningServer> {
  setLogLevel(process.env.TEST_LOG === "1" ? "debug" : "warn");
  const server = createGameServer(options);
  await server.listen(0, "127.0.0.1");
  const http = server.transport.server as HttpServer;
  const port = (http.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    stop: () => server.gracefullyShutdown(false),
  };
}
