// Browser client: the room owner's bot controls in the room panel: how many bots play, Add bot,
// Remove bot, and their difficulty. Shown only to the room's creator. Run by GameUi (SharePanel).

import { button, h, keepKeys } from "./dom.js";

/** Difficulties the server accepts (shared/bots/BotBrain.ts BOT_SKILLS), easiest first. */
const DIFFICULTIES = ["easy", "normal", "hard"] as const;

export interface BotControlHooks {
  add(): void;
  remove(): void;
  difficulty(difficulty: string): void;
}

export interface BotControlView {
  /** The player owns the room: only then are the controls shown. */
  owner: boolean;
  bots: number;
  /** Whether a seat is free for one more bot. */
  seatFree: boolean;
  difficulty: string;
}

export class BotControls {
  readonly root: HTMLElement;
  private readonly count: HTMLElement;
  private readonly addButton: HTMLButtonElement;
  private readonly removeButton: HTMLButtonElement;
  private readonly select: HTMLSelectElement;

  constructor(hooks: BotControlHooks) {
    this.count = h("span", { class: "bot-count", attrs: { "data-testid": "bot-count" } });
    this.addButton = button("Add bot", () => hooks.add(), { class: "btn small", id: "add-bot" });
    this.removeButton = button("Remove bot", () => hooks.remove(), { class: "btn small", id: "remove-bot" });
    this.select = h("select", { class: "field bot-difficulty", attrs: { "aria-label": "Bot difficulty", "data-testid": "bot-difficulty" } },
      ...DIFFICULTIES.map((d) => h("option", { attrs: { value: d } }, d[0].toUpperCase() + d.slice(1))));
    this.select.addEventListener("change", () => hooks.difficulty(this.select.value));
    keepKeys(this.select);
    this.root = h("div", { class: "bot-controls", attrs: { "data-testid": "bot-controls" } },
      h("span", { class: "label" }, "Bots"), this.count, this.removeButton, this.addButton, this.select);
    this.root.hidden = true;
  }

  update(view: BotControlView): void {
    this.root.hidden = !view.owner;
    if (!view.owner) return;
    this.count.textContent = String(view.bots);
    this.addButton.disabled = !view.seatFree;
    this.removeButton.disabled = view.bots === 0;
    // Not while the player has the list open: the refresh would close it.
    if (document.activeElement !== this.select) this.select.value = view.difficulty;
  }
}
