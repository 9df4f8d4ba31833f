/**
 * Contract: the instance-to-instance bus, and `close()` of a handle.
 *
 * @module
 */
import { describe, expect, it } from 'vitest';
import type { Bus, BusMessage } from '../../../ports.js';
import type { StoreContractSetup } from './context.js';
import { eventually, isUnsupported, randomName, useHandles } from './context.js';

interface Recorder {
  /** Messages of the test's event received so far, in order. */
  readonly received: BusMessage[];
  readonly unsubscribe: () => void;
}

/** Subscribes and keeps the messages of one event; other tests may share the bus. */
function record(bus: Bus, event: string): Recorder {
  const received: BusMessage[] = [];
  const unsubscribe = bus.subscribe((message) => {
    if (message.event === event) received.push(message);
  });
  return { received, unsubscribe };
}

/** Publishes a marker and waits until `recorder` has it: everything published before it has been delivered. */
async function flush(publisher: Bus, recorder: Recorder, event: string): Promise<void> {
  const marker = randomName('marker');
  await publisher.publish({ event, args: [marker] });
  await eventually(() => {
    expect(recorder.received.some((m) => m.args[0] === marker)).toBe(true);
  });
}

function withoutMarkers(recorder: Recorder): BusMessage[] {
  return recorder.received.filter((m) => !(typeof m.args[0] === 'string' && m.args[0].startsWith('marker-')));
}

const ARGS: unknown[] = ['text ü ✓ 🎉', 42, 0, -1.5, true, false, null, { nested: { list: [1, 'two', { three: 3 }] }, empty: {} }, [], ''];

/**
 * Registers the bus tests.
 *
 * @param setup - the adapter's setup
 */
export function describeBus(setup: StoreContractSetup): void {
  describe.skipIf(isUnsupported(setup, 'bus'))('bus', () => {
    const { open } = useHandles(setup);

    it('listen resolves', async () => {
      const bus = await open();
      await expect(bus.listen()).resolves.toBeUndefined();
    });

    it("publish reaches the publisher's own subscribers with deep-equal args", async () => {
      const bus = await open();
      await bus.listen();
      const event = randomName('event');
      const recorder = record(bus, event);
      await bus.publish({ event, args: ARGS });
      await eventually(() => {
        expect(recorder.received).toEqual([{ event, args: ARGS }]);
      });
    });

    it("publish reaches another handle's subscribers, both ways", async () => {
      const [a, b] = [await open(), await open()];
      await Promise.all([a.listen(), b.listen()]);
      const event = randomName('event');
      const [onA, onB] = [record(a, event), record(b, event)];
      await b.publish({ event, args: ['from b', ...ARGS] });
      await a.publish({ event, args: ['from a'] });
      for (const recorder of [onA, onB]) {
        await eventually(() => {
          expect(recorder.received).toHaveLength(2);
        });
        expect(recorder.received).toContainEqual({ event, args: ['from b', ...ARGS] });
        expect(recorder.received).toContainEqual({ event, args: ['from a'] });
      }
    });

    it('every subscriber gets each message exactly once', async () => {
      const [a, b] = [await open(), await open()];
      await Promise.all([a.listen(), b.listen()]);
      const event = randomName('event');
      const recorders = [record(a, event), record(a, event), record(b, event)];
      await a.publish({ event, args: ['once'] });
      for (const recorder of recorders) await flush(a, recorder, event);
      for (const recorder of recorders) expect(withoutMarkers(recorder)).toEqual([{ event, args: ['once'] }]);
    });

    it('messages from one publisher arrive in publish order', async () => {
      const [a, b] = [await open(), await open()];
      await Promise.all([a.listen(), b.listen()]);
      const event = randomName('event');
      const recorder = record(b, event);
      for (let i = 0; i < 10; i++) await a.publish({ event, args: [i] });
      await eventually(() => {
        expect(recorder.received).toHaveLength(10);
      });
      expect(recorder.received.map((m) => m.args[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it('an unsubscribed handler gets nothing more; unsubscribing twice is harmless', async () => {
      const bus = await open();
      await bus.listen();
      const event = randomName('event');
      const [gone, kept] = [record(bus, event), record(bus, event)];
      gone.unsubscribe();
      gone.unsubscribe();
      await bus.publish({ event, args: ['after'] });
      await flush(bus, kept, event);
      expect(withoutMarkers(kept)).toEqual([{ event, args: ['after'] }]);
      expect(gone.received).toEqual([]);
    });

    it('a throwing handler does not stop delivery to the others', async () => {
      const [a, b] = [await open(), await open()];
      await Promise.all([a.listen(), b.listen()]);
      const event = randomName('event');
      a.subscribe((message) => {
        if (message.event === event) throw new Error('handler failure (expected by the test)');
      });
      const [onA, onB] = [record(a, event), record(b, event)];
      await expect(a.publish({ event, args: [1] })).resolves.toBeUndefined();
      await b.publish({ event, args: [2] });
      for (const recorder of [onA, onB])
        await eventually(() => {
          expect(recorder.received.map((m) => m.args[0]).sort()).toEqual([1, 2]);
        });
    });

    it('close stops delivery to that handle only; the others keep hearing each other', async () => {
      const [a, b, c] = [await open(), await open(), await open()];
      await Promise.all([a.listen(), b.listen(), c.listen()]);
      const event = randomName('event');
      const [onA, onB, onC] = [record(a, event), record(b, event), record(c, event)];
      await b.close();
      await a.publish({ event, args: ['from a'] });
      await c.publish({ event, args: ['from c'] });
      await flush(a, onC, event);
      await flush(c, onA, event);
      expect(onB.received).toEqual([]);
      for (const recorder of [onA, onC]) {
        expect(withoutMarkers(recorder)).toHaveLength(2);
        expect(withoutMarkers(recorder)).toContainEqual({ event, args: ['from a'] });
        expect(withoutMarkers(recorder)).toContainEqual({ event, args: ['from c'] });
      }
    });

    it('close is idempotent', async () => {
      const store = await open();
      await store.listen();
      await expect(store.close()).resolves.toBeUndefined();
      await expect(store.close()).resolves.toBeUndefined();
    });

    it('event names are opaque strings', async () => {
      const [a, b] = [await open(), await open()];
      await Promise.all([a.listen(), b.listen()]);
      const token = globalThis.crypto.randomUUID();
      const received: BusMessage[] = [];
      b.subscribe((message) => {
        if (message.args[0] === token) received.push(message);
      });
      for (const event of ['__proto__', 'constructor', 'toString', 'room message ü *?']) await a.publish({ event, args: [token] });
      await eventually(() => {
        expect(received.map((m) => m.event)).toEqual(['__proto__', 'constructor', 'toString', 'room message ü *?']);
      });
    });
  });
}
