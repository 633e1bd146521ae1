// Both sides: the real-time input budget of one player (the server enforces it; shared with the
// rules engine, shared/game/ArenaGame.ts). One input is one fixed step of movement, so a
// client that sends more inputs than ticks pass would move faster than real time (speed hack).
// Each tick earns one step; unspent steps bank up to the catch-up allowance, which absorbs a burst
// of inputs held up by a network stall; inputs beyond the allowance are dropped and counted.

/** The budget's limits, as tickTimings (shared/constants.ts) derives them from the tick rate. */
export interface InputBudgetLimits {
  /** Steps that may be banked beyond the current tick's (ticks of INPUT_CATCHUP_SECONDS). */
  inputCatchupTicks: number;
  /** Dropping one input per tick more than the one it may send, for this many ticks, marks a
   *  deliberate overrun (ticks of INPUT_OVERRUN_SECONDS). */
  inputOverrunTicks: number;
}

export class InputBudget {
  /** Steps this player may take now (a new player earns its first at its first tick). */
  private credit = 0;
  /** Dropped inputs beyond one per tick, leaking one per tick (never below 0). */
  private overrun = 0;

  constructor(private readonly limits: InputBudgetLimits) {}

  /** `ticks` ticks passed: as many more steps are allowed (at most the allowance banked). */
  earn(ticks = 1): void {
    this.credit = Math.min(this.credit + ticks, 1 + this.limits.inputCatchupTicks);
  }

  /** `ticks` ticks passed with nothing waiting: as many earn() and recordDropped(0) calls. */
  idle(ticks = 1): void {
    this.earn(ticks);
    if (this.overrun > 0) this.overrun = Math.max(0, this.overrun - ticks);
  }

  /** Whether one more input may be applied now; spends a step if so. */
  spend(): boolean {
    if (this.credit < 1) return false;
    this.credit -= 1;
    return true;
  }

  /** Inputs still waiting after this tick's spending that may wait for later ticks. */
  get backlogAllowed(): number {
    return this.limits.inputCatchupTicks;
  }

  /**
   * Record this tick's dropped inputs. True once the player has dropped, on average, two inputs a
   * tick (one more than it could ever have used) for the overrun window: a client sending three
   * inputs a tick gets there in INPUT_OVERRUN_SECONDS; an honest client drops a few after a stall
   * longer than the allowance, which leak away.
   */
  recordDropped(dropped: number): boolean {
    this.overrun = Math.max(0, this.overrun + dropped - 1);
    return this.overrun >= this.limits.inputOverrunTicks;
  }
}
