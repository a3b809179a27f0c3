import { connect, createServer, type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { runCli, startCli, stopAll, type CliProcess } from './cli-process.js';

const SERVER_KEY = 'sk-test-serverside-4f9c2b7a1d';
const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)\/v1/;

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 5 });
});
afterAll(async () => {
  await stopAll();
  await sim.close();
});
afterEach(async () => {
  await stopAll();
  sim.reset();
  sim.setPools({ standard: {} });
});

/** Starts `flexroute serve` on a free port against the simulator; resolves with its base URL. */
async function serve(extraArgs: string[] = []): Promise<{ cli: CliProcess; url: string }> {
  const cli = startCli(['serve', '--port', '0', ...extraArgs], { FLEXROUTE_OPENAI_BASE_URL: sim.openaiBaseUrl, OPENAI_API_KEY: SERVER_KEY });
  const [, url] = await cli.waitForOutput(LISTENING);
  return { cli, url: url! };
}

function post(url: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Resolves true when a new TCP connection to `url` is refused. */
function refusesConnections(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

describe('flexroute serve (real process against the simulator)', () => {
  it('names the providers that have server keys in its banner, never the key itself', async () => {
    const { cli } = await serve();
    await cli.waitForOutput(/Ctrl\+C/);
    const banner = cli.stdout();
    expect(banner).toMatch(/openai\s+key from OPENAI_API_KEY; upstream http:\/\/127\.0\.0\.1:\d+\/v1/);
    expect(banner).toMatch(/gemini\s+no GEMINI_API_KEY/);
    expect(banner).toMatch(/anthropic\s+no ANTHROPIC_API_KEY/);
    expect(banner).not.toContain(SERVER_KEY);
    expect(banner).not.toContain(SERVER_KEY.slice(3, 15));
  });

  it('routes a request upstream with the server-side key and logs it without the key', async () => {
    const { cli, url } = await serve();
    const res = await post(url, { model: 'gpt-5-mini', input: 'Hello', start_within: 'default' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-flexroute-tier')).toBe('default');
    const body = (await res.json()) as { service_tier: string; output: unknown[] };
    expect(body.service_tier).toBe('default');
    expect(body.output.length).toBeGreaterThan(0);

    const [upstream] = sim.requests;
    expect(upstream?.requestedTier).toBe('default');
    expect(upstream?.headers.authorization).toBe(`Bearer …${SERVER_KEY.slice(-4)}`);
    expect(upstream?.body).not.toHaveProperty('start_within');

    await cli.waitForOutput(/200 openai-responses gpt-5-mini → default/);
    // Refused requests are logged too, with their code.
    const refused = await post(url, { model: 'gpt-5-mini', input: 'Hello' });
    expect(refused.status).toBe(400);
    await cli.waitForOutput(/400 openai-responses POST \/v1\/responses refused missing_start_within after \d+ ms/);
    cli.child.kill('SIGTERM');
    expect((await cli.exited).code).toBe(0);
    expect(cli.stdout() + cli.stderr()).not.toContain(SERVER_KEY);
  });

  it('on SIGTERM refuses new connections, lets an in-flight stream finish, then exits 0', async () => {
    sim.setPools({ standard: { tokensPerSecond: 20, outputTokens: 30 } }); // about 1.5 s of output
    const { cli, url } = await serve();
    const res = await post(url, { model: 'gpt-5-mini', input: 'Tell me a story', stream: true, start_within: 'default' });
    expect(res.status).toBe(200);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('response.output_text.delta')) {
      const { done, value } = await reader.read();
      if (done) throw new Error(`stream ended before any delta: ${text}`);
      text += value;
    }

    cli.child.kill('SIGTERM');
    await cli.waitForOutput(/SIGTERM: no longer accepting; waiting up to 30 s for 1 in-flight request/);
    expect(await refusesConnections(url)).toBe(true);

    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += value;
    }
    expect(text).toContain('event: response.completed');
    expect(sim.requests[0]?.outcome).toBe('completed');
    expect(await cli.exited).toEqual({ code: 0, signal: null });
    expect(cli.stdout()).toContain('Stopped: every request finished.');
  });

  it('closes a stream that outlives --drain-timeout and still exits 0', async () => {
    sim.setPools({ standard: { stallAfterStartRate: 1, outputTokens: 30 } });
    const { cli, url } = await serve(['--drain-timeout', '1']);
    const res = await post(url, { model: 'gpt-5-mini', input: 'Hello', stream: true, start_within: 'default' });
    const reader = res.body!.getReader();
    await reader.read();

    const signalledAt = Date.now();
    cli.child.kill('SIGINT');
    expect(await cli.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(cli.stdout()).toContain('Stopped: connections still open were closed.');
    // The client sees its connection end rather than hang.
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return 'ended';
      })(),
    ).rejects.toThrow();
  });
});

describe('flexroute serve when it cannot listen', () => {
  it('says the port is in use, suggests another, and exits 1', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const result = await runCli(['serve', '--port', String(port)], { OPENAI_API_KEY: SERVER_KEY });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`flexroute serve: Cannot listen on 127.0.0.1:${port}: the port is already in use`);
      expect(result.stderr).toMatch(/flexroute serve --port \d+/);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
