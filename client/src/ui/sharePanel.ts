// Browser client: the room's code in big letters and its share link with a Copy button; opens by
// itself after creating a private room, and any time with the room button or the I key. Run by GameUi.

import { BotControls, type BotControlHooks, type BotControlView } from "./botControls.js";
import { button, h } from "./dom.js";

/** How long "Copied" stays on the button, ms. */
const COPIED_MS = 1500;

export class SharePanel {
  readonly root: HTMLElement;
  private readonly kind: HTMLElement;
  private readonly code: HTMLElement;
  private readonly link: HTMLInputElement;
  private readonly copy: HTMLButtonElement;
  private readonly status: HTMLElement;
  private readonly bots: BotControls;
  private resetTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(parent: HTMLElement, botHooks: BotControlHooks) {
    this.bots = new BotControls(botHooks);
    this.kind = h("div", { class: "label" });
    this.code = h("div", { class: "share-code", attrs: { "data-testid": "room-code" } });
    this.link = h("input", { class: "field share-link", attrs: { readonly: "", "aria-label": "Share link", "data-testid": "share-link" } });
    this.link.addEventListener("focus", () => this.link.select());
    this.copy = button("Copy link", () => void this.copyLink(), { class: "btn primary", id: "copy-link" });
    this.status = h("p", { class: "share-status", attrs: { role: "status" } });
    this.root = h("div", { class: "card share-panel", attrs: { "data-testid": "share-panel" } },
      h("div", { class: "share-head" }, this.kind, button("×", () => this.toggle(false), { class: "btn icon", id: "close-share" })),
      this.code,
      h("div", { class: "row" }, this.link, this.copy),
      h("p", { class: "share-help" }, "Friends open the link, or type the code on the start screen."),
      this.bots.root,
      this.status);
    this.root.hidden = true;
    parent.append(this.root);
  }

  set(code: string, link: string, isPrivate: boolean): void {
    this.kind.textContent = isPrivate ? "Private room" : "Room";
    this.code.textContent = code;
    this.link.value = link;
    this.status.textContent = "";
  }

  /** The owner's bot controls (hidden for everyone else). */
  updateBots(view: BotControlView): void {
    this.bots.update(view);
  }

  get open(): boolean {
    return !this.root.hidden;
  }

  toggle(open = !this.open): void {
    this.root.hidden = !open;
  }

  private async copyLink(): Promise<void> {
    const text = this.link.value;
    let copied = false;
    try {
      await navigator.clipboard.writeText(text);
      copied = true;
    } catch {
      // No clipboard API (plain http on a LAN address, or permission refused): select and copy.
      this.link.focus();
      this.link.select();
      copied = document.execCommand("copy");
    }
    this.status.textContent = copied ? "" : "Press Ctrl+C (⌘C) to copy the selected link.";
    if (!copied) return;
    this.copy.textContent = "Copied ✓";
    clearTimeout(this.resetTimer);
    this.resetTimer = setTimeout(() => { this.copy.textContent = "Copy link"; }, COPIED_MS);
  }
}
