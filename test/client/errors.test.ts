import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  FlexRoute,
  FlexRouteConnectionError,
  FlexRouteError,
  FlexRouteValidationError,
  PaymentRequiredError,
  type StreamEvent,
} from '../../src/client/index.js';
import { routerAnswer, startStack, type Stack } from './stack.js';

const responsesBody = { model: 'gpt-5-mini', input: 'Hi', start_within: 'default' };
const chatBody = { model: 'gpt-5-mini', messages: [{ role: 'user', content: 'Hi' }], start_within: 'default' };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('expected the call to fail'),
    (err: unknown) => err,
  );
}

/** Reads a stream until it throws; returns what was yielded first and the error. */
async function readUntilError(stream: AsyncIterable<StreamEvent>): Promise<{ events: StreamEvent[]; error: unknown }> {
  const events: StreamEvent[] = [];
  try {
    for await (const event of stream) events.push(event);
  } catch (error) {
    return { events, error };
  }
  return expect.unreachable('expected the stream to fail');
}

describe('402 from the billing gate', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ router: { allowFlex: () => false } });
  });
  afterAll(() => stack.close());

  it('is a PaymentRequiredError, also a FlexRouteError, with the router\'s fields and message', async () => {
    await using client = new FlexRoute({ baseURL: stack.baseURL });
    const body = { ...responsesBody, start_within: '00h-00m-30s' };
    const err = await rejection(client.responses.create(body));
    expect(err).toBeInstanceOf(PaymentRequiredError);
    expect(err).toBeInstanceOf(FlexRouteError);
    expect(err).not.toBeInstanceOf(FlexRouteValidationError);
    const e = err as PaymentRequiredError;
    expect([e.status, e.type, e.code, e.param]).toEqual([402, 'billing_error', 'payment_required', null]);
    const router = await routerAnswer(stack.baseURL, '/responses', body);
    expect(e.message).toBe(router.body.error.message);
    expect(e.body).toEqual(router.body);
    expect(e.headers?.get('content-type')).toMatch(/application\/json/);
  });

  it('standard routing keeps working meanwhile', async () => {
    await using client = new FlexRoute({ baseURL: stack.baseURL });
    const res = await client.responses.create(responsesBody);
    expect(res['status']).toBe('completed');
  });
});

describe('errors from the router and the provider', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterEach(() => stack.sim.setScript(undefined));
  afterAll(() => stack.close());

  it('a router error decided by its configuration (unknown model) comes back typed, not as a local validation error', async () => {
    await using client = new FlexRoute({ baseURL: stack.baseURL });
    const err = await rejection(client.responses.create({ ...responsesBody, model: 'llama-3' }));
    expect(err).toBeInstanceOf(FlexRouteError);
    expect(err).not.toBeInstanceOf(FlexRouteValidationError);
    expect(err).toMatchObject({ status: 400, type: 'invalid_request_error', code: 'unknown_model', param: 'model' });
  });

  const providerErrors = [
    {
      shape: 'OpenAI',
      status: 400,
      body: { error: { message: "Unsupported value: 'temperature' does not support 0.1 with this model.", type: 'invalid_request_error', param: 'temperature', code: 'unsupported_value' } },
      expected: { type: 'invalid_request_error', code: 'unsupported_value', param: 'temperature', message: "Unsupported value: 'temperature' does not support 0.1 with this model." },
    },
    {
      shape: 'Anthropic',
      status: 529,
      body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
      expected: { type: 'overloaded_error', code: null, param: null, message: 'Overloaded' },
    },
    {
      shape: 'Google',
      status: 429,
      body: JSON.parse(readFileSync(new URL('../fixtures/recorded/google-429-retry-info.json', import.meta.url), 'utf8')) as unknown,
      expected: { type: null, code: 'RESOURCE_EXHAUSTED', param: null, message: 'You exceeded your current quota, please check your plan.' },
    },
  ];

  for (const p of providerErrors) {
    it(`a provider error passed through (${p.shape} shape) keeps its status, code and body`, async () => {
      stack.sim.setScript(() => ({ respond: { status: p.status, body: p.body, headers: { 'retry-after': '3' } } }));
      await using client = new FlexRoute({ baseURL: stack.baseURL });
      const err = await rejection(client.responses.create(responsesBody));
      expect(err).toBeInstanceOf(FlexRouteError);
      expect(err).not.toBeInstanceOf(PaymentRequiredError);
      const e = err as FlexRouteError;
      expect({ type: e.type, code: e.code, param: e.param, message: e.message }).toEqual(p.expected);
      expect(e.status).toBe(p.status);
      expect(e.body).toEqual(p.body);
      expect(e.headers?.get('retry-after')).toBe('3');
    });
  }

  it('a base URL without /v1 gets the router\'s 404, typed', async () => {
    await using client = new FlexRoute({ baseURL: stack.baseURL.replace(/\/v1$/, '') });
    const err = await rejection(client.responses.create(responsesBody));
    expect(err).toMatchObject({ status: 404, type: 'not_found_error', code: 'not_found' });
    expect((err as Error).message).toContain('/responses');
  });

  it('an in-band provider error in a direct Responses stream throws from the iterator with the provider\'s code', async () => {
    stack.sim.setScript(() => ({ outcome: 'inband_error' }));
    await using client = new FlexRoute({ baseURL: stack.baseURL });
    const stream = await client.responses.create({ ...responsesBody, stream: true });
    const { events, error } = await readUntilError(stream);
    expect(events.map((e) => e['type'])).not.toContain('response.output_text.delta');
    expect(error).toBeInstanceOf(FlexRouteError);
    expect(error).toMatchObject({ status: 200, type: 'service_unavailable_error', code: 'server_is_overloaded' });
    expect((error as FlexRouteError).body).toMatchObject({ type: 'error' });
  });

  it('an in-band error chunk in a Chat stream throws with the provider\'s code', async () => {
    stack.sim.setScript(() => ({ outcome: 'inband_error' }));
    await using client = new FlexRoute({ baseURL: stack.baseURL });
    const stream = await client.chat.completions.create({ ...chatBody, stream: true });
    const { error } = await readUntilError(stream);
    expect(error).toMatchObject({ code: 'server_is_overloaded', message: 'Our servers are currently overloaded. Please try again later.' });
  });

  it('flex failing after it started: Responses ends with response.failed, which throws flex_failed_after_start after the content so far', async () => {
    stack.sim.setScript((r) => (r.tier === 'flex' ? { outcome: 'cut_after_start', afterContentEvents: 3 } : undefined));
    await using client = new FlexRoute({ baseURL: stack.baseURL });
    const stream = await client.responses.create({ ...responsesBody, start_within: '00h-00m-10s', stream: true });
    expect(stream.headers.get('x-flexroute-race')).toBe('committed');
    const { events, error } = await readUntilError(stream);
    expect(events.filter((e) => e['type'] === 'response.output_text.delta').length).toBeGreaterThan(0);
    expect(error).toBeInstanceOf(FlexRouteError);
    expect(error).toMatchObject({ code: 'flex_failed_after_start', status: 200 });
    expect((error as FlexRouteError).body).toMatchObject({ type: 'response.failed' });
  });

  it('flex failing after it started: Chat ends with an error chunk, which throws flex_failed_after_start', async () => {
    stack.sim.setScript((r) => (r.tier === 'flex' ? { outcome: 'cut_after_start', afterContentEvents: 2 } : undefined));
    await using client = new FlexRoute({ baseURL: stack.baseURL });
    const stream = await client.chat.completions.create({ ...chatBody, start_within: '00h-00m-10s', stream: true });
    const { events, error } = await readUntilError(stream);
    expect(events.length).toBeGreaterThan(0);
    expect(error).toMatchObject({ code: 'flex_failed_after_start', type: 'api_error' });
  });

  it('an event that is not JSON throws instead of being skipped', async () => {
    stack.sim.setScript(() => ({ malformed: true, afterContentEvents: 2 }));
    await using client = new FlexRoute({ baseURL: stack.baseURL });
    const stream = await client.chat.completions.create({ ...chatBody, stream: true });
    const { events, error } = await readUntilError(stream);
    expect(events.length).toBeGreaterThan(0);
    expect(error).toMatchObject({ code: 'invalid_stream_event', body: '{not json' });
  });
});

describe('no answer at all', () => {
  it('an unreachable router is a FlexRouteConnectionError that names the URL and how to fix it', async () => {
    // A port that was just free: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    await using client = new FlexRoute({ baseURL: `http://127.0.0.1:${port}/v1` });
    const err = await rejection(client.responses.create(responsesBody));
    expect(err).toBeInstanceOf(FlexRouteConnectionError);
    expect(err).not.toBeInstanceOf(FlexRouteError);
    expect((err as FlexRouteConnectionError).reason).toBe('network');
    expect((err as Error).message).toContain(`http://127.0.0.1:${port}/v1/responses`);
    expect((err as Error).message).toContain('ECONNREFUSED');
  });

  it('the API key never appears in an error', async () => {
    const apiKey = 'sk-proj-secret-0123456789abcdef';
    await using client = new FlexRoute({ baseURL: 'http://127.0.0.1:9/v1', apiKey });
    const err = await rejection(client.responses.create(responsesBody));
    expect(JSON.stringify(err, Object.getOwnPropertyNames(err))).not.toContain(apiKey);
    expect(String((err as Error).stack)).not.toContain(apiKey);
  });
});
