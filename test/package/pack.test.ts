import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The package as a user gets it: built, packed, installed from the tarball into an empty
// project, then used from ESM and CommonJS against a simulator started from the package itself.
const run = promisify(execFile);
const ROOT = process.cwd();
let work: string;
let tarball: string;
let consumer: string;
/** The clean copy the tarball was packed from (built by its prepack). */
let clone: string;

/**
 * A clean copy of the repository as a fresh clone has it: the files git tracks (plus what this
 * change adds), with no `dist/`, and the installed dependencies linked in. `npm pack` there must
 * build the package itself (`prepack`), or the tarball would ship without it.
 */
async function cleanCopy(into: string): Promise<void> {
  const { stdout } = await run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  for (const file of stdout.split('\0').filter(Boolean)) {
    if (file.startsWith('dist/') || !existsSync(join(ROOT, file))) continue;
    mkdirSync(dirname(join(into, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(into, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(into, 'node_modules'), 'dir');
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'flexroute-pack-'));
  clone = join(work, 'clone');
  await cleanCopy(clone);
  expect(existsSync(join(clone, 'dist'))).toBe(false);
  await run('npm', ['pack', '--pack-destination', work], { cwd: clone, maxBuffer: 64 * 1024 * 1024 }).catch((err: { stdout?: string; stderr?: string }) => {
    const output = `${err.stdout ?? ''}${err.stderr ?? ''}`.split('\n').filter((l) => /\[ERROR\]|error TS|Error:/.test(l));
    throw new Error(`npm pack (with its prepack build) failed in a clean copy. First errors:\n${output.slice(0, 20).join('\n')}`);
  });
  // The one tarball npm wrote (its stdout also carries the prepack build's log, so it is not parsed).
  const tarballs = readdirSync(work).filter((name) => name.endsWith('.tgz'));
  expect(tarballs).toHaveLength(1);
  tarball = join(work, tarballs[0]!);
  consumer = join(work, 'consumer');
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  await run('npm', ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: consumer });
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

// Both scripts do the same: start the packaged simulator, route one request in-process through
// createRouter and one through createFlexFetch, check errors are the same class across entries.
const ESM = `
import { createRouter, createFlexFetch, RouterError as RootError } from 'flexroute';
import { parseStartWithin, RouterError } from 'flexroute/core';
import { createRouter as createRouterAgain } from 'flexroute/router';
import { toNodeListener, createUndiciFetch } from 'flexroute/node';
import { FlexRoute } from 'flexroute/client';
import { startSimulator } from 'flexroute/simulator';
import { openaiResponses } from 'flexroute/dialects';
const sim = await startSimulator({ seed: 3 });
try {
  const router = createRouter({ upstreams: { openai: sim.openaiBaseUrl }, keys: { openai: 'sk-test-0001' }, env: {} });
  const res = await router(new Request('http://x/v1/responses', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-5-mini', input: 'Hi', start_within: '00h-00m-30s' }),
  }));
  const body = await res.json();
  const viaFetch = await createFlexFetch({ upstreams: { openai: sim.openaiBaseUrl }, keys: { openai: 'sk-test-0001' }, env: {}, startWithin: 'default' })(
    'http://flexroute.local/v1/chat/completions',
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-5-mini', messages: [{ role: 'user', content: 'Hi' }] }) },
  );
  let sameClass = false;
  try { parseStartWithin('30s'); } catch (e) { sameClass = e instanceof RootError && e instanceof RouterError; }
  console.log(JSON.stringify({
    status: res.status, race: res.headers.get('x-flexroute-race'), tier: body.service_tier,
    chatStatus: viaFetch.status, chatTier: (await viaFetch.json()).service_tier,
    sameClass, kinds: [typeof createRouterAgain, typeof toNodeListener, typeof createUndiciFetch, typeof FlexRoute, typeof openaiResponses.stream.rules.classify],
  }));
} finally {
  await sim.close();
}
`;

const CJS = `
const { createRouter, createFlexFetch, RouterError: RootError } = require('flexroute');
const { parseStartWithin, RouterError } = require('flexroute/core');
const { createRouter: createRouterAgain } = require('flexroute/router');
const { toNodeListener, createUndiciFetch } = require('flexroute/node');
const { FlexRoute } = require('flexroute/client');
const { startSimulator } = require('flexroute/simulator');
const { openaiResponses } = require('flexroute/dialects');
(async () => {
  const sim = await startSimulator({ seed: 3 });
  try {
    const router = createRouter({ upstreams: { openai: sim.openaiBaseUrl }, keys: { openai: 'sk-test-0001' }, env: {} });
    const res = await router(new Request('http://x/v1/responses', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-5-mini', input: 'Hi', start_within: '00h-00m-30s' }),
    }));
    const body = await res.json();
    const viaFetch = await createFlexFetch({ upstreams: { openai: sim.openaiBaseUrl }, keys: { openai: 'sk-test-0001' }, env: {}, startWithin: 'default' })(
      'http://flexroute.local/v1/chat/completions',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-5-mini', messages: [{ role: 'user', content: 'Hi' }] }) },
    );
    let sameClass = false;
    try { parseStartWithin('30s'); } catch (e) { sameClass = e instanceof RootError && e instanceof RouterError; }
    console.log(JSON.stringify({
      status: res.status, race: res.headers.get('x-flexroute-race'), tier: body.service_tier,
      chatStatus: viaFetch.status, chatTier: (await viaFetch.json()).service_tier,
      sameClass, kinds: [typeof createRouterAgain, typeof toNodeListener, typeof createUndiciFetch, typeof FlexRoute, typeof openaiResponses.stream.rules.classify],
    }));
  } finally {
    await sim.close();
  }
})().catch((err) => { console.error(err); process.exitCode = 1; });
`;

const EXPECTED = {
  status: 200,
  race: 'committed',
  tier: 'flex',
  chatStatus: 200,
  chatTier: 'default',
  sameClass: true,
  kinds: ['function', 'function', 'function', 'function', 'function'],
};

describe('the packed tarball, installed into an empty project', () => {
  it('holds the built entries and no sources or tests', async () => {
    const { stdout } = await run('tar', ['-tzf', tarball]);
    const files = stdout.split('\n').filter(Boolean);
    for (const entry of ['index', 'core', 'router', 'dialects', 'node', 'client', 'simulator']) {
      expect(files).toContain(`package/dist/${entry}.js`);
      expect(files).toContain(`package/dist/${entry}.cjs`);
      expect(files).toContain(`package/dist/${entry}.d.ts`);
      expect(files).toContain(`package/dist/${entry}.d.cts`);
    }
    expect(files).toContain('package/dist/cli/main.js');
    expect(files.filter((f) => f.startsWith('package/src/') || f.startsWith('package/test/'))).toEqual([]);
  });

  it('routes from ESM (import)', async () => {
    writeFileSync(join(consumer, 'esm.mjs'), ESM);
    const { stdout } = await run(process.execPath, ['esm.mjs'], { cwd: consumer });
    expect(JSON.parse(stdout)).toEqual(EXPECTED);
  });

  it('routes from CommonJS (require)', async () => {
    writeFileSync(join(consumer, 'cjs.cjs'), CJS);
    const { stdout } = await run(process.execPath, ['cjs.cjs'], { cwd: consumer });
    expect(JSON.parse(stdout)).toEqual(EXPECTED);
  });

  it('installs the command line, which knows its version', async () => {
    const { stdout } = await run(join(consumer, 'node_modules', '.bin', 'flexroute'), ['--help'], { cwd: consumer });
    expect(stdout).toMatch(/serve/);
    expect(stdout).toMatch(/demo/);
    const version = await run(join(consumer, 'node_modules', '.bin', 'flexroute'), ['--version'], { cwd: consumer });
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('passes @arethetypeswrong/cli for every entry and module system', async () => {
    const { stdout } = await run(join(ROOT, 'node_modules', '.bin', 'attw'), [tarball, '--format', 'json'], { cwd: ROOT });
    const report = JSON.parse(stdout) as { analysis: { problems: unknown[] } };
    expect(report.analysis.problems).toEqual([]);
  }, 60_000);

  it('passes publint --strict', async () => {
    const { stdout } = await run(join(ROOT, 'node_modules', '.bin', 'publint'), ['--strict', '--pack', 'false'], { cwd: clone });
    expect(stdout).toContain('All good!');
  }, 60_000);
});
