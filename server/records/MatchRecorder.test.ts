import { describe, expect, it } from "vitest";
import { ARENA } from "../../shared/arena.js";
import { DEFAULT_TIMINGS, TICK_RATE } from "../../shared/constants.js";
import { ArenaState, Player } from "../../shared/schema.js";
import { decodeReplayBody, encodeReplayBody, type Replay } from "../../shared/replay/format.js";
import { ReplaySim } from "../../shared/replay/sim.js";
import { stepPlayer } from "../../shared/sim/player.js";
import { describeDesync, verifyReplay } from "../../shared/replay/verify.js";
import { seededRandom } from "../../shared/random.js";
import { ArenaGame } from "../../shared/game/ArenaGame.js";
import { Encoder } from "@colyseus/schema";
import { hasPendingChanges } from "../rooms/pendingChanges.js";
import { MatchRecorder, type FinishedMatch } from "./MatchRecorder.js";


/** An input as it arrives over the wire (schema quantization), or a raw in-process one. */
function randomInput(r: () => number, raw: boolean) {
  if (raw) return { moveX: r() * 2 - 1, moveY: r() * 2 - 1, aim: r() * 2 * Math.PI, fire: r() < 0.5 };
  const axis = () => -1 + (Math.floor(r() * 255) / 254) * 2;
  return { moveX: Math.min(1, axis()), moveY: Math.min(1, axis()), aim: (Math.floor(r() * 65536) / 65536) * 2 * Math.PI, fire: r() < 0.5 };
}

/** The server path: ArenaGame driven like the room drives it, with a recorder attached. With
 *  `quiet`, stretches of ticks without inputs, and the room's patch decision (ArenaRoom.tick:
 *  the recorder reuses its digest on a quiet tick after a quiet tick). */
function playMatch(ticks: number, seed: number, quiet?: { reused: number }): FinishedMatch {
  const r = seededRandom(seed);
  const state = new ArenaState();
  let saved: FinishedMatch | undefined;
  const recorder = new MatchRecorder({
    room: "TEST1", rules: { matchSeconds: 60, fragLimit: 50, tickRate: TICK_RATE, damage: true }, save: (m) => { saved = m; },
  });
  const game = new ArenaGame<Player>({
    players: state.players, newPlayer: () => new Player(), arena: ARENA, damage: true, tickRate: TICK_RATE,
    inputBudget: DEFAULT_TIMINGS,
    // Lag compensation stand-in: targets judged a little off their live position.
    locateTarget: recorder.observe((_shooter, target) => ({ x: target.x + (r() - 0.5) * 8, y: target.y })),
    events: { onShot: (shot) => recorder.shot(shot), onFrag: () => undefined },
  });
  for (const id of ["a", "b", "c"]) recorder.joined(id, game.addPlayer(id, `P-${id}`), { playerKey: `key-${id}`, bot: id === "c" });
  game.startMatch();
  recorder.started(state, game.spawnRotation);
  const encoder = quiet && new Encoder(state);
  let sentLastTick = true;
  for (let t = 1; t <= ticks; t++) {
    const silent = quiet !== undefined && ((t >= 100 && t < 250) || (t >= 500 && t < 620));
    let applied = 0;
    // As the room: spawn protection counts down in a field no patch carries.
    const counting = game.protecting();
    if (t === 200) recorder.joined("d", game.addPlayer("d", "Late"), {});
    if (t === 400) {
      recorder.left("b", state.players.get("b"));
      game.removePlayer("b");
    }
    for (const id of state.players.keys()) {
      const n = silent ? 0 : r() < 0.1 ? 2 : r() < 0.05 ? 0 : 1;
      for (let k = 0; k < n; k++) {
        const input = randomInput(r, r() < 0.02);
        const self = state.players.get(id)!;
        const foe = [...state.players.values()].find((p) => p !== self && p.alive);
        if (foe && input.fire && r() < 0.8) {
          // Aim at someone (on the 16-bit wire grid), so there are hits, frags and respawns.
          const angle = (Math.atan2(foe.y - self.y, foe.x - self.x) + 2 * Math.PI) % (2 * Math.PI);
          input.aim = (Math.round((angle / (2 * Math.PI)) * 65536) % 65536 / 65536) * 2 * Math.PI;
        }
        recorder.input(id, input);
        game.applyInput(id, input, 1 / TICK_RATE);
        applied++;
      }
    }
    game.endTick();
    if (!encoder || !quiet) {
      recorder.tick(state);
      continue;
    }
    const acted = applied > 0 || hasPendingChanges(state);
    if (!acted && !counting && !sentLastTick) quiet.reused++;
    recorder.tick(state, !acted && !counting && !sentLastTick);
    sentLastTick = acted || hasPendingChanges(state);
    if (sentLastTick) {
      encoder.encode();
      encoder.discardChanges();
    }
  }
  recorder.ended("time", state, game.leader().id);
  return saved!;
}

describe("match recorder and replay re-simulation", () => {
  const match = playMatch(900, 7);
  const replay = decodeReplayBody(match.replayBody);

  it("records results: every player, shots and hits, frags as the game counted them", () => {
    expect(match.players.map((p) => p.name)).toEqual(["P-a", "P-b", "P-c", "Late"]);
    expect(match.players.find((p) => p.name === "P-c")?.bot).toBe(true);
    expect(match.players.find((p) => p.name === "P-a")?.key).toBe("key-a");
    const shots = match.players.reduce((n, p) => n + p.shots, 0);
    const frags = match.players.reduce((n, p) => n + p.frags, 0);
    expect(shots).toBeGreaterThan(100);
    expect(frags).toBeGreaterThan(0);
    expect(match.ticks).toBe(900);
  });

  it("re-simulates from inputs alone to the server's digests and checkpoints", () => {
    const result = verifyReplay(replay, ARENA);
    expect(result.desync).toBeUndefined();
    expect(result).toMatchObject({ ok: true, ticks: 900, digests: 900, checkpoints: 30 });
  });

  it("re-simulates a match with quiet stretches, where the room reuses the previous digest", () => {
    const quiet = { reused: 0 };
    const result = verifyReplay(decodeReplayBody(playMatch(900, 11, quiet).replayBody), ARENA);
    expect(result.desync).toBeUndefined();
    expect(result).toMatchObject({ ok: true, ticks: 900, digests: 900 });
    // Most of the 270 silent ticks are quiet (respawns and spawn protection change some).
    expect(quiet.reused).toBeGreaterThan(150);
  });

  it("survives an encode/decode round trip event for event", () => {
    expect(decodeReplayBody(encodeReplayBody(replay))).toEqual(replay);
  });

  it("names the tick and the player of an altered input (desync finder)", () => {
    // Inputs past the first seconds that move a living player differently when flipped.
    const sim = new ReplaySim(replay, ARENA);
    const candidates: Array<{ index: number; tick: number; slot: number }> = [];
    let index = 0;
    let before = new Map<number, { x: number; y: number; vx: number; vy: number; cooldown: number; alive: boolean }>();
    while (!sim.finished && candidates.length < 20) {
      sim.stepTick((event) => {
        index++;
        const prev = before.get(event.kind === "input" ? event.slot : -1);
        before = new Map([...sim.players].map(([slot, p]) => [slot, { ...p }]));
        if (event.kind !== "input" || sim.tick < 300 || event.moveX === 0 || !prev?.alive) return;
        const a = { ...prev };
        const b = { ...prev };
        stepPlayer(a, event, 1 / TICK_RATE, ARENA);
        stepPlayer(b, { ...event, moveX: -event.moveX }, 1 / TICK_RATE, ARENA);
        if (a.x !== b.x) candidates.push({ index: index - 1, tick: sim.tick + 1, slot: event.slot });
      });
    }
    let named = 0;
    for (const target of candidates) {
      const altered: Replay = { header: replay.header, events: replay.events.slice() };
      const e = altered.events[target.index];
      if (e.kind !== "input") throw new Error("not an input");
      altered.events[target.index] = { ...e, moveX: -e.moveX };
      const result = verifyReplay(decodeReplayBody(encodeReplayBody(altered)), ARENA);
      // Every alteration that changes the state is caught at its own tick.
      expect(result.ok).toBe(false);
      expect(result.desync?.tick).toBe(target.tick);
      expect(describeDesync(result.desync!, TICK_RATE)).toContain(`tick ${target.tick}`);
      // When the difference lasts to the next full check, the player and field are named.
      if (result.desync!.differences.length > 0) {
        expect(result.desync!.differences[0]).toMatchObject({ slot: target.slot });
        named++;
      }
    }
    expect(candidates.length).toBeGreaterThanOrEqual(20);
    expect(named).toBeGreaterThan(10);
  });
});
