/**
 * Sends one workload item through the official `openai` client, the way an app would, and
 * records what the caller saw: the tier and race headers, time to the first token, and usage.
 * `start_within` travels as an extra body field, which the client sends as is.
 */
import { performance } from 'node:perf_hooks';
import OpenAI from 'openai';
import type { Usage } from '../../core/catalog/index.js';
import type { WorkItem } from './workload.js';

/** What one request looked like from the caller's side. */
export interface Observation {
  item: WorkItem;
  /** True when the caller got a complete answer. */
  ok: boolean;
  /** HTTP status (0 when the connection failed). */
  status: number;
  /** `x-flexroute-tier`, or `''` when absent. */
  tier: string;
  /** `x-flexroute-race`, or `''` when absent. */
  race: string;
  flexWaitMs: number;
  /** Streams: first text delta. Whole responses: the whole answer (the first token the user sees). */
  firstTokenMs: number;
  totalMs: number;
  usage?: Usage;
  error?: string;
}

type WithStartWithin<T> = T & { start_within: string };

/** Sends `item` and never throws: failures become an observation with `ok: false`. */
export async function sendItem(client: OpenAI, item: WorkItem): Promise<Observation> {
  const started = performance.now();
  const since = () => performance.now() - started;
  try {
    const seen = item.api === 'responses' ? await sendResponses(client, item, since) : await sendChat(client, item, since);
    return { item, ok: true, ...readHeaders(seen.response), firstTokenMs: seen.firstTokenMs, totalMs: since(), ...(seen.usage ? { usage: seen.usage } : {}) };
  } catch (err) {
    const apiError = err instanceof OpenAI.APIError ? err : undefined;
    return {
      item,
      ok: false,
      ...(apiError?.headers ? readHeaders({ headers: apiError.headers, status: apiError.status ?? 0 }) : { status: 0, tier: '', race: '', flexWaitMs: 0 }),
      firstTokenMs: Number.NaN,
      totalMs: since(),
      error: err instanceof Error ? err.message : String(err),
    };
  }
}

interface Seen {
  response: { headers: Headers; status: number };
  firstTokenMs: number;
  usage?: Usage;
}

async function sendResponses(client: OpenAI, item: WorkItem, since: () => number): Promise<Seen> {
  if (!item.stream) {
    const body: WithStartWithin<OpenAI.Responses.ResponseCreateParamsNonStreaming> = { model: item.model, input: item.prompt, start_within: item.startWithin };
    const { data, response } = await client.responses.create(body).withResponse();
    return { response, firstTokenMs: since(), ...usageOf(data.usage && responsesUsage(data.usage)) };
  }
  const body: WithStartWithin<OpenAI.Responses.ResponseCreateParamsStreaming> = { model: item.model, input: item.prompt, stream: true, start_within: item.startWithin };
  const { data: stream, response } = await client.responses.create(body).withResponse();
  let firstTokenMs = Number.NaN;
  let usage: Usage | undefined;
  for await (const event of stream) {
    if (event.type === 'response.output_text.delta' && Number.isNaN(firstTokenMs)) firstTokenMs = since();
    if (event.type === 'response.completed' && event.response.usage) usage = responsesUsage(event.response.usage);
    if (event.type === 'response.failed') throw new Error(event.response.error?.message ?? 'The response failed after it started.');
  }
  return { response, firstTokenMs, ...usageOf(usage) };
}

async function sendChat(client: OpenAI, item: WorkItem, since: () => number): Promise<Seen> {
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: item.prompt }];
  if (!item.stream) {
    const body: WithStartWithin<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming> = { model: item.model, messages, start_within: item.startWithin };
    const { data, response } = await client.chat.completions.create(body).withResponse();
    return { response, firstTokenMs: since(), ...usageOf(data.usage && chatUsage(data.usage)) };
  }
  const body: WithStartWithin<OpenAI.Chat.ChatCompletionCreateParamsStreaming> = {
    model: item.model,
    messages,
    stream: true,
    stream_options: { include_usage: true },
    start_within: item.startWithin,
  };
  const { data: stream, response } = await client.chat.completions.create(body).withResponse();
  let firstTokenMs = Number.NaN;
  let usage: Usage | undefined;
  for await (const chunk of stream) {
    if (chunk.choices[0]?.delta.content && Number.isNaN(firstTokenMs)) firstTokenMs = since();
    if (chunk.usage) usage = chatUsage(chunk.usage);
  }
  return { response, firstTokenMs, ...usageOf(usage) };
}

function usageOf(usage: Usage | undefined): { usage?: Usage } {
  return usage ? { usage } : {};
}

function responsesUsage(usage: OpenAI.Responses.ResponseUsage): Usage {
  return {
    inputTokens: usage.input_tokens,
    cachedInputTokens: usage.input_tokens_details?.cached_tokens ?? 0,
    outputTokens: usage.output_tokens,
    reasoningTokens: usage.output_tokens_details?.reasoning_tokens ?? 0,
  };
}

function chatUsage(usage: OpenAI.CompletionUsage): Usage {
  return {
    inputTokens: usage.prompt_tokens,
    cachedInputTokens: usage.prompt_tokens_details?.cached_tokens ?? 0,
    outputTokens: usage.completion_tokens,
    reasoningTokens: usage.completion_tokens_details?.reasoning_tokens ?? 0,
  };
}

function readHeaders(response: { headers: Headers; status: number }): Pick<Observation, 'status' | 'tier' | 'race' | 'flexWaitMs'> {
  return {
    status: response.status,
    tier: response.headers.get('x-flexroute-tier') ?? '',
    race: response.headers.get('x-flexroute-race') ?? '',
    flexWaitMs: Number(response.headers.get('x-flexroute-flex-wait-ms') ?? 0),
  };
}
