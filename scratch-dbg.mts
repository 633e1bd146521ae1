import { runHitRegistration } from "./bots/hitreg.ts";
import { parseLinkProfile } from "./client/net/linkSim.ts";
import { GameSession } from "./client/net/GameSession.ts";
const orig = GameSession.join;
const sessions: GameSession[] = [];
GameSession.join = async (...a: Parameters<typeof orig>) => { const s = await orig(...a); sessions.push(s); return s; };
const t = setInterval(() => {
  for (const s of sessions) {
    const me = s.predictedState();
    const live = [...s.room.state.players.entries()].map(([id, p]) => `${id === s.sessionId ? "me" : "it"}:${p.x.toFixed(1)},${p.y.toFixed(1)} v${p.vx}`);
    const others = s.players().filter((p) => !p.isSelf).map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`);
    console.log(s.room.state.players.get(s.sessionId)?.name, me && `${me.x.toFixed(1)},${me.y.toFixed(1)} v ${me.vx},${me.vy}`, "sees", others.join(" "), "live", live.join(" "), "phase", s.room.state.phase, "lead", s.remotes.leadMs.toFixed(0), "held", s.remotes.held, "delay", s.remotes.delay.delayMs.toFixed(0), "pend", s.pendingInputs, "sent", s.inputsSent, "acked", s.inputsAcked);
  }
}, 1000);
const r = await runHitRegistration({ url: "http://127.0.0.1:3711", lagCompensation: true, shots: 10, link: parseLinkProfile(process.env.NET ?? "150ms,30ms,2%"), seed: 1, timeoutMs: 10000 }).catch((e) => e.message);
console.log(r); clearInterval(t); process.exit(0);
