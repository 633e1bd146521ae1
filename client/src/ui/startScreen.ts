// Browser client: the start screen: name, quick play, create a private room, join with a code,
// and the live list of open public rooms. Plain DOM over the (empty) arena. Run by App.

import { ROOM_CODE_LENGTH, checkName } from "../../../shared/text.js";
import type { OpenRoom } from "../../net/lobby.js";
import { button, h, keepKeys } from "./dom.js";
import { RoomTable } from "./roomTable.js";

export interface StartActions {
  quickPlay(name: string): void;
  createPrivate(name: string): void;
  /** `code` as typed (any case, or a pasted link). */
  joinCode(name: string, code: string): void;
  joinListed(name: string, code: string, spectate: boolean): void;
}

export interface StartOptions {
  name: string;
  /** The room a share link points to: offered first. */
  invite: string | null;
  message?: string;
}

export class StartScreen {
  readonly root: HTMLElement;
  /** Below the columns: match history and leaderboard (filled by main.ts). */
  readonly records: HTMLElement;
  /** Runs each time the screen is shown (the records reload). */
  onShow: (() => void) | undefined;
  private readonly actions: StartActions;
  private readonly nameField: HTMLInputElement;
  private readonly nameError: HTMLElement;
  private readonly codeField: HTMLInputElement;
  private readonly message: HTMLElement;
  private readonly invite: HTMLElement;
  private readonly inviteCodeText: HTMLElement;
  private readonly inviteButton: HTMLButtonElement;
  private readonly table: RoomTable;
  private readonly buttons: HTMLButtonElement[] = [];
  private readonly quick: HTMLButtonElement;
  private inviteCode: string | null = null;
  private busy = false;

  constructor(parent: HTMLElement, actions: StartActions) {
    this.actions = actions;
    this.nameField = h("input", {
      class: "field", attrs: { id: "name", autocomplete: "nickname", spellcheck: "false", maxlength: "40", "data-testid": "name" },
    });
    this.nameError = h("p", { class: "field-error", attrs: { "aria-live": "polite" } });
    this.codeField = h("input", {
      class: "field code-field",
      attrs: { placeholder: "CODE", autocomplete: "off", spellcheck: "false", "aria-label": "Room code", "data-testid": "code" },
    });
    this.message = h("p", { class: "start-message", attrs: { role: "status", "data-testid": "start-message" } });
    this.inviteCodeText = h("strong", { class: "code-inline" });
    this.inviteButton = this.track(button("Join room", () => this.joinInvite(), { class: "btn primary big", id: "join-invite" }));
    this.invite = h("div", { class: "invite" }, h("p", {}, "You're invited to room ", this.inviteCodeText), this.inviteButton);
    this.table = new RoomTable((code, spectate) => this.withName((name) => actions.joinListed(name, code, spectate)));
    for (const field of [this.nameField, this.codeField]) keepKeys(field);

    const quick = this.track(button("Quick play", () => this.withName(actions.quickPlay), { class: "btn primary big", id: "quick-play" }));
    this.quick = quick;
    const create = this.track(button("Create private room", () => this.withName(actions.createPrivate), { class: "btn wide", id: "create-private" }));
    const join = this.track(button("Join", () => this.joinTyped(), { id: "join-code" }));
    this.nameField.addEventListener("input", () => this.validate());
    this.nameField.addEventListener("keydown", (e) => {
      if (e.key !== "Enter") return;
      if (this.inviteCode) this.joinInvite();
      else quick.click();
    });
    this.codeField.addEventListener("keydown", (e) => {
      if (e.key === "Enter") this.joinTyped();
    });

    this.records = h("div", { class: "start-records-slot" });
    this.root = h("div", { class: "screen start", attrs: { "data-testid": "start-screen" } },
      h("div", { class: "card start-card" },
        h("header", { class: "start-title" }, h("h1", {}, "Skirmish"), h("p", {}, "Top-down arena shooter · up to 8 players a room")),
        h("div", { class: "start-columns" },
          h("section", { class: "start-play" },
            this.invite,
            h("label", { class: "label", attrs: { for: "name" } }, "Your name"),
            this.nameField, this.nameError,
            quick, create,
            h("div", { class: "label" }, "Have a code?"),
            h("div", { class: "row" }, this.codeField, join),
            this.message),
          h("section", { class: "start-rooms" },
            h("h2", {}, "Open rooms ", h("span", { class: "live", attrs: { title: "updated live" } }, "live")),
            this.table.root)),
        this.records,
        h("footer", { class: "start-help" },
          "Move ", h("kbd", {}, "WASD"), " · aim ", h("kbd", {}, "mouse"), " · fire ", h("kbd", {}, "click"),
          " · scores ", h("kbd", {}, "Tab"), " · chat ", h("kbd", {}, "Enter"), " · leave ", h("kbd", {}, "Esc"))));
    parent.append(this.root);
    this.hide();
  }

  show(options: StartOptions): void {
    this.nameField.value = options.name;
    this.inviteCode = options.invite;
    this.invite.hidden = !options.invite;
    // With an invitation, joining it is the main action; quick play steps back.
    this.quick.classList.toggle("primary", !options.invite);
    if (options.invite) {
      this.codeField.value = options.invite;
      this.inviteCodeText.textContent = options.invite;
      this.inviteButton.textContent = `Join room ${options.invite}`;
    }
    this.setMessage(options.message ?? "", true);
    this.setBusy(null);
    this.validate();
    this.root.hidden = false;
    this.onShow?.();
    // On phones a focused field pops the keyboard up over the screen: let the player tap instead.
    if (!window.matchMedia?.("(pointer: coarse)").matches) {
      (this.nameField.value && options.invite ? this.inviteButton : this.nameField).focus();
    }
  }

  hide(): void {
    this.root.hidden = true;
  }

  get visible(): boolean {
    return !this.root.hidden;
  }

  /** null while the lobby is connecting; `note` replaces the list (e.g. lobby unreachable). */
  setRooms(rooms: readonly OpenRoom[] | null, note?: string): void {
    this.table.update(rooms, note);
  }

  /** A line under the buttons: an error (red) or progress ("Joining…"). */
  setMessage(text: string, error: boolean): void {
    this.message.textContent = text;
    this.message.classList.toggle("error", error);
  }

  /** While joining: buttons disabled and `text` shown; null to re-enable. */
  setBusy(text: string | null): void {
    this.busy = text !== null;
    if (text !== null) this.setMessage(text, false);
    this.validate();
  }

  private track(b: HTMLButtonElement): HTMLButtonElement {
    this.buttons.push(b);
    return b;
  }

  /** Show what is wrong with the name, and disable the actions until it is fixed. */
  private validate(): boolean {
    const check = checkName(this.nameField.value);
    this.nameError.textContent = check.ok || this.nameField.value === "" ? "" : capitalise(check.error);
    const disabled = this.busy || !check.ok;
    for (const b of this.buttons) b.disabled = disabled;
    this.table.setEnabled(!disabled);
    return check.ok;
  }

  private withName(run: (name: string) => void): void {
    const check = checkName(this.nameField.value);
    if (!check.ok) {
      this.nameError.textContent = capitalise(check.error);
      this.nameField.focus();
      return;
    }
    if (!this.busy) run(check.value);
  }

  private joinTyped(): void {
    const code = this.codeField.value.trim();
    if (code.length === 0) {
      this.setMessage(`Type the ${ROOM_CODE_LENGTH}-character room code a friend gave you.`, true);
      this.codeField.focus();
      return;
    }
    this.withName((name) => this.actions.joinCode(name, code));
  }

  private joinInvite(): void {
    const code = this.inviteCode;
    if (code) this.withName((name) => this.actions.joinCode(name, code));
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
