/**
 * One codec per wire dialect: requests and whole responses to and from the IR, plus the small
 * body facts the router reads without translating (model, input, token cap, tier). Translating is
 * decode with the caller's codec, then encode with the provider's; a request that stays in its
 * dialect keeps its bytes and only gets {@link DialectCodec.setTier}.
 *
 * @example
 * ```ts
 * import { codecs } from './codecs.js';
 * const ir = codecs['anthropic-messages'].decodeRequest(callerBody);
 * const upstream = codecs['gemini-generate'].encodeRequest(ir, { tier: 'flex', stream: true });
 * // … later, for a non-streaming caller:
 * const res = codecs['gemini-generate'].decodeResponse(geminiBody);
 * const body = codecs['anthropic-messages'].encodeResponse(res, { callerModel: 'gemini-2.5-flash' });
 * ```
 */
import type { DialectId, ProviderId } from '../core/types.js';
import { decodeAnthropicRequest, encodeAnthropicRequest } from './anthropic-messages/request.js';
import { decodeAnthropicResponse, encodeAnthropicResponse } from './anthropic-messages/response.js';
import { decodeGeminiRequest, encodeGeminiRequest } from './gemini-generate/request.js';
import { decodeGeminiResponse, encodeGeminiResponse } from './gemini-generate/response.js';
import { decodeInteractionsRequest, encodeInteractionsRequest } from './gemini-interactions/request.js';
import { decodeInteractionsResponse, encodeInteractionsResponse } from './gemini-interactions/response.js';
import type { ServedTier } from './ir/common.js';
import { isJsonObject } from './ir/json.js';
import { DIALECT_FACTS, stripModelPrefix } from './facts.js';
import type { DialectFacts } from './ir/facts.js';
import type { IRRequest, RequestEncodeContext } from './ir/request.js';
import type { IRResponse, ResponseEncodeContext } from './ir/response.js';
import { servedTierFromWire } from './ir/tiers.js';
import { decodeChatRequest, encodeChatRequest } from './openai-chat/request.js';
import { decodeChatResponse, encodeChatResponse } from './openai-chat/response.js';
import { decodeResponsesRequest, encodeResponsesRequest } from './openai-responses/request.js';
import { decodeResponsesResponse, encodeResponsesResponse } from './openai-responses/response.js';

/** A JSON request or response body. */
export type JsonBody = Record<string, unknown>;


/** Everything the router needs to know about one wire dialect's request and response bodies. */
export interface DialectCodec {
  readonly dialect: DialectId;
  readonly provider: ProviderId;
  /**
   * A caller's request body as IR. Throws `unsupported_feature` (naming the caller's field) for
   * what no translation can carry, `invalid_body` for a field of the wrong type. Call it only when
   * translating: a same-dialect request passes through with {@link DialectCodec.setTier}.
   */
  decodeRequest(body: JsonBody): IRRequest;
  /** The IR as this dialect's request body; throws `unsupported_feature` naming the caller's field for what it cannot carry. */
  encodeRequest(ir: IRRequest, ctx: RequestEncodeContext): JsonBody;
  /** A provider's whole response body as IR (lenient: a provider body is read, never rejected). */
  decodeResponse(body: JsonBody): IRResponse;
  /** The IR as the whole response body this dialect's SDKs expect, with the served tier in the dialect's own field. */
  encodeResponse(ir: IRResponse, ctx: ResponseEncodeContext): JsonBody;
  /** The top-level request field that asks for a tier (`service_tier`, Gemini's `serviceTier`). */
  readonly tierField: string;
  /** A copy of `body` asking for `tier` (the provider's own word: `flex`, `default`, `standard_only`, …). */
  setTier(body: JsonBody, tier: string): JsonBody;
  /**
   * A copy of `body` asking for a stream or not. Chat also asks for the usage chunk
   * (`stream_options.include_usage`); generateContent streams by URL, so its body is unchanged.
   */
  setStream(body: JsonBody, stream: boolean): JsonBody;
  /** The tier a whole response body says served it. */
  readServedTier(body: JsonBody): ServedTier;
  /** Whether the request sets a token cap (Anthropic requires one, SPEC §3.4). */
  hasTokenCap(body: JsonBody): boolean;
  /** The requested model id (`undefined` for generateContent, whose model is in the URL). */
  readModel(body: JsonBody): string | undefined;
  /** Whether the request has its input (`input`, `messages` or `contents`) and it is not empty. */
  hasInput(body: JsonBody): boolean;
  /**
   * A same-dialect request's upstream body: the caller's own, with only the tier set (and the
   * stream flag, with the stream-usage option, when the router streams a request the caller did not).
   */
  passThrough(body: JsonBody, tier: string, stream: boolean, callerStream: boolean): JsonBody;
}

/** The value at a dotted path inside a JSON body. */
function at(body: JsonBody, path: string): unknown {
  let value: unknown = body;
  for (const key of path.split('.')) value = isJsonObject(value) ? value[key] : undefined;
  return value;
}

function nonEmpty(value: unknown): boolean {
  if (typeof value === 'string') return value !== '';
  if (Array.isArray(value)) return value.length > 0;
  return isJsonObject(value);
}

/** `body` with the dialect's stream-usage option (Chat's `stream_options.include_usage`) turned on. */
function withStreamUsage(facts: DialectFacts, body: JsonBody): JsonBody {
  if (facts.streamUsageOption === undefined) return body;
  const [parent, flag] = facts.streamUsageOption.split('.') as [string, string];
  return { ...body, [parent]: { ...(isJsonObject(body[parent]) ? body[parent] : {}), [flag]: true } };
}

function setStream(facts: DialectFacts, body: JsonBody, stream: boolean): JsonBody {
  const field = facts.streamField;
  if (field === undefined) return { ...body };
  const copy: JsonBody = { ...body, [field]: stream };
  // Such a dialect reports usage only in an extra last chunk, and only when asked.
  if (stream) return withStreamUsage(facts, copy);
  if (facts.streamUsageOption !== undefined) delete copy[facts.streamUsageOption.split('.')[0]!];
  return copy;
}

/**
 * The caller's own body for a same-dialect request: only the tier changes, plus the stream flag
 * when the router streams a request the caller did not (a race), with the stream-usage option
 * assembly needs (SPEC §4.3). A caller's own streaming request keeps its own options.
 */
function passThrough(facts: DialectFacts, body: JsonBody, tier: string, stream: boolean, callerStream: boolean): JsonBody {
  const out: JsonBody = { ...body, [facts.tierField]: tier };
  const field = facts.streamField;
  if (field !== undefined && (stream !== callerStream || field in body)) out[field] = stream;
  return stream && !callerStream ? withStreamUsage(facts, out) : out;
}

function codec(
  dialect: DialectId,
  parts: Pick<DialectCodec, 'decodeRequest' | 'encodeRequest' | 'decodeResponse' | 'encodeResponse'>,
): DialectCodec {
  const facts = DIALECT_FACTS[dialect];
  return {
    dialect,
    provider: facts.provider,
    ...parts,
    tierField: facts.tierField,
    setTier: (body, tier) => ({ ...body, [facts.tierField]: tier }),
    setStream: (body, stream) => setStream(facts, body, stream),
    passThrough: (body, tier, stream, callerStream) => passThrough(facts, body, tier, stream, callerStream),
    readServedTier: (body) => {
      for (const path of facts.servedTierAt) {
        const tier = servedTierFromWire(at(body, path));
        if (tier !== undefined) return tier;
      }
      return 'unknown';
    },
    hasTokenCap: (body) => facts.tokenCapFields.some((path) => typeof at(body, path) === 'number'),
    readModel: (body) => (typeof body['model'] === 'string' ? stripModelPrefix(facts, body['model']) : undefined),
    hasInput: (body) => nonEmpty(at(body, facts.inputField)),
  };
}

/** The codec of every wire dialect. */
export const codecs: Readonly<Record<DialectId, DialectCodec>> = {
  'openai-responses': codec('openai-responses', {
    decodeRequest: decodeResponsesRequest,
    encodeRequest: encodeResponsesRequest,
    decodeResponse: decodeResponsesResponse,
    encodeResponse: encodeResponsesResponse,
  }),
  'openai-chat': codec('openai-chat', {
    decodeRequest: decodeChatRequest,
    encodeRequest: encodeChatRequest,
    decodeResponse: decodeChatResponse,
    encodeResponse: encodeChatResponse,
  }),
  'anthropic-messages': codec('anthropic-messages', {
    decodeRequest: decodeAnthropicRequest,
    encodeRequest: encodeAnthropicRequest,
    decodeResponse: decodeAnthropicResponse,
    encodeResponse: encodeAnthropicResponse,
  }),
  'gemini-generate': codec('gemini-generate', {
    decodeRequest: decodeGeminiRequest,
    encodeRequest: encodeGeminiRequest,
    decodeResponse: decodeGeminiResponse,
    encodeResponse: encodeGeminiResponse,
  }),
  'gemini-interactions': codec('gemini-interactions', {
    decodeRequest: decodeInteractionsRequest,
    encodeRequest: encodeInteractionsRequest,
    decodeResponse: decodeInteractionsResponse,
    encodeResponse: encodeInteractionsResponse,
  }),
};

/**
 * Translates a caller's request body to another dialect's (decode, then encode).
 *
 * @example
 * translateRequest('openai-chat', 'anthropic-messages', body, { tier: 'standard_only', stream: false });
 */
export function translateRequest(from: DialectId, to: DialectId, body: JsonBody, ctx: RequestEncodeContext): JsonBody {
  return codecs[to].encodeRequest(codecs[from].decodeRequest(body), ctx);
}

/** Translates a provider's whole response body to the caller's dialect. */
export function translateResponse(from: DialectId, to: DialectId, body: JsonBody, ctx: ResponseEncodeContext): JsonBody {
  return codecs[to].encodeResponse(codecs[from].decodeResponse(body), ctx);
}
