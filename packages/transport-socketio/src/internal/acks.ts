/** An ack function as socket.io attaches it to an incoming event. */
export type Ack = (...args: unknown[]) => void;

/** An incoming event split into its name, its arguments and its ack (if the client asked for one). */
export interface IncomingEvent {
  name: unknown;
  args: unknown[];
  ack: Ack | undefined;
}

function isAck(value: unknown): value is Ack {
  return typeof value === 'function';
}

/**
 * Splits a socket.io event packet `[name, ...args, ack?]`. Only socket.io
 * itself can put a function there (JSON carries none), so a trailing
 * function is the ack; a trailing non-function is just an argument.
 */
export function splitPacket(packet: readonly unknown[]): IncomingEvent {
  const [name, ...args] = packet;
  const last = args.at(-1);
  if (isAck(last)) {
    args.pop();
    return { name, args, ack: last };
  }
  return { name, args, ack: undefined };
}
