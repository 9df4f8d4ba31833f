/**
 * Direct messaging and the caller's own direct lists.
 *
 * @module
 */
import { ChatServiceError } from '../errors.js';
import { canSendDirect, isDirectList } from '../permissions.js';
import type { DirectListName } from '../ports.js';
import { defineCommand, processMessage } from './define.js';
import { requireUser } from './room-access.js';

function directList(listName: string): DirectListName {
  if (!isDirectList(listName)) throw new ChatServiceError('noList', listName);
  return listName;
}

export const directAddToList = defineCommand('directAddToList', async (rt, info, [listName, names]) => {
  const user = requireUser(info);
  const list = directList(listName);
  if (names.includes(user)) throw new ChatServiceError('notAllowed');
  const added = await rt.store.directListAdd(user, list, names, rt.options.directListSizeLimit);
  if (!added) throw new ChatServiceError('listLimitExceeded', listName);
  return null;
});

export const directRemoveFromList = defineCommand('directRemoveFromList', async (rt, info, [listName, names]) => {
  const user = requireUser(info);
  const list = directList(listName);
  if (names.includes(user)) throw new ChatServiceError('notAllowed');
  await rt.store.directListRemove(user, list, names);
  return null;
});

export const directGetAccessList = defineCommand('directGetAccessList', async (rt, info, [listName]) => {
  const user = requireUser(info);
  return rt.store.directListGet(user, directList(listName));
});

export const directGetWhitelistMode = defineCommand('directGetWhitelistMode', async (rt, info) =>
  rt.store.directModeGet(requireUser(info)),
);

export const directSetWhitelistMode = defineCommand('directSetWhitelistMode', async (rt, info, [mode]) => {
  await rt.store.directModeSet(requireUser(info), mode);
  return null;
});

export const directMessage = defineCommand('directMessage', async (rt, info, [toUser, message]) => {
  if (!rt.options.enableDirectMessages) throw new ChatServiceError('notAllowed');
  const sender = info.userName;
  const msg = processMessage(message, sender);
  const access = await rt.store.directAccess(toUser, sender ?? '');
  if (!access) throw new ChatServiceError('noUser', toUser);
  if (toUser === sender) throw new ChatServiceError('notAllowed');
  if (!info.bypassPermissions && !canSendDirect(access)) throw new ChatServiceError('notAllowed');
  if ((await rt.store.countUserSockets(toUser)) === 0) throw new ChatServiceError('noUserOnline', toUser);
  rt.emitToUser(toUser, 'directMessage', [msg]);
  if (sender !== undefined) rt.emitToUser(sender, 'directMessageEcho', [toUser, msg], info.id);
  return msg;
});
