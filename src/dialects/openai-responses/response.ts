/**
 * OpenAI `response` objects to and from the IR.
 *
 * Item ids in an encoded response are derived from the response id and the item's position, so
 * the same IR always gives the same body. Reasoning another provider made travels in a reasoning
 * item's `encrypted_content`, wrapped so it finds its way back (see `reasoning.ts`); that includes
 * Gemini's thought signature on a function call, written as a reasoning item just before the call.
 */
import type { StopReason } from '../ir/common.js';
import { asArray, asObject, asString } from '../ir/read.js';
import { reasoningFromSlot, reasoningSlot } from '../ir/reasoning.js';
import type { IRReasoningPart, IRRefusalPart, IRTextPart } from '../ir/request.js';
import type { IROutputPart, IRResponse, ResponseEncodeContext } from '../ir/response.js';
import { servedTierFromWire, writeTierWord } from '../ir/tiers.js';
import { createdSeconds } from '../ir/time.js';
import { responsesUsage, usageFromResponses } from './usage.js';
import { withIdPrefix } from '../ir/ids.js';

const DIALECT = 'openai-responses';

function decodeReasoningItem(item: Record<string, unknown>): IRReasoningPart {
  const text = asArray(item['summary'])
    .map((part) => asString(asObject(part)['text']) ?? '')
    .join('\n\n');
  return reasoningFromSlot(asString(item['encrypted_content']), DIALECT, text, asString(item['id']));
}

function stopReason(body: Record<string, unknown>, content: readonly IROutputPart[]): StopReason {
  switch (body['status']) {
    case 'incomplete': {
      const reason = asObject(body['incomplete_details'])['reason'];
      return reason === 'content_filter' ? 'refusal' : 'max_tokens';
    }
    case 'failed':
    case 'cancelled':
      return 'error';
    default:
      return content.some((part) => part.type === 'tool_call') ? 'tool_use' : 'end_turn';
  }
}

/** Reads a `response` object (non-streaming body, or `response.completed`'s `response`). */
export function decodeResponsesResponse(body: Record<string, unknown>): IRResponse {
  const content: IROutputPart[] = [];
  for (const raw of asArray(body['output'])) {
    const item = asObject(raw);
    switch (item['type']) {
      case 'message':
        for (const rawPart of asArray(item['content'])) {
          const part = asObject(rawPart);
          if (part['type'] === 'output_text' && asString(part['text'])) content.push({ type: 'text', text: asString(part['text']) ?? '' });
          if (part['type'] === 'refusal' && asString(part['refusal'])) content.push({ type: 'refusal', text: asString(part['refusal']) ?? '' });
        }
        break;
      case 'reasoning':
        content.push(decodeReasoningItem(item));
        break;
      case 'function_call':
        content.push({ type: 'tool_call', id: asString(item['call_id']) ?? '', name: asString(item['name']) ?? '', arguments: asString(item['arguments']) ?? '' });
        break;
      case 'custom_tool_call':
        content.push({ type: 'tool_call', id: asString(item['call_id']) ?? '', name: asString(item['name']) ?? '', arguments: asString(item['input']) ?? '', kind: 'custom' });
        break;
    }
  }
  return {
    id: asString(body['id']) ?? '',
    model: asString(body['model']) ?? '',
    content,
    stopReason: stopReason(body, content),
    usage: usageFromResponses(body['usage']),
    servedTier: servedTierFromWire(body['service_tier']) ?? 'unknown',
    ...(typeof body['created_at'] === 'number' ? { createdAt: body['created_at'] } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Encoding

function itemIds(responseId: string): (prefix: string) => string {
  const stem = responseId.replace(/^resp_/, '').replace(/[^A-Za-z0-9_-]/g, '');
  let n = 0;
  return (prefix) => `${prefix}_${stem}_${n++}`;
}

function reasoningItem(part: IRReasoningPart, id: string): Record<string, unknown> {
  const token = reasoningSlot(part, DIALECT);
  return {
    id: part.origin === DIALECT && part.id !== undefined ? part.id : id,
    type: 'reasoning',
    summary: part.text !== undefined ? [{ type: 'summary_text', text: part.text }] : [],
    ...(token !== undefined ? { encrypted_content: token } : {}),
  };
}

function messageItem(run: Array<IRTextPart | IRRefusalPart>, id: string): Record<string, unknown> {
  return {
    id,
    type: 'message',
    status: 'completed',
    role: 'assistant',
    content: run.map((part) =>
      part.type === 'text' ? { type: 'output_text', text: part.text, annotations: [], logprobs: [] } : { type: 'refusal', refusal: part.text },
    ),
  };
}

function outputItems(ir: IRResponse): unknown[] {
  const nextId = itemIds(ir.id);
  const items: unknown[] = [];
  let run: Array<IRTextPart | IRRefusalPart> = [];
  const flush = (): void => {
    if (run.length > 0) items.push(messageItem(run, nextId('msg')));
    run = [];
  };
  for (const part of ir.content) {
    if (part.type === 'text' || part.type === 'refusal') {
      run.push(part);
      continue;
    }
    flush();
    if (part.type === 'reasoning') {
      items.push(reasoningItem(part, nextId('rs')));
      continue;
    }
    if (part.signature !== undefined) {
      items.push(reasoningItem({ type: 'reasoning', origin: 'gemini-generate', signature: part.signature }, nextId('rs')));
    }
    items.push(
      part.kind === 'custom'
        ? { id: nextId('ctc'), type: 'custom_tool_call', status: 'completed', call_id: part.id, name: part.name, input: part.arguments }
        : { id: nextId('fc'), type: 'function_call', status: 'completed', call_id: part.id, name: part.name, arguments: part.arguments || '{}' },
    );
  }
  flush();
  return items;
}

function status(ir: IRResponse): { status: string; incomplete_details: unknown; error: unknown } {
  const refused = ir.content.some((part) => part.type === 'refusal');
  switch (ir.stopReason) {
    case 'max_tokens':
      return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, error: null };
    case 'refusal':
      return refused
        ? { status: 'completed', incomplete_details: null, error: null }
        : { status: 'incomplete', incomplete_details: { reason: 'content_filter' }, error: null };
    case 'error':
      return { status: 'failed', incomplete_details: null, error: { code: 'server_error', message: 'The provider reported that generation failed.' } };
    default:
      return { status: 'completed', incomplete_details: null, error: null };
  }
}

/** Writes the IR as a Responses `response` object, with the served tier in `service_tier`. */
export function encodeResponsesResponse(ir: IRResponse, ctx: ResponseEncodeContext): Record<string, unknown> {
  return {
    id: withIdPrefix('resp_', ir.id),
    object: 'response',
    created_at: createdSeconds(ir.createdAt, ctx.now),
    ...status(ir),
    model: ctx.callerModel,
    output: outputItems(ir),
    usage: responsesUsage(ir.usage),
    service_tier: writeTierWord(DIALECT, ir.servedTier) ?? null,
  };
}
