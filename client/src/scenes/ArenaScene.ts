// Browser client: the arena scene: draws the attached GameSession (or the empty arena behind the
// start screen), reads keys, mouse and touch sticks, drives the spectator camera and the HUD.
// Phaser only draws and reads input here; all netcode lives in ../../net. Run by main.ts / App.

import Phaser from "phaser";
import { ARENA } from "../../../shared/arena.js";
import type { FragEvent, ShotEvent } from "../../../shared/protocol.js";
import type { GameSession, LocalShot, PlayerView, SessionListeners } from "../../net/GameSession.js";
import { NetProbe } from "../../net/NetProbe.js";
import { displayName } from "../../net/playerViews.js";
import { ControlReader } from "../controls.js";
import { ShotEffects } from "../effects.js";
import { createFeel, type Feel } from "../feedback/feel.js";
import { GameFeedback } from "../feedback/GameFeedback.js";
import { Hud } from "../hud.js";
import { MatchHud } from "../matchHud.js";
import { COLORS, playerColor } from "../palette.js";
import { PlayerPainter } from "../players.js";
import type { ReplayPlayback } from "../replay/ReplayPlayback.js";
import { SpectatorCamera } from "../spectatorCamera.js";
import type { TouchSticks } from "../ui/touch.js";

/** Floor grid spacing, px: a visual scale for speed and distance. */
const GRID_PX = 40;
/** Draw order inside the world layer, back to front; the HUD has its own layer and camera. */
const DEPTH = { floor: 0, walls: 1, players: 2, effects: 4, feedback: 9, hud: 10 } as const;
/** Frames drawn after losing the session (or a resize, or the tab showing again) before sleeping. */
const STILL_FRAMES = 2;

export class ArenaScene extends Phaser.Scene {
  /** Resolves once Phaser has created the scene (attach only after). */
  readonly created: Promise<void>;
  /** On-screen sticks (touch screens), read while a player is in the game. */
  touch: TouchSticks | null = null;
  /** Settings and sound shared with the page (arena.ts); the scene makes its own if none is set. */
  feel: Feel | null = null;
  private resolveCreated!: () => void;
  private session: GameSession | null = null;
  /** A replay being played instead of a session; `follow` is the followed player's id, or null
   *  for the whole arena. */
  private replay: { playback: ReplayPlayback; follow: string | null } | null = null;
  private onReady: (() => void) | undefined;
  private inputEnabled = true;
  private controls!: ControlReader;
  private painter!: PlayerPainter;
  private effects = new ShotEffects();
  private effectsLayer!: Phaser.GameObjects.Graphics;
  private hud!: Hud;
  private feedback!: GameFeedback;
  private matchHud!: MatchHud;
  private spectatorCamera!: SpectatorCamera;
  private views: PlayerView[] = [];
  private aimFrom: { x: number; y: number } | undefined;
  /** Timestamp of the last frame, ms: events between frames are stamped with it. */
  private now = 0;
  /** Without a session the arena is a still picture: frames left to draw before the loop sleeps. */
  private framesBeforeSleep = STILL_FRAMES;
  private cursor = "";

  constructor() {
    super("arena");
    this.created = new Promise((resolve) => { this.resolveCreated = resolve; });
  }

  create(): void {
    const world = this.add.layer();
    const hudLayer = this.add.layer();
    // The HUD gets its own camera so a zoomed spectator view never zooms or scrolls it.
    const hudCamera = this.cameras.add(0, 0, ARENA.width, ARENA.height);
    this.cameras.main.ignore(hudLayer);
    hudCamera.ignore(world);
    this.drawArena(world);
    this.painter = new PlayerPainter(this, world, DEPTH.players);
    this.effectsLayer = this.add.graphics().setDepth(DEPTH.effects);
    world.add(this.effectsLayer);
    this.hud = new Hud(this, hudLayer, DEPTH.hud);
    this.matchHud = new MatchHud(this, (object) => hudLayer.add(object));
    this.feedback = new GameFeedback(this, (object) => hudLayer.add(object), DEPTH.feedback, this.feel ?? createFeel());
    this.controls = new ControlReader(this);
    this.spectatorCamera = new SpectatorCamera(this);
    // A resize clears the canvas: draw the still arena again.
    this.scale.on(Phaser.Scale.Events.RESIZE, () => { if (!this.session) this.wakeForStill(); });
    this.resolveCreated();
  }

  /** Draw and drive `session` from now on; `onReady` runs at the first frame with the own
   *  player in it (a spectator's first frame). */
  attach(session: GameSession, onReady?: () => void): void {
    this.session = session;
    this.onReady = onReady;
    this.hud.clear();
    this.feedback.reset();
    // Chat lines belong to the UI's listener: the feedback hears them too (a chat sound).
    const chat = session.listeners.chat;
    session.listeners.chat = (line) => {
      chat?.(line);
      if (this.session === session) this.feedback.chat(line, session.sessionId);
    };
    this.game.loop.wake();
  }

  /** Back to the empty arena (start screen), drawn once; then the loop sleeps to spare the CPU
   *  (and a phone's battery) while menus show. */
  detach(): void {
    this.session = null;
    this.replay = null;
    this.onReady = undefined;
    this.views = [];
    this.hud.clear();
    this.feedback.reset();
    this.wakeForStill();
  }

  /** Draw `playback` (a re-simulated match) from now on, the whole arena in view. */
  attachReplay(playback: ReplayPlayback): void {
    this.session = null;
    this.replay = { playback, follow: null };
    this.hud.clear();
    this.game.loop.wake();
  }

  /** In a replay: follow player `id` (zoomed in, as spectators do), or null for the whole arena. */
  followInReplay(id: string | null): void {
    if (!this.replay) return;
    this.replay.follow = id;
    if (id !== null) this.spectatorCamera.follow(id);
  }

  /** Off while typing or in a dialog: the player stands still (keeps aiming where it was). */
  setInputEnabled(enabled: boolean): void {
    if (enabled && !this.inputEnabled) this.controls.release();
    this.inputEnabled = enabled;
  }

  /** What the spectator bar drives. */
  get camera(): SpectatorCamera {
    return this.spectatorCamera;
  }

  /** A standing line at the bottom-left (e.g. the simulated network in use). */
  setNote(text: string): void {
    this.hud.setNote(text);
  }

  /** The scene's share of a session's listeners: shots, tracers, frags. */
  sessionListeners(): Pick<SessionListeners, "shot" | "localShot" | "frag"> {
    return {
      shot: (event: ShotEvent) => {
        if (this.session) this.feedback.shot(event, this.session.sessionId);
        // Own shots were drawn when they were fired (localShot); the server's copy would double them.
        if (event.by === this.session?.sessionId) return;
        this.effects.addTracer(event, this.colorOf(event.by), event.hit !== "", this.now);
        if (event.hit !== "") this.effects.flash(event.hit, this.now);
      },
      localShot: (shot: LocalShot) => {
        this.feedback.localShot();
        const selfColor = this.views.find((p) => p.isSelf)?.color ?? 0;
        this.effects.addTracer(shot, playerColor(selfColor), shot.hitId !== null, this.now);
        if (shot.hitId !== null) this.effects.flash(shot.hitId, this.now);
      },
      frag: ({ killer, victim }: FragEvent) => {
        const selfId = this.session?.sessionId;
        this.hud.addFrag(this.nameOf(killer), this.nameOf(victim), killer === selfId || victim === selfId, this.now);
        if (selfId) this.feedback.frag({ killer, victim }, selfId, (id) => this.nameOf(id));
      },
    };
  }

  update(time: number, delta: number): void {
    this.now = time;
    const session = this.session;
    const spectating = session?.isSpectator ?? (this.replay !== null && this.replay.follow !== null);
    if (this.replay) this.drawReplayFrame(time);
    if (session) {
      const playing = !spectating && session.connection === "connected";
      const controls = !playing ? null
        : this.inputEnabled ? this.controls.read(this.aimFrom, this.touch?.read() ?? null) : this.controls.idle();
      session.frame(time, controls);
      NetProbe.of(session).frame(time);
      this.views = session.players();
    }
    const cursor = session && !spectating ? "crosshair" : "default";
    if (cursor !== this.cursor) {
      this.cursor = cursor;
      this.input.setDefaultCursor(cursor);
    }
    this.spectatorCamera.update(spectating, this.views, delta);
    const self = this.views.find((p) => p.isSelf);
    this.aimFrom = self?.alive ? { x: self.x, y: self.y } : undefined;
    this.painter.draw(this.views, (id) => this.effects.flashOf(id, time) * this.feedback.flashScale);
    this.effectsLayer.clear();
    this.effects.draw(this.effectsLayer, time);
    this.hud.update(self, session ? { rttMs: session.rttMs, inputDelayMs: NetProbe.of(session).inputDelayMs } : null, time);
    const match = session?.match() ?? null;
    this.matchHud.update(match, time);
    this.feedback.update(self, match, time);
    if (this.onReady && (self || spectating)) {
      const ready = this.onReady;
      this.onReady = undefined;
      ready();
    }
    if (session || this.replay) return;
    // Phaser also wakes the loop itself (the tab shown again): count down again after any wake.
    if (this.framesBeforeSleep-- > 0) return;
    this.framesBeforeSleep = STILL_FRAMES;
    this.game.loop.sleep();
  }

  private drawReplayFrame(time: number): void {
    const frame = this.replay!.playback.frame(time);
    this.views = frame.views;
    for (const shot of frame.shots) {
      const hit = shot.hit === null ? "" : String(shot.hit);
      this.effects.addTracer(shot, this.colorOf(String(shot.slot)), hit !== "", time);
      if (hit !== "") this.effects.flash(hit, time);
    }
  }

  private wakeForStill(): void {
    this.framesBeforeSleep = STILL_FRAMES;
    this.game.loop.wake();
  }

  private colorOf(id: string): number {
    return playerColor(this.views.find((p) => p.id === id)?.color ?? 0);
  }

  private nameOf(id: string): string {
    const player = this.views.find((p) => p.id === id);
    return player ? displayName(player) : "someone";
  }

  /** The static floor and walls, drawn once. */
  private drawArena(world: Phaser.GameObjects.Layer): void {
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
    world.add([floor, walls]);
  }
}
