/**
 * Commands about the caller's own sockets.
 *
 * @module
 */
import { defineCommand } from './define.js';
import { requireUser } from './room-access.js';

/** The body of `listOwnSockets`: every socket of the caller's user, on every instance, with the rooms it joined. */
export const listOwnSockets = defineCommand('listOwnSockets', async (rt, info) => {
  const sockets = await rt.store.getUserSockets(requireUser(info));
  return Object.fromEntries(sockets.map((s) => [s.id, s.rooms]));
});

/** The body of `systemMessage`: sends the data to the caller's other sockets. */
export const systemMessage = defineCommand('systemMessage', (rt, info, [data]) => {
  if (info.userName !== undefined) rt.emitToUser(info.userName, 'systemMessage', [data], info.id);
  return Promise.resolve(null);
});
