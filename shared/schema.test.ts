import { Decoder, Encoder } from "@colyseus/schema";
import { describe, expect, it } from "vitest";
import { ArenaState, Player } from "./schema.js";
import { snap } from "./sim/fixed.js";

describe("schema", () => {
  it("starts every counter at 0 (so += never produces NaN)", () => {
    const p = new Player();
    for (const field of ["x", "y", "vx", "vy", "aim", "cooldown", "health", "shield", "frags", "deaths", "color"] as const) {
      expect(p[field], field).toBe(0);
    }
    p.frags += 1;
    expect(p.frags).toBe(1);
  });

  it("round-trips positions and velocities on the 1/32 px grid exactly", () => {
    const state = new ArenaState();
    const p = new Player();
    state.players.set("a", p);
    const encoder = new Encoder(state);
    const decoded = new ArenaState();
    const decoder = new Decoder(decoded);
    decoder.decode(encoder.encodeAll());
    encoder.discardChanges();
    const values = [0, 16.03125, 1255.96875, 799.5, 1023.96875];
    const speeds = [-280, -0.03125, 0, 123.40625, 280];
    for (let i = 0; i < values.length; i++) {
      p.x = values[i];
      p.y = values[values.length - 1 - i];
      p.vx = speeds[i];
      p.vy = -speeds[i];
      decoder.decode(encoder.encode());
      encoder.discardChanges();
      const q = decoded.players.get("a")!;
      expect([q.x, q.y, q.vx, q.vy]).toEqual([values[i], values[values.length - 1 - i], speeds[i], -speeds[i] + 0]);
      expect(snap(q.x)).toBe(q.x);
    }
  });

  it("keeps a moving player's patch small (quantized, not 9-byte floats)", () => {
    const state = new ArenaState();
    const p = new Player();
    state.players.set("a", p);
    const encoder = new Encoder(state);
    encoder.encodeAll();
    encoder.discardChanges();
    p.x = 100.5;
    p.y = 200.25;
    p.vx = 280;
    p.vy = -12.5;
    p.aim = 1;
    // 5 fields: index byte + 2 bytes each (aim 1 byte), plus the ref header.
    expect(encoder.encode().length).toBeLessThanOrEqual(16);
  });
});
