// Client (browser, bots): intercept the frames an SDK room connection sends and receives.

export interface TappableConnection {
  send(data: Uint8Array): void;
  sendUnreliable(data: Uint8Array): void;
  events: {
    onmessage?: ((event: { data: ArrayBuffer | Uint8Array }) => void) | null | undefined;
    onclose?: ((event: CloseLike) => void) | null | undefined;
  };
}

/** What the SDK reads of a close event. */
export interface CloseLike {
  code: number;
  reason: string;
}

export interface Tap {
  /** Called for every outgoing frame; call `forward(data)` to actually send it (now or later). */
  send(data: Uint8Array, forward: (data: Uint8Array) => void): void;
  /** Called for every incoming frame; call `forward(event)` to hand it to the SDK. */
  receive(event: { data: ArrayBuffer | Uint8Array }, forward: (event: { data: ArrayBuffer | Uint8Array }) => void): void;
  /** Called when the socket closes; call `forward(event)` to tell the SDK. Optional. */
  close?(event: CloseLike, forward: (event: CloseLike) => void): void;
}

/** Install `tap` on `connection`. Taps stack: the last installed sees sends first and
 *  receives last. The SDK assigns `events.onmessage` on (re)connect; the tap wraps whatever
 *  it assigns. */
export function tapConnection(connection: TappableConnection, tap: Tap): void {
  const send = connection.send.bind(connection);
  const outgoing = (data: Uint8Array) => tap.send(data, send);
  connection.send = outgoing;
  connection.sendUnreliable = outgoing;

  const events = connection.events;
  let handler = events.onmessage;
  const forward = (event: { data: ArrayBuffer | Uint8Array }) => handler?.(event);
  const incoming = (event: { data: ArrayBuffer | Uint8Array }) => tap.receive(event, forward);
  Object.defineProperty(events, "onmessage", {
    configurable: true,
    enumerable: true,
    get: () => (handler ? incoming : handler),
    set: (next) => {
      handler = next;
    },
  });

  const onClose = tap.close;
  if (!onClose) return;
  let closeHandler = events.onclose;
  const forwardClose = (event: CloseLike) => closeHandler?.(event);
  const closing = (event: CloseLike) => onClose(event, forwardClose);
  Object.defineProperty(events, "onclose", {
    configurable: true,
    enumerable: true,
    get: () => (closeHandler ? closing : closeHandler),
    set: (next) => {
      closeHandler = next;
    },
  });
}
