// Client (browser HUD, results screen, bots): the match as a person reads it: phase, time left,
// scoreboard. Pure functions over the synced state; renderer-free.

import { MAX_PLAYERS } from "../../shared/constants.js";
import type { MatchPhase } from "../../shared/protocol.js";
import type { ArenaState } from "../../shared/schema.js";

export interface MatchView {
  phase: MatchPhase;
  /** Seconds until the phase ends (countdown, match, results), or null when open-ended (waiting). */
  secondsLeft: number | null;
  /** Matches started in this room so far. */
  match: number;
  fragLimit: number;
  /** Seated players, bots included. */
  players: number;
  bots: number;
  spectators: number;
  /** A player seat is free for a person (a spectator may take it): a bot gives its seat up. */
  seatFree: boolean;
  /** A seat is free for one more bot. */
  botSeatFree: boolean;
  /** Session id of the last match's winner, "" before the first results. */
  winner: string;
}

const PHASES: readonly MatchPhase[] = ["waiting", "countdown", "playing", "results"];

/** The match at room time `serverNow` (ms, the room clock: `room.clock.serverNow()`). */
export function matchView(state: ArenaState, serverNow: number): MatchView {
  const phase = (PHASES as readonly string[]).includes(state.phase) ? state.phase as MatchPhase : "waiting";
  const endsAt = state.phaseEndsAt ?? 0;
  const players = state.players.size;
  let bots = 0;
  for (const p of state.players.values()) if (p.bot) bots++;
  return {
    phase,
    secondsLeft: endsAt > 0 ? Math.max(0, (endsAt - serverNow) / 1000) : null,
    match: state.match ?? 0,
    fragLimit: state.fragLimit ?? 0,
    players,
    bots,
    spectators: state.spectators ?? 0,
    seatFree: players - bots < MAX_PLAYERS,
    botSeatFree: players < MAX_PLAYERS,
    winner: state.winner ?? "",
  };
}

export interface ScoreRow {
  id: string;
  name: string;
  color: number;
  frags: number;
  deaths: number;
  connected: boolean;
  isSelf: boolean;
  /** A bot the server plays. */
  bot: boolean;
  /** A bot plays this person's seat while they reconnect. */
  standIn: boolean;
}

/** Every player, best first: most frags, then fewest deaths, then name. */
export function scoreboard(state: ArenaState, selfId: string): ScoreRow[] {
  const rows: ScoreRow[] = [];
  for (const [id, p] of state.players) {
    rows.push({
      id, name: p.name, color: p.color, frags: p.frags ?? 0, deaths: p.deaths ?? 0,
      connected: p.connected ?? true, isSelf: id === selfId, bot: p.bot ?? false, standIn: p.standIn ?? false,
    });
  }
  return rows.sort((a, b) => b.frags - a.frags || a.deaths - b.deaths || a.name.localeCompare(b.name));
}

/** Seconds as a clock: 125.2 → "2:06" (rounded up, so "0:00" shows only when time is up). */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}
