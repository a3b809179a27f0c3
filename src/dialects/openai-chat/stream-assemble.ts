/**
 * Chat Completions chunks to one `chat.completion` body (SPEC §4.3), for a non-streaming caller
 * whose request raced and so went upstream streaming. The result has the shape OpenAI answers a
 * non-streaming request with: message content and refusal concatenated, tool calls merged by
 * index with their arguments concatenated, annotations and logprobs joined, the last
 * finish_reason, and the usage of the final usage chunk (ask for it with
 * `stream_options: { include_usage: true }`).
 */
import type { Assembly } from '../../core/commit/rules.js';
import type { SseEvent } from '../../sse/events.js';
import { upstreamFailure } from '../ir/assembly.js';
import { isJsonObject, parseJsonObject, type JsonObject } from '../ir/json.js';
import { inIndexOrder } from '../ir/indexed.js';

/** String fields that arrive in pieces and are joined; every other field keeps its first value. */
const STREAMED_STRINGS: ReadonlySet<string> = new Set(['arguments', 'input', 'data', 'transcript']);

/** Reasoning text fields that OpenAI-compatible servers stream next to `content`. */
const REASONING_FIELDS = ['reasoning', 'reasoning_content'] as const;

interface ChoiceState {
  role: string;
  content: string | null;
  refusal: string | null;
  reasoning: Map<string, string>;
  toolCalls: Map<number, JsonObject>;
  functionCall: JsonObject | undefined;
  audio: JsonObject | undefined;
  annotations: unknown[];
  logprobs: { content: unknown[] | null; refusal: unknown[] | null } | null;
  finishReason: unknown;
}

/**
 * Assembles a whole `chat.completion` from a stream's events, up to `data: [DONE]`.
 * An error chunk gives `error_event`; a stream without `[DONE]` gives `ended_early`.
 *
 * @example
 * ```ts
 * const result = assembleChatCompletion(parseSseEvents(await upstream.text()));
 * if (result.ok) return Response.json(result.body); // { id, object: 'chat.completion', choices: [...], usage, ... }
 * ```
 */
export function assembleChatCompletion(events: Iterable<SseEvent>): Assembly {
  const top: JsonObject = {};
  const choices = new Map<number, ChoiceState>();
  for (const event of events) {
    if (event.data.startsWith('[DONE]')) return { ok: true, body: completion(top, choices) };
    const chunk = parseJsonObject(event.data);
    if (!chunk) {
      return { ok: false, reason: 'error_event', message: 'The provider sent a chunk that is not a JSON object, so the response cannot be read.' };
    }
    if (chunk['error']) return upstreamFailure(chunk['error'], ['code', 'type'], 'unknown_error');
    mergeChunk(top, choices, chunk);
  }
  return { ok: false, reason: 'ended_early', message: 'The provider ended the stream without data: [DONE], so the response is incomplete.' };
}

function mergeChunk(top: JsonObject, choices: Map<number, ChoiceState>, chunk: JsonObject): void {
  for (const key of ['id', 'created', 'model'] as const) {
    if (top[key] === undefined && chunk[key] !== undefined) top[key] = chunk[key];
  }
  for (const key of ['service_tier', 'system_fingerprint'] as const) {
    if (chunk[key] !== undefined) top[key] = chunk[key];
  }
  if (isJsonObject(chunk['usage'])) top['usage'] = chunk['usage'];
  const deltas = Array.isArray(chunk['choices']) ? chunk['choices'] : [];
  for (const choice of deltas) {
    if (!isJsonObject(choice)) continue;
    const index = typeof choice['index'] === 'number' ? choice['index'] : 0;
    let state = choices.get(index);
    if (!state) choices.set(index, (state = newChoice()));
    mergeChoice(state, choice);
  }
}

function newChoice(): ChoiceState {
  return {
    role: 'assistant',
    content: null,
    refusal: null,
    reasoning: new Map(),
    toolCalls: new Map(),
    functionCall: undefined,
    audio: undefined,
    annotations: [],
    logprobs: null,
    finishReason: null,
  };
}

function mergeChoice(state: ChoiceState, choice: JsonObject): void {
  if (choice['finish_reason'] !== undefined && choice['finish_reason'] !== null) state.finishReason = choice['finish_reason'];
  mergeLogprobs(state, choice['logprobs']);
  const delta = choice['delta'];
  if (!isJsonObject(delta)) return;
  if (typeof delta['role'] === 'string') state.role = delta['role'];
  if (typeof delta['content'] === 'string') state.content = (state.content ?? '') + delta['content'];
  if (typeof delta['refusal'] === 'string') state.refusal = (state.refusal ?? '') + delta['refusal'];
  for (const field of REASONING_FIELDS) {
    const piece = delta[field];
    if (typeof piece === 'string') state.reasoning.set(field, (state.reasoning.get(field) ?? '') + piece);
  }
  if (Array.isArray(delta['tool_calls'])) {
    for (const call of delta['tool_calls']) {
      if (!isJsonObject(call)) continue;
      const index = typeof call['index'] === 'number' ? call['index'] : state.toolCalls.size;
      const merged = state.toolCalls.get(index) ?? {};
      const { index: _position, ...rest } = call;
      mergeStreamed(merged, rest);
      state.toolCalls.set(index, merged);
    }
  }
  if (isJsonObject(delta['function_call'])) mergeStreamed((state.functionCall ??= {}), delta['function_call']);
  if (isJsonObject(delta['audio'])) mergeStreamed((state.audio ??= {}), delta['audio']);
  if (Array.isArray(delta['annotations'])) state.annotations.push(...(delta['annotations'] as unknown[]));
}

function mergeLogprobs(state: ChoiceState, logprobs: unknown): void {
  if (!isJsonObject(logprobs)) return;
  const merged = (state.logprobs ??= { content: null, refusal: null });
  for (const key of ['content', 'refusal'] as const) {
    const tokens = logprobs[key];
    if (Array.isArray(tokens)) merged[key] = [...(merged[key] ?? []), ...(tokens as unknown[])];
  }
}

/** Joins streamed string fields, recurses into objects, keeps the first value of anything else. */
function mergeStreamed(target: JsonObject, piece: JsonObject): void {
  for (const [key, value] of Object.entries(piece)) {
    const existing = target[key];
    if (typeof value === 'string' && STREAMED_STRINGS.has(key)) {
      target[key] = (typeof existing === 'string' ? existing : '') + value;
    } else if (isJsonObject(value)) {
      const nested = isJsonObject(existing) ? existing : {};
      mergeStreamed(nested, value);
      target[key] = nested;
    } else if (existing === undefined || existing === null) {
      target[key] = value;
    }
  }
}

function completion(top: JsonObject, choices: Map<number, ChoiceState>): JsonObject {
  const body: JsonObject = {
    id: top['id'],
    object: 'chat.completion',
    created: top['created'],
    model: top['model'],
    choices: [...choices.entries()].sort(([a], [b]) => a - b).map(([index, state]) => finalChoice(index, state)),
  };
  if (top['usage'] !== undefined) body['usage'] = top['usage'];
  if (top['service_tier'] !== undefined) body['service_tier'] = top['service_tier'];
  if (top['system_fingerprint'] !== undefined) body['system_fingerprint'] = top['system_fingerprint'];
  return body;
}

function finalChoice(index: number, state: ChoiceState): JsonObject {
  const toolCalls = inIndexOrder(state.toolCalls);
  // OpenAI answers `content: null` beside tool calls; the role chunk's `content: ""` must not show up as text.
  const callsOnly = (toolCalls.length > 0 || state.functionCall !== undefined) && state.content === '';
  const message: JsonObject = {
    role: state.role,
    content: callsOnly ? null : state.content,
    refusal: state.refusal === '' ? null : state.refusal,
  };
  if (toolCalls.length > 0) message['tool_calls'] = toolCalls;
  if (state.functionCall) message['function_call'] = state.functionCall;
  if (state.audio) message['audio'] = state.audio;
  for (const [field, text] of state.reasoning) message[field] = text;
  message['annotations'] = state.annotations;
  return { index, message, logprobs: state.logprobs, finish_reason: state.finishReason };
}
