// Browser client: the spectator's bar: who the camera follows (or free camera), how many watch,
// and "Take a seat" while a player seat is free. Run by GameUi.

import type { MatchView } from "../../net/matchView.js";
import { button, h } from "./dom.js";

/** The spectator camera, as the bar drives it (the Phaser scene implements it). */
export interface SpectatorCameraControl {
  /** Name of the followed player, or null for the free camera. */
  following(): string | null;
  /** Follow the next (+1) or previous (-1) player. */
  cycle(step: 1 | -1): void;
  /** Switch between following and the free camera. */
  toggleFree(): void;
}

export class SpectatorBar {
  readonly root: HTMLElement;
  private readonly what: HTMLElement;
  private readonly help: HTMLElement;
  private readonly watching: HTMLElement;
  private readonly seat: HTMLButtonElement;
  private readonly freeButton: HTMLButtonElement;

  constructor(parent: HTMLElement, camera: SpectatorCameraControl, takeSeat: () => void) {
    this.what = h("strong", { attrs: { "data-testid": "spectating" } });
    this.help = h("span", { class: "muted" });
    this.watching = h("span", { class: "muted" });
    this.seat = button("Take a seat", takeSeat, { class: "btn primary small", id: "take-seat" });
    this.freeButton = button("Free camera", () => camera.toggleFree(), { class: "btn small", hint: "F" });
    this.root = h("div", { class: "card spectator-bar", attrs: { "data-testid": "spectator-bar" } },
      h("span", { class: "tag" }, "Spectating"), this.what, this.help,
      button("◀", () => camera.cycle(-1), { class: "btn small icon", hint: "Q" }),
      button("▶", () => camera.cycle(1), { class: "btn small icon", hint: "E" }),
      this.freeButton, this.watching, this.seat);
    this.root.hidden = true;
    parent.append(this.root);
  }

  /** Refresh; hidden unless `spectating`. */
  update(spectating: boolean, following: string | null, match: MatchView): void {
    this.root.hidden = !spectating;
    if (!spectating) return;
    this.what.textContent = following ? `Following ${following}` : "Free camera";
    this.help.textContent = following ? "click a player to follow" : "WASD / arrows pan · wheel zooms";
    this.freeButton.firstChild!.textContent = following ? "Free camera" : "Follow";
    this.watching.textContent = `${match.spectators} watching`;
    this.seat.disabled = !match.seatFree;
    this.seat.title = match.seatFree ? "Join the match as a player" : "All player seats are taken";
  }
}
