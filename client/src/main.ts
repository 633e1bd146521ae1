// Browser client: entry point. Boots Phaser with the arena scene and joins the game server.

import { Client } from "@colyseus/sdk";
import Phaser from "phaser";
import { ARENA } from "../../shared/arena.js";
import { endpointForPage } from "../net/endpoint.js";
import { GameSession, type JoinRequest } from "../net/GameSession.js";
import { describeLinkProfile, parseLinkProfile } from "../net/linkSim.js";
import { COLORS } from "./palette.js";
import { ArenaScene } from "./scenes/ArenaScene.js";
import type { SkirmishHook } from "./testHook.js";

/**
 * `?name=Alice` picks the player name; without it the server names the player.
 * `?net=wifi` or `?net=150ms,30ms,2%` plays through the link simulator (feel a bad connection on
 * localhost). Throws with what is allowed when `net` is not understood.
 */
function joinRequestFromPage(search: string): JoinRequest {
  const params = new URLSearchParams(search);
  const name = params.get("name")?.trim();
  const net = params.get("net");
  const request: JoinRequest = name ? { name } : {};
  if (net !== null && net !== "" && net !== "none") {
    try {
      request.link = parseLinkProfile(net);
    } catch (error) {
      throw new Error(`?net=: ${(error as Error).message}`);
    }
  }
  return request;
}

const hook: SkirmishHook = { session: null, ready: false, error: null };
window.skirmish = hook;

const client = new Client(endpointForPage(window.location));
let request: JoinRequest | undefined;
let requestError: Error | undefined;
try {
  request = joinRequestFromPage(window.location.search);
} catch (error) {
  requestError = error as Error;
}

const scene = new ArenaScene({
  join: (listeners) => (request ? GameSession.join(client, request, listeners) : Promise.reject(requestError)),
  note: request?.link ? `Simulated network: ${describeLinkProfile(request.link)}` : undefined,
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
