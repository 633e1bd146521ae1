// Bots: `npm run bots`: headless players with the real client netcode, live progress, a report.

import { runHitRegistration } from "./hitreg.js";
import { HELP, parseBotsArgs, UsageError, type BotsOptions } from "./options.js";
import { buildReport, formatReport, progressLine, type BotsReport } from "./report.js";
import { runSwarm } from "./swarm.js";

async function run(options: BotsOptions, signal: AbortSignal): Promise<BotsReport> {
  const live = process.stderr.isTTY;
  const say = (line: string) => process.stderr.write(live ? `\r\x1b[2K${line}` : `${line}\n`);
  if (options.scenario === "hitreg") {
    say(`hitreg: ${options.shots} shots with lag compensation on…`);
    const on = await runHitRegistration({ url: options.url, lagCompensation: true, shots: options.shots, link: options.link, seed: options.seed });
    say(`hitreg: on ${on.hits}/${on.shots} hits; ${options.shots} shots with lag compensation off…`);
    const off = await runHitRegistration({ url: options.url, lagCompensation: false, shots: options.shots, link: options.link, seed: options.seed });
    say(`hitreg: on ${on.hits}/${on.shots}, off ${off.hits}/${off.shots}`);
    if (live) process.stderr.write("\n");
    return buildReport(options, { hitreg: { lagCompensationOn: on, lagCompensationOff: off } });
  }
  say(`joining ${options.count} bots on ${options.url}…`);
  const play = await runSwarm({ ...options, signal, onProgress: (p) => say(progressLine(p)) });
  if (live) process.stderr.write("\n");
  return buildReport(options, { play });
}

async function main(): Promise<number> {
  let options: BotsOptions;
  try {
    options = parseBotsArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bots: ${error.message}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(HELP);
    return 0;
  }
  // The first Ctrl-C ends the play (the bots leave and the report covers what was measured); the
  // hit-registration scenario cannot be cut short, so it quits. A second Ctrl-C quits at once.
  const stop = new AbortController();
  process.on("SIGINT", () => {
    if (stop.signal.aborted || options.scenario === "hitreg") {
      process.stderr.write("\nbots: interrupted\n");
      process.exit(130);
    }
    stop.abort();
    process.stderr.write("\nbots: stopping: the bots leave and the report covers what was measured; press Ctrl-C again to quit at once\n");
  });
  const report = await run(options, stop.signal);
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `\n${formatReport(report)}\n`);
  const joined = report.play ? report.play.joined : 2;
  return joined === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`bots: ${error.message}\n`);
    process.exit(1);
  },
);
