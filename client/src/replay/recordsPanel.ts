// Browser client: the start screen's Recent matches and Leaderboard (7 days / all time). Each
// match links to its page (?match=ID). Plain DOM; loaded each time the start screen shows.

import { h, setChildren } from "../ui/dom.js";
import { END_REASON, recordsApi, when, type LeaderboardRowJson, type MatchJson } from "./recordsApi.js";

/** Recent matches listed on the start screen. */
const RECENT_MATCHES = 8;
/** Leaderboard rows shown on the start screen. */
const LEADERBOARD_ROWS = 10;

export class RecordsPanel {
  readonly root: HTMLElement;
  private readonly recent: HTMLElement;
  private readonly board: HTMLElement;
  private readonly periodButtons: HTMLButtonElement[];
  private period: "7d" | "all" = "7d";

  /** `openFile` plays a replay file the player picks (written by `npm run replay -- export`). */
  constructor(parent: HTMLElement, openFile: (file: File) => Promise<void>) {
    this.recent = h("div", { class: "records-list", attrs: { "data-testid": "recent-matches" } });
    this.board = h("div", { class: "records-list", attrs: { "data-testid": "leaderboard" } });
    this.periodButtons = (["7d", "all"] as const).map((period) => h("button", {
      class: "btn small", attrs: { type: "button", "data-period": period },
      onClick: () => { this.period = period; void this.loadBoard(); },
    }, period === "7d" ? "7 days" : "All time"));
    const fileInput = h("input", { attrs: { type: "file", accept: ".skrp,application/octet-stream", "data-testid": "replay-file" } });
    const fileError = h("span", { class: "start-message error" });
    fileInput.addEventListener("change", () => {
      const file = fileInput.files?.[0];
      if (file) openFile(file).catch((error: unknown) => { fileError.textContent = `Cannot play ${file.name}: ${(error as Error).message}`; });
    });
    this.root = h("div", { class: "start-records" },
      h("section", {}, h("h2", {}, "Recent matches"), this.recent,
        h("label", { class: "replay-file muted" }, "Open a replay file: ", fileInput, fileError)),
      h("section", {}, h("h2", {}, "Leaderboard ", ...this.periodButtons), this.board));
    parent.append(this.root);
  }

  async refresh(): Promise<void> {
    await Promise.all([this.loadRecent(), this.loadBoard()]);
  }

  private async loadRecent(): Promise<void> {
    try {
      const matches = await recordsApi.recent(RECENT_MATCHES);
      setChildren(this.recent, matches.length === 0 ? h("p", { class: "muted" }, "No matches played yet.") : matchTable(matches));
    } catch (error) {
      setChildren(this.recent, h("p", { class: "muted" }, `Match history unavailable: ${(error as Error).message}`));
    }
  }

  private async loadBoard(): Promise<void> {
    for (const b of this.periodButtons) b.classList.toggle("primary", b.dataset.period === this.period);
    try {
      const rows = (await recordsApi.leaderboard(this.period)).slice(0, LEADERBOARD_ROWS);
      setChildren(this.board, rows.length === 0 ? h("p", { class: "muted" }, "Nobody on the board yet.") : boardTable(rows));
    } catch (error) {
      setChildren(this.board, h("p", { class: "muted" }, `Leaderboard unavailable: ${(error as Error).message}`));
    }
  }
}

function matchTable(matches: MatchJson[]): HTMLElement {
  return h("table", { class: "records-table" },
    h("thead", {}, h("tr", {}, h("th", {}, "When"), h("th", {}, "Winner"), h("th", {}, "Players"), h("th", {}, "Ended"))),
    h("tbody", {}, ...matches.map((m) => h("tr", {},
      h("td", {}, h("a", { attrs: { href: `?match=${m.id}`, "data-testid": `match-link-${m.id}` } }, when(m.endedAt))),
      h("td", {}, m.winner ?? "—"),
      h("td", { class: "num" }, String(m.players.length)),
      h("td", {}, END_REASON[m.endReason])))));
}

function boardTable(rows: LeaderboardRowJson[]): HTMLElement {
  return h("table", { class: "records-table" },
    h("thead", {}, h("tr", {}, h("th", {}, "#"), h("th", {}, "Player"), h("th", {}, "Wins"), h("th", {}, "Frags"), h("th", {}, "K/D"), h("th", {}, "Matches"))),
    h("tbody", {}, ...rows.map((r, i) => h("tr", {},
      h("td", { class: "rank" }, String(i + 1)), h("td", {}, r.name), h("td", { class: "num" }, String(r.wins)),
      h("td", { class: "num" }, String(r.frags)), h("td", { class: "num" }, r.kd.toFixed(2)), h("td", { class: "num" }, String(r.matches))))));
}
