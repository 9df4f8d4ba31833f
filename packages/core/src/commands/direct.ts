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

/** The body of `directAddToList`: adds names to the caller's list, never the caller, within `directListSizeLimit`. */
export const directAddToList = defineCommand('directAddToList', async (rt, info, [listName, names]) => {
  const user = requireUser(info);
  const list = directList(listName);
  if (names.includes(user)) throw new ChatServiceError('notAllowed');
  const added = await rt.store.directListAdd(user, list, names, rt.options.directListSizeLimit);
  if (!added) throw new ChatServiceError('listLimitExceeded', listName);
  return null;
});

/** The body of `directRemoveFromList`: removes names from the caller's list (the caller's own name is refused). */
export const directRemoveFromList = defineCommand('directRemoveFromList', async (rt, info, [listName, names]) => {
  const user = requireUser(info);
  const list = directList(listName);
  if (names.includes(user)) throw new ChatServiceError('notAllowed');
  await rt.store.directListRemove(user, list, names);
  return null;
});

/** The body of `directGetAccessList`: the caller's whitelist or blacklist. */
export const directGetAccessList = defineCommand('directGetAccessList', async (rt, info, [listName]) => {
  const user = requireUser(info);
  return rt.store.directListGet(user, directList(listName));
});

/** The body of `directGetWhitelistMode`: whether the caller accepts direct messages from its whitelist only. */
export const directGetWhitelistMode = defineCommand('directGetWhitelistMode', async (rt, info) =>
  rt.store.directModeGet(requireUser(info)),
);

/** The body of `directSetWhitelistMode`: sets the caller's whitelist-only mode. */
export const directSetWhitelistMode = defineCommand('directSetWhitelistMode', async (rt, info, [mode]) => {
  await rt.store.directModeSet(requireUser(info), mode);
  return null;
});

/** The body of `directMessage`: checks the recipient's lists and presence, then delivers to its sockets and echoes to the sender's other sockets. */
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
