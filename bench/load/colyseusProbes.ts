// Bench load child: latency probes that decode the full state. Skirmish: a full game client
// (client/net/GameSession + NetProbe: prediction, reconciliation, interpolation) on the probe's
// stop-and-go script. Minimal Colyseus: the SDK with state decoding, inputs by `room.send`.

import type { Tap } from "../../client/net/connectionTap.js";
import { GameSession } from "../../client/net/GameSession.js";
import { runHeadless } from "../../client/net/headlessLoop.js";
import { NetProbe } from "../../client/net/NetProbe.js";
import { MINIMAL_INPUT } from "../common/contracts.js";
import { joinWatched } from "./colyseusLight.js";
import { FirstState, JOIN_TIMEOUT_MS, type ClientOptions, type LoadClient } from "./loadClient.js";
import { ReactionTimer } from "./reactionTimer.js";
import { probeCommand, type Command } from "./scripts.js";
import { socketOfRoom, TappedClient } from "./tappedClient.js";
import { kindOfBinary, type Traffic } from "./traffic.js";

/** Counts every frame and passes it on untouched. */
function countingTap(traffic: Traffic, first: FirstState): Tap {
  return {
    send(data, forward) {
      traffic.sent(data.byteLength);
      forward(data);
    },
    receive(event, forward) {
      const data = event.data;
      const byte0 = data instanceof Uint8Array ? data[0] : new Uint8Array(data, 0, 1)[0];
      const kind = kindOfBinary(byte0, data.byteLength);
      traffic.received(kind, data.byteLength);
      first.message(data.byteLength, kind === "state");
      forward(event);
    },
  };
}

interface OwnPlayer {
  vx: number;
  alive: boolean;
}

/** The own player in a reflected (schema-less) state, if the state has a `players` map. */
function ownPlayer(state: unknown, sessionId: string): OwnPlayer | undefined {
  const players = (state as { players?: { get(id: string): OwnPlayer | undefined } } | undefined)?.players;
  return players?.get(sessionId);
}

export async function joinSkirmishProbe(options: ClientOptions): Promise<LoadClient> {
  if (options.target.how !== "room") throw new Error("a probe joins an existing room");
  const started = performance.now();
  const first = new FirstState();
  const client = new TappedClient(options.url, countingTap(options.traffic, first));
  const session = await GameSession.join(client, { name: options.name, roomId: options.target.roomId });
  await first.wait(JOIN_TIMEOUT_MS);
  options.traffic.watch(socketOfRoom(session.room));
  const netProbe = new NetProbe(session);
  const timer = new ReactionTimer();
  let updates = 0;
  session.room.onStateChange(() => {
    updates++;
    const me = session.room.state.players.get(session.sessionId);
    if (me) timer.observed(me.vx, me.alive, performance.now());
  });
  let open = true;
  session.listeners.left = (code) => {
    if (!open) return;
    open = false;
    loop.stop();
    options.onClose(code);
  };
  const command: Command = { moveX: 0, moveY: 0, aim: 0, fire: false };
  let reported = 0;
  const loop = runHeadless(session, (s) => {
    probeCommand(s.inputsSent, command);
    return command;
  }, {
    afterFrame: (now) => {
      netProbe.frame(now);
      for (; reported < session.inputsSent; reported++) timer.sent(reported, now);
    },
  });
  return {
    roomId: session.room.roomId,
    joinMs: first.at - started,
    joinMessages: first.messages,
    takeProbe: () => {
      const s = netProbe.samples;
      const out = { ...timer.take(), updates, corrections: s.corrections.splice(0), acks: s.ackLatencies.splice(0) };
      updates = 0;
      return out;
    },
    close: () => {
      open = false;
      loop.stop();
      session.room.connection?.close();
    },
  };
}

export async function joinMinimalProbe(options: ClientOptions): Promise<LoadClient> {
  const started = performance.now();
  const first = new FirstState();
  const client = new TappedClient(options.url, countingTap(options.traffic, first));
  const joined = await joinWatched(client, options, false, first);
  const room = joined.room;
  const timer = new ReactionTimer();
  let updates = 0;
  room.onMessage("*", () => undefined); // shots and frags: decoded, not needed
  room.onStateChange((state: unknown) => {
    updates++;
    const me = ownPlayer(state, room.sessionId);
    if (me) timer.observed(me.vx, me.alive, performance.now());
  });
  const command: Command = { moveX: 0, moveY: 0, aim: 0, fire: false };
  let step = 0;
  return {
    roomId: room.roomId,
    joinMs: first.at - started,
    joinMessages: first.messages,
    step: () => {
      if (!joined.open) return false;
      probeCommand(step, command);
      room.send(MINIMAL_INPUT, command);
      timer.sent(step++, performance.now());
      return true;
    },
    takeProbe: () => {
      const out = { ...timer.take(), updates, corrections: [], acks: [] };
      updates = 0;
      return out;
    },
    close: () => joined.close(),
  };
}
