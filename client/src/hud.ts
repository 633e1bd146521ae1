// Browser client: the heads-up display (health, score, ping, kill feed, respawn notice). Run by ArenaScene.

import Phaser from "phaser";
import { ARENA } from "../../shared/arena.js";
import { MAX_HEALTH, RESPAWN_SECONDS } from "../../shared/constants.js";
import type { PlayerView } from "../net/GameSession.js";
import { COLORS } from "./palette.js";

const FONT = "system-ui, 'DejaVu Sans', sans-serif";
/** Frags shown in the kill feed. */
const FEED_LINES = 4;
/** How long a frag stays in the feed, ms, and how long it takes to fade out at the end. The
 *  feed sits over a spawn corner: it must not cover it for good. */
const FEED_SHOW_MS = 8000;
const FEED_FADE_MS = 1000;
/** How often the numbers are re-rendered, ms: ping changes every frame, text textures need not. */
const REFRESH_MS = 200;
const RESPAWN_MS = RESPAWN_SECONDS * 1000;
/** The HUD bar sits on the top wall (24 px thick): text never covers the floor. */
const BAR_Y = 12;
const MARGIN = 32;
const HEALTH_BAR = { x: 104, w: 120, h: 8 } as const;

interface FeedLine {
  text: string;
  mine: boolean;
  at: number;
}

export class Hud {
  private readonly health: Phaser.GameObjects.Text;
  private readonly score: Phaser.GameObjects.Text;
  private readonly bar: Phaser.GameObjects.Graphics;
  private readonly feedTexts: Phaser.GameObjects.Text[] = [];
  private readonly notice: Phaser.GameObjects.Text;
  private readonly note: Phaser.GameObjects.Text;
  private feed: FeedLine[] = [];
  private deadSince: number | null = null;
  private lastRefresh = -Infinity;

  /** Creates its texts in `layer` (drawn by the unzoomed HUD camera) at `depth`. */
  constructor(scene: Phaser.Scene, layer: Phaser.GameObjects.Layer, depth: number) {
    const barStyle = { fontFamily: FONT, fontSize: "14px", fontStyle: "bold", color: "#dfe5ee" };
    this.bar = scene.add.graphics().setDepth(depth);
    this.health = scene.add.text(MARGIN, BAR_Y, "", barStyle).setOrigin(0, 0.5).setDepth(depth);
    this.score = scene.add.text(ARENA.width - MARGIN, BAR_Y, "", barStyle).setOrigin(1, 0.5).setDepth(depth);
    for (let i = 0; i < FEED_LINES; i++) {
      this.feedTexts.push(scene.add.text(ARENA.width - MARGIN, 40 + i * 22, "", {
        fontFamily: FONT, fontSize: "13px", color: "#c3cad6",
        backgroundColor: "rgba(11, 13, 18, 0.7)", padding: { x: 8, y: 3 },
      }).setOrigin(1, 0).setDepth(depth));
    }
    this.note = scene.add.text(MARGIN, ARENA.height - BAR_Y, "", {
      fontFamily: FONT, fontSize: "12px", color: "#f0b35a",
    }).setOrigin(0, 0.5).setDepth(depth);
    this.notice = scene.add.text(ARENA.width / 2, ARENA.height / 2, "", {
      fontFamily: FONT, fontSize: "26px", fontStyle: "bold", color: "#f2f4f8", align: "center",
      backgroundColor: "rgba(11, 13, 18, 0.82)", padding: { x: 22, y: 14 },
    }).setOrigin(0.5).setDepth(depth + 1);
    layer.add([this.bar, this.health, this.score, ...this.feedTexts, this.note, this.notice]);
  }

  /** Forget the kill feed and any status (a new room). */
  clear(): void {
    this.feed = [];
    this.deadSince = null;
    this.lastRefresh = -Infinity;
  }

  /** A standing line at the bottom-left, on the bottom wall (e.g. "simulated network: …"). */
  setNote(text: string): void {
    this.note.setText(text);
  }

  /** Add a frag at `now` (ms) to the feed; `mine` highlights frags the own player took part in. */
  addFrag(killer: string, victim: string, mine: boolean, now: number): void {
    this.feed = [...this.feed, { text: `${killer}  fragged  ${victim}`, mine, at: now }].slice(-FEED_LINES);
    this.lastRefresh = -Infinity;
  }

  /** Refresh for the frame at `now` (ms). `self` is undefined until the server adds the own player.
   *  `net`: the network round trip and the input delay (input → acknowledgement), ms. */
  update(self: PlayerView | undefined, net: { rttMs: number; inputDelayMs: number } | null, now: number): void {
    if (self && !self.alive) this.deadSince ??= now;
    else this.deadSince = null;
    this.drawHealthBar(self);
    if (now - this.lastRefresh < REFRESH_MS) return;
    this.lastRefresh = now;

    this.health.setText(self ? `HP ${count(self.health)}` : "");
    this.score.setText(self
      ? `${self.name}   ·   Frags ${count(self.frags)}   ·   Deaths ${count(self.deaths)}   ·   Ping ${Math.round(net?.rttMs ?? 0)} ms   ·   Input ${Math.round(net?.inputDelayMs ?? 0)} ms`
      : "");
    this.feed = this.feed.filter((line) => now - line.at < FEED_SHOW_MS);
    this.feedTexts.forEach((text, i) => {
      const line = this.feed[i];
      text.setVisible(line !== undefined);
      if (!line) return;
      text.setText(line.text).setColor(line.mine ? "#ffffff" : "#aab3c2");
      text.setAlpha(Phaser.Math.Clamp((FEED_SHOW_MS - (now - line.at)) / FEED_FADE_MS, 0, 1));
    });
    this.updateNotice(now);
  }

  private updateNotice(now: number): void {
    if (this.deadSince !== null) {
      const left = Math.max(0, RESPAWN_MS - (now - this.deadSince)) / 1000;
      this.notice.setText(`Fragged!\nRespawning… ${left.toFixed(1)} s`).setColor("#f2f4f8");
      this.notice.setVisible(true);
    } else {
      this.notice.setVisible(false);
    }
  }

  private drawHealthBar(self: PlayerView | undefined): void {
    const g = this.bar;
    g.clear();
    if (!self) return;
    const fraction = Phaser.Math.Clamp(self.health / MAX_HEALTH, 0, 1);
    const y = BAR_Y - HEALTH_BAR.h / 2;
    g.fillStyle(COLORS.healthBack, 1);
    g.fillRect(HEALTH_BAR.x - 2, y - 2, HEALTH_BAR.w + 4, HEALTH_BAR.h + 4);
    g.fillStyle(fraction > 0.3 ? COLORS.healthHigh : COLORS.healthLow, 1);
    g.fillRect(HEALTH_BAR.x, y, HEALTH_BAR.w * fraction, HEALTH_BAR.h);
  }
}

/** A counter as shown: a field the server never set arrives undefined, which reads as 0. */
function count(value: number | undefined): number {
  return Number.isFinite(value) ? Number(value) : 0;
}
