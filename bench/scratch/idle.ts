import { WebSocket as NodeWebSocket } from "ws";
(globalThis as { WebSocket?: unknown }).WebSocket ??= NodeWebSocket;
import { Client } from "@colyseus/sdk";
import { startSkirmish } from "../server/skirmish.js";
import { ArenaState } from "../../shared/schema.js";
const s = await startSkirmish(10);
const url = `http://127.0.0.1:${s.port}`;
const c = new Client(url);
const first = await c.create<ArenaState>("arena", { name: "a", matchSeconds: 1800, fragLimit: 100 }, ArenaState);
const rooms = [first];
for (let i = 1; i < 10; i++) rooms.push(await new Client(url).joinById<ArenaState>(first.roomId, { name: `b${i}` }, ArenaState));
await new Promise((r) => setTimeout(r, 5000));
let prev = JSON.stringify(first.state.toJSON());
let n = 0;
first.onStateChange(() => {
  const now = JSON.stringify(first.state.toJSON());
  if (now !== prev && n++ < 8) {
    const a = JSON.parse(prev), b = JSON.parse(now);
    const diff: string[] = [];
    for (const k of Object.keys(b)) if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) {
      if (k === "players") { for (const id of Object.keys(b.players)) for (const f of Object.keys(b.players[id])) if (a.players[id]?.[f] !== b.players[id][f]) diff.push(`players.${f}: ${a.players[id]?.[f]}→${b.players[id][f]}`); }
      else diff.push(`${k}: ${JSON.stringify(a[k])}→${JSON.stringify(b[k])}`);
    }
    console.log(performance.now().toFixed(0), diff.slice(0, 6).join(", "));
  }
  prev = now;
});
await new Promise((r) => setTimeout(r, 4000));
process.exit(0);
