// Browser client: decides what the player hears and sees for each game event: shots, hits
// (only on the server's verdict), frags, deaths, respawns, match phases, chat, low health.
// Pure and renderer-free (tests drive it directly); GameFeedback turns its calls into sound and pixels.

import { BLASTER_DAMAGE } from "../../../shared/constants.js";
import type { ChatLine, FragEvent, MatchPhase, ShotEvent } from "../../../shared/protocol.js";
import type { SoundName } from "../audio/recipes.js";
import { placeSound, type Placement } from "../audio/spatial.js";

/** Health at or under which the low-health warning shows: the next hit frags. */
export const LOW_HEALTH = BLASTER_DAMAGE;

export interface FeedbackOutput {
  sound(name: SoundName, placement?: Placement): void;
  /** The server confirmed that the own shot hit someone. */
  hitMarker(): void;
  /** The own player was hit by a shot fired from `angle` (radians, world, from the own player
   *  toward the shooter). */
  hurt(angle: number): void;
  /** A short line at the top centre ("You fragged Ben"). */
  notice(text: string, kind: "frag" | "death"): void;
}

export interface SelfState {
  x: number;
  y: number;
  alive: boolean;
  health: number;
  /** Spawn-protected: hits deal no damage. */
  shielded: boolean;
}

export interface MatchState {
  phase: MatchPhase;
  secondsLeft: number | null;
}

export class FeedbackDirector {
  /** The own player is alive with the next hit fragging it. */
  lowHealth = false;
  private readonly out: FeedbackOutput;
  private self: SelfState | undefined;
  private wasAlive: boolean | undefined;
  private phase: MatchPhase | undefined;
  private countdownSecond = 0;

  constructor(out: FeedbackOutput) {
    this.out = out;
  }

  /** A new room: forget what the last one showed (no sound for the first frame's state). */
  reset(): void {
    this.self = undefined;
    this.wasAlive = undefined;
    this.phase = undefined;
    this.countdownSecond = 0;
    this.lowHealth = false;
  }

  /** The own player fired (traced locally, at once): the shot sound, not a hit. */
  localShot(): void {
    this.out.sound("ownShot");
  }

  /** The server resolved a shot. `selfId` is this client's session id. */
  shot(event: ShotEvent, selfId: string): void {
    if (event.by === selfId) {
      if (event.hit !== "") {
        this.out.hitMarker();
        this.out.sound("hitDealt");
      }
      return;
    }
    this.out.sound("otherShot", placeSound(this.self, { x: event.ox, y: event.oy }));
    // The server reports hits that deal no damage too (spawn protection, the results screen):
    // no damage feedback for those.
    const harmless = this.self?.shielded === true || this.phase === "results";
    if (event.hit === selfId && !harmless) {
      const me = this.self;
      this.out.hurt(me ? Math.atan2(event.oy - me.y, event.ox - me.x) : 0);
      this.out.sound("hurt");
    }
  }

  /** `nameOf` turns a session id into the name shown. */
  frag(event: FragEvent, selfId: string, nameOf: (id: string) => string): void {
    if (event.killer === selfId && event.victim !== selfId) {
      this.out.notice(`You fragged ${nameOf(event.victim)}`, "frag");
      this.out.sound("frag");
    } else if (event.victim === selfId) {
      this.out.notice(`${nameOf(event.killer)} fragged you`, "death");
      this.out.sound("death");
    }
  }

  chat(line: ChatLine, selfId: string): void {
    if (line.from !== "" && line.from === selfId) return;
    this.out.sound("chat");
  }

  /** Once per rendered frame: the own player (undefined when spectating or not added yet) and
   *  the match (null outside a room). */
  frame(self: SelfState | undefined, match: MatchState | null): void {
    this.self = self;
    if (self) {
      if (this.wasAlive === false && self.alive) this.out.sound("respawn");
      this.wasAlive = self.alive;
      const low = self.alive && self.health > 0 && self.health <= LOW_HEALTH;
      if (low && !this.lowHealth) this.out.sound("lowHealth");
      this.lowHealth = low;
    } else {
      this.wasAlive = undefined;
      this.lowHealth = false;
    }
    if (match) this.matchFrame(match);
  }

  private matchFrame(match: MatchState): void {
    const previous = this.phase;
    this.phase = match.phase;
    if (match.phase === "countdown" && match.secondsLeft !== null) {
      const second = Math.ceil(match.secondsLeft);
      if (second >= 1 && second !== this.countdownSecond) this.out.sound("countdown");
      this.countdownSecond = second;
    } else {
      this.countdownSecond = 0;
    }
    if (previous === undefined || previous === match.phase) return;
    if (match.phase === "playing" && previous === "countdown") this.out.sound("matchStart");
    if (match.phase === "results" && previous === "playing") this.out.sound("matchEnd");
  }
}
