/**
 * The in-process bus: a plain local emitter shared by every store over one
 * backing. Delivery is synchronous, inside `publish`.
 *
 * @module
 */
import type { Bus, BusMessage } from '@chat-service/core';
import { cloneData } from './internal/clone.js';
import { settle } from './internal/settle.js';

/** One store's receiving end, registered with the backing while open. */
export interface BusEndpoint {
  deliver(message: BusMessage): void;
}

/** Every open endpoint over one backing. */
export type BusTable = Set<BusEndpoint>;

/** Receives what a bus handler threw; the other handlers still run. */
export type BusErrorHandler = (error: unknown, message: BusMessage) => void;

/** A `Bus` plus the hook the store's `close` uses. */
export interface MemoryBusHandle extends Bus {
  /** Whether `close` was called. */
  readonly closed: boolean;
}

/**
 * Creates one store's bus over the backing's endpoints.
 *
 * @param endpoints - the shared table
 * @param onHandlerError - called with what a handler threw
 * @returns the bus
 */
export function createMemoryBus(endpoints: BusTable, onHandlerError: BusErrorHandler): MemoryBusHandle {
  const handlers = new Set<(message: BusMessage) => void>();
  let closed = false;
  const endpoint: BusEndpoint = {
    deliver(message) {
      for (const handler of [...handlers]) {
        // each handler gets its own copy, as it would from a network bus
        const copy: BusMessage = { event: message.event, args: message.args.map(cloneData) };
        try {
          handler(copy);
        } catch (error) {
          reportError(onHandlerError, error, copy);
        }
      }
    },
  };
  endpoints.add(endpoint);

  return {
    get closed() {
      return closed;
    },
    listen() {
      return Promise.resolve();
    },
    publish(message) {
      return settle(() => {
        const snapshot: BusMessage = { event: message.event, args: message.args.map(cloneData) };
        for (const target of [...endpoints]) target.deliver(snapshot);
      });
    },
    subscribe(handler) {
      // A new wrapper per call, so that subscribing one function twice gives two independent subscriptions.
      const wrapper = (message: BusMessage): void => {
        handler(message);
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
