import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlexRoute, outputText, type StreamEvent } from '../../src/client/index.js';
import { startStack, type Stack } from './stack.js';

/** A fetch that keeps the raw text of every response body, to prove answers are not reshaped. */
function recordingFetch() {
  const bodies: string[] = [];
  return {
    bodies,
    fetch: async (url: string, init: RequestInit) => {
      const res = await globalThis.fetch(url, init);
      bodies.push(await res.clone().text());
      return res;
    },
  };
}

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

describe('whole answers come back as the provider JSON, never reshaped', () => {
  it('Responses, direct (start_within "default")', async () => {
    const recorder = recordingFetch();
    await using client = new FlexRoute({ baseURL: stack.baseURL, fetch: recorder.fetch });
    stack.sim.reset();
    const res = await client.responses.create({ model: 'gpt-5-mini', input: 'Name three rivers.', start_within: 'default' });
    expect(res).toEqual(JSON.parse(recorder.bodies[0]!));
    expect(res['object']).toBe('response');
    expect(res['service_tier']).toBe('default');
    const output = res['output'] as Array<{ content: Array<{ text: string }> }>;
    expect(output[0]!.content[0]!.text).toBe(stack.sim.requests[0]!.text);
    expect(outputText(res)).toBe(stack.sim.requests[0]!.text);
    // start_within is the router's business; it never reaches the provider.
    expect(stack.sim.requests[0]!.body).not.toHaveProperty('start_within');
  });

  it('Chat Completions, through a flex race', async () => {
    const recorder = recordingFetch();
    await using client = new FlexRoute({ baseURL: stack.baseURL, fetch: recorder.fetch });
    stack.sim.reset();
    const res = await client.chat.completions.create({
      model: 'gpt-5-mini',
      messages: [{ role: 'user', content: 'Say something.' }],
      start_within: '00h-00m-05s',
    });
    expect(res).toEqual(JSON.parse(recorder.bodies[0]!));
    expect(res['service_tier']).toBe('flex');
    const choices = res['choices'] as Array<{ message: { content: string } }>;
    expect(choices[0]!.message.content).toBe(stack.sim.requests[0]!.text);
    expect(outputText(res)).toBe(stack.sim.requests[0]!.text);
  });
});

describe('streams come back as parsed events', () => {
  it('Responses: named events carry `event` equal to their `type`, deltas rebuild the text', async () => {
    await using client = new FlexRoute({ baseURL: stack.baseURL });
    stack.sim.reset();
    const stream = await client.responses.create({ model: 'gpt-5-mini', input: 'Count to ten.', start_within: '00h-00m-20s', stream: true });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('x-flexroute-tier')).toBe('flex');
    expect(stream.headers.get('x-flexroute-race')).toBe('committed');
    const events = await collect(stream);
    expect(events.length).toBeGreaterThan(3);
    for (const event of events) expect(event.event).toBe(event['type']);
    expect(events[0]!['type']).toBe('response.created');
    expect(events.at(-1)!['type']).toBe('response.completed');
    const text = events
      .filter((e) => e['type'] === 'response.output_text.delta')
      .map((e) => e['delta'])
      .join('');
    expect(text).toBe(stack.sim.requests[0]!.text);
  });

  it('Chat: chunk objects as sent, iteration ends at [DONE]', async () => {
    await using client = new FlexRoute({ baseURL: stack.baseURL });
    stack.sim.reset();
    const stream = await client.chat.completions.create({
      model: 'gpt-5-mini',
      messages: [{ role: 'user', content: 'Count to ten.' }],
      start_within: 'default',
      stream: true,
    });
    const chunks = await collect(stream);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(chunk['object']).toBe('chat.completion.chunk');
      expect(chunk).not.toHaveProperty('event');
    }
    const text = chunks
      .map((c) => (c['choices'] as Array<{ delta: { content?: string } }>)[0]?.delta.content ?? '')
      .join('');
    expect(text).toBe(stack.sim.requests[0]!.text);
  });

  it('a stream can be read once; a second iteration says so', async () => {
    await using client = new FlexRoute({ baseURL: stack.baseURL });
    const stream = await client.responses.create({ model: 'gpt-5-mini', input: 'Hi', start_within: 'default', stream: true });
    await collect(stream);
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/read once/);
  });
});
