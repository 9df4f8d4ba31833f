/**
 * The values the protocol carries: messages, results and login data.
 *
 * @module
 */
import type { HistoryInfo } from '../ports/types.js';
import type { ErrorObject } from './error-codes.js';

// A type alias, not an interface, so it stays assignable to `Record<string, unknown>`.
/** The default message format a client sends: exactly `{ textMessage }`. */
export type TextMessage = { textMessage: string }; // eslint-disable-line @typescript-eslint/consistent-type-definitions -- see above

/**
 * A message a client sends. By default exactly a {@link TextMessage}; a
 * deployment with a `roomMessagesChecker` / `directMessagesChecker` hook
 * accepts any plain object its checker allows.
 */
export type Message = TextMessage | Readonly<Record<string, unknown>>;

/** A delivered direct message: the sent fields plus `author` and `timestamp` (ms since the epoch). */
export interface ProcessedMessage {
  [field: string]: unknown;
  /** The default format's text (absent for other formats). */
  textMessage?: string;
  /** The sender's name (absent for anonymous server-side messages). */
  author?: string;
  /** When the service accepted the message, in ms since the epoch. */
  timestamp: number;
}

/** A delivered or stored room message: a {@link ProcessedMessage} with its room-wide `id` (1, 2, ...). */
export interface RoomMessage extends ProcessedMessage {
  /** The message id in its room, starting at 1. */
  id: number;
}

/** The result of `roomHistoryInfo`. */
export interface RoomHistoryInfo extends HistoryInfo {
  /** The service's `historyMaxGetMessages` option: the most messages one history read returns. */
  historyMaxGetMessages: number;
}

/** The `authData` of `loginConfirmed`: the socket `id` plus the fields the `onConnect` hook added. */
export interface AuthData {
  [field: string]: unknown;
  /** This connection's socket id. */
  id: string;
}

/** An error as a client receives it: the text (`ChatServiceError: ...`) or, with `useRawErrorObjects`, the object. */
export type WireError = string | ErrorObject;

export type { AccessListName, DirectListName, HistoryInfo, RoomListName, RoomNotifications, UserSeen } from '../ports/types.js';
