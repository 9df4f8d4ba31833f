/**
 * The kinds of command arguments: for each, the type a client sends, the
 * rule the server checks (its valibot schema is in `schemas.ts`), and what
 * else the server checks of it.
 *
 * @module
 */
import type { AccessListName, DirectListName, Message, RoomListName } from './messages.js';

/** What the protocol says of one argument kind. */
export interface ArgKindSpec {
  /** The type a client sends, as TypeScript writes it. */
  readonly type: string;
  /** The rule the server checks, in words. */
  readonly rule: string;
  /** Names (room, user, list names): they must also be well-formed Unicode, else `invalidName`. */
  readonly names: boolean;
  /** A message: the hook that, when set, replaces the default format check (any plain object it accepts passes). */
  readonly checker: 'roomMessagesChecker' | 'directMessagesChecker' | null;
}

/** Every argument kind. */
export const ARG_KINDS = {
  string: { type: 'string', rule: 'a string (the empty string passes)', names: true, checker: null },
  boolean: { type: 'boolean', rule: '`true` or `false`', names: false, checker: null },
  stringList: { type: 'string[]', rule: 'an array of strings (`[]` passes)', names: true, checker: null },
  historyId: { type: 'number', rule: 'a finite number ≥ 0 (fractions pass)', names: false, checker: null },
  historyLimit: { type: 'number', rule: 'a finite number ≥ 1', names: false, checker: null },
  any: { type: 'unknown', rule: 'any value (it still counts for the arity)', names: false, checker: null },
  roomMessage: {
    type: 'Message',
    rule: 'exactly `{ textMessage: string }`; with a `roomMessagesChecker` hook, any plain object it accepts',
    names: false,
    checker: 'roomMessagesChecker',
  },
  directMessage: {
    type: 'Message',
    rule: 'exactly `{ textMessage: string }`; with a `directMessagesChecker` hook, any plain object it accepts',
    names: false,
    checker: 'directMessagesChecker',
  },
  directListName: { type: "'whitelist' | 'blacklist'", rule: 'a string; another name fails with `noList`', names: true, checker: null },
  accessListName: {
    type: "'adminlist' | 'whitelist' | 'blacklist'",
    rule: 'a string; another name fails with `noList`',
    names: true,
    checker: null,
  },
  roomListName: {
    type: "'adminlist' | 'whitelist' | 'blacklist' | 'userlist'",
    rule: 'a string; another name fails with `noList`',
    names: true,
    checker: null,
  },
} as const satisfies Record<string, ArgKindSpec>;

/** One argument kind. */
export type ArgKind = keyof typeof ARG_KINDS;

/** The type a client sends for each argument kind. */
export interface ArgTypes {
  string: string;
  boolean: boolean;
  stringList: string[];
  historyId: number;
  historyLimit: number;
  any: unknown;
  roomMessage: Message;
  directMessage: Message;
  directListName: DirectListName;
  accessListName: AccessListName;
  roomListName: RoomListName;
}

/** The type the server has checked for each argument kind (list names are only strings until the command looks them up). */
export interface CheckedArgTypes {
  string: string;
  boolean: boolean;
  stringList: string[];
  historyId: number;
  historyLimit: number;
  any: unknown;
  roomMessage: Record<string, unknown>;
  directMessage: Record<string, unknown>;
  directListName: string;
  accessListName: string;
  roomListName: string;
}
