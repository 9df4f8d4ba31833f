/**
 * The command table: name → definition. Types of `execUserCommand` derive from it.
 *
 * @module
 */
import type { CommandName } from '../hooks.js';
import type { ArgKind } from '../schemas.js';
import { directAddToList, directGetAccessList, directGetWhitelistMode, directMessage, directRemoveFromList, directSetWhitelistMode } from './direct.js';
import { roomGetAccessList, roomGetOwner, roomGetWhitelistMode, roomNotificationsInfo, roomUserSeen } from './room-info.js';
import { roomAddToList, roomRemoveFromList, roomSetWhitelistMode } from './room-lists.js';
import { roomCreate, roomDelete } from './room-management.js';
import { roomHistoryGet, roomHistoryInfo, roomMessage, roomRecentHistory } from './room-messaging.js';
import { roomJoin, roomLeave } from './room-presence.js';
import { listOwnSockets, systemMessage } from './sockets.js';

/** Every client command. */
export const COMMANDS = {
  directAddToList,
  directGetAccessList,
  directGetWhitelistMode,
  directMessage,
  directRemoveFromList,
  directSetWhitelistMode,
  listOwnSockets,
  roomAddToList,
  roomCreate,
  roomDelete,
  roomGetAccessList,
  roomGetOwner,
  roomGetWhitelistMode,
  roomHistoryGet,
  roomHistoryInfo,
  roomJoin,
  roomLeave,
  roomMessage,
  roomNotificationsInfo,
  roomRecentHistory,
  roomRemoveFromList,
  roomSetWhitelistMode,
  roomUserSeen,
  systemMessage,
} as const satisfies Record<CommandName, { params: readonly ArgKind[]; needsSocket: boolean }>;

/** True for the 24 command names (own properties only: `__proto__` is not a command). */
export function isCommandName(name: string): name is CommandName {
  return Object.prototype.hasOwnProperty.call(COMMANDS, name);
}
