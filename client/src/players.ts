// Browser client: draws the players (body, barrel, name, health bar). Run by ArenaScene each frame.

import Phaser from "phaser";
import { MAX_HEALTH, PLAYER_RADIUS } from "../../shared/constants.js";
import type { PlayerView } from "../net/GameSession.js";
import { displayName } from "../net/playerViews.js";
import { COLORS, playerColor } from "./palette.js";

/** Barrel tip distance from the body centre, px: tracers start here. */
export const BARREL_LENGTH = PLAYER_RADIUS + 11;
const BARREL_WIDTH = 7;
const HEALTH_BAR_W = 38;
const HEALTH_BAR_H = 5;
/** Gap between the body and the health bar, px. */
const HEALTH_BAR_GAP = 9;
/** Alpha of a spawn-protected (invulnerable) player. */
const SHIELDED_ALPHA = 0.45;
/** Alpha of the marker left where a fragged player fell. */
const DEAD_ALPHA = 0.3;
/** Alpha of a player whose connection is down (seat held for them). */
const AWAY_ALPHA = 0.35;

export class PlayerPainter {
  private readonly scene: Phaser.Scene;
  private readonly layer: Phaser.GameObjects.Layer;
  private readonly graphics: Phaser.GameObjects.Graphics;
  private readonly labels = new Map<string, Phaser.GameObjects.Text>();

  /** Draws into `layer` at `depth` (names one above). */
  constructor(scene: Phaser.Scene, layer: Phaser.GameObjects.Layer, depth: number) {
    this.scene = scene;
    this.layer = layer;
    this.graphics = scene.add.graphics().setDepth(depth);
    layer.add(this.graphics);
  }

  /** Draw `players` as they are now. `flashOf(id)` is the hit flash strength (0–1). */
  draw(players: readonly PlayerView[], flashOf: (id: string) => number): void {
    const g = this.graphics;
    g.clear();
    // Dead markers first, so the living are always drawn over them.
    for (const p of players) if (!p.alive) this.drawDead(p);
    for (const p of players) if (p.alive) this.drawAlive(p, flashOf(p.id));
    this.updateLabels(players);
  }

  private drawAlive(p: PlayerView, flash: number): void {
    const g = this.graphics;
    const color = playerColor(p.color);
    const alpha = !p.connected ? AWAY_ALPHA : p.shielded ? SHIELDED_ALPHA : 1;
    const dx = Math.cos(p.aim);
    const dy = Math.sin(p.aim);
    // The barrel starts at the rim so it does not show through a translucent (shielded) body.
    const rim = PLAYER_RADIUS - 2;
    g.lineStyle(BARREL_WIDTH, COLORS.barrel, alpha);
    g.lineBetween(p.x + dx * rim, p.y + dy * rim, p.x + dx * BARREL_LENGTH, p.y + dy * BARREL_LENGTH);
    g.fillStyle(color, alpha);
    g.fillCircle(p.x, p.y, PLAYER_RADIUS);
    g.lineStyle(p.isSelf ? 3 : 2, p.isSelf ? COLORS.selfRing : COLORS.outline, alpha);
    g.strokeCircle(p.x, p.y, PLAYER_RADIUS);
    if (flash > 0) {
      g.fillStyle(0xffffff, 0.85 * flash);
      g.fillCircle(p.x, p.y, PLAYER_RADIUS);
    }
    this.drawHealth(p);
  }

  private drawDead(p: PlayerView): void {
    const g = this.graphics;
    const arm = PLAYER_RADIUS * 0.6;
    g.lineStyle(4, playerColor(p.color), DEAD_ALPHA);
    g.lineBetween(p.x - arm, p.y - arm, p.x + arm, p.y + arm);
    g.lineBetween(p.x - arm, p.y + arm, p.x + arm, p.y - arm);
    g.strokeCircle(p.x, p.y, PLAYER_RADIUS);
  }

  private drawHealth(p: PlayerView): void {
    const g = this.graphics;
    const fraction = Phaser.Math.Clamp(p.health / MAX_HEALTH, 0, 1);
    const x = p.x - HEALTH_BAR_W / 2;
    const y = p.y - PLAYER_RADIUS - HEALTH_BAR_GAP - HEALTH_BAR_H;
    g.fillStyle(COLORS.healthBack, 0.8);
    g.fillRect(x - 1, y - 1, HEALTH_BAR_W + 2, HEALTH_BAR_H + 2);
    g.fillStyle(healthColor(fraction), 1);
    g.fillRect(x, y, HEALTH_BAR_W * fraction, HEALTH_BAR_H);
  }

  /** One name label per player, above the health bar; hidden while dead. */
  private updateLabels(players: readonly PlayerView[]): void {
    const seen = new Set<string>();
    for (const p of players) {
      seen.add(p.id);
      let label = this.labels.get(p.id);
      if (!label) {
        label = this.scene.add.text(0, 0, "", {
          fontFamily: "system-ui, 'DejaVu Sans', sans-serif",
          fontSize: "13px",
          fontStyle: "bold",
          color: "#e8ecf3",
          stroke: "#0b0d12",
          strokeThickness: 3,
        }).setOrigin(0.5, 1).setDepth(this.graphics.depth + 1);
        this.layer.add(label);
        this.labels.set(p.id, label);
      }
      label.setText(p.standIn ? displayName(p) : p.connected ? displayName(p) : `${p.name} (reconnecting…)`);
      label.setVisible(p.alive);
      label.setAlpha(!p.connected ? AWAY_ALPHA + 0.2 : p.shielded ? 0.6 : 1);
      label.setPosition(Math.round(p.x), Math.round(p.y - PLAYER_RADIUS - HEALTH_BAR_GAP - HEALTH_BAR_H - 3));
    }
    for (const [id, label] of this.labels) {
      if (seen.has(id)) continue;
      label.destroy();
      this.labels.delete(id);
    }
  }
}

function healthColor(fraction: number): number {
  if (fraction > 0.6) return COLORS.healthHigh;
  if (fraction > 0.3) return COLORS.healthMid;
  return COLORS.healthLow;
}
