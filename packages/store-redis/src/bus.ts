/**
 * The Bus on Redis pub/sub: one channel per prefix, a dedicated subscriber
 * connection (a duplicate of the client). On a cluster it uses sharded
 * pub/sub (SPUBLISH / SSUBSCRIBE through ioredis's `shardedSubscribers`), so
 * bus traffic stays on one shard instead of being broadcast to every node.
 *
 * @module
 */
import type { Bus, BusMessage } from '@chat-service/core';
import type { Cluster, Redis } from 'ioredis';
import { closeConnection } from './client.js';
import { parseJson } from './codec.js';

/** Options of {@link createRedisBus}. */
export interface RedisBusOptions {
  client: Redis | Cluster;
  channel: string;
  /** On a cluster, SPUBLISH / SSUBSCRIBE (Redis 7+) rather than PUBLISH / SUBSCRIBE. */
  sharded: boolean;
  /** Receives connection errors and errors thrown by handlers. */
  onError: (error: unknown) => void;
}

/** Narrows a client to a cluster (ioredis's `isCluster` flag, safe across copies of ioredis). */
export function isCluster(client: Redis | Cluster): client is Cluster {
  return client.isCluster;
}

function isBusMessage(value: unknown): value is BusMessage {
  if (typeof value !== 'object' || value === null) return false;
  return 'event' in value && typeof value.event === 'string' && 'args' in value && Array.isArray(value.args);
}

/** Creates the Bus over a client; `listen()` opens the subscriber connection. */
export function createRedisBus({ client, channel, sharded: shardedOption, onError }: RedisBusOptions): Bus {
  const sharded = shardedOption && isCluster(client);
  const handlers = new Set<(message: BusMessage) => void>();
  let subscriber: Redis | Cluster | undefined;
  let listening: Promise<void> | undefined;
  let closed = false;

  const deliver = (from: unknown, payload: unknown): void => {
    if (from !== channel || typeof payload !== 'string' || closed) return;
    let message: unknown;
    try {
      message = parseJson(payload);
    } catch (error) {
      onError(new Error('[store-redis] bus: a message is not JSON', { cause: error }));
      return;
    }
    if (!isBusMessage(message)) return;
    for (const handler of [...handlers]) {
      try {
        handler({ event: message.event, args: message.args });
      } catch (error) {
        onError(error);
      }
    }
  };

  const start = async (): Promise<void> => {
    const sub = sharded && isCluster(client) ? client.duplicate([], { shardedSubscribers: true }) : client.duplicate();
    subscriber = sub;
    sub.on('error', onError);
    sub.on(sharded ? 'smessage' : 'message', deliver);
    try {
      await (sharded ? sub.ssubscribe(channel) : sub.subscribe(channel));
    } catch (error) {
      subscriber = undefined;
      listening = undefined;
      sub.disconnect();
      throw new Error(`[store-redis] bus: could not subscribe to "${channel}"`, { cause: error });
    }
  };

  return {
    async listen() {
      if (closed) throw new Error('[store-redis] bus: listen() after close()');
      listening ??= start();
      return listening;
    },
    async publish(message: BusMessage) {
      const payload = JSON.stringify({ event: message.event, args: message.args });
      await (sharded ? client.spublish(channel, payload) : client.publish(channel, payload));
    },
    subscribe(handler: (message: BusMessage) => void) {
      const own = (message: BusMessage): void => {
        handler(message);
      };
      handlers.add(own);
      return () => {
        handlers.delete(own);
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      handlers.clear();
      await listening?.catch(() => undefined);
      if (subscriber) await closeConnection(subscriber);
      subscriber = undefined;
    },
  };
}
