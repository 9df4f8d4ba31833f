/**
 * The Bus on Redis pub/sub: one channel per topic (a room's carries the
 * room's hash tag, so on a cluster it lives in the room's slot), on a
 * dedicated subscriber connection (a duplicate of the client). On a cluster
 * it uses sharded pub/sub (SPUBLISH / SSUBSCRIBE through ioredis's
 * `shardedSubscribers`), so each channel's traffic stays on the shard of its
 * slot and the shards share the load. The subscriber re-subscribes every
 * channel after a reconnection or a failover (ioredis does).
 *
 * @module
 */
import { Buffer } from 'node:buffer';
import type { Bus, BusHandler, BusTopic } from '@chat-service/core';
import type { Cluster, Redis } from 'ioredis';
import { closeConnection, isCluster } from './client.js';
import { decodeFrame, encodeFrame, frameHeader } from './bus-frame.js';
import type { KeySpace } from './keys.js';
import { createWriteBatch } from './write-batch.js';
import type { BeforeWrite } from './write-batch.js';

/** Options of {@link createRedisBus}. */
export interface RedisBusOptions {
  client: Redis | Cluster;
  keys: KeySpace;
  /** On a cluster, SPUBLISH / SSUBSCRIBE (Redis 7+) rather than PUBLISH / SUBSCRIBE. */
  sharded: boolean;
  /** Called before a PUBLISH on `client` (the client's write batch). */
  beforeWrite?: BeforeWrite;
  /** Receives connection errors and errors thrown by handlers. */
  onError: (error: unknown) => void;
}

/** The Redis bus, plus what the append script needs. */
export interface RedisBus extends Bus {
  /** Whether it publishes with SPUBLISH (the append script must too). */
  readonly sharded: boolean;
}


/** Creates the Bus over a client; `listen()` opens the subscriber connection. */
export function createRedisBus({ client, keys, sharded: shardedOption, beforeWrite, onError }: RedisBusOptions): RedisBus {
  const sharded = shardedOption && isCluster(client);
  const handlers = new Set<BusHandler>();
  /** Subscribed channels and their topics. */
  const channels = new Map<string, BusTopic>();
  let subscriber: Redis | Cluster | undefined;
  let listening: Promise<void> | undefined;
  /** The origin header of this instance's frames, as bytes: its own frames are dropped before any decoding. */
  let ownHeader: Buffer | undefined;
  let closed = false;

  const deliver = (from: unknown, payload: unknown): void => {
    if (closed || !Buffer.isBuffer(from) || !Buffer.isBuffer(payload)) return;
    if (ownHeader !== undefined && payload.length >= ownHeader.length && payload.compare(ownHeader, 0, ownHeader.length, 0, ownHeader.length) === 0) return;
    const topic = channels.get(from.toString());
    if (!topic) return;
    let message;
    try {
      message = decodeFrame(payload.toString());
    } catch (error) {
      onError(new Error('[store-redis] bus: a message is not JSON', { cause: error }));
      return;
    }
    if (!message) return;
    for (const handler of [...handlers]) {
      try {
        handler(message, topic);
      } catch (error) {
        onError(error);
      }
    }
  };

  const start = (): Promise<void> => {
    const sub = sharded && isCluster(client) ? client.duplicate([], { shardedSubscribers: true }) : client.duplicate();
    subscriber = sub;
    // Its own connection, of our own: the SUBSCRIBEs of a turn's logins leave in one write.
    createWriteBatch(sub, { everyCommand: true });
    sub.on('error', onError);
    // The Buffer events: with no listener of the string ones, ioredis does not decode what we drop unread.
    sub.on(sharded ? 'smessageBuffer' : 'messageBuffer', deliver);
    // Subscribe only on a ready connection: a SUBSCRIBE queued while it connects could be acknowledged before it is in force.
    if (sub.status === 'ready') return Promise.resolve();
    // A connection error ends the wait too: the store's start-up check reports it.
    return new Promise((resolve) => {
      const done = (): void => {
        sub.off('ready', done);
        sub.off('error', done);
        sub.off('end', done);
        resolve();
      };
      sub.once('ready', done);
      sub.once('error', done);
      sub.once('end', done);
    });
  };

  const running = (): Redis | Cluster => {
    if (closed || !subscriber) throw new Error('[store-redis] bus: subscribe() before listen() or after close()');
    return subscriber;
  };

  return {
    sharded,
    async listen(self) {
      if (closed) throw new Error('[store-redis] bus: listen() after close()');
      ownHeader = Buffer.from(frameHeader(self));
      listening ??= start();
      return listening;
    },
    async publish(topic, message) {
      const channel = keys.busChannel(topic);
      const payload = encodeFrame(message);
      beforeWrite?.();
      await (sharded ? client.spublish(channel, payload) : client.publish(channel, payload));
    },
    async subscribe(topic) {
      const sub = running();
      const channel = keys.busChannel(topic);
      if (channels.has(channel)) return;
      channels.set(channel, topic);
      try {
        await (sharded ? sub.ssubscribe(channel) : sub.subscribe(channel));
      } catch (error) {
        channels.delete(channel);
        throw new Error(`[store-redis] bus: could not subscribe to "${channel}"`, { cause: error });
      }
    },
    async unsubscribe(topic) {
      const channel = keys.busChannel(topic);
      if (!channels.delete(channel) || closed || !subscriber) return;
      await (sharded ? subscriber.sunsubscribe(channel) : subscriber.unsubscribe(channel));
    },
    onMessage(handler) {
      const own: BusHandler = (message, topic) => {
        handler(message, topic);
      };
      if (!closed) handlers.add(own);
      return () => {
        handlers.delete(own);
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      handlers.clear();
      channels.clear();
      // Not awaiting the wait for `ready`: a server that never answers would hold close() for ever; closing ends it ('end').
      if (subscriber) await closeConnection(subscriber);
      subscriber = undefined;
    },
  };
}
