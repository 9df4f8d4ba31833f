/**
 * Contract: the instance-to-instance bus on topics, and `close()` of a handle.
 *
 * @module
 */
import { describe, expect, it } from 'vitest';
import type { Bus, BusMessage, BusTopic } from '../../../ports.js';
import type { StoreContractSetup, StoreHandle } from './context.js';
import { eventually, isUnsupported, randomName, TRICKY_NAMES, useHandles } from './context.js';

/** One received message with its topic. */
export interface Received {
  readonly message: BusMessage;
  readonly topic: BusTopic;
}

/** Keeps every message a bus hands over. */
export function record(bus: Bus): Received[] {
  const received: Received[] = [];
  bus.onMessage((message, topic) => received.push({ message, topic }));
  return received;
}

/** A custom message carrying `args`. */
export function custom(origin: string, ...args: unknown[]): BusMessage {
  return { kind: 'custom', origin, event: 'e', args };
}

/** Publishes a marker on `topic` and waits until `received` has it: everything published before it on the topic has arrived. */
export async function flush(publisher: Bus, origin: string, topic: BusTopic, received: readonly Received[]): Promise<void> {
  const marker = randomName('marker');
  await publisher.publish(topic, custom(origin, marker));
  await eventually(() => {
    expect(received.some((r) => r.message.kind === 'custom' && r.message.args[0] === marker)).toBe(true);
  });
}

/** Received messages without markers. */
export function payloads(received: readonly Received[]): Received[] {
  return received.filter((r) => !(r.message.kind === 'custom' && typeof r.message.args[0] === 'string' && r.message.args[0].startsWith('marker-')));
}

const ARGS: unknown[] = ['text ü ✓ 🎉', 42, 0, -1.5, true, false, null, { nested: { list: [1, 'two', { three: 3 }] }, empty: {} }, [], ''];

/** A handle listening as one instance. */
export interface Listening {
  readonly bus: StoreHandle;
  readonly uid: string;
}

/** Opens three handles listening as distinct instances (destructure the ones a test needs). */
export async function listening(open: () => Promise<StoreHandle>): Promise<[Listening, Listening, Listening]> {
  const one = async (): Promise<Listening> => {
    const handle = { bus: await open(), uid: randomName('instance') };
    await handle.bus.listen(handle.uid);
    return handle;
  };
  return Promise.all([one(), one(), one()]);
}

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
      await expect(bus.listen(randomName('instance'))).resolves.toBeUndefined();
    });

    it('every message kind reaches a subscribed handle deep-equal, with its topic', async () => {
      const [a, b] = await listening(open);
      const topic: BusTopic = { kind: 'room', name: randomName('room') };
      await b.bus.subscribe(topic);
      const received = record(b.bus);
      const messages: BusMessage[] = [
        { kind: 'emit', origin: a.uid, channel: 'c', event: 'roomMessage', args: ARGS, exceptId: 'sock' },
        { kind: 'leaveSocket', origin: a.uid, id: 'sock', room: 'r' },
        { kind: 'socketLeft', origin: a.uid, id: 'sock', room: 'r' },
        { kind: 'disconnectUser', origin: a.uid, user: 'u' },
        custom(a.uid, ...ARGS),
      ];
      for (const message of messages) await a.bus.publish(topic, message);
      await eventually(() => {
        expect(received).toEqual(messages.map((message) => ({ message, topic })));
      });
    });

    it('a handle never receives the messages of its own instance; others do', async () => {
      const [a, b] = await listening(open);
      const topic: BusTopic = { kind: 'user', name: randomName('user') };
      await Promise.all([a.bus.subscribe(topic), b.bus.subscribe(topic)]);
      const [onA, onB] = [record(a.bus), record(b.bus)];
      await a.bus.publish(topic, custom(a.uid, 'own'));
      await flush(b.bus, b.uid, topic, onA);
      await eventually(() => {
        expect(payloads(onB)).toEqual([{ message: custom(a.uid, 'own'), topic }]);
      });
      expect(payloads(onA)).toEqual([]);
      expect(onB.some((r) => r.message.kind === 'custom' && String(r.message.args[0]).startsWith('marker-'))).toBe(false);
    });

    it('only subscribed topics are received; kinds with one name are distinct topics', async () => {
      const [a, b] = await listening(open);
      const name = randomName('name');
      const topics: BusTopic[] = [{ kind: 'room', name }, { kind: 'user', name }, { kind: 'instance', name }];
      await b.bus.subscribe({ kind: 'user', name });
      const received = record(b.bus);
      for (const topic of topics) await a.bus.publish(topic, custom(a.uid, topic.kind));
      await flush(a.bus, a.uid, { kind: 'user', name }, received);
      expect(payloads(received)).toEqual([{ message: custom(a.uid, 'user'), topic: { kind: 'user', name } }]);
    });

    it('the global topic, once subscribed, reaches every subscribed handle exactly once', async () => {
      const [a, b, c] = await listening(open);
      const topic: BusTopic = { kind: 'global' };
      await Promise.all([b.bus.subscribe(topic), c.bus.subscribe(topic), c.bus.subscribe(topic)]);
      const recorders = [record(b.bus), record(b.bus), record(c.bus)];
      await a.bus.publish(topic, custom(a.uid, 'once'));
      for (const received of recorders) await flush(a.bus, a.uid, topic, received);
      for (const received of recorders) expect(payloads(received)).toEqual([{ message: custom(a.uid, 'once'), topic }]);
    });

    it('after unsubscribe nothing more arrives; unsubscribing twice, or an unknown topic, is harmless', async () => {
      const [a, b] = await listening(open);
      const gone: BusTopic = { kind: 'room', name: randomName('room') };
      const kept: BusTopic = { kind: 'room', name: randomName('room') };
      await Promise.all([b.bus.subscribe(gone), b.bus.subscribe(kept)]);
      const received = record(b.bus);
      await b.bus.unsubscribe(gone);
      await b.bus.unsubscribe(gone);
      await b.bus.unsubscribe({ kind: 'room', name: randomName('never') });
      await a.bus.publish(gone, custom(a.uid, 'lost'));
      await a.bus.publish(kept, custom(a.uid, 'kept'));
      await flush(a.bus, a.uid, kept, received);
      expect(payloads(received)).toEqual([{ message: custom(a.uid, 'kept'), topic: kept }]);
      await b.bus.subscribe(gone);
      await a.bus.publish(gone, custom(a.uid, 'back'));
      await flush(a.bus, a.uid, gone, received);
      expect(payloads(received).map((r) => r.message)).toEqual([custom(a.uid, 'kept'), custom(a.uid, 'back')]);
    });

    it('messages of one publisher on one topic arrive in publish order', async () => {
      const [a, b] = await listening(open);
      const topic: BusTopic = { kind: 'room', name: randomName('room') };
      await b.bus.subscribe(topic);
      const received = record(b.bus);
      await Promise.all(Array.from({ length: 20 }, (_, i) => a.bus.publish(topic, custom(a.uid, i))));
      await eventually(() => {
        expect(received).toHaveLength(20);
      });
      expect(received.map((r) => (r.message.kind === 'custom' ? r.message.args[0] : null))).toEqual(Array.from({ length: 20 }, (_, i) => i));
    });

    it('a removed or throwing handler does not stop delivery to the others', async () => {
      const [a, b] = await listening(open);
      const topic: BusTopic = { kind: 'instance', name: b.uid };
      await b.bus.subscribe(topic);
      b.bus.onMessage(() => {
        throw new Error('handler failure (expected by the test)');
      });
      const removed: Received[] = [];
      const remove = b.bus.onMessage((message, t) => removed.push({ message, topic: t }));
      remove();
      remove();
      const received = record(b.bus);
      await expect(a.bus.publish(topic, custom(a.uid, 1))).resolves.toBeUndefined();
      await a.bus.publish(topic, custom(a.uid, 2));
      await eventually(() => {
        expect(received.map((r) => r.message)).toEqual([custom(a.uid, 1), custom(a.uid, 2)]);
      });
      expect(removed).toEqual([]);
    });

    it('close stops delivery to that handle only, and is idempotent', async () => {
      const [a, b, c] = await listening(open);
      const topic: BusTopic = { kind: 'global' };
      await Promise.all([a.bus.subscribe(topic), b.bus.subscribe(topic), c.bus.subscribe(topic)]);
      const [onA, onB, onC] = [record(a.bus), record(b.bus), record(c.bus)];
      await b.bus.close();
      await expect(b.bus.close()).resolves.toBeUndefined();
      await a.bus.publish(topic, custom(a.uid, 'from a'));
      await c.bus.publish(topic, custom(c.uid, 'from c'));
      await flush(a.bus, a.uid, topic, onC);
      await flush(c.bus, c.uid, topic, onA);
      expect(onB).toEqual([]);
      expect(payloads(onA).map((r) => r.message)).toEqual([custom(c.uid, 'from c')]);
      expect(payloads(onC).map((r) => r.message)).toEqual([custom(a.uid, 'from a')]);
    });

    it('names are opaque: tricky names, spaces, braces and unicode are distinct topics', async () => {
      const [a, b] = await listening(open);
      const token = randomName('token');
      const names = [...TRICKY_NAMES, `${token} ü *?`, `{${token}}`, `${token}}{`, ''];
      const topics: BusTopic[] = names.map((name) => ({ kind: 'room', name }));
      await Promise.all(topics.map((t) => b.bus.subscribe(t)));
      const received = record(b.bus);
      for (const topic of topics) await a.bus.publish(topic, custom(a.uid, token, topic.kind === 'global' ? '' : topic.name));
      await eventually(() => {
        expect(received.filter((r) => r.message.kind === 'custom' && r.message.args[0] === token)).toHaveLength(names.length);
      });
      for (const r of received) if (r.message.kind === 'custom' && r.topic.kind === 'room') expect(r.message.args[1]).toBe(r.topic.name);
      await Promise.all(topics.map((t) => b.bus.unsubscribe(t)));
    });
  });
}
