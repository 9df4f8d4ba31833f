/**
 * One system call per command: while a command of a socket runs, what
 * engine.io would write to that socket's WebSocket (a room message's
 * notification to the sender, a heartbeat) waits in engine.io's own write
 * buffer; the command's ack then goes out with it, in one write of the TCP
 * stream. Without this, engine.io writes the notification, waits for that
 * write's callback, and writes the ack on its own: two system calls per
 * acked command, the largest single cost on a loopback socket.
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

const held = new Map<EngineConnection, EngineTransport>();
let releaseScheduled = false;

function releaseAll(): void {
  releaseScheduled = false;
  for (const connection of held.keys()) releaseWrites(connection);
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
 * Holds what engine.io writes to `connection` until {@link releaseWrites}
 * (or the end of this turn of the event loop). Does nothing unless the
 * transport is a WebSocket with nothing being written: engine.io then sends
 * again by itself once the pending write is done.
 */
export function holdWrites(connection: EngineConnection): void {
  const { transport } = connection;
  if (held.has(connection) || transport.name !== 'websocket' || !transport.writable) return;
  transport.writable = false;
  held.set(connection, transport);
  if (releaseScheduled) return;
  releaseScheduled = true;
  setImmediate(releaseAll);
}

/**
 * Writes what {@link holdWrites} held, together with what `write` sends (the
 * command's ack), in one write of the TCP stream. Without a hold, just runs
 * `write`.
 */
export function releaseWrites(connection: EngineConnection, write?: () => void): void {
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
