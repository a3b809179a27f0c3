import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestRefused, ROUTER_ERROR_CODES, type RouterErrorCode } from '../../src/core.js';
import { createRouter, type RouterOptions } from '../../src/router.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { codeBlocks } from './markdown.js';

// Every example in docs/errors.md is replayed: the request shown is sent to a router set up as
// the example says, and its answer must be the response shown (status, headers, body).

const page = readFileSync('docs/errors.md', 'utf8');

interface Example {
  request: { method: string; path: string; headers: Record<string, string>; body: string | undefined };
  response: { status: number; headers: Record<string, string>; body: unknown };
}

/** Splits an `http` block into its start line, headers and body. */
function parseHttp(text: string): { start: string; headers: Record<string, string>; body: string | undefined } {
  const cut = text.indexOf('\n\n');
  const [start = '', ...lines] = (cut === -1 ? text : text.slice(0, cut)).split('\n');
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { start, headers, body: cut === -1 ? undefined : text.slice(cut + 2) };
}

function exampleOf(code: RouterErrorCode): Example {
  const start = page.indexOf(`### \`${code}\``);
  const end = page.indexOf('\n#', start + 1);
  const blocks = codeBlocks(page.slice(start, end)).filter((b) => b.lang === 'http');
  const request = parseHttp(blocks[0]!.code);
  const response = parseHttp(blocks[1]!.code);
  const [method = '', path = ''] = request.start.split(' ');
  // The body_too_large example abbreviates its long input.
  const body = request.body?.replace(/x+…\((\d+) characters\)/, (_, n: string) => 'x'.repeat(Number(n)));
  return {
    request: { method, path, headers: request.headers, body },
    response: { status: Number(response.start.split(' ')[1]), headers: response.headers, body: JSON.parse(response.body ?? 'null') },
  };
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 1 });
});
afterAll(() => sim.close());

/** The router set-up each example names; every other example uses the plain one. */
function routerFor(code: RouterErrorCode) {
  const base: RouterOptions = {
    env: {},
    upstreams: { openai: sim.openaiBaseUrl, gemini: sim.geminiBaseUrl, anthropic: sim.anthropicBaseUrl },
    keys: { openai: 'sk-test-openai', gemini: 'gemini-test', anthropic: 'sk-ant-test' },
  };
  const setups: Partial<Record<RouterErrorCode, RouterOptions>> = {
    body_too_large: { maxBodyBytes: 1024 },
    invalid_api_key: { authenticate: (req) => req.headers.get('authorization') === 'Bearer router-key-1' || undefined },
    no_byok_key: { keys: {} },
    payment_required: { allowFlex: () => false },
    upstream_unreachable: { upstreams: { openai: 'http://127.0.0.1:1/v1' } },
    request_refused: {
      use: [
        async function denyPro(ctx, next) {
          if (ctx.plan?.model.endsWith('-pro')) {
            throw requestRefused({
              code: 'request_refused',
              what: `Model "${ctx.plan.model}" is not allowed on this router.`,
              why: 'Its operator serves mini models only, to keep costs predictable.',
              fix: 'Send "gpt-5-mini" instead.',
              param: 'model',
              format: ctx.caller,
              model: 'gpt-5-mini',
            });
          }
          return next();
        },
      ],
    },
  };
  sim.setScript(code === 'flex_failed_after_start' ? (req) => (req.tier === 'flex' ? { outcome: 'cut_after_start', afterContentEvents: 2 } : undefined) : undefined);
  return createRouter({ ...base, ...setups[code] });
}

/** Byte counts and timings vary from run to run. */
const steady = (value: unknown) => JSON.stringify(value).replace(/after \d+ bytes/g, 'after N bytes');

describe('docs/errors.md examples', () => {
  for (const code of ROUTER_ERROR_CODES) {
    it(`${code}: the router answers the request shown with the response shown`, async () => {
      const { request, response } = exampleOf(code);
      const res = await routerFor(code)(
        new Request(`http://router.local${request.path}`, { method: request.method, headers: request.headers, body: request.body }),
      );
      expect(res.status).toBe(response.status);
      expect(steady(await res.json())).toBe(steady(response.body));
      for (const [name, value] of Object.entries(response.headers)) {
        if (name === 'x-flexroute-flex-wait-ms') expect(res.headers.get(name)).toMatch(/^\d+$/);
        else expect(res.headers.get(name), name).toBe(value);
      }
    });
  }
});
