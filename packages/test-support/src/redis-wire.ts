/**
 * Low-level helpers of the test Redis servers: free ports, a minimal RESP
 * client (enough for PING, INFO and CLUSTER INFO without a driver) and polling.
 *
 * @module
 */
import { createConnection, createServer } from 'node:net';

/** A Redis node address. */
export interface RedisNodeAddress {
  host: string;
  port: number;
}

const HOST = '127.0.0.1';
const READY_TIMEOUT = 10_000;
const POLL_INTERVAL = 25;

/** A free TCP port on 127.0.0.1 (asked from the OS, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/** Distinct free ports. */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

/**
 * Sends one command and reads one non-array reply (simple string, error,
 * integer or bulk string), as a string. Rejects on an error reply or a timeout.
 */
export async function redisCommand(address: RedisNodeAddress, args: readonly string[], timeout = 2000): Promise<string> {
  const request = `*${String(args.length)}\r\n${args.map((a) => `$${String(Buffer.byteLength(a))}\r\n${a}\r\n`).join('')}`;
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: address.host, port: address.port });
    let data = Buffer.alloc(0);
    const finish = (error: Error | null, value = ''): void => {
      socket.destroy();
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(value);
    };
    const timer = setTimeout(() => {
      finish(new Error(`redis ${address.host}:${String(address.port)}: no reply to ${args.join(' ')}`));
    }, timeout);
    socket.on('error', (error) => {
      finish(error);
    });
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      const reply = parseReply(data);
      if (reply === undefined) return;
      if (reply.error) finish(new Error(reply.value));
      else finish(null, reply.value);
    });
  });
}

/** Parses one complete non-array RESP reply, or `undefined` when more data is needed. */
function parseReply(data: Buffer): { error: boolean; value: string } | undefined {
  const eol = data.indexOf('\r\n');
  if (eol < 0) return undefined;
  const type = String.fromCharCode(data[0] ?? 0);
  const head = data.toString('utf8', 1, eol);
  if (type !== '$') return { error: type === '-', value: head };
  const length = Number(head);
  if (length < 0) return { error: false, value: '' };
  if (data.length < eol + 2 + length + 2) return undefined;
  return { error: false, value: data.toString('utf8', eol + 2, eol + 2 + length) };
}

/** Polls `check` until it resolves true; rejects with `describe()` after `timeout` ms. */
export async function pollUntil(check: () => Promise<boolean>, describe: () => string, timeout = READY_TIMEOUT): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(describe());
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL));
  }
}
