/**
 * Gemini Interactions: `POST /v1beta/interactions`, whole (the `interaction` object) and with
 * `stream: true` (events named by `event_type`, no end marker), shaped like the recorded
 * `interactions-*.json` / `interactions-*.chunks.txt`.
 *
 * Stream: `interaction.created` and `interaction.status_update` (bookkeeping, sent at once),
 * then after the start `step.start` / `step.delta` × N / `step.stop` for the model's step and
 * `interaction.completed` (the interaction with usage, without steps). A function call is a
 * `function_call` step whose arguments stream as `arguments_delta`; the interaction then ends
 * `requires_action`. An output cap that cuts the reply ends it `incomplete`.
 *
 * Tier: `service_tier` (`flex`, `standard`, `priority`; anything else is a 400), reported in the
 * interaction's `service_tier`. The `api-revision` header is recorded in the log, not required:
 * `@google/genai` does not send it.
 */
import { promptText } from '../prompt.js';
import { alnum } from '../random.js';
import { frameTranscript } from '../replay.js';
import { estimateTokens } from '../text.js';
import { GEMINI_TIERS, routeTier } from '../tiers.js';
import type { Call, Dialect, Frame, Generation, JsonReply, StreamRendering, ToolSpec } from './dialect.js';
import { GOOGLE_OVERLOADED, googleErrors, googleReplyHeaders, hasGoogleKey, invalidArgument, invalidFieldType, invalidGeminiTier } from './google-errors.js';
import { isObject, positiveInt, type Json } from './json.js';

const BOOKKEEPING = new Set(['interaction.created', 'interaction.status_update']);

function readTools(tools: unknown): ToolSpec[] {
  if (!Array.isArray(tools)) return [];
  return tools
    .filter((t): t is Json => isObject(t) && t.type === 'function' && typeof t.name === 'string')
    .map((t) => ({ name: t.name as string, parameters: t.parameters }));
}

/** `generation_config.tool_choice`: `any` forces a call, `none` forbids one, `allowed_tools` names one. */
function readToolChoice(choice: unknown): Call['toolChoice'] {
  if (choice === 'none') return 'none';
  if (choice === 'any') return 'required';
  if (!isObject(choice) || !isObject(choice.allowed_tools)) return 'auto';
  const { mode, tools } = choice.allowed_tools;
  if (mode !== 'any') return 'auto';
  const first: unknown = Array.isArray(tools) ? tools[0] : undefined;
  return typeof first === 'string' ? { name: first } : 'required';
}

/** The schema of a JSON response format (`{type: 'text', mime_type: 'application/json', schema}`), or `undefined`. */
function readResponseSchema(body: Json): unknown {
  const formats: unknown[] = Array.isArray(body.response_format) ? body.response_format : [body.response_format];
  const json = formats.find((f) => isObject(f) && f.mime_type === 'application/json');
  if (isObject(json)) return json.schema ?? { type: 'object' };
  // The older form: `response_mime_type` beside a bare schema.
  if (body.response_mime_type === 'application/json') return body.response_format ?? { type: 'object' };
  return undefined;
}

function parse(body: unknown): Call | JsonReply {
  if (!isObject(body)) return invalidFieldType('body', 'an object', body);
  if (typeof body.model !== 'string' || body.model === '') {
    return body.model === undefined
      ? invalidArgument('Missing required field: model. Send the model to run, e.g. "model": "gemini-2.5-flash".', 'model')
      : invalidFieldType('model', 'a string', body.model);
  }
  if (body.input === undefined && body.previous_interaction_id === undefined) {
    return invalidArgument('Missing required field: input. Send the prompt, e.g. "input": "Hello".', 'input');
  }
  const tier = routeTier(GEMINI_TIERS, body.service_tier);
  if (!tier) return invalidGeminiTier('service_tier', body.service_tier);
  const config = isObject(body.generation_config) ? body.generation_config : {};
  const responseSchema = readResponseSchema(body);
  const system = typeof body.system_instruction === 'string' ? body.system_instruction : '';
  return {
    model: body.model,
    stream: body.stream === true,
    requestedTier: typeof body.service_tier === 'string' ? body.service_tier : undefined,
    pool: tier.pool,
    servedTier: tier.reported,
    prompt: promptText(body),
    inputTokens: estimateTokens(system + JSON.stringify(body.input ?? '')),
    tools: readTools(body.tools),
    toolChoice: readToolChoice(config.tool_choice),
    maxOutputTokens: positiveInt(config.max_output_tokens),
    ...(responseSchema !== undefined ? { responseSchema } : {}),
    body,
  };
}

/** Ids of one interaction, drawn from the generation's seeded PRNG. */
interface Ids {
  interaction: string;
  call: string;
}

function idsFor(gen: Generation): Ids {
  return { interaction: `v1_${alnum(gen.rng, 72)}`, call: alnum(gen.rng, 8).toLowerCase() };
}

/** Unix seconds as Interactions writes times: ISO 8601 without fractions. */
function isoSeconds(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function usageOf(gen: Generation): Json {
  return {
    total_tokens: gen.inputTokens + gen.outputTokens,
    total_input_tokens: gen.inputTokens,
    input_tokens_by_modality: [{ modality: 'text', tokens: gen.inputTokens }],
    total_cached_tokens: 0,
    total_output_tokens: gen.outputTokens,
    total_tool_use_tokens: 0,
    total_thought_tokens: 0,
  };
}

function statusOf(gen: Generation): string {
  if (gen.toolCall) return 'requires_action';
  return gen.truncated ? 'incomplete' : 'completed';
}

/** The finished model step: text output, or a function call. */
function finalStep(ids: Ids, gen: Generation): Json {
  if (gen.toolCall) {
    return { id: ids.call, type: 'function_call', name: gen.toolCall.name, arguments: JSON.parse(gen.toolCall.arguments) as unknown };
  }
  return { content: [{ text: gen.text, type: 'text' }], type: 'model_output' };
}

/** The interaction once finished; `steps` only in the whole body (the stream's last event has none). */
function finishedInteraction(call: Call, ids: Ids, gen: Generation, steps?: Json[]): Json {
  const time = isoSeconds(gen.createdAt);
  return {
    id: ids.interaction,
    status: statusOf(gen),
    usage: usageOf(gen),
    created: time,
    updated: time,
    service_tier: gen.servedTier,
    ...(steps ? { steps } : {}),
    object: 'interaction',
    model: call.model,
  };
}

function renderStream(call: Call, gen: Generation): StreamRendering {
  const ids = idsFor(gen);
  const event = (type: string, payload: Json, tokens = 0): Frame => ({
    event: type,
    data: JSON.stringify({ ...payload, event_type: type }),
    tokens,
  });
  const head = [
    event('interaction.created', { interaction: { id: ids.interaction, status: 'in_progress', object: 'interaction', model: call.model } }),
    event('interaction.status_update', { interaction_id: ids.interaction, status: 'in_progress' }),
  ];
  const content: Frame[] = [];
  if (gen.toolCall) {
    const { name, chunks } = gen.toolCall;
    content.push(event('step.start', { index: 0, step: { id: ids.call, signature: '', type: 'function_call', name, arguments: {} } }));
    for (const chunk of chunks) content.push(event('step.delta', { index: 0, delta: { arguments: chunk, type: 'arguments_delta' } }, 1));
  } else {
    content.push(event('step.start', { index: 0, step: { type: 'model_output' } }));
    for (const token of gen.tokens) content.push(event('step.delta', { index: 0, delta: { text: token, type: 'text' } }, 1));
  }
  content.push(event('step.stop', { index: 0 }));
  content.push(event('interaction.completed', { interaction: finishedInteraction(call, ids, gen) }));
  return {
    head,
    content,
    inbandError: [event('error', { error: { code: 'unavailable', message: GOOGLE_OVERLOADED.message } })],
    malformed: { event: 'step.delta', data: '{not json', tokens: 0 },
  };
}

/** Gemini Interactions, whole and streamed. */
export const geminiInteractions: Dialect = {
  id: 'gemini-interactions',
  streamContentType: 'text/event-stream',
  match: (pathname) => (pathname === '/v1beta/interactions' ? {} : undefined),
  hasCredentials: hasGoogleKey,
  parse,
  replyHeaders: googleReplyHeaders,
  renderStream,
  renderWhole: (call, gen) => {
    const ids = idsFor(gen);
    return finishedInteraction(call, ids, gen, [finalStep(ids, gen)]);
  },
  replayStream: (transcript) =>
    frameTranscript(transcript, {
      eventName: (json) => String(json.event_type),
      isBookkeeping: (json) => BOOKKEEPING.has(String(json.event_type)),
      carriesContent: (json) => json.event_type === 'step.delta',
      trailer: [],
    }),
  errors: googleErrors('interactions'),
};
