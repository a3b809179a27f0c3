import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRouter } from '../../src/router/create-router.js';
import { toNodeListener } from '../../src/hosts/node-listener.js';
import { upstreamDialect } from '../../src/middleware/plan/upstream-dialect.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import type { ProviderId } from '../../src/core/types.js';
import { callerClients, type CallerClient } from '../support/caller-clients.js';

// Every caller format to every provider (12 pairs), through each format's official SDK, with
// the router on loopback and the simulator as all three providers.
let sim: Simulator;
let server: Server;
let clients: CallerClient[];

beforeAll(async () => {
  sim = await startSimulator({ seed: 11 });
  const router = createRouter({
    upstreams: { openai: sim.openaiBaseUrl, gemini: sim.url, anthropic: sim.url },
    keys: { openai: 'sk-openai-server-1111', gemini: 'gemini-server-2222', anthropic: 'sk-ant-server-3333' },
    env: {},
  });
  server = createServer(toNodeListener(router));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  clients = callerClients(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await sim.close();
});
beforeEach(() => {
  sim.reset();
  // The simulated model calls a tool when asked to; once it has the result, it answers.
  sim.setScript((r) => (JSON.stringify(r.body).includes('21 degrees') ? { toolCall: false } : undefined));
});

const TARGETS: { provider: ProviderId; model: string; startWithin: string; tierSent: string; tierField: string }[] = [
  { provider: 'openai', model: 'gpt-5-mini', startWithin: '00h-00m-30s', tierSent: 'flex', tierField: 'service_tier' },
  { provider: 'gemini', model: 'gemini-2.5-flash', startWithin: '00h-00m-30s', tierSent: 'flex', tierField: 'serviceTier' },
  { provider: 'anthropic', model: 'claude-sonnet-4-5', startWithin: 'default', tierSent: 'standard_only', tierField: 'service_tier' },
];

const FORMATS = ['openai-responses', 'openai-chat', 'anthropic-messages', 'gemini-interactions'] as const;
const PAIRS = FORMATS.flatMap((format) => TARGETS.map((target) => ({ format, ...target })));

function client(format: string): CallerClient {
  return clients.find((c) => c.format === format)!;
}

describe.each(PAIRS)('$format → $provider', ({ format, provider, model, startWithin, tierSent }) => {
  const dialect = upstreamDialect(format, provider);

  function expectUpstream(stream: boolean | undefined) {
    const upstream = sim.requests[0]!;
    expect(upstream.dialect).toBe(dialect);
    expect(upstream.requestedTier).toBe(tierSent);
    if (stream !== undefined) expect(upstream.stream).toBe(stream);
    expect(JSON.stringify(upstream.body)).not.toContain('start_within');
    return upstream;
  }

  it.each([false, true])('text (stream: %s): text, usage, stop reason, tier', async (stream) => {
    const answer = await client(format).text({ model, prompt: 'Say hello to the world', stream, startWithin });
    // Races always stream upstream; everything else keeps the caller's mode.
    const upstream = expectUpstream(tierSent === 'flex' ? true : stream);
    expect(answer.text).toBe(upstream.text);
    expect(answer.text.length).toBeGreaterThan(0);
    expect(answer.inputTokens).toBeGreaterThan(0);
    expect(answer.outputTokens).toBeGreaterThan(0);
    expect(answer.stop).toBe('end');
    // Served on flex; an Anthropic caller reads Anthropic's own word (it has no flex tier), the
    // real tier being in x-flexroute-tier.
    if (answer.tier !== undefined && tierSent === 'flex') expect(answer.tier).toBe(format === 'anthropic-messages' ? 'standard' : 'flex');
  });

  it.each([false, true])('tool call (stream: %s): name and arguments', async (stream) => {
    const call = await client(format).toolCall({ model, prompt: 'Please call the weather tool for Paris', stream, startWithin });
    expectUpstream(undefined);
    expect(call.name).toBe('get_weather');
    expect(typeof call.args.city).toBe('string');
    expect(call.id.length).toBeGreaterThan(0);
  });

  it('two-turn tool conversation: the tool result reaches the provider and an answer comes back', async () => {
    const call = await client(format).toolCall({ model, prompt: 'Please call the weather tool for Paris', stream: false, startWithin });
    sim.reset();
    const text = await client(format).toolResult({ model, prompt: 'Please call the weather tool for Paris', call, result: 'It is 21 degrees and sunny', startWithin });
    const upstream = expectUpstream(undefined);
    const sent = JSON.stringify(upstream.body);
    expect(sent).toContain('21 degrees');
    expect(sent).toContain('get_weather');
    expect(text.length).toBeGreaterThan(0);
  });

  it('structured output with a JSON schema', async () => {
    const value = (await client(format).structured({ model, prompt: 'Answer in JSON', startWithin })) as Record<string, unknown>;
    expectUpstream(undefined);
    expect(typeof value.answer).toBe('string');
    expect(typeof value.confidence).toBe('number');
  });
});
