/**
 * `npm run docs:protocol`: writes the generated protocol documents.
 *
 * @module
 */
import { writeFileSync } from 'node:fs';
import { generateProtocolDocs } from './generate.js';
import { ROOT } from './sources.js';

for (const [path, text] of Object.entries(generateProtocolDocs())) {
  writeFileSync(`${ROOT}${path}`, text);
  process.stdout.write(`wrote ${path}\n`);
}
