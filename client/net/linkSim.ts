// Client (browser in development, bots, tests): a simulated network link between a client and
// the server: latency, jitter, a bandwidth cap and TCP-style loss. Renderer-free, no Node APIs.

import { tapConnection, type TappableConnection } from "./connectionTap.js";
import { seededRandom } from "../../shared/random.js";

/** A network link, described as a player would: round trip, its variation, loss, bandwidth. */
export interface LinkProfile {
  /** Round-trip time added, ms (half each way). */
  rttMs: number;
  /** Round-trip variation, ± ms (each direction varies by ± half of it). */
  jitterMs: number;
  /** Share of TCP segments lost, 0–1. A loss stalls the stream until retransmission. */
  loss: number;
  /** Bandwidth cap per direction, kbit/s; 0 = unlimited. */
  kbps: number;
}

/** Named profiles (measured-ish figures for typical links). */
export const NET_PROFILES = {
  /** No simulation. */
  none: { rttMs: 0, jitterMs: 0, loss: 0, kbps: 0 },
  /** Same building, wired. */
  lan: { rttMs: 2, jitterMs: 1, loss: 0, kbps: 0 },
  /** Home broadband over Wi-Fi to a nearby server. */
  wifi: { rttMs: 40, jitterMs: 10, loss: 0.002, kbps: 20_000 },
  /** Phone on 4G. */
  "mobile-4g": { rttMs: 90, jitterMs: 30, loss: 0.01, kbps: 5_000 },
  /** A poor link: far server, busy Wi-Fi. */
  bad: { rttMs: 200, jitterMs: 60, loss: 0.03, kbps: 1_000 },
} as const satisfies Record<string, LinkProfile>;
export type NetProfileName = keyof typeof NET_PROFILES;

/** Linux's minimum retransmission timeout, ms: a lost segment is re-sent no sooner than this. */
export const MIN_RTO_MS = 200;
/** Bytes of payload per TCP segment (Ethernet MSS with timestamps). */
export const SEGMENT_BYTES = 1448;

export const NET_SYNTAX =
  `a profile name (${Object.keys(NET_PROFILES).join(", ")}) or numbers "RTT[,JITTER[,LOSS[,BANDWIDTH]]]" ` +
  `such as "150ms,30ms,2%,1000kbps" (RTT and jitter in ms, loss in %, bandwidth in kbps)`;

/** Parse `--net` / `?net=`: a profile name or "150ms,30ms,2%[,1000kbps]". Throws with what is allowed. */
export function parseLinkProfile(text: string): LinkProfile {
  const named = (NET_PROFILES as Record<string, LinkProfile>)[text.trim()];
  if (named) return { ...named };
  if (!/\d/.test(text)) throw new Error(`unknown network profile "${text}": expected ${NET_SYNTAX}`);
  const parts = text.split(",").map((p) => p.trim());
  if (parts.length === 0 || parts.length > 4 || parts.some((p) => p === "")) {
    throw new Error(`invalid network profile "${text}": expected ${NET_SYNTAX}`);
  }
  const units = ["ms", "ms", "%", "kbps"] as const;
  const names = ["RTT", "jitter", "loss", "bandwidth"] as const;
  const values = parts.map((part, i) => {
    const m = /^(\d+(?:\.\d+)?)\s*([a-z%]*)$/i.exec(part);
    if (!m || (m[2] !== "" && m[2].toLowerCase() !== units[i])) {
      throw new Error(`invalid ${names[i]} "${part}" in network profile "${text}": expected a number of ${units[i]}; ${NET_SYNTAX}`);
    }
    return Number(m[1]);
  });
  const [rttMs, jitterMs = 0, lossPct = 0, kbps = 0] = values;
  if (rttMs > 10_000) throw new Error(`RTT ${rttMs}ms is too large (at most 10000ms)`);
  if (jitterMs > rttMs) throw new Error(`jitter ${jitterMs}ms must not exceed the RTT ${rttMs}ms`);
  if (lossPct > 50) throw new Error(`loss ${lossPct}% is too large (at most 50%)`);
  return { rttMs, jitterMs, loss: lossPct / 100, kbps };
}

export function describeLinkProfile(p: LinkProfile): string {
  const parts = [`${p.rttMs}ms RTT`, `±${p.jitterMs}ms`, `${+(p.loss * 100).toFixed(2)}% loss`];
  parts.push(p.kbps > 0 ? `${p.kbps} kbps` : "unlimited bandwidth");
  return parts.join(", ");
}

/**
 * One direction of a link, as TCP presents it to the application: bytes arrive in order,
 * after the one-way delay (± jitter) and their transmission time at the bandwidth cap; a lost
 * segment arrives one retransmission timeout late and holds everything behind it
 * (head-of-line blocking). Pure scheduling: the caller supplies times and does the delivery.
 */
export class LinkDirection {
  private readonly profile: LinkProfile;
  private readonly random: () => number;
  private linkFreeAt = 0;
  private lastArrival = 0;
  /** Chunks that were held by a retransmission (for reports and tests). */
  stalls = 0;

  constructor(profile: LinkProfile, random: () => number) {
    this.profile = profile;
    this.random = random;
  }

  /** Retransmission timeout, ms: Linux's srtt + 4·rttvar, at least MIN_RTO_MS. */
  get rtoMs(): number {
    return Math.max(MIN_RTO_MS, this.profile.rttMs + 2 * this.profile.jitterMs);
  }

  /** When a chunk of `bytes` sent at `now` (ms) is delivered to the other side, ms. */
  schedule(bytes: number, now: number): number {
    const p = this.profile;
    const start = Math.max(now, this.linkFreeAt);
    const transmitMs = p.kbps > 0 ? (bytes * 8) / p.kbps : 0;
    this.linkFreeAt = start + transmitMs;
    const oneWay = p.rttMs / 2 + (this.random() * 2 - 1) * (p.jitterMs / 2);
    let arrival = start + transmitMs + Math.max(0, oneWay);
    if (p.loss > 0) {
      const segments = Math.max(1, Math.ceil(bytes / SEGMENT_BYTES));
      let lost = false;
      for (let i = 0; i < segments; i++) if (this.random() < p.loss) lost = true;
      if (lost) {
        arrival += this.rtoMs;
        this.stalls++;
      }
    }
    // In order: nothing overtakes a delayed or retransmitted chunk.
    arrival = Math.max(arrival, this.lastArrival);
    this.lastArrival = arrival;
    return arrival;
  }
}

export interface LinkSimulator {
  readonly profile: LinkProfile;
  readonly up: LinkDirection;
  readonly down: LinkDirection;
}

/**
 * Delivers items in the order they were queued, each no sooner than its due time. One timer
 * for the head of the queue: separate timers per item could fire out of order when their due
 * times are within a millisecond of each other.
 */
class DeliveryQueue {
  private readonly items: { due: number; run: () => void }[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  push(due: number, run: () => void): void {
    this.items.push({ due, run });
    if (this.items.length === 1) this.arm();
  }

  private arm(): void {
    const head = this.items[0];
    if (!head) return;
    this.timer = setTimeout(() => this.flush(), Math.max(0, head.due - performance.now()));
  }

  private flush(): void {
    this.timer = undefined;
    const now = performance.now();
    while (this.items.length > 0 && this.items[0].due <= now + 0.5) this.items.shift()!.run();
    this.arm();
  }
}

/**
 * Put a simulated link between an SDK connection and its socket: outgoing frames are held
 * until the up direction delivers them, incoming ones until the down direction does.
 * Frames are copied (the SDK reuses its send buffer).
 */
export function simulateLink(connection: TappableConnection, profile: LinkProfile, seed = 1): LinkSimulator {
  const random = seededRandom(seed);
  const up = new LinkDirection(profile, random);
  const down = new LinkDirection(profile, random);
  const upQueue = new DeliveryQueue();
  const downQueue = new DeliveryQueue();
  tapConnection(connection, {
    send(data, forward) {
      const copy = data.slice();
      upQueue.push(up.schedule(copy.byteLength, performance.now()), () => forward(copy));
    },
    receive(event, forward) {
      downQueue.push(down.schedule(event.data.byteLength, performance.now()), () => forward(event));
    },
    // The close travels behind the data, like a FIN: frames already in flight arrive first.
    close(event, forward) {
      downQueue.push(down.schedule(0, performance.now()), () => forward(event));
    },
  });
  return { profile, up, down };
}
