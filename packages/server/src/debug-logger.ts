/**
 * The default logger of the library: the reference's debugging convention,
 * `NODE_DEBUG=ChatService`, prints every line (infrastructure failures, hook
 * bugs: each error that is not a `ChatServiceError`) to stderr; otherwise silent.
 *
 * @module
 */
import { debuglog, inspect } from 'node:util';
import type { Logger } from '@chat-service/core';

/** A {@link Logger} on `util.debuglog('ChatService')`. */
export function debugLogger(): Logger {
  const print = debuglog('ChatService');
  const line =
    (level: string) =>
    (message: string, context?: Record<string, unknown>): void => {
      if (print.enabled) print('%s %s %s', level, message, context === undefined ? '' : inspect(context, { depth: 4, breakLength: Infinity }));
    };
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}
