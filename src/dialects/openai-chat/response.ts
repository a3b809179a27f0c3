/**
 * OpenAI `chat.completion` bodies to and from the IR. Only the first choice is read (translated
 * requests always ask for one). Chat has no field for reasoning, so reasoning parts are not
 * written; the usage still counts reasoning tokens.
 */
import { lookup } from '../ir/lookup.js';
import { asArray, asObject, asString } from '../ir/read.js';
import type { IROutputPart, IRResponse, ResponseEncodeContext } from '../ir/response.js';
import { servedTierFromWire, writeTierWord } from '../ir/tiers.js';
import { createdSeconds } from '../ir/time.js';
import { FINISH_REASONS, STOP_REASONS } from './stop-reasons.js';
import { chatUsage, usageFromChat } from './usage.js';
import { withIdPrefix } from '../ir/ids.js';

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
  return {
    id: asString(body['id']) ?? '',
    model: asString(body['model']) ?? '',
    content,
    stopReason: lookup(STOP_REASONS, choice['finish_reason']) ?? 'end_turn',
    usage: usageFromChat(body['usage']),
    servedTier: servedTierFromWire(body['service_tier']) ?? 'unknown',
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
    return [{ id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments || '{}' } }]; // never "": it must parse
  });
  const finishReason = ir.stopReason === 'refusal' && refusals.length > 0 ? 'stop' : FINISH_REASONS[ir.stopReason];
  return {
    id: withIdPrefix('chatcmpl-', ir.id),
    object: 'chat.completion',
    created: createdSeconds(ir.createdAt, ctx.now),
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
    usage: chatUsage(ir.usage),
    service_tier: writeTierWord('openai-chat', ir.servedTier) ?? null,
  };
}
