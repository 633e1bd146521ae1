// Browser client: the match page (?match=ID, shareable): the final scoreboard and *Watch replay*,
// which re-simulates the match in the arena view with pause, 0.5×–4× speed, a timeline to scrub
// and follow-a-player. Run by App when the address names a match.

import { ARENA } from "../../../shared/arena.js";
import type { ArenaScene } from "../scenes/ArenaScene.js";
import type { SkirmishHook } from "../testHook.js";
import { button, h, setChildren } from "../ui/dom.js";
import { END_REASON, readReplayFile, recordsApi, type MatchJson } from "./recordsApi.js";
import { REPLAY_SPEEDS, ReplayPlayback } from "./ReplayPlayback.js";

export class MatchPage {
  private readonly card: HTMLElement;
  private readonly bar: HTMLElement;
  private playback: ReplayPlayback | null = null;
  private uiTimer: ReturnType<typeof setInterval> | undefined;

  /** The arena scene, once loaded (replays play in it). */
  private scene!: ArenaScene;

  /** `arenaScene`: loads the arena (behind the start screen) and gives its scene. */
  constructor(parent: HTMLElement, private readonly arenaScene: () => Promise<ArenaScene>, private readonly hook: SkirmishHook) {
    this.card = h("div", { class: "screen match-page", attrs: { "data-testid": "match-page" } });
    this.bar = h("div", { class: "replay-bar card", attrs: { "data-testid": "replay-bar" } });
    this.card.hidden = true;
    this.bar.hidden = true;
    parent.append(this.card, this.bar);
  }

  async open(id: number): Promise<void> {
    this.hook.screen = "match";
    this.card.hidden = false;
    setChildren(this.card, h("div", { class: "card match-card" }, h("p", {}, `Loading match ${id}…`)));
    try {
      this.render(await recordsApi.match(id));
    } catch (error) {
      this.hook.error = (error as Error).message;
      setChildren(this.card, h("div", { class: "card match-card" },
        h("h1", {}, "Match not found"), h("p", { class: "start-message error" }, (error as Error).message), this.backLink()));
    }
  }

  private render(m: MatchJson): void {
    const minutes = (Date.parse(m.endedAt) - Date.parse(m.startedAt)) / 60_000;
    const watch = button("Watch replay", () => void this.watch(m, watch), { class: "btn primary big", id: "watch-replay" });
    watch.disabled = !m.hasReplay;
    setChildren(this.card, h("div", { class: "card match-card" },
      h("h1", {}, m.winner ? `${m.winner} wins` : m.endReason === "interrupted" ? "Interrupted" : "A draw"),
      h("p", { class: "score-subtitle" },
        `Match ${m.id} · room ${m.room} · ${new Date(m.startedAt).toLocaleString()} · ${minutes.toFixed(1)} min · ended by ${END_REASON[m.endReason]} · first to ${m.rules.fragLimit}`),
      h("table", { class: "score-table", attrs: { "data-testid": "match-scoreboard" } },
        h("thead", {}, h("tr", {}, h("th", {}, "#"), h("th", { class: "name-col" }, "Player"),
          h("th", {}, "Frags"), h("th", {}, "Deaths"), h("th", {}, "Shots"), h("th", {}, "Hits"), h("th", {}, "Accuracy"))),
        h("tbody", {}, ...m.players.map((p, i) => h("tr", {},
          h("td", { class: "rank" }, String(i + 1)),
          h("td", { class: "name-col" }, p.name, p.bot ? h("span", { class: "tag" }, "bot") : null, p.winner ? h("span", { class: "tag" }, "winner") : null),
          h("td", { class: "num" }, String(p.frags)), h("td", { class: "num" }, String(p.deaths)),
          h("td", { class: "num" }, String(p.shots)), h("td", { class: "num" }, String(p.hits)),
          h("td", { class: "num" }, p.shots ? `${Math.round((100 * p.hits) / p.shots)} %` : "—"))))),
      m.hasReplay ? null : h("p", { class: "muted" }, "The replay of this match is no longer kept."),
      watch,
      h("p", { class: "start-message", attrs: { "data-testid": "match-message" } }),
      this.backLink()));
  }

  private async watch(m: MatchJson, watch: HTMLButtonElement): Promise<void> {
    watch.disabled = true;
    const message = this.card.querySelector("[data-testid=match-message]")!;
    message.textContent = "Loading the replay…";
    try {
      const [replay, scene] = await Promise.all([recordsApi.replay(m.id), this.arenaScene()]);
      this.scene = scene;
      const playback = new ReplayPlayback(replay, ARENA);
      this.playback = playback;
      this.card.hidden = true;
      this.scene.attachReplay(playback);
      this.hook.screen = "replay";
      this.buildBar(playback, "Scoreboard", () => this.closeReplay());
    } catch (error) {
      message.textContent = `Cannot play this replay: ${(error as Error).message}`;
      watch.disabled = false;
    }
  }

  /** Play a replay file chosen on the start screen (one `npm run replay -- export` wrote). */
  async openFile(file: File): Promise<void> {
    const [replay, scene] = await Promise.all([readReplayFile(new Uint8Array(await file.arrayBuffer())), this.arenaScene()]);
    this.scene = scene;
    const playback = new ReplayPlayback(replay, ARENA);
    this.playback = playback;
    this.scene.attachReplay(playback);
    this.hook.screen = "replay";
    this.buildBar(playback, "Close", () => window.location.assign(window.location.pathname));
  }

  private buildBar(playback: ReplayPlayback, closeLabel: string, onClose: () => void): void {
    const play = button("Pause", () => { playback.playing = !playback.playing; }, { class: "btn small", id: "replay-play" });
    const speeds = REPLAY_SPEEDS.map((speed) => button(`${speed}×`, () => { playback.speed = speed; }, { class: "btn small", id: `replay-speed-${speed}` }));
    const timeline = h("input", { class: "replay-timeline", attrs: { type: "range", min: "0", max: String(playback.totalTicks), value: "0", "aria-label": "Timeline", "data-testid": "replay-timeline" } });
    timeline.addEventListener("input", () => playback.seek(Number(timeline.value)));
    const clock = h("span", { class: "replay-clock", attrs: { "data-testid": "replay-clock" } });
    const follow = h("select", { class: "field small", attrs: { "aria-label": "Follow", "data-testid": "replay-follow" } },
      h("option", { attrs: { value: "" } }, "Whole arena"),
      ...playback.roster.map((p) => h("option", { attrs: { value: String(p.slot) } }, `Follow ${p.name}`)));
    follow.addEventListener("change", () => this.scene.followInReplay(follow.value === "" ? null : follow.value));
    const status = h("span", { class: "replay-status", attrs: { "data-testid": "replay-status" } });
    const close = button(closeLabel, onClose, { class: "btn small", id: "replay-close" });
    setChildren(this.bar, play, ...speeds, timeline, clock, follow, status, close);
    this.bar.hidden = false;
    const seconds = (ticks: number) => {
      const s = Math.floor(ticks / playback.tickRate);
      return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
    };
    const refresh = () => {
      play.textContent = playback.finished ? "Ended" : playback.playing ? "Pause" : "Play";
      for (const [i, b] of speeds.entries()) b.classList.toggle("primary", REPLAY_SPEEDS[i] === playback.speed);
      if (document.activeElement !== timeline) timeline.value = String(playback.tick);
      clock.textContent = `${seconds(playback.tick)} / ${seconds(playback.totalTicks)}`;
      status.textContent = playback.desyncTick === null ? "✓ matches the server" : `⚠ differs from the server at tick ${playback.desyncTick}`;
      this.hook.replay = { tick: playback.tick, total: playback.totalTicks, playing: playback.playing, speed: playback.speed, desyncTick: playback.desyncTick };
    };
    refresh();
    this.uiTimer = setInterval(refresh, 100);
  }

  private closeReplay(): void {
    clearInterval(this.uiTimer);
    this.playback = null;
    this.bar.hidden = true;
    this.scene.detach();
    this.card.hidden = false;
    this.hook.screen = "match";
    const watch = this.card.querySelector<HTMLButtonElement>("[data-testid=watch-replay]");
    if (watch) watch.disabled = false;
    const message = this.card.querySelector("[data-testid=match-message]");
    if (message) message.textContent = "";
  }

  private backLink(): HTMLElement {
    return h("a", { class: "btn wide", attrs: { href: window.location.pathname, "data-testid": "match-back" } }, "Back to Skirmish");
  }
}
