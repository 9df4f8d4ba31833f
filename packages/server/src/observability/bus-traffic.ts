/**
 * Bus messages in and out of this instance, for the bus metric. Today the
 * service's Bus is its store (memory and Redis stores are both): messages out
 * are its `publish` calls, messages in what its subscription delivers. When
 * the bus grows its own counters, repoint this one function at them.
 *
 * @module
 */
import type { Bus } from '@chat-service/core';

/** Hears one bus message. */
export type BusObserver = (direction: 'in' | 'out') => void;

function isBus(value: unknown): value is Bus {
  const bus = value as Partial<Bus> | null;
  return typeof bus === 'object' && bus !== null && typeof bus.publish === 'function' && typeof bus.subscribe === 'function';
}

const observers = new WeakMap<Bus, Set<BusObserver>>();

/**
 * Reports the messages of the service's bus to `observer`.
 *
 * @param service - anything with the `store` the service uses as its bus
 * @returns stops reporting, or `undefined` when the store is not the bus or cannot be wrapped (nothing is counted then)
 */
export function observeBus(service: { readonly store: unknown }, observer: BusObserver): (() => void) | undefined {
  const bus = service.store;
  if (!isBus(bus) || !Object.isExtensible(bus)) return undefined;
  let heard = observers.get(bus);
  if (!heard) {
    const set = new Set<BusObserver>();
    heard = set;
    observers.set(bus, set);
    const publish = bus.publish.bind(bus);
    bus.publish = (message) => {
      for (const o of set) o('out');
      return publish(message);
    };
    bus.subscribe(() => {
      for (const o of set) o('in');
    });
  }
  heard.add(observer);
  const mine = heard;
  return () => void mine.delete(observer);
}
