/**
 * Gemini `GenerateContentResponse` bodies to and from the IR. Only the first candidate is read.
 * Function calls without an id get the ids the stream decoder gives them ({@link derivedCallId});
 * encoded responses carry the ids.
 */
import type { StopReason } from '../ir/common.js';
import { argumentsToObject } from '../ir/arguments.js';
import { lookup } from '../ir/lookup.js';
import { asArray, asObject, asString } from '../ir/read.js';
import { reasoningSlot } from '../ir/reasoning.js';
import { derivedCallId, type IRResponse, type ResponseEncodeContext } from '../ir/response.js';
import { servedTierFromWire, writeTierWord } from '../ir/tiers.js';
import { secondsFromIso } from '../ir/time.js';
import { DIALECT, decodeModelParts, encodeModelParts } from './parts.js';
import { FINISH_REASONS, STOP_REASONS } from './stop-reasons.js';
import { usageFromGemini, usageMetadata } from './usage.js';

/** Reads a `generateContent` response body (or merged stream chunks). */
export function decodeGeminiResponse(body: Record<string, unknown>): IRResponse {
  const id = asString(body['responseId']) ?? '';
  const candidate = asArray(body['candidates'])[0];
  const parts = asArray(asObject(asObject(candidate)['content'])['parts']);
  const content = decodeModelParts(parts, (n) => derivedCallId(id, n)).map(({ part }) => part);
  const finish = asObject(candidate)['finishReason'];
  const blocked = candidate === undefined && asObject(body['promptFeedback'])['blockReason'] !== undefined;
  let stopReason: StopReason = blocked ? 'refusal' : (lookup(STOP_REASONS, finish) ?? 'end_turn');
  if (stopReason === 'end_turn' && content.some((part) => part.type === 'tool_call')) stopReason = 'tool_use';
  const usage = asObject(body['usageMetadata']);
  const createdAt = secondsFromIso(body['createTime']);
  return {
    id,
    model: asString(body['modelVersion']) ?? '',
    content,
    stopReason,
    usage: usageFromGemini(usage),
    servedTier: servedTierFromWire(usage['serviceTier'] ?? body['serviceTier']) ?? 'unknown',
    ...(createdAt !== undefined ? { createdAt } : {}),
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
  return {
    candidates: [{ content: { role: 'model', parts }, finishReason: FINISH_REASONS[ir.stopReason], index: 0 }],
    usageMetadata: usageMetadata(ir.usage, writeTierWord(DIALECT, ir.servedTier)),
    modelVersion: ctx.callerModel,
    responseId: ir.id,
    ...(ir.createdAt !== undefined ? { createTime: new Date(ir.createdAt * 1000).toISOString() } : {}),
  };
}
