/**
 * Checklist: errorsHandling (3-12); consistencyRecovery is in consistency-recovery.ts.
 */
import { describe, expect, it } from 'vitest';
import { ChatServiceError } from '../../../errors.js';
import type { Store } from '../../../ports.js';
import type { BehaviourHarness, StartedService } from './harness.js';
import { useHarness, waitUntil } from './harness.js';

const room = 'room1';

/** Registers, over the harness, the tests of error handling: failing channel joins, stores, hooks and transport closes. */
export function faultsBehaviour(harness: BehaviourHarness): void {
  const t = useHarness(harness);

  describe('errorsHandling', () => {
    it('a failing channel join fails roomJoin and rolls it back', async () => {
      const s = await t.start();
      await s.service.addRoom(room);
      const c = await t.login(s, 'user1');
      const facade = s.service.transport;
      const original = facade.joinChannel.bind(facade);
      facade.joinChannel = (id, channel) => {
        if (channel === room) throw new Error('join failed');
        return original(id, channel);
      };
      expect(await c.call('roomJoin', room)).toEqual(['Error: join failed', null]);
      expect(await s.service.execUserCommand(true, 'roomGetAccessList', room, 'userlist')).toEqual([[]]);
      expect(await c.call('listOwnSockets')).toEqual([null, { [c.id ?? '']: [] }]);
    });

    it('a failing user channel join rejects the login with the state cleaned', async () => {
      const s = await t.start();
      const facade = s.service.transport;
      facade.joinChannel = () => Promise.reject(new Error('join failed'));
      const { login } = await s.connect('user1');
      expect(login).toEqual(['loginRejected', 'Error: join failed']);
      expect(await s.service.execUserCommand('user1', 'listOwnSockets')).toEqual([{}]);
      expect(await s.service.state.getInstanceSockets()).toEqual({});
    });

    it('a socket gone during registration is rejected; state already clean at rejection', async () => {
      let onReject: Promise<unknown> | undefined;
      const ref: { service?: StartedService['service'] } = {};
      const s = await t.start(
        {},
        {},
        (store) =>
          new Proxy(store, {
            get(target, key, receiver) {
              const value: unknown = Reflect.get(target, key, receiver);
              if (key !== 'addUserSocket' || typeof value !== 'function') {
                // Function.prototype.bind is typed any; the Proxy passes the bound method on as it is.
                const passed: unknown = typeof value === 'function' ? value.bind(target) : value;
                return passed;
              }
              return async (user: string, id: string, uid: string) => {
                const n = await (value as Store['addUserSocket']).call(target, user, id, uid);
                // not awaited: the disconnect cleanup itself waits for this login
                void ref.service?.transport.disconnectSocket(id);
                return n;
              };
            },
          }),
      );
      ref.service = s.service;
      const facade = s.service.transport;
      const original = facade.rejectLogin.bind(facade);
      facade.rejectLogin = (id, error) => {
        onReject = s.service.execUserCommand('user1', 'listOwnSockets');
        original(id, error);
      };
      // The client is disconnected before any login answer can reach it.
      void s.connect('user1').catch(() => undefined);
      await waitUntil(() => onReject !== undefined);
      expect(await onReject).toEqual([{}]);
    });

    it('roomJoin for a socket the transport lost fails with invalidSocket', async () => {
      const s = await t.start();
      await s.service.addRoom(room);
      const c = await t.login(s, 'user1');
      s.service.transport.getSocket = () => undefined;
      expect(await c.call('roomJoin', room)).toEqual([`ChatServiceError: Socket ${c.id ?? ''} is not connected`, null]);
    });

    it('a failing onStart closes the service with the error', async () => {
      const error = new Error('start failed');
      let closed: unknown;
      const s = await t.start(
        {},
        {
          onStart: (server: unknown) => {
            (server as StartedService['service']).once('closed', (e) => {
              closed = e;
            });
            return Promise.reject(error);
          },
        },
      );
      await waitUntil(() => closed !== undefined);
      expect(closed).toBe(error);
      await expect(s.service.close()).resolves.toBeUndefined();
    });

    it('close() rejects when the transport close fails', async () => {
      const s = await t.start();
      const facade = s.service.transport;
      const original = facade.close.bind(facade);
      facade.close = async () => {
        await original();
        throw new Error('transport close');
      };
      await expect(s.service.close()).rejects.toThrow('transport close');
    });

    it('close() rejects when onClose fails, and onClose receives the transport error', async () => {
      const s1 = await t.start(
        {},
        {
          onClose: () => Promise.reject(new Error('onClose failed')),
        },
      );
      await expect(s1.service.close()).rejects.toThrow('onClose failed');
      let received: unknown;
      const s2 = await t.start(
        {},
        {
          onClose: (_s: unknown, error: unknown) => {
            received = error;
            return Promise.reject(error);
          },
        },
      );
      const facade = s2.service.transport;
      const original = facade.close.bind(facade);
      facade.close = async () => {
        await original();
        throw new Error('transport close');
      };
      await expect(s2.service.close()).rejects.toThrow('transport close');
      expect(String(received)).toBe('Error: transport close');
    });

    it('raw errors: a plain Error from onConnect becomes internalError', async () => {
      const error = new Error('plain');
      const s = await t.start(
        { useRawErrorObjects: true },
        {
          onConnect: () => {
            throw error;
          },
        },
      );
      const { login } = await s.connect('user1');
      expect(login).toEqual(['loginRejected', { name: 'ChatServiceError', code: 'internalError', args: [String(error)] }]);
    });

    it('ChatServiceError can be subclassed', async () => {
      const s = await t.start();
      class MyError extends s.service.ChatServiceError {}
      const e = new MyError('noRoom', 'x');
      expect(e).toBeInstanceOf(ChatServiceError);
      expect(e).toBeInstanceOf(Error);
      expect(JSON.parse(JSON.stringify(e))).toEqual({ name: 'ChatServiceError', code: 'noRoom', args: ['x'] });
    });
  });
}
