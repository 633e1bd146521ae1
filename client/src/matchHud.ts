// Browser client: the match part of the HUD: time left and frag limit on the top wall, and the
// phase banner ("Waiting for players", "Starting in 3…", "Fight!"). Run by ArenaScene.

import type Phaser from "phaser";
import { ARENA } from "../../shared/arena.js";
import { MIN_PLAYERS_TO_START } from "../../shared/constants.js";
import { formatClock, type MatchView } from "../net/matchView.js";
import { COLORS, css } from "./palette.js";

const FONT = "system-ui, 'DejaVu Sans', sans-serif";
/** "Fight!" stays up this long after a match starts, ms. */
const FIGHT_MS = 1500;
/** The clock turns red in the last seconds of a match. */
const HURRY_SECONDS = 10;
/** Re-render interval, ms (text textures need not change every frame). */
const REFRESH_MS = 100;

export class MatchHud {
  private readonly clock: Phaser.GameObjects.Text;
  private readonly banner: Phaser.GameObjects.Text;
  private lastPhase = "";
  private playingSince = -Infinity;
  private lastRefresh = -Infinity;

  constructor(scene: Phaser.Scene, add: (object: Phaser.GameObjects.GameObject) => void) {
    this.clock = scene.add.text(ARENA.width / 2, 12, "", {
      fontFamily: FONT, fontSize: "15px", fontStyle: "bold", color: "#f2f4f8",
    }).setOrigin(0.5);
    this.banner = scene.add.text(ARENA.width / 2, 76, "", {
      fontFamily: FONT, fontSize: "26px", fontStyle: "bold", color: "#f2f4f8", align: "center",
      backgroundColor: "rgba(11, 13, 18, 0.78)", padding: { x: 20, y: 10 },
    }).setOrigin(0.5).setVisible(false);
    add(this.clock);
    add(this.banner);
  }

  /** Refresh for the frame at `now` (ms); `match` null when not in a room. */
  update(match: MatchView | null, now: number): void {
    if (match && match.phase !== this.lastPhase) {
      if (match.phase === "playing" && this.lastPhase !== "") this.playingSince = now;
      this.lastPhase = match.phase;
      this.lastRefresh = -Infinity;
    }
    if (now - this.lastRefresh < REFRESH_MS) return;
    this.lastRefresh = now;
    if (!match) {
      this.lastPhase = "";
      this.clock.setText("");
      this.banner.setVisible(false);
      return;
    }
    const left = match.secondsLeft;
    const playing = match.phase === "playing";
    this.clock.setText(playing && left !== null ? `${formatClock(left)}   ·   first to ${match.fragLimit}` : "");
    this.clock.setColor(playing && left !== null && left <= HURRY_SECONDS ? css(COLORS.healthLow) : "#f2f4f8");
    const banner = this.bannerText(match, now);
    this.banner.setVisible(banner !== "").setText(banner);
  }

  private bannerText(match: MatchView, now: number): string {
    switch (match.phase) {
      case "waiting":
        return `Waiting for players  ·  ${match.players}/${MIN_PLAYERS_TO_START}`;
      case "countdown":
        return match.secondsLeft !== null ? `Starting in ${Math.max(1, Math.ceil(match.secondsLeft))}…` : "Starting…";
      case "playing":
        return now - this.playingSince < FIGHT_MS ? "Fight!" : "";
      case "results":
        return "";
    }
  }
}
