import { describe, expect, it } from "vitest";
import { JoinError } from "../../shared/protocol.js";
import { WIRE_VERSION } from "../../shared/wireVersion.js";
import { explainJoinError, joinOptionsOf } from "./join.js";

describe("joinOptionsOf", () => {
  it("quick play is a plain joinOrCreate (the server picks a room with a free player seat)", () => {
    expect(joinOptionsOf({ name: "Ann" })).toEqual({ name: "Ann", version: WIRE_VERSION });
  });

  it("create passes the room settings, joining by code passes spectate, and nothing else leaks", () => {
    expect(joinOptionsOf({ name: "Ann", create: true, private: true, matchSeconds: 60, fragLimit: 5, spectate: true }))
      .toEqual({ name: "Ann", private: true, matchSeconds: 60, fragLimit: 5, version: WIRE_VERSION });
    expect(joinOptionsOf({ name: "Bea", roomId: "K7QFX", spectate: true, private: true, fragLimit: 5 }))
      .toEqual({ name: "Bea", spectate: true, version: WIRE_VERSION });
    expect(joinOptionsOf({ roomId: "K7QFX", lagCompensation: false, damage: false, link: { rttMs: 1, jitterMs: 0, loss: 0, kbps: 0 } }))
      .toEqual({ lagCompensation: false, damage: false, version: WIRE_VERSION });
  });
});

describe("explainJoinError", () => {
  const sdkError = (code: number | string, message: string) => Object.assign(new Error(message), { code });

  it("says which code does not exist, and tells a locked room from a missing one", () => {
    expect(explainJoinError(sdkError(522, 'room "QQQQQ" not found'), "QQQQQ")).toEqual({ kind: "no-room", message: "No room with code QQQQQ." });
    expect(explainJoinError(sdkError(522, 'room "QQQQQ" has been disposed.'), "QQQQQ").kind).toBe("no-room");
    expect(explainJoinError(sdkError(522, 'room "QQQQQ" is locked'), "QQQQQ").kind).toBe("room-full");
  });

  it("maps the game's join codes", () => {
    expect(explainJoinError(sdkError(JoinError.PlayersFull, "room full"), "K7QFX").kind).toBe("players-full");
    expect(explainJoinError(sdkError(JoinError.RoomFull, "room full"), "K7QFX").kind).toBe("room-full");
    expect(explainJoinError(sdkError(JoinError.OtherBuild, "the server was updated: reload the page"), "K7QFX"))
      .toEqual({ kind: "other-build", message: expect.stringMatching(/^The server was updated: reload the page/) });
    expect(explainJoinError(sdkError(JoinError.BadOptions, "invalid join options: name: name must be at most 16 characters")))
      .toEqual({ kind: "bad-options", message: "Name must be at most 16 characters" });
    expect(explainJoinError(sdkError(429, "too many rooms created: try again in 20 s"))).toEqual({ kind: "busy", message: "Too many rooms created: try again in 20 s" });
  });

  it("turns network failures into 'cannot reach the server'", () => {
    expect(explainJoinError(sdkError("ECONNREFUSED", "fetch failed")).kind).toBe("unreachable");
    expect(explainJoinError(new TypeError("Failed to fetch")).kind).toBe("unreachable");
    expect(explainJoinError(undefined).kind).toBe("unreachable");
  });
});
