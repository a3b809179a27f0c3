/**
 * Gemini Interactions through the official `@google/genai` client (`ai.interactions.create`)
 * against the real server: the interaction object, the event stream and its order, function
 * calls, structured output, the output cap, and the recorded `api-revision` header.
 */
import { GoogleGenAI } from '@google/genai';
import { afterEach, describe, expect, it } from 'vitest';
import { expectedText, startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/index.js';
import { payloads, postJson, readAllEvents } from './helpers.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(options: SimulatorOptions = {}): Promise<{ sim: Simulator; ai: GoogleGenAI }> {
  sim = await startSimulator(options);
  return { sim, ai: new GoogleGenAI({ apiKey: 'gemini-key-0001', httpOptions: { baseUrl: sim.geminiBaseUrl } }) };
}

const MODEL = 'gemini-2.5-flash';
const KEY = { 'x-goog-api-key': 'gemini-key-0001', 'api-revision': '2026-05-20' };
const WEATHER = { type: 'function' as const, name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } };

/** The events of a streamed interaction, as the SDK yields them. */
async function collect(stream: AsyncIterable<unknown>): Promise<Array<Record<string, any>>> {
  const events: Array<Record<string, any>> = [];
  for await (const event of stream) events.push(event as Record<string, any>);
  return events;
}

describe('interactions.create, whole', () => {
  it('answers the interaction object with the same text as every other dialect', async () => {
    const { sim, ai } = await start({ seed: 5 });
    const body = { model: MODEL, input: 'Tell me about flex', service_tier: 'flex' };
    const interaction = await ai.interactions.create(body);
    const text = expectedText(body, { seed: 5 });
    expect(text).toBe(expectedText({ model: MODEL, messages: [{ role: 'user', content: 'Tell me about flex' }] }, { seed: 5 }));
    expect(interaction.output_text).toBe(text);
    expect(interaction).toMatchObject({
      object: 'interaction',
      status: 'completed',
      model: MODEL,
      service_tier: 'flex',
      steps: [{ type: 'model_output', content: [{ type: 'text', text }] }],
      usage: { total_output_tokens: 24, total_thought_tokens: 0 },
    });
    expect(interaction.id).toMatch(/^v1_/);
    expect(interaction.usage?.total_tokens).toBe((interaction.usage?.total_input_tokens ?? 0) + 24);
    expect(interaction.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(sim.requests[0]).toMatchObject({
      dialect: 'gemini-interactions',
      path: '/v1beta/interactions',
      model: MODEL,
      requestedTier: 'flex',
      tier: 'flex',
      stream: false,
      text,
    });
  });

  it('reads the prompt from every input shape: content, contents, steps, turns', async () => {
    const { ai } = await start();
    const shapes = [
      { type: 'text', text: 'same words' },
      [{ type: 'text', text: 'same words' }],
      [{ type: 'user_input', content: [{ type: 'text', text: 'older' }] }, { type: 'model_output', content: [{ type: 'text', text: 'ok' }] }, { type: 'user_input', content: [{ type: 'text', text: 'same words' }] }],
      [{ role: 'user', content: 'same words' }],
    ];
    const expected = expectedText({ model: MODEL, input: 'same words' });
    for (const input of shapes) {
      const interaction = await ai.interactions.create({ model: MODEL, input } as Parameters<GoogleGenAI['interactions']['create']>[0]);
      expect((interaction as { output_text?: string }).output_text).toBe(expected);
    }
  });

  it('reports standard when no tier is sent, and ends incomplete at max_output_tokens', async () => {
    const { sim, ai } = await start();
    const interaction = await ai.interactions.create({ model: MODEL, input: 'short one', generation_config: { max_output_tokens: 2 } });
    expect(interaction).toMatchObject({ status: 'incomplete', service_tier: 'standard', usage: { total_output_tokens: 2 } });
    expect(interaction.output_text).toBe(expectedText({ model: MODEL, input: 'short one' }, { outputTokens: 2 }));
    expect(sim.requests[0]).toMatchObject({ tier: 'standard', requestedTier: undefined });
  });

  it('records the api-revision header it was sent', async () => {
    const { sim } = await start();
    const response = await postJson(`${sim.url}/v1beta/interactions`, { model: MODEL, input: 'x' }, { headers: KEY });
    expect(response.status).toBe(200);
    expect(sim.requests[0]?.headers['api-revision']).toBe('2026-05-20');
  });
});

describe('interactions.create, streamed', () => {
  it('streams created, status_update, the model step and completed, in that order', async () => {
    const { ai } = await start({ pools: { flex: { outputTokens: 5 } } });
    const body = { model: MODEL, input: 'Tell me about flex', service_tier: 'flex', stream: true as const };
    const events = await collect(await ai.interactions.create(body));
    expect(events.map((e) => e.event_type)).toEqual([
      'interaction.created',
      'interaction.status_update',
      'step.start',
      ...Array(5).fill('step.delta'),
      'step.stop',
      'interaction.completed',
    ]);
    const text = events.filter((e) => e.event_type === 'step.delta').map((e) => e.delta.text).join('');
    expect(text).toBe(expectedText(body, { outputTokens: 5 }));
    expect(events[0]?.interaction).toMatchObject({ status: 'in_progress', object: 'interaction', model: MODEL });
    expect(events[2]?.step).toEqual({ type: 'model_output' });
    const completed = events.at(-1)?.interaction;
    expect(completed).toMatchObject({ id: events[0]?.interaction.id, status: 'completed', service_tier: 'flex', usage: { total_output_tokens: 5 } });
    expect(completed).not.toHaveProperty('steps');
  });

  it('names each SSE event after its event_type, with no end marker', async () => {
    const { sim } = await start();
    const events = await readAllEvents(await postJson(`${sim.url}/v1beta/interactions`, { model: MODEL, input: 'x', stream: true }, { headers: KEY }));
    expect(events.every((e) => e.event === (JSON.parse(e.data) as { event_type: string }).event_type)).toBe(true);
    expect(events.at(-1)?.event).toBe('interaction.completed');
    expect(payloads(events).filter((e) => e.event_type === 'step.delta').every((e) => e.index === 0)).toBe(true);
  });
});

describe('function calls', () => {
  it('answers a function_call step and requires_action, whole and streamed', async () => {
    const { sim, ai } = await start();
    const request = { model: MODEL, input: 'Please call the weather tool', tools: [WEATHER] };
    const whole = await ai.interactions.create(request);
    expect(whole.status).toBe('requires_action');
    expect(whole.steps).toEqual([{ id: expect.stringMatching(/^[a-z0-9]{8}$/), type: 'function_call', name: 'get_weather', arguments: { city: 'sim' } }]);
    expect(sim.requests[0]?.text).toBe('{"city":"sim"}');

    const events = await collect(await ai.interactions.create({ ...request, stream: true }));
    const stepStart = events.find((e) => e.event_type === 'step.start');
    expect(stepStart?.step).toMatchObject({ type: 'function_call', name: 'get_weather', arguments: {} });
    const args = events.filter((e) => e.event_type === 'step.delta').map((e) => e.delta);
    expect(args.every((d) => d.type === 'arguments_delta')).toBe(true);
    expect(JSON.parse(args.map((d) => d.arguments).join(''))).toEqual({ city: 'sim' });
    expect(events.at(-1)?.interaction.status).toBe('requires_action');
  });

  it('follows generation_config.tool_choice: any forces a call, none forbids one', async () => {
    const { ai } = await start();
    const forced = await ai.interactions.create({ model: MODEL, input: 'weather?', tools: [WEATHER], generation_config: { tool_choice: 'any' } });
    expect(forced.steps?.[0]?.type).toBe('function_call');
    const forbidden = await ai.interactions.create({
      model: MODEL,
      input: 'Please call the weather tool',
      tools: [WEATHER],
      generation_config: { tool_choice: 'none' },
    });
    expect(forbidden.steps?.[0]?.type).toBe('model_output');
  });
});

describe('structured output', () => {
  it('answers JSON with the response_format schema’s required fields', async () => {
    const { ai } = await start();
    const interaction = await ai.interactions.create({
      model: MODEL,
      input: 'Describe a city',
      response_format: {
        type: 'text',
        mime_type: 'application/json',
        schema: { type: 'object', properties: { name: { type: 'string' }, size: { type: 'integer' }, tag: { type: 'string' } }, required: ['name', 'size'] },
      },
    });
    expect(JSON.parse(interaction.output_text ?? '')).toEqual({ name: 'sim', size: 1 });
  });
});
