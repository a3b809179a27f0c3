/**
 * Gemini Interactions `interaction` bodies to and from the IR.
 *
 * Steps a model turn can hold: `thought` (reasoning token and summary), `model_output` (text),
 * `function_call`; provider-run tool steps (`google_search_call` …) are not carried. Status says
 * how it stopped: `requires_action` waits for function results.
 */
import { argumentsToObject } from '../ir/arguments.js';
import { lookup } from '../ir/lookup.js';
import { asArray, asObject, asString } from '../ir/read.js';
import { reasoningFromSlot, reasoningSlot } from '../ir/reasoning.js';
import type { JsonObject } from '../ir/request.js';
import type { IROutputPart, IRResponse, ResponseEncodeContext } from '../ir/response.js';
import { servedTierFromWire, writeTierWord } from '../ir/tiers.js';
import { createdSeconds, isoFromSeconds, secondsFromIso } from '../ir/time.js';
import { STATUSES, STOP_REASONS } from './statuses.js';
import { interactionsUsage, usageFromInteractions } from './usage.js';

const DIALECT = 'gemini-interactions';

function summaryText(step: JsonObject): string {
  return asArray(step['summary'])
    .map((content) => asString(asObject(content)['text']) ?? '')
    .join('');
}

/** Reads an `interaction` body (non-streaming, or `interaction.completed`'s `interaction`). */
export function decodeInteractionsResponse(body: Record<string, unknown>): IRResponse {
  const content: IROutputPart[] = [];
  for (const raw of asArray(body['steps'])) {
    const step = asObject(raw);
    switch (step['type']) {
      case 'thought':
        content.push(reasoningFromSlot(asString(step['signature']) || undefined, DIALECT, summaryText(step)));
        break;
      case 'model_output':
        for (const item of asArray(step['content'])) {
          const text = asString(asObject(item)['text']);
          if (asObject(item)['type'] === 'text' && text) content.push({ type: 'text', text });
        }
        break;
      case 'function_call':
        content.push({ type: 'tool_call', id: asString(step['id']) ?? '', name: asString(step['name']) ?? '', arguments: JSON.stringify(step['arguments'] ?? {}) });
        break;
    }
  }
  const createdAt = secondsFromIso(body['created']);
  let stopReason = lookup(STOP_REASONS, body['status']) ?? 'end_turn';
  if (stopReason === 'end_turn' && content.some((part) => part.type === 'tool_call')) stopReason = 'tool_use';
  return {
    id: asString(body['id']) ?? '',
    model: asString(body['model']) ?? '',
    content,
    stopReason,
    usage: usageFromInteractions(body['usage']),
    servedTier: servedTierFromWire(body['service_tier']) ?? 'unknown',
    ...(createdAt !== undefined ? { createdAt } : {}),
  };
}

function steps(ir: IRResponse): JsonObject[] {
  const out: JsonObject[] = [];
  let run: JsonObject[] = [];
  const flush = (): void => {
    if (run.length > 0) out.push({ type: 'model_output', content: run });
    run = [];
  };
  for (const part of ir.content) {
    if (part.type === 'text' || part.type === 'refusal') {
      run.push({ type: 'text', text: part.text });
      continue;
    }
    flush();
    if (part.type === 'reasoning') {
      const signature = reasoningSlot(part, DIALECT);
      out.push({
        type: 'thought',
        ...(signature !== undefined ? { signature } : {}),
        ...(part.text !== undefined ? { summary: [{ type: 'text', text: part.text }] } : {}),
      });
      continue;
    }
    if (part.signature !== undefined) {
      out.push({ type: 'thought', signature: reasoningSlot({ type: 'reasoning', origin: 'gemini-generate', signature: part.signature }, DIALECT) });
    }
    out.push({ type: 'function_call', id: part.id, name: part.name, arguments: argumentsToObject(part.arguments, part.kind) });
  }
  flush();
  return out;
}

/** Writes the IR as an `interaction` body, with the served tier in `service_tier`. */
export function encodeInteractionsResponse(ir: IRResponse, ctx: ResponseEncodeContext): Record<string, unknown> {
  const created = isoFromSeconds(createdSeconds(ir.createdAt, ctx.now));
  const tier = writeTierWord(DIALECT, ir.servedTier);
  return {
    id: ir.id,
    object: 'interaction',
    model: ctx.callerModel,
    status: STATUSES[ir.stopReason],
    created,
    updated: created,
    ...(tier !== undefined ? { service_tier: tier } : {}),
    usage: interactionsUsage(ir.usage),
    steps: steps(ir),
  };
}
