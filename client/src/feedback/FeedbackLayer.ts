// Browser client: the HUD effects of the feedback: hit marker at the crosshair, damage flash at
// the screen edges, direction indicator around the own player, low-health pulse, kill notice,
// screen shake. Drawn in the unzoomed HUD layer (its coordinates are the arena's). Run by GameFeedback.

import type Phaser from "phaser";
import { ARENA } from "../../../shared/arena.js";
import type { PlayerView } from "../../net/GameSession.js";

const FONT = "system-ui, 'DejaVu Sans', sans-serif";
const RED = 0xff3b3b;
/** Hit marker: how long it shows, ms, and its four ticks' inner and outer radius, px. */
const MARKER_MS = 220;
const MARKER_IN = 7;
const MARKER_OUT = 16;
/** Where the marker goes on a touch screen (no crosshair): this far along the aim, px. */
const TOUCH_MARKER_PX = 70;
/** Damage flash at the screen edges: length, ms, and peak alpha (full and reduced motion). */
const FLASH_MS = 320;
const FLASH_ALPHA = 0.55;
const FLASH_REDUCED_MS = 600;
const FLASH_REDUCED_ALPHA = 0.2;
/** Direction indicator: shown at full strength for INDICATOR_HOLD_MS, then fading until
 *  INDICATOR_MS (long enough to glance at in a fight); arc radius, half-width (rad), thickness, px. */
const INDICATOR_HOLD_MS = 600;
const INDICATOR_MS = 1500;
const INDICATOR_RADIUS = 44;
const INDICATOR_HALF_ANGLE = 0.45;
const INDICATOR_WIDTH = 6;
/** Indicators kept at once (one per recent shooter direction). */
const MAX_INDICATORS = 4;
/** Low health: the edges pulse at this rate, Hz, between these alphas (steady with reduced motion). */
const LOW_PULSE_HZ = 1.2;
const LOW_ALPHA = { min: 0.1, max: 0.28, reduced: 0.16 } as const;
/** Screen shake when hit: length, ms, and strength (fraction of the view). */
const SHAKE_MS = 110;
const SHAKE_INTENSITY = 0.005;
/** Kill notice: how long it shows, ms, fading over the last NOTICE_FADE_MS. */
const NOTICE_MS = 1800;
const NOTICE_FADE_MS = 400;
/** Edge glow: bands drawn inward, each BAND_PX thick and fainter than the last. */
const BANDS = 6;
const BAND_PX = 9;

interface Indicator {
  angle: number;
  at: number;
}

export class FeedbackLayer {
  private readonly scene: Phaser.Scene;
  private readonly g: Phaser.GameObjects.Graphics;
  private readonly text: Phaser.GameObjects.Text;
  private marker = { at: -Infinity, x: 0, y: 0 };
  private flashAt = -Infinity;
  private noticeAt = -Infinity;
  private indicators: Indicator[] = [];
  private drewLast = false;

  constructor(scene: Phaser.Scene, add: (object: Phaser.GameObjects.GameObject) => void, depth: number) {
    this.scene = scene;
    this.g = scene.add.graphics().setDepth(depth);
    this.text = scene.add.text(ARENA.width / 2, 128, "", {
      fontFamily: FONT, fontSize: "20px", fontStyle: "bold", color: "#ffffff",
      backgroundColor: "rgba(11, 13, 18, 0.72)", padding: { x: 14, y: 6 },
    }).setOrigin(0.5).setDepth(depth).setVisible(false);
    add(this.g);
    add(this.text);
  }

  clear(): void {
    this.marker.at = -Infinity;
    this.flashAt = -Infinity;
    this.noticeAt = -Infinity;
    this.indicators = [];
    this.text.setVisible(false);
    this.g.clear();
  }

  /** A confirmed hit at `now`: the marker goes where the crosshair is (or along the aim on touch). */
  hitMarker(now: number, self: PlayerView | undefined): void {
    const pointer = this.scene.input.activePointer;
    if (pointer.wasTouch && self) {
      this.marker = { at: now, x: self.x + Math.cos(self.aim) * TOUCH_MARKER_PX, y: self.y + Math.sin(self.aim) * TOUCH_MARKER_PX };
    } else {
      this.marker = { at: now, x: pointer.x, y: pointer.y };
    }
  }

  /** The own player was hit from `angle`. Returns whether the screen shakes (not with reduced motion). */
  hurt(angle: number, now: number, reduced: boolean): boolean {
    this.flashAt = now;
    this.indicators = [...this.indicators, { angle, at: now }].slice(-MAX_INDICATORS);
    if (reduced) return false;
    this.scene.cameras.main.shake(SHAKE_MS, SHAKE_INTENSITY);
    return true;
  }

  notice(text: string, kind: "frag" | "death", now: number): void {
    this.noticeAt = now;
    this.text.setText(text).setColor(kind === "frag" ? "#ffe08a" : "#ff9a9a").setAlpha(1).setVisible(true);
  }

  /** Draw the live effects for the frame at `now` (ms). */
  draw(now: number, self: PlayerView | undefined, lowHealth: boolean, reduced: boolean): void {
    this.updateNotice(now);
    const flashMs = reduced ? FLASH_REDUCED_MS : FLASH_MS;
    const flash = Math.max(0, 1 - (now - this.flashAt) / flashMs) * (reduced ? FLASH_REDUCED_ALPHA : FLASH_ALPHA);
    const low = !lowHealth ? 0 : reduced ? LOW_ALPHA.reduced
      : LOW_ALPHA.min + (LOW_ALPHA.max - LOW_ALPHA.min) * (0.5 + 0.5 * Math.sin(now / 1000 * 2 * Math.PI * LOW_PULSE_HZ));
    const edge = Math.max(flash, low);
    const markerLeft = 1 - (now - this.marker.at) / MARKER_MS;
    this.indicators = this.indicators.filter((i) => now - i.at < INDICATOR_MS);
    const active = edge > 0 || markerLeft > 0 || (self !== undefined && this.indicators.length > 0);
    // Idle frames cost nothing: clear once, then leave the empty graphics alone.
    if (!active && !this.drewLast) return;
    this.drewLast = active;
    const g = this.g;
    g.clear();
    if (edge > 0) this.drawEdges(edge);
    if (self?.alive) this.drawIndicators(self, now);
    if (markerLeft > 0) this.drawMarker(markerLeft);
  }

  private updateNotice(now: number): void {
    if (!this.text.visible) return;
    const left = NOTICE_MS - (now - this.noticeAt);
    if (left <= 0) this.text.setVisible(false);
    else this.text.setAlpha(Math.min(1, left / NOTICE_FADE_MS));
  }

  private drawEdges(alpha: number): void {
    const g = this.g;
    for (let i = 0; i < BANDS; i++) {
      const inset = BAND_PX / 2 + i * BAND_PX;
      g.lineStyle(BAND_PX, RED, alpha * (1 - i / BANDS));
      g.strokeRect(inset, inset, ARENA.width - 2 * inset, ARENA.height - 2 * inset);
    }
  }

  private drawIndicators(self: PlayerView, now: number): void {
    const g = this.g;
    for (const { angle, at } of this.indicators) {
      const left = Math.min(1, (INDICATOR_MS - (now - at)) / (INDICATOR_MS - INDICATOR_HOLD_MS));
      g.lineStyle(INDICATOR_WIDTH, RED, 0.9 * left);
      g.beginPath();
      g.arc(self.x, self.y, INDICATOR_RADIUS, angle - INDICATOR_HALF_ANGLE, angle + INDICATOR_HALF_ANGLE);
      g.strokePath();
      // A small arrowhead on the arc's middle, pointing at the shooter.
      const tip = INDICATOR_RADIUS + 12;
      const base = INDICATOR_RADIUS + 2;
      g.fillStyle(RED, 0.9 * left);
      g.fillTriangle(
        self.x + Math.cos(angle) * tip, self.y + Math.sin(angle) * tip,
        self.x + Math.cos(angle - 0.16) * base, self.y + Math.sin(angle - 0.16) * base,
        self.x + Math.cos(angle + 0.16) * base, self.y + Math.sin(angle + 0.16) * base,
      );
    }
  }

  private drawMarker(left: number): void {
    const g = this.g;
    const { x, y } = this.marker;
    g.lineStyle(3, 0xffffff, left);
    for (const a of [Math.PI / 4, (3 * Math.PI) / 4, (5 * Math.PI) / 4, (7 * Math.PI) / 4]) {
      const c = Math.cos(a);
      const s = Math.sin(a);
      g.lineBetween(x + c * MARKER_IN, y + s * MARKER_IN, x + c * MARKER_OUT, y + s * MARKER_OUT);
    }
  }
}
