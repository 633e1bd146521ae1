// Browser client: the scoreboard: held open with Tab during play, and the results screen between
// matches (winner, final scores, countdown to the next match). Run by GameUi.

import type { MatchView, ScoreRow } from "../../net/matchView.js";
import { formatClock } from "../../net/matchView.js";
import { css, playerColor } from "../palette.js";
import { h, setChildren } from "./dom.js";

export type ScoreMode = "hidden" | "tab" | "results";

export class ScorePanel {
  readonly root: HTMLElement;
  private readonly title: HTMLElement;
  private readonly subtitle: HTMLElement;
  private readonly body: HTMLTableSectionElement;
  private readonly footer: HTMLElement;
  private mode: ScoreMode = "hidden";

  constructor(parent: HTMLElement) {
    this.title = h("h2", { class: "score-title" });
    this.subtitle = h("p", { class: "score-subtitle" });
    this.body = h("tbody");
    this.footer = h("p", { class: "score-footer" });
    this.root = h("div", { class: "score-layer", attrs: { "data-testid": "scoreboard" } },
      h("div", { class: "card score-card" },
        this.title, this.subtitle,
        h("table", { class: "score-table" },
          h("thead", {}, h("tr", {}, h("th", {}, "#"), h("th", { class: "name-col" }, "Player"), h("th", {}, "Frags"), h("th", {}, "Deaths"))),
          this.body),
        this.footer));
    this.root.hidden = true;
    parent.append(this.root);
  }

  get shown(): ScoreMode {
    return this.mode;
  }

  /** Show the panel as `mode` with the current `rows` and `match`. */
  render(mode: ScoreMode, rows: readonly ScoreRow[], match: MatchView): void {
    this.mode = mode;
    this.root.hidden = mode === "hidden";
    this.root.classList.toggle("results", mode === "results");
    if (mode === "hidden") return;
    // The server names the leader; if they left before the results, the best row stands in.
    const winner = rows.find((r) => r.id === match.winner) ?? rows[0];
    if (mode === "results") {
      this.title.textContent = `Match ${match.match} over`;
      this.subtitle.textContent = verdict(rows, winner);
    } else {
      this.title.textContent = "Scoreboard";
      this.subtitle.textContent = match.phase === "playing"
        ? `Match ${match.match} · first to ${match.fragLimit} frags${match.secondsLeft !== null ? ` · ${formatClock(match.secondsLeft)} left` : ""}`
        : match.phase === "countdown" ? "Match starting…" : "Waiting for players";
    }
    const crowned = mode === "results" && winner !== undefined && verdictIsWin(rows, winner);
    setChildren(this.body, ...rows.map((row, i) => this.row(row, i + 1, crowned && row.id === winner.id)));
    const watching = `${match.spectators} watching`;
    this.footer.textContent = mode === "results"
      ? `${match.secondsLeft !== null ? `Next match in ${Math.ceil(match.secondsLeft)} s` : "Next match when 2 players are in"} · ${watching}`
      : `${match.players} playing · ${watching}`;
  }

  private row(row: ScoreRow, rank: number, winner: boolean): HTMLTableRowElement {
    const dot = h("span", { class: "dot" });
    dot.style.background = css(playerColor(row.color));
    const classes = ["score-row", row.isSelf ? "self" : "", winner ? "winner" : "", row.connected ? "" : "away"].filter(Boolean).join(" ");
    return h("tr", { class: classes },
      h("td", { class: "rank" }, winner ? "★" : String(rank)),
      h("td", { class: "name-col" }, dot, h("span", { class: "name" }, row.name),
        row.isSelf ? h("span", { class: "tag" }, "you") : null,
        row.bot ? h("span", { class: "tag bot" }, "bot") : null,
        row.connected ? null : h("span", { class: "tag warn" }, row.standIn ? "reconnecting · bot plays" : "reconnecting")),
      h("td", { class: "num" }, String(row.frags)),
      h("td", { class: "num" }, String(row.deaths)));
  }
}

/** The winner stands alone at the top; a shared top score (or nobody scoring) is a draw. */
function verdictIsWin(rows: readonly ScoreRow[], winner: ScoreRow): boolean {
  return winner.frags > 0 && rows.every((r) => r.id === winner.id || r.frags < winner.frags);
}

function verdict(rows: readonly ScoreRow[], winner: ScoreRow | undefined): string {
  if (winner && verdictIsWin(rows, winner)) return `★ ${winner.name} wins with ${winner.frags} frag${winner.frags === 1 ? "" : "s"}`;
  const top = rows[0]?.frags ?? 0;
  return top === 0 ? "No frags this match: a draw" : `A draw at ${top} frag${top === 1 ? "" : "s"}`;
}
