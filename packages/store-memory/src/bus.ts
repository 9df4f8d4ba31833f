/**
 * The in-process bus: every store over one backing registers an endpoint
 * with its subscribed topics. Delivery is synchronous, inside `publish`.
 *
 * @module
 */
import type { Bus, BusHandler, BusMessage, BusTopic } from '@chat-service/core';
import { TopicMap } from '@chat-service/core';
import { cloneData } from './internal/clone.js';
import { settle } from './internal/settle.js';

/** One store's receiving end, registered with the backing while open. */
export interface BusEndpoint {
  /** The instance listening here (its own messages are skipped); undefined before `listen`. */
  readonly self: string | undefined;
  /** Subscribed topics. */
  readonly topics: Pick<TopicMap<true>, 'has'>;
  /** Hands a published message to this store's handlers. */
  deliver(message: BusMessage, topic: BusTopic): void;
}

/** Every open endpoint over one backing. */
export type BusTable = Set<BusEndpoint>;

/** Receives what a bus handler threw; the other handlers still run. */
export type BusErrorHandler = (error: unknown, message: BusMessage) => void;

/** A `Bus` plus what the store's other parts use. */
export interface MemoryBusHandle extends Bus {
  /** Whether `close` was called. */
  readonly closed: boolean;
  /** Publishes at once (inside a store operation, so that it is atomic with it). */
  publishNow(topic: BusTopic, message: BusMessage): void;
  /** Whether a message on `topic` from `origin` would reach any other instance (else there is nothing to build). */
  hasReceivers(topic: BusTopic, origin: string): boolean;
}

/** Whether an endpoint gets a message of `topic` from `origin`: it listens, holds the topic, and is another instance. */
function receives(target: BusEndpoint, topic: BusTopic, origin: string): boolean {
  return target.topics.has(topic) && target.self !== undefined && target.self !== origin;
}

function copyOf(message: BusMessage): BusMessage {
  // each handler gets its own copy, as it would from a network bus
  return cloneData(message) as BusMessage;
}

/**
 * Creates one store's bus over the backing's endpoints.
 *
 * @param endpoints - the shared table
 * @param onHandlerError - called with what a handler threw
 * @returns the bus
 */
export function createMemoryBus(endpoints: BusTable, onHandlerError: BusErrorHandler): MemoryBusHandle {
  const handlers = new Set<BusHandler>();
  const topics = new TopicMap<true>();
  let self: string | undefined;
  let closed = false;
  const endpoint: BusEndpoint = {
    get self() {
      return self;
    },
    topics,
    deliver(message, topic) {
      for (const handler of [...handlers]) {
        const copy = copyOf(message);
        try {
          handler(copy, topic);
        } catch (error) {
          reportError(onHandlerError, error, copy);
        }
      }
    },
  };
  endpoints.add(endpoint);

  const publishNow = (topic: BusTopic, message: BusMessage): void => {
    // Delivery is synchronous and every handler gets its own copy: nothing to copy when no other instance listens.
    for (const target of endpoints) if (receives(target, topic, message.origin)) target.deliver(message, topic);
  };

  return {
    get closed() {
      return closed;
    },
    publishNow,
    hasReceivers(topic, origin) {
      for (const target of endpoints) if (receives(target, topic, origin)) return true;
      return false;
    },
    listen(instanceUID) {
      if (!closed) self = instanceUID;
      return Promise.resolve();
    },
    publish(topic, message) {
      return settle(() => {
        publishNow(topic, message);
      });
    },
    subscribe(topic) {
      if (!closed) topics.set(topic, true);
      return Promise.resolve();
    },
    unsubscribe(topic) {
      topics.delete(topic);
      return Promise.resolve();
    },
    onMessage(handler) {
      // A new wrapper per call, so that adding one function twice gives two independent handlers.
      const wrapper: BusHandler = (message, topic) => {
        handler(message, topic);
      };
      if (!closed) handlers.add(wrapper);
      return () => {
        handlers.delete(wrapper);
      };
    },
    close() {
      closed = true;
      endpoints.delete(endpoint);
      handlers.clear();
      topics.clear();
      return Promise.resolve();
    },
  };
}

function reportError(onHandlerError: BusErrorHandler, error: unknown, message: BusMessage): void {
  try {
    onHandlerError(error, message);
  } catch {
    // the error reporter itself failed: nothing sensible is left to do with it
  }
}
