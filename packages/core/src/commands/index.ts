/**
 * The command bodies, keyed by command name: every export of the body files
 * is the body of the table's command of the same name.
 *
 * @module
 */
import type { CommandBodies } from './define.js';
import * as direct from './direct.js';
import * as roomInfo from './room-info.js';
import * as roomLists from './room-lists.js';
import * as roomManagement from './room-management.js';
import * as roomMessaging from './room-messaging.js';
import * as roomPresence from './room-presence.js';
import * as sockets from './sockets.js';

const ALL = { ...direct, ...roomInfo, ...roomLists, ...roomManagement, ...roomMessaging, ...roomPresence, ...sockets };

/** The body of every command; the type makes a missing or mistyped body a compile error. */
export const COMMAND_BODIES: CommandBodies = ALL;

/** Names the body files export that are not commands of the table (must stay empty). */
export type StrayBodies = Exclude<keyof typeof ALL, keyof CommandBodies>;
