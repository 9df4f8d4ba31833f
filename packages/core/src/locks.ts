/**
 * The (user, room) lock with the reference's retry policy.
 *
 * @module
 */
import { ChatServiceError } from './errors.js';
import type { Store } from './ports.js';

const FIRST_DELAY_MS = 100;
const FACTOR = 1.5;
const RETRIES = 10;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Lock settings and the callback for locks held too long. */
export interface LockOptions {
  store: Store;
  ttl: number;
  onTimeExceeded: (lockId: string, info: { userName: string; roomName: string }) => void;
}

/**
 * Runs `fn` holding the lock of (user, room); retries with randomised
 * exponential backoff and fails with `timeout`.
 */
export async function withLock<T>(options: LockOptions, user: string, room: string, fn: () => Promise<T>): Promise<T> {
  // Room names never contain ':', so the resource is unambiguous.
  const resource = `${room}:${user}`;
  let token = await options.store.lockAcquire(resource, options.ttl);
  let delay = FIRST_DELAY_MS;
  for (let attempt = 0; token === null && attempt < RETRIES; attempt++) {
    await sleep(delay * (0.5 + Math.random()));
    delay *= FACTOR;
    token = await options.store.lockAcquire(resource, options.ttl);
  }
  if (token === null) throw new ChatServiceError('timeout');
  const started = Date.now();
  try {
    return await fn();
  } finally {
    const held = Date.now() - started;
    await options.store.lockRelease(resource, token).catch(() => undefined);
    if (held > options.ttl) options.onTimeExceeded(token, { userName: user, roomName: room });
  }
}
