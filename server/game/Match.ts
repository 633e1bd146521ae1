// Server: the match cycle of a room: waiting → countdown → playing → results → countdown …
// Driven by ticks (no clock of its own), so tests run minutes of matches in milliseconds.

import { MIN_PLAYERS_TO_START } from "../../shared/constants.js";
import type { MatchPhase } from "../../shared/protocol.js";

export interface MatchTiming {
  /** Ticks per second of the room. */
  tickRate: number;
  countdownSeconds: number;
  matchSeconds: number;
  resultsSeconds: number;
  fragLimit: number;
}

export interface MatchHooks {
  /** A match begins: reset scores, respawn everyone. */
  onStart(match: number): void;
  /** A match ended (time or frag limit). */
  onEnd(match: number, reason: "time" | "frags"): void;
  /** Any phase change (after onStart / onEnd). */
  onPhase(phase: MatchPhase, ticksLeft: number): void;
}

export class Match {
  phase: MatchPhase = "waiting";
  /** Ticks until the phase ends (0 while waiting). */
  ticksLeft = 0;
  /** Matches started so far. */
  number = 0;
  private readonly timing: MatchTiming;
  private readonly hooks: MatchHooks;

  constructor(timing: MatchTiming, hooks: MatchHooks) {
    this.timing = timing;
    this.hooks = hooks;
  }

  get fragLimit(): number {
    return this.timing.fragLimit;
  }

  /** Whether frags count right now (not on the results screen). */
  get scoring(): boolean {
    return this.phase !== "results";
  }

  /** Advance one tick, given how many players are seated and the best score. */
  /** Whether tick(players, topFrags) would change the phase (start, end, count down to a new one). */
  changesNextTick(players: number, topFrags: number): boolean {
    switch (this.phase) {
      case "waiting":
        return players >= MIN_PLAYERS_TO_START;
      case "countdown":
        return players < MIN_PLAYERS_TO_START || this.ticksLeft <= 1;
      case "playing":
        return topFrags >= this.timing.fragLimit || this.ticksLeft <= 1;
      case "results":
        return this.ticksLeft <= 1;
    }
  }

  tick(players: number, topFrags: number): void {
    switch (this.phase) {
      case "waiting":
        if (players >= MIN_PLAYERS_TO_START) this.enter("countdown", this.timing.countdownSeconds);
        return;
      case "countdown":
        if (players < MIN_PLAYERS_TO_START) return this.enter("waiting", 0);
        if (--this.ticksLeft <= 0) {
          this.number++;
          this.hooks.onStart(this.number);
          this.enter("playing", this.timing.matchSeconds);
        }
        return;
      case "playing":
        if (topFrags >= this.timing.fragLimit) return this.end("frags");
        if (--this.ticksLeft <= 0) this.end("time");
        return;
      case "results":
        if (--this.ticksLeft <= 0) {
          this.enter(players >= MIN_PLAYERS_TO_START ? "countdown" : "waiting", players >= MIN_PLAYERS_TO_START ? this.timing.countdownSeconds : 0);
        }
        return;
    }
  }

  private end(reason: "time" | "frags"): void {
    this.hooks.onEnd(this.number, reason);
    this.enter("results", this.timing.resultsSeconds);
  }

  private enter(phase: MatchPhase, seconds: number): void {
    this.phase = phase;
    this.ticksLeft = Math.round(seconds * this.timing.tickRate);
    this.hooks.onPhase(phase, this.ticksLeft);
  }
}
