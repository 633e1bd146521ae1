// Server: production entry. Reads the configuration (README "Hosting"), connects to Redis when
// scaling out, serves the game and the built client, drains on SIGTERM/SIGINT.

// Before any client connects: Node 20 has no global WebSocket (see the module).
import "../node/webSocketGlobal.js";

import { fileURLToPath } from "node:url";
import { createHostedServer } from "./app.js";
import { ConfigError, readConfig, redact, type ServerConfig } from "./hosting/config.js";
import { configureLog, log } from "./hosting/log.js";
import { missingNodeFlags } from "./hosting/nodeFlags.js";
import { connectRedis, type RedisConnection } from "./hosting/redis.js";
import { MatchRecords } from "./records/MatchRecords.js";
import { reachableUrls } from "./hosting/urls.js";

let config: ServerConfig;
try {
  config = readConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  for (const line of error.message.split("\n")) log.error(`configuration: ${line}`);
  process.exit(1);
}
configureLog({ level: config.logLevel, format: config.logFormat });
const missingFlags = missingNodeFlags();
if (missingFlags.length > 0) {
  log.warn(`started without the Node flags npm start passes (${missingFlags.join(" ")}): the server runs, with more memory per player (README "Hosting")`);
}

let redis: RedisConnection | undefined;
if (config.redisUrl !== undefined) {
  try {
    redis = await connectRedis(config.redisUrl);
  } catch (error) {
    log.error(`cannot start: ${(error as Error).message}`, { variable: "REDIS_URL" });
    process.exit(1);
  }
}

let records: MatchRecords;
try {
  records = await MatchRecords.open(config);
} catch (error) {
  log.error(`cannot start: ${(error as Error).message}`, { variable: config.databaseUrl ? "DATABASE_URL" : "DATA_DIR" });
  process.exit(1);
}

const clientDir = fileURLToPath(new URL("../dist/client", import.meta.url));
const hosted = createHostedServer({ clientDir, config, redis, records, handleSignals: true });

try {
  // Colyseus' listen() never settles when the port is taken; the HTTP server's error says why.
  await new Promise<void>((resolve, reject) => {
    hosted.http.once("error", reject);
    hosted.server.listen(config.port, config.host).then(resolve, reject);
  });
} catch (error) {
  log.error(`cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`, { variable: "PORT/HOST" });
  process.exit(1);
}
redis?.startSweeping();

const address = hosted.http.address();
const port = typeof address === "object" && address ? address.port : config.port;
const urls = config.publicUrl ? [config.publicUrl] : reachableUrls(config.host, port);
log.info("Skirmish is running", {
  port,
  ...(config.logFormat === "json" ? { urls } : {}),
  ...(config.publicAddress ? { publicAddress: config.publicAddress } : {}),
  scaleOut: redis ? `redis ${redact(config.redisUrl!)}` : "off (single process)",
  records: `${records.dialect} ${records.where}`,
  monitor: config.monitor ? "/monitor" : "off",
});
if (config.logFormat === "text") {
  console.log("    Open one of:");
  for (const url of urls) console.log(`    ${url}`);
}
