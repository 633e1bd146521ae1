// Tests: real client sessions (the browser's netcode, in Node) that a test file leaves at the end.

import { Client } from "@colyseus/sdk";
import { GameSession, type JoinRequest, type SessionListeners } from "../../client/net/GameSession.js";

export class Sessions {
  readonly list: GameSession[] = [];
  private readonly url: () => string;

  /** `url` is read at each join (servers start in beforeAll). */
  constructor(url: () => string) {
    this.url = url;
  }

  async join(request: JoinRequest = {}, listeners?: SessionListeners): Promise<GameSession> {
    const session = await GameSession.join(new Client(this.url()), request, listeners);
    this.list.push(session);
    return session;
  }

  async leaveAll(): Promise<void> {
    await Promise.all(this.list.map((s) => s.leave().catch(() => undefined)));
    this.list.length = 0;
  }
}
