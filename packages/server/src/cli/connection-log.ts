/**
 * Per-connection logging of the command: one child logger per socket,
 * carrying its socket id and user, fed by the service's events.
 *
 * @module
 */
import type { ServiceEmitter } from '@chat-service/core';
import type { ServerLogger } from './logger.js';

/**
 * Logs connects, rejected logins, commands (at `debug`) and disconnects,
 * each line with `socket` and `user`.
 *
 * @returns the number of connections it holds a child logger for (for tests)
 */
export function logConnections(service: Pick<ServiceEmitter, 'on'>, logger: ServerLogger): () => number {
  const children = new Map<string, ServerLogger>();
  service.on('socketConnected', ({ id, userName, transport }) => {
    const child = logger.child({ socket: id, user: userName });
    children.set(id, child);
    child.info('socket connected', { transport });
  });
  service.on('loginRejected', ({ id, transport, error }) => {
    logger.child({ socket: id }).info('login rejected', { transport, error });
  });
  service.on('commandExecuted', ({ id, command, ok, durationMs }) => {
    if (id === null) return;
    (children.get(id) ?? logger.child({ socket: id })).debug('command', { command, ok, durationMs });
  });
  service.on('socketDisconnected', ({ id }) => {
    children.get(id)?.info('socket disconnected');
    children.delete(id);
  });
  return () => children.size;
}
