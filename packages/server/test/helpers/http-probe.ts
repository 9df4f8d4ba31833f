/**
 * Probes of what an HTTP server answers: a plain GET, a WebSocket upgrade,
 * each bounded so that a server that never answers fails instead of stalling.
 */
import { request } from 'node:http';
import { expect } from 'vitest';

/** Status of a plain GET (bounded: a hanging server fails the test instead of stalling it). */
export function get(port: number, path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false, timeout: 3000, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path}: no answer in 3 s`)));
    req.on('error', reject);
    req.end();
  });
}

/** Status of a WebSocket upgrade request (101 when accepted). */
export function upgrade(port: number, path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path,
      agent: false,
      timeout: 3000,
      headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error(`upgrade ${path}: no answer in 3 s`)));
    req.on('error', reject);
    req.end();
  });
}

/** The plain-HTTP and wrong-upgrade answers every composition must give. */
export async function expectAnswers(port: number): Promise<void> {
  expect(await get(port, '/chat-service')).toBe(426);
  expect(await get(port, '/chat-service/')).toBe(426);
  expect(await get(port, '/')).toBe(404);
  expect(await get(port, '/healthz')).toBe(404);
  expect(await upgrade(port, '/elsewhere')).toBe(404);
  expect(await upgrade(port, '/chat-service?user=alice')).toBe(101);
}

