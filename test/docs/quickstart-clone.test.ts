import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { codeBlocks } from './markdown.js';

// docs/quickstart.md's "try the gateway" block, run as a new user would from a fresh clone: the
// tracked files only (no dist/), the installed dependencies linked in for `npm install`.
const run = promisify(execFile);
const ROOT = process.cwd();
let work: string | undefined;
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('docs/quickstart.md from a fresh clone', () => {
  it('the gateway against the simulator answers the curl line, marked simulated', async () => {
    const page = readFileSync('docs/quickstart.md', 'utf8');
    const fences = page.split('\n');
    const block = codeBlocks(page).find((b) => b.lang === 'sh' && fences[b.line - 1]!.includes('tested-from-a-clone'));
    expect(block, 'a ```sh tested-from-a-clone block').toBeDefined();
    const [serveLine, curlLine] = block!.code.trim().split('\n');
    expect(serveLine).toMatch(/^npm install && npm run serve -- --simulate --port 8080$/);
    expect(curlLine).toMatch(/^curl -i http:\/\/127\.0\.0\.1:8080\/v1\/responses /);

    work = mkdtempSync(join(tmpdir(), 'flexroute-clone-'));
    const { stdout } = await run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    for (const file of stdout.split('\0').filter(Boolean)) {
      try {
        mkdirSync(dirname(join(work, file)), { recursive: true });
        copyFileSync(join(ROOT, file), join(work, file));
      } catch {
        // a file deleted in the work tree but still tracked: a clone would not have it either
      }
    }
    symlinkSync(join(ROOT, 'node_modules'), join(work, 'node_modules'), 'dir'); // what `npm install` leaves

    const port = String(await freePort());
    // Its own process group: npm, tsx and the server are stopped together at the end.
    const child = spawn('npm', ['run', 'serve', '--', '--simulate', '--port', port], { cwd: work, env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      let out = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner in 30 s: ${out}`)), 30_000);
        child.stdout.setEncoding('utf8').on('data', (text: string) => {
          out += text;
          if (out.includes('Ctrl+C')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      expect(out).toContain('SIMULATED');
      // The curl line, sent as curl sends it (its URL, -H header and -d body), with fetch.
      const words = [...curlLine!.replace('8080', port).matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
      const url = words.find((w) => w.startsWith('http://'))!;
      const [name, value] = words[words.indexOf('-H') + 1]!.split(/:\s*/);
      const res = await fetch(url, { method: 'POST', headers: { [name!]: value! }, body: words[words.indexOf('-d') + 1] });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-flexroute-simulated')).toBe('true');
      expect(res.headers.get('x-flexroute-race')).toMatch(/^(committed|fallback:\w+)$/);
      expect(((await res.json()) as { object: string }).object).toBe('response');
    } finally {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      await exited;
    }
  }, 90_000);
});
