// Hosting: the example reverse-proxy config (deploy/nginx.conf) passes `nginx -t`, and runs:
// TLS at the edge, two processes on Redis behind it, players joining through it over wss.

// The example terminates TLS with a self-signed test certificate.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBinary } from "./helpers/binaries.js";
import { startBot, type Bot } from "./helpers/bots.js";
import { freePort, startServer, type ServerProcess } from "./helpers/processes.js";
import { startRedis, type RedisServer } from "./helpers/redis.js";
import { statusOf, waitFor } from "../helpers/waitFor.js";

const nginx = requireBinary("nginx", "apt-get install nginx");
const redisServer = requireBinary("redis-server", "apt-get install redis-server");
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const EXAMPLE = readFileSync(here("../../deploy/nginx.conf"), "utf8");

interface Ports { http: number; https: number; processes: [number, number] }

/** The example as an operator would adapt it: certificate paths and ports; temp files under `dir`. */
function adapt(dir: string, ports: Ports): string {
  const config = EXAMPLE
    .replace("/etc/letsencrypt/live/play.example.com/fullchain.pem", here("fixtures/test-only-tls.crt"))
    .replace("/etc/letsencrypt/live/play.example.com/privkey.pem", here("fixtures/test-only-tls.key"))
    .replace(/listen 80;/, `listen 127.0.0.1:${ports.http};`)
    .replace(/listen 443 ssl;/, `listen 127.0.0.1:${ports.https} ssl;`)
    .replaceAll("2567", String(ports.processes[0]))
    .replaceAll("2568", String(ports.processes[1]));
  // Keep every file nginx writes inside the temp prefix.
  const temps = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `    ${t}_temp_path ${join(dir, t)};`).join("\n");
  return config.replace("http {\n", `http {\n${temps}\n    access_log ${join(dir, "access.log")};\n`);
}

function nginxArgs(dir: string, extra: string): string[] {
  return ["-p", dir, "-c", join(dir, "nginx.conf"), "-e", "stderr", "-g", `pid ${join(dir, "nginx.pid")}; error_log stderr; ${extra}`];
}

describe.skipIf(!nginx)("deploy/nginx.conf", () => {
  it("passes nginx -t", async () => {
    const dir = mkdtempSync(join(tmpdir(), "skirmish-nginx-t-"));
    try {
      writeFileSync(join(dir, "nginx.conf"), adapt(dir, { http: 80, https: 443, processes: [2567, 2568] }));
      const result = spawnSync(nginx!, ["-t", ...nginxArgs(dir, "")], { encoding: "utf8" });
      expect(result.stderr).toMatch(/syntax is ok/);
      expect(result.stderr).toMatch(/test is successful/);
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe.skipIf(!redisServer)("running in front of two processes", () => {
    let dir: string;
    let ports: Ports;
    let proxy: ChildProcess;
    let proxyLog = "";
    let redis: RedisServer;
    const servers: ServerProcess[] = [];
    const bots: Bot[] = [];
    let base: string;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "skirmish-nginx-"));
      for (const t of ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(join(dir, t));
      ports = { http: await freePort(), https: await freePort(), processes: [await freePort(), await freePort()] };
      base = `https://127.0.0.1:${ports.https}`;
      redis = await startRedis(redisServer!);
      for (const port of ports.processes) {
        servers.push(await startServer({
          REDIS_URL: redis.url, TRUST_PROXY: "loopback", MAX_CLIENTS_PER_ROOM: "2",
          PUBLIC_URL: base, PUBLIC_ADDRESS: `127.0.0.1:${ports.https}/p/${port}`,
        }, port));
      }
      writeFileSync(join(dir, "nginx.conf"), adapt(dir, ports));
      proxy = spawn(nginx!, nginxArgs(dir, "daemon off; master_process on;"), { stdio: ["ignore", "pipe", "pipe"] });
      proxy.stdout!.on("data", (d: Buffer) => { proxyLog += d.toString(); });
      proxy.stderr!.on("data", (d: Buffer) => { proxyLog += d.toString(); });
      await waitFor(`nginx to answer (${proxyLog})`, async () => (await statusOf(`${base}/healthz`)) === 200, { timeoutMs: 10_000 });
    });

    afterAll(async () => {
      for (const bot of bots) await bot.stop();
      if (proxy && proxy.exitCode === null) {
        const exited = new Promise((resolve) => proxy.once("exit", resolve));
        proxy.kill("SIGQUIT");
        await exited;
      }
      for (const server of servers) server.kill("SIGKILL");
      await Promise.all(servers.map((s) => s.exited));
      await redis?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("redirects http to https, hides /metrics, and caps bodies at the edge", async () => {
      const plain = await fetch(`http://127.0.0.1:${ports.http}/`, { redirect: "manual" });
      expect(plain.status).toBe(301);
      expect(plain.headers.get("location")).toBe(`https://127.0.0.1/`);
      expect(await statusOf(`${base}/metrics`)).toBe(403);
      const big = await fetch(`${base}/matchmake/joinOrCreate/arena`, {
        method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ pad: "x".repeat(20_000) }),
      });
      expect(big.status).toBe(413);
    });

    it("lets players quick-play over wss into rooms on both processes, and refuses foreign origins", async () => {
      for (let i = 0; i < 4; i++) bots.push(await startBot(base, { name: `via-nginx-${i}` }));
      const rooms = new Set(bots.map((b) => b.session.room.roomId));
      expect(rooms.size).toBe(2);
      await waitFor("room-mates see each other", () => bots.every((b) => b.session.room.state.players.size === 2));
      const listed = await waitFor("both rooms listed", async () => {
        const list = await (await fetch(`${base}/rooms`)).json() as Array<{ roomId: string; publicAddress: string }>;
        const ours = list.filter((r) => rooms.has(r.roomId));
        return ours.length === 2 ? ours : undefined;
      });
      // One room per process, each reached through its own /p/<port>/ path.
      expect(listed.map((r) => r.publicAddress).sort()).toEqual(ports.processes.map((p) => `127.0.0.1:${ports.https}/p/${p}`).sort());

      // The public page's origin passes (same host through nginx); another site's does not.
      const ownOrigin = await fetch(`${base}/matchmake/joinOrCreate/arena`, {
        method: "POST", headers: { "content-type": "application/json", origin: base }, body: "{}",
      });
      expect(ownOrigin.status).toBe(200);
      const foreign = await fetch(`${base}/matchmake/joinOrCreate/arena`, {
        method: "POST", headers: { "content-type": "application/json", origin: "https://evil.example" }, body: "{}",
      });
      expect(foreign.status).toBe(403);
    });
  });
});
