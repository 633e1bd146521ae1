// Client (browser and bots): the network round trip, measured with the WebSocket protocol's own
// ping (`room.ping`): the server answers at once, so this is the link, not the input delay.

/** One ping a second is plenty for a display and a budget, and costs 2 tiny frames. */
export const PING_INTERVAL_MS = 1000;
/** A ping unanswered this long is abandoned and a new one sent, ms. */
const PING_GIVE_UP_MS = 5000;
/** Samples kept for the typical (median) round trip. */
const RECENT = 10;

interface Pingable {
  ping(callback: (ms: number) => void): void;
}

export class PingMeter {
  private readonly room: Pingable;
  private readonly recent: number[] = [];
  private nextAt = 0;
  private sentAt = -Infinity;
  private waiting = false;
  /** Latest round trip, ms (0 until the first answer). */
  lastMs = 0;
  /** Answers so far (a probe reads new samples from `lastMs` when this moves). */
  samples = 0;

  constructor(room: Pingable) {
    this.room = room;
  }

  /** Median of the recent round trips, ms (0 until measured): a loss stall does not move it. */
  get typicalMs(): number {
    if (this.recent.length === 0) return 0;
    const sorted = [...this.recent].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  }

  /** Call each frame: sends a ping when one is due. */
  frame(now: number): void {
    if (now < this.nextAt || (this.waiting && now - this.sentAt < PING_GIVE_UP_MS)) return;
    this.waiting = true;
    this.sentAt = now;
    this.nextAt = now + PING_INTERVAL_MS;
    try {
      this.room.ping((ms) => {
        this.waiting = false;
        this.lastMs = ms;
        this.samples++;
        this.recent.push(ms);
        if (this.recent.length > RECENT) this.recent.shift();
      });
    } catch {
      this.waiting = false; // connection not open: try again at the next interval
    }
  }
}
