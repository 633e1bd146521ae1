// Server: the process logger. One line per event: JSON in production (NODE_ENV=production or
// LOG_FORMAT=json), human-readable otherwise. Rooms never write to the console directly.

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
export type LogFormat = "json" | "text";
export type LogFields = Record<string, unknown>;

export const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error", "silent"];

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Where lines go; tests replace it to read what was logged. */
export type LogSink = (level: Exclude<LogLevel, "silent">, line: string) => void;

const consoleSink: LogSink = (level, line) => {
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
};

let threshold: number = ORDER[(process.env.LOG_LEVEL as LogLevel | undefined) ?? "info"] ?? ORDER.info;
let format: LogFormat =
  process.env.LOG_FORMAT === "json" || (process.env.LOG_FORMAT === undefined && process.env.NODE_ENV === "production")
    ? "json"
    : "text";
let sink: LogSink = consoleSink;

export function setLogLevel(level: LogLevel): void {
  threshold = ORDER[level];
}

export function configureLog(options: { level?: LogLevel; format?: LogFormat; sink?: LogSink | null }): void {
  if (options.level) threshold = ORDER[options.level];
  if (options.format) format = options.format;
  if (options.sink !== undefined) sink = options.sink ?? consoleSink;
}

/** An Error as plain data (message, stack, cause), so JSON lines carry the stack. */
export function errorFields(error: unknown): { message: string; stack?: string; cause?: string } {
  if (!(error instanceof Error)) return { message: String(error) };
  const cause = error.cause instanceof Error ? error.cause.stack ?? error.cause.message : undefined;
  return { message: error.message, stack: error.stack, ...(cause ? { cause } : {}) };
}

function write(level: Exclude<LogLevel, "silent">, message: string, fields?: LogFields): void {
  if (ORDER[level] < threshold) return;
  const plain: LogFields = {};
  for (const [key, value] of Object.entries(fields ?? {})) {
    plain[key] = value instanceof Error ? errorFields(value) : value;
  }
  sink(level, format === "json" ? jsonLine(level, message, plain) : textLine(level, message, plain));
}

function jsonLine(level: string, message: string, fields: LogFields): string {
  // Fixed keys first so a reader (or a grep) finds them at the same place on every line.
  return JSON.stringify({ time: new Date().toISOString(), level, msg: message, pid: process.pid, ...fields });
}

function textLine(level: string, message: string, fields: LogFields): string {
  const time = new Date().toISOString().slice(11, 19);
  const extra = Object.entries(fields)
    .map(([k, v]) => ` ${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join("");
  return `${time} ${level.padEnd(5)} ${message}${extra}`;
}

export const log = {
  debug: (message: string, fields?: LogFields) => write("debug", message, fields),
  info: (message: string, fields?: LogFields) => write("info", message, fields),
  warn: (message: string, fields?: LogFields) => write("warn", message, fields),
  error: (message: string, fields?: LogFields) => write("error", message, fields),
};

/** Colyseus' logger interface, routed into this log so its lines share the format. */
export const colyseusLogger = {
  debug: (...args: unknown[]) => write("debug", "colyseus", { detail: joinArgs(args) }),
  trace: (...args: unknown[]) => write("debug", "colyseus", { detail: joinArgs(args) }),
  info: (...args: unknown[]) => write("info", "colyseus", { detail: joinArgs(args) }),
  warn: (...args: unknown[]) => write("warn", "colyseus", { detail: joinArgs(args) }),
  error: (...args: unknown[]) => write("error", "colyseus", { detail: joinArgs(args) }),
};

function joinArgs(args: unknown[]): string {
  return args.map((a) => (a instanceof Error ? a.stack ?? a.message : typeof a === "string" ? a : JSON.stringify(a))).join(" ");
}
