// Checks every published (non-private) package as npm would ship it: publint (package.json
// fields, exports, files) and Are the Types Wrong (types resolve for ESM and CJS
// consumers under node16 and bundlers). Run after the build: `npm run check:packages`.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// `@chat-service/client/browser` is a browser bundle, ESM only by design.
const ATTW_EXCLUDES = { client: ['./browser'] };

let failed = false;
for (const name of readdirSync(join(root, 'packages'))) {
  const dir = join(root, 'packages', name);
  // Private packages (the shared test helpers) are never packed nor published.
  if (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private === true) continue;
  const run = (command, args) => {
    try {
      execFileSync(command, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      failed = true;
      process.stderr.write(`\n${name}: ${command} ${args.join(' ')} failed\n${String(error.stdout)}${String(error.stderr)}\n`);
    }
  };
  const bin = (tool) => join(root, 'node_modules', '.bin', tool);
  run(bin('publint'), ['--strict']);
  const excludes = ATTW_EXCLUDES[name] ?? [];
  run(bin('attw'), ['--pack', '.', '--profile', 'node16', '--format', 'ascii', ...(excludes.length > 0 ? ['--exclude-entrypoints', ...excludes] : [])]);
  process.stdout.write(`${failed ? '…' : 'ok'} ${name}\n`);
}
if (failed) process.exit(1);
