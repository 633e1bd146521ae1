// Bots: progress lines and the end-of-run report (a table for people, JSON for machines).

import { describeLinkProfile } from "../client/net/linkSim.js";
import type { HitRegResult } from "./hitreg.js";
import type { BotsOptions } from "./options.js";
import type { Summary } from "./stats.js";
import { netLine, type SwarmProgress, type SwarmResult } from "./swarm.js";

export interface BotsReport {
  /** Report format version. */
  version: 1;
  scenario: BotsOptions["scenario"];
  url: string;
  net: { name: string; rttMs: number; jitterMs: number; lossPct: number; kbps: number } | null;
  seed: number;
  behavior?: BotsOptions["behavior"];
  play?: SwarmResult;
  hitreg?: { lagCompensationOn: HitRegResult; lagCompensationOff: HitRegResult };
}

export function buildReport(options: BotsOptions, results: Pick<BotsReport, "play" | "hitreg">): BotsReport {
  const l = options.link;
  return {
    version: 1,
    scenario: options.scenario,
    url: options.url,
    net: l ? { name: options.netName, rttMs: l.rttMs, jitterMs: l.jitterMs, lossPct: l.loss * 100, kbps: l.kbps } : null,
    seed: options.seed,
    behavior: options.scenario === "play" ? options.behavior : undefined,
    ...results,
  };
}

export function progressLine(p: SwarmProgress): string {
  const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "–");
  return [
    `${f(p.elapsedMs / 1000, 0).padStart(4)}s`,
    `bots ${p.connected}/${p.count}${p.failed ? ` (${p.failed} failed)` : ""} in ${p.rooms} room${p.rooms === 1 ? "" : "s"}`,
    netLine(p),
  ].join(" · ");
}

function row(name: string, s: Summary, unit: string, digits = 1): string[] {
  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
  return [name, f(s.p50), f(s.p95), f(s.max), unit, String(s.count)];
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  return [line(rows[0]), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

export function formatReport(report: BotsReport): string {
  const out: string[] = [];
  out.push(`Skirmish bots: ${report.scenario} on ${report.url}, network ${report.net ? `${report.net.name} (${describeLinkProfile({ rttMs: report.net.rttMs, jitterMs: report.net.jitterMs, loss: report.net.lossPct / 100, kbps: report.net.kbps })})` : "direct"}, seed ${report.seed}`);
  const play = report.play;
  if (play) {
    const g = play.figures;
    out.push(`${play.joined}/${play.bots} bots joined ${play.rooms.length} room(s), played ${(play.durationMs / 1000).toFixed(1)} s, behavior ${report.behavior}`);
    out.push("");
    out.push(table([
      ["metric", "p50", "p95", "max", "unit", "samples"],
      row("own-player correction", g.correctionPx, "px", 2),
      row("remote drawn vs server", g.drawErrorPx, "px", 1),
      row("interpolation delay", g.delayMs, "ms", 0),
      row("input → ack (input delay)", g.ackLatencyMs, "ms", 0),
      row("round trip (ping)", g.rttMs, "ms", 0),
      row("arrival jitter", g.jitterMs, "ms", 1),
    ]));
    out.push("");
    out.push(`corrections that moved the player: ${g.correctionsNonZero} of ${g.correctionPx.count} reconciles`);
    out.push(`frozen or jumping remote players: ${(g.frozenShare * 100).toFixed(2)} % of ${g.remoteFrames} frames with a moving remote player`);
    out.push(`extrapolated (past the newest update): ${(g.underrunShare * 100).toFixed(2)} % of those frames; ${g.stallsPerMinute.toFixed(1)} loss stalls per bot-minute`);
    out.push(`moved faster than a player runs by the server itself (that player's inputs arrived unevenly): ${(g.serverJumpShare * 100).toFixed(2)} % of those frames`);
    out.push(`per bot: ${(g.downBytesPerSec / 1024).toFixed(2)} KB/s down, ${(g.upBytesPerSec / 1024).toFixed(2)} KB/s up, ${g.patchesPerSec.toFixed(1)} patches/s`);
    for (const f of play.failures) out.push(`failed to join: ${f.bot}: ${f.error}`);
    for (const [code, n] of Object.entries(play.disconnects)) out.push(`disconnected: ${n} bot(s) with ${code}`);
  }
  const h = report.hitreg;
  if (h) {
    const line = (r: HitRegResult) =>
      [`lag compensation ${r.lagCompensation ? "on " : "off"}`, `${r.hits}/${r.shots}`, `${(r.hitShare * 100).toFixed(0)} %`];
    out.push("");
    out.push(table([["dead-on shots at a moving target", "hits", "share"], line(h.lagCompensationOn), line(h.lagCompensationOff)]));
  }
  return out.join("\n");
}
