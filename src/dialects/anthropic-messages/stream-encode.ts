/**
 * IR stream events to an Anthropic Messages stream, as the official SDK's `MessageStream`
 * expects it: `message_start`, content blocks numbered from 0 (`content_block_start`, deltas,
 * `content_block_stop`), `message_delta` with the stop reason and usage, `message_stop`.
 * A failure becomes `event: error` with Anthropic's error body, which the SDK throws as `APIError`.
 */
import { encodeSseText } from '../../sse/frames.js';
import type { IRUsage } from '../ir/common.js';
import { zeroUsage, type IRStartEvent, type IRStreamEvent, type StreamEncodeContext, type StreamEncoder } from '../ir/stream.js';
import { customInputJson, randomId, shownTierWord, stopsAtEnd } from '../ir/stream-encoding.js';
import { ANTHROPIC_STOP } from './stop-reasons.js';
import { withIdPrefix } from '../ir/ids.js';

const DIALECT = 'anthropic-messages';

function frame(type: string, body: Record<string, unknown>): string {
  return encodeSseText({ event: type, data: JSON.stringify({ type, ...body }) });
}

/** Each `content_block_delta` kind and the field carrying its one string. */
const DELTA_FIELDS = {
  text_delta: 'text',
  thinking_delta: 'thinking',
  signature_delta: 'signature',
  input_json_delta: 'partial_json',
} as const;

type DeltaKind = keyof typeof DELTA_FIELDS;

const DELTA_HEAD = 'event: content_block_delta\ndata: {"type":"content_block_delta","index":';
const DELTA_OPEN = Object.fromEntries(
  Object.entries(DELTA_FIELDS).map(([kind, field]) => [kind, `,"delta":{"type":"${kind}","${field}":`]),
) as Record<DeltaKind, string>;

/**
 * A `content_block_delta` frame, the one sent per token, written from a template: the bytes of
 * `frame('content_block_delta', { index, delta: { type: kind, [field]: value } })` without the
 * objects. `JSON.stringify` writes a string the same alone as inside an object and escapes every
 * line break, so the data is one line; `index` is a whole number, written the same either way.
 */
function deltaFrame(index: number, kind: DeltaKind, value: string): string {
  return `${DELTA_HEAD}${index}${DELTA_OPEN[kind]}${JSON.stringify(value)}}}\n\n`;
}

/** The opening of a text or thinking block (module-level, so no closure is made per delta). */
const TEXT_BLOCK = (): Record<string, unknown> => ({ type: 'text', text: '' });
const THINKING_BLOCK = (): Record<string, unknown> => ({ type: 'thinking', thinking: '', signature: '' });

/** Anthropic counts `input_tokens` without cache reads, so the cached part is taken out again. */
function wireUsage(usage: IRUsage): Record<string, number> {
  return {
    input_tokens: usage.inputTokens - usage.cachedInputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: usage.cachedInputTokens,
    output_tokens: usage.outputTokens,
  };
}

/**
 * The error event an Anthropic SDK throws as `APIError` (`{"type":"error","error":{...}}`).
 *
 * @example
 * ```ts
 * anthropicErrorFrame('Flex failed after it started.', 'api_error');
 * // 'event: error\ndata: {"type":"error","error":{"type":"api_error","message":"Flex failed after it started."}}\n\n'
 * ```
 */
export function anthropicErrorFrame(message: string, type = 'api_error'): string {
  return frame('error', { error: { type, message } });
}

type BlockKind = 'text' | 'thinking' | 'tool';

/** Creates an encoder for one Anthropic Messages stream. */
export function createAnthropicStreamEncoder(ctx: StreamEncodeContext): StreamEncoder {
  let start: IRStartEvent | undefined;
  let started = false;
  let usage = zeroUsage();
  /** The IR block open on the wire, its kind and Anthropic index; Anthropic blocks never overlap. */
  let current: { irIndex: number; kind: BlockKind; custom: boolean; argsSeen: boolean } | undefined;
  let nextIndex = 0;

  function ensureStarted(): string {
    if (started) return '';
    started = true;
    const tier = shownTierWord(DIALECT, undefined, start, ctx);
    return frame('message_start', {
      message: {
        id: withIdPrefix('msg_', start?.id ?? '') || randomId('msg_'),
        type: 'message',
        role: 'assistant',
        model: start?.model || ctx.callerModel,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...wireUsage(usage), ...(tier ? { service_tier: tier } : {}) },
      },
    });
  }

  function closeCurrent(): string {
    if (!current) return '';
    const index = nextIndex - 1;
    let text = '';
    if (current.custom) text += deltaFrame(index, 'input_json_delta', customInputJson.close);
    // A call with no arguments still streams JSON that parses: "{}", never "".
    else if (current.kind === 'tool' && !current.argsSeen) text += deltaFrame(index, 'input_json_delta', '{}');
    current = undefined;
    return text + frame('content_block_stop', { index });
  }

  /** Makes `irIndex` the open block, opening it as `kind` if it is new. */
  function enter(irIndex: number, kind: BlockKind, contentBlock: () => Record<string, unknown>): string {
    if (current?.irIndex === irIndex) return '';
    const text = closeCurrent();
    current = { irIndex, kind, custom: false, argsSeen: false };
    return text + frame('content_block_start', { index: nextIndex++, content_block: contentBlock() });
  }

  function push(event: IRStreamEvent): string {
    switch (event.type) {
      case 'start':
        start = event;
        return ''; // message_start waits for the first content or usage, so it can carry the input usage
      case 'usage':
        usage = event.usage;
        return '';
      case 'text-delta': {
        const text = ensureStarted() + enter(event.index, 'text', TEXT_BLOCK);
        return event.text === '' ? text : text + deltaFrame(nextIndex - 1, 'text_delta', event.text);
      }
      case 'reasoning-delta': {
        const text = ensureStarted() + enter(event.index, 'thinking', THINKING_BLOCK);
        return event.text === '' ? text : text + deltaFrame(nextIndex - 1, 'thinking_delta', event.text);
      }
      case 'reasoning-signature': {
        const text = ensureStarted() + enter(event.index, 'thinking', THINKING_BLOCK);
        if (current?.kind !== 'thinking') return text;
        return text + deltaFrame(nextIndex - 1, 'signature_delta', event.signature);
      }
      case 'tool-call-start': {
        let text =
          ensureStarted() +
          enter(event.index, 'tool', () => ({ type: 'tool_use', id: event.id, name: event.name, input: {} }));
        if (event.kind === 'custom' && current) {
          current.custom = true;
          text += deltaFrame(nextIndex - 1, 'input_json_delta', customInputJson.open);
        }
        return text;
      }
      case 'tool-call-delta': {
        if (current?.irIndex !== event.index || current.kind !== 'tool') return '';
        if (event.argumentsDelta !== '') current.argsSeen = true;
        const json = current.custom ? customInputJson.fragment(event.argumentsDelta) : event.argumentsDelta;
        return deltaFrame(nextIndex - 1, 'input_json_delta', json);
      }
      case 'block-end':
        return current?.irIndex === event.index ? closeCurrent() : '';
      case 'finish': {
        if (event.usage) usage = event.usage;
        const tier = shownTierWord(DIALECT, event.servedTier, start, ctx);
        return (
          ensureStarted() +
          closeCurrent() +
          frame('message_delta', {
            delta: { stop_reason: ANTHROPIC_STOP[event.stopReason], stop_sequence: null },
            usage: { ...wireUsage(usage), ...(tier ? { service_tier: tier } : {}) },
          }) +
          frame('message_stop', {})
        );
      }
      case 'error':
        return anthropicErrorFrame(event.message, event.code === 'overloaded_error' ? 'overloaded_error' : 'api_error');
    }
  }

  return stopsAtEnd(push);
}
