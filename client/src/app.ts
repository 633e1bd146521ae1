// Browser client: the flow between the start screen and a game: join modes, join failures
// (full room → spectate?), the seat kept across reloads and drops, leaving; waits for the arena
// (loaded behind the start screen) before a game starts. Run by main.ts.

import type { Client } from "@colyseus/sdk";
import { RECONNECT_SECONDS } from "../../shared/constants.js";
import { ROOM_CODE_LENGTH, checkName, isRoomCode, normalizeRoomCode } from "../../shared/text.js";
import { GameSession, type ConnectionStatus, type JoinRequest, type SessionListeners } from "../net/GameSession.js";
import { explainJoinError } from "../net/join.js";
import { describeClose } from "./closeReasons.js";
import { LiveRooms } from "./liveRooms.js";
import { remembered, shareLink, showRoomInAddress, type PageParams } from "./page.js";
import type { Arena } from "./arena.js";
import type { MatchPage } from "./replay/matchPage.js";
import type { SkirmishHook } from "./testHook.js";
import type { Dialogs } from "./ui/dialog.js";
import type { StartScreen } from "./ui/startScreen.js";

/** A made-up code from ROOM_CODE_ALPHABET, to show what a code looks like. */
const EXAMPLE_CODE = "K7QFX";

export interface AppParts {
  client: Client;
  start: StartScreen;
  dialogs: Dialogs;
  /** The Phaser scene and game UI, loaded behind the start screen (main.ts); the same each call. */
  arena(): Promise<Arena>;
  params: PageParams;
  hook: SkirmishHook;
  matchPage: MatchPage;
}

export class App {
  private readonly p: AppParts;
  private session: GameSession | null = null;
  private loaded: Arena | null = null;
  private readonly rooms: LiveRooms;
  /** Bumped whenever the current session changes: events of an older one are ignored. */
  private generation = 0;
  private reconnectTimer: ReturnType<typeof setInterval> | undefined;

  constructor(parts: AppParts) {
    this.p = parts;
    this.rooms = new LiveRooms(parts.client, parts.start);
  }

  /** First screen: the held seat (reload), `?play=quick`, or the start screen. */
  async boot(): Promise<void> {
    if (this.p.params.match !== null) return this.p.matchPage.open(this.p.params.match);
    const seat = remembered.seat();
    if (seat && await this.rejoin(seat.token, seat.isPrivate)) return;
    const name = checkName(this.p.params.name ?? remembered.name());
    if (this.p.params.quickPlay && name.ok && !this.p.params.netError) return this.quickPlay(name.value);
    this.showStart(this.p.params.netError ?? undefined, this.p.params.room);
  }

  quickPlay(name: string): Promise<void> {
    return this.enter({ name }, "Finding a match…");
  }

  createPrivate(name: string): Promise<void> {
    return this.enter({ name, create: true, private: true }, "Creating your room…", { openShare: true });
  }

  joinCode(name: string, typed: string): Promise<void> {
    const code = normalizeRoomCode(typed);
    if (!isRoomCode(code)) {
      this.p.start.setMessage(`"${typed.trim()}" is not a room code: codes are ${ROOM_CODE_LENGTH} letters and digits, like ${EXAMPLE_CODE}.`, true);
      return Promise.resolve();
    }
    return this.enter({ name, roomId: code }, `Joining room ${code}…`);
  }

  joinListed(name: string, code: string, spectate: boolean): Promise<void> {
    return this.enter({ name, roomId: code, spectate }, `${spectate ? "Watching" : "Joining"} room ${code}…`);
  }

  /** Give up the seat and go back to the start screen (other players see this player leave). */
  async leave(): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.forget();
    await session.leave().catch(() => undefined);
    this.showStart();
  }

  private showStart(message?: string, invite: string | null = null): void {
    const { start, dialogs, hook } = this.p;
    hook.screen = "start";
    this.loaded?.scene.detach();
    this.loaded?.game.detach();
    dialogs.status(null);
    showRoomInAddress(invite);
    start.show({ name: this.p.params.name ?? remembered.name(), invite, message });
    void this.rooms.watch();
  }

  private async enter(request: JoinRequest, progress: string, options: { openShare?: boolean } = {}): Promise<void> {
    const { start, dialogs, hook } = this.p;
    start.setBusy(progress);
    hook.screen = "joining";
    const generation = ++this.generation;
    try {
      await this.loadArena();
      const link = this.p.params.link ?? undefined;
      const session = await GameSession.join(this.p.client, { ...request, link, playerKey: remembered.playerKey() }, this.listeners(generation));
      if (request.name) remembered.setName(request.name);
      this.attach(session, request.private === true, options.openShare === true);
    } catch (error) {
      const failure = explainJoinError(error, request.roomId);
      hook.screen = "start";
      hook.error = failure.message;
      if (!start.visible) this.showStart(); // ?play=quick went straight to joining
      start.setBusy(null);
      start.setMessage("", false);
      if (failure.kind === "players-full" && request.roomId && !request.spectate) {
        dialogs.ask(`Room ${request.roomId} is full`, "All player seats are taken. Watch the match instead? You can take a seat when one frees up.", [
          { label: "Back", cancel: true, run: () => undefined },
          { label: "Spectate", primary: true, run: () => void this.enter({ ...request, spectate: true }, `Watching room ${request.roomId}…`) },
        ]);
      } else if (failure.kind === "other-build") {
        dialogs.ask("The server was updated", failure.message, [{ label: "Reload", primary: true, run: () => location.reload() }]);
      } else {
        start.setMessage(failure.message, true);
      }
    }
  }

  /** Take back the seat saved before a reload. False (and the saved seat forgotten) when it is gone. */
  private async rejoin(token: string, isPrivate: boolean): Promise<boolean> {
    const { dialogs, hook } = this.p;
    hook.screen = "joining";
    dialogs.status("Rejoining your game…");
    const generation = ++this.generation;
    const link = this.p.params.link ? { profile: this.p.params.link } : undefined;
    try {
      await this.loadArena();
      const session = await GameSession.rejoin(this.p.client, token, this.listeners(generation), link);
      dialogs.status(null);
      this.attach(session, isPrivate, false);
      this.arena.game.notice("Welcome back: you are in your seat again.");
      return true;
    } catch {
      remembered.setSeat(null);
      dialogs.status(null);
      return false;
    }
  }

  private attach(session: GameSession, isPrivate: boolean, openShare: boolean): void {
    const { start, hook } = this.p;
    const { scene, game } = this.arena;
    this.session = session;
    void this.rooms.stop();
    start.hide();
    hook.session = session;
    hook.ready = false;
    hook.error = null;
    hook.screen = "game";
    scene.setInputEnabled(true);
    scene.attach(session, () => { hook.ready = true; });
    game.attach(session, { shareLink: shareLink(window.location, session.code), isPrivate, openShare });
    remembered.setSeat({ token: session.reconnectionToken, isPrivate });
    showRoomInAddress(session.code);
  }

  /** The arena, waited for before any session starts (usually loaded long before). */
  private async loadArena(): Promise<Arena> {
    this.loaded = await this.p.arena();
    return this.loaded;
  }

  /** The loaded arena; sessions (and so their events) exist only once it is. */
  private get arena(): Arena {
    if (!this.loaded) throw new Error("the arena is not loaded yet");
    return this.loaded;
  }

  /** Drop the current session from the UI (its later events are ignored). */
  private forget(): void {
    this.generation++;
    this.session = null;
    this.p.hook.session = null;
    this.p.hook.ready = false;
    remembered.setSeat(null);
    clearInterval(this.reconnectTimer);
  }

  /** The session's listeners: scene and UI parts, plus connection handling; all ignored once
   *  the session is no longer the current one. */
  private listeners(generation: number): SessionListeners {
    const all: SessionListeners = {
      ...this.arena.scene.sessionListeners(),
      ...this.arena.game.listeners(),
      connection: (status) => this.onConnection(status),
      left: (code, reason) => this.onLeft(code, reason),
    };
    const current = () => generation === this.generation;
    const guarded: Record<string, unknown> = {};
    for (const [key, fn] of Object.entries(all) as [string, (...args: unknown[]) => void][]) {
      guarded[key] = (...args: unknown[]) => { if (current()) fn(...args); };
    }
    return guarded as SessionListeners;
  }

  private onConnection(status: ConnectionStatus): void {
    const { dialogs } = this.p;
    const { scene, game } = this.arena;
    clearInterval(this.reconnectTimer);
    if (status === "reconnecting") {
      scene.setInputEnabled(false);
      const since = performance.now();
      // The server says how long it holds seats (hosts configure it); the default until it has.
      const window = this.session?.room.state.reconnectSeconds || RECONNECT_SECONDS;
      const show = () => {
        const left = Math.max(0, Math.ceil(window - (performance.now() - since) / 1000));
        dialogs.status("Reconnecting…", `Connection lost. Your seat is held for ${left} s more.`);
      };
      show();
      this.reconnectTimer = setInterval(show, 1000);
    } else if (status === "connected") {
      dialogs.status(null);
      scene.setInputEnabled(!dialogs.open);
      game.notice("Reconnected.");
      const session = this.session;
      if (session) remembered.setSeat({ token: session.reconnectionToken, isPrivate: remembered.seat()?.isPrivate ?? false });
    }
  }

  private onLeft(code: number, reason: string | undefined): void {
    const seatSeconds = this.session?.room.state.reconnectSeconds || RECONNECT_SECONDS;
    this.forget();
    const { title, text } = describeClose(code, reason, seatSeconds);
    this.p.hook.error = text;
    this.p.dialogs.status(null);
    this.p.dialogs.tell(title, text, "Back to start", () => this.showStart());
  }
}
