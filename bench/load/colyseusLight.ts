// Bench load child: the lightweight Colyseus client (Skirmish and Minimal Colyseus): the real SDK
// for matchmaking, the handshake and sending inputs (Skirmish: `room.input()`, as the game client
// sends them; minimal: `room.send("input", …)`), but state messages and events are counted and
// dropped before the SDK decodes them: no Predict, no schema decoding. Only Skirmish's TIMED
// prefix (server clock, input ack) still reaches the SDK, so its input handle stamps and acks.

import type { Room } from "@colyseus/sdk";
import { joinOptionsOf } from "../../client/net/join.js";
import { INTERP_DELAY_MS } from "../../shared/constants.js";
import { ROOM_NAME } from "../../shared/protocol.js";
import type { PlayerInput } from "../../shared/schema.js";
import { MINIMAL_INPUT } from "../common/contracts.js";
import { FirstState, JOIN_TIMEOUT_MS, type ClientOptions, type LoadClient } from "./loadClient.js";
import { InputScript, type Command } from "./scripts.js";
import { socketOfRoom, TappedClient } from "./tappedClient.js";
import { Code, CODE_MASK, TIMED, TIMED_HEADER_BYTES } from "../common/protocolBytes.js";
import { kindOfBinary } from "./traffic.js";

type Data = ArrayBuffer | Uint8Array;

/** Colyseus' PING code: the SDK reads a TIMED prefix on any frame, and does nothing else with an unsolicited PING. */
const PING = Code.PING;

function bytesOf(data: Data): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

/** Skirmish rooms the bench opens keep playing one long match: no results screen (where shots do
 *  no damage) falls into a measurement window. */
const SKIRMISH_MATCH = { matchSeconds: 1800, fragLimit: 100 };

/** The options the game client would send for this join (client/net/join.ts), or a template client's. */
function joinOptions(options: ClientOptions, skirmish: boolean): Record<string, unknown> {
  const t = options.target;
  if (!skirmish) return { name: options.name };
  return joinOptionsOf(t.how === "create" ? { name: options.name, create: true, ...SKIRMISH_MATCH, bots: options.roomBots }
    : t.how === "room" ? { name: options.name, roomId: t.roomId }
      : { name: options.name });
}

/** Join with the SDK (the client's taps see every frame). Shared by light clients and probes. */
export async function joinRoom(client: TappedClient, options: ClientOptions, skirmish: boolean): Promise<Room<unknown, unknown>> {
  const sent = joinOptions(options, skirmish);
  const t = options.target;
  return t.how === "create" ? client.create<unknown>(ROOM_NAME, sent)
    : t.how === "room" ? client.joinById<unknown>(t.roomId, sent)
      : client.joinOrCreate<unknown>(ROOM_NAME, sent);
}

/** Join, report the first close to `options.onClose`, wait for the first state, and count the
 *  socket's wire bytes. Shared by light clients and probes. */
export async function joinWatched(client: TappedClient, options: ClientOptions, skirmish: boolean, first: FirstState): Promise<WatchedRoom> {
  const room = await joinRoom(client, options, skirmish);
  const watched: WatchedRoom = {
    room,
    open: true,
    close() {
      watched.open = false;
      room.connection?.close();
    },
  };
  room.onLeave((code) => {
    if (!watched.open) return;
    watched.open = false;
    options.onClose(code);
  });
  await first.wait(JOIN_TIMEOUT_MS);
  options.traffic.watch(socketOfRoom(room));
  return watched;
}

/** A joined room and whether it is still open (closed by us, or by the server). */
export interface WatchedRoom {
  room: Room<unknown, unknown>;
  open: boolean;
  close(): void;
}

export async function joinColyseusLight(options: ClientOptions & { skirmish: boolean; moving: boolean }): Promise<LoadClient> {
  const started = performance.now();
  const first = new FirstState();
  const traffic = options.traffic;
  const clock = new Uint8Array(TIMED_HEADER_BYTES);
  const client = new TappedClient(options.url, {
    send(data, forward) {
      traffic.sent(data.byteLength);
      forward(data);
    },
    receive(event, forward) {
      const data = bytesOf(event.data);
      const bytes = data.byteLength;
      const byte0 = data[0];
      const kind = kindOfBinary(byte0, bytes);
      traffic.received(kind, bytes);
      if (first.at === 0) first.message(bytes, kind === "state");
      const code = byte0 & CODE_MASK;
      if (code === Code.ROOM_STATE || code === Code.ROOM_STATE_PATCH) {
        if (!(byte0 & TIMED)) return;
        // Only the clock sample and input ack, as a PING the SDK otherwise ignores.
        clock.set(data.subarray(0, TIMED_HEADER_BYTES));
        clock[0] = PING | TIMED;
        forward({ data: clock });
      } else if (code !== Code.ROOM_DATA && code !== Code.ROOM_DATA_BYTES) {
        forward(event);
      }
    },
  }, true);
  const joined = await joinWatched(client, options, options.skirmish, first);
  const room = joined.room;

  const script = new InputScript(options.seed, options.bot);
  const command: Command = { moveX: 0, moveY: 0, aim: 0, fire: false };
  let send: () => void;
  if (options.skirmish) {
    // As client/net/GameSession sends them: reliable, stamped for lag compensation when firing.
    const input = room.input<PlayerInput>({ mode: "reliable", renderDelay: INTERP_DELAY_MS, allowRewind: (d) => d.fire });
    send = () => {
      const d = input.data;
      d.moveX = command.moveX; d.moveY = command.moveY; d.aim = command.aim; d.fire = command.fire;
      input.send();
    };
  } else {
    send = () => room.send(MINIMAL_INPUT, command);
  }
  return {
    roomId: room.roomId,
    joinMs: first.at - started,
    joinMessages: first.messages,
    step: options.moving ? () => {
      if (!joined.open) return false;
      script.next(command);
      send();
      return true;
    } : undefined,
    close: () => joined.close(),
  };
}
