// Server: seat reservations each client address holds and has not used yet. Matchmaking over HTTP
// reserves a seat that the WebSocket then takes; a client that only calls matchmaking could
// otherwise hold every seat of a room (and lock it) for the whole reservation time, over and
// over. The edge asks the ledger before each matchmaking call and tells it what came of the call
// and which reservations were used (server/hosting/edge.ts).

import type { ServerResponse } from "node:http";

/** One address's reservations: calls still being answered, and sessions not yet connected. */
interface AddressEntry {
  inFlight: number;
  /** sessionId → epoch ms at which the reservation lapses. */
  unused: Map<string, number>;
}

export interface ReservationLedgerOptions {
  /** Unused reservations (and calls in flight) one address may hold at once; 0: no limit. */
  perAddress: number;
  /** How long a reservation lasts if nobody uses it, s (the rooms' seatReservationTimeout). */
  seconds: number;
  now?: () => number;
}

/** Entries of addresses that hold nothing are dropped on this period, ms. */
const SWEEP_MS = 10_000;

export class ReservationLedger {
  readonly perAddress: number;
  /** How long an unused reservation counts, ms. */
  readonly lifetimeMs: number;
  private readonly now: () => number;
  private readonly byAddress = new Map<string, AddressEntry>();
  private readonly addressOf = new Map<string, string>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(options: ReservationLedgerOptions) {
    this.perAddress = options.perAddress;
    // A reservation is released a little after the room's own timeout fires.
    this.lifetimeMs = options.seconds * 1000 + 500;
    this.now = options.now ?? Date.now;
    this.sweeper = setInterval(() => this.sweep(), SWEEP_MS).unref();
  }

  /** Start a matchmaking call from `address`; undefined when the address holds its limit already,
   *  else a function to call with the session id the call reserved (undefined: none). */
  begin(address: string): ((sessionId: string | undefined) => void) | undefined {
    if (this.perAddress === 0) return () => undefined;
    const entry = this.entry(address);
    this.prune(entry);
    if (entry.inFlight + entry.unused.size >= this.perAddress) return undefined;
    entry.inFlight++;
    let settled = false;
    return (sessionId) => {
      if (settled) return;
      settled = true;
      entry.inFlight--;
      if (sessionId === undefined) return;
      entry.unused.set(sessionId, this.now() + this.lifetimeMs);
      this.addressOf.set(sessionId, address);
      this.byAddress.set(address, entry); // the sweep may have dropped it meanwhile
    };
  }

  /** A client connected with this session id: its reservation is used. */
  used(sessionId: string): void {
    const address = this.addressOf.get(sessionId);
    if (address === undefined) return;
    this.addressOf.delete(sessionId);
    this.byAddress.get(address)?.unused.delete(sessionId);
  }

  /** A WebSocket upgrade to `url` (…/processId/roomId?sessionId=…): its reservation is used. */
  connecting(url: string | undefined): void {
    const at = url?.indexOf("sessionId=") ?? -1;
    if (at < 0) return;
    const end = url!.indexOf("&", at);
    this.used(decodeURIComponent(url!.slice(at + "sessionId=".length, end < 0 ? undefined : end)));
  }

  /** Reservations `address` holds now (calls in flight included). */
  held(address: string): number {
    const entry = this.byAddress.get(address);
    if (!entry) return 0;
    this.prune(entry);
    return entry.inFlight + entry.unused.size;
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private entry(address: string): AddressEntry {
    let entry = this.byAddress.get(address);
    if (!entry) this.byAddress.set(address, (entry = { inFlight: 0, unused: new Map() }));
    return entry;
  }

  private prune(entry: AddressEntry): void {
    const now = this.now();
    for (const [sessionId, lapsesAt] of entry.unused) {
      if (lapsesAt > now) continue;
      entry.unused.delete(sessionId);
      this.addressOf.delete(sessionId);
    }
  }

  private sweep(): void {
    for (const [address, entry] of this.byAddress) {
      this.prune(entry);
      if (entry.inFlight === 0 && entry.unused.size === 0) this.byAddress.delete(address);
    }
  }
}

/** Largest matchmaking answer read for its session id, bytes (a seat reservation is ~200). */
const MAX_ANSWER_BYTES = 8 * 1024;

/** Call `settle` with the session id `res` answers with (undefined if none) once it is sent.
 *  Only a seat in a room of this process (`processId`) counts: with Redis scale-out, the client
 *  connects to the room's own process, where this one never sees it used. */
export function reservationOf(res: ServerResponse, processId: string, settle: (sessionId: string | undefined) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const keep = (chunk: unknown) => {
    if (typeof chunk !== "string" && !(chunk instanceof Uint8Array)) return;
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk);
    size += bytes.length;
    if (size <= MAX_ANSWER_BYTES) chunks.push(bytes);
  };
  const target = res as unknown as { write: (...args: unknown[]) => boolean; end: (...args: unknown[]) => unknown };
  const write = target.write.bind(res);
  const end = target.end.bind(res);
  target.write = (chunk, ...rest) => {
    keep(chunk);
    return write(chunk, ...rest);
  };
  target.end = (chunk, ...rest) => {
    keep(chunk);
    return end(chunk, ...rest);
  };
  res.once("close", () => settle(res.statusCode === 200 && size <= MAX_ANSWER_BYTES ? localSessionIdIn(Buffer.concat(chunks).toString("utf8"), processId) : undefined));
}

function localSessionIdIn(body: string, processId: string): string | undefined {
  try {
    const answer = JSON.parse(body) as { sessionId?: unknown; processId?: unknown };
    return typeof answer.sessionId === "string" && answer.processId === processId ? answer.sessionId : undefined;
  } catch {
    return undefined;
  }
}
