// Netcode conformance: what players feel, measured by bots with the real client netcode through
// the link simulator at 150 ms RTT ± 30 ms with 2 % loss (TCP stalls). Thresholds come from
// measurement (see README "Bots"); each one fails if the netcode regresses.

import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runHitRegistration } from "../bots/hitreg.js";
import { summarize } from "../bots/stats.js";
import { runSwarm } from "../bots/swarm.js";
import { GameSession } from "../client/net/GameSession.js";
import { IDLE, runHeadless } from "../client/net/headlessLoop.js";
import { parseLinkProfile } from "../client/net/linkSim.js";
import { NetProbe } from "../client/net/NetProbe.js";
import { startGameServer, type RunningServer } from "./helpers/gameServer.js";
import { waitFor } from "./helpers/waitFor.js";

const LINK = parseLinkProfile("150ms,30ms,2%");

let server: RunningServer;

beforeAll(async () => {
  server = await startGameServer();
});

afterAll(async () => {
  await server.stop();
});

describe("link simulator over the wire", () => {
  it("adds the configured round trip to what the client's clock measures", async () => {
    const measure = async (link?: ReturnType<typeof parseLinkProfile>) => {
      const session = await GameSession.join(new Client(server.url), { create: true, link, linkSeed: 7 });
      const probe = new NetProbe(session);
      const loop = runHeadless(session, () => IDLE, { afterFrame: (now) => probe.frame(now) });
      await waitFor("5 RTT samples", () => probe.samples.rtt.length >= 5, { timeoutMs: 15_000 });
      loop.stop();
      await session.leave();
      return summarize(probe.samples.rtt).p50;
    };
    const direct = await measure();
    const simulated = await measure(parseLinkProfile("150ms,30ms"));
    const added = simulated - direct;
    expect(added).toBeGreaterThan(150 - 30);
    expect(added).toBeLessThan(150 + 30 + 20);
  });
});

describe("netcode under 150 ms RTT ± 30 ms, 2 % loss", () => {
  it("6 fighting bots: own player barely corrected, remote interpolation rarely runs dry", async () => {
    const result = await runSwarm({ url: server.url, count: 6, durationMs: 12_000, behavior: "fight", link: LINK, seed: 11 });
    const g = result.figures;
    console.info("conformance figures", JSON.stringify({
      correctionPx: g.correctionPx, nonZero: g.correctionsNonZero, underrunShare: g.underrunShare,
      ackLatencyMs: g.ackLatencyMs, rttMs: g.rttMs, downBps: Math.round(g.downBytesPerSec), upBps: Math.round(g.upBytesPerSec),
    }));
    expect(result.joined).toBe(6);
    expect(result.failures).toEqual([]);
    expect(g.correctionPx.count).toBeGreaterThan(6 * 12 * 15);
    // Measured: p95 0 px (the step is deterministic and wire-exact; only deaths mispredict).
    expect(g.correctionPx.p95).toBeLessThanOrEqual(1);
    // Measured 9.5–9.9 %: each lost patch stalls the stream ~210 ms, longer than the 100 ms
    // interpolation buffer. A smaller buffer or a choppier patch stream fails this.
    expect(g.underrunShare).toBeLessThan(0.15);
    expect(g.remoteFrames).toBeGreaterThan(6 * 12 * 30);
    expect(g.ackLatencyMs.p50).toBeLessThan(150 + 30 + 2 * 34 + 20);
  });

  it("dead-on shots at a moving target register with lag compensation, and clearly not without", async () => {
    const on = await runHitRegistration({ url: server.url, lagCompensation: true, shots: 16, link: LINK, seed: 5 });
    const off = await runHitRegistration({ url: server.url, lagCompensation: false, shots: 16, link: LINK, seed: 5 });
    console.info("hit registration", JSON.stringify({ on: on.hitShare, off: off.hitShare }));
    // Measured 92–100 % on (a miss is a shot fired while a loss stall froze the shooter's view)
    // and 0 % off.
    expect(on.hitShare).toBeGreaterThanOrEqual(0.8);
    expect(off.hitShare).toBeLessThanOrEqual(0.25);
    expect(on.hitShare - off.hitShare).toBeGreaterThanOrEqual(0.55);
  });
});
