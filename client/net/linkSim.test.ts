import { describe, expect, it } from "vitest";
import { seededRandom } from "../../shared/random.js";
import { LinkDirection, MIN_RTO_MS, NET_PROFILES, parseLinkProfile } from "./linkSim.js";

/** Deliveries of `n` small chunks sent every `gapMs` from t = 0. */
function deliveries(dir: LinkDirection, n: number, gapMs: number, bytes = 100): { sent: number; at: number }[] {
  return Array.from({ length: n }, (_, i) => ({ sent: i * gapMs, at: dir.schedule(bytes, i * gapMs) }));
}

describe("LinkDirection", () => {
  it("delays by half the RTT, within ± half the jitter, on average at half the RTT", () => {
    const dir = new LinkDirection({ rttMs: 150, jitterMs: 30, loss: 0, kbps: 0 }, seededRandom(1));
    const delays = deliveries(dir, 2000, 100).map((d) => d.at - d.sent);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(75 - 15);
    expect(Math.max(...delays)).toBeLessThanOrEqual(75 + 15);
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    expect(mean).toBeGreaterThan(74);
    expect(mean).toBeLessThan(76);
    // Jitter actually varies the delay (spread close to the configured ±15 ms).
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(25);
  });

  it("never reorders: a chunk is not delivered before the one sent before it", () => {
    const dir = new LinkDirection({ rttMs: 100, jitterMs: 100, loss: 0.05, kbps: 0 }, seededRandom(2));
    const d = deliveries(dir, 5000, 1);
    for (let i = 1; i < d.length; i++) expect(d[i].at).toBeGreaterThanOrEqual(d[i - 1].at);
  });

  it("stalls on a loss for a retransmission timeout and holds everything behind it", () => {
    const dir = new LinkDirection({ rttMs: 100, jitterMs: 0, loss: 0.02, kbps: 0 }, seededRandom(3));
    const d = deliveries(dir, 3000, 10);
    const lateness = d.map((x) => x.at - x.sent - 50);
    const stalled = lateness.filter((l) => l >= MIN_RTO_MS - 1e-9);
    // About 2 % of chunks are lost; each waits at least the minimum RTO.
    expect(dir.stalls).toBeGreaterThan(30);
    expect(dir.stalls).toBeLessThan(100);
    expect(stalled.length).toBeGreaterThanOrEqual(dir.stalls);
    // Head-of-line blocking: chunks sent just after a lost one (10 ms later) are late too.
    const firstLoss = lateness.findIndex((l) => l >= MIN_RTO_MS);
    expect(lateness[firstLoss + 1]).toBeGreaterThan(MIN_RTO_MS - 20);
    // Without loss nothing is late.
    const clean = new LinkDirection({ rttMs: 100, jitterMs: 0, loss: 0, kbps: 0 }, seededRandom(3));
    expect(deliveries(clean, 1000, 10).every((x) => x.at - x.sent === 50)).toBe(true);
  });

  it("caps bandwidth: a burst queues behind its own transmission time", () => {
    const dir = new LinkDirection({ rttMs: 0, jitterMs: 0, loss: 0, kbps: 80 }, seededRandom(4));
    // 10 chunks of 1000 bytes at 80 kbit/s = 100 ms each, all sent at t = 0.
    const arrivals = Array.from({ length: 10 }, () => dir.schedule(1000, 0));
    expect(arrivals).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
  });
});

describe("parseLinkProfile", () => {
  it("accepts profile names and numbers", () => {
    expect(parseLinkProfile("wifi")).toEqual(NET_PROFILES.wifi);
    expect(parseLinkProfile("150ms,30ms,2%")).toEqual({ rttMs: 150, jitterMs: 30, loss: 0.02, kbps: 0 });
    expect(parseLinkProfile("80,10,0.5,2000kbps")).toEqual({ rttMs: 80, jitterMs: 10, loss: 0.005, kbps: 2000 });
    expect(parseLinkProfile("200ms")).toEqual({ rttMs: 200, jitterMs: 0, loss: 0, kbps: 0 });
  });

  it("rejects bad input with what is allowed", () => {
    expect(() => parseLinkProfile("fast")).toThrow(/profile name \(none, lan, wifi, mobile-4g, bad\)/);
    expect(() => parseLinkProfile("150s")).toThrow(/invalid RTT "150s".*number of ms/);
    expect(() => parseLinkProfile("150ms,200ms")).toThrow(/must not exceed the RTT/);
    expect(() => parseLinkProfile("150ms,10ms,80%")).toThrow(/at most 50%/);
    expect(() => parseLinkProfile("1,2,3,4,5")).toThrow(/expected a profile name/);
    expect(() => parseLinkProfile("-5ms")).toThrow(/invalid RTT/);
  });
});
