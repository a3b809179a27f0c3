/**
 * OpenAI Chat Completions (`POST /v1/chat/completions`), streaming and not, shaped like the
 * recorded transcript: unnamed `data:` chunks ending with `data: [DONE]`.
 *
 * Stream: a role-only chunk (`delta: {role: 'assistant', content: '', refusal: null}`, sent
 * with the headers, before start), content chunks, a `finish_reason` chunk, a usage chunk with
 * `choices: []` when `stream_options.include_usage` is set, then `[DONE]`. A tool call starts
 * with `{role, content: null, tool_calls: [{index, id, type, function: {name, arguments: ''}}]}`
 * and streams its arguments; since that first chunk is already evidence, nothing leads it.
 * Every chunk reports the served `service_tier`.
 */
import { promptText } from '../prompt.js';
import { alnum, hex } from '../random.js';
import { frameTranscript } from '../replay.js';
import { estimateTokens } from '../text.js';
import type { Call, Dialect, JsonReply, Frame, Generation, StreamRendering, ToolSpec } from './dialect.js';
import { isJsonReply } from './dialect.js';
import { isObject, obfuscation, positiveInt, readCommon, wantsObfuscation, type Json } from './openai-common.js';
import { hasBearer, openaiReplyHeaders, invalidType, missingParameter, OVERLOADED, openaiErrors } from './openai-errors.js';

function readTools(tools: unknown): ToolSpec[] {
  if (!Array.isArray(tools)) return [];
  return tools
    .filter((t): t is Json => isObject(t) && t.type === 'function' && isObject(t.function))
    .map((t) => t.function as Json)
    .filter((f) => typeof f.name === 'string')
    .map((f) => ({ name: f.name as string, parameters: f.parameters }));
}

function readToolChoice(choice: unknown): Call['toolChoice'] {
  if (choice === 'none' || choice === 'required') return choice;
  if (isObject(choice) && isObject(choice.function) && typeof choice.function.name === 'string') {
    return { name: choice.function.name };
  }
  return 'auto';
}

/** `response_format`: a `json_schema` (its schema) or `json_object` (any object) asks for JSON. */
function readResponseSchema(format: unknown): unknown {
  if (!isObject(format)) return undefined;
  if (format.type === 'json_schema') return (isObject(format.json_schema) ? format.json_schema.schema : undefined) ?? { type: 'object' };
  return format.type === 'json_object' ? { type: 'object' } : undefined;
}

function parse(body: unknown): Call | JsonReply {
  const common = readCommon(body);
  if (isJsonReply(common)) return common;
  const b = body as Json;
  if (b.messages === undefined) return missingParameter('messages');
  if (!Array.isArray(b.messages)) return invalidType('messages', 'an array', b.messages);
  return {
    ...common,
    prompt: promptText(b),
    inputTokens: estimateTokens(JSON.stringify(b.messages)),
    tools: readTools(b.tools),
    toolChoice: readToolChoice(b.tool_choice),
    maxOutputTokens: positiveInt(b.max_completion_tokens) ?? positiveInt(b.max_tokens),
    responseSchema: readResponseSchema(b.response_format),
    body: b,
  };
}

function includeUsage(body: Json): boolean {
  return isObject(body.stream_options) && body.stream_options.include_usage === true;
}

function usageOf(gen: Generation): Json {
  return {
    prompt_tokens: gen.inputTokens,
    completion_tokens: gen.outputTokens,
    total_tokens: gen.inputTokens + gen.outputTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function finishReason(gen: Generation): string {
  if (gen.toolCall) return 'tool_calls';
  return gen.truncated ? 'length' : 'stop';
}

/** Ids of one completion, drawn from the generation's seeded PRNG. */
function idsFor(gen: Generation): { completion: string; fingerprint: string; callId: string } {
  const rng = gen.rng;
  return { completion: `chatcmpl-${alnum(rng, 29)}`, fingerprint: `fp_${hex(rng, 10)}`, callId: `call_${alnum(rng, 24)}` };
}

function renderStream(call: Call, gen: Generation): StreamRendering {
  const ids = idsFor(gen);
  const pad = wantsObfuscation(call.body);
  const withUsage = includeUsage(call.body);
  const chunk = (choices: Json[], tokens: number, usage: Json | null = null, padWith = ''): Frame => ({
    data: JSON.stringify({
      id: ids.completion,
      object: 'chat.completion.chunk',
      created: gen.createdAt,
      model: call.model,
      service_tier: gen.servedTier,
      system_fingerprint: ids.fingerprint,
      choices,
      ...(withUsage ? { usage } : {}),
      ...(pad ? { obfuscation: obfuscation(gen.rng, padWith) } : {}),
    }),
    tokens,
  });
  const choice = (delta: Json, finish: string | null = null): Json => ({
    index: 0,
    delta,
    logprobs: null,
    finish_reason: finish,
  });

  const head: Frame[] = [];
  const content: Frame[] = [];
  if (gen.toolCall) {
    const { name, chunks } = gen.toolCall;
    const opening = { index: 0, id: ids.callId, type: 'function', function: { name, arguments: '' } };
    content.push(chunk([choice({ role: 'assistant', content: null, tool_calls: [opening], refusal: null })], 1));
    for (const part of chunks) {
      content.push(chunk([choice({ tool_calls: [{ index: 0, function: { arguments: part } }] })], 1, null, part));
    }
  } else {
    head.push(chunk([choice({ role: 'assistant', content: '', refusal: null })], 0));
    for (const token of gen.tokens) content.push(chunk([choice({ content: token })], 1, null, token));
  }
  content.push(chunk([choice({}, finishReason(gen))], 0));
  if (withUsage) content.push(chunk([], 0, usageOf(gen)));
  content.push({ data: '[DONE]', tokens: 0 });

  return {
    head,
    content,
    inbandError: [{ data: JSON.stringify({ error: { ...OVERLOADED } }), tokens: 0 }],
    malformed: { data: '{not json', tokens: 0 },
  };
}

function renderWhole(call: Call, gen: Generation): Json {
  const ids = idsFor(gen);
  const toolCalls = gen.toolCall
    ? [{ id: ids.callId, type: 'function', function: { name: gen.toolCall.name, arguments: gen.toolCall.arguments } }]
    : undefined;
  return {
    id: ids.completion,
    object: 'chat.completion',
    created: gen.createdAt,
    model: call.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: gen.toolCall ? null : gen.text,
          refusal: null,
          annotations: [],
          ...(toolCalls ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: finishReason(gen),
      },
    ],
    usage: usageOf(gen),
    service_tier: gen.servedTier,
    system_fingerprint: ids.fingerprint,
  };
}

/** The first choice's delta of a recorded chunk. */
function deltaOf(json: Json): Json {
  const choices = json.choices;
  const first: unknown = Array.isArray(choices) ? choices[0] : undefined;
  return isObject(first) && isObject(first.delta) ? first.delta : {};
}

/** Content, refusal, tool calls or reasoning: what proves generation started (SPEC §4). */
function hasContent(json: Json): boolean {
  const delta = deltaOf(json);
  const text = (v: unknown) => typeof v === 'string' && v !== '';
  return (
    text(delta.content) ||
    text(delta.refusal) ||
    text(delta.reasoning) ||
    text(delta.reasoning_content) ||
    (Array.isArray(delta.tool_calls) && delta.tool_calls.length > 0)
  );
}

/** OpenAI Chat Completions. */
export const openaiChat: Dialect = {
  id: 'openai-chat',
  streamContentType: 'text/event-stream; charset=utf-8',
  match: (pathname) => (pathname === '/v1/chat/completions' ? {} : undefined),
  hasCredentials: (headers) => hasBearer(headers),
  parse,
  replyHeaders: openaiReplyHeaders,
  successHeaders: (_call, _gen, elapsedMs) => ({ 'openai-processing-ms': String(elapsedMs) }),
  renderStream,
  renderWhole,
  replayStream: (transcript) =>
    frameTranscript(transcript, {
      eventName: () => undefined,
      isBookkeeping: (json) => !hasContent(json) && !('error' in json),
      carriesContent: hasContent,
      trailer: [{ data: '[DONE]', tokens: 0 }],
    }),
  errors: openaiErrors,
};
