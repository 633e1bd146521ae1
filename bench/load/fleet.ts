// Bench load child: the fleet of simulated clients of one run: joins them room by room with
// bounded concurrency, paces their inputs, and sums what they measured per window.

import { STEP_MS } from "../../shared/constants.js";
import type { ConnectResult, ConnectSpec, LoadWindow, StormSpec } from "../common/contracts.js";
import { percentiles } from "../common/stats.js";
import type { Variant } from "../common/variants.js";
import { joinColyseusLight } from "./colyseusLight.js";
import { joinMinimalProbe, joinSkirmishProbe } from "./colyseusProbes.js";
import type { ClientOptions, JoinTarget, LoadClient } from "./loadClient.js";
import { Pacer } from "./pacer.js";
import { Traffic } from "./traffic.js";
import { joinWs } from "./wsClients.js";

export interface ClientSpec {
  variant: Variant;
  url: string;
  target: JoinTarget;
  bot: number;
  seed: number;
  moving: boolean;
  probe: boolean;
  profile?: ConnectSpec["profile"];
  roomBots?: number;
}

/** Run `jobs` with at most `limit` at a time. */
async function bounded<T>(jobs: (() => Promise<T>)[], limit: number): Promise<PromiseSettledResult<T>[]> {
  const results: PromiseSettledResult<T>[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      try {
        results[i] = { status: "fulfilled", value: await jobs[i]() };
      } catch (reason) {
        results[i] = { status: "rejected", reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

function describe(reason: unknown): string {
  const e = reason as { message?: string; cause?: { code?: string } } | undefined;
  return `${e?.message ?? String(reason)}${e?.cause?.code ? ` (${e.cause.code})` : ""}`;
}

export class Fleet {
  readonly clients: LoadClient[] = [];
  readonly traffic = new Traffic();
  private readonly pacer = new Pacer(STEP_MS);
  private disconnects: Record<string, number> = {};
  private closedTotal = 0;
  private windowStarted = performance.now();
  private pacedBase = 0;

  private join(spec: ClientSpec): Promise<LoadClient> {
    const options: ClientOptions = {
      url: spec.url, target: spec.target, name: `bot-${spec.bot}`, seed: spec.seed, bot: spec.bot, roomBots: spec.roomBots, traffic: this.traffic,
      onClose: (code) => {
        this.disconnects[code] = (this.disconnects[code] ?? 0) + 1;
        this.closedTotal++;
      },
    };
    switch (spec.variant) {
      case "skirmish":
        return spec.probe ? joinSkirmishProbe(options) : joinColyseusLight({ ...options, skirmish: true, moving: spec.moving });
      case "minimal":
        return spec.probe ? joinMinimalProbe(options) : joinColyseusLight({ ...options, skirmish: false, moving: spec.moving });
      case "json":
      case "raw":
        return joinWs({ ...options, json: spec.variant === "json", moving: spec.moving, probe: spec.probe, profile: spec.profile });
    }
  }

  private admit(client: LoadClient): LoadClient {
    this.clients.push(client);
    const step = client.step;
    if (step) this.pacer.add({ step });
    return client;
  }

  /** Open `spec.rooms` rooms (a light client creates each), then fill them. */
  async connect(spec: ConnectSpec): Promise<ConnectResult> {
    const started = performance.now();
    const colyseus = spec.variant === "skirmish" || spec.variant === "minimal";
    const base = { variant: spec.variant, url: spec.url, seed: spec.seed, moving: spec.moving, profile: spec.profile };
    const rooms = Array.from({ length: spec.rooms }, (_, i) => spec.firstRoom + i);
    const creators = await bounded(rooms.map((r) => () => this.join({
      ...base, bot: r * spec.perRoom, probe: false, roomBots: spec.botsPerRoom,
      target: colyseus ? { how: "create" } : { how: "room", roomId: `r${r}` },
    }).then((c) => this.admit(c))), spec.concurrency);
    const members: (() => Promise<LoadClient>)[] = [];
    creators.forEach((created, i) => {
      if (created.status !== "fulfilled") return;
      for (let m = 1; m < spec.perRoom; m++) {
        members.push(() => this.join({
          ...base, bot: rooms[i] * spec.perRoom + m, probe: m === 1 && i < spec.probes,
          target: { how: "room", roomId: created.value.roomId },
        }).then((c) => this.admit(c)));
      }
    });
    const joined = await bounded(members, spec.concurrency);
    const all = [...creators, ...joined];
    const ok = all.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const errors = all.flatMap((r) => (r.status === "rejected" ? [describe(r.reason)] : []));
    return {
      joined: ok.length,
      failed: spec.rooms * spec.perRoom - ok.length,
      errors: [...new Set(errors)].slice(0, 5),
      durationMs: performance.now() - started,
      joinMs: percentiles(ok.map((c) => c.joinMs)),
      joinMessages: ok[0]?.joinMessages.slice() ?? [],
    };
  }

  /** Quick-play joins, `concurrency` at a time; the clients stay connected and silent. */
  async storm(spec: StormSpec): Promise<ConnectResult & { rooms: number }> {
    const started = performance.now();
    const results = await bounded(Array.from({ length: spec.count }, (_, bot) => () => this.join({
      variant: spec.variant, url: spec.url, seed: spec.seed, bot, moving: false, probe: false, target: { how: "quick" },
    }).then((c) => this.admit(c))), spec.concurrency);
    const ok = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const errors = results.flatMap((r) => (r.status === "rejected" ? [describe(r.reason)] : []));
    return {
      joined: ok.length,
      failed: errors.length,
      errors: [...new Set(errors)].slice(0, 5),
      durationMs: performance.now() - started,
      joinMs: percentiles(ok.map((c) => c.joinMs)),
      joinMessages: ok[0]?.joinMessages.slice() ?? [],
      rooms: new Set(ok.map((c) => c.roomId)).size,
    };
  }

  /** Everything measured since the previous call. */
  window(): LoadWindow {
    const now = performance.now();
    const { down, up } = this.traffic.take();
    const probes = { latencyMs: [] as number[], misses: 0, correctionsPx: [] as number[], ackMs: [] as number[], updatesPerSec: 0 };
    let probeCount = 0;
    let probeUpdates = 0;
    for (const client of this.clients) {
      const take = client.takeProbe?.();
      if (!take) continue;
      probeCount++;
      probeUpdates += take.updates;
      probes.latencyMs.push(...take.latencies);
      probes.misses += take.misses;
      probes.correctionsPx.push(...take.corrections);
      probes.ackMs.push(...take.acks);
    }
    const seconds = (now - this.windowStarted) / 1000;
    probes.updatesPerSec = probeCount > 0 ? probeUpdates / probeCount / seconds : NaN;
    const result: LoadWindow = {
      seconds,
      clients: this.clients.length - this.closedTotal,
      down, up,
      inputsSent: this.pacer.sent - this.pacedBase,
      disconnects: this.disconnects,
      probes,
    };
    this.windowStarted = now;
    this.pacedBase = this.pacer.sent;
    this.disconnects = {};
    return result;
  }

  close(): void {
    this.pacer.stop();
    for (const client of this.clients) client.close();
  }
}
