// Bench load child: clients of the plain `ws` variants. JSON broadcast: inputs as JSON text, the
// state counted (light) or parsed (probe). Raw floor: inputs of Skirmish's size, nothing parsed.

import WebSocket, { type RawData } from "ws";
import type { TrafficProfile } from "../common/contracts.js";
import { QUICK_PLAY } from "../server/roomDirectory.js";
import { FirstState, JOIN_TIMEOUT_MS, type ClientOptions, type LoadClient, type ProbeTake } from "./loadClient.js";
import { ReactionTimer } from "./reactionTimer.js";
import { InputScript, probeCommand, type Command } from "./scripts.js";
import { kindOfBinary, kindOfJson, socketOfWs } from "./traffic.js";

export interface WsClientOptions extends ClientOptions {
  /** JSON broadcast (true) or raw floor (false). */
  json: boolean;
  moving: boolean;
  probe: boolean;
  profile?: TrafficProfile;
}

function roomKey(options: ClientOptions): string {
  const t = options.target;
  if (t.how === "quick") return QUICK_PLAY;
  if (t.how === "room") return t.roomId;
  throw new Error("ws variants name their rooms: pass { how: \"room\" }");
}

export async function joinWs(options: WsClientOptions): Promise<LoadClient> {
  const started = performance.now();
  const first = new FirstState();
  const traffic = options.traffic;
  const key = roomKey(options);
  const url = `${options.url.replace(/^http/, "ws")}/?room=${encodeURIComponent(key)}&name=${encodeURIComponent(options.name)}`;
  const socket = new WebSocket(url, { perMessageDeflate: false });
  let open = true;
  let ownId = "";
  const timer = options.probe ? new ReactionTimer() : undefined;
  let updates = 0;

  socket.on("message", (data: RawData, isBinary: boolean) => {
    const buffer = data as Buffer;
    const kind = isBinary ? kindOfBinary(buffer[0], buffer.length) : kindOfJson(buffer);
    traffic.received(kind, buffer.length);
    first.message(buffer.length, kind === "state");
    if (!timer || isBinary) return;
    // The probe decodes every message in full, as a game client of this server would.
    const message = JSON.parse(buffer.toString()) as { id?: string; players?: Record<string, { vx: number; alive: boolean }> };
    if (kind === "state") ownId = message.id ?? "";
    if (kind !== "update") return;
    updates++;
    const me = message.players?.[ownId];
    if (me) timer.observed(me.vx, me.alive, performance.now());
  });
  socket.on("close", (code: number) => {
    if (!open) return;
    open = false;
    options.onClose(code);
  });
  const failed = new Promise<never>((_, reject) => socket.once("error", (error) => reject(error)));
  await Promise.race([first.wait(JOIN_TIMEOUT_MS), failed]);
  traffic.watch(socketOfWs(socket));

  const command: Command = { moveX: 0, moveY: 0, aim: 0, fire: false };
  const script = new InputScript(options.seed, options.bot);
  const rawInput = Buffer.alloc(Math.max(1, Math.round(options.profile?.up.bytes ?? 1)), 0x55);
  let step = 0;
  const sendInput = (): void => {
    if (options.json) {
      if (timer) probeCommand(step, command);
      else script.next(command);
      const text = JSON.stringify({ type: "input", moveX: command.moveX, moveY: command.moveY, aim: command.aim, fire: command.fire });
      traffic.sent(Buffer.byteLength(text));
      socket.send(text);
    } else {
      traffic.sent(rawInput.length);
      socket.send(rawInput);
    }
    timer?.sent(step, performance.now());
    step++;
  };
  return {
    roomId: key,
    joinMs: first.at - started,
    joinMessages: first.messages,
    step: options.moving ? () => {
      if (!open) return false;
      sendInput();
      return true;
    } : undefined,
    takeProbe: timer ? (): ProbeTake => {
      const out = { ...timer.take(), updates, corrections: [], acks: [] };
      updates = 0;
      return out;
    } : undefined,
    close: () => {
      open = false;
      socket.close();
    },
  };
}
