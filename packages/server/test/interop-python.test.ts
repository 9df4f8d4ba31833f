/**
 * Clients written by other people, in another language: Python's
 * `websockets` (a strict RFC 6455 implementation) on the ws transport, in
 * JSON and in MessagePack, and `python-socketio` on socket.io, over HTTP
 * long-polling upgraded to WebSocket and over WebSocket alone. Each logs in,
 * joins a room, sends messages (one of 80 000 bytes on ws: a frame with a
 * 64-bit length), reads the history and meets an error. They come from
 * Debian (`.ci/run` installs them) and run under the system's python3.
 */
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatService } from '../src/index.js';

const PYTHON = '/usr/bin/python3';
const script = (name: string): string => fileURLToPath(new URL(`./fixtures/python/${name}`, import.meta.url));
const BIG = 'é'.repeat(40_000);

let service: ChatService;
let port = 0;

beforeAll(async () => {
  service = new ChatService(
    { port: 0, transport: ['socket.io', 'ws'] },
    { onConnect: (server, id) => server.transport.getHandshakeData(id).query['user'] },
  );
  await service.whenReady();
  port = ((service.transport.getServer() as Server).httpServer.address() as AddressInfo).port;
  await service.addRoom('interop', null);
});

afterAll(async () => {
  await service.close();
});

/** Runs a client script; resolves the JSON lines it printed. */
function run(name: string, ...args: string[]): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    execFile(PYTHON, [script(name), ...args], { timeout: 30_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`${name} failed: ${stderr || error.message}`));
        return;
      }
      try {
        resolve(
          stdout
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as Record<string, unknown>),
        );
      } catch (parseError) {
        reject(new Error(`${name} printed a line that is not JSON: ${String(parseError)}\n${stdout}`));
      }
    });
  });
}

/** Time for python3 to start and import its libraries on a loaded machine, beside the run's own 30 s. */
const SLOW = 40_000;

describe.each(['json', 'msgpack'])('python websockets on the ws transport, %s', (encoding) => {
  it('logs in, joins, sends, reads the history and gets JSON-RPC errors', { timeout: SLOW }, async () => {
    const user = `py-ws-${encoding}`;
    const [negotiated, login, ...rest] = await run('ws_client.py', `ws://127.0.0.1:${String(port)}/chat-service`, user, encoding);
    expect(negotiated).toEqual({ subprotocol: `chat-service.${encoding}` });
    const [loginUser, authData] = login?.['params'] as [string, { id?: unknown }];
    expect([login?.['jsonrpc'], login?.['method'], loginUser, typeof authData.id]).toEqual(['2.0', 'loginConfirmed', user, 'string']);
    const byId = (id: number): Record<string, unknown> | undefined => rest.find((m) => m['id'] === id);
    expect(byId(1)).toEqual({ jsonrpc: '2.0', id: 1, result: 1 });
    const notes = rest.filter((m) => m['method'] === 'roomMessage').map((m) => m['params'] as [string, Record<string, unknown>]);
    expect(notes.map(([room, message]) => [room, message['textMessage'], message['author']])).toEqual([
      ['interop', 'hello from python', user],
      ['interop', BIG, user],
    ]);
    const ids = notes.map(([, message]) => message['id']);
    expect([byId(2)?.['result'], byId(3)?.['result']]).toEqual(ids);
    const history = byId(4)?.['result'] as Record<string, unknown>[];
    expect(history.filter((m) => m['author'] === user).map((m) => m['textMessage'])).toEqual([BIG, 'hello from python']);
    expect(byId(5)).toMatchObject({ jsonrpc: '2.0', id: 5, error: { code: -32601 } });
  });
});

describe.each(['polling,websocket', 'websocket'])('python-socketio on socket.io, transports %s', (transports) => {
  it('logs in, joins, sends, reads the history and gets errors', { timeout: SLOW }, async () => {
    const user = `py-sio-${transports.replace(',', '-')}`;
    const lines = await run('sio_client.py', `http://127.0.0.1:${String(port)}`, user, transports);
    const [loginUser, authData] = lines[0]?.['args'] as [string, { id?: unknown }];
    expect([lines[0]?.['event'], loginUser, typeof authData.id]).toEqual(['loginConfirmed', user, 'string']);
    expect(lines).toContainEqual({ transport: 'websocket' });
    const acks = new Map(lines.filter((l) => 'ack' in l).map((l) => [l['ack'], l['args']] as const));
    const sent = lines.find((l) => l['event'] === 'roomMessage')?.['args'] as [string, Record<string, unknown>];
    expect(sent[0]).toBe('interop');
    expect(sent[1]).toMatchObject({ textMessage: 'hello from python', author: user });
    expect([typeof sent[1]['id'], typeof sent[1]['timestamp']]).toEqual(['number', 'number']);
    expect(acks.get('roomMessage')).toEqual([null, sent[1]['id']]);
    const [error, history] = acks.get('roomHistoryGet') as [unknown, Record<string, unknown>[]];
    expect(error).toBeNull();
    expect(history.find((m) => m['author'] === user)).toEqual(sent[1]);
    // the second roomJoin, to a room that does not exist: the error as a string (useRawErrorObjects is off)
    expect(acks.get('roomJoin')).toEqual(['ChatServiceError: No such room no such room', null]);
  });
});
