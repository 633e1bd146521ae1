// Browser client: the `window.skirmish` hook browser tests read. Set by main.ts, App and arena.ts
// (the feedback probe); Phaser-free.

import type { GameSession } from "../net/GameSession.js";
import type { FeedbackProbe } from "./feedback/feel.js";

export interface SkirmishHook {
  /** The joined session, or null on the start screen, while joining or after the game ended. */
  session: GameSession | null;
  /** True once the arena scene has drawn a frame with the own player in it (a spectator's first frame). */
  ready: boolean;
  /** Why the last join failed or the connection ended, or null. */
  error: string | null;
  /** What the page shows. */
  screen: "loading" | "start" | "joining" | "game" | "match" | "replay";
  /** Sound and hit-feedback counters and the sound settings. */
  feedback?: FeedbackProbe;
  /** The replay being watched on a match page. */
  replay?: { tick: number; total: number; playing: boolean; speed: number; desyncTick: number | null };
}

declare global {
  interface Window {
    skirmish?: SkirmishHook;
  }
}
