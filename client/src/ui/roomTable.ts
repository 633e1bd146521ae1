// Browser client: the start screen's list of open public rooms (code, players, spectators, match
// phase, and a Join / Watch button each). Run by StartScreen.

import type { MatchPhase } from "../../../shared/protocol.js";
import type { OpenRoom } from "../../net/lobby.js";
import { button, h, setChildren } from "./dom.js";

const PHASE_LABEL: Record<MatchPhase, string> = {
  waiting: "Waiting for players",
  countdown: "Starting",
  playing: "In a match",
  results: "Results",
};

export class RoomTable {
  readonly root: HTMLElement;
  private readonly body: HTMLTableSectionElement;
  private readonly note: HTMLElement;
  private readonly join: (code: string, spectate: boolean) => void;
  private enabled = true;

  constructor(join: (code: string, spectate: boolean) => void) {
    this.join = join;
    this.body = h("tbody");
    this.note = h("p", { class: "rooms-note" }, "Looking for rooms…");
    this.root = h("div", { class: "rooms", attrs: { "data-testid": "room-list" } },
      h("table", {},
        h("thead", {}, h("tr", {}, h("th", {}, "Room"), h("th", {}, "Players"), h("th", {}, "Watching"), h("th", {}, "Match"), h("th", {}))),
        this.body),
      this.note);
  }

  /** `rooms` null while loading; `note` replaces the list (e.g. the lobby is unreachable). */
  update(rooms: readonly OpenRoom[] | null, note?: string): void {
    const list = note === undefined ? rooms ?? [] : [];
    setChildren(this.body, ...list.map((room) => this.row(room)));
    this.note.textContent = note
      ?? (rooms === null ? "Looking for rooms…" : rooms.length === 0 ? "No open rooms right now. Quick play starts one." : "");
    this.note.hidden = this.note.textContent === "";
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    for (const b of this.body.querySelectorAll("button")) b.disabled = !enabled;
  }

  private row(room: OpenRoom): HTMLTableRowElement {
    const action = room.seatFree
      ? button("Join", () => this.join(room.code, false), { class: "btn small primary" })
      : button("Watch", () => this.join(room.code, true), { class: "btn small" });
    action.disabled = !this.enabled;
    return h("tr", { attrs: { "data-room": room.code } },
      h("td", { class: "code-cell" }, room.code),
      h("td", {}, `${room.players}/${room.maxPlayers}`, room.seatFree ? null : h("span", { class: "tag" }, "full")),
      h("td", {}, String(room.spectators)),
      h("td", {}, h("span", { class: `phase phase-${room.phase}` }, PHASE_LABEL[room.phase] ?? room.phase)),
      h("td", { class: "action-cell" }, action));
  }
}
