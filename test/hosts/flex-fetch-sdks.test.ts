import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFlexFetch } from '../../src/hosts/flex-fetch.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';

// The wrapped fetch handed to the Anthropic and Google SDKs: each reaches its own provider
// through the router, in-process, with the tier the router picked.
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 12 });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

function flexFetch() {
  return createFlexFetch({
    upstreams: { anthropic: sim.url, gemini: sim.url, openai: sim.openaiBaseUrl },
    keys: { anthropic: 'sk-ant-server-0002', gemini: 'gemini-server-0003', openai: 'sk-openai-server-0001' },
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
      .messages.create({ ...MESSAGE, start_within: 'default' } as Anthropic.MessageCreateParamsNonStreaming);
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

  it('answers whole and streamed', async () => {
    const client = anthropic();
    const whole = await client.messages.create({ ...MESSAGE, start_within: 'default' } as Anthropic.MessageCreateParamsNonStreaming);
    const text = whole.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
    expect(text).toBe(sim.requests[0]!.text);
    const stream = client.messages.stream({ ...MESSAGE, start_within: 'priority' } as Anthropic.MessageStreamParams);
    const final = await stream.finalText();
    expect(final).toBe(sim.requests[1]!.text);
  });
});

describe('any SDK, any provider', () => {
  it('the Anthropic SDK asking for an OpenAI model gets the flex race, translated both ways', async () => {
    const message = await anthropic().messages.create({
      ...MESSAGE,
      model: 'gpt-5-mini',
      start_within: '00h-00m-30s',
    } as Anthropic.MessageCreateParamsNonStreaming);
    const [req] = sim.requests;
    expect(req).toMatchObject({ path: '/v1/responses', requestedTier: 'flex' });
    expect(req!.headers.authorization).toBe('Bearer …0001');
    expect(message.content.map((b) => (b.type === 'text' ? b.text : '')).join('')).toBe(req!.text);
  });
});

describe('@google/genai with createFlexFetch (httpOptions.fetch)', () => {
  it('Interactions reach Gemini at /v1beta/interactions with the router-chosen tier', async () => {
    await google()
      .interactions.create({ ...INTERACTION, start_within: 'priority' } as Parameters<GoogleGenAI['interactions']['create']>[0]);
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

  it('races flex and answers with the flex text', async () => {
    const interaction = (await google().interactions.create({
      ...INTERACTION,
      start_within: '00h-00m-30s',
    } as Parameters<GoogleGenAI['interactions']['create']>[0])) as unknown as InteractionBody;
    expect(sim.requests[0]!.requestedTier).toBe('flex');
    expect(interaction.service_tier).toBe('flex');
    const text = interaction.steps.flatMap((step) => step.content ?? []).map((part) => part.text ?? '').join('');
    expect(text).toBe(sim.requests[0]!.text);
  });

  it('streams every delta', async () => {
    const stream = (await google().interactions.create({
      ...INTERACTION,
      start_within: 'default',
      stream: true,
    } as Parameters<GoogleGenAI['interactions']['create']>[0])) as unknown as AsyncIterable<{ event_type: string; delta?: { text?: string } }>;
    let text = '';
    for await (const event of stream) if (event.event_type === 'step.delta') text += event.delta?.text ?? '';
    expect(text).toBe(sim.requests[0]!.text);
    expect(sim.requests[0]!.requestedTier).toBe('standard');
  });
});

/** The parts of an Interaction this test reads. */
interface InteractionBody {
  service_tier?: string;
  steps: { content?: { text?: string }[] }[];
}
