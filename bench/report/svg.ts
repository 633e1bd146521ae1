// Bench (report): small self-contained SVG charts: lines (y against x per series) and grouped
// bars (one group per category, one bar per series), linear or log10 axes. No dependencies.

export interface Series {
  name: string;
  color: string;
  points: { x: number; y: number }[];
}

export interface BarSeries {
  name: string;
  color: string;
  /** One value per category (NaN: no bar). */
  values: number[];
}

interface Frame {
  title: string;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
  /** log10 y axis (positive values only). */
  logY?: boolean;
  /** A dashed horizontal reference line (a limit), with its label. */
  limit?: { y: number; label: string };
}

const PAD = { left: 72, right: 170, top: 40, bottom: 52 };

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Round numbers for axis ticks (1, 2, 5 × 10^k apart) from `min` up to the first one ≥ `max`. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; ticks.length === 0 || ticks[ticks.length - 1] < max - step * 1e-9; v += step) {
    ticks.push(Number(v.toPrecision(12)));
  }
  return ticks;
}

function label(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 10_000) return `${(v / 1000).toFixed(0)}k`;
  if (a >= 100) return v.toFixed(0);
  if (a >= 1) return String(Number(v.toFixed(2)));
  return String(Number(v.toPrecision(2)));
}

class Canvas {
  readonly parts: string[] = [];
  readonly w: number;
  readonly h: number;

  constructor(frame: Frame) {
    this.w = frame.width ?? 760;
    this.h = frame.height ?? 420;
    this.parts.push(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${this.w}" height="${this.h}" viewBox="0 0 ${this.w} ${this.h}" font-family="sans-serif" font-size="12">`,
      `<rect width="${this.w}" height="${this.h}" fill="white"/>`,
      `<text x="${this.w / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(frame.title)}</text>`,
      `<text x="${PAD.left + this.plotW / 2}" y="${this.h - 12}" text-anchor="middle">${escapeXml(frame.xLabel)}</text>`,
      `<text transform="translate(16 ${PAD.top + this.plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(frame.yLabel)}</text>`,
    );
  }

  get plotW(): number { return this.w - PAD.left - PAD.right; }
  get plotH(): number { return this.h - PAD.top - PAD.bottom; }

  yAxis(ticks: number[], toY: (v: number) => number): void {
    for (const t of ticks) {
      const y = toY(t).toFixed(1);
      this.parts.push(`<line x1="${PAD.left}" x2="${PAD.left + this.plotW}" y1="${y}" y2="${y}" stroke="#e3e3e3"/>`);
      this.parts.push(`<text x="${PAD.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${label(t)}</text>`);
    }
    this.parts.push(`<rect x="${PAD.left}" y="${PAD.top}" width="${this.plotW}" height="${this.plotH}" fill="none" stroke="#888"/>`);
  }

  legend(entries: { name: string; color: string }[]): void {
    entries.forEach((e, i) => {
      const y = PAD.top + 8 + i * 20;
      const x = PAD.left + this.plotW + 14;
      this.parts.push(`<rect x="${x}" y="${y - 6}" width="14" height="12" fill="${e.color}"/>`);
      this.parts.push(`<text x="${x + 20}" y="${y}" dominant-baseline="middle">${escapeXml(e.name)}</text>`);
    });
  }

  done(): string {
    return `${this.parts.join("\n")}\n</svg>\n`;
  }
}

function yScale(values: number[], canvas: Canvas, logY: boolean): { ticks: number[]; toY: (v: number) => number } {
  const finite = values.filter((v) => Number.isFinite(v) && (!logY || v > 0));
  const bottom = PAD.top + canvas.plotH;
  if (logY) {
    const lo = Math.floor(Math.log10(Math.min(...finite, 1)));
    const hi = Math.ceil(Math.log10(Math.max(...finite, 10)));
    const ticks = Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i));
    return { ticks, toY: (v) => bottom - ((Math.log10(v) - lo) / Math.max(1, hi - lo)) * canvas.plotH };
  }
  const max = Math.max(...finite, 0) * 1.05 || 1;
  const ticks = niceTicks(0, max);
  const top = ticks.at(-1) ?? max;
  return { ticks, toY: (v) => bottom - (v / top) * canvas.plotH };
}

function limitLine(canvas: Canvas, frame: Frame, toY: (v: number) => number): void {
  if (!frame.limit) return;
  const y = toY(frame.limit.y).toFixed(1);
  canvas.parts.push(`<line x1="${PAD.left}" x2="${PAD.left + canvas.plotW}" y1="${y}" y2="${y}" stroke="#555" stroke-dasharray="6 4"/>`);
  canvas.parts.push(`<text x="${PAD.left + canvas.plotW - 4}" y="${(Number(y) - 5).toFixed(1)}" text-anchor="end" fill="#555">${escapeXml(frame.limit.label)}</text>`);
}

export function lineChart(frame: Frame, series: Series[]): string {
  const canvas = new Canvas(frame);
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const xMin = Math.min(...xs, 0);
  const xMax = Math.max(...xs, 1);
  const xTicks = niceTicks(xMin, xMax);
  const xTop = xTicks.at(-1) ?? xMax;
  const toX = (v: number) => PAD.left + ((v - xMin) / (xTop - xMin || 1)) * canvas.plotW;
  const ys = series.flatMap((s) => s.points.map((p) => p.y));
  const { ticks, toY } = yScale(frame.limit ? [...ys, frame.limit.y] : ys, canvas, frame.logY ?? false);
  canvas.yAxis(ticks, toY);
  limitLine(canvas, frame, toY);
  for (const t of xTicks) {
    canvas.parts.push(`<text x="${toX(t).toFixed(1)}" y="${PAD.top + canvas.plotH + 16}" text-anchor="middle">${label(t)}</text>`);
  }
  for (const s of series) {
    const pts = s.points.filter((p) => Number.isFinite(p.y) && (!frame.logY || p.y > 0)).sort((a, b) => a.x - b.x);
    if (pts.length === 0) continue;
    const d = pts.map((p, i) => `${i === 0 ? "M" : "L"}${toX(p.x).toFixed(1)},${toY(p.y).toFixed(1)}`).join(" ");
    canvas.parts.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    for (const p of pts) canvas.parts.push(`<circle cx="${toX(p.x).toFixed(1)}" cy="${toY(p.y).toFixed(1)}" r="3" fill="${s.color}"/>`);
  }
  canvas.legend(series);
  return canvas.done();
}

export function barChart(frame: Frame, categories: string[], series: BarSeries[]): string {
  const canvas = new Canvas(frame);
  const { ticks, toY } = yScale(series.flatMap((s) => s.values), canvas, frame.logY ?? false);
  canvas.yAxis(ticks, toY);
  const groupW = canvas.plotW / Math.max(1, categories.length);
  const barW = (groupW * 0.8) / Math.max(1, series.length);
  const bottom = PAD.top + canvas.plotH;
  categories.forEach((category, c) => {
    const x0 = PAD.left + c * groupW + groupW * 0.1;
    canvas.parts.push(`<text x="${(PAD.left + (c + 0.5) * groupW).toFixed(1)}" y="${bottom + 16}" text-anchor="middle">${escapeXml(category)}</text>`);
    series.forEach((s, i) => {
      const v = s.values[c];
      if (!Number.isFinite(v) || (frame.logY && v <= 0)) return;
      const y = Math.min(bottom, toY(v));
      canvas.parts.push(`<rect x="${(x0 + i * barW).toFixed(1)}" y="${y.toFixed(1)}" width="${(barW * 0.92).toFixed(1)}" height="${(bottom - y).toFixed(1)}" fill="${s.color}"><title>${escapeXml(`${s.name}, ${category}: ${label(v)}`)}</title></rect>`);
    });
  });
  canvas.legend(series);
  return canvas.done();
}
