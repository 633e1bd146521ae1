// Browser client: plays the game's sounds through one Web Audio context, made at the first user
// gesture (browsers refuse sound before one), at the player's volume, and silent (never
// throwing) when the browser has no audio. Run by GameFeedback; settings from the panel.

import type { FeelSettings, Settings } from "../feedback/settings.js";
import { GESTURES, gestureSeen } from "./gestures.js";
import { renderSounds } from "./prerender.js";
import { makeNoise, RECIPES, SOUND_NAMES, type Kit, type SoundName } from "./recipes.js";
import type { Placement } from "./spatial.js";

/** "locked": no user gesture yet; "unavailable": this browser (or page) has no Web Audio. */
export type AudioState = "locked" | "suspended" | "running" | "unavailable";

/** Sounds playing at once, at most: 8 players firing 5 shots/s overlap ~6; past the cap a sound
 *  is dropped rather than piling up nodes. */
const MAX_VOICES = 24;
/** Volume changes glide over this time constant, s (an instant jump clicks). */
const VOLUME_GLIDE_S = 0.02;
/** A pan this close to the centre is played without a panner node. */
const CENTRE_PAN = 0.02;
/** Pitch spread of the sounds marked `vary`, as a playback-rate fraction (±3 %). */
const PITCH_SPREAD = 0.06;

export interface SoundStats {
  state: AudioState;
  /** Audio sources (oscillators, noise buffers) started so far. */
  sourcesStarted: number;
  /** Sounds rendered into buffers so far (until all are, sounds are synthesized live). */
  prerendered: number;
  /** Sounds asked for and sounds actually played, by name. */
  wanted: Record<SoundName, number>;
  played: Record<SoundName, number>;
  /** Sounds not played, by reason. */
  skipped: { muted: number; locked: number; unavailable: number; busy: number };
}

export interface SoundPlayerOptions {
  /** Where gestures are listened for. */
  target?: EventTarget;
  /** Makes the context; null or a throw means no audio. */
  createContext?: () => AudioContext | null;
  /** The page has already had a user gesture (sounds may start at once). Default: one seen by
   *  watchGestures (real input events; `navigator.userActivation` would also count the
   *  activation a test driver grants to its scripts). */
  activated?: () => boolean;
}

export class SoundPlayer {
  readonly stats: SoundStats = {
    state: "locked",
    sourcesStarted: 0,
    prerendered: 0,
    wanted: countByName(),
    played: countByName(),
    skipped: { muted: 0, locked: 0, unavailable: 0, busy: 0 },
  };
  private readonly settings: Settings;
  private readonly target: EventTarget;
  private readonly createContext: () => AudioContext | null;
  private ctx: AudioContext | null = null;
  private master: GainNode | null = null;
  private noise: AudioBuffer | null = null;
  private buffers: Map<SoundName, AudioBuffer> | null = null;
  private voices = 0;
  private readonly onGesture = () => this.unlock();

  constructor(settings: Settings, options: SoundPlayerOptions = {}) {
    this.settings = settings;
    this.target = options.target ?? window;
    this.createContext = options.createContext ?? defaultContext;
    settings.subscribe((value) => this.applyVolume(value));
    const activated = options.activated ?? gestureSeen;
    if (activated()) this.unlock();
    if (this.stats.state !== "running" && this.stats.state !== "unavailable") {
      for (const type of GESTURES) this.target.addEventListener(type, this.onGesture, { capture: true });
    }
  }

  /** Play `name`, placed by `placement` (default: centred, full level). Returns whether it
   *  sounds; never throws. */
  play(name: SoundName, placement?: Placement): boolean {
    const stats = this.stats;
    stats.wanted[name]++;
    const { muted, volume } = this.settings.value;
    if (muted || volume === 0) return skip(stats, "muted");
    if (stats.state === "unavailable") return skip(stats, "unavailable");
    const ctx = this.ctx;
    if (!ctx || !this.master || !this.noise || ctx.state !== "running") return skip(stats, "locked");
    if (this.voices >= MAX_VOICES) return skip(stats, "busy");
    try {
      const level = ctx.createGain();
      level.gain.value = RECIPES[name].level * (placement?.gain ?? 1);
      const pan = placement?.pan ?? 0;
      if (Math.abs(pan) > CENTRE_PAN) {
        const panner = ctx.createStereoPanner();
        panner.pan.value = pan;
        level.connect(panner).connect(this.master);
      } else {
        level.connect(this.master);
      }
      const kit: Kit = { ctx, out: level, t: ctx.currentTime, noise: this.noise, sources: [] };
      const buffer = this.buffers?.get(name);
      if (buffer) {
        const source = ctx.createBufferSource();
        source.buffer = buffer;
        if (RECIPES[name].vary) source.playbackRate.value = 1 + (Math.random() - 0.5) * PITCH_SPREAD;
        source.connect(level);
        source.start(kit.t);
        kit.sources.push(source);
      } else {
        RECIPES[name].play(kit);
      }
      this.voices++;
      let left = kit.sources.length;
      // The voice ends when its last source does: free its nodes then.
      const ended = () => {
        if (--left > 0) return;
        this.voices--;
        level.disconnect();
      };
      for (const source of kit.sources) source.onended = ended;
      stats.sourcesStarted += kit.sources.length;
      stats.played[name]++;
      return true;
    } catch {
      return skip(stats, "unavailable");
    }
  }

  /** Make or wake the context inside a user gesture. */
  private unlock(): void {
    try {
      if (!this.ctx) {
        const ctx = this.createContext();
        if (!ctx) return this.giveUp();
        this.ctx = ctx;
        this.master = ctx.createGain();
        this.master.connect(ctx.destination);
        this.noise = makeNoise(ctx);
        this.applyVolume(this.settings.value);
        renderSounds(ctx.sampleRate, this.noise).then((buffers) => {
          this.buffers = buffers;
          this.stats.prerendered = buffers.size;
        }, () => undefined); // no OfflineAudioContext: sounds stay synthesized live
        ctx.addEventListener("statechange", () => this.noteState());
      }
      if (this.ctx.state !== "running") this.ctx.resume().catch(() => undefined);
      this.noteState();
    } catch {
      this.giveUp();
    }
  }

  private noteState(): void {
    const state = this.ctx?.state;
    this.stats.state = state === "running" ? "running" : state === "closed" ? "unavailable" : "suspended";
    if (this.stats.state === "running") this.stopListening();
  }

  private giveUp(): void {
    this.stats.state = "unavailable";
    this.ctx = null;
    this.stopListening();
  }

  private stopListening(): void {
    for (const type of GESTURES) this.target.removeEventListener(type, this.onGesture, { capture: true });
  }

  private applyVolume(value: Readonly<FeelSettings>): void {
    if (!this.ctx || !this.master) return;
    // Loudness is heard roughly on a log scale: the square makes the slider feel even.
    const gain = value.muted ? 0 : value.volume * value.volume;
    this.master.gain.setTargetAtTime(gain, this.ctx.currentTime, VOLUME_GLIDE_S);
  }
}

function skip(stats: SoundStats, reason: keyof SoundStats["skipped"]): false {
  stats.skipped[reason]++;
  return false;
}

function countByName(): Record<SoundName, number> {
  return Object.fromEntries(SOUND_NAMES.map((name) => [name, 0])) as Record<SoundName, number>;
}

function defaultContext(): AudioContext | null {
  const w = globalThis as { AudioContext?: typeof AudioContext; webkitAudioContext?: typeof AudioContext };
  const Context = w.AudioContext ?? w.webkitAudioContext;
  return Context ? new Context({ latencyHint: "interactive" }) : null;
}
