/**
 * Checklist: initialization (1, 2, 8, 9) and connection (1-3, 5-10).
 */
import { describe, expect, it } from 'vitest';
import { ChatServiceError } from '../../../errors.js';
import type { ChatServiceCore } from '../../../service.js';
import type { BehaviourHarness } from './harness.js';
import { useHarness, waitUntil } from './harness.js';

/** Registers, over the harness, the tests of start-up and of connecting (`onConnect`, login confirmed or rejected, disconnects). */
export function connectionBehaviour(harness: BehaviourHarness): void {
  const t = useHarness(harness);

  describe('initialization', () => {
    it('a client logging in as user1 receives loginConfirmed', async () => {
      const s = await t.start();
      const { login } = await s.connect('user1');
      expect(login[0]).toBe('loginConfirmed');
      expect(login[1]).toBe('user1');
    });

    it('a service without options emits ready, then closes', async () => {
      const s = await t.start();
      await expect(s.service.close()).resolves.toBeUndefined();
      await expect(s.service.close()).resolves.toBeUndefined();
    });

    it('heartbeats are written at heartbeatRate', async () => {
      const start = Date.now();
      const s = await t.start({ heartbeatRate: 200 });
      const first = await s.service.getInstanceHeartbeat(s.service.instanceUID);
      expect(first).toBeGreaterThanOrEqual(start);
      // Written again, about heartbeatRate later: a heartbeat written only at start fails here.
      let next = first;
      await waitUntil(async () => {
        next = await s.service.getInstanceHeartbeat(s.service.instanceUID);
        return next !== null && first !== null && next > first;
      });
      expect((next ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(150);
      expect(await s.service.getInstanceHeartbeat()).toBeGreaterThanOrEqual(next ?? 0);
      expect(await s.service.getInstanceHeartbeat('instance')).toBeNull();
    });
  });

  describe('connection', () => {
    it('loginConfirmed authData contains the socket id', async () => {
      const s = await t.start();
      const { client, login } = await s.connect('user1');
      expect(login[0]).toBe('loginConfirmed');
      const auth = login[2] ?? {};
      expect(typeof auth['id']).toBe('string');
      expect(client.id).toBe(auth['id']);
    });

    it('onConnect explicitly undefined rejects the login (noLogin)', async () => {
      const s = await t.start({}, { onConnect: undefined });
      const { login } = await s.connect('user1');
      expect(login).toEqual(['loginRejected', 'ChatServiceError: No login provided']);
    });

    it('an invalid user name is rejected', async () => {
      const s = await t.start();
      for (const name of ['user}1', 'a:b', 'x{', 'tab\there', 'del\u007f']) {
        const { login } = await s.connect(name);
        expect(login[0]).toBe('loginRejected');
        expect(String(login[1])).toContain('contains invalid characters');
      }
    });

    it('onConnect sees handshake data; an empty callback rejects', async () => {
      const seen: unknown[] = [];
      const s = await t.start({}, {
        onConnect: (server: unknown, id: string, cb: (e?: unknown) => void) => {
          const service = server as ChatServiceCore;
          seen.push(service.transport.getHandshakeData(id), service.transport.getHandshakeData('id'));
          cb();
        },
      });
      const { login } = await s.connect('user1');
      expect(login[0]).toBe('loginRejected');
      expect(seen[0]).toMatchObject({ isConnected: true, query: { user: 'user1' } });
      expect(seen[1]).toEqual({ isConnected: false, query: {}, headers: {} });
    });

    it('onConnect gets the service and the id; callback values become the login', async () => {
      let args: unknown[] = [];
      const s = await t.start({}, {
        onConnect: (server: unknown, id: string, cb: (e: unknown, ...r: unknown[]) => void) => {
          args = [server, id];
          cb(null, 'someUser', { token: 'token' });
        },
      });
      const { login } = await s.connect();
      expect(args[0]).toBe(s.service);
      expect(typeof args[1]).toBe('string');
      expect(login[0]).toBe('loginConfirmed');
      expect(login[1]).toBe('someUser');
      expect(login[2]).toEqual({ token: 'token', id: args[1] });
    });

    it('onConnect resolving [name, authData] with a promise', async () => {
      const s = await t.start({}, { onConnect: () => Promise.resolve(['promised', { role: 'admin' }]) });
      const { login } = await s.connect();
      expect(login[1]).toBe('promised');
      expect(login[2]).toMatchObject({ role: 'admin' });
    });

    it('onConnect throwing a ChatServiceError rejects with its string form', async () => {
      const error = new ChatServiceError('some error');
      const s = await t.start({}, {
        onConnect: () => {
          throw error;
        },
      });
      const { login } = await s.connect('user1');
      expect(login).toEqual(['loginRejected', error.toString()]);
      expect(error.toString()).toBe('ChatServiceError: some error');
    });

    it('a second socket of a user echoes connect and disconnect to the first', async () => {
      const s = await t.start();
      const first = await t.login(s, 'user1');
      const { client: second, login } = await s.connect('user1');
      const id2 = (login[2] as { id: string }).id;
      expect(await first.next('socketConnectEcho')).toEqual([id2, 2]);
      await second.close();
      expect(await first.next('socketDisconnectEcho')).toEqual([id2, 1]);
    });

    it('close() disconnects connected clients and resolves', async () => {
      const s = await t.start();
      const client = await t.login(s, 'user1');
      await s.service.close();
      await client.disconnected();
    });

    it('the instance registry holds exactly the connected socket', async () => {
      const s = await t.start();
      const client = await t.login(s, 'user1');
      const expected = { [client.id ?? '']: 'user1' };
      expect(await s.service.state.getInstanceSockets()).toEqual(expected);
      expect(await s.service.state.getInstanceSockets(s.service.instanceUID)).toEqual(expected);
    });

    it('a user is created at login and persists after disconnect', async () => {
      const s = await t.start();
      expect(await s.service.hasUser('fresh')).toBe(false);
      const client = await t.login(s, 'fresh');
      expect(await s.service.hasUser('fresh')).toBe(true);
      await client.close();
      expect(await s.service.hasUser('fresh')).toBe(true);
    });

    it('names such as __proto__ and constructor are ordinary names', async () => {
      const s = await t.start();
      for (const name of ['__proto__', 'constructor', 'toString']) {
        const client = await t.login(s, name);
        expect(await client.call('directGetWhitelistMode')).toEqual([null, false]);
      }
      await s.service.addRoom('__proto__');
      const c = await t.login(s, 'hasOwnProperty');
      expect(await c.call('roomJoin', '__proto__')).toEqual([null, 1]);
      expect(await c.call('roomGetAccessList', '__proto__', 'userlist')).toEqual([null, ['hasOwnProperty']]);
    });
  });
}
