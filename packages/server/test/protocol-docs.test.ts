/**
 * The generated protocol documents are what the generator makes of the
 * command table, the validating schemas and the TSDoc now: a change to any of
 * them without `npm run docs:protocol` fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateProtocolDocs } from '../scripts/protocol-docs/generate.js';
import { ROOT } from '../scripts/protocol-docs/sources.js';
import { COMMAND_NAMES, NOTIFICATION_NAMES } from '@chat-service/core/protocol';
import { CHAT_SERVICE_OPTION_SCHEMAS } from '../src/index.js';

const generated = generateProtocolDocs();

describe('generated protocol documents', () => {
  it.each(Object.keys(generated))('%s is up to date (run `npm run docs:protocol`)', (path) => {
    expect(readFileSync(`${ROOT}${path}`, 'utf8')).toBe(generated[path]);
  });

  it('cover every command, notification and option', () => {
    const markdown = generated['docs/protocol.md'] ?? '';
    const schema = JSON.parse(generated['docs/protocol.schema.json'] ?? '{}') as {
      $defs: Record<string, { properties: Record<string, unknown> }>;
    };
    for (const name of COMMAND_NAMES) expect(markdown).toContain(`### ${name}\n`);
    for (const name of NOTIFICATION_NAMES) expect(markdown).toContain(`### ${name}\n`);
    for (const name of Object.keys(CHAT_SERVICE_OPTION_SCHEMAS)) expect(markdown).toContain(`| \`${name}\` |`);
    expect(Object.keys(schema.$defs['commands']?.properties ?? {})).toEqual([...COMMAND_NAMES]);
    expect(Object.keys(schema.$defs['notifications']?.properties ?? {})).toEqual([...NOTIFICATION_NAMES]);
  });

  it('describe the arguments with the schemas the server validates with', () => {
    const schema = JSON.parse(generated['docs/protocol.schema.json'] ?? '{}') as {
      $defs: { commands: { properties: Record<string, { properties: { arguments: unknown } }> } };
    };
    expect(schema.$defs.commands.properties['roomHistoryGet']?.properties.arguments).toMatchObject({
      type: 'array',
      prefixItems: [
        { title: 'roomName', type: 'string' },
        { title: 'id', type: 'number', minimum: 0 },
        { title: 'limit', type: 'number', minimum: 1 },
      ],
    });
  });
});
