/**
 * Counts the writes a server-side TCP stream hands to the operating system,
 * for tests that check how many system calls a reply costs.
 *
 * @module
 */
import type { Socket } from 'node:net';
import { vi } from 'vitest';

/** Spies on `stream`'s `_write` and `_writev` (net.Socket's two ways to the kernel); `count` is their calls since. */
export function spyOnWrites(stream: Socket): { readonly count: number } {
  const single = vi.spyOn(stream, '_write');
  const many = vi.spyOn(stream, '_writev');
  return {
    get count() {
      return single.mock.calls.length + many.mock.calls.length;
    },
  };
}
