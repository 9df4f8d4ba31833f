/**
 * The Bus port: instance-to-instance messages.
 *
 * @module
 */

/** One instance-to-instance message: an event name and JSON-serialisable arguments. */
export interface BusMessage {
  event: string;
  args: unknown[];
}

/**
 * Instance-to-instance messaging. `publish` reaches the subscribers of every
 * instance sharing the backing, the publisher included.
 */
export interface Bus {
  /** Resolves when this instance receives published messages. */
  listen(): Promise<void>;
  publish(message: BusMessage): Promise<void>;
  /** Adds a handler; returns its removal. */
  subscribe(handler: (message: BusMessage) => void): () => void;
  /** Stops delivery; idempotent. */
  close(): Promise<void>;
}
