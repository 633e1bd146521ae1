// Browser client: the net graph (F3, or the Net button): the last ~10 s of the connection as the
// player feels it: round trip, input delay, interpolation delay, jitter, loss stalls, frozen
// frames, own corrections, patches/s and KB/s, and the simulated link when `?net=` is on.
// DOM and a 2D canvas; the figures come from the session's NetProbe (renderer-free).

import { describeLinkProfile } from "../../net/linkSim.js";
import { HISTORY_MS, formatNetLine, type NetPoint } from "../../net/netHistory.js";
import { NetProbe } from "../../net/NetProbe.js";
import type { GameSession } from "../../net/GameSession.js";
import { h, setChildren } from "./dom.js";

/** Redraw interval while open, ms (the figures are 250 ms buckets). */
const REDRAW_MS = 250;
const WIDTH = 360;
const ROW_H = 44;

interface Plot {
  label: string;
  unit: string;
  /** Smallest top of the scale (the scale grows with the data). */
  floor: number;
  lines: { color: string; value: (p: NetPoint) => number; name: string }[];
}

const PLOTS: Plot[] = [
  { label: "round trip · input delay · interpolation delay", unit: "ms", floor: 100, lines: [
    { name: "rtt", color: "#5fb4ff", value: (p) => p.rttMs },
    { name: "input", color: "#f0b35a", value: (p) => p.inputDelayMs },
    { name: "delay", color: "#8be28b", value: (p) => p.delayMs },
  ] },
  { label: "jitter · loss stalls", unit: "ms / count", floor: 10, lines: [
    { name: "jitter", color: "#c79bff", value: (p) => p.jitterMs },
    { name: "stalls", color: "#ff6b6b", value: (p) => p.stalls * 10 },
  ] },
  { label: "frozen or jumping frames · own corrections", unit: "% / count", floor: 5, lines: [
    { name: "frozen", color: "#ff6b6b", value: (p) => p.frozenShare * 100 },
    { name: "corrections", color: "#f0b35a", value: (p) => p.corrections },
  ] },
  { label: "patches/s · KB/s down · up", unit: "", floor: 35, lines: [
    { name: "patches", color: "#8be28b", value: (p) => p.patchesPerSec },
    { name: "down", color: "#5fb4ff", value: (p) => p.downKBps },
    { name: "up", color: "#f0b35a", value: (p) => p.upKBps },
  ] },
];

export class NetGraph {
  readonly root: HTMLElement;
  /** Made when the graph first opens: a closed graph adds nothing to the page. */
  private canvas: HTMLCanvasElement | undefined;
  private readonly figures: HTMLElement;
  private readonly link: HTMLElement;
  private session: GameSession | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(parent: HTMLElement) {
    this.figures = h("div", { class: "net-figures", attrs: { "data-testid": "net-figures" } });
    this.link = h("div", { class: "net-link" });
    this.root = h("div", { class: "net-graph", attrs: { "data-testid": "net-graph", role: "status" } },
      h("div", { class: "net-title" }, "Network (F3)"), this.figures, this.link);
    this.root.hidden = true;
    parent.append(this.root);
  }

  get open(): boolean {
    return !this.root.hidden;
  }

  attach(session: GameSession): void {
    this.session = session;
    if (this.open) this.redraw();
  }

  detach(): void {
    this.session = null;
    this.toggle(false);
  }

  toggle(open = !this.open): void {
    this.root.hidden = !open;
    clearInterval(this.timer);
    this.timer = undefined;
    if (!open) return;
    if (!this.canvas) {
      this.canvas = h("canvas", { attrs: { width: String(WIDTH), height: String(PLOTS.length * ROW_H), "aria-hidden": "true" } });
      this.link.before(this.canvas);
    }
    this.timer = setInterval(() => this.redraw(), REDRAW_MS);
    this.redraw();
  }

  private redraw(): void {
    const session = this.session;
    if (!session) return;
    const probe = NetProbe.of(session);
    const series = probe.history.series;
    const last = probe.history.lastSecond();
    setChildren(this.figures, ...(last ? formatNetLine(last).split(" · ").map((part) => h("span", {}, part)) : ["measuring…"]));
    this.link.textContent = session.link ? `simulated link: ${describeLinkProfile(session.link.profile)}` : "";
    this.draw(series);
  }

  private draw(series: readonly NetPoint[]): void {
    const g = this.canvas?.getContext("2d");
    if (!g) return;
    g.clearRect(0, 0, WIDTH, PLOTS.length * ROW_H);
    g.font = "10px system-ui, 'DejaVu Sans', sans-serif";
    const newest = series.length > 0 ? series[series.length - 1].at : 0;
    const xOf = (at: number) => WIDTH - ((newest - at) / HISTORY_MS) * WIDTH;
    PLOTS.forEach((plot, row) => {
      const top = row * ROW_H;
      const bottom = top + ROW_H - 4;
      const plotTop = top + 12;
      let max = plot.floor;
      for (const p of series) for (const line of plot.lines) max = Math.max(max, line.value(p));
      g.fillStyle = "rgba(255, 255, 255, 0.06)";
      g.fillRect(0, plotTop, WIDTH, bottom - plotTop);
      g.fillStyle = "#aab3c2";
      g.fillText(`${plot.label}  (max ${Math.round(max)}${plot.unit ? ` ${plot.unit}` : ""})`, 2, top + 9);
      for (const line of plot.lines) {
        g.strokeStyle = line.color;
        g.lineWidth = 1.5;
        g.beginPath();
        series.forEach((p, i) => {
          const x = xOf(p.at);
          const y = bottom - (line.value(p) / max) * (bottom - plotTop);
          if (i === 0) g.moveTo(x, y);
          else g.lineTo(x, y);
        });
        g.stroke();
      }
    });
  }
}
