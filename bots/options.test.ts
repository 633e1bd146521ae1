import { describe, expect, it } from "vitest";
import { parseBotsArgs } from "./options.js";

describe("bots flags", () => {
  it("has defaults for everything", () => {
    expect(parseBotsArgs([])).toMatchObject({
      url: "http://localhost:2567", count: 8, durationMs: 30_000, behavior: "fight", netName: "none",
      json: false, seed: 1, scenario: "play", shots: 20, help: false,
    });
  });

  it("parses every flag", () => {
    const o = parseBotsArgs([
      "--url", "https://play.example.com:8443/ignored", "--count", "3", "--room", "K7QF", "--duration", "2m",
      "--behavior", "wander", "--net", "150ms,30ms,2%", "--json", "--seed", "9", "--scenario", "hitreg", "--shots", "12",
    ]);
    expect(o).toMatchObject({
      url: "https://play.example.com:8443", count: 3, roomId: "K7QF", durationMs: 120_000, behavior: "wander",
      json: true, seed: 9, scenario: "hitreg", shots: 12, link: { rttMs: 150, jitterMs: 30, loss: 0.02, kbps: 0 },
    });
  });

  it.each([
    [["--cuont", "3"], /Unknown option '--cuont'.*--help/],
    [["--count", "0"], /--count must be a whole number from 1 to 200 \(got "0"\)/],
    [["--count", "2.5"], /--count must be a whole number/],
    [["--behavior", "camp"], /--behavior must be one of idle, wander, fight \(got "camp"\)/],
    [["--net", "dialup"], /--net: unknown network profile "dialup": expected a profile name \(none, lan/],
    [["--duration", "soon"], /--duration must be a time from 1s to 24h/],
    [["--url", "ws://x"], /--url must use http:\/\/ or https:\/\//],
    [["--url", "not a url"], /--url must be an http\(s\) URL/],
    [["--room", "a b"], /--room must be a room code/],
    [["--scenario", "race"], /--scenario must be one of play, hitreg/],
    [["stray"], /Unexpected argument 'stray'/],
  ])("rejects %j", (argv, message) => {
    expect(() => parseBotsArgs(argv)).toThrow(message);
  });
});
