import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { links } from './markdown.js';

// `npm run docs:api` runs typedoc with typedoc.json. Here it writes to a temporary folder, so the
// test leaves nothing behind, and the pages' links into docs/api are checked against its output.
const run = promisify(execFile);
const TYPEDOC = join(process.cwd(), 'node_modules', '.bin', 'typedoc');
const out = mkdtempSync(join(tmpdir(), 'flexroute-api-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/**
 * Types the public API names but its entry points do not export yet (typedoc warns "X … is
 * referenced by … but not included in the documentation"). Each needs an export from the entry
 * point named; remove the line once it is there (the test fails when an entry is no longer needed).
 */
const EXPORTS_PENDING: string[] = [];

describe('the API reference (typedoc.json)', () => {
  let output = '';

  it('generates from the public entry points, with no type missing from the exports but the pending ones', async () => {
    const result = await run(TYPEDOC, ['--out', out], { maxBuffer: 16 * 1024 * 1024 }).catch((err: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`typedoc failed: ${err.stdout ?? ''}${err.stderr ?? err.message}`);
    });
    output = `${result.stdout}${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(readdirSync(join(out, 'modules')).sort()).toEqual(['client.html', 'core.html', 'dialects.html', 'index.html', 'node.html', 'router.html', 'simulator.html']);

    const warnings = output.split('\n').filter((line) => line.startsWith('[warning]') && !/^\[warning\] Found \d+ errors/.test(line));
    const notExported = warnings.map((line) => /^\[warning\] (\S+), defined in .* but not included in the documentation/.exec(line)?.[1]);
    expect(warnings.filter((_, i) => notExported[i] === undefined), 'warnings other than missing exports').toEqual([]);
    expect([...notExported].sort()).toEqual([...EXPORTS_PENDING].sort());
  }, 240_000);

  it('has every page that the docs link to under docs/api', () => {
    expect(output, 'typedoc ran').not.toBe('');
    const pages = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
    const targets = pages.flatMap((page) =>
      links(readFileSync(page, 'utf8'))
        .map(({ target }) => normalize(join(dirname(page), target.split('#')[0]!)))
        .filter((file) => relative('docs/api', file).split(/[\\/]/)[0] !== '..'),
    );
    expect(targets.length).toBeGreaterThan(0);
    for (const file of targets) {
      const inOutput = join(out, relative('docs/api', file));
      expect(existsSync(inOutput), file).toBe(true);
    }
  });
});
