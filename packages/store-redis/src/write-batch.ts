/**
 * Coalesces the commands the store sends during one turn of the event loop
 * into one socket write. Without it every command is a write system call of
 * its own (ioredis writes each command as it is issued), and under load that
 * call, with redis-server's matching read, costs more than the command.
 * The socket is corked at the first command of a turn and uncorked in
 * `setImmediate`, i.e. once the poll phase has handled every socket that was
 * readable: the commands of all the requests read in that phase leave
 * together, in the order they were issued. ioredis's `enableAutoPipelining`
 * flushes on `process.nextTick`, so it batches only one request's commands.
 *
 * A part of the store may also hold work back to the end of the turn
 * ({@link WriteBatch.defer}), e.g. to send many room messages as one script
 * call: held work is sent before the next script or bus publish (whatever
 * calls `beforeWrite`), so those still leave in the order they were issued;
 * the store's plain commands do not call it and may go first.
 *
 * @module
 */
import type { Cluster, Redis } from 'ioredis';
import type { Socket } from 'node:net';
import { isCluster } from './client.js';

/** Called before a command is sent; corks the connection until the end of the turn. */
export type BeforeWrite = () => void;

/** The write batch of one client. */
export interface WriteBatch {
  /** Called before a command is sent: sends the held work first, then corks the connection until the end of the turn. */
  readonly beforeWrite: BeforeWrite;
  /** Whether work may be held now: a single node whose connection is ready. */
  canDefer(): boolean;
  /** Holds `send` until the end of the turn or the next command, whichever comes first (only when {@link canDefer}). */
  defer(send: () => void): void;
}

/**
 * Returns the batch of a client. A cluster's commands go to the connections
 * of its nodes, which ioredis picks per slot: there it does nothing and holds nothing.
 *
 * With `everyCommand` (a client the store created, so no one else's commands
 * are delayed), every command the client sends joins the batch: the plain
 * commands of a turn's logins (HSETNX, HSET, SUBSCRIBE...) leave in one write
 * too, each after the work held before it.
 */
export function createWriteBatch(client: Redis | Cluster, { everyCommand = false } = {}): WriteBatch {
  if (isCluster(client)) {
    return {
      beforeWrite: () => undefined,
      canDefer: () => false,
      defer: (send) => {
        send();
      },
    };
  }
  const redis: Redis = client;
  let corked: Socket | undefined;
  let held: (() => void)[] = [];
  const sendHeld = (): void => {
    while (held.length > 0) {
      const sends = held;
      held = [];
      for (const send of sends) send();
    }
  };
  const flush = (): void => {
    sendHeld();
    const stream = corked;
    corked = undefined;
    stream?.uncork();
  };
  const cork = (): void => {
    if (corked !== undefined || redis.status !== 'ready') return;
    const stream: Socket = redis.stream;
    if (stream.writableCorked > 0) return;
    stream.cork();
    corked = stream;
    setImmediate(flush);
  };
  const beforeWrite = (): void => {
    if (held.length > 0) sendHeld();
    cork();
  };
  if (everyCommand) {
    const send = redis.sendCommand.bind(redis);
    redis.sendCommand = (command, stream) => {
      beforeWrite();
      return send(command, stream);
    };
  }
  return {
    beforeWrite,
    canDefer: () => redis.status === 'ready',
    defer: (send) => {
      cork();
      // Without a corked turn of our own (someone else corked the stream) nothing would flush it: send now.
      if (corked === undefined) send();
      else held.push(send);
    },
  };
}
