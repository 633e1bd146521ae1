import { planPinning, pinSelf, openLog } from "../children.js";
import { Session } from "../session.js";
import type { Variant } from "../variants.js";
const variant = (process.argv[2] ?? "skirmish") as Variant;
const rooms = Number(process.argv[3] ?? 10);
const perRoom = Number(process.argv[4] ?? 10);
const pin = planPinning();
if (pin.available) pinSelf(1);
const log = openLog("/tmp/bench-try.log");
const t0 = performance.now();
const s = await Session.open({ variant, roomSize: perRoom }, pin, log, process.env.PROF);
console.log("open ms", performance.now() - t0, "rssIdle", s.rssIdleBytes);
const c = await s.connect({ variant, firstRoom: 0, rooms, perRoom, moving: process.argv[5] !== "idle", probes: 2, concurrency: 16, seed: 1 }, 60000);
console.log("connect", JSON.stringify(c));
await new Promise((r) => setTimeout(r, 1500));
await s.mark();
await new Promise((r) => setTimeout(r, 5000));
const w = await s.measure();
const { probes, ...rest } = w.load; console.log(JSON.stringify({ ...w, load: rest }), "probes", JSON.stringify({ n: probes.latencyMs.length, misses: probes.misses, lat: probes.latencyMs.slice(0, 30).map(Math.round), acks: probes.ackMs.length, corr: probes.correctionsPx.filter(c=>c>0).length, ups: probes.updatesPerSec }));
const cs = w.load.clients * w.load.seconds;
console.log("cpu ms/client-s", (w.serverCpuMs / cs).toFixed(3), "sys", (w.serverSystemMs / cs).toFixed(3), "server %", (w.serverCpuMs / w.wallMs * 100).toFixed(1), "load %", (w.loadCpuMs / w.wallMs * 100).toFixed(1),
  "down KB/cs", (w.load.down.payloadBytes / cs / 1024).toFixed(2), "wire", (w.load.down.wireBytes / cs / 1024).toFixed(2), "updates/cs", (w.load.down.updates / cs).toFixed(2), "hb/cs", (w.load.down.heartbeats/cs).toFixed(2), "events/cs", (w.load.down.events / cs).toFixed(2),
  "outside %", ((w.machineBusyMs - w.serverCpuMs - w.loadCpuMs - w.selfCpuMs) / w.machineTotalMs * 100).toFixed(1));
await s.close();
log?.end();
