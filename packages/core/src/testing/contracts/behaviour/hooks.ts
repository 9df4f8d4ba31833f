/**
 * Checklist: hooks (1-18).
 */
import { describe, expect, it } from 'vitest';
import type { ChatServiceCore } from '../../../service.js';
import type { ExecInfo } from '../../../exec-info.js';
import type { HookCallback } from '../../../hook-runner.js';
import type { BehaviourHarness } from './harness.js';
import { useHarness } from './harness.js';

/** Registers, over the harness, the tests of the hooks: lifecycle hooks, command before/after hooks and message checkers. */
export function hooksBehaviour(harness: BehaviourHarness): void {
  const t = useHarness(harness);
  const room = 'room1';

  describe('hooks', () => {
    it('onStart prepares state before ready', async () => {
      const s = await t.start({}, {
        onStart: async (server: unknown) => {
          await (server as ChatServiceCore).addRoom(room, { whitelist: ['user1'], owner: 'user2' });
        },
      });
      const c = await t.login(s, 'user1');
      expect(await c.call('roomJoin', room)).toEqual([null, 1]);
      expect(await c.call('roomGetAccessList', room, 'whitelist')).toEqual([null, ['user1']]);
      expect(await c.call('roomGetOwner', room)).toEqual([null, 'user2']);
    });

    it('onClose runs with a null error', async () => {
      const calls: unknown[][] = [];
      const s = await t.start({}, { onClose: (server: unknown, error: unknown) => void calls.push([server, error]) });
      await s.service.close();
      expect(calls).toEqual([[s.service, null]]);
    });

    it('callback-style before/after hooks see ExecInfo and can override the result', async () => {
      const seen: Record<string, unknown> = {};
      const s = await t.start({ enableRoomsManagement: true }, {
        roomCreateBefore: (info: ExecInfo, cb: HookCallback) => {
          seen['before'] = { server: info.server, userName: info.userName, id: info.id, args: info.args, cb: typeof cb };
          setTimeout(() => { cb(); }, 1);
        },
        roomCreateAfter: (info: ExecInfo, cb: HookCallback) => {
          seen['after'] = { results: info.results, error: info.error };
          setTimeout(() => { cb(null, 'data'); }, 1);
        },
      });
      const c = await t.login(s, 'user1');
      expect(await c.call('roomCreate', room, false)).toEqual([null, 'data']);
      expect(seen['before']).toEqual({ server: s.service, userName: 'user1', id: c.id, args: [room, false], cb: 'function' });
      expect(seen['after']).toEqual({ results: [null], error: null });
      expect(await s.service.hasRoom(room)).toBe(true);
    });

    it('promise-style after hook overrides the result', async () => {
      const s = await t.start({ enableRoomsManagement: true }, { roomCreateAfter: () => Promise.resolve('data') });
      const c = await t.login(s, 'user1');
      expect(await c.call('roomCreate', room, false)).toEqual([null, 'data']);
    });

    it('synchronous callbacks work', async () => {
      const s = await t.start({ enableRoomsManagement: true }, {
        roomCreateBefore: (_i: ExecInfo, cb: HookCallback) => { cb(); },
        roomCreateAfter: (_i: ExecInfo, cb: HookCallback) => { cb(null, 'data'); },
      });
      const c = await t.login(s, 'user1');
      expect(await c.call('roomCreate', room, false)).toEqual([null, 'data']);
    });

    it('extra arguments reach restArgs, and extra results are spread into the ack', async () => {
      let restArgs: unknown[] = [];
      const s = await t.start({}, {
        listOwnSocketsAfter: (info: ExecInfo, cb: HookCallback) => {
          restArgs = info.restArgs;
          cb(null, info.results?.[0], true);
        },
      });
      const c = await t.login(s, 'user1');
      const reply = await c.call('listOwnSockets', true);
      expect(restArgs).toEqual([true]);
      expect(reply).toEqual([null, { [c.id ?? '']: [] }, true]);
    });

    it('a before hook can replace the arguments', async () => {
      const s = await t.start({}, {
        roomGetWhitelistModeBefore: (info: ExecInfo) => {
          info.args = ['room2'];
        },
      });
      await s.service.addRoom(room, { whitelistOnly: true, owner: 'user1' });
      await s.service.addRoom('room2', { owner: 'user1' });
      const c = await t.login(s, 'user1');
      expect(await c.call('roomGetWhitelistMode', room)).toEqual([null, false]);
    });

    it('a before hook result skips the command; error stays exactly null', async () => {
      let ran = false;
      const s = await t.start({ enableRoomsManagement: true }, {
        roomCreateBefore: (_i: ExecInfo, cb: HookCallback) => { cb(null, 'asdf'); },
        roomCreateAfter: () => {
          ran = true;
        },
      });
      const c = await t.login(s, 'user1');
      expect(await c.call('roomCreate', room, false)).toEqual([null, 'asdf']);
      expect(ran).toBe(false);
      expect(await s.service.hasRoom(room)).toBe(false);
    });

    it('hook errors become the command error', async () => {
      const s = await t.start({ enableRoomsManagement: true }, {
        roomCreateBefore: (_i: ExecInfo, cb: HookCallback) => { cb('str'); },
        roomDeleteAfter: () => Promise.reject(new Error('after failed')),
      });
      const c = await t.login(s, 'user1');
      expect(await c.call('roomCreate', room, false)).toEqual(['Error: str', null]);
      await s.service.addRoom('r2', { owner: 'user1' });
      expect(await c.call('roomDelete', 'r2')).toEqual(['Error: after failed', null]);
    });

    it('onDisconnect runs on close with the cleanup result', async () => {
      const seen: Record<string, unknown>[] = [];
      const s = await t.start({}, { onDisconnect: (_s: unknown, data: unknown) => void seen.push(data as Record<string, unknown>) });
      await s.service.addRoom(room);
      const c = await t.login(s, 'user1');
      await c.call('roomJoin', room);
      await s.service.close();
      expect(seen).toEqual([{ id: c.id, nconnected: 0, roomsRemoved: [room], joinedSockets: [0] }]);
    });

    it('onJoin runs before the join ack; a rejection rolls the join back', async () => {
      const seen: unknown[] = [];
      let fail = false;
      const s = await t.start({}, {
        onJoin: (server: unknown, data: unknown) => {
          seen.push([server, data]);
          return fail ? Promise.reject(new Error('no join')) : Promise.resolve();
        },
      });
      await s.service.addRoom(room);
      const c = await t.login(s, 'user1');
      expect(await c.call('roomJoin', room)).toEqual([null, 1]);
      expect(seen).toEqual([[s.service, { id: c.id, njoined: 1, roomName: room }]]);
      await c.call('roomLeave', room);
      fail = true;
      expect(await c.call('roomJoin', room)).toEqual(['Error: no join', null]);
      expect(await s.service.roomHasInList(room, 'userlist', 'user1')).toBe(false);
      expect(await c.call('listOwnSockets')).toEqual([null, { [c.id ?? '']: [] }]);
    });

    it('lockTTL exceeded by a slow onJoin emits lockTimeExceeded', async () => {
      const s = await t.start({ lockTTL: 500 }, { onJoin: () => new Promise((r) => setTimeout(r, 1000)) });
      await s.service.addRoom(room);
      const exceeded = new Promise<unknown[]>((resolve) => s.service.once('lockTimeExceeded', (...args) => { resolve(args); }));
      const c = await t.login(s, 'user1');
      expect(await c.call('roomJoin', room)).toEqual([null, 1]);
      const [lockId, info] = await exceeded;
      expect(typeof lockId).toBe('string');
      expect(info).toEqual({ userName: 'user1', roomName: room });
    });

    it('onLeave on roomLeave runs before the ack', async () => {
      const seen: unknown[] = [];
      const s = await t.start({}, { onLeave: (_s: unknown, data: unknown) => void seen.push(data) });
      await s.service.addRoom(room);
      const c = await t.login(s, 'user1');
      await c.call('roomJoin', room);
      expect(await c.call('roomLeave', room)).toEqual([null, 0]);
      expect(seen).toEqual([{ id: c.id, njoined: 0, roomName: room }]);
    });

    it('onLeave on disconnect runs before the echo', async () => {
      const seen: unknown[] = [];
      const s = await t.start({}, { onLeave: (_s: unknown, data: unknown) => void seen.push(data) });
      await s.service.addRoom(room);
      const a = await t.login(s, 'user1');
      const b = await t.login(s, 'user1');
      await a.call('roomJoin', room);
      await b.call('roomJoin', room);
      await a.close();
      await b.next('socketDisconnectEcho');
      expect(seen).toEqual([{ id: a.id, njoined: 1, roomName: room }]);
    });

    it('onLeave on forced removal runs before roomAccessRemoved', async () => {
      const seen: unknown[] = [];
      const s = await t.start({}, { onLeave: (_s: unknown, data: unknown) => void seen.push(data) });
      await s.service.addRoom(room, { owner: 'user1' });
      const c1 = await t.login(s, 'user1');
      const c2 = await t.login(s, 'user2');
      await c2.call('roomJoin', room);
      await c1.call('roomAddToList', room, 'blacklist', ['user2']);
      await c2.next('roomAccessRemoved');
      expect(seen).toEqual([{ id: c2.id, njoined: 0, roomName: room }]);
    });

    it('message checkers allow custom formats', async () => {
      const s = await t.start({ enableDirectMessages: true }, {
        directMessagesChecker: () => Promise.resolve(undefined),
        roomMessagesChecker: (m: Record<string, unknown>) => ('forbidden' in m ? Promise.reject(new Error('bad message')) : Promise.resolve()),
      });
      await s.service.addRoom(room);
      const c1 = await t.login(s, 'user1');
      const c2 = await t.login(s, 'user2');
      const html = { htmlMessage: '<b>x</b>' };
      await c1.call('directMessage', 'user2', html);
      expect((await c2.next('directMessage'))[0]).toMatchObject({ ...html, author: 'user1', timestamp: expect.any(Number) as unknown });
      await c1.call('roomJoin', room);
      expect(await c1.call('roomMessage', room, html)).toEqual([null, 1]);
      expect((await c1.next('roomMessage'))[1]).toMatchObject({ ...html, author: 'user1', id: 1 });
      expect(await c1.call('roomMessage', room, { forbidden: true })).toEqual(['Error: bad message', null]);
      expect((await c1.call('roomMessage', room, [html]))[0]).toBe('ChatServiceError: Bad argument at position 1, value [{"htmlMessage":"<b>x</b>"}]');
    });

    it('binary data survives broadcast and history', async () => {
      const s = await t.start({}, { roomMessagesChecker: () => Promise.resolve(undefined) });
      await s.service.addRoom(room);
      const c = await t.login(s, 'user1');
      await c.call('roomJoin', room);
      const data = Buffer.from([1, 2, 3, 4, 5]);
      expect(await c.call('roomMessage', room, { data })).toEqual([null, 1]);
      const [, broadcast] = await c.next('roomMessage');
      const expected = harness.binary === false ? { type: 'Buffer', data: [1, 2, 3, 4, 5] } : data;
      expect((broadcast as { data: unknown }).data).toEqual(expected);
      const [, history] = await c.call('roomRecentHistory', room);
      expect((history as unknown[])[0]).toEqual(broadcast);
    });
  });
}
