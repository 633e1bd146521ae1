// Browser client: entry point. Boots Phaser with the arena scene and joins the game server.

import { Client } from "@colyseus/sdk";
import Phaser from "phaser";
import { ARENA } from "../../shared/arena.js";
import { endpointForPage } from "../net/endpoint.js";
import { GameSession, type JoinRequest } from "../net/GameSession.js";
import { COLORS } from "./palette.js";
import { ArenaScene } from "./scenes/ArenaScene.js";
import type { SkirmishHook } from "./testHook.js";

/** `?name=Alice` picks the player name; without it the server names the player. */
function joinRequestFromPage(search: string): JoinRequest {
  const name = new URLSearchParams(search).get("name")?.trim();
  return name ? { name } : {};
}

const hook: SkirmishHook = { session: null, ready: false, error: null };
window.skirmish = hook;

const client = new Client(endpointForPage(window.location));
const request = joinRequestFromPage(window.location.search);

const scene = new ArenaScene({
  join: (listeners) => GameSession.join(client, request, listeners),
  onJoined: (session) => { hook.session = session; },
  onReady: () => { hook.ready = true; },
  onError: (message) => { hook.error = message; },
});

new Phaser.Game({
  type: Phaser.AUTO,
  parent: "game",
  backgroundColor: COLORS.background,
  scale: {
    mode: Phaser.Scale.FIT,
    autoCenter: Phaser.Scale.CENTER_BOTH,
    width: ARENA.width,
    height: ARENA.height,
  },
  disableContextMenu: true,
  banner: false,
  scene,
});
