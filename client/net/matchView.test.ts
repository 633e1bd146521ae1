import { describe, expect, it } from "vitest";
import { ArenaState, Player } from "../../shared/schema.js";
import { formatClock, matchView, scoreboard } from "./matchView.js";

function stateWith(players: { id: string; name: string; frags: number; deaths: number }[]): ArenaState {
  const state = new ArenaState();
  for (const p of players) {
    const player = new Player();
    player.name = p.name;
    player.frags = p.frags;
    player.deaths = p.deaths;
    state.players.set(p.id, player);
  }
  return state;
}

describe("matchView", () => {
  it("counts time left on the room clock, and none while waiting", () => {
    const state = stateWith([]);
    expect(matchView(state, 1000).secondsLeft).toBeNull();
    state.phase = "playing";
    state.phaseEndsAt = 61_000;
    expect(matchView(state, 1000)).toMatchObject({ phase: "playing", secondsLeft: 60, seatFree: true });
    expect(matchView(state, 70_000).secondsLeft).toBe(0);
  });

  it("treats an unknown phase as waiting", () => {
    const state = stateWith([]);
    state.phase = "bogus";
    expect(matchView(state, 0).phase).toBe("waiting");
  });
});

describe("scoreboard", () => {
  it("sorts by frags, then fewest deaths, then name, and marks the own row", () => {
    const rows = scoreboard(stateWith([
      { id: "a", name: "Zed", frags: 3, deaths: 1 },
      { id: "b", name: "Amy", frags: 5, deaths: 4 },
      { id: "c", name: "Bob", frags: 3, deaths: 0 },
      { id: "d", name: "Abe", frags: 3, deaths: 1 },
    ]), "d");
    expect(rows.map((r) => r.name)).toEqual(["Amy", "Bob", "Abe", "Zed"]);
    expect(rows.filter((r) => r.isSelf).map((r) => r.id)).toEqual(["d"]);
  });
});

describe("formatClock", () => {
  it("shows m:ss, rounding up", () => {
    expect(formatClock(125.2)).toBe("2:06");
    expect(formatClock(60)).toBe("1:00");
    expect(formatClock(0.1)).toBe("0:01");
    expect(formatClock(-3)).toBe("0:00");
  });
});
