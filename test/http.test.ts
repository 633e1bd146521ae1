// Over the wire: the HTTP side of the server answers bad requests cleanly and stays up.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startGameServer, type RunningServer } from "./helpers/gameServer.js";

let server: RunningServer;
const clientDir = mkdtempSync(join(tmpdir(), "skirmish-client-"));

beforeAll(async () => {
  writeFileSync(join(clientDir, "index.html"), "<!doctype html><title>Skirmish</title>");
  server = await startGameServer({ clientDir });
});

afterAll(async () => {
  await server.stop();
});

describe("http", () => {
  it("serves the client at /", async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("<title>Skirmish</title>");
  });

  it("answers unknown routes with 404", async () => {
    for (const path of ["/nope", "/index.php", "/../../etc/passwd", "/%E0%A4%A"]) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(404);
    }
  });

  it("rejects malformed matchmaking requests without crashing", async () => {
    const bad = await fetch(`${server.url}/matchmake/joinOrCreate/arena`, {
      method: "POST", headers: { "content-type": "application/json" }, body: "{not json",
    });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    const unknownRoom = await fetch(`${server.url}/matchmake/joinOrCreate/no_such_room`, {
      method: "POST", headers: { "content-type": "application/json" }, body: "{}",
    });
    expect(unknownRoom.status).toBeGreaterThanOrEqual(400);
    expect(await unknownRoom.text()).toMatch(/no_such_room/);
    // Still serving.
    const ok = await fetch(`${server.url}/`);
    expect(ok.status).toBe(200);
  });
});
