import type { ExtendedError } from 'socket.io';
import type { SocketIOMiddleware } from '../options.js';

function toError(value: unknown): ExtendedError {
  return value instanceof Error ? value : new Error(String(value));
}

/** The `middleware` option as a list. */
export function middlewareList(
  option: SocketIOMiddleware | readonly SocketIOMiddleware[] | undefined,
): SocketIOMiddleware[] {
  if (option === undefined) return [];
  return typeof option === 'function' ? [option] : [...option];
}

/**
 * Wraps a namespace middleware so that a synchronous throw rejects the
 * connection (`connect_error` on the client) instead of escaping into
 * socket.io's packet handling, and `next` runs at most once.
 */
export function guardMiddleware(middleware: SocketIOMiddleware): SocketIOMiddleware {
  return (socket, next) => {
    let called = false;
    const once = (err?: ExtendedError): void => {
      if (called) return;
      called = true;
      next(err);
    };
    try {
      middleware(socket, once);
    } catch (error) {
      once(toError(error));
    }
  };
}
