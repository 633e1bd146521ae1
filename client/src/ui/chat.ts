// Browser client: the room chat over the game: the last lines (players, spectators, the room's
// own notices) and the line being typed (Enter to type and send, Esc to cancel). Run by GameUi.
// Everything from the wire is set as text, never as HTML.

import { CHAT_MAX_CHARS } from "../../../shared/constants.js";
import type { ChatLine } from "../../../shared/protocol.js";
import type { TextCheck } from "../../../shared/text.js";
import { css, playerColor } from "../palette.js";
import { h, keepKeys } from "./dom.js";

/** Lines kept on screen. */
const MAX_LINES = 8;
/** During play a line fades out after this long, ms (always shown while typing and on results). */
const LINE_SHOW_MS = 12_000;

export interface ChatHooks {
  /** Send a line; a failed check is shown under the input and the input stays open. */
  send(text: string): TextCheck;
  /** Palette index of player `id`, if known (to colour names). */
  colorOf(id: string): number | undefined;
  /** Typing started (true) or ended (false): the game stops reading keys meanwhile. */
  typing(active: boolean): void;
}

export class ChatBox {
  readonly root: HTMLElement;
  private readonly log: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly error: HTMLElement;
  private readonly form: HTMLElement;
  private readonly hooks: ChatHooks;
  private readonly shownAt = new WeakMap<Element, number>();

  constructor(parent: HTMLElement, hooks: ChatHooks) {
    this.hooks = hooks;
    this.log = h("div", { class: "chat-log", attrs: { "aria-live": "polite", "data-testid": "chat-log" } });
    this.input = h("input", {
      class: "chat-input",
      attrs: { maxlength: String(CHAT_MAX_CHARS), placeholder: "Say something — Enter to send, Esc to cancel", "data-testid": "chat-input", autocomplete: "off" },
    });
    this.error = h("div", { class: "chat-error" });
    this.form = h("div", { class: "chat-form" }, this.input, this.error);
    this.root = h("div", { class: "chat" }, this.log, this.form);
    keepKeys(this.input);
    this.input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") this.submit();
      else if (event.key === "Escape") this.close();
      else return;
      event.preventDefault();
    });
    this.input.addEventListener("input", () => { this.error.textContent = ""; });
    this.input.addEventListener("blur", () => {
      if (this.input.value.trim() === "") this.close();
    });
    this.close();
    parent.append(this.root);
  }

  get typing(): boolean {
    return !this.form.hidden;
  }

  open(): void {
    if (this.typing) return;
    this.form.hidden = false;
    this.root.classList.add("show-all");
    this.hooks.typing(true);
    this.input.focus();
  }

  close(): void {
    const was = this.typing;
    this.form.hidden = true;
    this.input.value = "";
    this.error.textContent = "";
    this.root.classList.remove("show-all");
    if (document.activeElement === this.input) this.input.blur();
    if (was) this.hooks.typing(false);
  }

  /** Show every kept line without fading (results screen). */
  setPinned(pinned: boolean): void {
    this.root.classList.toggle("pinned", pinned);
  }

  add(line: ChatLine): void {
    if (line.kind === "system") {
      this.push(h("div", { class: "chat-line system" }, line.text));
      return;
    }
    const color = this.hooks.colorOf(line.from);
    const who = h("span", { class: "who" }, line.name);
    if (color !== undefined) who.style.color = css(playerColor(color));
    this.push(h("div", { class: `chat-line ${line.kind}` },
      who, line.kind === "spectator" ? h("span", { class: "tag" }, "watching") : null, h("span", { class: "text" }, line.text)));
  }

  /** A note for this player only (server notice, chat refused): shown distinctly. */
  notice(text: string): void {
    this.push(h("div", { class: "chat-line notice" }, text));
  }

  clear(): void {
    this.close();
    this.log.replaceChildren();
  }

  /** Fade lines older than LINE_SHOW_MS (now: ms, performance.now()). */
  refresh(now: number): void {
    for (const line of this.log.children) {
      line.classList.toggle("old", now - (this.shownAt.get(line) ?? now) > LINE_SHOW_MS);
    }
  }

  private push(line: HTMLElement): void {
    this.shownAt.set(line, performance.now());
    this.log.append(line);
    while (this.log.children.length > MAX_LINES) this.log.firstElementChild?.remove();
  }

  private submit(): void {
    if (this.input.value.trim() === "") return this.close();
    const check = this.hooks.send(this.input.value);
    if (check.ok) this.close();
    else this.error.textContent = check.error;
  }
}
