// Browser client: turns WASD / arrow keys and the mouse (or the touch sticks) into GameSession
// Controls. Run by ArenaScene.

import Phaser from "phaser";
import type { Controls } from "../net/GameSession.js";
import type { TouchInput } from "./ui/touch.js";

type Direction = "up" | "down" | "left" | "right";

const KEYS_FOR: Record<Direction, readonly number[]> = {
  up: [Phaser.Input.Keyboard.KeyCodes.W, Phaser.Input.Keyboard.KeyCodes.UP],
  down: [Phaser.Input.Keyboard.KeyCodes.S, Phaser.Input.Keyboard.KeyCodes.DOWN],
  left: [Phaser.Input.Keyboard.KeyCodes.A, Phaser.Input.Keyboard.KeyCodes.LEFT],
  right: [Phaser.Input.Keyboard.KeyCodes.D, Phaser.Input.Keyboard.KeyCodes.RIGHT],
};

const FULL_TURN = 2 * Math.PI;

export class ControlReader {
  private readonly scene: Phaser.Scene;
  private readonly keys: Record<Direction, Phaser.Input.Keyboard.Key[]>;
  private readonly controls: Controls = { moveX: 0, moveY: 0, aim: 0, fire: false };
  /** The pointer has not been over the canvas yet: keep the last aim instead of aiming at (0, 0). */
  private pointerSeen = false;

  constructor(scene: Phaser.Scene) {
    const keyboard = scene.input.keyboard;
    if (!keyboard) throw new Error("keyboard input is disabled in the game config");
    this.scene = scene;
    // Capturing the keys stops arrows and space from scrolling the page.
    const keysOf = (dir: Direction) => KEYS_FOR[dir].map((code) => keyboard.addKey(code, true));
    this.keys = { up: keysOf("up"), down: keysOf("down"), left: keysOf("left"), right: keysOf("right") };
    scene.input.on(Phaser.Input.Events.POINTER_MOVE, () => { this.pointerSeen = true; });
  }

  /**
   * The controls held now. `from` is the own player's drawn position (world px): the aim is the
   * angle from it to the pointer, in [0, 2π) as the server expects. `touch`: the touch sticks
   * while one is held (they win over keys and mouse). Returns the same object each call
   * (GameSession copies it).
   */
  read(from: { x: number; y: number } | undefined, touch: TouchInput | null = null): Controls {
    const c = this.controls;
    if (touch) {
      c.moveX = touch.moveX;
      c.moveY = touch.moveY;
      if (touch.aim !== null) c.aim = touch.aim;
      c.fire = touch.fire;
      return c;
    }
    c.moveX = this.axis("left", "right");
    c.moveY = this.axis("up", "down");
    const pointer = this.scene.input.activePointer;
    if (from && this.pointerSeen) {
      pointer.updateWorldPoint(this.scene.cameras.main);
      const angle = Math.atan2(pointer.worldY - from.y, pointer.worldX - from.x);
      c.aim = (angle + FULL_TURN) % FULL_TURN;
    }
    c.fire = pointer.leftButtonDown();
    return c;
  }

  /** Standing still, not firing, aiming where the last read aimed (input paused: typing, dialogs). */
  idle(): Controls {
    const c = this.controls;
    c.moveX = 0;
    c.moveY = 0;
    c.fire = false;
    return c;
  }

  /** Forget held keys (after typing in a field: a key released there was never seen). */
  release(): void {
    this.scene.input.keyboard?.resetKeys();
    this.controls.fire = false;
  }

  private axis(negative: Direction, positive: Direction): number {
    const held = (dir: Direction) => this.keys[dir].some((key) => key.isDown);
    return (held(positive) ? 1 : 0) - (held(negative) ? 1 : 0);
  }
}
