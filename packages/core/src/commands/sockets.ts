/**
 * Commands about the caller's own sockets.
 *
 * @module
 */
import { defineCommand } from './define.js';
import { requireUser } from './room-access.js';

export const listOwnSockets = defineCommand('listOwnSockets', async (rt, info) => {
  const sockets = await rt.store.getUserSockets(requireUser(info));
  return Object.fromEntries(sockets.map((s) => [s.id, s.rooms]));
});

export const systemMessage = defineCommand('systemMessage', (rt, info, [data]) => {
  if (info.userName !== undefined) rt.emitToUser(info.userName, 'systemMessage', [data], info.id);
  return Promise.resolve(null);
});
