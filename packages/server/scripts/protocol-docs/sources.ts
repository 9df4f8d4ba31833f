/**
 * Where the generator reads the protocol: the table data, the validating
 * schemas, the defaults, and the source files holding their TSDoc.
 *
 * @module
 */
import { fileURLToPath } from 'node:url';
import { interfaceMemberDocs, type MemberDoc, objectMemberDocs, type TypeDoc, typeDocs } from './tsdoc.js';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

const at = (path: string): string => `${ROOT}${path}`;

/** The prose of the protocol, read from the TSDoc of its sources. */
export interface ProtocolProse {
  commands: Map<string, MemberDoc>;
  notifications: Map<string, MemberDoc>;
  hooks: Map<string, MemberDoc>;
  coreOptions: Map<string, MemberDoc>;
  serverOptions: Map<string, MemberDoc>;
  /** The types the tables name (messages, results, login data, errors). */
  types: TypeDoc[];
}

/** Reads the TSDoc of the tables, the hooks and the options. */
export function readProse(): ProtocolProse {
  return {
    commands: objectMemberDocs(at('packages/core/src/protocol/command-table.ts'), 'COMMAND_TABLE'),
    notifications: objectMemberDocs(at('packages/core/src/protocol/notifications.ts'), 'NOTIFICATION_TABLE'),
    hooks: interfaceMemberDocs(at('packages/core/src/hooks.ts'), 'Hooks'),
    coreOptions: interfaceMemberDocs(at('packages/core/src/options.ts'), 'CoreOptions'),
    serverOptions: interfaceMemberDocs(at('packages/server/src/chat-service.ts'), 'ChatServiceOptions'),
    types: [
      ...typeDocs(at('packages/core/src/protocol/messages.ts'), [
        'TextMessage',
        'Message',
        'ProcessedMessage',
        'RoomMessage',
        'RoomHistoryInfo',
        'AuthData',
        'WireError',
      ]),
      ...typeDocs(at('packages/core/src/ports/types.ts'), ['HistoryInfo', 'RoomNotifications', 'UserSeen']),
      ...typeDocs(at('packages/core/src/protocol/error-codes.ts'), ['ErrorObject']),
    ],
  };
}

/** The text of a member's TSDoc; a missing one is an error (the documents would have a hole). */
export function textOf(docs: Map<string, MemberDoc>, name: string): string {
  const doc = docs.get(name);
  if (!doc?.text) throw new Error(`${name} has no TSDoc`);
  return doc.text;
}
