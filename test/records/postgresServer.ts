// Tests: a private PostgreSQL cluster (Debian's postgresql package) in a temporary folder on a
// free loopback port, run as a non-root user (PostgreSQL refuses root), removed after.

import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "../hosting/helpers/processes.js";

const run = promisify(execFile);

/** Debian installs the server programs outside PATH, per major version. */
export function findPostgresBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], "bin") : undefined;
}

/** The bin folder; a missing PostgreSQL fails under CI=true and skips (with a warning) elsewhere. */
export function requirePostgres(): string | undefined {
  const bin = findPostgresBin();
  if (bin) return bin;
  const message = "PostgreSQL server not found (apt-get install postgresql)";
  if (process.env.CI === "true") throw new Error(`${message}: CI must install it`);
  console.warn(`\n⚠️  SKIPPING tests that need ${message}\n`);
  return undefined;
}

export interface PostgresServer {
  url: string;
  port: number;
  /** Stop the cluster and delete its folder. */
  stop(): Promise<void>;
}

export async function startPostgres(bin: string): Promise<PostgresServer> {
  const dir = mkdtempSync(join(tmpdir(), "skirmish-pg-"));
  const asRoot = userInfo().uid === 0;
  // PostgreSQL will not run as root: as root, hand the folder to the postgres user (or nobody).
  const user = asRoot ? (await run("id", ["-u", "postgres"]).then(() => "postgres", () => "nobody")) : undefined;
  if (asRoot) {
    const { stdout } = await run("id", ["-u", user!]);
    const { stdout: gid } = await run("id", ["-g", user!]);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const exec = (program: string, args: string[]) =>
    asRoot ? run("runuser", ["-u", user!, "--", join(bin, program), ...args]) : run(join(bin, program), args);
  const port = await freePort();
  const data = join(dir, "data");
  await exec("initdb", ["-D", data, "-U", "skirmish", "--auth=trust", "--no-sync", "-E", "UTF8"]);
  await exec("pg_ctl", [
    "-D", data, "-l", join(dir, "log"), "-w", "-t", "30",
    "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, "start",
  ]);
  await exec("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "skirmish", "skirmish"]);
  return {
    url: `postgres://skirmish@127.0.0.1:${port}/skirmish`,
    port,
    stop: async () => {
      await exec("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
