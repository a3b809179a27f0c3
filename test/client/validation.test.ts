import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlexRoute, FlexRouteError, FlexRouteValidationError, type ResponsesCreateBody } from '../../src/client/index.js';
import { createRouter } from '../../src/router/create-router.js';
import { countingFetch, routerAnswer, startStack, type Stack } from './stack.js';

type Endpoint = 'responses' | 'chat' | 'interactions' | 'messages';

const PATH: Record<Endpoint, string> = {
  responses: '/responses',
  chat: '/chat/completions',
  interactions: '/interactions',
  messages: '/messages',
};

/** Sends any value as the body (the point is bodies the types would refuse). */
function create(client: FlexRoute, endpoint: Endpoint, body: unknown): Promise<unknown> {
  const resource: { create(body: never): Promise<unknown> } = endpoint === 'chat' ? client.chat.completions : client[endpoint];
  return resource.create(body as never);
}

/** A whole (non-streaming) Responses body, typed from loose test data. */
const responsesBody = (body: Record<string, unknown>) => body as ResponsesCreateBody & { stream?: false };

const good: Record<Endpoint, Record<string, unknown>> = {
  responses: { model: 'gpt-5-mini', input: 'Hi', start_within: 'default' },
  chat: { model: 'gpt-5-mini', messages: [{ role: 'user', content: 'Hi' }], start_within: 'default' },
  interactions: { model: 'gemini-2.5-flash', input: 'Hi', start_within: 'default' },
  messages: { model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }], start_within: 'default' },
};

function without(body: Record<string, unknown>, field: string): Record<string, unknown> {
  const { [field]: _dropped, ...rest } = body;
  return rest;
}

/** Bodies the router refuses before routing, per endpoint, with the code it refuses them with. */
function badBodies(endpoint: Endpoint): Array<{ name: string; body: unknown; code: string; headers?: Record<string, string> }> {
  const ok = good[endpoint];
  const inputField = endpoint === 'chat' || endpoint === 'messages' ? 'messages' : 'input';
  return [
    { name: 'no start_within', body: without(ok, 'start_within'), code: 'missing_start_within' },
    { name: 'retired "standard"', body: { ...ok, start_within: 'standard' }, code: 'invalid_start_within' },
    { name: 'shorthand "30s"', body: { ...ok, start_within: '30s' }, code: 'invalid_start_within' },
    { name: 'seconds not below 60', body: { ...ok, start_within: '00h-00m-60s' }, code: 'invalid_start_within' },
    { name: 'window over 10 min', body: { ...ok, start_within: '00h-10m-01s' }, code: 'invalid_start_within' },
    { name: 'start_within a number', body: { ...ok, start_within: 30 }, code: 'invalid_start_within' },
    { name: 'start_within null', body: { ...ok, start_within: null }, code: 'invalid_start_within' },
    {
      name: 'body and x-start-within header disagree',
      body: ok,
      headers: { 'x-start-within': '00h-00m-30s' },
      code: 'invalid_start_within',
    },
    { name: 'no model', body: without(ok, 'model'), code: 'missing_model' },
    { name: 'model a number', body: { ...ok, model: 5 }, code: 'invalid_body' },
    { name: 'empty model', body: { ...ok, model: '' }, code: 'invalid_body' },
    { name: `no ${inputField}`, body: without(ok, inputField), code: 'missing_input' },
    { name: `${inputField} null`, body: { ...ok, [inputField]: null }, code: 'missing_input' },
    { name: `${inputField} a number`, body: { ...ok, [inputField]: 42 }, code: 'invalid_body' },
    { name: 'service_tier', body: { ...ok, service_tier: 'flex' }, code: 'service_tier_not_allowed' },
    { name: 'serviceTier', body: { ...ok, serviceTier: 'priority' }, code: 'service_tier_not_allowed' },
    { name: 'stream a string', body: { ...ok, stream: 'yes' }, code: 'invalid_body' },
    { name: 'an array body', body: [ok], code: 'invalid_body' },
    { name: 'a string body', body: 'model=gpt-5-mini', code: 'invalid_body' },
    { name: 'a null body', body: null, code: 'invalid_body' },
  ];
}

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

describe('local validation refuses what the router refuses, with its words, before any network call', () => {
  for (const endpoint of Object.keys(PATH) as Endpoint[]) {
    describe(endpoint, () => {
      for (const c of badBodies(endpoint)) {
        it(c.name, async () => {
          const spy = countingFetch();
          const client = new FlexRoute({ baseURL: stack.baseURL, fetch: spy.fetch, ...(c.headers ? { defaultHeaders: c.headers } : {}) });
          const err = await create(client, endpoint, c.body).then(
            () => expect.unreachable('the client accepted a body the router refuses'),
            (e: unknown) => e,
          );
          expect(spy.calls).toEqual([]);
          expect(err).toBeInstanceOf(FlexRouteValidationError);
          expect(err).toBeInstanceOf(FlexRouteError);

          const before = stack.routerRequests;
          const router = await routerAnswer(stack.baseURL, PATH[endpoint], c.body, c.headers);
          expect(stack.routerRequests).toBe(before + 1); // the comparison request itself, and only it
          const e = err as FlexRouteValidationError;
          expect(router.body.error.code).toBe(c.code);
          expect(e.message).toBe(`Invalid request body: ${router.body.error.message}`);
          expect([e.status, e.type, e.code, e.param]).toEqual([router.status, router.body.error.type, router.body.error.code, router.body.error.param]);
          expect(e.body).toEqual(router.body);
        });
      }
    });
  }

  it('nothing above reached the provider', () => {
    expect(stack.sim.requests).toEqual([]);
  });

  it('fields that vanish in JSON are judged as the router will see them', async () => {
    const spy = countingFetch();
    const client = new FlexRoute({ baseURL: stack.baseURL, fetch: spy.fetch });
    // `service_tier: undefined` is not sent, so it is not an error; `model: undefined` is a missing model.
    const res = await client.responses.create(responsesBody({ ...good.responses, service_tier: undefined }));
    expect(res['object']).toBe('response');
    await expect(create(client, 'responses', { ...good.responses, model: undefined })).rejects.toMatchObject({ code: 'missing_model' });
    expect(spy.calls).toHaveLength(1);
  });

  it('a body JSON cannot carry is refused with a message that says why', async () => {
    const spy = countingFetch();
    const client = new FlexRoute({ baseURL: stack.baseURL, fetch: spy.fetch });
    const err = await create(client, 'responses', { ...good.responses, seed: 10n }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlexRouteValidationError);
    expect((err as FlexRouteValidationError).code).toBe('invalid_json');
    expect((err as Error).message).toMatch(/^Invalid request body: .*BigInt/);
    expect(spy.calls).toEqual([]);
  });

  it('the x-start-within header alone satisfies the requirement, as on the router', async () => {
    const client = new FlexRoute({ baseURL: stack.baseURL });
    const res = await client.responses.create(responsesBody(without(good.responses, 'start_within')), { headers: { 'x-start-within': 'default' } });
    expect(res['service_tier']).toBe('default');
  });
});

describe('property: for any body, the client refuses exactly what the router refuses before routing, with the same message', () => {
  /** Codes the router decides from the body alone, before anything depends on its configuration. */
  const LOCAL_CODES = new Set(['invalid_body', 'missing_model', 'missing_input', 'service_tier_not_allowed', 'missing_start_within', 'invalid_start_within']);

  // In-process router whose upstream answers every request with a 400 at once: bodies that pass
  // validation get some other answer, never one of LOCAL_CODES, and nothing waits on a window.
  const router = createRouter({
    env: {},
    keys: { openai: 'sk-test' },
    fetch: async () =>
      new Response(JSON.stringify({ error: { message: 'stub upstream', type: 'invalid_request_error', param: null, code: 'stub' } }), {
        status: 400,
        headers: { 'content-type': 'application/json' },
      }),
  });

  const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
  const startWithin = fc.oneof(
    fc.constantFrom('default', 'priority', 'auto', 'standard', 'Default', ' default', '00h-00m-05s', '00h-10m-00s', '00h-00m-04s', '30s'),
    fc.tuple(two, two, two).map(([h, m, s]) => `${h}h-${m}m-${s}s`),
    fc.string({ maxLength: 12 }),
    fc.integer(),
    fc.constant(null),
    fc.boolean(),
  );
  const model = fc.oneof(fc.constantFrom('gpt-5-mini', 'gpt-4o', 'gemini-2.5-flash', 'claude-sonnet-4-5', 'llama-3', ''), fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null));
  const conversation = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }),
    fc.integer(),
    fc.constant(null),
  );
  const body = fc.oneof(
    { weight: 9, arbitrary: fc.record(
      {
        model,
        input: conversation,
        messages: conversation,
        start_within: startWithin,
        service_tier: fc.constantFrom('flex', 'default'),
        serviceTier: fc.constant('priority'),
        stream: fc.oneof(fc.boolean(), fc.constant('yes'), fc.constant(null)),
        max_tokens: fc.integer({ min: -1, max: 2048 }),
        temperature: fc.jsonValue({ maxDepth: 1 }),
      },
      { requiredKeys: [] },
    ) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
  );
  const header = fc.option(fc.constantFrom('default', '00h-00m-30s', 'soon'), { nil: undefined });

  it('holds for every endpoint', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<Endpoint>('responses', 'chat', 'interactions', 'messages'), body, header, async (endpoint, b, h) => {
        const headers: Record<string, string> = h === undefined ? {} : { 'x-start-within': h };
        let sent = false;
        const client = new FlexRoute({
          baseURL: 'http://router.invalid/v1',
          defaultHeaders: headers,
          fetch: async () => {
            sent = true;
            return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
          },
        });
        const local = await create(client, endpoint, b).then(
          () => undefined,
          (e: unknown) => e,
        );
        const res = await router(
          new Request(`http://router.test/v1${PATH[endpoint]}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
            body: JSON.stringify(b),
          }),
        );
        const answer = (await res.json()) as { error?: { code?: string; message?: string } };
        const refusedByRouter = res.status === 400 && LOCAL_CODES.has(answer.error?.code ?? '');
        if (refusedByRouter) {
          expect(local).toBeInstanceOf(FlexRouteValidationError);
          expect((local as Error).message).toBe(`Invalid request body: ${answer.error!.message}`);
          expect(sent).toBe(false);
        } else {
          expect(local).toBeUndefined();
          expect(sent).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
