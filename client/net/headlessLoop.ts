// Client (bots and tests): drives a GameSession without a renderer, like a 60 fps frame loop.

import type { Controls, GameSession } from "./GameSession.js";

/** Decides the controls for this frame from what the session shows (null: send nothing). */
export type Controller = (session: GameSession, now: number) => Controls | null;

export interface HeadlessLoop {
  /** Frames driven so far. */
  readonly frames: number;
  stop(): void;
}

export interface HeadlessOptions {
  /** Frame interval, ms. */
  frameMs?: number;
  /** Runs after each frame (after the session sent inputs and advanced its views). */
  afterFrame?: (now: number) => void;
}

/** Frame interval of the headless loop, ms (~60 fps, like a browser's requestAnimationFrame). */
export const HEADLESS_FRAME_MS = 1000 / 60;

export function runHeadless(session: GameSession, controller: Controller, options: HeadlessOptions = {}): HeadlessLoop {
  let frames = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    session.frame(now, controller(session, now));
    options.afterFrame?.(now);
    frames++;
  }, options.frameMs ?? HEADLESS_FRAME_MS);
  return {
    get frames() {
      return frames;
    },
    stop: () => clearInterval(timer),
  };
}

export const IDLE: Controls = Object.freeze({ moveX: 0, moveY: 0, aim: 0, fire: false });
