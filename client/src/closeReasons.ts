// Browser client: why a game connection ended, in words for the dialog that follows. Phaser-free.

import { CloseCode } from "@colyseus/sdk";
import { CloseCode as SkirmishClose } from "../../shared/protocol.js";

/** `seatSeconds`: how long the server held the seat (its configured reconnection window). */
export function describeClose(code: number, reason: string | undefined, seatSeconds: number): { title: string; text: string } {
  switch (code) {
    case CloseCode.FAILED_TO_RECONNECT:
      return {
        title: "Seat lost",
        text: `Could not get back into the room: the seat was given up (the connection was down for more than ${seatSeconds} s, or the room closed).`,
      };
    case SkirmishClose.ServerShutdown:
      return { title: "Server restarting", text: reason || "The server is restarting. Join again in a moment." };
    case SkirmishClose.RoomError:
      return { title: "Room closed", text: reason || "This game hit a server error and was closed. Join again." };
    case CloseCode.WITH_ERROR:
    case SkirmishClose.InvalidPayload:
    case SkirmishClose.ProtocolViolation:
    case SkirmishClose.InputOverrun:
    case SkirmishClose.Flood:
    case SkirmishClose.MessageTooBig:
      return { title: "Disconnected", text: `The server closed the connection${reason ? `: ${reason}` : "."}` };
    default:
      return { title: "Disconnected", text: `The connection to the room ended (${code}${reason ? `: ${reason}` : ""}).` };
  }
}
