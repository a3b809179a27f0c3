/**
 * OpenAI `chat.completion` bodies to and from the IR. Only the first choice is read (translated
 * requests always ask for one). Chat has no field for reasoning, so reasoning parts are not
 * written; the usage still counts reasoning tokens.
 */
import type { StopReason } from '../ir/common.js';
import { asArray, asCount, asObject, asString } from '../ir/read.js';
import type { IROutputPart, IRResponse, ResponseEncodeContext } from '../ir/response.js';
import { createdSeconds } from '../ir/response.js';
import { readTierWord, writeTierWord } from '../ir/tiers.js';

const STOP_REASONS: Readonly<Record<string, StopReason>> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
  content_filter: 'refusal',
};

const FINISH_REASONS: Readonly<Record<StopReason, string>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
  // Chat has no failure finish reason; the body shows whatever the provider produced.
  error: 'stop',
};

/** Reads a `chat.completion` body. */
export function decodeChatResponse(body: Record<string, unknown>): IRResponse {
  const choice = asObject(asArray(body['choices'])[0]);
  const message = asObject(choice['message']);
  const content: IROutputPart[] = [];
  const text = asString(message['content']);
  if (text) content.push({ type: 'text', text });
  const refusal = asString(message['refusal']);
  if (refusal) content.push({ type: 'refusal', text: refusal });
  for (const raw of asArray(message['tool_calls'])) {
    const call = asObject(raw);
    const id = asString(call['id']) ?? '';
    if (call['type'] === 'custom') {
      const custom = asObject(call['custom']);
      content.push({ type: 'tool_call', id, name: asString(custom['name']) ?? '', arguments: asString(custom['input']) ?? '', kind: 'custom' });
    } else {
      const fn = asObject(call['function']);
      content.push({ type: 'tool_call', id, name: asString(fn['name']) ?? '', arguments: asString(fn['arguments']) ?? '' });
    }
  }
  const usage = asObject(body['usage']);
  return {
    id: asString(body['id']) ?? '',
    model: asString(body['model']) ?? '',
    content,
    stopReason: STOP_REASONS[asString(choice['finish_reason']) ?? ''] ?? 'end_turn',
    usage: {
      inputTokens: asCount(usage['prompt_tokens']),
      cachedInputTokens: asCount(asObject(usage['prompt_tokens_details'])['cached_tokens']),
      outputTokens: asCount(usage['completion_tokens']),
      reasoningTokens: asCount(asObject(usage['completion_tokens_details'])['reasoning_tokens']),
    },
    servedTier: readTierWord('openai-chat', body['service_tier']),
    ...(typeof body['created'] === 'number' ? { createdAt: body['created'] } : {}),
  };
}

/** Writes the IR as a `chat.completion` body, with the served tier in `service_tier`. */
export function encodeChatResponse(ir: IRResponse, ctx: ResponseEncodeContext): Record<string, unknown> {
  const texts = ir.content.flatMap((part) => (part.type === 'text' ? [part.text] : []));
  const refusals = ir.content.flatMap((part) => (part.type === 'refusal' ? [part.text] : []));
  const calls = ir.content.flatMap((part): unknown[] => {
    if (part.type !== 'tool_call') return [];
    if (part.kind === 'custom') return [{ id: part.id, type: 'custom', custom: { name: part.name, input: part.arguments } }];
    return [{ id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments } }];
  });
  const finishReason = ir.stopReason === 'refusal' && refusals.length > 0 ? 'stop' : FINISH_REASONS[ir.stopReason];
  return {
    id: ir.id,
    object: 'chat.completion',
    created: createdSeconds(ir, ctx),
    model: ctx.callerModel,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: texts.length > 0 ? texts.join('') : null,
          refusal: refusals.length > 0 ? refusals.join('') : null,
          ...(calls.length > 0 ? { tool_calls: calls } : {}),
          annotations: [],
        },
        logprobs: null,
        finish_reason: finishReason,
      },
    ],
    usage: {
      prompt_tokens: ir.usage.inputTokens,
      completion_tokens: ir.usage.outputTokens,
      total_tokens: ir.usage.inputTokens + ir.usage.outputTokens,
      prompt_tokens_details: { cached_tokens: ir.usage.cachedInputTokens },
      completion_tokens_details: { reasoning_tokens: ir.usage.reasoningTokens },
    },
    service_tier: writeTierWord('openai-chat', ir.servedTier) ?? null,
  };
}
