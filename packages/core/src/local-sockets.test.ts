import { describe, expect, it } from 'vitest';
import { bindHandler, handlerOf, handshakeDataOf, nativeSocketOf } from './local-sockets.js';
import type { ConnectionState } from './local-sockets.js';
import type { IncomingConnection } from './ports.js';

const connection: IncomingConnection = {
  id: 's1',
  handshake: { query: { user: 'alice' }, headers: { host: 'x' }, address: '127.0.0.1' },
  socket: { native: true },
};

describe('handshakeDataOf', () => {
  it('gives fresh copies for a connected socket, without an auth the transport did not give', () => {
    const state: ConnectionState = { connection, loggedIn: false };
    const data = handshakeDataOf(state);
    expect(data).toEqual({ isConnected: true, query: { user: 'alice' }, headers: { host: 'x' }, address: '127.0.0.1' });
    data.query['user'] = 'mallory';
    expect(handshakeDataOf(state).query).toEqual({ user: 'alice' });
  });

  it('gives mutable copies of a frozen handshake auth', () => {
    const auth = Object.freeze({});
    const data = handshakeDataOf({ connection: { ...connection, handshake: { ...connection.handshake, auth } }, loggedIn: false });
    expect(data.auth).toEqual({});
    expect(data.auth).not.toBe(auth);
    expect(Object.isFrozen(data.auth)).toBe(false);
  });

  it('gives isConnected false and empty objects for unknown and gone sockets', () => {
    const empty = { isConnected: false, query: {}, headers: {} };
    expect(handshakeDataOf(undefined)).toEqual(empty);
    expect(handshakeDataOf({ connection, loggedIn: true, gone: true })).toEqual(empty);
  });
});

describe('socket state', () => {
  it('gives the native socket and binds handlers only while connected', () => {
    const state: ConnectionState = { connection, loggedIn: false };
    expect(nativeSocketOf(state)).toBe(connection.socket);
    const ping = (): string => 'pong';
    bindHandler(state, 'ping', ping);
    expect(handlerOf(state, 'ping')).toBe(ping);
    expect(handlerOf(state, 'pong')).toBeUndefined();
    state.gone = true;
    expect(nativeSocketOf(state)).toBeUndefined();
    expect(handlerOf(state, 'ping')).toBeUndefined();
    bindHandler(state, 'late', () => 1);
    expect(state.handlers?.has('late')).toBe(false);
  });
});
