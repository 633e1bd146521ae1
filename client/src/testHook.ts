// Browser client: the `window.skirmish` hook browser tests read. Set by main.ts; Phaser-free.

import type { GameSession } from "../net/GameSession.js";

export interface SkirmishHook {
  /** The joined session, or null while connecting or after a failed join. */
  session: GameSession | null;
  /** True once the arena scene has drawn a frame with the own player in it. */
  ready: boolean;
  /** Why joining failed or the connection ended, or null. */
  error: string | null;
}

declare global {
  interface Window {
    skirmish?: SkirmishHook;
  }
}
