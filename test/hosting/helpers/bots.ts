// Tests: bots on the real client netcode (GameSession + headless loop), for servers in other
// processes.

import { Client } from "@colyseus/sdk";
import "../../../node/webSocketGlobal.js";
import { GameSession, type JoinRequest } from "../../../client/net/GameSession.js";
import { runHeadless, type HeadlessLoop } from "../../../client/net/headlessLoop.js";


export interface Bot {
  session: GameSession;
  loop: HeadlessLoop;
  /** Close code and reason once the server closed the connection. */
  left?: { code: number; reason?: string; at: number };
  stop(): Promise<void>;
}

/** Join and play: run in circles and fire, like a player who stays in the game. */
export async function startBot(url: string, request: JoinRequest): Promise<Bot> {
  const session = await GameSession.join(new Client(url), request);
  const phase = Math.random() * 2 * Math.PI;
  const loop = runHeadless(session, (_s, now) => ({
    moveX: Math.cos(now / 400 + phase), moveY: Math.sin(now / 400 + phase), aim: (now / 700) % (2 * Math.PI), fire: true,
  }));
  const bot: Bot = {
    session,
    loop,
    stop: async () => {
      loop.stop();
      await session.leave().catch(() => undefined);
    },
  };
  session.room.onLeave((code, reason) => {
    bot.left = { code, reason, at: Date.now() };
    loop.stop();
  });
  return bot;
}
