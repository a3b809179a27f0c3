/**
 * Gemini generateContent: `POST /v1beta/models/{model}:generateContent` (whole JSON) and
 * `:streamGenerateContent?alt=sse` (unnamed `data:` chunks, no end marker), shaped like the
 * recorded `google-*.json` / `google-*.chunks.txt`.
 *
 * Stream: nothing is sent before start (Gemini has no bookkeeping events, so the headers alone
 * go out at once); then one chunk per token, every chunk with the running `usageMetadata`, the
 * last one with `finishReason`. A function call is one chunk with the `functionCall` part, then
 * a closing chunk with an empty text part and `finishReason: STOP`, as recorded.
 *
 * Tier: `serviceTier` at the top level of the body (`service_tier` is read too, as Google's JSON
 * parser accepts both spellings); `flex`, `standard` or `priority`, anything else is a 400. The
 * served tier is reported in `usageMetadata.serviceTier` and the `x-gemini-service-tier` header.
 */
import { promptText } from '../prompt.js';
import { alnum } from '../random.js';
import { frameTranscript } from '../replay.js';
import { estimateTokens } from '../text.js';
import { GEMINI_TIERS, routeTier } from '../tiers.js';
import type { Call, Dialect, Frame, Generation, JsonReply, RouteMatch, StreamRendering, ToolSpec } from './dialect.js';
import {
  GOOGLE_OVERLOADED,
  googleErrors,
  googleReplyHeaders,
  hasGoogleKey,
  invalidArgument,
  invalidFieldType,
  invalidGeminiTier,
} from './google-errors.js';
import { isObject, positiveInt, type Json } from './json.js';

const ROUTE = /^\/v1(?:beta|alpha)?\/models\/([^/]+):(generateContent|streamGenerateContent)$/;

function match(pathname: string, query: URLSearchParams): RouteMatch | undefined {
  const found = ROUTE.exec(pathname);
  if (!found) return undefined;
  const model = decodeURIComponent(found[1] ?? '');
  const stream = found[2] === 'streamGenerateContent';
  if (stream && query.get('alt') !== 'sse') {
    return {
      model,
      stream,
      reject: invalidArgument(
        'The simulator streams generateContent as server-sent events only: add ?alt=sse to the URL ' +
          `(as @google/genai does), e.g. POST /v1beta/models/${model}:streamGenerateContent?alt=sse.`,
      ),
    };
  }
  return { model, stream };
}

/** A field in either spelling Google's JSON parser accepts (`lowerCamel` or `snake_case`). */
function field(body: Json, camel: string, snake: string): unknown {
  return body[camel] ?? body[snake];
}

function readTools(tools: unknown): ToolSpec[] {
  if (!Array.isArray(tools)) return [];
  return tools.filter(isObject).flatMap((tool) => {
    const declarations = field(tool, 'functionDeclarations', 'function_declarations');
    if (!Array.isArray(declarations)) return [];
    return declarations
      .filter((d): d is Json => isObject(d) && typeof d.name === 'string')
      .map((d) => ({
        name: d.name as string,
        parameters: d.parameters ?? field(d, 'parametersJsonSchema', 'parameters_json_schema'),
      }));
  });
}

/** `toolConfig.functionCallingConfig`: `ANY` forces a call (the first allowed name, if listed), `NONE` forbids one. */
function readToolChoice(body: Json): Call['toolChoice'] {
  const toolConfig = field(body, 'toolConfig', 'tool_config');
  const config = isObject(toolConfig) ? field(toolConfig, 'functionCallingConfig', 'function_calling_config') : undefined;
  if (!isObject(config)) return 'auto';
  const mode = typeof config.mode === 'string' ? config.mode.toUpperCase() : 'AUTO';
  if (mode === 'NONE') return 'none';
  if (mode !== 'ANY') return 'auto';
  const allowed = field(config, 'allowedFunctionNames', 'allowed_function_names');
  const first: unknown = Array.isArray(allowed) ? allowed[0] : undefined;
  return typeof first === 'string' ? { name: first } : 'required';
}

/** The schema of a JSON-mode request (`responseMimeType: application/json`), or `undefined`. */
function readResponseSchema(config: Json): unknown {
  if (field(config, 'responseMimeType', 'response_mime_type') !== 'application/json') return undefined;
  return (
    field(config, 'responseJsonSchema', 'response_json_schema') ??
    field(config, 'responseSchema', 'response_schema') ?? { type: 'object' }
  );
}

function parse(body: unknown, route: RouteMatch): Call | JsonReply {
  if (!isObject(body)) return invalidFieldType('body', 'an object', body);
  const contents = body.contents;
  if (contents === undefined || contents === null || (Array.isArray(contents) && contents.length === 0)) {
    return invalidArgument('* GenerateContentRequest.contents: contents is not specified\n', 'contents');
  }
  if (!Array.isArray(contents)) return invalidFieldType('contents', 'a list of Content', contents);
  const tierField = body.serviceTier !== undefined ? 'serviceTier' : 'service_tier';
  const requested = body[tierField];
  const tier = routeTier(GEMINI_TIERS, requested);
  if (!tier) return invalidGeminiTier('service_tier', requested);
  const generation = field(body, 'generationConfig', 'generation_config');
  const config = isObject(generation) ? generation : {};
  const responseSchema = readResponseSchema(config);
  return {
    model: route.model ?? '',
    stream: route.stream === true,
    requestedTier: typeof requested === 'string' ? requested : undefined,
    pool: tier.pool,
    servedTier: tier.reported,
    prompt: promptText(body),
    inputTokens: estimateTokens(JSON.stringify(contents) + JSON.stringify(field(body, 'systemInstruction', 'system_instruction') ?? '')),
    tools: readTools(body.tools),
    toolChoice: readToolChoice(body),
    maxOutputTokens: positiveInt(field(config, 'maxOutputTokens', 'max_output_tokens')),
    ...(responseSchema !== undefined ? { responseSchema } : {}),
    body,
  };
}

function usageMetadata(gen: Generation, candidatesTokens: number): Json {
  return {
    promptTokenCount: gen.inputTokens,
    candidatesTokenCount: candidatesTokens,
    totalTokenCount: gen.inputTokens + candidatesTokens,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: gen.inputTokens }],
    serviceTier: gen.servedTier,
  };
}

function finishReason(gen: Generation): string {
  return gen.truncated ? 'MAX_TOKENS' : 'STOP';
}

/** The `functionCall` part of a tool call. */
function callPart(gen: Generation): Json {
  const call = gen.toolCall;
  return call ? { functionCall: { name: call.name, args: JSON.parse(call.arguments) as unknown } } : {};
}

/** One response (chunk or whole) around a candidate. */
function response(call: Call, responseId: string, candidate: Json, usage: Json): Json {
  return { candidates: [{ ...candidate, index: 0 }], usageMetadata: usage, modelVersion: call.model, responseId };
}

const content = (parts: Json[]): Json => ({ content: { parts, role: 'model' } });

function renderStream(call: Call, gen: Generation): StreamRendering {
  const responseId = alnum(gen.rng, 23);
  const chunk = (candidate: Json, usedTokens: number, tokens: number): Frame => ({
    data: JSON.stringify(response(call, responseId, candidate, usageMetadata(gen, usedTokens))),
    tokens,
  });
  const frames: Frame[] = [];
  if (gen.toolCall) {
    frames.push(chunk(content([callPart(gen)]), gen.outputTokens, 1));
    frames.push(chunk({ ...content([{ text: '' }]), finishReason: 'STOP' }, gen.outputTokens, 0));
  } else {
    gen.tokens.forEach((token, i) => {
      const last = i === gen.tokens.length - 1;
      frames.push(chunk({ ...content([{ text: token }]), ...(last ? { finishReason: finishReason(gen) } : {}) }, i + 1, 1));
    });
  }
  return {
    head: [],
    content: frames,
    inbandError: [{ data: JSON.stringify({ error: { ...GOOGLE_OVERLOADED } }), tokens: 0 }],
    malformed: { data: '{not json', tokens: 0 },
  };
}

function renderWhole(call: Call, gen: Generation): Json {
  const responseId = alnum(gen.rng, 23);
  const candidate = gen.toolCall
    ? { ...content([callPart(gen)]), finishReason: 'STOP', finishMessage: 'Model generated function call(s).' }
    : { ...content([{ text: gen.text }]), finishReason: finishReason(gen) };
  return response(call, responseId, candidate, usageMetadata(gen, gen.outputTokens));
}

/** The parts of a recorded chunk's first candidate. */
function partsOf(json: Json): unknown[] {
  const candidates = json.candidates;
  const first: unknown = Array.isArray(candidates) ? candidates[0] : undefined;
  const parts = isObject(first) && isObject(first.content) ? first.content.parts : undefined;
  return Array.isArray(parts) ? parts : [];
}

/** Text or a function call: what a streamed chunk generates (a bare thought signature does not count). */
function carriesContent(json: Json): boolean {
  return partsOf(json).some((p) => isObject(p) && ((typeof p.text === 'string' && p.text !== '') || p.functionCall !== undefined));
}

/** Gemini generateContent, whole and streamed. */
export const geminiGenerate: Dialect = {
  id: 'gemini-generate',
  streamContentType: 'text/event-stream',
  match,
  hasCredentials: hasGoogleKey,
  parse,
  replyHeaders: googleReplyHeaders,
  successHeaders: (_call, gen) => ({ 'x-gemini-service-tier': gen.servedTier }),
  renderStream,
  renderWhole,
  replayStream: (transcript) =>
    frameTranscript(transcript, {
      eventName: () => undefined,
      isBookkeeping: (json) => partsOf(json).length === 0 && !('error' in json),
      carriesContent,
      trailer: [],
    }),
  errors: googleErrors('generateContent'),
};
