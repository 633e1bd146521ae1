// Bench server child (JSON broadcast, raw floor): which room a WebSocket joins: a named one
// (`?room=KEY`), or quick play (`?room=auto`: the first room with a free seat, else a new one).

/** The room key meaning "any room with a free seat". */
export const QUICK_PLAY = "auto";

interface Seated {
  readonly clients: { readonly size: number };
}

export class RoomDirectory<R extends Seated> {
  private readonly rooms = new Map<string, R>();
  private created = 0;
  private clientsSeen = 0;

  constructor(
    private readonly capacity: number,
    private readonly open: () => R,
    private readonly dispose: (room: R) => void,
  ) {}

  /** The room this key names (created on first use), or undefined when it is full. */
  admit(key: string): R | undefined {
    if (key === QUICK_PLAY) {
      for (const room of this.rooms.values()) if (room.clients.size < this.capacity) return room;
      key = `${QUICK_PLAY}-${++this.created}`;
    }
    let room = this.rooms.get(key);
    if (!room) {
      room = this.open();
      this.rooms.set(key, room);
    }
    return room.clients.size < this.capacity ? room : undefined;
  }

  /** Run `leave` for a departing client; a room left empty is closed. */
  release(room: R, leave: () => void): void {
    leave();
    if (room.clients.size > 0) return;
    for (const [key, r] of this.rooms) {
      if (r === room) this.rooms.delete(key);
    }
    this.dispose(room);
  }

  nextClient(): number {
    return ++this.clientsSeen;
  }

  census(): { rooms: number; clients: number } {
    let clients = 0;
    for (const room of this.rooms.values()) clients += room.clients.size;
    return { rooms: this.rooms.size, clients };
  }
}

/** Room key and player name from a connection URL like `/?room=3&name=bot-7`. */
export function roomKeyOf(url: string | undefined): { key: string; name: string } {
  const params = new URL(url ?? "/", "http://localhost").searchParams;
  return { key: params.get("room") ?? QUICK_PLAY, name: (params.get("name") ?? "player").slice(0, 16) };
}

/** A 9-character id like Colyseus' session ids, so ids weigh the same in every variant. */
export function sessionIdFor(n: number): string {
  return `s${n.toString(36).padStart(8, "0")}`;
}
