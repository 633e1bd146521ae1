// Browser client: keeps the start screen's list of open rooms live while it shows: subscribes
// to the lobby, retries when it is unreachable, lets go when a game starts. Run by App.

import type { Client } from "@colyseus/sdk";
import { RoomDirectory } from "../net/lobby.js";
import type { StartScreen } from "./ui/startScreen.js";

/** Wait before asking the lobby again after it failed, ms. */
const LOBBY_RETRY_MS = 3000;

export class LiveRooms {
  private readonly client: Client;
  private readonly start: StartScreen;
  private directory: RoomDirectory | null = null;
  private subscribing = false;
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor(client: Client, start: StartScreen) {
    this.client = client;
    this.start = start;
  }

  /** Start (or keep) listening; the list shows "Looking for rooms…" until the lobby answers. */
  async watch(): Promise<void> {
    if (this.directory || this.subscribing || this.retry) return;
    this.subscribing = true;
    this.start.setRooms(null);
    try {
      const directory = await RoomDirectory.subscribe(this.client, {
        change: (rooms) => this.start.setRooms(rooms),
        closed: () => {
          this.directory = null;
          if (this.start.visible) this.retryLater("Lost the room list. Reconnecting…");
        },
      });
      if (!this.start.visible) return void directory.close();
      this.directory = directory;
      this.start.setRooms(directory.rooms);
    } catch {
      this.retryLater("Cannot load the room list (is the server running?). Retrying…");
    } finally {
      this.subscribing = false;
    }
  }

  /** Stop listening (a game started). */
  async stop(): Promise<void> {
    clearTimeout(this.retry);
    this.retry = undefined;
    const directory = this.directory;
    this.directory = null;
    await directory?.close().catch(() => undefined);
  }

  private retryLater(note: string): void {
    this.start.setRooms(null, note);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (this.start.visible) void this.watch();
    }, LOBBY_RETRY_MS);
  }
}
