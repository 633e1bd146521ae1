// Server: the real-time input budget of one player. One input is one fixed step of movement, so a
// client that sends more inputs than ticks pass would move faster than real time (speed hack).
// Each tick earns one step; unspent steps bank up to the catch-up allowance, which absorbs a burst
// of inputs held up by a network stall; inputs beyond the allowance are dropped and counted.

export interface InputBudgetLimits {
  /** Steps that may be banked beyond the current tick's (ticks of INPUT_CATCHUP_SECONDS). */
  catchupTicks: number;
  /** Dropped inputs over this many ticks in a row mark a deliberate overrun (INPUT_OVERRUN_SECONDS). */
  overrunTicks: number;
}

export class InputBudget {
  /** Steps this player may take now. A new player starts with one tick's worth. */
  private credit = 1;
  /** Inputs dropped during the current overrun streak, and the ticks it has lasted. */
  private streakDropped = 0;
  private streakTicks = 0;

  constructor(private readonly limits: InputBudgetLimits) {}

  /** A tick passed: one more step is allowed (at most the allowance banked). */
  earn(): void {
    this.credit = Math.min(this.credit + 1, 1 + this.limits.catchupTicks);
  }

  /** Whether one more input may be applied now; spends a step if so. */
  spend(): boolean {
    if (this.credit < 1) return false;
    this.credit -= 1;
    return true;
  }

  /** Inputs still waiting after this tick's spending that may wait for later ticks. */
  get backlogAllowed(): number {
    return this.limits.catchupTicks;
  }

  /**
   * Record this tick's dropped inputs. True once the player has dropped more inputs than ticks
   * passed, over every tick of the overrun window: an honest client drops at most a few after a
   * stall longer than the allowance, then none.
   */
  recordDropped(dropped: number): boolean {
    if (dropped === 0) {
      this.streakDropped = 0;
      this.streakTicks = 0;
      return false;
    }
    this.streakDropped += dropped;
    this.streakTicks += 1;
    return this.streakTicks >= this.limits.overrunTicks && this.streakDropped >= this.streakTicks;
  }
}
