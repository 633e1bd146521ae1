// Browser client: the spectator's camera: follows a player (Q / E or a click to switch) or flies
// free (WASD / arrows pan, wheel zooms, F toggles). Players see the whole arena unzoomed. Run by ArenaScene.

import Phaser from "phaser";
import { ARENA } from "../../shared/arena.js";
import type { PlayerView } from "../net/GameSession.js";
import type { SpectatorCameraControl } from "./ui/spectatorBar.js";

/** Zoom while spectating: close enough to watch a duel, wide enough to see who is coming. */
const SPECTATE_ZOOM = 1.6;
const MIN_ZOOM = 1;
const MAX_ZOOM = 2.5;
/** Free-camera pan speed, screen px/s (slower in world px when zoomed in). */
const PAN_SPEED = 700;
/** Follow smoothing time constant, ms: frame-rate independent easing toward the target. */
const FOLLOW_TAU_MS = 90;
/** A click within this distance of a player follows them, world px. */
const PICK_RADIUS = 40;

export class SpectatorCamera implements SpectatorCameraControl {
  private readonly camera: Phaser.Cameras.Scene2D.Camera;
  private readonly pan: Record<"up" | "down" | "left" | "right", Phaser.Input.Keyboard.Key[]>;
  private views: readonly PlayerView[] = [];
  private targetId: string | null = null;
  private free = false;
  private active = false;
  private zoom = SPECTATE_ZOOM;
  private center = { x: ARENA.width / 2, y: ARENA.height / 2 };

  constructor(scene: Phaser.Scene) {
    this.camera = scene.cameras.main;
    this.camera.setBounds(0, 0, ARENA.width, ARENA.height);
    const keyboard = scene.input.keyboard;
    if (!keyboard) throw new Error("keyboard input is disabled in the game config");
    const K = Phaser.Input.Keyboard.KeyCodes;
    const keys = (...codes: number[]) => codes.map((code) => keyboard.addKey(code, false));
    this.pan = { up: keys(K.W, K.UP), down: keys(K.S, K.DOWN), left: keys(K.A, K.LEFT), right: keys(K.D, K.RIGHT) };
    keyboard.on("keydown-Q", () => this.active && this.cycle(-1));
    keyboard.on("keydown-E", () => this.active && this.cycle(1));
    keyboard.on("keydown-F", () => this.active && this.toggleFree());
    scene.input.on(Phaser.Input.Events.POINTER_WHEEL, (_p: Phaser.Input.Pointer, _o: unknown, _dx: number, dy: number) => {
      if (this.active) this.zoom = Phaser.Math.Clamp(this.zoom * (dy > 0 ? 0.9 : 1.1), MIN_ZOOM, MAX_ZOOM);
    });
    scene.input.on(Phaser.Input.Events.POINTER_DOWN, (pointer: Phaser.Input.Pointer) => {
      if (!this.active) return;
      pointer.updateWorldPoint(this.camera);
      const hit = this.views.find((p) => p.alive && Math.hypot(p.x - pointer.worldX, p.y - pointer.worldY) < PICK_RADIUS);
      if (hit) this.follow(hit.id);
    });
  }

  /** Drive the camera for one frame. `spectating` false: the whole arena, unzoomed. */
  update(spectating: boolean, views: readonly PlayerView[], deltaMs: number): void {
    this.active = spectating;
    this.views = views;
    if (!spectating) {
      this.camera.setZoom(1).centerOn(ARENA.width / 2, ARENA.height / 2);
      return;
    }
    if (!this.free && !views.some((p) => p.id === this.targetId)) this.targetId = views[0]?.id ?? null;
    const dt = deltaMs / 1000;
    const target = this.free ? undefined : views.find((p) => p.id === this.targetId);
    if (target) {
      const k = 1 - Math.exp(-deltaMs / FOLLOW_TAU_MS);
      this.center.x += (target.x - this.center.x) * k;
      this.center.y += (target.y - this.center.y) * k;
    } else {
      const held = (keys: Phaser.Input.Keyboard.Key[]) => (keys.some((key) => key.isDown) ? 1 : 0);
      const speed = (PAN_SPEED / this.zoom) * dt;
      this.center.x += (held(this.pan.right) - held(this.pan.left)) * speed;
      this.center.y += (held(this.pan.down) - held(this.pan.up)) * speed;
    }
    // Keep the centre where the camera can actually be (bounds), so panning back is immediate.
    const halfW = ARENA.width / (2 * this.zoom);
    const halfH = ARENA.height / (2 * this.zoom);
    this.center.x = Phaser.Math.Clamp(this.center.x, halfW, ARENA.width - halfW);
    this.center.y = Phaser.Math.Clamp(this.center.y, halfH, ARENA.height - halfH);
    this.camera.setZoom(this.zoom).centerOn(this.center.x, this.center.y);
  }

  following(): string | null {
    if (this.free) return null;
    return this.views.find((p) => p.id === this.targetId)?.name ?? null;
  }

  cycle(step: 1 | -1): void {
    if (this.views.length === 0) return;
    const at = this.views.findIndex((p) => p.id === this.targetId);
    const next = (at + step + this.views.length) % this.views.length;
    this.follow(this.views[at < 0 ? 0 : next].id);
  }

  toggleFree(): void {
    this.free = !this.free;
    if (!this.free && !this.views.some((p) => p.id === this.targetId)) this.targetId = this.views[0]?.id ?? null;
  }

  follow(id: string): void {
    this.targetId = id;
    this.free = false;
  }
}
