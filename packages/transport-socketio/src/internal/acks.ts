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
  // One slice, rather than rest destructuring and a pop: this runs for every event.
  const last = packet.length > 1 ? packet[packet.length - 1] : undefined;
  const ack = isAck(last) ? last : undefined;
  return { name: packet[0], args: packet.slice(1, ack ? -1 : packet.length), ack };
}
