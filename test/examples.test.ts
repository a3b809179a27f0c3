import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// Every example runs as a user would run it (`npx tsx examples/<name>.ts`), against the
// simulator it starts itself, and prints what it routed.
const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

async function runExample(name: string): Promise<string> {
  const env = { ...process.env };
  // The examples must use their own simulator here, never a real provider or key.
  delete env.FLEXROUTE_OPENAI_BASE_URL;
  delete env.OPENAI_API_KEY;
  const { stdout } = await run(TSX, [join('examples', `${name}.ts`)], { env, timeout: 60_000 });
  return stdout;
}

describe('examples', () => {
  it('node-http.ts serves the router on node:http', async () => {
    const out = await runExample('node-http');
    expect(out).toMatch(/router listening on http:\/\/127\.0\.0\.1:\d+\/v1/);
    expect(out).toMatch(/status 200, served on (flex|default) \(race: (committed|fallback:\w+)\)/);
    expect(out).toMatch(/Echo: Write a haiku about patience\./);
  });

  it('express.ts mounts the router under /llm after express.json(), with fall-through', async () => {
    const out = await runExample('express');
    expect(out).toMatch(/chat: served on (flex|default)/);
    expect(out).toMatch(/Echo: Name three rivers\./);
    expect(out).toContain('health: {"ok":true}');
  });

  it('hono.ts answers through app.request() and over HTTP', async () => {
    const out = await runExample('hono');
    expect(out).toMatch(/app\.request: served on (flex|default)/);
    expect(out).toMatch(/Echo: Say hello in French\./);
    expect(out).toContain('GET / over HTTP: my app');
  });

  it('openai-wrapped-fetch.ts streams through the official client with no server', async () => {
    const out = await runExample('openai-wrapped-fetch');
    expect(out).toMatch(/Echo: Explain flex processing in one sentence\./);
    expect(out).toMatch(/service_tier: (flex|default)/);
    expect(out).toMatch(/urgent request served on priority: Echo: Quick: 2 \+ 2\?/);
  });

  it('client.ts uses the flexroute client, whole and streamed', async () => {
    const out = await runExample('client');
    expect(out).toMatch(/served on (flex|default)/);
    expect(out).toMatch(/Echo: Write a haiku about cheap GPUs\./);
    expect(out).toMatch(/streamed: Echo: Count to five\./);
  });

  it('custom-router.ts builds a flex router from the core blocks', async () => {
    const out = await runExample('custom-router');
    expect(out).toMatch(/POST \/v1\/responses -> 200 in \d+ ms/);
    expect(out).toMatch(/race answered on (flex|default)/);
    expect(out).toContain('bad start_within: 400 invalid_start_within');
  });

  // The composition examples (docs/build-your-own.md).
  it('request-logger.ts logs routed and refused requests from one onEvent', async () => {
    const out = await runExample('request-logger');
    expect(out).toMatch(/log: 200 \/v1\/responses gpt-5-mini served on default \(race: none\), cost \$0\.\d{6}/);
    expect(out).toContain('log: 400 /v1/chat/completions refused missing_start_within');
    expect(out).toContain('log: 404 /v2/unknown refused not_found');
  });

  it('model-deny-list.ts refuses a denied model with its own code, and serves the rest', async () => {
    const out = await runExample('model-deny-list');
    expect(out).toMatch(/gpt-5\.5-pro: 403 model_denied: Model "gpt-5\.5-pro" is not allowed on this router\. .* Example: \{"model":"gpt-5-mini","messages":/);
    expect(out).toMatch(/gpt-5-mini: 200 served on (flex|default)/);
  });

  it('daily-budget.ts refuses a team once its daily spend reached the budget', async () => {
    const out = await runExample('daily-budget');
    expect(out).toContain('request 1: 200 served on default');
    expect(out).toContain('request 2: 402 daily_budget_exceeded');
  });

  it('response-cache.ts answers a repeated request from the cache without an upstream call', async () => {
    const out = await runExample('response-cache');
    expect(out).toMatch(/request 1: 200 cache miss: Echo: What is the capital of France\?/);
    expect(out).toMatch(/request 2: 200 cache hit: Echo: What is the capital of France\?/);
    expect(out).toContain('upstream calls: 1');
  });

  it('tag-flex-attempts.ts tags the flex attempt and leaves standard untouched', async () => {
    const out = await runExample('tag-flex-attempts');
    expect(out).toContain('race: fallback:status_429');
    expect(out).toContain('flex attempt: x-request-class batch');
    expect(out).toContain('standard attempt: x-request-class (none)');
  });

  it('one-provider.ts composes the built-in steps into an OpenAI-only router', async () => {
    const out = await runExample('one-provider');
    expect(out).toMatch(/gpt-5-mini: 200 served on (flex|default)/);
    expect(out).toContain('gemini-2.5-flash: 403 provider_not_served');
  });
});
