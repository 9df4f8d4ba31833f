/**
 * Type tests: the types that derive from the command table — the client's
 * `CommandMap`, the bodies' checked arguments, the validating schemas — agree
 * with each other.
 */
import type * as v from 'valibot';
import { expectTypeOf } from 'vitest';
import type { StrayBodies } from './commands/index.js';
import type { ArgKind, ArgTypes, CheckedArgTypes } from './protocol/arg-kinds.js';
import type { CheckedArgs, CommandArgs, CommandMap, CommandName, CommandSpec } from './protocol/commands.js';
import type { NotificationMap, NotificationName } from './protocol/notifications.js';
import type { RoomMessage } from './protocol/messages.js';
import type { ARG_SCHEMAS } from './schemas.js';

// What a client may send is what the server's schemas accept, and what the bodies then see.
type SentIsChecked = { [K in ArgKind]: ArgTypes[K] extends CheckedArgTypes[K] ? true : K };
type CheckedIsSchema = { [K in ArgKind]: CheckedArgTypes[K] extends v.InferOutput<(typeof ARG_SCHEMAS)[K]> ? true : K };
type SchemaIsChecked = { [K in ArgKind]: v.InferOutput<(typeof ARG_SCHEMAS)[K]> extends CheckedArgTypes[K] ? true : K };
type ArgsAgree = { [K in CommandName]: CommandArgs<K> extends CheckedArgs<K> ? true : K };

expectTypeOf<SentIsChecked[ArgKind]>().toEqualTypeOf<true>();
expectTypeOf<CheckedIsSchema[ArgKind]>().toEqualTypeOf<true>();
expectTypeOf<SchemaIsChecked[ArgKind]>().toEqualTypeOf<true>();
expectTypeOf<ArgsAgree[CommandName]>().toEqualTypeOf<true>();
// Every export of the body files is a command of the table.
expectTypeOf<StrayBodies>().toEqualTypeOf<never>();

expectTypeOf<keyof CommandMap>().toEqualTypeOf<CommandName>();
expectTypeOf<CommandMap[CommandName]>().toExtend<CommandSpec>();
expectTypeOf<CommandArgs<'roomHistoryGet'>>().toEqualTypeOf<[roomName: string, id: number, limit: number]>();
expectTypeOf<CommandArgs<'directGetWhitelistMode'>>().toEqualTypeOf<[]>();
expectTypeOf<CommandArgs<'roomAddToList'>>().toEqualTypeOf<[string, 'adminlist' | 'whitelist' | 'blacklist', string[]]>();
expectTypeOf<CheckedArgs<'roomAddToList'>>().toEqualTypeOf<[string, string, string[]]>();
expectTypeOf<CommandMap['roomRecentHistory']['result']>().toEqualTypeOf<RoomMessage[]>();
expectTypeOf<CommandMap['roomGetOwner']['result']>().toEqualTypeOf<string | null>();
expectTypeOf<'roomMessage'>().toExtend<NotificationName>();
expectTypeOf<NotificationMap['roomMessage']>().toEqualTypeOf<[string, RoomMessage]>();
expectTypeOf<NotificationMap['roomLeftEcho']>().toEqualTypeOf<[string, string, number]>();
