// Server: production entry. Reads PORT and HOST, serves the game and the built client.

// Node 20 has no global WebSocket; Colyseus 0.18 compares readyState against it on reconnect.
// Must run before any client connects (see ../shared/STACK.md).
import { WebSocket as NodeWebSocket } from "ws";
(globalThis as { WebSocket?: unknown }).WebSocket ??= NodeWebSocket;

import { fileURLToPath } from "node:url";
import { createGameServer } from "./app.js";
import { ConfigError, readConfig, type ServerConfig } from "./hosting/config.js";
import { reachableUrls } from "./hosting/urls.js";
import { log } from "./hosting/log.js";

let config: ServerConfig;
try {
  config = readConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  log.error(`configuration: ${error.message}`);
  process.exit(1);
}
const clientDir = fileURLToPath(new URL("../dist/client", import.meta.url));
const server = createGameServer({ clientDir, handleSignals: true });

server.listen(config.port, config.host).then(
  () => {
    log.info("Skirmish is running. Open one of:");
    for (const url of reachableUrls(config.host, config.port)) console.log(`    ${url}`);
  },
  (error: Error) => {
    log.error(`cannot listen on ${config.host}:${config.port}: ${error.message}`);
    process.exit(1);
  },
);
