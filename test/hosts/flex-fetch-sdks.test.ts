import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFlexFetch } from '../../src/hosts/flex-fetch.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';

// The wrapped fetch handed to the Anthropic and Google SDKs: each reaches its own provider
// through the router, in-process, with the tier the router picked.
let sim: Simulator;
let simSpeaks: { anthropic: boolean; gemini: boolean };
beforeAll(async () => {
  sim = await startSimulator({ seed: 12 });
  // The simulator grows dialects over time; the end-to-end answers are checked where it speaks them.
  simSpeaks = { anthropic: await speaks('/v1/messages'), gemini: await speaks('/v1beta/interactions') };
  sim.reset();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

async function speaks(path: string): Promise<boolean> {
  const res = await fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const text = await res.text();
  return !text.includes('Invalid URL');
}

function flexFetch() {
  return createFlexFetch({
    upstreams: { anthropic: sim.url, gemini: sim.url, openai: sim.openaiBaseUrl },
    keys: { anthropic: 'sk-ant-server-0002', gemini: 'gemini-server-0003' },
    env: {},
  });
}

const anthropic = () => new Anthropic({ apiKey: 'sk-ant-caller-9999', baseURL: 'http://flexroute.local', fetch: flexFetch(), maxRetries: 0 });
const google = () => new GoogleGenAI({ apiKey: 'gemini-caller-9999', httpOptions: { baseUrl: 'http://flexroute.local', fetch: flexFetch() } });

const MESSAGE = { model: 'claude-haiku-4-5', max_tokens: 256, messages: [{ role: 'user' as const, content: 'Tell me a story' }] };
const INTERACTION = { model: 'gemini-2.5-flash', input: 'Tell me a story' };

describe('@anthropic-ai/sdk with createFlexFetch', () => {
  it('POST /v1/messages reaches Anthropic with the router-chosen tier, the server key and no start_within', async () => {
    await anthropic()
      .messages.create({ ...MESSAGE, start_within: 'default' } as Anthropic.MessageCreateParamsNonStreaming)
      .catch(() => undefined); // the answer is checked below, where the simulator speaks Messages
    const [req] = await sim.waitForRequests(1);
    expect(req).toMatchObject({ method: 'POST', path: '/v1/messages' });
    expect(req!.headers['x-api-key']).toBe('…0002');
    expect(req!.headers['anthropic-version']).toBe('2023-06-01');
    expect(req!.body).toMatchObject({ model: 'claude-haiku-4-5', service_tier: 'standard_only' });
    expect(req!.body).not.toHaveProperty('start_within');
  });

  it('router errors arrive as the SDK typed errors, with the router code', async () => {
    const err = await anthropic().messages.create(MESSAGE).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect((err as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({ error: { code: 'missing_start_within' } });
    const flex = await anthropic()
      .messages.create({ ...MESSAGE, start_within: '00h-00m-30s' } as Anthropic.MessageCreateParamsNonStreaming)
      .catch((e: unknown) => e);
    expect((flex as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({ error: { code: 'flex_unsupported_for_anthropic' } });
    expect(sim.requests).toHaveLength(0);
  });

  it('answers whole and streamed where the simulator speaks Messages', async (ctx) => {
    if (!simSpeaks.anthropic) ctx.skip();
    const client = anthropic();
    const whole = await client.messages.create({ ...MESSAGE, start_within: 'default' } as Anthropic.MessageCreateParamsNonStreaming);
    const text = whole.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
    expect(text).toBe(sim.requests[0]!.text);
    const stream = client.messages.stream({ ...MESSAGE, start_within: 'priority' } as Anthropic.MessageStreamParams);
    const final = await stream.finalText();
    expect(final).toBe(sim.requests[1]!.text);
  });
});

describe('@google/genai with createFlexFetch (httpOptions.fetch)', () => {
  it('Interactions reach Gemini at /v1beta/interactions with the router-chosen tier', async () => {
    await google()
      .interactions.create({ ...INTERACTION, start_within: 'priority' } as Parameters<GoogleGenAI['interactions']['create']>[0])
      .catch(() => undefined);
    const [req] = await sim.waitForRequests(1);
    expect(req).toMatchObject({ method: 'POST', path: '/v1beta/interactions' });
    expect(req!.headers['x-goog-api-key']).toBe('…0003');
    expect(req!.body).toMatchObject({ model: 'gemini-2.5-flash' });
    expect(JSON.stringify(req!.body)).toMatch(/"service_?[tT]ier":"priority"/);
    expect(req!.body).not.toHaveProperty('start_within');
  });

  it('router errors arrive as the SDK errors, with status and message', async () => {
    const err = (await google()
      .interactions.create({ ...INTERACTION, start_within: 'auto' } as Parameters<GoogleGenAI['interactions']['create']>[0])
      .catch((e: unknown) => e)) as { status?: number; message?: string };
    expect(err.status).toBe(400);
    expect(err.message).toContain('auto');
    expect(sim.requests).toHaveLength(0);
  });

  it('races flex and answers where the simulator speaks Interactions', async (ctx) => {
    if (!simSpeaks.gemini) ctx.skip();
    const interaction = await google().interactions.create({
      ...INTERACTION,
      start_within: '00h-00m-30s',
    } as Parameters<GoogleGenAI['interactions']['create']>[0]);
    expect(JSON.stringify(interaction)).toContain(sim.requests[0]!.text!.split(' ')[0]!);
    expect(sim.requests[0]!.requestedTier).toBe('flex');
  });
});
