/**
 * The machine-readable description of the protocol: one JSON Schema
 * (draft 2020-12) whose definitions are the commands (arguments converted
 * from the validating valibot schemas, result), the notifications, the error
 * codes and the options (converted from the option schemas).
 *
 * @module
 */
import { argumentsSchema, CORE_OPTION_SCHEMAS, DEFAULT_OPTIONS } from '@chat-service/core';
import { ARG_KINDS, COMMAND_NAMES, COMMANDS, ERROR_CODES, NOTIFICATION_NAMES, NOTIFICATION_TABLE } from '@chat-service/core/protocol';
import { type JsonSchema, toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { CHAT_SERVICE_OPTION_SCHEMAS } from '../../src/option-schema.js';
import { type ProtocolProse, textOf } from './sources.js';

type Json = Record<string, unknown>;

const TEXT_MESSAGE: Json = {
  type: 'object',
  properties: { textMessage: { type: 'string' } },
  required: ['textMessage'],
  additionalProperties: false,
};

/** valibot to JSON Schema; `custom` schemas (plain objects, functions) become what they check. */
export function convert(schema: v.GenericSchema): Json {
  const out: JsonSchema = toJsonSchema(schema, {
    target: 'draft-2020-12',
    errorMode: 'ignore',
    overrideSchema: ({ valibotSchema }) => {
      if (valibotSchema.type !== 'custom') return undefined;
      const message = 'message' in valibotSchema ? valibotSchema.message : undefined;
      return message === 'a function' ? { description: 'a function' } : { type: 'object' };
    },
  });
  const { $schema: _drop, ...rest } = out as Json;
  return rest;
}

const ARRAY = /^(\w+)\[\]$/;
const LITERALS = /^'[^']*'(?: \| '[^']*')*$/;

/** A JSON Schema for a TypeScript type text of the tables (`RoomMessage[]`, `string | null`, ...). */
export function typeSchema(type: string): Json {
  const simple: Record<string, Json> = {
    null: { type: 'null' },
    string: { type: 'string' },
    number: { type: 'number' },
    boolean: { type: 'boolean' },
    unknown: {},
    'string | null': { type: ['string', 'null'] },
    'Record<string, string[]>': { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
  };
  const known = simple[type];
  if (known) return known;
  if (LITERALS.test(type)) return { enum: type.split(' | ').map((literal) => literal.slice(1, -1)) };
  const array = ARRAY.exec(type);
  if (array?.[1]) return { type: 'array', items: typeSchema(array[1]) };
  return { type: 'object', 'x-typescript': type };
}

function commands(prose: ProtocolProse): Json {
  const properties: Json = {};
  for (const name of COMMAND_NAMES) {
    const entry = COMMANDS[name];
    const args = convert(argumentsSchema(name, false));
    const items = Array.isArray(args['prefixItems']) ? (args['prefixItems'] as Json[]) : [];
    args['prefixItems'] = items.map((item, index) => {
      const spec = entry.args[index];
      if (!spec) return item;
      // The message check is a custom one (a pipe the converter cannot read): this is the format it checks.
      const checked = ARG_KINDS[spec.kind].checker === null ? item : TEXT_MESSAGE;
      return { title: spec.name, description: ARG_KINDS[spec.kind].rule, ...checked };
    });
    properties[name] = {
      description: textOf(prose.commands, name),
      type: 'object',
      properties: { arguments: args, result: typeSchema(entry.result.type) },
      'x-errors': [...entry.errors],
      'x-needsSocket': entry.needsSocket,
    };
  }
  return { type: 'object', properties };
}

function notifications(prose: ProtocolProse): Json {
  const properties: Json = {};
  for (const name of NOTIFICATION_NAMES) {
    const params: readonly { name: string; type: { type: string } }[] = NOTIFICATION_TABLE[name].params;
    properties[name] = {
      description: textOf(prose.notifications, name),
      type: 'array',
      prefixItems: params.map((param) => ({ ...typeSchema(param.type.type), title: param.name })),
      items: false,
    };
  }
  return { type: 'object', properties };
}

function options(prose: ProtocolProse): Json {
  const properties: Json = {};
  const defaults: Record<string, unknown> = DEFAULT_OPTIONS;
  for (const [name, schema] of Object.entries(CHAT_SERVICE_OPTION_SCHEMAS)) {
    const core = Object.hasOwn(CORE_OPTION_SCHEMAS, name);
    const doc = (core ? prose.coreOptions : prose.serverOptions).get(name);
    const entry: Json = { description: doc?.text ?? '', ...convert(schema) };
    if (core) entry['default'] = defaults[name] ?? null;
    else if (doc?.default !== undefined && /^\d+$/.test(doc.default)) entry['default'] = Number(doc.default);
    properties[name] = entry;
  }
  return { type: 'object', properties };
}

/** The whole description, as the JSON text written to `docs/protocol.schema.json`. */
export function protocolJsonSchema(prose: ProtocolProse): string {
  const document = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'urn:chat-service:protocol',
    title: 'chat-service protocol',
    description:
      'Generated by `npm run docs:protocol` from the command table and the validating schemas; do not edit. ' +
      'commands: each command, its positional arguments (a tuple, as the server checks them) and its result; ' +
      'notifications: the positional params of each server event; errors: the error codes and their message templates; ' +
      'options: the options of `new ChatService(options)`.',
    $defs: {
      commands: commands(prose),
      notifications: notifications(prose),
      errors: { enum: Object.keys(ERROR_CODES), 'x-messageTemplates': { ...ERROR_CODES } },
      options: options(prose),
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
