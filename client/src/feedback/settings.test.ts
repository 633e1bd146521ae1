// Unit: the sound and motion settings: parsing what was saved (damaged entries included),
// saving, clamping, and the reduced-motion rule.

import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, Settings, parseSettings, serializeSettings, type SettingsStorage } from "./settings.js";

function memoryStorage(initial: Record<string, string> = {}): SettingsStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (key) => data[key] ?? null, setItem: (key, value) => { data[key] = value; } };
}

describe("settings", () => {
  it("round-trips what it saves", () => {
    const saved = { volume: 0.25, muted: true, motion: "reduce" as const };
    expect(parseSettings(serializeSettings(saved))).toEqual(saved);
  });

  it("falls back to the default field by field on damaged or foreign entries", () => {
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings("{not json")).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings("[1,2]")).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(JSON.stringify({ volume: "loud", muted: 1, motion: "wobbly" }))).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(JSON.stringify({ volume: 7, muted: true }))).toEqual({ volume: 1, muted: true, motion: "system" });
    expect(parseSettings(JSON.stringify({ volume: -1 }))).toMatchObject({ volume: 0 });
  });

  it("remembers changes in storage: a new page reads them back", () => {
    const storage = memoryStorage();
    const first = new Settings(storage);
    first.toggleMute();
    first.update({ volume: 0.4 });
    const second = new Settings(storage);
    expect(second.value).toEqual({ volume: 0.4, muted: true, motion: "system" });
  });

  it("tells its listeners and keeps working when storage throws", () => {
    const broken: SettingsStorage = {
      getItem: () => { throw new Error("blocked"); },
      setItem: () => { throw new Error("blocked"); },
    };
    const settings = new Settings(broken);
    const seen: boolean[] = [];
    settings.subscribe((value) => seen.push(value.muted));
    settings.toggleMute();
    settings.toggleMute();
    expect(seen).toEqual([true, false]);
  });

  it("reduces motion by the setting, or by the system when it follows it", () => {
    let systemReduced = false;
    const settings = new Settings(memoryStorage(), () => systemReduced);
    expect(settings.reducedMotion).toBe(false);
    systemReduced = true;
    expect(settings.reducedMotion).toBe(true);
    settings.update({ motion: "full" });
    expect(settings.reducedMotion).toBe(false);
    systemReduced = false;
    settings.update({ motion: "reduce" });
    expect(settings.reducedMotion).toBe(true);
  });
});
