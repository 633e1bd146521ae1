// Server: where every player was at each patch of the last REWIND_HISTORY_MS, for lag
// compensation (seenTarget.ts reads it). It answers exactly what Colyseus' `Rewind` answers for
// players attached with `{ fields: ["x", "y", "vx", "vy"], mode: "snapshot" }` (the same clamps,
// the same interpolation, bit for bit: positionHistory.test.ts plays both side by side), and keeps
// less:
//
// - A sample is stored when a player's recorded fields changed since its newest sample. A player
//   standing still costs nothing per patch; when it moves again, the last unchanged instant is
//   stored first, so every read between patches gives what a sample per patch would give.
// - A player's ring starts at 8 samples and doubles up to the full history when it fills. Colyseus
//   preallocates 5 arrays of the full history (85 samples: 3.4 KB) for every player at its first
//   patch; an idle player here keeps one sample.
// - A read finds its samples by binary search instead of a scan from the oldest sample.

import type { MapSchema } from "@colyseus/schema";
import type { Player } from "../../shared/schema.js";
import type { RewindLike, RewoundField } from "./seenTarget.js";

/** Values per sample: the time, then the fields in COLUMN order. */
const STRIDE = 5;
const COLUMN: Readonly<Record<RewoundField, number>> = { x: 1, y: 2, vx: 3, vy: 4 };
const FIRST_CAPACITY = 8;

/** One player's samples: a ring of `capacity` samples, oldest at `head - count`. */
class Track {
  data: Float64Array;
  capacity: number;
  /** Where the next sample goes. */
  head = 0;
  count = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.data = new Float64Array(capacity * STRIDE);
  }

  /** Offset in `data` of logical sample `i` (0 = oldest). */
  at(i: number): number {
    let slot = this.head - this.count + i;
    if (slot < 0) slot += this.capacity;
    else if (slot >= this.capacity) slot -= this.capacity;
    return slot * STRIDE;
  }

  push(time: number, x: number, y: number, vx: number, vy: number, maxCapacity: number): void {
    if (this.count === this.capacity && this.capacity < maxCapacity) this.grow(Math.min(this.capacity * 2, maxCapacity));
    const o = this.head * STRIDE;
    const d = this.data;
    d[o] = time; d[o + 1] = x; d[o + 2] = y; d[o + 3] = vx; d[o + 4] = vy;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    if (this.count < this.capacity) this.count++;
  }

  private grow(capacity: number): void {
    const data = new Float64Array(capacity * STRIDE);
    for (let i = 0; i < this.count; i++) data.set(this.data.subarray(this.at(i), this.at(i) + STRIDE), i * STRIDE);
    this.data = data;
    this.capacity = capacity;
    this.head = this.count;
  }

  /** Column `col` at `time`: clamped to the samples, linear between them (Colyseus' valueAt). */
  valueAt(time: number, col: number): number {
    const d = this.data;
    const n = this.count;
    const first = this.at(0);
    if (time <= d[first]) return d[first + col];
    const last = this.at(n - 1);
    if (time >= d[last]) return d[last + col];
    // The first sample at or after `time` (there is one, and it is not the oldest).
    let lo = 1;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (d[this.at(mid)] >= time) hi = mid;
      else lo = mid + 1;
    }
    const a = this.at(lo - 1);
    const b = this.at(lo);
    const t0 = d[a];
    const t1 = d[b];
    const share = t1 > t0 ? (time - t0) / (t1 - t0) : 0;
    return d[a + col] + (d[b + col] - d[a + col]) * share;
  }
}

/** What `at()` returns: the history aimed at one instant (reused: read it before the next at()). */
class HistoryView {
  time = 0;

  constructor(private readonly tracks: WeakMap<Player, Track>) {}

  /** `target`'s `field` at the aimed instant; its live value when it has no sample yet. */
  value(target: Player, field: RewoundField): number {
    const track = this.tracks.get(target);
    return track === undefined ? target[field] : track.valueAt(this.time, COLUMN[field]);
  }
}

export class PositionHistory implements RewindLike {
  /** Server time of the newest record, ms (-1 before the first, as Colyseus' Rewind). */
  lastRecordedAt = -1;
  private readonly tracks = new WeakMap<Player, Track>();
  private readonly view = new HistoryView(this.tracks);
  private readonly maxCapacity: number;

  /**
   * `historyMs`: how far back a read may reach (older times read the oldest instant kept);
   * `sampleMs`: the least time between two records (the patch interval).
   */
  constructor(readonly historyMs: number, sampleMs: number) {
    // Colyseus' ring size for the same settings: at most one sample per record is stored.
    this.maxCapacity = Math.max(2, Math.ceil(historyMs / sampleMs) + 4);
  }

  /** Note every player's position at `time` (server ms): the instant of the patch just sent. A
   *  second record at the same time is ignored, as Colyseus' auto-record ignores it. */
  record(time: number, players: MapSchema<Player>): void {
    const previous = this.lastRecordedAt;
    if (time === previous) return;
    this.lastRecordedAt = time;
    for (const p of players.values()) {
      const x = p.x, y = p.y, vx = p.vx, vy = p.vy;
      let track = this.tracks.get(p);
      if (track === undefined) {
        track = new Track(Math.min(FIRST_CAPACITY, this.maxCapacity));
        this.tracks.set(p, track);
        track.push(time, x, y, vx, vy, this.maxCapacity);
        continue;
      }
      const d = track.data;
      const o = track.at(track.count - 1);
      if (d[o + 1] === x && d[o + 2] === y && d[o + 3] === vx && d[o + 4] === vy) continue;
      // Unchanged until the previous record: say so, so reads between the two are what they were.
      if (d[o] < previous) track.push(previous, d[o + 1], d[o + 2], d[o + 3], d[o + 4], this.maxCapacity);
      track.push(time, x, y, vx, vy, this.maxCapacity);
    }
  }

  /** The history at `time` (server ms), clamped to the last `historyMs`; `time <= 0`: the newest. */
  at(time: number): HistoryView {
    const newest = this.lastRecordedAt;
    const oldest = newest - this.historyMs;
    this.view.time = time <= 0 ? newest : time < oldest ? oldest : time > newest ? newest : time;
    return this.view;
  }

  /** Samples kept for `player` (tests, and the curious). */
  samplesOf(player: Player): number {
    return this.tracks.get(player)?.count ?? 0;
  }
}
