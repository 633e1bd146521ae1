// Browser client: entry point. Boots Phaser with the arena scene, builds the DOM overlays (start
// screen, game UI, dialogs, touch sticks) and hands them to App, which runs the flow.

import { Client } from "@colyseus/sdk";
import Phaser from "phaser";
import { ARENA } from "../../shared/arena.js";
import { endpointForPage } from "../net/endpoint.js";
import { describeLinkProfile } from "../net/linkSim.js";
import { App } from "./app.js";
import { readPageParams } from "./page.js";
import { MatchPage } from "./replay/matchPage.js";
import { RecordsPanel } from "./replay/recordsPanel.js";
import { COLORS } from "./palette.js";
import { ArenaScene } from "./scenes/ArenaScene.js";
import type { SkirmishHook } from "./testHook.js";
import { Dialogs } from "./ui/dialog.js";
import { GameUi } from "./ui/gameUi.js";
import { StartScreen } from "./ui/startScreen.js";
import { TouchSticks, isTouchDevice } from "./ui/touch.js";
import "./ui/styles.css";

const hook: SkirmishHook = { session: null, ready: false, error: null, screen: "loading" };
window.skirmish = hook;

const params = readPageParams(window.location.search);
const client = new Client(endpointForPage(window.location));
const scene = new ArenaScene();
const link = params.link;
if (link) void scene.created.then(() => scene.setNote(`Simulated network: ${describeLinkProfile(link)}`));

const root = document.getElementById("ui");
if (!root) throw new Error("index.html has no #ui element");
let touchScreen = isTouchDevice();
// A laptop with a touch screen reports a mouse as its main pointer: switch at the first touch.
window.addEventListener("touchstart", () => { touchScreen = true; }, { once: true, passive: true });
const sticks = new TouchSticks(root);
scene.touch = sticks;
const dialogs = new Dialogs(root);
const game = new GameUi(root, dialogs, {
  following: () => scene.camera.following(),
  cycle: (step) => scene.camera.cycle(step),
  toggleFree: () => scene.camera.toggleFree(),
}, {
  leave: () => void app.leave(),
  inputEnabled: (enabled) => scene.setInputEnabled(enabled),
  touchScreen: () => touchScreen,
  showSticks: (visible) => {
    sticks.setVisible(visible);
    document.body.classList.toggle("touch", touchScreen);
    document.body.classList.toggle("sticks", visible);
  },
});
const start = new StartScreen(root, {
  quickPlay: (name) => void app.quickPlay(name),
  createPrivate: (name) => void app.createPrivate(name),
  joinCode: (name, code) => void app.joinCode(name, code),
  joinListed: (name, code, spectate) => void app.joinListed(name, code, spectate),
});
const matchPage = new MatchPage(root, scene, hook);
const records = new RecordsPanel(start.records, async (file) => {
  await matchPage.openFile(file);
  start.hide();
});
start.onShow = () => void records.refresh();
const app = new App({ client, scene, start, game, dialogs, params, hook, matchPage });

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
void app.boot();
