import { describe, expect, it } from 'vitest';
import { stateOf } from '../src/backing.js';
import { createMemoryStore } from '../src/index.js';

describe('memory store: idle users and sockets hold no empty collections', () => {
  it('creates a user list on the first name added and reads a missing one as empty', async () => {
    const store = createMemoryStore();
    await store.ensureUser('alice');
    const record = stateOf(store.backing).users.get('alice');
    expect(record).toEqual({ whitelistOnly: false });
    expect(await store.directListAdd('alice', 'whitelist', [], 0)).toBe(true);
    expect(record?.whitelist).toBeUndefined();
    expect(await store.directListGet('alice', 'whitelist')).toEqual([]);
    expect(await store.directAccess('alice', 'bob')).toEqual({ inBlacklist: false, inWhitelist: false, whitelistOnly: false });
    expect(await store.directListAdd('alice', 'blacklist', ['bob', 'carol'], 1)).toBe(false);
    expect(await store.directListAdd('alice', 'blacklist', ['bob'], 1)).toBe(true);
    expect(await store.directListAdd('alice', 'blacklist', ['carol'], 1)).toBe(false);
    expect(await store.directAccess('alice', 'bob')).toEqual({ inBlacklist: true, inWhitelist: false, whitelistOnly: false });
    expect(await store.directListAdd('nobody', 'whitelist', ['bob'], 10)).toBe(true);
    expect(stateOf(store.backing).users.has('nobody')).toBe(false);
  });

  it('shares one record between users with default settings until one changes', async () => {
    const store = createMemoryStore();
    await store.ensureUser('alice');
    await store.ensureUser('bob');
    const { users } = stateOf(store.backing);
    expect(users.get('alice')).toBe(users.get('bob'));
    await store.directModeSet('alice', false);
    expect(users.get('alice')).toBe(users.get('bob'));
    await store.directModeSet('alice', true);
    await store.directListAdd('bob', 'blacklist', ['carol'], 10);
    expect(users.get('alice')).not.toBe(users.get('bob'));
    expect([await store.directModeGet('alice'), await store.directModeGet('bob')]).toEqual([true, false]);
    expect([await store.directListHas('alice', 'blacklist', 'carol'), await store.directListHas('bob', 'blacklist', 'carol')]).toEqual([false, true]);
    await store.ensureUser('dave');
    expect(await store.directAccess('dave', 'carol')).toEqual({ inBlacklist: false, inWhitelist: false, whitelistOnly: false });
  });

  it('creates a socket room set on the first room joined', async () => {
    const store = createMemoryStore();
    expect(await store.addUserSocket('alice', 's1', 'i1')).toBe(1);
    expect(stateOf(store.backing).sockets.get('alice')).toEqual([{ id: 's1', instanceUID: 'i1' }]);
    expect(await store.getUserSockets('alice')).toEqual([{ id: 's1', instanceUID: 'i1', rooms: [] }]);
    expect(await store.addSocketToRoom('alice', 's1', 'r')).toEqual({ njoined: 1, changed: true });
    expect(await store.removeUserSocket('alice', 's1')).toEqual({ roomsRemoved: ['r'], joinedSockets: [0], nconnected: 0 });
    expect(await store.removeUserSocket('alice', 's1')).toEqual({ roomsRemoved: [], joinedSockets: [], nconnected: 0 });
  });
});
