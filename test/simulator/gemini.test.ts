/**
 * Gemini generateContent through the official `@google/genai` client against the real server:
 * whole and streamed text, usage and the served tier, the wire framing, function calls,
 * structured output and the output cap.
 */
import { FunctionCallingConfigMode, GoogleGenAI, ServiceTier, Type, type GenerateContentResponse } from '@google/genai';
import { afterEach, describe, expect, it } from 'vitest';
import { expectedText, startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/index.js';
import { payloads, postJson, readAllEvents } from './helpers.js';

/** `usageMetadata.serviceTier`: sent by Gemini, kept by the SDK, not yet in its types. */
const servedTier = (res: GenerateContentResponse) => (res.usageMetadata as { serviceTier?: string } | undefined)?.serviceTier;

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function gemini(options: SimulatorOptions = {}): Promise<{ sim: Simulator; ai: GoogleGenAI }> {
  sim = await startSimulator(options);
  return { sim, ai: new GoogleGenAI({ apiKey: 'gemini-key-0001', httpOptions: { baseUrl: sim.geminiBaseUrl } }) };
}

const MODEL = 'gemini-2.5-flash';
/** The body `@google/genai` sends for `contents: 'Tell me about flex'`. */
const SENT_BODY = { contents: [{ role: 'user', parts: [{ text: 'Tell me about flex' }] }] };

const WEATHER_TOOL = {
  functionDeclarations: [
    {
      name: 'get_weather',
      parameters: { type: Type.OBJECT, properties: { city: { type: Type.STRING }, days: { type: Type.INTEGER } } },
    },
  ],
};

describe('generateContent, whole', () => {
  it('answers the same text as every other dialect, with usage and the served tier', async () => {
    const { sim, ai } = await gemini({ seed: 7 });
    const res = await ai.models.generateContent({ model: MODEL, contents: 'Tell me about flex', config: { serviceTier: ServiceTier.FLEX } });
    const text = expectedText(SENT_BODY, { seed: 7, model: MODEL });
    expect(res.text).toBe(text);
    expect(text).toBe(expectedText({ model: MODEL, input: 'Tell me about flex' }, { seed: 7 })); // same as Responses
    expect(res.candidates?.[0]?.finishReason).toBe('STOP');
    expect(res.candidates?.[0]?.content?.role).toBe('model');
    expect(res.modelVersion).toBe(MODEL);
    expect(res.usageMetadata).toMatchObject({ candidatesTokenCount: 24, serviceTier: 'flex' });
    expect(res.usageMetadata?.totalTokenCount).toBe((res.usageMetadata?.promptTokenCount ?? 0) + 24);
    expect(res.sdkHttpResponse?.headers?.['x-gemini-service-tier']).toBe('flex');
    expect(sim.requests[0]).toMatchObject({
      dialect: 'gemini-generate',
      path: `/v1beta/models/${MODEL}:generateContent`,
      model: MODEL,
      requestedTier: 'flex',
      tier: 'flex',
      stream: false,
      outcome: 'completed',
      text,
    });
    expect(sim.requests[0]?.headers['x-goog-api-key']).toBe('…0001');
  });

  it('serves a request without a tier on the standard pool and reports standard', async () => {
    const { sim, ai } = await gemini({ pools: { flex: { rate429: 1 } } });
    const res = await ai.models.generateContent({ model: MODEL, contents: 'no tier' });
    expect(servedTier(res)).toBe('standard');
    expect(sim.requests[0]).toMatchObject({ tier: 'standard', requestedTier: undefined });
    const priority = await ai.models.generateContent({ model: MODEL, contents: 'x', config: { serviceTier: ServiceTier.PRIORITY } });
    expect(servedTier(priority)).toBe('priority');
    expect(sim.requests[1]?.tier).toBe('priority');
  });

  it('stops at maxOutputTokens with finishReason MAX_TOKENS', async () => {
    const { ai } = await gemini();
    const res = await ai.models.generateContent({ model: MODEL, contents: 'Tell me about flex', config: { maxOutputTokens: 3 } });
    expect(res.text).toBe(expectedText(SENT_BODY, { model: MODEL, outputTokens: 3 }));
    expect(res.candidates?.[0]?.finishReason).toBe('MAX_TOKENS');
    expect(res.usageMetadata?.candidatesTokenCount).toBe(3);
  });
});

describe('generateContent, streamed', () => {
  it('streams the text in chunks; the last carries finishReason and the final usage', async () => {
    const { sim, ai } = await gemini({ pools: { flex: { outputTokens: 6 } } });
    const stream = await ai.models.generateContentStream({ model: MODEL, contents: 'Tell me about flex', config: { serviceTier: ServiceTier.FLEX } });
    const chunks: GenerateContentResponse[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((c) => c.text).join('')).toBe(expectedText(SENT_BODY, { model: MODEL, outputTokens: 6 }));
    expect(chunks).toHaveLength(6);
    expect(chunks.slice(0, -1).every((c) => c.candidates?.[0]?.finishReason === undefined)).toBe(true);
    const last = chunks.at(-1);
    expect(last?.candidates?.[0]?.finishReason).toBe('STOP');
    expect(last?.usageMetadata).toMatchObject({ candidatesTokenCount: 6, serviceTier: 'flex' });
    expect(sim.requests[0]).toMatchObject({
      path: `/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`,
      stream: true,
      tier: 'flex',
    });
  });

  it('frames chunks as bare data: lines, one response id, no [DONE]', async () => {
    const { sim } = await gemini({ pools: { standard: { outputTokens: 4 } } });
    const response = await postJson(`${sim.url}/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`, SENT_BODY, {
      headers: { 'x-goog-api-key': 'k' },
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = await readAllEvents(response);
    expect(events.every((e) => e.event === undefined)).toBe(true);
    expect(events.some((e) => e.data === '[DONE]')).toBe(false);
    const chunks = payloads(events);
    expect(new Set(chunks.map((c) => c.responseId)).size).toBe(1);
    expect(chunks.map((c) => c.usageMetadata.candidatesTokenCount)).toEqual([1, 2, 3, 4]);
  });
});

describe('function calling', () => {
  it('calls a declared function when the prompt says "call", whole and streamed', async () => {
    const { sim, ai } = await gemini();
    const request = { model: MODEL, contents: 'Please call the weather tool', config: { tools: [WEATHER_TOOL] } };
    const whole = await ai.models.generateContent(request);
    expect(whole.functionCalls).toEqual([{ name: 'get_weather', args: { city: 'sim', days: 1 } }]);
    expect(whole.candidates?.[0]?.finishReason).toBe('STOP');
    expect(sim.requests[0]?.text).toBe('{"city":"sim","days":1}');

    const chunks: GenerateContentResponse[] = [];
    for await (const chunk of await ai.models.generateContentStream(request)) chunks.push(chunk);
    expect(chunks[0]?.functionCalls).toEqual([{ name: 'get_weather', args: { city: 'sim', days: 1 } }]);
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
  });

  it('follows toolConfig: ANY forces a call, NONE forbids one', async () => {
    const { ai } = await gemini();
    const forced = await ai.models.generateContent({
      model: MODEL,
      contents: 'What is the weather?',
      config: { tools: [WEATHER_TOOL], toolConfig: { functionCallingConfig: { mode: FunctionCallingConfigMode.ANY } } },
    });
    expect(forced.functionCalls?.[0]?.name).toBe('get_weather');
    const forbidden = await ai.models.generateContent({
      model: MODEL,
      contents: 'Please call the weather tool',
      config: { tools: [WEATHER_TOOL], toolConfig: { functionCallingConfig: { mode: FunctionCallingConfigMode.NONE } } },
    });
    expect(forbidden.functionCalls).toBeUndefined();
    expect(forbidden.text).toMatch(/^Echo: Please call/);
  });
});

describe('structured output', () => {
  it('answers JSON that carries the schema’s required fields', async () => {
    const { ai } = await gemini();
    const res = await ai.models.generateContent({
      model: MODEL,
      contents: 'Describe a city',
      config: {
        responseMimeType: 'application/json',
        responseSchema: {
          type: Type.OBJECT,
          properties: { name: { type: Type.STRING }, population: { type: Type.NUMBER }, nickname: { type: Type.STRING } },
          required: ['name', 'population'],
        },
      },
    });
    expect(JSON.parse(res.text ?? '')).toEqual({ name: 'sim', population: 1 });
  });

  it('reads responseJsonSchema too, and JSON mode without a schema gives an object', async () => {
    const { ai } = await gemini();
    const withSchema = await ai.models.generateContent({
      model: MODEL,
      contents: 'x',
      config: {
        responseMimeType: 'application/json',
        responseJsonSchema: { type: 'object', properties: { tags: { type: 'array', items: { type: 'string' }, minItems: 1 } }, required: ['tags'] },
      },
    });
    expect(JSON.parse(withSchema.text ?? '')).toEqual({ tags: ['sim'] });
    const bare = await ai.models.generateContent({ model: MODEL, contents: 'x', config: { responseMimeType: 'application/json' } });
    expect(JSON.parse(bare.text ?? '')).toEqual({});
  });
});
