// Browser client: the arena scene: joins through GameSession, reads input, draws the game.
// Phaser only draws and reads keys and mouse here; all netcode lives in ../../net.

import Phaser from "phaser";
import { ARENA } from "../../../shared/arena.js";
import type { FragEvent, ShotEvent } from "../../../shared/protocol.js";
import type { GameSession, LocalShot, PlayerView, SessionListeners } from "../../net/GameSession.js";
import { ControlReader } from "../controls.js";
import { ShotEffects } from "../effects.js";
import { Hud } from "../hud.js";
import { COLORS, playerColor } from "../palette.js";
import { PlayerPainter } from "../players.js";

/** Floor grid spacing, px: a visual scale for speed and distance. */
const GRID_PX = 40;
/** Draw order, back to front. */
const DEPTH = { floor: 0, walls: 1, players: 2, effects: 4, hud: 10 } as const;

export interface ArenaSceneOptions {
  /** Join the arena, reporting session events to `listeners`. */
  join(listeners: SessionListeners): Promise<GameSession>;
  /** Called once the session is joined. */
  onJoined?(session: GameSession): void;
  /** Called once the first frame with the own player in it is drawn. */
  onReady?(): void;
  /** Called when joining fails or the connection ends, with a message for people. */
  onError?(message: string): void;
  /** A line shown in a corner for the whole game (e.g. the simulated network in use). */
  note?: string;
}

export class ArenaScene extends Phaser.Scene {
  private readonly options: ArenaSceneOptions;
  private session: GameSession | null = null;
  private controls!: ControlReader;
  private painter!: PlayerPainter;
  private effects = new ShotEffects();
  private effectsLayer!: Phaser.GameObjects.Graphics;
  private hud!: Hud;
  private views: PlayerView[] = [];
  private aimFrom: { x: number; y: number } | undefined;
  private readyReported = false;
  /** Timestamp of the last frame, ms: events between frames are stamped with it. */
  private now = 0;

  constructor(options: ArenaSceneOptions) {
    super("arena");
    this.options = options;
  }

  create(): void {
    this.drawArena();
    this.painter = new PlayerPainter(this, DEPTH.players);
    this.effectsLayer = this.add.graphics().setDepth(DEPTH.effects);
    this.hud = new Hud(this, DEPTH.hud);
    if (this.options.note) this.hud.setNote(this.options.note);
    this.controls = new ControlReader(this);
    this.hud.setStatus("Connecting…");
    this.options.join(this.listeners()).then(
      (session) => {
        this.session = session;
        this.hud.setStatus(null);
        this.options.onJoined?.(session);
      },
      (error: unknown) => this.fail(`Could not join the arena:\n${describeError(error)}`),
    );
  }

  update(time: number): void {
    this.now = time;
    const session = this.session;
    if (session) {
      session.frame(time, this.controls.read(this.aimFrom));
      this.views = session.players();
    }
    const self = this.views.find((p) => p.isSelf);
    this.aimFrom = self?.alive ? { x: self.x, y: self.y } : undefined;
    this.painter.draw(this.views, (id) => this.effects.flashOf(id, time));
    this.effectsLayer.clear();
    this.effects.draw(this.effectsLayer, time);
    this.hud.update(self, session?.rttMs ?? 0, time);
    if (self && !this.readyReported) {
      this.readyReported = true;
      this.options.onReady?.();
    }
  }

  private listeners(): SessionListeners {
    return {
      shot: (event: ShotEvent) => {
        // Own shots were drawn when they were fired (localShot); the server's copy would double them.
        if (event.by === this.session?.sessionId) return;
        const now = this.now;
        this.effects.addTracer(event, this.colorOf(event.by), event.hit !== "", now);
        if (event.hit !== "") this.effects.flash(event.hit, now);
      },
      localShot: (shot: LocalShot) => {
        const now = this.now;
        const selfColor = this.views.find((p) => p.isSelf)?.color ?? 0;
        this.effects.addTracer(shot, playerColor(selfColor), shot.hitId !== null, now);
        if (shot.hitId !== null) this.effects.flash(shot.hitId, now);
      },
      frag: ({ killer, victim }: FragEvent) => {
        const selfId = this.session?.sessionId;
        this.hud.addFrag(this.nameOf(killer), this.nameOf(victim), killer === selfId || victim === selfId, this.now);
      },
      left: (code: number, reason: string | undefined) => {
        this.fail(`Disconnected from the server (${code}${reason ? `: ${reason}` : ""}).\nReload the page to rejoin.`);
      },
    };
  }

  private fail(message: string): void {
    this.hud.setStatus(message, true);
    this.options.onError?.(message);
  }

  private colorOf(id: string): number {
    return playerColor(this.views.find((p) => p.id === id)?.color ?? 0);
  }

  private nameOf(id: string): string {
    return this.views.find((p) => p.id === id)?.name ?? "someone";
  }

  /** The static floor and walls, drawn once. */
  private drawArena(): void {
    // The floor colour is the game's background colour: no full-screen fill to pay for each frame.
    const floor = this.add.graphics().setDepth(DEPTH.floor);
    floor.lineStyle(1, COLORS.floorGrid, 1);
    for (let x = GRID_PX; x < ARENA.width; x += GRID_PX) floor.lineBetween(x, 0, x, ARENA.height);
    for (let y = GRID_PX; y < ARENA.height; y += GRID_PX) floor.lineBetween(0, y, ARENA.width, y);

    const walls = this.add.graphics().setDepth(DEPTH.walls);
    for (const w of ARENA.walls) {
      walls.fillStyle(COLORS.wallFill, 1);
      walls.fillRect(w.x, w.y, w.w, w.h);
      walls.lineStyle(2, COLORS.wallEdge, 1);
      walls.strokeRect(w.x + 1, w.y + 1, w.w - 2, w.h - 2);
    }
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === "string" && error) return error;
  return "the server did not answer (is it running?)";
}
