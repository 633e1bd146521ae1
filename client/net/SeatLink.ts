// Client (browser and bots): a session's hold on its seat: the connection's status through drops
// and the SDK's automatic reconnection, whether the seat is a player's or a spectator's, and
// leaving for good. Renderer-free. Used by GameSession.

import { CloseCode, type Room } from "@colyseus/sdk";

/** "reconnecting" while the SDK retries a dropped socket (the server holds the seat meanwhile);
 *  "closed" once the connection is gone for good (left, kicked, seat lost). */
export type ConnectionStatus = "connected" | "reconnecting" | "closed";

export interface SeatListeners {
  /** The connection ended for good (after any reconnection attempts). */
  left?(code: number, reason: string | undefined): void;
  /** The connection status changed. */
  connection?(status: ConnectionStatus): void;
  /** This client became a player (took a seat) or a spectator. */
  role?(spectator: boolean): void;
}

/** Drops at any age are reconnected: the SDK's default skips rooms younger than 5 s, but a
 *  player who joined a moment ago has a seat worth keeping too. */
const RECONNECT_MIN_UPTIME_MS = 0;

export class SeatLink {
  private readonly room: Room;
  private readonly listeners: SeatListeners;
  private current: ConnectionStatus = "connected";
  private leaving = false;
  private spectating: boolean;
  /** False after a rejoin until the first state says whether the seat is a player's. */
  private roleKnown: boolean;

  /**
   * `listeners` is read at each event (entries may be replaced). `spectator`: how the client
   * joined, or undefined when not known yet (a rejoined seat). `onReconnected` runs before the
   * status turns "connected" again.
   */
  constructor(room: Room, listeners: SeatListeners, spectator: boolean | undefined, onReconnected: () => void) {
    this.room = room;
    this.listeners = listeners;
    this.spectating = spectator ?? true;
    this.roleKnown = spectator !== undefined;
    room.reconnection.minUptime = RECONNECT_MIN_UPTIME_MS;
    room.onStateChange.once(() => { this.roleKnown = true; });
    room.onDrop(() => this.setStatus("reconnecting"));
    room.onReconnect(() => {
      if (this.leaving) return void room.leave(true);
      onReconnected();
      this.setStatus("connected");
    });
    room.onLeave((code, reason) => {
      if (this.current === "closed") return;
      this.setStatus("closed");
      this.listeners.left?.(code, reason);
    });
  }

  get status(): ConnectionStatus {
    return this.current;
  }

  get isSpectator(): boolean {
    return this.spectating;
  }

  /** The state added (true) or removed (false) this client's player. */
  setPlayer(present: boolean): void {
    const announce = this.roleKnown;
    this.roleKnown = true;
    if (this.spectating !== present) return;
    this.spectating = !present;
    if (announce) this.listeners.role?.(this.spectating);
  }

  /** Leave for good (consented): the seat is given up at once; stops reconnection attempts. */
  async leave(): Promise<void> {
    if (this.current === "closed") return;
    this.leaving = true;
    this.room.reconnection.enabled = false;
    if (this.room.connection.isOpen) {
      await this.room.leave(true);
      return;
    }
    // Mid-reconnection: a retry already scheduled may still get through; onReconnect leaves at once.
    this.setStatus("closed");
    this.listeners.left?.(CloseCode.CONSENTED, "left");
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.current) return;
    this.current = status;
    this.listeners.connection?.(status);
  }
}
