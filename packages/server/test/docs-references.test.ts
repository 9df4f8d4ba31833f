/**
 * Documentation lives in the repository: every `*.md` file that a tracked
 * source or document mentions exists in the repository, and nothing cites
 * the reference service's behaviour specification or other shared documents.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SKIP = new Set(['node_modules', 'dist', '.git', '.turbo', 'coverage']);
/** Files the tools write (not documents cited): `npm run bench` writes its table there. */
const OUTPUTS = new Set(['bench/results/latest.md', 'latest.md']);
const TEXT = /\.(ts|mts|cts|js|mjs|cjs|md|json|yml|yaml)$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name) || name === 'package-lock.json') return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return TEXT.test(name) ? [path] : [];
  });
}

describe('documents cited by the repository', () => {
  it('exist in the repository', () => {
    const all = files(ROOT);
    const missing: string[] = [];
    for (const file of all) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/[\w./-]*\b[\w-]+\.md\b/g)) {
        const cited = match[0].replace(/^\.\//, '');
        if (/^https?:/.test(cited) || OUTPUTS.has(cited)) continue;
        const found = [join(dirname(file), cited), join(ROOT, cited)].some((candidate) => existsSync(candidate));
        if (!found) missing.push(`${relative(ROOT, file)}: ${cited}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
