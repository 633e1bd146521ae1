// Server tools: `npm run replay -- verify <match-id | file>` re-simulates a stored match from its
// inputs and checks every stored digest (exit 0), or names the first tick, player and field that
// differ (exit 1); `npm run replay -- export <match-id> > file` writes a self-contained replay file.
// Reads the database the server's configuration names (DATA_DIR or DATABASE_URL).

import { readFileSync } from "node:fs";
import { ARENA } from "../../shared/arena.js";
import { describeDesync, verifyReplay } from "../../shared/replay/verify.js";
import { readConfig } from "../hosting/config.js";
import { configureLog } from "../hosting/log.js";
import { MatchRecords, unpackReplay } from "./MatchRecords.js";

const USAGE = `usage:
  npm run replay -- verify <match-id | file>   re-simulate and check every stored state digest
  npm run replay -- export <match-id> > file   write the match's replay file`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  // stdout carries the replay file on export: the server's log lines stay out of it.
  configureLog({ level: "silent", format: "text" });
  const [command, target, ...extra] = argv;
  if (command === "--help" || command === "-h") {
    console.log(USAGE);
    return 0;
  }
  if ((command !== "verify" && command !== "export") || target === undefined || extra.length > 0) {
    throw new UsageError(command === undefined ? "no command" : `unknown or incomplete command: ${argv.join(" ")}`);
  }
  const isId = /^\d+$/.test(target);
  if (command === "export" && !isId) throw new UsageError(`export takes a match id (digits), got ${JSON.stringify(target)}`);
  if (command === "export" && process.stdout.isTTY) throw new UsageError("export writes binary data: redirect it to a file (> match.skrp)");

  const file = isId ? await fromDatabase(Number(target)) : readFileSync(target);
  if (command === "export") {
    unpackReplay(file); // refuse to export something unreadable
    process.stdout.write(file);
    return 0;
  }
  const replay = unpackReplay(file);
  const result = verifyReplay(replay, ARENA);
  const what = isId ? `match ${target}` : target;
  if (result.ok) {
    console.log(`${what}: OK, ${result.ticks} ticks re-simulated from inputs; ${result.digests} tick digests and ${result.checkpoints} full checks match the server`);
    return 0;
  }
  console.log(`${what}: ${describeDesync(result.desync!, replay.header.tickRate)}`);
  return 1;
}

async function fromDatabase(id: number): Promise<Uint8Array> {
  const config = readConfig(process.env);
  const records = await MatchRecords.open(config);
  try {
    const file = await records.store.replay(id);
    if (!file) throw new UsageError(`no replay for match ${id} in ${records.where} (unknown match, or deleted by REPLAY_RETENTION_DAYS)`);
    return file;
  } finally {
    await records.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const usage = error instanceof UsageError;
    console.error(`replay: ${(error as Error).message}${usage ? `\n${USAGE}` : ""}`);
    process.exit(2);
  },
);
