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
 * A connecting socket is held the same way from the namespace's last
 * middleware ({@link WriteHold.holdThisTurn}): its CONNECT answer and the
 * `loginConfirmed` of a login that settles in that turn leave in one write.
 *
 * Nothing waits longer than this turn of the event loop: one immediate
 * releases every socket still held, so a notification never waits for a slow
 * command. The order of what a client receives does not change. Only
 * WebSocket connections are held; long-polling ones write as engine.io does.
 *
 * @module
 */
import type { Socket } from 'socket.io';
import { webSocketOfTransport } from './backpressure.js';

type EngineConnection = Socket['conn'];
type EngineTransport = EngineConnection['transport'];

/** What `cork` needs of the TCP stream under the transport's WebSocket. */
interface Corkable {
  cork(): void;
  uncork(): void;
}

/** Holds released at the latest by the next immediate (one for all of them). */
let pending: WriteHold[] = [];

function releasePending(): void {
  const holds = pending;
  pending = [];
  for (const hold of holds) hold.release();
}

function isCorkable(value: unknown): value is Corkable {
  return typeof value === 'object' && value !== null && typeof Reflect.get(value, 'cork') === 'function' && typeof Reflect.get(value, 'uncork') === 'function';
}

// `ws` keeps its TCP stream in a field its types do not declare.
function streamOf(transport: EngineTransport): Corkable | undefined {
  const ws = webSocketOfTransport(transport);
  const stream: unknown = ws === undefined ? undefined : Reflect.get(ws, '_socket');
  return isCorkable(stream) ? stream : undefined;
}

/** The write hold of one engine.io connection (see the module). */
export class WriteHold {
  readonly #connection: EngineConnection;
  /** Commands of the connection that have not answered yet. */
  #running = 0;
  /** The transport made unwritable by the hold, while it holds. */
  #held: EngineTransport | undefined = undefined;
  /** The TCP stream of {@link WriteHold.#held}, looked up once per transport. */
  #stream: { transport: EngineTransport; stream: Corkable | undefined } | undefined = undefined;
  /** Whether {@link WriteHold.commandAnswered} corked the stream for the coming release. */
  #corked = false;

  /** Starts watching what engine.io writes to `connection`. */
  constructor(connection: EngineConnection) {
    this.#connection = connection;
    connection.on('packetCreate', this.#onPacketCreate);
  }

  /** A command started: what is written to the connection from now on waits for its answer (at most this turn). */
  commandStarted(): void {
    this.#running++;
  }

  /**
   * A command answered. Returns whether its ack (sent next) is the last
   * write of a hold: then {@link WriteHold.release} must follow it, and what
   * was held and the ack leave in one write.
   */
  commandAnswered(): boolean {
    if (this.#running > 0) this.#running--;
    const transport = this.#held;
    if (this.#running > 0 || transport === undefined) return false;
    this.#streamOf(transport)?.cork();
    this.#corked = true;
    transport.writable = true;
    return true;
  }

  /** Writes what was held (with the ack sent since {@link WriteHold.commandAnswered}) in one write; nothing if nothing is held. */
  release(): void {
    const transport = this.#held;
    if (transport === undefined) return;
    this.#held = undefined;
    const stream = this.#streamOf(transport);
    if (!this.#corked) stream?.cork();
    this.#corked = false;
    try {
      transport.writable = true;
      // engine.io's `flush` (private in its types): sends its write buffer if the transport may write.
      const flush: unknown = Reflect.get(this.#connection, 'flush');
      if (typeof flush === 'function') Reflect.apply(flush, this.#connection, []);
    } finally {
      stream?.uncork();
    }
  }

  /**
   * Holds what is written to the connection for the rest of this turn,
   * command or not: a connecting socket's CONNECT answer then leaves with the
   * `loginConfirmed` of a login that settles in the same turn.
   */
  holdThisTurn(): void {
    this.#hold();
  }

  // engine.io's `packetCreate`, emitted just before a packet joins the write buffer.
  readonly #onPacketCreate = (): void => {
    if (this.#running > 0) this.#hold();
  };

  #hold(): void {
    if (this.#held !== undefined) return;
    const { transport } = this.#connection;
    if (transport.name !== 'websocket' || !transport.writable) return;
    transport.writable = false;
    this.#held = transport;
    if (pending.push(this) === 1) setImmediate(releasePending);
  }

  #streamOf(transport: EngineTransport): Corkable | undefined {
    if (this.#stream?.transport !== transport) this.#stream = { transport, stream: streamOf(transport) };
    return this.#stream.stream;
  }
}
