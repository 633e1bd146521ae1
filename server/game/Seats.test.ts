import { describe, expect, it } from "vitest";
import { ARENA } from "../../shared/arena.js";
import { DEFAULT_TIMINGS } from "../../shared/constants.js";
import { ArenaState, Player } from "../../shared/schema.js";
import { ArenaGame } from "../../shared/game/ArenaGame.js";
import { Seats } from "./Seats.js";

function seats(maxPlayers = 2, maxSpectators = 1) {
  const state = new ArenaState();
  const game = new ArenaGame<Player>({
    players: state.players, newPlayer: () => new Player(), arena: ARENA, damage: true, tickRate: DEFAULT_TIMINGS.tickRate,
    inputBudget: DEFAULT_TIMINGS,
    locateTarget: (_s, t) => t, events: { onShot() {}, onFrag() {} },
  });
  return { state, seats: new Seats({ state, game, maxPlayers, maxSpectators }) };
}

describe("Seats", () => {
  it("seats players with a Player in the state and spectators without one", () => {
    const { state, seats: s } = seats();
    s.seatPlayer("a", "Ann");
    s.seatSpectator("w", "Wes");
    expect(state.players.has("a")).toBe(true);
    expect(state.players.has("w")).toBe(false);
    expect(state.spectators).toBe(1);
    expect([s.players, s.spectators]).toEqual([1, 1]);
    expect([s.nameOf("a"), s.nameOf("w"), s.nameOf("zz")]).toEqual(["Ann", "Wes", "someone"]);
    expect([s.isSeated("a"), s.isSeated("w"), s.isSeated("zz")]).toEqual([true, true, false]);
  });

  it("refuses a kind of seat when it is full, counting seats promised to clients still connecting", () => {
    const { seats: s } = seats(2, 1);
    s.seatPlayer("a", "Ann");
    expect(s.refusal(false)).toBeUndefined();
    expect(s.refusal(false, { players: 1, spectators: 0 })).toBe("players_full");
    expect(s.refusal(true, { players: 1, spectators: 0 })).toBeUndefined();
    expect(s.refusal(true, { players: 0, spectators: 1 })).toBe("spectators_full");
    s.seatPlayer("b", "Bea");
    expect(s.refusal(false)).toBe("players_full");
  });

  it("promotes a spectator to a free player seat only, and frees seats on leave", () => {
    const { state, seats: s } = seats(1, 2);
    s.seatPlayer("a", "Ann");
    s.seatSpectator("w", "Wes");
    expect(s.promote("w")).toBe(false);
    s.remove("a");
    expect(s.promote("w")).toBe(true);
    expect(state.players.get("w")?.name).toBe("Wes");
    expect(state.spectators).toBe(0);
    expect(s.isSpectator("w")).toBe(false);
  });

  it("counts only connected players for starting a match", () => {
    const { seats: s } = seats(3);
    s.seatPlayer("a", "Ann");
    s.seatPlayer("b", "Bea");
    s.setConnected("b", false);
    expect(s.players).toBe(2); // the dropped player's seat is held
    expect(s.connectedPlayers()).toBe(1);
  });
});
