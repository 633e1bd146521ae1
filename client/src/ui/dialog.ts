// Browser client: modal questions and messages (leave?, spectate instead?, seat lost) and the
// "Reconnecting…" overlay. One dialog at a time; Esc picks the cancel choice. Run by App and GameUi.

import { button, h, setChildren } from "./dom.js";

export interface Choice {
  label: string;
  /** The highlighted choice (Enter picks it). */
  primary?: boolean;
  /** Esc picks this one. */
  cancel?: boolean;
  run(): void;
}

export class Dialogs {
  private readonly layer: HTMLElement;
  private readonly card: HTMLElement;
  private readonly overlay: HTMLElement;
  private readonly overlayText: HTMLElement;
  private readonly overlayDetail: HTMLElement;
  private cancel: (() => void) | null = null;

  constructor(parent: HTMLElement) {
    this.card = h("div", { class: "card dialog", attrs: { role: "dialog", "aria-modal": "true", "data-testid": "dialog" } });
    this.layer = h("div", { class: "modal-layer" }, this.card);
    this.layer.hidden = true;
    this.overlayText = h("div", { class: "overlay-title" });
    this.overlayDetail = h("div", { class: "overlay-detail" });
    this.overlay = h("div", { class: "modal-layer status-overlay", attrs: { "data-testid": "status-overlay" } },
      h("div", { class: "card status-card" }, h("div", { class: "spinner" }), this.overlayText, this.overlayDetail));
    this.overlay.hidden = true;
    parent.append(this.overlay, this.layer);
  }

  get open(): boolean {
    return !this.layer.hidden;
  }

  /** Ask: `title`, a line of `text`, and buttons. Any choice closes the dialog first. */
  ask(title: string, text: string, choices: readonly Choice[]): void {
    const buttons = choices.map((choice) => button(choice.label, () => {
      this.close();
      choice.run();
    }, { class: choice.primary ? "btn primary" : "btn" }));
    setChildren(this.card, h("h2", {}, title), h("p", {}, text), h("div", { class: "dialog-buttons" }, ...buttons));
    const cancel = choices.find((c) => c.cancel);
    this.cancel = cancel ? () => { this.close(); cancel.run(); } : null;
    this.layer.hidden = false;
    const primary = choices.findIndex((c) => c.primary);
    buttons[primary >= 0 ? primary : 0]?.focus();
  }

  /** A message with one button. */
  tell(title: string, text: string, label: string, then: () => void): void {
    this.ask(title, text, [{ label, primary: true, cancel: true, run: then }]);
  }

  /** Esc: pick the cancel choice. Returns whether a dialog was open. */
  escape(): boolean {
    if (!this.open) return false;
    if (this.cancel) this.cancel();
    return true;
  }

  close(): void {
    this.layer.hidden = true;
    this.cancel = null;
  }

  /** A blocking status over everything (e.g. "Reconnecting…"), or null to remove it. */
  status(title: string | null, detail = ""): void {
    this.overlay.hidden = title === null;
    this.overlayText.textContent = title ?? "";
    this.overlayDetail.textContent = detail;
  }
}
