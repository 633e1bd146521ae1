import { planPinning, pinSelf } from "../children.js";
import { Session } from "../session.js";
import { metricsOf } from "../metrics.js";
import type { Variant } from "../variants.js";
const variant = (process.argv[2] ?? "skirmish") as Variant;
const rooms = Number(process.argv[3] ?? 20);
const pin = planPinning(); if (pin.available) pinSelf(1);
const s = await Session.open({ variant, roomSize: 10 }, pin, undefined);
await s.connect({ variant, firstRoom: 0, rooms, perRoom: 10, moving: true, probes: 1, concurrency: 16, seed: 1 }, 60000);
for (let i = 0; i < 6; i++) {
  await s.mark(); await new Promise((r) => setTimeout(r, 1500));
  const m = metricsOf(await s.measure());
  console.log(i, "cpu%", m.serverCpuPct.toFixed(0), "eld p99", m.loopDelayP99Ms.toFixed(1), "tick p99", m.tickP99Ms.toFixed(2), "upd", m.updatesPerClientSec.toFixed(2), "outside", m.outsideLoadPct.toFixed(0), "load%", m.loadCpuPct.toFixed(0));
}
await s.close();
