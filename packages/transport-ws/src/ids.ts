import { randomFillSync } from 'node:crypto';

const ID_BYTES = 15;
const POOL_IDS = 256;
const pool = Buffer.allocUnsafe(ID_BYTES * POOL_IDS);
let nextId = POOL_IDS;

/**
 * A random connection id: 15 bytes from the system's CSPRNG in base64url (20
 * characters). The bytes are drawn 256 ids at a time: one `randomBytes` call
 * per connection cost more than the rest of the id.
 */
export function randomId(): string {
  if (nextId === POOL_IDS) {
    randomFillSync(pool);
    nextId = 0;
  }
  const start = nextId++ * ID_BYTES;
  return pool.toString('base64url', start, start + ID_BYTES);
}

/** A {@link randomId} that is not a key of `taken` (a collision is astronomically unlikely, but checked). */
export function freshId(taken: ReadonlyMap<string, unknown>): string {
  let id: string;
  do id = randomId();
  while (taken.has(id));
  return id;
}
