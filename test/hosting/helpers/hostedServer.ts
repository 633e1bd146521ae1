// Tests: a Skirmish server in this process, configured like the production entry, on a free
// loopback port. One per test file (the matchmaker is a per-process singleton).

import "../../../node/webSocketGlobal.js";
import type { AddressInfo } from "node:net";
import { createHostedServer, type HostedServer } from "../../../server/app.js";
import { readConfig } from "../../../server/hosting/config.js";
import { configureLog, type LogSink } from "../../../server/hosting/log.js";


export interface RunningHostedServer {
  hosted: HostedServer;
  port: number;
  url: string;
  /** Lines logged so far (JSON objects). */
  logs: Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** `env`: configuration variables as an operator would set them (no quick-play bots unless `env`
 *  asks: the tests count the players they seat); `clientDir`: a built client to serve. */
export async function startHostedServer(env: Record<string, string> = {}, clientDir?: string): Promise<RunningHostedServer> {
  const logs: Array<Record<string, unknown>> = [];
  const echo = process.env.TEST_LOG === "1";
  const sink: LogSink = (_level, line) => {
    logs.push(JSON.parse(line) as Record<string, unknown>);
    if (echo) console.log(line);
  };
  configureLog({ level: "debug", format: "json", sink });
  const hosted = createHostedServer({ config: readConfig({ QUICKPLAY_MIN_PLAYERS: "0", ...env }), clientDir });
  await hosted.server.listen(0, "127.0.0.1");
  const port = (hosted.http.address() as AddressInfo).port;
  return {
    hosted,
    port,
    url: `http://127.0.0.1:${port}`,
    logs,
    stop: async () => {
      await hosted.server.gracefullyShutdown(false);
      hosted.http.closeAllConnections();
      configureLog({ sink: null, level: "warn", format: "text" });
    },
  };
}
