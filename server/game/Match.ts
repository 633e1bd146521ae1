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
    return this.due(players, topFrags) !== undefined;
  }

  tick(players: number, topFrags: number): void {
    switch (this.due(players, topFrags)) {
      case undefined:
        if (this.phase !== "waiting") this.ticksLeft--;
        return;
      case "count down":
        return this.enter("countdown", this.timing.countdownSeconds);
      case "wait":
        return this.enter("waiting", 0);
      case "start":
        this.number++;
        this.hooks.onStart(this.number);
        return this.enter("playing", this.timing.matchSeconds);
      case "frag limit":
        return this.end("frags");
      case "time up":
        return this.end("time");
      case "next":
        return players >= MIN_PLAYERS_TO_START ? this.enter("countdown", this.timing.countdownSeconds) : this.enter("waiting", 0);
    }
  }

  /** The phase change this tick brings, if any (the one place the rules of the phases live). */
  private due(players: number, topFrags: number): "count down" | "wait" | "start" | "frag limit" | "time up" | "next" | undefined {
    switch (this.phase) {
      case "waiting":
        return players >= MIN_PLAYERS_TO_START ? "count down" : undefined;
      case "countdown":
        return players < MIN_PLAYERS_TO_START ? "wait" : this.ticksLeft <= 1 ? "start" : undefined;
      case "playing":
        return topFrags >= this.timing.fragLimit ? "frag limit" : this.ticksLeft <= 1 ? "time up" : undefined;
      case "results":
        return this.ticksLeft <= 1 ? "next" : undefined;
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
