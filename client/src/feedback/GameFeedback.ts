// Browser client: the feedback of a game in progress, on screen and in the ears: turns the
// director's decisions into sounds (SoundPlayer) and HUD effects (FeedbackLayer). Run by ArenaScene.

import type Phaser from "phaser";
import type { ChatLine, FragEvent, ShotEvent } from "../../../shared/protocol.js";
import type { SoundName } from "../audio/recipes.js";
import type { Placement } from "../audio/spatial.js";
import type { PlayerView } from "../../net/GameSession.js";
import type { MatchView } from "../../net/matchView.js";
import type { Feel } from "./feel.js";
import { FeedbackDirector, type FeedbackOutput } from "./FeedbackDirector.js";
import { FeedbackLayer } from "./FeedbackLayer.js";

/** Kill notices the stats keep (tests read the last ones). */
const NOTICES_KEPT = 5;
/** The player-body hit flash is this much weaker with reduced motion. */
const REDUCED_FLASH = 0.35;

export class GameFeedback {
  private readonly feel: Feel;
  private readonly director: FeedbackDirector;
  private readonly layer: FeedbackLayer;
  private self: PlayerView | undefined;
  private now = 0;

  /** Draws with the HUD (`add` puts an object in its layer) at `depth`. */
  constructor(scene: Phaser.Scene, add: (object: Phaser.GameObjects.GameObject) => void, depth: number, feel: Feel) {
    this.feel = feel;
    this.layer = new FeedbackLayer(scene, add, depth);
    const output: FeedbackOutput = {
      sound: (name: SoundName, placement?: Placement) => { feel.sound.play(name, placement); },
      hitMarker: () => {
        feel.stats.hitMarkers++;
        this.layer.hitMarker(this.now, this.self);
      },
      hurt: (angle: number) => {
        feel.stats.hurts++;
        feel.stats.lastHurtAngle = angle;
        if (this.layer.hurt(angle, this.now, this.reduced)) feel.stats.shakes++;
      },
      notice: (text: string, kind: "frag" | "death") => {
        feel.stats.notices = [...feel.stats.notices, text].slice(-NOTICES_KEPT);
        this.layer.notice(text, kind, this.now);
      },
    };
    this.director = new FeedbackDirector(output);
    feel.game = this;
  }

  /** Multiplies the hit flash drawn on player bodies (toned down with reduced motion). */
  get flashScale(): number {
    return this.reduced ? REDUCED_FLASH : 1;
  }

  /** A new room (or none): forget the last one's state and effects. */
  reset(): void {
    this.director.reset();
    this.layer.clear();
    this.self = undefined;
  }

  localShot(): void {
    this.director.localShot();
  }

  shot(event: ShotEvent, selfId: string): void {
    this.director.shot(event, selfId);
  }

  frag(event: FragEvent, selfId: string, nameOf: (id: string) => string): void {
    this.director.frag(event, selfId, nameOf);
  }

  chat(line: ChatLine, selfId: string): void {
    this.director.chat(line, selfId);
  }

  /** Once per frame at `now` (ms): `self` undefined when spectating, `match` null outside a room. */
  update(self: PlayerView | undefined, match: MatchView | null, now: number): void {
    this.now = now;
    this.self = self;
    this.director.frame(self, match);
    const stats = this.feel.stats;
    stats.lowHealth = this.director.lowHealth;
    stats.reducedMotion = this.reduced;
    this.layer.draw(now, self, this.director.lowHealth, this.reduced);
  }

  private get reduced(): boolean {
    return this.feel.settings.reducedMotion;
  }
}
