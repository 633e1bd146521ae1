// Bench load child: sends one input per client per fixed step, like a client's fixed-step loop.
// Clients are spread over phase groups so inputs reach the server evenly through the tick, not
// as one burst; a late wake sends the missed steps (at most a few), as Predict.tick would.

export interface Paced {
  /** Send this client's next input. False once it is closed (it is then dropped). */
  step(): boolean;
}

/** Phase groups per step: with 8, a group of clients sends every ~4 ms. */
const GROUPS = 8;
/** Steps a late group catches up at once at most; beyond that they are skipped. */
const MAX_CATCH_UP = 3;

export class Pacer {
  private readonly groups: Paced[][] = Array.from({ length: GROUPS }, () => []);
  private readonly due: number[];
  private timer: NodeJS.Timeout | undefined;
  private added = 0;
  sent = 0;

  constructor(private readonly stepMs: number) {
    const now = performance.now();
    this.due = this.groups.map((_, g) => now + (g * stepMs) / GROUPS);
  }

  add(client: Paced): void {
    this.groups[this.added++ % GROUPS].push(client);
    if (!this.timer) this.schedule();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    const next = Math.min(...this.due);
    this.timer = setTimeout(() => this.wake(), Math.max(0, next - performance.now()));
  }

  private wake(): void {
    const now = performance.now();
    for (let g = 0; g < GROUPS; g++) {
      let rounds = 0;
      while (this.due[g] <= now && rounds < MAX_CATCH_UP) {
        this.sendGroup(g);
        this.due[g] += this.stepMs;
        rounds++;
      }
      if (this.due[g] <= now) this.due[g] = now + this.stepMs;
    }
    this.schedule();
  }

  private sendGroup(g: number): void {
    const group = this.groups[g];
    let kept = 0;
    for (let i = 0; i < group.length; i++) {
      const client = group[i];
      if (client.step()) {
        group[kept++] = client;
        this.sent++;
      }
    }
    group.length = kept;
  }
}
