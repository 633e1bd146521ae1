// Both sides: the replay format. A replay is a match's starting state plus, tick by tick, every
// input the server applied, each shot's outcome, joins, leaves and state digests. The server
// writes it, `npm run replay` checks it and the browser plays it, all by re-simulating.
//
// File layout: "SKRP", format version (1 byte), then the body compressed with raw DEFLATE
// (compression is the caller's: zlib in Node, DecompressionStream in the browser). The body is
// the header as JSON, then the events (see the OP_ constants).

import { ByteReader, ByteWriter } from "./bytes.js";
import type { GamePlayer } from "../game/ArenaGame.js";

export const REPLAY_MAGIC = "SKRP";
/** Bump on any change to the body; readers refuse newer versions with a message. */
export const REPLAY_VERSION = 1;

/** One player's state as the checks compare it (positions and velocities on the 1/32 px grid). */
export type CheckedState = Pick<GamePlayer, "x" | "y" | "vx" | "vy" | "cooldown" | "alive" | "health" | "shield" | "frags" | "deaths">;

/** The fields a desync report can name, in the order they are compared. */
export const CHECKED_FIELDS = ["x", "y", "vx", "vy", "cooldown", "alive", "health", "shield", "frags", "deaths"] as const;
export type CheckedField = (typeof CHECKED_FIELDS)[number];

export interface ReplayPlayer {
  /** Index of the player in this replay (joiners get the next one). */
  slot: number;
  name: string;
  /** Palette index, as in the live game. */
  color: number;
  bot: boolean;
}

export interface ReplayHeader {
  room: string;
  /** Epoch ms. */
  startedAt: number;
  tickRate: number;
  matchSeconds: number;
  fragLimit: number;
  /** Whether hits dealt damage in this room. */
  damage: boolean;
  /** The server's spawn rotation counter when the match started (ties between spawn points). */
  spawnTurn: number;
  /** Everyone seated when the match started, with their state right after the start. */
  players: Array<ReplayPlayer & CheckedState>;
}

export type ReplayEvent =
  /** One input applied to `slot` for one fixed step (values exactly as the server applied them). */
  | { kind: "input"; slot: number; moveX: number; moveY: number; aim: number; fire: boolean }
  /** The shot the previous input of `slot` fired: whom it hit (null: a miss) and, for a hit,
   *  where the server judged the target to be (lag compensation), px to 1/16 px. The tracer is
   *  traced again from these (a miss stops at a wall, a hit on the judged body). */
  | { kind: "shot"; slot: number; hit: number | null; jx: number; jy: number }
  | { kind: "join"; slot: number; name: string; color: number; bot: boolean }
  | { kind: "leave"; slot: number }
  /** End of a server tick, with the low 16 bits of the state digest after it (TICK_DIGEST_MASK). */
  | { kind: "tick"; digest: number }
  /** Every player's checked state after the tick that just ended (once a second). */
  | { kind: "checkpoint"; players: Array<{ slot: number } & CheckedState> };

export interface Replay {
  header: ReplayHeader;
  events: ReplayEvent[];
}

/** The part of the state digest each tick keeps: 16 bits, so two different states pass for
 *  equal once in 65 536 ticks (2 bytes a tick, ~10 KB for a 3-minute match). */
export const TICK_DIGEST_MASK = 0xffff;

const OP_TICK = 1;
const OP_INPUT = 2;
const OP_SHOT = 3;
const OP_JOIN = 4;
const OP_LEAVE = 5;
const OP_CHECKPOINT = 6;

const INPUT_FIRE = 1;
const INPUT_MOVE = 2;
const INPUT_AIM = 4;
const INPUT_RAW = 8;

/** The input wire quantization (shared/schema.ts PlayerInput): axes are 8-bit over [-1, 1]
 *  (254 steps, zero on a step), aim 16-bit over [0, 2π). Decoding uses the schema's formula, so
 *  a value that came over the wire round-trips bit for bit. */
const AXIS_SPAN = 254;
const AIM_STEPS = 65536;
const TWO_PI = Math.PI * 2;
const axisValue = (q: number) => -1 + (q / AXIS_SPAN) * 2;
const axisCode = (v: number) => Math.floor(((v + 1) / 2) * AXIS_SPAN + 0.5);
const aimValue = (q: number) => 0 + (q / AIM_STEPS) * TWO_PI;
const aimCode = (v: number) => Math.floor((v / TWO_PI) * AIM_STEPS + 0.5) % AIM_STEPS;
/** Judged target positions are kept to 1/16 px: rewound positions fall between grid points. */
const POS_SCALE = 16;
/** Checked positions and velocities are on the simulation's 1/32 px grid. */
const GRID = 32;

/** A position or velocity as the integer count of GRID steps the replay stores. */
function onGrid(v: number): number {
  return Math.round(v * GRID);
}

/** The event stream as written, input by input (the recorder's side). */
export class ReplayEncoder {
  private readonly out = new ByteWriter();
  /** Last axis and aim codes per slot: inputs repeat, so only changes are written. */
  private readonly last = new Map<number, { mx: number; my: number; aim: number }>();

  input(slot: number, moveX: number, moveY: number, aim: number, fire: boolean): void {
    const mx = axisCode(moveX);
    const my = axisCode(moveY);
    const q = aimCode(aim);
    let prev = this.last.get(slot);
    if (!prev) {
      prev = { mx: axisCode(0), my: axisCode(0), aim: 0 };
      this.last.set(slot, prev);
    }
    this.out.u8(OP_INPUT);
    this.out.u8(slot);
    if (axisValue(mx) !== moveX || axisValue(my) !== moveY || aimValue(q) !== aim) {
      // Not a value the wire can carry (an in-process caller): keep it exactly.
      this.out.u8(INPUT_RAW | (fire ? INPUT_FIRE : 0));
      this.out.f64(moveX);
      this.out.f64(moveY);
      this.out.f64(aim);
      return;
    }
    const moved = mx !== prev.mx || my !== prev.my;
    const turned = q !== prev.aim;
    this.out.u8((fire ? INPUT_FIRE : 0) | (moved ? INPUT_MOVE : 0) | (turned ? INPUT_AIM : 0));
    if (moved) {
      this.out.u8(mx);
      this.out.u8(my);
    }
    if (turned) this.out.zigzag(wrapDelta(q - prev.aim));
    // Updated in place: this runs for every input the server applies.
    prev.mx = mx;
    prev.my = my;
    prev.aim = q;
  }

  shot(slot: number, hit: number | null, jx: number, jy: number): void {
    this.out.u8(OP_SHOT);
    this.out.u8(slot);
    this.out.u8(hit === null ? 0 : hit + 1);
    if (hit !== null) {
      this.out.zigzag(Math.round(jx * POS_SCALE));
      this.out.zigzag(Math.round(jy * POS_SCALE));
    }
  }

  join(player: ReplayPlayer): void {
    this.out.u8(OP_JOIN);
    this.out.u8(player.slot);
    this.out.u8(player.color);
    this.out.u8(player.bot ? 1 : 0);
    this.out.string(player.name);
  }

  leave(slot: number): void {
    this.out.u8(OP_LEAVE);
    this.out.u8(slot);
  }

  tick(digest: number): void {
    this.out.u8(OP_TICK);
    this.out.u8(digest & 0xff);
    this.out.u8((digest >>> 8) & 0xff);
  }

  checkpoint(players: ReadonlyArray<{ slot: number; state: CheckedState }>): void {
    this.out.u8(OP_CHECKPOINT);
    this.out.u8(players.length);
    for (const { slot, state } of players) {
      this.out.u8(slot);
      writeChecked(this.out, state);
    }
  }

  /** The replay body: header and the events so far. */
  body(header: ReplayHeader): Uint8Array {
    const head = new ByteWriter();
    head.string(JSON.stringify(header));
    const a = head.bytes();
    const b = this.out.bytes();
    const joined = new Uint8Array(a.length + b.length);
    joined.set(a);
    joined.set(b, a.length);
    return joined;
  }
}

/** A whole replay as a body (tests, and tools that edit a replay). */
export function encodeReplayBody(replay: Replay): Uint8Array {
  const enc = new ReplayEncoder();
  for (const e of replay.events) {
    switch (e.kind) {
      case "input": enc.input(e.slot, e.moveX, e.moveY, e.aim, e.fire); break;
      case "shot": enc.shot(e.slot, e.hit, e.jx, e.jy); break;
      case "join": enc.join(e); break;
      case "leave": enc.leave(e.slot); break;
      case "tick": enc.tick(e.digest); break;
      case "checkpoint": enc.checkpoint(e.players.map((p) => ({ slot: p.slot, state: p }))); break;
    }
  }
  return enc.body(replay.header);
}

export function decodeReplayBody(body: Uint8Array): Replay {
  const r = new ByteReader(body);
  let header: ReplayHeader;
  try {
    header = JSON.parse(r.string()) as ReplayHeader;
  } catch {
    throw new Error("not a Skirmish replay: its header is not readable");
  }
  const events: ReplayEvent[] = [];
  const last = new Map<number, { mx: number; my: number; aim: number }>();
  while (!r.done) {
    const op = r.u8();
    switch (op) {
      case OP_TICK:
        events.push({ kind: "tick", digest: r.u8() | (r.u8() << 8) });
        break;
      case OP_INPUT: {
        const slot = r.u8();
        const flags = r.u8();
        const fire = (flags & INPUT_FIRE) !== 0;
        if (flags & INPUT_RAW) {
          events.push({ kind: "input", slot, moveX: r.f64(), moveY: r.f64(), aim: r.f64(), fire });
          break;
        }
        const prev = last.get(slot) ?? { mx: axisCode(0), my: axisCode(0), aim: 0 };
        const next = { ...prev };
        if (flags & INPUT_MOVE) {
          next.mx = r.u8();
          next.my = r.u8();
        }
        if (flags & INPUT_AIM) next.aim = (prev.aim + r.zigzag() + AIM_STEPS) % AIM_STEPS;
        last.set(slot, next);
        events.push({ kind: "input", slot, moveX: axisValue(next.mx), moveY: axisValue(next.my), aim: aimValue(next.aim), fire });
        break;
      }
      case OP_SHOT: {
        const slot = r.u8();
        const h = r.u8();
        const hit = h === 0 ? null : h - 1;
        const jx = hit === null ? 0 : r.zigzag() / POS_SCALE;
        const jy = hit === null ? 0 : r.zigzag() / POS_SCALE;
        events.push({ kind: "shot", slot, hit, jx, jy });
        break;
      }
      case OP_JOIN: {
        const slot = r.u8();
        const color = r.u8();
        const bot = r.u8() === 1;
        events.push({ kind: "join", slot, color, bot, name: r.string() });
        break;
      }
      case OP_LEAVE:
        events.push({ kind: "leave", slot: r.u8() });
        break;
      case OP_CHECKPOINT: {
        const count = r.u8();
        const players: Array<{ slot: number } & CheckedState> = [];
        for (let k = 0; k < count; k++) players.push({ slot: r.u8(), ...readChecked(r) });
        events.push({ kind: "checkpoint", players });
        break;
      }
      default:
        throw new Error(`replay data is damaged: unknown event ${op} after ${events.length} events`);
    }
  }
  return { header, events };
}

/** The compressed body of a replay file, after checking its magic and version. */
export function replayFilePayload(file: Uint8Array): Uint8Array {
  const magic = String.fromCharCode(...file.subarray(0, 4));
  if (file.length < 5 || magic !== REPLAY_MAGIC) throw new Error("not a Skirmish replay file (it does not start with SKRP)");
  const version = file[4];
  if (version > REPLAY_VERSION) {
    throw new Error(`this replay is format version ${version}, newer than this Skirmish reads (${REPLAY_VERSION}): update Skirmish`);
  }
  return file.subarray(5);
}

/** A replay file around an already compressed body. */
export function replayFile(compressedBody: Uint8Array): Uint8Array {
  const file = new Uint8Array(5 + compressedBody.length);
  for (let i = 0; i < 4; i++) file[i] = REPLAY_MAGIC.charCodeAt(i);
  file[4] = REPLAY_VERSION;
  file.set(compressedBody, 5);
  return file;
}

/** The integer a checked field is compared and hashed as. */
export function checkedInt(p: CheckedState, field: CheckedField): number {
  const v = p[field];
  if (typeof v === "boolean") return v ? 1 : 0;
  return field === "x" || field === "y" || field === "vx" || field === "vy" ? onGrid(v) : v;
}

function writeChecked(out: ByteWriter, p: CheckedState): void {
  out.varint(checkedInt(p, "x"));
  out.varint(checkedInt(p, "y"));
  out.zigzag(checkedInt(p, "vx"));
  out.zigzag(checkedInt(p, "vy"));
  out.u8(p.cooldown);
  out.u8(p.alive ? 1 : 0);
  out.u8(p.health);
  out.u8(p.shield);
  out.varint(p.frags);
  out.varint(p.deaths);
}

function readChecked(r: ByteReader): CheckedState {
  return {
    x: r.varint() / GRID,
    y: r.varint() / GRID,
    vx: r.zigzag() / GRID,
    vy: r.zigzag() / GRID,
    cooldown: r.u8(),
    alive: r.u8() === 1,
    health: r.u8(),
    shield: r.u8(),
    frags: r.varint(),
    deaths: r.varint(),
  };
}

/** Shortest signed step between two 16-bit aim codes. */
function wrapDelta(d: number): number {
  if (d > AIM_STEPS / 2) return d - AIM_STEPS;
  if (d < -AIM_STEPS / 2) return d + AIM_STEPS;
  return d;
}

/** A hash of every player's checked state, independent of the order they are visited in
 *  (FNV-1a over 16-bit halves per player, mixed, summed). The server and the re-simulation compute it the same way. */
export function digestState(players: Iterable<{ slot: number; state: CheckedState }>): number {
  let sum = 0;
  for (const { slot, state } of players) sum = (sum + digestPlayer(slot, state)) >>> 0;
  return sum;
}

/** One player's hash: FNV-1a over each checked field's integer (CHECKED_FIELDS order, low 16 bits
 *  then high), then murmur3's finaliser. Each field is read once and hashed in line: this runs for
 *  every player on every tick the recorder is on. */
function digestPlayer(slot: number, p: CheckedState): number {
  let h = Math.imul(0x811c9dc5 ^ slot, 0x01000193);
  h = mix(h, onGrid(p.x));
  h = mix(h, onGrid(p.y));
  h = mix(h, onGrid(p.vx));
  h = mix(h, onGrid(p.vy));
  h = mix(h, p.cooldown);
  h = mix(h, p.alive ? 1 : 0);
  h = mix(h, p.health);
  h = mix(h, p.shield);
  h = mix(h, p.frags);
  h = mix(h, p.deaths);
  // Avalanche (murmur3's finaliser): without it the low bits, which are what a tick keeps,
  // would depend on the low bits of each field only.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function mix(h: number, v: number): number {
  h = Math.imul(h ^ (v & 0xffff), 0x01000193);
  return Math.imul(h ^ (v >>> 16), 0x01000193);
}
