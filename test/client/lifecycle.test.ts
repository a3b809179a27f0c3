import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventStream, FlexRoute, FlexRouteConnectionError, type StreamEvent } from '../../src/client/index.js';
import { countingFetch, startStack, type Stack } from './stack.js';

const body = { model: 'gpt-5-mini', input: 'Tell me a long story.', start_within: 'default' } as const;

/** Standard pool paced so a stream lasts far longer than any test: there is time to cut it. */
const slowPools = { standard: { tokensPerSecond: 20, outputTokens: 400 } };

let stack: Stack;
beforeEach(async () => {
  stack = await startStack({ sim: { pools: slowPools } });
});
afterEach(() => stack.close());

async function firstDelta(stream: EventStream): Promise<StreamEvent> {
  for await (const event of stream) {
    if (event['type'] === 'response.output_text.delta') return event;
  }
  return expect.unreachable('the stream ended without content');
}

/** Resolves once no connection that carried a request is open (the client released every one). */
async function requestConnectionsClosed(): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (stack.openRequestConnections() > 0) {
    if (Date.now() > deadline) throw new Error(`the router still has ${stack.openRequestConnections()} connection(s) open`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('close()', () => {
  it('cancels a stream being read: the iterator throws a "closed" error and the connection is released', async () => {
    const client = new FlexRoute({ baseURL: stack.baseURL });
    const stream = await client.responses.create({ ...body, stream: true });
    const iterator = stream[Symbol.asyncIterator]();
    let next = await iterator.next();
    while (!next.done && next.value['type'] !== 'response.output_text.delta') next = await iterator.next();

    await client.close();
    const err = await iterator.next().then(
      () => expect.unreachable('the stream kept going after close()'),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(FlexRouteConnectionError);
    expect((err as FlexRouteConnectionError).reason).toBe('closed');
    expect((err as Error).message).toMatch(/client was closed/);

    const [served] = await stack.sim.waitForFinished(1);
    expect(served!.closedByClient).toBe(true);
    await requestConnectionsClosed();
  });

  it('makes later calls reject at once with a clear error, without sending anything', async () => {
    const spy = countingFetch();
    const client = new FlexRoute({ baseURL: stack.baseURL, fetch: spy.fetch });
    await client.close();
    await client.close(); // twice is fine
    expect(client.closed).toBe(true);
    const err = await client.responses.create(body).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlexRouteConnectionError);
    expect((err as FlexRouteConnectionError).reason).toBe('closed');
    expect((err as Error).message).toMatch(/client is closed.*new FlexRoute/);
    expect(spy.calls).toEqual([]);
  });

  it('cancels a whole request still waiting for its answer', async () => {
    stack.sim.setPools({ standard: { startDelayMs: 60_000 } });
    const client = new FlexRoute({ baseURL: stack.baseURL });
    const pending = client.responses.create(body);
    await stack.sim.waitForRequests(1);
    await client.close();
    await expect(pending).rejects.toMatchObject({ name: 'FlexRouteConnectionError', reason: 'closed' });
    const [served] = await stack.sim.waitForFinished(1);
    expect(served!.closedByClient).toBe(true);
    await requestConnectionsClosed();
  });
});

describe('await using', () => {
  it('leaving the block closes the client and releases a stream left half-read', async () => {
    let escaped: FlexRoute | undefined;
    {
      await using client = new FlexRoute({ baseURL: stack.baseURL });
      escaped = client;
      const stream = await client.responses.create({ ...body, stream: true });
      await firstDelta(stream);
    }
    expect(escaped.closed).toBe(true);
    const [served] = await stack.sim.waitForFinished(1);
    expect(served!.closedByClient).toBe(true);
    await requestConnectionsClosed();
    await expect(escaped.responses.create(body)).rejects.toMatchObject({ reason: 'closed' });
  });

  it('an EventStream is disposable on its own, and the client stays usable', async () => {
    await using client = new FlexRoute({ baseURL: stack.baseURL });
    {
      await using stream = await client.responses.create({ ...body, stream: true });
      await firstDelta(stream);
    }
    const [served] = await stack.sim.waitForFinished(1);
    expect(served!.closedByClient).toBe(true);
    expect(client.closed).toBe(false);
    stack.sim.setPools({ standard: {} });
    const res = await client.responses.create(body);
    expect(res['status']).toBe('completed');
  });
});

describe('cancelling one request', () => {
  it('breaking out of the loop closes the stream upstream', async () => {
    await using client = new FlexRoute({ baseURL: stack.baseURL });
    const stream = await client.responses.create({ ...body, stream: true });
    await firstDelta(stream); // returns from inside for-await: a break
    const [served] = await stack.sim.waitForFinished(1);
    expect(served!.closedByClient).toBe(true);
  });

  it('the caller\'s AbortSignal rejects with its own reason, before and during a stream', async () => {
    await using client = new FlexRoute({ baseURL: stack.baseURL });

    const early = new AbortController();
    early.abort(new Error('user navigated away'));
    await expect(client.responses.create(body, { signal: early.signal })).rejects.toThrow('user navigated away');

    const during = new AbortController();
    const stream = await client.responses.create({ ...body, stream: true }, { signal: during.signal });
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    during.abort();
    const err = await iterator.next().then(
      () => expect.unreachable('the stream kept going after abort()'),
      (e: unknown) => e,
    );
    expect((err as Error).name).toBe('AbortError');
    const served = await stack.sim.waitForFinished(1);
    expect(served[0]!.closedByClient).toBe(true);
  });

  it('timeoutMs cancels a request the router stays silent on, and says what to do', async () => {
    stack.sim.setPools({ standard: { startDelayMs: 60_000 } });
    await using client = new FlexRoute({ baseURL: stack.baseURL, timeoutMs: 60_000 });
    const err = await client.responses.create(body, { timeoutMs: 200 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlexRouteConnectionError);
    expect((err as FlexRouteConnectionError).reason).toBe('timeout');
    expect((err as Error).message).toContain('200 ms');
    expect((err as Error).message).toContain('timeoutMs');
    const [served] = await stack.sim.waitForFinished(1);
    expect(served!.closedByClient).toBe(true);
  });
});
