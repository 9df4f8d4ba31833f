/**
 * The generated protocol documents, by path from the repository root.
 *
 * @module
 */
import { protocolJsonSchema } from './json-schema.js';
import { protocolMarkdown } from './markdown.js';
import { readProse } from './sources.js';

/** Every generated file's text, keyed by its path from the repository root. */
export function generateProtocolDocs(): Record<string, string> {
  const prose = readProse();
  return {
    'docs/protocol.md': protocolMarkdown(prose),
    'docs/protocol.schema.json': protocolJsonSchema(prose),
  };
}
