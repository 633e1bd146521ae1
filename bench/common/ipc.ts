// Bench (orchestrator and its children): request/reply over the Node IPC channel, every request
// bounded by a timeout.

import type { ChildProcess } from "node:child_process";

interface Request {
  id: number;
  op: string;
  args: unknown;
}

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

/** A one-way notice from a child (`ready`, `progress`). */
export interface Notice {
  notice: string;
  data: unknown;
}

function isReply(message: unknown): message is Reply {
  return typeof message === "object" && message !== null && "id" in message && "ok" in message;
}

function isNotice(message: unknown): message is Notice {
  return typeof message === "object" && message !== null && "notice" in message;
}

/** The orchestrator's side of one child's channel. */
export class IpcClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private readonly noticeWaiters = new Map<string, (data: unknown) => void>();
  /** Called for notices nobody waits for (progress lines). */
  onNotice: (notice: Notice) => void = () => undefined;

  constructor(private readonly child: ChildProcess, private readonly name: string) {
    child.on("message", (message: unknown) => {
      if (isReply(message)) {
        const waiter = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.ok) waiter?.resolve(message.result);
        else waiter?.reject(new Error(`${this.name}: ${message.error ?? "failed"}`));
      } else if (isNotice(message)) {
        const waiter = this.noticeWaiters.get(message.notice);
        if (waiter) {
          this.noticeWaiters.delete(message.notice);
          waiter(message.data);
        } else {
          this.onNotice(message);
        }
      }
    });
    child.on("exit", (code, signal) => {
      const error = new Error(`${this.name} exited (${signal ?? code})`);
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    });
  }

  /** Send `op` and wait for the reply, at most `timeoutMs`. */
  request<T>(op: string, args: unknown, timeoutMs: number): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: "${op}" got no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (value) => { clearTimeout(timer); resolve(value as T); },
        reject: (error) => { clearTimeout(timer); reject(error); },
      });
      const request: Request = { id, op, args };
      if (!this.child.connected) {
        this.pending.delete(id);
        clearTimeout(timer);
        reject(new Error(`${this.name} is not running`));
        return;
      }
      this.child.send(request);
    });
  }

  /** Wait for the notice `name`, at most `timeoutMs`. */
  waitFor<T>(name: string, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.noticeWaiters.delete(name);
        reject(new Error(`${this.name}: no "${name}" within ${timeoutMs} ms`));
      }, timeoutMs);
      this.child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited (${code}) before "${name}"`));
      });
      this.noticeWaiters.set(name, (data) => { clearTimeout(timer); resolve(data as T); });
    });
  }
}

export type Handler = (args: unknown) => unknown;

/** The child's side: answer requests with `handlers`; exits when the parent goes away. */
export function serveIpc(handlers: Record<string, Handler>): void {
  if (!process.send) throw new Error("bench child started without an IPC channel");
  process.on("message", (message: unknown) => {
    if (typeof message !== "object" || message === null || !("op" in message)) return;
    const { id, op, args } = message as Request;
    const handler = handlers[op];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown op "${op}"`);
        return handler(args);
      })
      .then(
        (result) => process.send?.({ id, ok: true, result } satisfies Reply),
        (error: unknown) => process.send?.({ id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies Reply),
      );
  });
  // A normal exit (not death by signal), so --cpu-prof profiles get written.
  process.on("disconnect", () => process.exit(0));
  process.on("SIGTERM", () => process.exit(0));
}

export function notify(notice: string, data: unknown = null): void {
  process.send?.({ notice, data } satisfies Notice);
}
