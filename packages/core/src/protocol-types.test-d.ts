/**
 * Type tests: the client-facing {@link CommandMap} stays in step with the
 * command table (same names, same arity, argument types the table accepts).
 */
import { expectTypeOf } from 'vitest';
import type { ArgTypes } from './commands/define.js';
import type { COMMANDS } from './commands/index.js';
import type { CommandName } from './hooks.js';
import type { CommandArgs, CommandMap, CommandSpec, NotificationName } from './protocol-types.js';

type Params<K extends CommandName> = (typeof COMMANDS)[K]['params'];
type ArgsOf<TKinds extends readonly unknown[]> = { [I in keyof TKinds]: TKinds[I] extends keyof ArgTypes ? ArgTypes[TKinds[I]] : never };
type TableArgs<K extends CommandName> = ArgsOf<Params<K>>;
type Agrees = { [K in CommandName]: CommandArgs<K> extends TableArgs<K> ? true : K };

expectTypeOf<keyof CommandMap>().toEqualTypeOf<CommandName>();
expectTypeOf<CommandMap[CommandName]>().toExtend<CommandSpec>();
expectTypeOf<Agrees[CommandName]>().toEqualTypeOf<true>();
expectTypeOf<CommandArgs<'roomHistoryGet'>>().toEqualTypeOf<[roomName: string, id: number, limit: number]>();
expectTypeOf<'roomMessage'>().toExtend<NotificationName>();
