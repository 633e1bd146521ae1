// Browser client: the arena part of the page: Phaser with the arena scene, the game UI over it and
// the touch sticks. main.ts loads this module with import() behind the start screen: Phaser is
// most of the client's bytes, and the start screen needs none of it.

import Phaser from "phaser";
import { ARENA } from "../../shared/arena.js";
import { describeLinkProfile } from "../net/linkSim.js";
import type { PageParams } from "./page.js";
import { COLORS } from "./palette.js";
import { ArenaScene } from "./scenes/ArenaScene.js";
import type { Dialogs } from "./ui/dialog.js";
import { GameUi } from "./ui/gameUi.js";
import { TouchSticks, isTouchDevice } from "./ui/touch.js";

export interface Arena {
  scene: ArenaScene;
  game: GameUi;
}

export interface ArenaOptions {
  /** The `#ui` element the overlays go in. */
  root: HTMLElement;
  dialogs: Dialogs;
  params: PageParams;
  /** The player confirmed leaving the room. */
  leave(): void;
}

/** Start Phaser in `#game` and build the game UI; resolves once the scene has been created. */
export async function openArena(options: ArenaOptions): Promise<Arena> {
  const { root, dialogs, params } = options;
  const scene = new ArenaScene();
  const link = params.link;
  if (link) void scene.created.then(() => scene.setNote(`Simulated network: ${describeLinkProfile(link)}`));

  let touchScreen = isTouchDevice();
  // A laptop with a touch screen reports a mouse as its main pointer: switch at the first touch.
  window.addEventListener("touchstart", () => { touchScreen = true; }, { once: true, passive: true });
  const sticks = new TouchSticks(root);
  scene.touch = sticks;
  const game = new GameUi(root, dialogs, {
    following: () => scene.camera.following(),
    cycle: (step) => scene.camera.cycle(step),
    toggleFree: () => scene.camera.toggleFree(),
  }, {
    leave: options.leave,
    inputEnabled: (enabled) => scene.setInputEnabled(enabled),
    touchScreen: () => touchScreen,
    showSticks: (visible) => {
      sticks.setVisible(visible);
      document.body.classList.toggle("touch", touchScreen);
      document.body.classList.toggle("sticks", visible);
    },
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
  await scene.created;
  return { scene, game };
}
