// Browser client: entry point. Shows the start screen at once (plain DOM) and loads the arena
// (Phaser, the scene, the game UI: arena.ts) in the background while the player picks a name;
// App runs the flow between them.

import { Client } from "@colyseus/sdk";
import { endpointForPage } from "../net/endpoint.js";
import { App } from "./app.js";
import type { Arena } from "./arena.js";
import { readPageParams } from "./page.js";
import type { SkirmishHook } from "./testHook.js";
import { Dialogs } from "./ui/dialog.js";
import { StartScreen } from "./ui/startScreen.js";
import "./ui/styles.css";

const hook: SkirmishHook = { session: null, ready: false, error: null, screen: "loading" };
window.skirmish = hook;

const params = readPageParams(window.location.search);
const client = new Client(endpointForPage(window.location));

const root = document.getElementById("ui");
if (!root) throw new Error("index.html has no #ui element");
const dialogs = new Dialogs(root);
const start = new StartScreen(root, {
  quickPlay: (name) => void app.quickPlay(name),
  createPrivate: (name) => void app.createPrivate(name),
  joinCode: (name, code) => void app.joinCode(name, code),
  joinListed: (name, code, spectate) => void app.joinListed(name, code, spectate),
});

let arena: Promise<Arena> | undefined;
/** The arena, loaded once; a failed load (the network went away) is tried again at the next join. */
function loadArena(): Promise<Arena> {
  arena ??= import("./arena.js")
    .then(({ openArena }) => openArena({ root: root!, dialogs, params, leave: () => void app.leave() }))
    .catch((error: unknown) => {
      arena = undefined;
      throw error;
    });
  return arena;
}

const app = new App({ client, start, dialogs, params, hook, arena: loadArena });
void app.boot();
// In the background from now on: by the time a name is typed, the game is ready to start.
loadArena().catch(() => undefined);
