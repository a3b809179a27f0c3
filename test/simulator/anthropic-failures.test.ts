/**
 * Anthropic Messages failures, as Anthropic sends them and as `@anthropic-ai/sdk` reads them:
 * `{type: 'error', error: {type, message}, request_id}` bodies with Anthropic's statuses (400,
 * 401, 404, 429, 529), the `anthropic-version` requirement, and the standard pool's knobs.
 */
import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/index.js';
import { postJson, readAllEvents, SseReader } from './helpers.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(options: SimulatorOptions = {}): Promise<{ sim: Simulator; client: Anthropic; url: string }> {
  sim = await startSimulator(options);
  return {
    sim,
    client: new Anthropic({ apiKey: 'sk-ant-test-0001', baseURL: sim.anthropicBaseUrl, maxRetries: 0 }),
    url: `${sim.url}/v1/messages`,
  };
}

const MODEL = 'claude-haiku-4-5';
const MESSAGE = { model: MODEL, max_tokens: 64, messages: [{ role: 'user' as const, content: 'hello knobs' }] };
const HEADERS = { 'x-api-key': 'sk-ant-test-0001', 'anthropic-version': '2023-06-01' };

interface AnthropicErrorBody {
  type: string;
  error: { type: string; message: string };
  request_id: string;
}

/** An Anthropic error body, checked for its envelope and its request id. */
async function anthropicError(response: Response): Promise<AnthropicErrorBody['error']> {
  const body = (await response.json()) as AnthropicErrorBody;
  expect(body.type).toBe('error');
  expect(body.request_id).toBe(response.headers.get('request-id'));
  expect(body.request_id).toMatch(/^req_/);
  return body.error;
}

async function rejection(promise: Promise<unknown>): Promise<InstanceType<typeof Anthropic.APIError>> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Anthropic.APIError);
  return error as InstanceType<typeof Anthropic.APIError>;
}

describe('request errors', () => {
  it('requires max_tokens, model and messages: 400 invalid_request_error "field: Field required"', async () => {
    const { url } = await start();
    const { max_tokens: _, ...noMax } = MESSAGE;
    for (const [body, field] of [
      [noMax, 'max_tokens'],
      [{ ...MESSAGE, model: undefined }, 'model'],
      [{ ...MESSAGE, messages: undefined }, 'messages'],
    ] as const) {
      const response = await postJson(url, body, { headers: HEADERS });
      expect(response.status).toBe(400);
      expect(await anthropicError(response)).toEqual({ type: 'invalid_request_error', message: `${field}: Field required` });
    }
  });

  it('reads as BadRequestError in the SDK, for a missing max_tokens and an unknown service_tier', async () => {
    const { client } = await start();
    const { max_tokens: _, ...noMax } = MESSAGE;
    const missing = await rejection(client.messages.create(noMax as Anthropic.MessageCreateParamsNonStreaming));
    expect(missing).toBeInstanceOf(Anthropic.BadRequestError);
    expect(missing.type).toBe('invalid_request_error');
    const tier = await rejection(client.messages.create({ ...MESSAGE, service_tier: 'flex' as 'auto' }));
    expect(tier).toBeInstanceOf(Anthropic.BadRequestError);
    expect(tier.message).toContain("service_tier: Input should be 'auto' or 'standard_only'");
  });

  it('answers 400 without an anthropic-version header', async () => {
    const { url } = await start();
    const response = await postJson(url, MESSAGE, { headers: { 'x-api-key': 'k' } });
    expect(response.status).toBe(400);
    expect((await anthropicError(response)).message).toBe('anthropic-version: header is required');
  });

  it('answers 401 authentication_error without a key under requireAuth; x-api-key or Bearer both pass', async () => {
    const { url, client } = await start({ requireAuth: true });
    const response = await fetch(url, { method: 'POST', headers: { 'anthropic-version': '2023-06-01' }, body: JSON.stringify(MESSAGE) });
    expect(response.status).toBe(401);
    expect(await anthropicError(response)).toEqual({ type: 'authentication_error', message: 'x-api-key header is required' });
    expect((await postJson(url, MESSAGE, { headers: HEADERS })).status).toBe(200);
    expect((await client.messages.create(MESSAGE)).type).toBe('message');
  });

  it('answers 404 not_found_error for an unknown model (rejectUnknownModels) and path', async () => {
    const { url, client, sim } = await start({ rejectUnknownModels: true, models: ['claude-opus-4-1'] });
    const error = await rejection(client.messages.create(MESSAGE));
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
    expect(await anthropicError(await postJson(url, MESSAGE, { headers: HEADERS }))).toEqual({ type: 'not_found_error', message: `model: ${MODEL}` });
    const path = await postJson(`${sim.url}/v1/messages/batches/nope`, MESSAGE, { headers: HEADERS });
    expect(path.status).toBe(404);
    expect((await path.json()) as object).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });
});

describe('knobs (Anthropic runs on the standard pool)', () => {
  it('rate503: 529 overloaded_error, read by the SDK as OverloadedError', async () => {
    const { url, client, sim } = await start({ pools: { standard: { rate503: 1 } } });
    const response = await postJson(url, MESSAGE, { headers: HEADERS });
    expect(response.status).toBe(529);
    expect(await anthropicError(response)).toEqual({ type: 'overloaded_error', message: 'Overloaded' });
    expect(sim.requests[0]?.outcome).toBe('status_529');
    const error = await rejection(client.messages.create(MESSAGE));
    expect(error).toBeInstanceOf(Anthropic.OverloadedError);
    expect(error.status).toBe(529);
  });

  it('rate429: 429 rate_limit_error with retry-after, read as RateLimitError', async () => {
    const { url, client } = await start({ pools: { standard: { rate429: 1 } } });
    const response = await postJson(url, MESSAGE, { headers: HEADERS });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    expect((await anthropicError(response)).type).toBe('rate_limit_error');
    expect(await rejection(client.messages.create(MESSAGE))).toBeInstanceOf(Anthropic.RateLimitError);
  });

  it('inbandErrorRate: message_start, then event: error overloaded_error, which the SDK throws', async () => {
    const { url, client, sim } = await start({ pools: { standard: { inbandErrorRate: 1 } } });
    const events = await readAllEvents(await postJson(url, { ...MESSAGE, stream: true }, { headers: HEADERS }));
    expect(events.map((e) => e.event)).toEqual(['message_start', 'error']);
    expect(JSON.parse(events[1]?.data ?? '{}')).toEqual({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    expect(sim.requests[0]).toMatchObject({ status: 200, outcome: 'inband_error' });

    const error = await rejection(client.messages.stream(MESSAGE).finalMessage());
    expect(error.type).toBe('overloaded_error');
    const whole = await rejection(client.messages.create(MESSAGE));
    expect(whole).toBeInstanceOf(Anthropic.InternalServerError);
    expect(whole.type).toBe('api_error');
  });

  it('startDelayMs: message_start goes out at once, the content block after the delay', async () => {
    const { url, sim } = await start({ pools: { standard: { startDelayMs: 150 } } });
    const reader = new SseReader(await postJson(url, { ...MESSAGE, stream: true }, { headers: HEADERS }));
    expect((await reader.next())?.event).toBe('message_start');
    expect(sim.requests[0]?.startedAt).toBeUndefined();
    expect((await reader.next())?.event).toBe('content_block_start');
    expect(sim.requests[0]?.startedAt).toBeDefined();
    await reader.rest();
  });

  it('cutAfterStartRate: the SDK stream fails after some text', async () => {
    const { client, sim } = await start({ script: () => ({ outcome: 'cut_after_start', afterContentEvents: 2 }) });
    const stream = client.messages.stream(MESSAGE);
    const deltas: string[] = [];
    stream.on('text', (delta) => deltas.push(delta));
    await expect(stream.finalMessage()).rejects.toThrow();
    expect(deltas).toHaveLength(2);
    expect(sim.requests[0]?.outcome).toBe('cut_after_start');
  });
});
