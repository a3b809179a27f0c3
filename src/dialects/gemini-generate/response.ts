/**
 * Gemini `GenerateContentResponse` bodies to and from the IR. Only the first candidate is read.
 * Function calls without an id get `call_<responseId>_<n>`, the ids the stream decoder gives them,
 * so a streamed and a whole response name their calls alike; encoded responses carry the ids. Usage: Gemini counts thoughts apart
 * from candidates; the IR counts them in `outputTokens`.
 */
import type { StopReason } from '../ir/common.js';
import { argumentsToObject } from '../ir/arguments.js';
import { asArray, asCount, asObject, asString } from '../ir/read.js';
import { reasoningSlot } from '../ir/reasoning.js';
import type { IRResponse, ResponseEncodeContext } from '../ir/response.js';
import { readTierWord, writeTierWord } from '../ir/tiers.js';
import { DIALECT, decodeModelParts, encodeModelParts } from './parts.js';

const STOP_REASONS: Readonly<Record<string, StopReason>> = {
  STOP: 'end_turn',
  MAX_TOKENS: 'max_tokens',
  SAFETY: 'refusal',
  RECITATION: 'refusal',
  LANGUAGE: 'refusal',
  BLOCKLIST: 'refusal',
  PROHIBITED_CONTENT: 'refusal',
  SPII: 'refusal',
  IMAGE_SAFETY: 'refusal',
  IMAGE_PROHIBITED_CONTENT: 'refusal',
  MALFORMED_FUNCTION_CALL: 'error',
  UNEXPECTED_TOOL_CALL: 'error',
  TOO_MANY_TOOL_CALLS: 'error',
  OTHER: 'error',
};

const FINISH_REASONS: Readonly<Record<StopReason, string>> = {
  end_turn: 'STOP',
  stop_sequence: 'STOP',
  tool_use: 'STOP',
  max_tokens: 'MAX_TOKENS',
  refusal: 'SAFETY',
  error: 'OTHER',
};

/** Reads a `generateContent` response body (or merged stream chunks). */
export function decodeGeminiResponse(body: Record<string, unknown>): IRResponse {
  const id = asString(body['responseId']) ?? '';
  const candidate = asArray(body['candidates'])[0];
  const parts = asArray(asObject(asObject(candidate)['content'])['parts']);
  const stem = id.replace(/[^A-Za-z0-9_-]/g, '');
  const content = decodeModelParts(parts, (n) => `call_${stem}_${n}`).map(({ part }) => part);
  const finish = asString(asObject(candidate)['finishReason']);
  const blocked = candidate === undefined && asObject(body['promptFeedback'])['blockReason'] !== undefined;
  let stopReason: StopReason = blocked ? 'refusal' : (STOP_REASONS[finish ?? ''] ?? 'end_turn');
  if (stopReason === 'end_turn' && content.some((part) => part.type === 'tool_call')) stopReason = 'tool_use';
  const usage = asObject(body['usageMetadata']);
  const thoughts = asCount(usage['thoughtsTokenCount']);
  const created = typeof body['createTime'] === 'string' ? Date.parse(body['createTime']) : NaN;
  return {
    id,
    model: asString(body['modelVersion']) ?? '',
    content,
    stopReason,
    usage: {
      inputTokens: asCount(usage['promptTokenCount']) + asCount(usage['toolUsePromptTokenCount']),
      cachedInputTokens: asCount(usage['cachedContentTokenCount']),
      outputTokens: asCount(usage['candidatesTokenCount']) + thoughts,
      reasoningTokens: thoughts,
    },
    servedTier: readTierWord(DIALECT, usage['serviceTier'] ?? body['serviceTier']),
    ...(Number.isFinite(created) ? { createdAt: Math.floor(created / 1000) } : {}),
  };
}

/** Writes the IR as a `generateContent` response body, with the served tier in `usageMetadata.serviceTier`. */
export function encodeGeminiResponse(ir: IRResponse, ctx: ResponseEncodeContext): Record<string, unknown> {
  const parts = encodeModelParts(
    ir.content,
    (part) => reasoningSlot(part, DIALECT),
    (call) => argumentsToObject(call.arguments, call.kind),
    true,
  );
  const tier = writeTierWord(DIALECT, ir.servedTier);
  const answer = ir.usage.outputTokens - ir.usage.reasoningTokens;
  return {
    candidates: [{ content: { role: 'model', parts }, finishReason: FINISH_REASONS[ir.stopReason], index: 0 }],
    usageMetadata: {
      promptTokenCount: ir.usage.inputTokens,
      ...(ir.usage.cachedInputTokens > 0 ? { cachedContentTokenCount: ir.usage.cachedInputTokens } : {}),
      candidatesTokenCount: answer,
      ...(ir.usage.reasoningTokens > 0 ? { thoughtsTokenCount: ir.usage.reasoningTokens } : {}),
      totalTokenCount: ir.usage.inputTokens + ir.usage.outputTokens,
      ...(tier !== undefined ? { serviceTier: tier } : {}),
    },
    modelVersion: ctx.callerModel,
    responseId: ir.id,
    ...(ir.createdAt !== undefined ? { createTime: new Date(ir.createdAt * 1000).toISOString() } : {}),
  };
}
