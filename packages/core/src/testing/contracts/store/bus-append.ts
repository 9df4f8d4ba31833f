/**
 * Contract: `roomHistoryAppend` with a notice publishes the room message on
 * the room's topic in the same atomic step (for stores that are their own bus).
 *
 * @module
 */
import { describe, expect, it } from 'vitest';
import type { BusTopic } from '../../../ports.js';
import { flush, listening, payloads, record } from './bus.js';
import type { StoreContractSetup } from './context.js';
import { eventually, isUnsupported, randomName, roomInit, useHandles } from './context.js';

/**
 * Registers the tests.
 *
 * @param setup - the adapter's setup
 */
export function describeBusAppend(setup: StoreContractSetup): void {
  describe.skipIf(isUnsupported(setup, 'bus') || isUnsupported(setup, 'history'))('bus: room messages published by the append', () => {
    const { open } = useHandles(setup);

    it('publishes the message with its id on the room topic, to other instances only', async () => {
      const [a, b] = await listening(open);
      const room = randomName('room');
      const topic: BusTopic = { kind: 'room', name: room };
      await a.bus.addRoom(room, roomInit());
      await Promise.all([a.bus.subscribe(topic), b.bus.subscribe(topic)]);
      const [onA, onB] = [record(a.bus), record(b.bus)];
      const message = { textMessage: 'hi ü', author: 'u', timestamp: 5, nested: { list: [1] } };
      expect(await a.bus.roomHistoryAppend(room, message, undefined, { origin: a.uid })).toEqual({ kind: 'appended', id: 1 });
      await eventually(() => {
        expect(onB).toEqual([{ topic, message: { kind: 'emit', origin: a.uid, channel: room, event: 'roomMessage', args: [room, { ...message, id: 1 }] } }]);
      });
      await flush(b.bus, b.uid, topic, onA);
      expect(payloads(onA)).toEqual([]);
    });

    it('publishes nothing without a notice, for a missing room or for a non-member', async () => {
      const [a, b] = await listening(open);
      const room = randomName('room');
      const topic: BusTopic = { kind: 'room', name: room };
      await a.bus.addRoom(room, roomInit());
      await b.bus.subscribe(topic);
      const received = record(b.bus);
      expect(await a.bus.roomHistoryAppend(room, { textMessage: 'plain', timestamp: 1 })).toEqual({ kind: 'appended', id: 1 });
      expect(await a.bus.roomHistoryAppend(room, { textMessage: 'stranger', timestamp: 1 }, 'nobody', { origin: a.uid })).toEqual({ kind: 'notJoined' });
      const missing = randomName('room');
      await b.bus.subscribe({ kind: 'room', name: missing });
      expect(await a.bus.roomHistoryAppend(missing, { textMessage: 'void', timestamp: 1 }, undefined, { origin: a.uid })).toEqual({ kind: 'noRoom' });
      await flush(a.bus, a.uid, topic, received);
      await flush(a.bus, a.uid, { kind: 'room', name: missing }, received);
      expect(payloads(received)).toEqual([]);
    });

    it('concurrent appends from two instances reach a third in id order', async () => {
      const [a, b, c] = await listening(open);
      const room = randomName('room');
      const topic: BusTopic = { kind: 'room', name: room };
      await a.bus.addRoom(room, roomInit({ historyMaxSize: 0 }));
      await c.bus.subscribe(topic);
      const received = record(c.bus);
      await Promise.all(
        Array.from({ length: 40 }, (_, i) => {
          const from = i % 2 === 0 ? a : b;
          return from.bus.roomHistoryAppend(room, { textMessage: `m${String(i)}`, timestamp: i }, undefined, { origin: from.uid });
        }),
      );
      await eventually(() => {
        expect(received).toHaveLength(40);
      });
      const ids = received.map((r) => (r.message.kind === 'emit' ? (r.message.args[1] as { id: number }).id : 0));
      expect(ids).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    });
  });
}
