/**
 * Anthropic `message` bodies to and from the IR.
 *
 * Usage: Anthropic counts cache reads and cache writes apart from `input_tokens`; the IR counts
 * them inside `inputTokens`. Reasoning another provider made is written as a thinking block whose
 * signature carries it back (see `reasoning.ts`); Gemini's thought signature on a function call
 * becomes such a block just before the `tool_use`.
 */
import { argumentsToObject } from '../ir/arguments.js';
import { lookup } from '../ir/lookup.js';
import { asArray, asCount, asObject, asString } from '../ir/read.js';
import { reasoningFromSlot, reasoningSlot } from '../ir/reasoning.js';
import type { IRReasoningPart } from '../ir/request.js';
import type { IROutputPart, IRResponse, ResponseEncodeContext } from '../ir/response.js';
import { servedTierFromWire, writeTierWord } from '../ir/tiers.js';
import { ANTHROPIC_STOP, STOP_REASONS } from './stop-reasons.js';
import { withIdPrefix } from '../ir/ids.js';

const DIALECT = 'anthropic-messages';

/** Reads an Anthropic `message` body. */
export function decodeAnthropicResponse(body: Record<string, unknown>): IRResponse {
  const content: IROutputPart[] = [];
  for (const raw of asArray(body['content'])) {
    const block = asObject(raw);
    switch (block['type']) {
      case 'text': {
        const text = asString(block['text']);
        if (text) content.push({ type: 'text', text });
        break;
      }
      case 'thinking':
        content.push(reasoningFromSlot(asString(block['signature']), DIALECT, asString(block['thinking'])));
        break;
      case 'redacted_thinking':
        content.push({ type: 'reasoning', origin: DIALECT, signature: asString(block['data']) ?? '', redacted: true });
        break;
      case 'tool_use':
        content.push({ type: 'tool_call', id: asString(block['id']) ?? '', name: asString(block['name']) ?? '', arguments: JSON.stringify(block['input'] ?? {}) });
        break;
    }
  }
  const usage = asObject(body['usage']);
  const cacheRead = asCount(usage['cache_read_input_tokens']);
  const cacheWrite = asCount(usage['cache_creation_input_tokens']);
  return {
    id: asString(body['id']) ?? '',
    model: asString(body['model']) ?? '',
    content,
    stopReason: lookup(STOP_REASONS, body['stop_reason']) ?? 'end_turn',
    usage: {
      inputTokens: asCount(usage['input_tokens']) + cacheRead + cacheWrite,
      cachedInputTokens: cacheRead,
      outputTokens: asCount(usage['output_tokens']),
      reasoningTokens: asCount(asObject(usage['output_tokens_details'])['thinking_tokens']),
      ...(cacheWrite > 0 ? { cacheWriteInputTokens: cacheWrite } : {}),
    },
    servedTier: servedTierFromWire(usage['service_tier']) ?? 'unknown',
  };
}

function thinkingBlock(part: IRReasoningPart): Record<string, unknown> {
  if (part.origin === DIALECT && part.redacted) return { type: 'redacted_thinking', data: part.signature ?? '' };
  return { type: 'thinking', thinking: part.text ?? '', signature: reasoningSlot(part, DIALECT) ?? '' };
}

function contentBlocks(ir: IRResponse): unknown[] {
  const blocks: unknown[] = [];
  for (const part of ir.content) {
    switch (part.type) {
      case 'text':
      case 'refusal':
        blocks.push({ type: 'text', text: part.text });
        break;
      case 'reasoning':
        blocks.push(thinkingBlock(part));
        break;
      case 'tool_call':
        if (part.signature !== undefined) blocks.push(thinkingBlock({ type: 'reasoning', origin: 'gemini-generate', signature: part.signature }));
        blocks.push({ type: 'tool_use', id: part.id, name: part.name, input: argumentsToObject(part.arguments, part.kind) });
        break;
    }
  }
  return blocks;
}

/** Writes the IR as an Anthropic `message` body, with the served tier in `usage.service_tier`. */
export function encodeAnthropicResponse(ir: IRResponse, ctx: ResponseEncodeContext): Record<string, unknown> {
  const cacheWrite = ir.usage.cacheWriteInputTokens ?? 0;
  return {
    id: withIdPrefix('msg_', ir.id),
    type: 'message',
    role: 'assistant',
    model: ctx.callerModel,
    content: contentBlocks(ir),
    stop_reason: ANTHROPIC_STOP[ir.stopReason],
    stop_sequence: null,
    usage: {
      input_tokens: Math.max(0, ir.usage.inputTokens - ir.usage.cachedInputTokens - cacheWrite),
      cache_creation_input_tokens: cacheWrite,
      cache_read_input_tokens: ir.usage.cachedInputTokens,
      output_tokens: ir.usage.outputTokens,
      ...(ir.usage.reasoningTokens > 0 ? { output_tokens_details: { thinking_tokens: ir.usage.reasoningTokens } } : {}),
      service_tier: writeTierWord(DIALECT, ir.servedTier) ?? null,
    },
  };
}
