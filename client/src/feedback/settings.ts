// Browser client: the player's sound and motion settings (volume, mute, reduced motion), kept in
// localStorage across visits. Phaser-free; the storage is passed in so tests can use their own.

/** "system" follows the browser's prefers-reduced-motion; the others override it. */
export type MotionSetting = "system" | "reduce" | "full";

export interface FeelSettings {
  /** Master volume, 0–1 (the slider shows it as 0–100 %). */
  volume: number;
  muted: boolean;
  motion: MotionSetting;
}

export const DEFAULT_SETTINGS: Readonly<FeelSettings> = Object.freeze({ volume: 0.7, muted: false, motion: "system" });

const STORAGE_KEY = "skirmish.settings";
const MOTIONS: readonly MotionSetting[] = ["system", "reduce", "full"];

/** Settings saved by `serializeSettings`; anything unreadable falls back to the default, field
 *  by field (a damaged or older entry never stops the game). */
export function parseSettings(text: string | null): FeelSettings {
  let raw: unknown = null;
  try {
    raw = text ? JSON.parse(text) : null;
  } catch {
    raw = null;
  }
  const saved = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const volume = typeof saved.volume === "number" && Number.isFinite(saved.volume)
    ? Math.min(1, Math.max(0, saved.volume)) : DEFAULT_SETTINGS.volume;
  const muted = typeof saved.muted === "boolean" ? saved.muted : DEFAULT_SETTINGS.muted;
  const motion = MOTIONS.includes(saved.motion as MotionSetting) ? saved.motion as MotionSetting : DEFAULT_SETTINGS.motion;
  return { volume, muted, motion };
}

export function serializeSettings(settings: FeelSettings): string {
  return JSON.stringify({ volume: settings.volume, muted: settings.muted, motion: settings.motion });
}

/** The storage part of `Storage` the settings use. */
export type SettingsStorage = Pick<Storage, "getItem" | "setItem">;

export class Settings {
  private current: FeelSettings;
  private readonly storage: SettingsStorage | null;
  private readonly listeners = new Set<(settings: Readonly<FeelSettings>) => void>();
  private readonly systemReduced: () => boolean;

  /** `storage` null (or throwing: private modes) keeps the settings for this page only.
   *  `systemReduced` reads the browser's prefers-reduced-motion. */
  constructor(storage: SettingsStorage | null, systemReduced: () => boolean = () => false) {
    this.storage = storage;
    this.systemReduced = systemReduced;
    this.current = parseSettings(attempt(() => storage?.getItem(STORAGE_KEY) ?? null, null));
  }

  get value(): Readonly<FeelSettings> {
    return this.current;
  }

  /** Whether screen shake and flashes are toned down now (the setting, or the system's). */
  get reducedMotion(): boolean {
    return this.current.motion === "reduce" || (this.current.motion === "system" && this.systemReduced());
  }

  /** Change some settings, save them, and tell the listeners. Out-of-range values are clamped. */
  update(patch: Partial<FeelSettings>): void {
    this.current = parseSettings(serializeSettings({ ...this.current, ...patch }));
    attempt(() => this.storage?.setItem(STORAGE_KEY, serializeSettings(this.current)), undefined);
    for (const listener of this.listeners) listener(this.current);
  }

  toggleMute(): void {
    this.update({ muted: !this.current.muted });
  }

  /** Call `listener` after every change; returns the unsubscribe. */
  subscribe(listener: (settings: Readonly<FeelSettings>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Storage can throw (disabled cookies, private modes): remembering is best-effort. */
function attempt<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}
