// Client (browser and bots): what a frame asks of and shows about the players: Controls in, one
// reused PlayerView per player out, and the own shots traced locally. Renderer-free.

import type { Player } from "../../shared/schema.js";

/** What the player wants this step. Axes in [-1, 1], aim in radians. */
export interface Controls {
  moveX: number;
  moveY: number;
  aim: number;
  fire: boolean;
}

/** A player as it should be drawn this frame. */
export interface PlayerView {
  id: string;
  isSelf: boolean;
  x: number;
  y: number;
  aim: number;
  name: string;
  color: number;
  health: number;
  alive: boolean;
  shielded: boolean;
  frags: number;
  deaths: number;
  /** False while this player's connection is down (their seat is held for them). */
  connected: boolean;
  /** A bot the server plays. */
  bot: boolean;
  /** A bot plays this person's seat while their connection is down. */
  standIn: boolean;
}

/** A player's name with "(bot)" when a bot plays them (a bot seat or a dropped person's). */
export function displayName(p: { name: string; bot: boolean; standIn: boolean }): string {
  return p.bot || p.standIn ? `${p.name} (bot)` : p.name;
}

/** A shot this client fired, traced locally the moment it fired (before the server confirms). */
export interface LocalShot {
  ox: number;
  oy: number;
  ex: number;
  ey: number;
  /** Id of the player the tracer stopped on, as this client saw it, or null. */
  hitId: string | null;
}

/** Drawn value of a moving field: predicted for the own player, interpolated for the others. */
export type DrawnField = (player: Player, field: "x" | "y" | "aim", id: string) => number;

/** One PlayerView object per player, refreshed in place each frame (no per-frame garbage). */
export class PlayerViews {
  private readonly views = new Map<string, PlayerView>();
  private readonly selfId: () => string;
  private readonly drawn: DrawnField;

  constructor(selfId: () => string, drawn: DrawnField) {
    this.selfId = selfId;
    this.drawn = drawn;
  }

  of(id: string, player: Player): PlayerView {
    let view = this.views.get(id);
    if (!view) {
      view = {
        id, isSelf: id === this.selfId(), x: 0, y: 0, aim: 0, name: "", color: 0,
        health: 0, alive: false, shielded: false, frags: 0, deaths: 0, connected: true,
        bot: false, standIn: false,
      };
      this.views.set(id, view);
    }
    view.x = this.drawn(player, "x", id);
    view.y = this.drawn(player, "y", id);
    view.aim = this.drawn(player, "aim", id);
    view.name = player.name;
    view.color = player.color;
    view.health = player.health;
    view.alive = player.alive;
    view.shielded = player.shielded;
    view.frags = player.frags;
    view.deaths = player.deaths;
    view.connected = player.connected ?? true;
    view.bot = player.bot ?? false;
    view.standIn = player.standIn ?? false;
    return view;
  }

  forget(id: string): void {
    this.views.delete(id);
  }
}
