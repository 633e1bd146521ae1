// Browser client: on-screen twin sticks for touch screens: the left one moves, the right one aims
// and fires while pushed. Plain DOM pointer events; ControlReader reads them. Run by main.ts.

import { h } from "./dom.js";

/** Right-stick push (0–1) past which the blaster fires. */
const FIRE_PUSH = 0.45;
/** Left-stick push below which it counts as centred (thumb resting). */
const DEAD_ZONE = 0.12;
const FULL_TURN = 2 * Math.PI;

export interface TouchInput {
  /** Axes in [-1, 1] from the move stick (0 when it is not touched). */
  moveX: number;
  moveY: number;
  /** Aim in [0, 2π) from the aim stick, or the move stick's direction when only moving; null
   *  when neither is held (keep the last aim). */
  aim: number | null;
  fire: boolean;
}

class Stick {
  readonly root: HTMLElement;
  private readonly knob: HTMLElement;
  x = 0;
  y = 0;
  held = false;

  constructor(label: string, side: "left" | "right") {
    this.knob = h("div", { class: "stick-knob" });
    this.root = h("div", { class: `stick stick-${side}`, attrs: { "aria-hidden": "true" } }, this.knob, h("span", { class: "stick-label" }, label));
    this.root.addEventListener("pointerdown", (e) => {
      this.root.setPointerCapture(e.pointerId);
      this.held = true;
      this.track(e);
    });
    this.root.addEventListener("pointermove", (e) => {
      if (this.held) this.track(e);
    });
    const release = () => {
      this.held = false;
      this.x = 0;
      this.y = 0;
      this.knob.style.transform = "";
    };
    this.root.addEventListener("pointerup", release);
    this.root.addEventListener("pointercancel", release);
    this.root.addEventListener("lostpointercapture", release);
  }

  get push(): number {
    return Math.hypot(this.x, this.y);
  }

  get angle(): number {
    return (Math.atan2(this.y, this.x) + FULL_TURN) % FULL_TURN;
  }

  private track(e: PointerEvent): void {
    e.preventDefault();
    const box = this.root.getBoundingClientRect();
    const radius = box.width / 2;
    let dx = (e.clientX - (box.left + radius)) / radius;
    let dy = (e.clientY - (box.top + radius)) / radius;
    const length = Math.hypot(dx, dy);
    if (length > 1) {
      dx /= length;
      dy /= length;
    }
    this.x = dx;
    this.y = dy;
    this.knob.style.transform = `translate(${dx * radius * 0.6}px, ${dy * radius * 0.6}px)`;
  }
}

export class TouchSticks {
  readonly root: HTMLElement;
  private readonly move = new Stick("MOVE", "left");
  private readonly aim = new Stick("AIM · FIRE", "right");
  private readonly state: TouchInput = { moveX: 0, moveY: 0, aim: null, fire: false };

  constructor(parent: HTMLElement) {
    this.root = h("div", { class: "touch-controls" }, this.move.root, this.aim.root);
    this.root.hidden = true;
    parent.append(this.root);
  }

  /** Shown only on touch screens, and only in a game as a player. */
  setVisible(visible: boolean): void {
    this.root.hidden = !visible;
  }

  get visible(): boolean {
    return !this.root.hidden;
  }

  /** The sticks now, or null when neither is held (keyboard and mouse decide). The same object each call. */
  read(): TouchInput | null {
    if (!this.move.held && !this.aim.held) return null;
    const s = this.state;
    const moving = this.move.held && this.move.push > DEAD_ZONE;
    s.moveX = moving ? this.move.x : 0;
    s.moveY = moving ? this.move.y : 0;
    s.aim = this.aim.held && this.aim.push > DEAD_ZONE ? this.aim.angle : moving ? this.move.angle : null;
    s.fire = this.aim.held && this.aim.push >= FIRE_PUSH;
    return s;
  }
}

/** Whether this device's main pointer is a finger (phones, tablets). A laptop with a touch
 *  screen says "fine": main.ts also switches the sticks on at the first touch. */
export function isTouchDevice(): boolean {
  return window.matchMedia?.("(pointer: coarse)").matches ?? false;
}
