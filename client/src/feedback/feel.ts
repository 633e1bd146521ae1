// Browser client: the page-wide sound and feedback parts, made once by arena.ts: the settings,
// the sound player and the counters browser tests read. Phaser-free.

import { SoundPlayer, type SoundStats } from "../audio/SoundPlayer.js";
import type { GameFeedback } from "./GameFeedback.js";
import { Settings, type FeelSettings } from "./settings.js";

/** What the feedback showed so far (read by browser tests through window.skirmish.feedback). */
export interface FeedbackStats {
  /** Hit markers shown (each one a hit the server confirmed). */
  hitMarkers: number;
  /** Times the own player was hit: damage flash and direction indicator. */
  hurts: number;
  /** Direction of the last indicator, radians from the own player toward the shooter. */
  lastHurtAngle: number | null;
  /** Screen shakes started (none with reduced motion). */
  shakes: number;
  /** The last kill notices, newest last. */
  notices: string[];
  lowHealth: boolean;
  reducedMotion: boolean;
}

export interface Feel {
  settings: Settings;
  sound: SoundPlayer;
  stats: FeedbackStats;
  /** The arena scene's feedback, once the scene exists. */
  game: GameFeedback | null;
}

/** What window.skirmish.feedback gives tests. */
export interface FeedbackProbe {
  sound: SoundStats;
  cues: FeedbackStats;
  settings(): Readonly<FeelSettings>;
  /** The live feedback object (browser tests time its methods), or null before the scene exists. */
  game(): GameFeedback | null;
}

export function createFeel(): Feel {
  const media = typeof window.matchMedia === "function" ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;
  const settings = new Settings(localStorageOrNull(), () => media?.matches ?? false);
  return {
    settings,
    sound: new SoundPlayer(settings),
    game: null,
    stats: { hitMarkers: 0, hurts: 0, lastHurtAngle: null, shakes: 0, notices: [], lowHealth: false, reducedMotion: settings.reducedMotion },
  };
}

export function feedbackProbe(feel: Feel): FeedbackProbe {
  return { sound: feel.sound.stats, cues: feel.stats, settings: () => feel.settings.value, game: () => feel.game };
}

/** Reading `window.localStorage` itself throws when storage is blocked. */
function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
