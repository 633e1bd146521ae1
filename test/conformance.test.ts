// Netcode conformance: what players feel, measured by bots with the real client netcode through
// the link simulator at 150 ms RTT ± 30 ms with 2 % loss (TCP stalls) and on Wi-Fi, and hit
// registration at that link and at `bad` (200 ms ± 60, 3 % loss). Thresholds
// are the targets in README "Bots" with a stated margin; each one fails if the netcode regresses.

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

let server: RunningServer;

beforeAll(async () => {
  server = await startGameServer();
});

afterAll(async () => {
  await server.stop();
});

describe("link simulator over the wire", () => {
  it("the ping shows the network round trip: near 0 on loopback, the simulated RTT through the simulator", { timeout: 90_000 }, async () => {
    const measure = async (link?: ReturnType<typeof parseLinkProfile>) => {
      const session = await GameSession.join(new Client(server.url), { create: true, link, linkSeed: 7 });
      const probe = new NetProbe(session);
      const loop = runHeadless(session, () => IDLE, { afterFrame: (now) => probe.frame(now) });
      await waitFor("7 ping samples", () => probe.samples.rtt.length >= 7, { timeoutMs: 20_000 });
      loop.stop();
      await session.leave();
      return summarize(probe.samples.rtt).p50;
    };
    const direct = await measure();
    const simulated = await measure(parseLinkProfile("150ms,30ms"));
    // Targets: ≤ 5 ms on loopback, the simulated RTT ± 10 ms. Margin for a loaded 2-core machine
    // (timers late by a few ms): 10 ms and ± 20 ms. The input delay (ack) would read 40+ ms here.
    expect(direct).toBeLessThanOrEqual(10);
    expect(simulated - direct).toBeGreaterThan(150 - 20);
    expect(simulated - direct).toBeLessThan(150 + 20);
  });
});

/**
 * Targets (README "Bots", measured with the CLI: 8 bots, 60 s, 3 seeds): frozen or jumping
 * remote players ≤ 1 % at 150 ms ± 30, 2 % and ≤ 0.2 % at wifi; where remote players are drawn
 * p95 ≤ 12 px and ≤ 4 px; delay ≤ 2 patch intervals on wifi; own correction p95 ≤ 0.5 px.
 * These runs are shorter (12 s, 6 bots) on a shared 2-core machine whose timers run late, so
 * each threshold has a margin: about twice the target for shares, +4 px / +2 px for the error.
 */
const PROFILES = [
  { name: "150ms,30ms,2%", frozenMax: 0.02, drawErrorP95Max: 16, delayP50Max: 300 },
  // Delay on wifi: the target is ≤ 2 patch intervals (measured 48–57 ms with the CLI); inside the
  // parallel test suite the shared cores add timer lateness (measured 74 ms), so one more interval.
  { name: "wifi", frozenMax: 0.005, drawErrorP95Max: 6, delayP50Max: 3 * 34 },
] as const;

describe.each(PROFILES)("netcode at $name", ({ name, frozenMax, drawErrorP95Max, delayP50Max }) => {
  it("6 fighting bots: own player not corrected, remote players neither frozen nor jumping, drawn where the server had them", async () => {
    const link = parseLinkProfile(name);
    const result = await runSwarm({ url: server.url, count: 6, durationMs: 12_000, behavior: "fight", link, seed: 11 });
    const g = result.figures;
    console.info(`conformance figures at ${name}`, JSON.stringify({
      correctionPx: g.correctionPx, nonZero: g.correctionsNonZero, frozenShare: g.frozenShare, underrunShare: g.underrunShare,
      drawErrorPx: g.drawErrorPx, delayMs: g.delayMs, ackLatencyMs: g.ackLatencyMs, rttMs: g.rttMs,
    }));
    expect(result.joined).toBe(6);
    expect(result.failures).toEqual([]);
    expect(g.correctionPx.count).toBeGreaterThan(6 * 12 * 15);
    // Measured: p95 0 px (the step is deterministic and wire-exact; only deaths mispredict).
    expect(g.correctionPx.p95).toBeLessThanOrEqual(0.5);
    expect(g.remoteFrames).toBeGreaterThan(6 * 12 * 30);
    expect(g.frozenShare).toBeLessThanOrEqual(frozenMax);
    expect(g.drawErrorPx.count).toBeGreaterThan(1000);
    expect(g.drawErrorPx.p95).toBeLessThanOrEqual(drawErrorP95Max);
    expect(g.delayMs.p50).toBeLessThanOrEqual(delayP50Max);
    // The ping is the link, the input delay is the link plus the server's tick and patch.
    expect(g.rttMs.p50).toBeLessThan(g.ackLatencyMs.p50);
  });
});

/** Hit registration at the two lossy links. Targets ≥ 98 % on, ≤ 5 % off; margin of one shot in
 *  50 each way for a loaded machine (measured with the CLI, 100 shots, seeds 1–3: 99–100 / 100 on,
 *  0 / 100 off at 150ms,30ms,2%; 100 / 100 on, 1 / 100 off at `bad`). */
const HITREG_LINKS = [
  { name: "150ms,30ms,2%", onMin: 0.96, offMax: 0.08 },
  { name: "bad", onMin: 0.96, offMax: 0.08 },
] as const;

describe.each(HITREG_LINKS)("hit registration at $name", ({ name, onMin, offMax }) => {
  it("dead-on shots register with lag compensation (judged against what the shooter drew), not without", { timeout: 300_000 }, async () => {
    const link = parseLinkProfile(name);
    const on = await runHitRegistration({ url: server.url, lagCompensation: true, shots: 50, link, seed: 5, timeoutMs: 120_000 });
    const off = await runHitRegistration({ url: server.url, lagCompensation: false, shots: 50, link, seed: 5, timeoutMs: 120_000 });
    console.info(`hit registration at ${name}`, JSON.stringify({ on: on.hitShare, off: off.hitShare }));
    expect(on.shots).toBe(50);
    expect(on.hitShare).toBeGreaterThanOrEqual(onMin);
    expect(off.hitShare).toBeLessThanOrEqual(offMax);
  });
});
