/**
 * One system call per command: while a command of a socket runs, what
 * engine.io would write to that socket's WebSocket (a room message's
 * notification to the sender, a heartbeat) waits in engine.io's own write
 * buffer; the command's ack then goes out with it, in one write of the TCP
 * stream. Without this, engine.io writes the notification, waits for that
 * write's callback, and writes the ack on its own: two system calls per
 * acked command, the largest single cost on a loopback socket.
 *
 * A write is held from the moment it is made (engine.io's `packetCreate`), not
 * from the start of the command, so a command that waits for Redis still
 * sends its notification and its ack together.
 *
 * Nothing waits longer than this turn of the event loop: one immediate
 * releases every socket still held, so a notification never waits for a slow
 * command. The order of what a client receives does not change. Only
 * WebSocket connections are held; long-polling ones write as engine.io does.
 *
 * @module
 */
import type { Socket } from 'socket.io';

type EngineConnection = Socket['conn'];
type EngineTransport = EngineConnection['transport'];

/** What `cork` needs of the TCP stream under the transport's WebSocket. */
interface Corkable {
  cork(): void;
  uncork(): void;
}

/** Commands of a connection that have not answered yet. */
const running = new Map<EngineConnection, number>();
/** Connections whose writes are held, with the transport that was writable when the hold began. */
const held = new Map<EngineConnection, EngineTransport>();
let releaseScheduled = false;

function releaseAll(): void {
  releaseScheduled = false;
  for (const connection of held.keys()) release(connection);
}

function isCorkable(value: unknown): value is Corkable {
  return typeof value === 'object' && value !== null && typeof Reflect.get(value, 'cork') === 'function' && typeof Reflect.get(value, 'uncork') === 'function';
}

// engine.io's WebSocket transport keeps its `ws` socket, and `ws` its TCP stream, in fields their types do not declare.
function streamOf(transport: EngineTransport): Corkable | undefined {
  const ws: unknown = Reflect.get(transport, 'socket');
  const stream: unknown = typeof ws === 'object' && ws !== null ? Reflect.get(ws, '_socket') : undefined;
  return isCorkable(stream) ? stream : undefined;
}

/**
 * engine.io's `packetCreate`, emitted just before a packet joins the write
 * buffer: while a command runs, the buffer is held. Unless the transport is
 * a WebSocket with nothing being written: engine.io then sends again by
 * itself once the pending write is done. One function for every connection
 * (`this` is the connection), so that none holds a closure of its own.
 */
function onPacketCreate(this: EngineConnection): void {
  if (!running.has(this) || held.has(this)) return;
  const { transport } = this;
  if (transport.name !== 'websocket' || !transport.writable) return;
  transport.writable = false;
  held.set(this, transport);
  if (releaseScheduled) return;
  releaseScheduled = true;
  setImmediate(releaseAll);
}

/** Writes what was held, together with what `write` sends, in one write of the TCP stream. */
function release(connection: EngineConnection, write?: () => void): void {
  const transport = held.get(connection);
  if (transport === undefined) {
    write?.();
    return;
  }
  held.delete(connection);
  const stream = streamOf(transport);
  stream?.cork();
  try {
    transport.writable = true;
    write?.();
    // engine.io's `flush` (private in its types): sends its write buffer if the transport may write.
    const flush: unknown = Reflect.get(connection, 'flush');
    if (typeof flush === 'function') Reflect.apply(flush, connection, []);
  } finally {
    stream?.uncork();
  }
}

/** Lets the writes of a new connection be held while its commands run. */
export function watchWrites(connection: EngineConnection): void {
  connection.on('packetCreate', onPacketCreate);
}

/** A command of `connection` started: what is written to it from now on waits for its answer (at most this turn). */
export function commandStarted(connection: EngineConnection): void {
  running.set(connection, (running.get(connection) ?? 0) + 1);
}

/**
 * A command of `connection` answered: `write` sends its ack. Once no command of
 * the connection runs any more, what was held goes out with the ack, in one write.
 */
export function commandAnswered(connection: EngineConnection, write?: () => void): void {
  const left = (running.get(connection) ?? 1) - 1;
  if (left > 0) {
    running.set(connection, left);
    write?.();
    return;
  }
  running.delete(connection);
  release(connection, write);
}
