/**
 * Anthropic Messages (`POST /v1/messages`), whole and streamed, shaped like the recorded
 * `anthropic-*.json` / `anthropic-*.chunks.txt`: named events, no `[DONE]`.
 *
 * Stream: `message_start` (bookkeeping, sent at once), then after the start
 * `content_block_start`, `ping`, `content_block_delta` × N (`text_delta`, or `input_json_delta`
 * for a `tool_use` block), `content_block_stop`, `message_delta` (stop reason, output usage),
 * `message_stop`. A stream that fails before start sends `event: error` with
 * `overloaded_error`, as Anthropic does inside a 200.
 *
 * Requests need `anthropic-version` (400 without it) and `max_tokens`. Tier: `service_tier`
 * `auto` or `standard_only`, both served by the standard pool and reported as
 * `usage.service_tier: "standard"`; Anthropic has no flex tier. `thinking` is accepted; no
 * thinking blocks are generated.
 */
import { promptText } from '../prompt.js';
import { alnum } from '../random.js';
import { frameTranscript } from '../replay.js';
import { estimateTokens } from '../text.js';
import { ANTHROPIC_TIERS, routeTier } from '../tiers.js';
import {
  ANTHROPIC_OVERLOADED,
  anthropicErrors,
  checkAnthropicVersion,
  hasAnthropicKey,
  invalidRequest,
  stampRequestId,
} from './anthropic-errors.js';
import type { Call, Dialect, Frame, Generation, JsonReply, StreamRendering, ToolSpec } from './dialect.js';
import { isObject, type Json } from './json.js';

const BOOKKEEPING = new Set(['message_start', 'ping']);

/** Custom tools (`{name, input_schema}`); Anthropic's server tools (`web_search_…`) are not called. */
function readTools(tools: unknown): ToolSpec[] {
  if (!Array.isArray(tools)) return [];
  return tools
    .filter((t): t is Json => isObject(t) && typeof t.name === 'string' && (t.type === undefined || t.type === 'custom'))
    .map((t) => ({ name: t.name as string, parameters: t.input_schema }));
}

function readToolChoice(choice: unknown): Call['toolChoice'] {
  if (!isObject(choice)) return 'auto';
  if (choice.type === 'none') return 'none';
  if (choice.type === 'any') return 'required';
  if (choice.type === 'tool' && typeof choice.name === 'string') return { name: choice.name };
  return 'auto';
}

/** The `field: problem` 400s Anthropic answers for the required fields. */
function checkRequired(body: Json): JsonReply | undefined {
  if (body.model === undefined) return invalidRequest('model: Field required');
  if (typeof body.model !== 'string') return invalidRequest('model: Input should be a valid string');
  if (body.max_tokens === undefined) return invalidRequest('max_tokens: Field required');
  if (typeof body.max_tokens !== 'number' || !Number.isInteger(body.max_tokens)) {
    return invalidRequest('max_tokens: Input should be a valid integer');
  }
  if (body.max_tokens < 1) return invalidRequest('max_tokens: Input should be greater than or equal to 1');
  if (body.messages === undefined) return invalidRequest('messages: Field required');
  if (!Array.isArray(body.messages)) return invalidRequest('messages: Input should be a valid list');
  return undefined;
}

/** `output_config.format` (or the older `output_format`) of type `json_schema` asks for JSON. */
function readResponseSchema(body: Json): unknown {
  const format = isObject(body.output_config) && body.output_config.format !== undefined ? body.output_config.format : body.output_format;
  return isObject(format) && format.type === 'json_schema' ? (format.schema ?? { type: 'object' }) : undefined;
}

function parse(body: unknown): Call | JsonReply {
  if (!isObject(body)) return invalidRequest('Input should be a valid dictionary');
  const missing = checkRequired(body);
  if (missing) return missing;
  const tier = routeTier(ANTHROPIC_TIERS, body.service_tier);
  if (!tier) return invalidRequest("service_tier: Input should be 'auto' or 'standard_only'");
  return {
    model: body.model as string,
    stream: body.stream === true,
    requestedTier: typeof body.service_tier === 'string' ? body.service_tier : undefined,
    pool: tier.pool,
    servedTier: tier.reported,
    prompt: promptText(body),
    inputTokens: estimateTokens(JSON.stringify(body.system ?? '') + JSON.stringify(body.messages)),
    tools: readTools(body.tools),
    toolChoice: readToolChoice(body.tool_choice),
    maxOutputTokens: body.max_tokens as number,
    responseSchema: readResponseSchema(body),
    body,
  };
}

/** Ids of one message, drawn from the generation's seeded PRNG. */
function idsFor(gen: Generation): { message: string; tool: string } {
  return { message: `msg_01${alnum(gen.rng, 22)}`, tool: `toolu_01${alnum(gen.rng, 22)}` };
}

function inputUsage(gen: Generation): Json {
  return { input_tokens: gen.inputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
}

function usageOf(gen: Generation, outputTokens: number): Json {
  return {
    ...inputUsage(gen),
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    output_tokens: outputTokens,
    service_tier: gen.servedTier,
  };
}

function stopReason(gen: Generation): string {
  if (gen.toolCall) return 'tool_use';
  return gen.truncated ? 'max_tokens' : 'end_turn';
}

/** The message object, key order as Anthropic sends it. */
function message(call: Call, id: string, gen: Generation, fields: Json): Json {
  return {
    model: call.model,
    id,
    type: 'message',
    role: 'assistant',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: usageOf(gen, 1),
    ...fields,
  };
}

function renderStream(call: Call, gen: Generation): StreamRendering {
  const ids = idsFor(gen);
  const event = (type: string, payload: Json = {}, tokens = 0): Frame => ({
    event: type,
    data: JSON.stringify({ type, ...payload }),
    tokens,
  });
  const head = [event('message_start', { message: message(call, ids.message, gen, {}) })];
  const content: Frame[] = [];
  if (gen.toolCall) {
    const { name, chunks } = gen.toolCall;
    content.push(event('content_block_start', { index: 0, content_block: { type: 'tool_use', id: ids.tool, name, input: {} } }));
    content.push(event('ping'));
    for (const chunk of chunks) {
      content.push(event('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: chunk } }, 1));
    }
  } else {
    content.push(event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }));
    content.push(event('ping'));
    for (const token of gen.tokens) content.push(event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: token } }, 1));
  }
  content.push(event('content_block_stop', { index: 0 }));
  content.push(
    event('message_delta', {
      delta: { stop_reason: stopReason(gen), stop_sequence: null },
      usage: { ...inputUsage(gen), output_tokens: gen.outputTokens },
    }),
  );
  content.push(event('message_stop'));
  return {
    head,
    content,
    inbandError: [event('error', { error: { ...ANTHROPIC_OVERLOADED } })],
    malformed: { event: 'content_block_delta', data: '{not json', tokens: 0 },
  };
}

function renderWhole(call: Call, gen: Generation): Json {
  const ids = idsFor(gen);
  const block = gen.toolCall
    ? { type: 'tool_use', id: ids.tool, name: gen.toolCall.name, input: JSON.parse(gen.toolCall.arguments) as unknown }
    : { type: 'text', text: gen.text };
  return message(call, ids.message, gen, { content: [block], stop_reason: stopReason(gen), usage: usageOf(gen, gen.outputTokens) });
}

/** Anthropic Messages, whole and streamed. */
export const anthropicMessages: Dialect = {
  id: 'anthropic-messages',
  streamContentType: 'text/event-stream; charset=utf-8',
  match: (pathname) => (pathname === '/v1/messages' ? {} : undefined),
  hasCredentials: (headers) => hasAnthropicKey(headers),
  checkHeaders: checkAnthropicVersion,
  parse,
  replyHeaders: (requestId) => ({ 'request-id': requestId }),
  stampError: stampRequestId,
  renderStream,
  renderWhole,
  replayStream: (transcript) =>
    frameTranscript(transcript, {
      eventName: (json) => String(json.type),
      isBookkeeping: (json) => BOOKKEEPING.has(String(json.type)),
      carriesContent: (json) => json.type === 'content_block_delta',
      trailer: [],
    }),
  errors: anthropicErrors,
};
