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
 * @module
 */
import type { Cluster, Redis } from 'ioredis';
import type { Socket } from 'node:net';
import { isCluster } from './bus.js';

/** Called before a command is sent; corks the connection until the end of the turn. */
export type BeforeWrite = () => void;

/**
 * Returns the hook for a client. A cluster's commands go to the connections
 * of its nodes, which ioredis picks per slot: the hook does nothing there.
 */
export function createWriteBatch(client: Redis | Cluster): BeforeWrite {
  if (isCluster(client)) return () => undefined;
  const redis: Redis = client;
  let corked: Socket | undefined;
  const flush = (): void => {
    const stream = corked;
    corked = undefined;
    stream?.uncork();
  };
  return () => {
    if (corked !== undefined || redis.status !== 'ready') return;
    const stream: Socket = redis.stream;
    if (stream.writableCorked > 0) return;
    stream.cork();
    corked = stream;
    setImmediate(flush);
  };
}
