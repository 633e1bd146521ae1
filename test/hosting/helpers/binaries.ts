// Tests: external programs some tests need (redis-server, nginx). Missing locally: the test is
// skipped with a warning. Missing under CI=true: the test fails (CI must install them).

import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

export function findBinary(name: string, extraDirs: string[] = []): string | undefined {
  for (const dir of [...(process.env.PATH ?? "").split(delimiter), ...extraDirs]) {
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The binary's path; undefined (after a visible warning) when missing outside CI. */
export function requireBinary(name: string, installHint: string): string | undefined {
  const path = findBinary(name, ["/usr/sbin", "/usr/bin", "/usr/local/bin"]);
  if (path) return path;
  const message = `${name} not found (${installHint})`;
  if (process.env.CI === "true") throw new Error(`${message}: CI must install it`);
  console.warn(`\n⚠️  SKIPPING tests that need ${message}\n`);
  return undefined;
}
