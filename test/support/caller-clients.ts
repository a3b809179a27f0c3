/**
 * One adapter per caller format over its official SDK, so the conformance matrix can ask every
 * format the same questions: plain text, a tool call, a tool round trip, structured output.
 */
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import type { CallerFormat } from '../../src/core/types.js';

export interface TextAnswer {
  text: string;
  inputTokens: number;
  outputTokens: number;
  /** The caller format's own stop word, normalised: 'end' | 'tool' | 'length' | other. */
  stop: string;
  /** The served tier as the caller format reports it, if it does. */
  tier?: string;
}

export interface ToolAnswer {
  id: string;
  name: string;
  args: Record<string, unknown>;
}

export interface CallerClient {
  format: CallerFormat;
  text(opts: { model: string; prompt: string; stream: boolean; startWithin: string }): Promise<TextAnswer>;
  toolCall(opts: { model: string; prompt: string; stream: boolean; startWithin: string }): Promise<ToolAnswer>;
  /** Sends back a tool result for `call` and returns the final text. */
  toolResult(opts: { model: string; prompt: string; call: ToolAnswer; result: string; startWithin: string }): Promise<string>;
  structured(opts: { model: string; prompt: string; startWithin: string }): Promise<unknown>;
}

export const WEATHER_SCHEMA = {
  type: 'object',
  properties: { city: { type: 'string', description: 'City name' } },
  required: ['city'],
  additionalProperties: false,
} as const;

export const ANSWER_SCHEMA = {
  type: 'object',
  properties: { answer: { type: 'string' }, confidence: { type: 'number' } },
  required: ['answer', 'confidence'],
  additionalProperties: false,
} as const;

const CAP = 300;

function openaiClients(routerOrigin: string) {
  return new OpenAI({ apiKey: 'sk-caller-0000', baseURL: `${routerOrigin}/v1`, maxRetries: 0 });
}

export function responsesClient(routerOrigin: string): CallerClient {
  const client = openaiClients(routerOrigin);
  const base = (model: string, startWithin: string) => ({ model, start_within: startWithin, max_output_tokens: CAP });
  const tools = [{ type: 'function', name: 'get_weather', description: 'Weather for a city', parameters: WEATHER_SCHEMA, strict: true }];
  async function run(body: Record<string, unknown>, stream: boolean): Promise<any> {
    if (!stream) return client.responses.create(body as any);
    let completed: any;
    for await (const event of (await client.responses.create({ ...body, stream: true } as any)) as any) {
      if (event.type === 'response.completed') completed = event.response;
    }
    return completed;
  }
  return {
    format: 'openai-responses',
    async text({ model, prompt, stream, startWithin }) {
      const res = await run({ ...base(model, startWithin), input: prompt }, stream);
      const text = res.output.flatMap((o: any) => (o.type === 'message' ? o.content : [])).map((c: any) => c.text ?? '').join('');
      return { text, inputTokens: res.usage.input_tokens, outputTokens: res.usage.output_tokens, stop: res.status === 'completed' ? 'end' : res.status, tier: res.service_tier };
    },
    async toolCall({ model, prompt, stream, startWithin }) {
      const res = await run({ ...base(model, startWithin), input: prompt, tools }, stream);
      const call = res.output.find((o: any) => o.type === 'function_call');
      return { id: call.call_id, name: call.name, args: JSON.parse(call.arguments) };
    },
    async toolResult({ model, prompt, call, result, startWithin }) {
      const res: any = await client.responses.create({
        ...base(model, startWithin),
        tools,
        input: [
          { role: 'user', content: prompt },
          { type: 'function_call', call_id: call.id, name: call.name, arguments: JSON.stringify(call.args) },
          { type: 'function_call_output', call_id: call.id, output: result },
        ],
      } as any);
      return res.output_text;
    },
    async structured({ model, prompt, startWithin }) {
      const res: any = await client.responses.create({
        ...base(model, startWithin),
        input: prompt,
        text: { format: { type: 'json_schema', name: 'answer', schema: ANSWER_SCHEMA, strict: true } },
      } as any);
      return JSON.parse(res.output_text);
    },
  };
}

export function chatClient(routerOrigin: string): CallerClient {
  const client = openaiClients(routerOrigin);
  const base = (model: string, startWithin: string) => ({ model, start_within: startWithin, max_completion_tokens: CAP });
  const tools = [{ type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: WEATHER_SCHEMA } }];
  async function run(body: Record<string, unknown>, stream: boolean): Promise<any> {
    if (!stream) return client.chat.completions.create(body as any);
    const s = client.chat.completions.stream({ ...body, stream_options: { include_usage: true } } as any);
    return s.finalChatCompletion();
  }
  const stopWord = (r: string) => ({ stop: 'end', tool_calls: 'tool', length: 'length' })[r] ?? r;
  return {
    format: 'openai-chat',
    async text({ model, prompt, stream, startWithin }) {
      const res = await run({ ...base(model, startWithin), messages: [{ role: 'user', content: prompt }] }, stream);
      return {
        text: res.choices[0].message.content,
        inputTokens: res.usage.prompt_tokens,
        outputTokens: res.usage.completion_tokens,
        stop: stopWord(res.choices[0].finish_reason),
        tier: res.service_tier ?? undefined,
      };
    },
    async toolCall({ model, prompt, stream, startWithin }) {
      const res = await run({ ...base(model, startWithin), messages: [{ role: 'user', content: prompt }], tools }, stream);
      const call = res.choices[0].message.tool_calls[0];
      return { id: call.id, name: call.function.name, args: JSON.parse(call.function.arguments) };
    },
    async toolResult({ model, prompt, call, result, startWithin }) {
      const res: any = await client.chat.completions.create({
        ...base(model, startWithin),
        tools,
        messages: [
          { role: 'user', content: prompt },
          { role: 'assistant', content: null, tool_calls: [{ id: call.id, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.args) } }] },
          { role: 'tool', tool_call_id: call.id, content: result },
        ],
      } as any);
      return res.choices[0].message.content;
    },
    async structured({ model, prompt, startWithin }) {
      const res: any = await client.chat.completions.create({
        ...base(model, startWithin),
        messages: [{ role: 'user', content: prompt }],
        response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: ANSWER_SCHEMA, strict: true } },
      } as any);
      return JSON.parse(res.choices[0].message.content);
    },
  };
}

export function messagesClient(routerOrigin: string): CallerClient {
  const client = new Anthropic({ apiKey: 'sk-ant-caller-0000', baseURL: routerOrigin, maxRetries: 0 });
  const base = (model: string, startWithin: string) => ({ model, start_within: startWithin, max_tokens: CAP });
  const tools = [{ name: 'get_weather', description: 'Weather for a city', input_schema: WEATHER_SCHEMA }];
  async function run(body: Record<string, unknown>, stream: boolean): Promise<any> {
    if (!stream) return client.messages.create(body as any);
    return client.messages.stream(body as any).finalMessage();
  }
  const stopWord = (r: string) => ({ end_turn: 'end', tool_use: 'tool', max_tokens: 'length' })[r] ?? r;
  return {
    format: 'anthropic-messages',
    async text({ model, prompt, stream, startWithin }) {
      const res = await run({ ...base(model, startWithin), messages: [{ role: 'user', content: prompt }] }, stream);
      const text = res.content.filter((c: any) => c.type === 'text').map((c: any) => c.text).join('');
      return { text, inputTokens: res.usage.input_tokens, outputTokens: res.usage.output_tokens, stop: stopWord(res.stop_reason), tier: res.usage.service_tier ?? undefined };
    },
    async toolCall({ model, prompt, stream, startWithin }) {
      const res = await run({ ...base(model, startWithin), messages: [{ role: 'user', content: prompt }], tools }, stream);
      const call = res.content.find((c: any) => c.type === 'tool_use');
      return { id: call.id, name: call.name, args: call.input };
    },
    async toolResult({ model, prompt, call, result, startWithin }) {
      const res: any = await client.messages.create({
        ...base(model, startWithin),
        tools,
        messages: [
          { role: 'user', content: prompt },
          { role: 'assistant', content: [{ type: 'tool_use', id: call.id, name: call.name, input: call.args }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: result }] },
        ],
      } as any);
      return res.content.filter((c: any) => c.type === 'text').map((c: any) => c.text).join('');
    },
    async structured({ model, prompt, startWithin }) {
      const res: any = await client.messages.create({
        ...base(model, startWithin),
        messages: [{ role: 'user', content: prompt }],
        output_config: { format: { type: 'json_schema', schema: ANSWER_SCHEMA } },
      } as any);
      return JSON.parse(res.content.filter((c: any) => c.type === 'text').map((c: any) => c.text).join(''));
    },
  };
}

export function interactionsClient(routerOrigin: string): CallerClient {
  // start_within rides in the x-start-within header: the genai client builds its own bodies.
  const ai = (startWithin: string) =>
    new GoogleGenAI({ apiKey: 'caller-goog-0000', httpOptions: { baseUrl: routerOrigin, headers: { 'x-start-within': startWithin } } });
  const config = { max_output_tokens: CAP };
  const tools = [{ type: 'function', name: 'get_weather', description: 'Weather for a city', parameters: WEATHER_SCHEMA }];
  async function run(startWithin: string, body: Record<string, unknown>, stream: boolean): Promise<any> {
    const client = ai(startWithin);
    if (!stream) return client.interactions.create(body as any);
    let completed: any;
    const steps: any[] = [];
    for await (const event of (await client.interactions.create({ ...body, stream: true } as any)) as any) {
      if (event.event_type === 'interaction.completed') completed = event.interaction;
      if (event.event_type === 'step.start') steps[event.index] = { ...event.step };
      if (event.event_type === 'step.delta') {
        const step = steps[event.index];
        const d = event.delta;
        if (d.type === 'text') step.text = (step.text ?? '') + d.text;
        if (d.type === 'arguments' || d.arguments !== undefined) step.argsText = (step.argsText ?? '') + (d.arguments ?? d.partial_arguments ?? '');
      }
    }
    return { ...completed, streamedSteps: steps };
  }
  const textOf = (res: any) =>
    (res.steps ?? [])
      .filter((s: any) => s.type === 'model_output')
      .flatMap((s: any) => s.content ?? [])
      .map((c: any) => c.text ?? '')
      .join('') || (res.streamedSteps ?? []).filter((s: any) => s?.type === 'model_output').map((s: any) => s.text ?? '').join('');
  return {
    format: 'gemini-interactions',
    async text({ model, prompt, stream, startWithin }) {
      const res = await run(startWithin, { model, input: prompt, generation_config: config }, stream);
      return {
        text: textOf(res),
        inputTokens: res.usage.total_input_tokens,
        outputTokens: res.usage.total_output_tokens,
        stop: res.status === 'completed' ? 'end' : res.status === 'requires_action' ? 'tool' : res.status,
        tier: res.service_tier,
      };
    },
    async toolCall({ model, prompt, stream, startWithin }) {
      const res = await run(startWithin, { model, input: prompt, generation_config: config, tools }, stream);
      const streamed = (res.streamedSteps ?? []).find((s: any) => s?.type === 'function_call');
      const call = streamed ?? (res.steps ?? []).find((s: any) => s.type === 'function_call');
      return { id: call.id, name: call.name, args: call.argsText ? JSON.parse(call.argsText) : call.arguments };
    },
    async toolResult({ model, prompt, call, result, startWithin }) {
      const res: any = await ai(startWithin).interactions.create({
        model,
        generation_config: config,
        tools,
        input: [
          { type: 'user_input', content: [{ type: 'text', text: prompt }] },
          { type: 'function_call', id: call.id, name: call.name, arguments: call.args },
          { type: 'function_result', call_id: call.id, name: call.name, result },
        ],
      } as any);
      return textOf(res);
    },
    async structured({ model, prompt, startWithin }) {
      const res: any = await ai(startWithin).interactions.create({
        model,
        input: prompt,
        generation_config: config,
        response_format: { type: 'text', mime_type: 'application/json', schema: ANSWER_SCHEMA },
      } as any);
      return JSON.parse(textOf(res));
    },
  };
}

export function callerClients(routerOrigin: string): CallerClient[] {
  return [responsesClient(routerOrigin), chatClient(routerOrigin), messagesClient(routerOrigin), interactionsClient(routerOrigin)];
}
