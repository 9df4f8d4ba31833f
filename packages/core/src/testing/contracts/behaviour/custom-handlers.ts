/**
 * Custom event handlers (`service.transport.bindHandler`): how their results
 * and errors reach the client, on every transport.
 */
import { describe, expect, it } from 'vitest';
import type { ChatServiceCore } from '../../../service.js';
import { ChatServiceError } from '../../../errors.js';
import type { Hooks } from '../../../hooks.js';
import type { BehaviourHarness } from './harness.js';
import { queryAuth, useHarness } from './harness.js';

/** An onConnect that binds a few handlers on the socket before logging it in. */
function bindingAuth(): Hooks {
  return {
    onConnect: (server: unknown, id: string) => {
      const service = server as ChatServiceCore;
      const bind = service.transport.bindHandler.bind(service.transport, id);
      bind('sum', (a, b) => Number(a) + Number(b));
      bind('pair', () => Promise.resolve(['x', 'y']));
      bind('empty', () => []);
      bind('nothing', () => undefined);
      bind('object', () => ({ a: 1 }));
      bind('deny', () => {
        throw new ChatServiceError('notAllowed');
      });
      bind('reject', () => Promise.reject(new Error('nope')));
      bind('listOwnSockets', () => 'custom');
      service.transport.bindHandler('no-such-socket', 'sum', () => 0);
      return queryAuth(service, id);
    },
  };
}

/** Registers, over the harness, the tests of custom event handlers: how their results and errors reach the client. */
export function customHandlersBehaviour(harness: BehaviourHarness): void {
  const t = useHarness(harness);

  describe('custom handlers', () => {
    it('ack their value, spread an array, and give null for nothing', async () => {
      const s = await t.start({}, bindingAuth());
      const client = await t.login(s, 'user1');
      expect(await client.call('sum', 1, 2)).toEqual([null, 3]);
      expect(await client.call('pair')).toEqual([null, 'x', 'y']);
      expect(await client.call('empty')).toEqual([null, null]);
      expect(await client.call('nothing')).toEqual([null, null]);
      expect(await client.call('object')).toEqual([null, { a: 1 }]);
    });

    it('ack a thrown or rejected error in its client form', async () => {
      const s = await t.start({}, bindingAuth());
      const client = await t.login(s, 'user1');
      expect(await client.call('deny')).toEqual(['ChatServiceError: Action is not allowed', null]);
      expect(await client.call('reject')).toEqual(['Error: nope', null]);
    });

    it('ack raw error objects with useRawErrorObjects', async () => {
      const s = await t.start({ useRawErrorObjects: true }, bindingAuth());
      const client = await t.login(s, 'user1');
      expect(await client.call('deny')).toEqual([{ name: 'ChatServiceError', code: 'notAllowed', args: [] }, null]);
      expect(await client.call('reject')).toEqual([{ name: 'ChatServiceError', code: 'internalError', args: ['Error: nope'] }, null]);
    });

    it('take precedence over a command of the same name', async () => {
      const s = await t.start({}, bindingAuth());
      const client = await t.login(s, 'user1');
      expect(await client.call('listOwnSockets')).toEqual([null, 'custom']);
    });
  });
}
