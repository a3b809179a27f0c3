/**
 * OpenAI Responses (`POST /v1/responses`), streaming and not, shaped like the recorded
 * transcripts: named SSE events with `sequence_number`, no `[DONE]`.
 *
 * Stream: `response.created`, `response.in_progress` (bookkeeping, sent at once), then after
 * the start `response.output_item.added`, `response.content_part.added`,
 * `response.output_text.delta` × N, `…output_text.done`, `…content_part.done`,
 * `…output_item.done`, `response.completed` (or `response.incomplete` when
 * `max_output_tokens` cut it). A tool call streams a `function_call` item with
 * `response.function_call_arguments.delta` events instead.
 *
 * `service_tier`: the bookkeeping and `response.failed` events echo the requested tier (`auto`
 * when none was sent), the final response reports the served one (`default`, `flex`,
 * `priority`) — as the recorded transcripts show OpenAI doing.
 */
import { promptText } from '../prompt.js';
import { frameTranscript } from '../replay.js';
import { alnum, hex } from '../random.js';
import { estimateTokens } from '../text.js';
import type { Call, Dialect, JsonReply, Frame, Generation, StreamRendering, ToolSpec } from './dialect.js';
import { isJsonReply } from './dialect.js';
import { isObject, obfuscation, positiveInt, readCommon, wantsObfuscation, type Json } from './openai-common.js';
import { hasBearer, openaiReplyHeaders, OVERLOADED, openaiErrors } from './openai-errors.js';

const BOOKKEEPING = new Set(['response.created', 'response.in_progress', 'response.queued']);

function readTools(tools: unknown): ToolSpec[] {
  if (!Array.isArray(tools)) return [];
  return tools
    .filter((t): t is Json => isObject(t) && t.type === 'function' && typeof t.name === 'string')
    .map((t) => ({ name: t.name as string, parameters: t.parameters }));
}

function readToolChoice(choice: unknown): Call['toolChoice'] {
  if (choice === 'none' || choice === 'required') return choice;
  if (isObject(choice) && choice.type === 'function' && typeof choice.name === 'string') return { name: choice.name };
  return 'auto';
}

/** `text.format`: a `json_schema` (its schema) or `json_object` (any object) asks for JSON. */
function readResponseSchema(text: unknown): unknown {
  const format = isObject(text) ? text.format : undefined;
  if (!isObject(format)) return undefined;
  if (format.type === 'json_schema') return format.schema ?? { type: 'object' };
  return format.type === 'json_object' ? { type: 'object' } : undefined;
}

function parse(body: unknown): Call | JsonReply {
  const common = readCommon(body);
  if (isJsonReply(common)) return common;
  const b = body as Json;
  const instructions = typeof b.instructions === 'string' ? b.instructions : '';
  return {
    ...common,
    prompt: promptText(b),
    inputTokens: estimateTokens(instructions + JSON.stringify(b.input ?? '')),
    tools: readTools(b.tools),
    toolChoice: readToolChoice(b.tool_choice),
    maxOutputTokens: positiveInt(b.max_output_tokens),
    responseSchema: readResponseSchema(b.text),
    body: b,
  };
}

/** Ids of one response, drawn from the generation's seeded PRNG. */
interface Ids {
  response: string;
  item: string;
  callId: string;
}

function idsFor(gen: Generation): Ids {
  const rng = gen.rng;
  return gen.toolCall
    ? { response: `resp_${hex(rng, 50)}`, item: `fc_${hex(rng, 50)}`, callId: `call_${alnum(rng, 24)}` }
    : { response: `resp_${hex(rng, 50)}`, item: `msg_${hex(rng, 50)}`, callId: '' };
}

function usageOf(gen: Generation): Json {
  return {
    input_tokens: gen.inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: gen.outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: gen.inputTokens + gen.outputTokens,
  };
}

/** The full response object, with every field OpenAI sends, echoing the request's settings. */
function responseObject(call: Call, ids: Ids, gen: Generation, fields: Json): Json {
  const b = call.body;
  const reasoning = isObject(b.reasoning) ? b.reasoning : {};
  return {
    id: ids.response,
    object: 'response',
    created_at: gen.createdAt,
    status: 'in_progress',
    background: false,
    error: null,
    incomplete_details: null,
    instructions: b.instructions ?? null,
    max_output_tokens: b.max_output_tokens ?? null,
    max_tool_calls: b.max_tool_calls ?? null,
    model: call.model,
    output: [],
    parallel_tool_calls: b.parallel_tool_calls ?? true,
    previous_response_id: b.previous_response_id ?? null,
    prompt_cache_key: b.prompt_cache_key ?? null,
    reasoning: { effort: reasoning.effort ?? null, summary: reasoning.summary ?? null },
    safety_identifier: b.safety_identifier ?? null,
    service_tier: call.requestedTier ?? 'auto',
    store: b.store ?? true,
    temperature: b.temperature ?? 1,
    text: b.text ?? { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: b.tool_choice ?? 'auto',
    tools: b.tools ?? [],
    top_logprobs: b.top_logprobs ?? 0,
    top_p: b.top_p ?? 1,
    truncation: b.truncation ?? 'disabled',
    usage: null,
    user: b.user ?? null,
    metadata: b.metadata ?? {},
    ...fields,
  };
}

function textPart(text: string): Json {
  return { type: 'output_text', annotations: [], logprobs: [], text };
}

/** The finished output item: a message, or a function call. */
function finalItem(ids: Ids, gen: Generation): Json {
  if (gen.toolCall) {
    const { name, arguments: args } = gen.toolCall;
    return { id: ids.item, type: 'function_call', status: 'completed', arguments: args, call_id: ids.callId, name };
  }
  const status = gen.truncated ? 'incomplete' : 'completed';
  return { id: ids.item, type: 'message', status, content: [textPart(gen.text)], role: 'assistant' };
}

/** The terminal response: completed, or incomplete when the output cap cut it. */
function finalResponse(call: Call, ids: Ids, gen: Generation): Json {
  return responseObject(call, ids, gen, {
    status: gen.truncated ? 'incomplete' : 'completed',
    incomplete_details: gen.truncated ? { reason: 'max_output_tokens' } : null,
    output: [finalItem(ids, gen)],
    service_tier: gen.servedTier,
    usage: usageOf(gen),
  });
}

function renderStream(call: Call, gen: Generation): StreamRendering {
  const ids = idsFor(gen);
  const pad = wantsObfuscation(call.body);
  let sequence = 0;
  const event = (type: string, payload: Json, tokens = 0): Frame => ({
    event: type,
    data: JSON.stringify({ type, sequence_number: sequence++, ...payload }),
    tokens,
  });
  const delta = (type: string, text: string, where: Json): Frame =>
    event(type, { ...where, delta: text, ...(pad ? { obfuscation: obfuscation(gen.rng, text) } : {}) }, 1);

  const inProgress = responseObject(call, ids, gen, {});
  const head = [event('response.created', { response: inProgress }), event('response.in_progress', { response: inProgress })];
  const afterHead = sequence;

  const item = finalItem(ids, gen);
  const where = { item_id: ids.item, output_index: 0 };
  const content: Frame[] = [];
  if (gen.toolCall) {
    const { name, arguments: args, chunks } = gen.toolCall;
    const started = { id: ids.item, type: 'function_call', status: 'in_progress', arguments: '', call_id: ids.callId, name };
    content.push(event('response.output_item.added', { output_index: 0, item: started }));
    for (const chunk of chunks) content.push(delta('response.function_call_arguments.delta', chunk, where));
    content.push(event('response.function_call_arguments.done', { ...where, arguments: args }));
  } else {
    const part = { ...where, content_index: 0 };
    const started = { id: ids.item, type: 'message', status: 'in_progress', content: [], role: 'assistant' };
    content.push(event('response.output_item.added', { output_index: 0, item: started }));
    content.push(event('response.content_part.added', { ...part, part: textPart('') }));
    for (const token of gen.tokens) content.push(delta('response.output_text.delta', token, { ...part, logprobs: [] }));
    content.push(event('response.output_text.done', { ...part, text: gen.text, logprobs: [] }));
    content.push(event('response.content_part.done', { ...part, part: textPart(gen.text) }));
  }
  content.push(event('response.output_item.done', { output_index: 0, item }));
  const terminal = gen.truncated ? 'response.incomplete' : 'response.completed';
  content.push(event(terminal, { response: finalResponse(call, ids, gen) }));

  sequence = afterHead;
  const failed = responseObject(call, ids, gen, {
    status: 'failed',
    error: { code: OVERLOADED.code, message: OVERLOADED.message },
  });
  const inbandError = [event('error', { error: { ...OVERLOADED } }), event('response.failed', { response: failed })];

  return { head, content, inbandError, malformed: { event: 'response.output_text.delta', data: '{not json', tokens: 0 } };
}

/** OpenAI Responses. */
export const openaiResponses: Dialect = {
  id: 'openai-responses',
  streamContentType: 'text/event-stream; charset=utf-8',
  match: (pathname) => (pathname === '/v1/responses' ? {} : undefined),
  hasCredentials: (headers) => hasBearer(headers),
  parse,
  replyHeaders: openaiReplyHeaders,
  successHeaders: (_call, _gen, elapsedMs) => ({ 'openai-processing-ms': String(elapsedMs) }),
  renderStream,
  renderWhole: (call, gen) => finalResponse(call, idsFor(gen), gen),
  replayStream: (transcript) =>
    frameTranscript(transcript, {
      eventName: (json) => String(json.type),
      isBookkeeping: (json) => BOOKKEEPING.has(String(json.type)),
      carriesContent: (json) => String(json.type).endsWith('.delta'),
      trailer: [],
    }),
  errors: openaiErrors,
};
