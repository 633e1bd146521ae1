// Bench load child: started by the orchestrator (bench/orchestrator/runner.ts) on the core the server does not
// use; connects simulated clients on request and reports what they measured per window.

import "../../node/webSocketGlobal.js";
import type { ConnectSpec, StormSpec } from "../common/contracts.js";
import { notify, serveIpc } from "../common/ipc.js";
import { Fleet } from "./fleet.js";

const fleet = new Fleet();

serveIpc({
  connect: (args) => fleet.connect(args as ConnectSpec),
  storm: (args) => fleet.storm(args as StormSpec),
  window: () => fleet.window(),
  close: () => {
    fleet.close();
    return null;
  },
});
notify("ready", { pid: process.pid });
