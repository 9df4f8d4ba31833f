/**
 * The start-up check of the store's connection: the service does not start on
 * a Redis it cannot reach, and says why (the address and the cause), within a
 * few seconds rather than after ioredis's retries run out.
 *
 * @module
 */
import { connect } from 'node:net';
import type { Cluster, Redis } from 'ioredis';

/** How long the store waits for its connection at start-up, in ms. */
export const DEFAULT_STARTUP_TIMEOUT = 5000;

/** Consecutive failed connection attempts after which the start fails without waiting for the timeout. */
const MAX_FAILED_ATTEMPTS = 5;

/** Failed slot-cache refreshes (each tries every startup node) after which a cluster's start fails. */
const MAX_FAILED_REFRESHES = 3;

/** Redis (or every startup node of a cluster) could not be reached at start-up. */
export class RedisUnreachableError extends Error {
  /** `host:port` (or the cluster's startup nodes, comma-separated). */
  readonly address: string;

  /**
   * @param address - `host:port`, or the cluster's startup nodes
   * @param cluster - whether a Redis Cluster was asked for (it names it in the message)
   * @param cause - why, as text for the message
   * @param error - the connection error, kept as `cause` when there is one
   */
  constructor(address: string, cluster: boolean, cause: string, error?: unknown) {
    super(`cannot reach ${cluster ? 'the Redis Cluster at' : 'Redis at'} ${address}: ${cause}`, error === undefined ? undefined : { cause: error });
    this.name = 'RedisUnreachableError';
    this.address = address;
  }
}

function codeOf(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    if (typeof e !== 'object') return undefined;
    const { code } = e as { code?: unknown };
    if (typeof code === 'string') return code;
    e = (e as { lastNodeError?: unknown; cause?: unknown }).lastNodeError ?? (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A connection error in words: `connection refused`, `unknown host`, `timed out`, ... */
export function describeConnectionError(error: unknown): string {
  const code = codeOf(error);
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return 'unknown host';
  if (code === 'ETIMEDOUT') return 'timed out';
  if (code === 'ECONNRESET') return 'connection reset';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'host unreachable';
  const last = (error as { lastNodeError?: unknown } | undefined)?.lastNodeError ?? error;
  return last instanceof Error ? last.message : String(last);
}

interface NodeAddress {
  host: string;
  port: number;
}

function nodesOf(client: Redis | Cluster): NodeAddress[] | undefined {
  if (!client.isCluster) return undefined;
  // ioredis keeps the startup nodes as given, in a field its types mark private.
  const nodes: unknown = Reflect.get(client, 'startupNodes');
  if (!Array.isArray(nodes)) return undefined;
  return nodes.map((node) => {
    if (typeof node === 'number') return { host: 'localhost', port: node };
    if (typeof node === 'string') {
      const url = new URL(node.includes('://') ? node : `redis://${node}`);
      return { host: url.hostname, port: Number(url.port || 6379) };
    }
    const { host, port } = node as { host?: string; port?: number };
    return { host: host ?? 'localhost', port: port ?? 6379 };
  });
}

function addressOf(client: Redis | Cluster): string {
  const nodes = nodesOf(client);
  if (nodes) return nodes.map((n) => `${n.host}:${String(n.port)}`).join(',');
  const { host, port, path } = (client as Redis).options;
  return path ?? `${host ?? 'localhost'}:${String(port ?? 6379)}`;
}

/** Whether a TCP connection to `node` opens: undefined if it does, else the cause in words. */
function probe(node: NodeAddress, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host: node.host, port: node.port, timeout: timeoutMs });
    const done = (result: string | undefined): void => {
      socket.destroy();
      resolve(result);
    };
    socket.once('connect', () => {
      done(undefined);
    });
    socket.once('timeout', () => {
      done('timed out');
    });
    socket.once('error', (error) => {
      done(describeConnectionError(error));
    });
  });
}

/**
 * Why no cluster node answered: ioredis only reports "Connection is closed",
 * so try the nodes' TCP ports for the real cause.
 */
async function clusterCause(nodes: NodeAddress[], lastError: unknown): Promise<string> {
  const causes = await Promise.all(nodes.map((node) => probe(node, 1000)));
  const distinct = [...new Set(causes)];
  if (distinct.length === 1 && distinct[0] !== undefined) return distinct[0];
  if (causes.every((cause) => cause === undefined)) {
    return `the nodes accept connections but do not answer as a Redis Cluster (${describeConnectionError(lastError)})`;
  }
  return nodes.map((node, i) => `${node.host}:${String(node.port)} ${causes[i] ?? 'accepts connections but does not answer'}`).join(', ');
}

/**
 * Resolves once `client` is ready; rejects with a {@link RedisUnreachableError}
 * after a few failed attempts, at once for an unknown host, or after
 * `timeoutMs`. A client not asked to connect yet (`lazyConnect`) passes: its
 * first command connects it.
 */
export function waitForConnection(client: Redis | Cluster, timeoutMs: number): Promise<void> {
  if (client.status === 'ready' || client.status === 'wait') return Promise.resolve();
  const nodes = nodesOf(client);
  return new Promise((resolve, reject) => {
    let lastError: unknown;
    let failures = 0;
    let finished = false;
    const finish = (error?: RedisUnreachableError): void => {
      clearTimeout(timer);
      client.off('ready', onReady);
      client.off('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const fail = (cause: string): void => {
      if (finished) return;
      finished = true;
      const address = addressOf(client);
      if (!nodes) {
        finish(new RedisUnreachableError(address, false, cause, lastError));
        return;
      }
      void clusterCause(nodes, lastError).then((found) => {
        finish(new RedisUnreachableError(address, true, lastError === undefined ? cause : found, lastError));
      });
    };
    const onReady = (): void => {
      if (!finished) finish();
    };
    const onError = (error: unknown): void => {
      lastError = error;
      failures += 1;
      const cause = describeConnectionError(error);
      if (cause === 'unknown host' || failures >= (nodes ? MAX_FAILED_REFRESHES : MAX_FAILED_ATTEMPTS)) fail(cause);
    };
    const timer = setTimeout(() => {
      fail(lastError === undefined ? `no answer within ${String(timeoutMs)} ms` : `${describeConnectionError(lastError)} (gave up after ${String(timeoutMs)} ms)`);
    }, timeoutMs);
    client.on('ready', onReady);
    client.on('error', onError);
  });
}
