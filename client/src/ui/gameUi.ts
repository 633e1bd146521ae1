// Browser client: the DOM layer over a game in progress: toolbar, chat, scoreboard (Tab) and
// results screen, share panel, spectator bar, and their keys (Enter, Tab, Esc, I). Run by App.

import type { GameSession, SessionListeners } from "../../net/GameSession.js";
import { ChatBox } from "./chat.js";
import type { Dialogs } from "./dialog.js";
import { button, h } from "./dom.js";
import { NetGraph } from "./netGraph.js";
import { ScorePanel } from "./scoreboard.js";
import { SharePanel } from "./sharePanel.js";
import { SpectatorBar, type SpectatorCameraControl } from "./spectatorBar.js";

/** How often the panels are refreshed, ms (scores, time left, seats). */
const REFRESH_MS = 250;

export interface GameUiHooks {
  /** The player confirmed leaving. */
  leave(): void;
  /** Game keys on (false while typing or in a dialog). */
  inputEnabled(enabled: boolean): void;
  /** Whether the on-screen sticks should show for a player. */
  touchScreen(): boolean;
  /** Show or hide the on-screen sticks. */
  showSticks(visible: boolean): void;
}

export interface AttachOptions {
  shareLink: string;
  isPrivate: boolean;
  /** Open the share panel at once (just created a private room). */
  openShare: boolean;
}

export class GameUi {
  readonly root: HTMLElement;
  private readonly hooks: GameUiHooks;
  private readonly dialogs: Dialogs;
  private readonly chat: ChatBox;
  private readonly scores: ScorePanel;
  private readonly share: SharePanel;
  private readonly spectator: SpectatorBar;
  private readonly camera: SpectatorCameraControl;
  private readonly roomButton: HTMLButtonElement;
  private readonly netGraph: NetGraph;
  private session: GameSession | null = null;
  private tabHeld = false;
  /** The share panel opened by itself (new private room): it steps aside when the match starts. */
  private shareAutoOpened = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(parent: HTMLElement, dialogs: Dialogs, camera: SpectatorCameraControl, hooks: GameUiHooks) {
    this.hooks = hooks;
    this.dialogs = dialogs;
    this.camera = camera;
    this.roomButton = button("Room", () => this.share.toggle(), { class: "btn small", hint: "I", id: "room-button" });
    const toolbar = h("div", { class: "toolbar" },
      this.roomButton,
      button("Scores", () => { this.tabHeld = !this.tabHeld; this.refresh(); }, { class: "btn small", hint: "Tab" }),
      button("Chat", () => this.chat.open(), { class: "btn small", hint: "Enter" }),
      button("Net", () => this.netGraph.toggle(), { class: "btn small net-button", hint: "F3", id: "net-button" }),
      button("Leave", () => this.confirmLeave(), { class: "btn small", hint: "Esc", id: "leave" }));
    this.root = h("div", { class: "game-ui", attrs: { "data-testid": "game-ui" } }, toolbar,
      h("div", { class: "rotate-hint" }, "Turn your phone sideways for a bigger arena."));
    this.scores = new ScorePanel(this.root);
    this.netGraph = new NetGraph(this.root);
    this.share = new SharePanel(this.root, {
      add: () => this.session?.changeBots("add"),
      remove: () => this.session?.changeBots("remove"),
      difficulty: (difficulty) => this.session?.changeBots({ difficulty }),
    });
    this.spectator = new SpectatorBar(this.root, camera, () => this.session?.takeSeat());
    this.chat = new ChatBox(this.root, {
      send: (text) => this.session?.say(text) ?? { ok: false, error: "not in a room" },
      colorOf: (id) => this.session?.room.state.players.get(id)?.color,
      typing: (active) => this.hooks.inputEnabled(!active && !this.dialogs.open),
    });
    // A clicked toolbar button keeps focus; Enter or Space would press it again instead of chatting.
    this.root.addEventListener("click", (event) => {
      if (event.target instanceof Element) event.target.closest("button")?.blur();
    });
    this.root.hidden = true;
    parent.append(this.root);
    window.addEventListener("keydown", (e) => this.onKey(e, true));
    window.addEventListener("keyup", (e) => this.onKey(e, false));
    window.addEventListener("blur", () => { this.tabHeld = false; });
  }

  /** Show the UI of `session` (a fresh room: chat and panels start empty). */
  attach(session: GameSession, options: AttachOptions): void {
    this.session = session;
    this.chat.clear();
    this.tabHeld = false;
    this.share.set(session.code, options.shareLink, options.isPrivate);
    this.share.toggle(options.openShare);
    this.shareAutoOpened = options.openShare;
    this.roomButton.firstChild!.textContent = `Room ${session.code}`;
    this.netGraph.attach(session);
    this.root.hidden = false;
    clearInterval(this.timer);
    this.timer = setInterval(() => this.refresh(), REFRESH_MS);
    this.refresh();
  }

  detach(): void {
    this.session = null;
    this.netGraph.detach();
    clearInterval(this.timer);
    this.chat.clear();
    this.root.hidden = true;
    this.hooks.showSticks(false);
  }

  /** The UI's share of a session's listeners: chat lines, notices, seat changes. */
  listeners(): Pick<SessionListeners, "chat" | "notice" | "role"> {
    return {
      chat: (line) => this.chat.add(line),
      notice: (text) => this.chat.notice(text),
      role: (spectator) => {
        this.chat.notice(spectator ? "You are spectating." : "You took a seat: good luck!");
        this.refresh();
      },
    };
  }

  /** A note for this player in the chat area (e.g. "Reconnected"). */
  notice(text: string): void {
    this.chat.notice(text);
  }

  private refresh(): void {
    const session = this.session;
    if (!session) return;
    const match = session.match();
    const results = match.phase === "results";
    if (this.shareAutoOpened && match.phase !== "waiting") {
      this.shareAutoOpened = false;
      this.share.toggle(false);
    }
    this.scores.render(results ? "results" : this.tabHeld ? "tab" : "hidden", session.scoreboard(), match);
    this.share.updateBots({ owner: session.ownsRoom, bots: match.bots, seatFree: match.botSeatFree, difficulty: session.botDifficulty });
    this.chat.setPinned(results);
    this.chat.refresh(performance.now());
    this.spectator.update(session.isSpectator, this.camera.following(), match);
    this.root.classList.toggle("spectating", session.isSpectator);
    this.hooks.showSticks(!session.isSpectator && this.hooks.touchScreen());
  }

  private confirmLeave(): void {
    this.dialogs.ask("Leave the match?", "Your seat is given up and your score is lost.", [
      { label: "Stay", cancel: true, run: () => this.hooks.inputEnabled(true) },
      { label: "Leave", primary: true, run: () => this.hooks.leave() },
    ]);
    this.hooks.inputEnabled(false);
  }

  private onKey(event: KeyboardEvent, down: boolean): void {
    if (!this.session) return;
    // In a dialog, Tab moves between its buttons and Esc cancels it.
    if (this.dialogs.open) {
      if (down && event.key === "Escape") this.dialogs.escape();
      return;
    }
    if (event.key === "Tab") {
      event.preventDefault();
      if (this.tabHeld !== down) {
        this.tabHeld = down;
        this.refresh();
      }
      return;
    }
    if (!down) return;
    if (event.key === "F3") {
      event.preventDefault(); // the browser's "find again"
      this.netGraph.toggle();
    } else if (event.key === "Enter") {
      event.preventDefault();
      this.chat.open();
    } else if (event.key === "Escape") {
      event.preventDefault();
      if (this.share.open) this.share.toggle(false);
      else this.confirmLeave();
    } else if (event.key === "i" || event.key === "I") {
      this.share.toggle();
    }
  }
}
