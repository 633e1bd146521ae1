// Bench server child (JSON broadcast, raw floor): a room's fixed-rate loop, scheduled the way
// Colyseus' setFixedTimestep is (an interval plus an accumulator, catch-up capped at 5 steps),
// so every variant ticks at the same rate with the same timer behaviour.

const MAX_CATCHUP_STEPS = 5;

export interface FixedLoop {
  stop(): void;
}

/** Every `stepMs`: run `step` once per whole step of elapsed time, then `flush` once if any ran. */
export function startFixedLoop(stepMs: number, step: () => void, flush: () => void): FixedLoop {
  let last = performance.now();
  let acc = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    acc += now - last;
    last = now;
    let ran = 0;
    while (acc >= stepMs && ran < MAX_CATCHUP_STEPS) {
      acc -= stepMs;
      step();
      ran++;
    }
    if (ran === MAX_CATCHUP_STEPS) acc = 0;
    if (ran > 0) flush();
  }, stepMs);
  return { stop: () => clearInterval(timer) };
}
