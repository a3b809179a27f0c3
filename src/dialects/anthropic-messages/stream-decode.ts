/**
 * Anthropic Messages stream events to IR stream events.
 *
 * Wire: `message_start`, then per content block `content_block_start` / `content_block_delta`… /
 * `content_block_stop`, then `message_delta` (stop reason, final usage) and `message_stop`;
 * `ping` anywhere; `error` on failure. Blocks the IR has no room for (server tool use, web search
 * results) are skipped whole: they are the provider's own actions, not something the caller runs.
 */
import type { SseEvent } from '../../sse/events.js';
import type { IRUsage, ServedTier, StopReason } from '../ir/common.js';
import { lookup } from '../ir/lookup.js';
import { zeroUsage, type IREmit, type StreamDecoder } from '../ir/stream.js';
import { endsOnce, eventData, upstreamError } from '../ir/stream-decoding.js';
import { servedTierFromWire } from '../ir/tiers.js';
import { STOP_REASONS } from './stop-reasons.js';

interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  service_tier?: string | null;
}

/** IR counts include cached input; Anthropic's `input_tokens` does not, so cache reads and writes are added back. */
function mergeUsage(into: IRUsage, wire: AnthropicUsage | undefined): void {
  if (!wire) return;
  const base = wire.input_tokens ?? undefined;
  const read = wire.cache_read_input_tokens ?? undefined;
  const created = wire.cache_creation_input_tokens ?? undefined;
  if (base !== undefined || read !== undefined || created !== undefined) {
    into.inputTokens = (base ?? 0) + (read ?? 0) + (created ?? 0);
    into.cachedInputTokens = read ?? 0;
  }
  if (typeof wire.output_tokens === 'number') into.outputTokens = wire.output_tokens;
}

/** Creates a decoder for one Anthropic Messages stream. */
export function createAnthropicStreamDecoder(): StreamDecoder {
  const usage = zeroUsage();
  /** Anthropic block indexes we translate (skipped block kinds are absent). */
  const open = new Set<number>();
  let stopReason: StopReason = 'end_turn';
  /** A tier reported after message_start (Anthropic itself reports it only there; translated streams may know it later). */
  let lateTier: ServedTier | undefined;

  function push(sse: SseEvent, emit: IREmit): void {
    const data = eventData(sse, 'Anthropic', 'event', emit);
    if (!data) return;
    const index = typeof data.index === 'number' ? data.index : -1;
    switch (data.type ?? sse.event) {
      case 'message_start': {
        const message = (data.message ?? {}) as { id?: string; model?: string; usage?: AnthropicUsage };
        const tier = servedTierFromWire(message.usage?.service_tier);
        emit({ type: 'start', id: message.id ?? '', model: message.model ?? '', ...(tier ? { servedTier: tier } : {}) });
        mergeUsage(usage, message.usage);
        emit({ type: 'usage', usage: { ...usage } });
        return;
      }
      case 'content_block_start': {
        const block = (data.content_block ?? {}) as Record<string, unknown>;
        if (block.type === 'text') {
          open.add(index);
          if (typeof block.text === 'string' && block.text !== '') emit({ type: 'text-delta', index, text: block.text });
          else emit({ type: 'text-delta', index, text: '' });
        } else if (block.type === 'thinking') {
          open.add(index);
          emit({ type: 'reasoning-delta', index, text: typeof block.thinking === 'string' ? block.thinking : '' });
          if (typeof block.signature === 'string' && block.signature !== '') {
            emit({ type: 'reasoning-signature', index, signature: block.signature });
          }
        } else if (block.type === 'redacted_thinking') {
          open.add(index);
          emit({ type: 'reasoning-signature', index, signature: typeof block.data === 'string' ? block.data : '' });
        } else if (block.type === 'tool_use') {
          open.add(index);
          emit({ type: 'tool-call-start', index, id: String(block.id ?? ''), name: String(block.name ?? '') });
          // A complete input in the start event (never seen streamed, but legal) is sent as one fragment.
          const input = block.input;
          if (input && typeof input === 'object' && Object.keys(input).length > 0) {
            emit({ type: 'tool-call-delta', index, argumentsDelta: JSON.stringify(input) });
          }
        }
        return;
      }
      case 'content_block_delta': {
        // A delta for a block that is not open is passed on as it came: the stream guard of a
        // translation turns it into the caller's failure event (events out of order).
        const delta = (data.delta ?? {}) as Record<string, unknown>;
        if (delta.type === 'text_delta' && typeof delta.text === 'string') {
          emit({ type: 'text-delta', index, text: delta.text });
        } else if (delta.type === 'thinking_delta' && typeof delta.thinking === 'string') {
          emit({ type: 'reasoning-delta', index, text: delta.thinking });
        } else if (delta.type === 'signature_delta' && typeof delta.signature === 'string') {
          emit({ type: 'reasoning-signature', index, signature: delta.signature });
        } else if (delta.type === 'input_json_delta' && typeof delta.partial_json === 'string') {
          if (delta.partial_json !== '') emit({ type: 'tool-call-delta', index, argumentsDelta: delta.partial_json });
        }
        return;
      }
      case 'content_block_stop':
        if (open.delete(index)) emit({ type: 'block-end', index });
        return;
      case 'message_delta': {
        const delta = (data.delta ?? {}) as { stop_reason?: string | null };
        if (delta.stop_reason) stopReason = lookup(STOP_REASONS, delta.stop_reason) ?? 'end_turn';
        const wire = data.usage as AnthropicUsage | undefined;
        mergeUsage(usage, wire);
        lateTier = servedTierFromWire(wire?.service_tier) ?? lateTier;
        emit({ type: 'usage', usage: { ...usage } });
        return;
      }
      case 'message_stop':
        for (const index of open) emit({ type: 'block-end', index });
        open.clear();
        emit({ type: 'finish', stopReason, usage: { ...usage }, ...(lateTier ? { servedTier: lateTier } : {}) });
        return;
      case 'error':
        emit(upstreamError(data.error, 'Anthropic reported an error in the stream.', ['type']));
        return;
      default:
        return; // ping and event kinds added after this was written carry nothing to translate
    }
  }

  return endsOnce({ push }, 'The Anthropic stream ended before message_stop: the response is incomplete.');
}
