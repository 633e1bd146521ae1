// Bench (report): where a server's time went during a measurement window, by part, from the V8
// CPU profile its child wrote (`npm run bench -- --profile`). Each sample is charged to the part
// of the frame nearest its leaf that belongs to one (a schema decoder under Colyseus' message
// handler is input decoding; the write under a patch broadcast is a socket write).

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

interface CallFrame {
  functionName: string;
  url: string;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  /** µs, the monotonic clock (process.hrtime). */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

type Matcher = (frame: CallFrame) => boolean;
const url = (pattern: RegExp): Matcher => (f) => pattern.test(f.url);
const fn = (pattern: RegExp): Matcher => (f) => pattern.test(f.functionName);

/** The parts (the last one takes what no other does). */
export const PARTS: ReadonlyArray<{ name: string; about: string; matches: Matcher[] }> = [
  { name: "garbage collection", about: "V8's collector on the main thread", matches: [fn(/^\(garbage collector\)$/)] },
  { name: "metrics", about: "Prometheus counters and the tick histogram", matches: [url(/prom-client/), url(/hosting\/(metrics|tickHistogram)\.ts/)] },
  {
    name: "socket writes", about: "WebSocket framing (ws' or the transport's own, with its traffic tally), Node streams and the write system calls",
    matches: [url(/node_modules\/ws\/lib\/sender\.js/), url(/hosting\/gameTransport\.ts/), fn(/^(writev|writeUtf8String|writeBuffer|writeGeneric|writevGeneric)$/), url(/node:(net|internal\/stream_base_commons|internal\/streams\/writable)/)],
  },
  {
    name: "receive + input decode", about: "reading sockets, WebSocket parsing, Colyseus' message dispatch and input decoding",
    matches: [fn(/^_onMessage$/), url(/node_modules\/ws\/lib\/(receiver|websocket)\.js/), fn(/^onStreamRead$/), url(/input\/(RoomInput|InputBuffer)/)],
  },
  {
    name: "rewind history", about: "lag compensation's position history (record and lookups)",
    matches: [url(/core\/build\/Rewind\./), url(/rooms\/(positionHistory|seenTarget)\.ts/)],
  },
  { name: "patch encode", about: "the state delta, encoded once per room, and its per-client frames", matches: [fn(/^(applyPatches|broadcastPatch)$/), url(/serializer\/SchemaSerializer/)] },
  { name: "event encode", about: "shot and frag messages (msgpack) and their broadcast", matches: [fn(/^(broadcastMessageType|getMessageBytes|raw)$/)] },
  { name: "match recording", about: "the match recorder (inputs, shots, state digests)", matches: [url(/server\/records\//), url(/shared\/replay\//)] },
  { name: "game step", about: "the rules: movement step, hitscan, damage, respawns, match phases", matches: [url(/shared\/(game|sim)\//), url(/server\/game\//), url(/bench\/server\/baselineGame/)] },
  { name: "room, timers, other", about: "the rest of Colyseus and the room, timers, the event loop", matches: [url(/./)] },
];

const IDLE = new Set(["(idle)", "(program)", "(root)"]);

/** CPU ms per part (and in all, `busy`) of the samples taken between `fromUs` and `toUs`. */
export function profileParts(profile: CpuProfile, fromUs: number, toUs: number): { busyMs: number; parts: Record<string, number> } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const partOf = new Map<number, string | null>();
  const classify = (id: number): string | null => {
    const known = partOf.get(id);
    if (known !== undefined) return known;
    const leaf = byId.get(id)!.callFrame;
    let part: string | null = null;
    if (!IDLE.has(leaf.functionName)) {
      part = PARTS[PARTS.length - 1].name;
      const specific = PARTS.slice(0, -1);
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const frame = byId.get(cur)!.callFrame;
        const found = specific.find((p) => p.matches.some((m) => m(frame)));
        if (found) {
          part = found.name;
          break;
        }
      }
    }
    partOf.set(id, part);
    return part;
  };
  const parts: Record<string, number> = Object.fromEntries(PARTS.map((p) => [p.name, 0]));
  let busyMs = 0;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (t < fromUs || t > toUs) continue;
    const part = classify(profile.samples[i]);
    if (part === null) continue;
    const ms = profile.timeDeltas[i] / 1000;
    parts[part] += ms;
    busyMs += ms;
  }
  return { busyMs, parts };
}

/** The main thread's profile in a child's profile folder: the largest file (the other is the
 *  tsx loader's thread). Undefined when there is none. */
export function readMainProfile(dir: string): CpuProfile | undefined {
  let best: { path: string; size: number } | undefined;
  try {
    for (const name of readdirSync(dir)) {
      if (!name.endsWith(".cpuprofile")) continue;
      const path = join(dir, name);
      const size = statSync(path).size;
      if (!best || size > best.size) best = { path, size };
    }
  } catch {
    return undefined;
  }
  return best ? (JSON.parse(readFileSync(best.path, "utf8")) as CpuProfile) : undefined;
}
