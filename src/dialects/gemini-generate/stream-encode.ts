/**
 * IR stream events to a Gemini `streamGenerateContent?alt=sse` stream: unnamed `data:` chunks,
 * each a partial `GenerateContentResponse` with the new parts of candidate 0. Text and thoughts
 * stream as they come; a function call is sent whole when its block ends (Gemini carries
 * arguments as an object, not as text). The last chunk has the `finishReason` and the
 * `usageMetadata` (with `serviceTier`). A failure is a chunk with an `error` object, which the
 * Google SDK throws as `ApiError`.
 */
import { encodeSseText } from '../../sse/frames.js';
import { argumentsToObject } from '../ir/arguments.js';
import type { IRUsage } from '../ir/common.js';
import type { IRStartEvent, IRStreamEvent, StreamEncodeContext, StreamEncoder } from '../ir/stream.js';
import { shownTierWord, stopsAtEnd } from '../ir/stream-encoding.js';
import { DIALECT } from './parts.js';
import { FINISH_REASONS } from './stop-reasons.js';
import { usageMetadata } from './usage.js';

/**
 * The chunk Gemini sends for a failure mid-stream (`{"error":{"code","message","status"}}`),
 * which `@google/genai` throws as `ApiError` with that status.
 */
export function geminiErrorFrame(message: string, code = 500, status = 'INTERNAL', details?: unknown[]): string {
  return encodeSseText({ data: JSON.stringify({ error: { code, message, status, ...(details ? { details } : {}) } }) });
}

interface PendingCall {
  irIndex: number;
  id: string;
  name: string;
  kind: 'function' | 'custom' | undefined;
  signature: string | undefined;
  args: string;
}

/** Creates an encoder for one Gemini generateContent stream. */
export function createGeminiStreamEncoder(ctx: StreamEncodeContext): StreamEncoder {
  let start: IRStartEvent | undefined;
  let usage: IRUsage | undefined;
  let call: PendingCall | undefined;
  /** What follows the parts in a chunk of `parts(…)`, as JSON text; made again when `start` changes. */
  let partsTail: string | undefined;

  function chunk(candidate: Record<string, unknown>, extra?: Record<string, unknown>): string {
    const body = {
      candidates: [{ ...candidate, index: 0 }],
      ...extra,
      modelVersion: start?.model || ctx.callerModel,
      ...(start?.id ? { responseId: start.id } : {}),
    };
    return encodeSseText({ data: JSON.stringify(body) });
  }

  function parts(...list: Record<string, unknown>[]): string {
    return chunk({ content: { parts: list, role: 'model' } });
  }

  /**
   * `parts(part)` for one part given as JSON text (`{"text":"Hi"}`), from a template, for the
   * chunks sent per token: the same bytes, since `JSON.stringify` writes a string the same alone
   * as inside an object and escapes every line break (so the data is one line).
   */
  function onePartChunk(partJson: string): string {
    partsTail ??=
      `],"role":"model"},"index":0}],"modelVersion":${JSON.stringify(start?.model || ctx.callerModel)}` +
      `${start?.id ? `,"responseId":${JSON.stringify(start.id)}` : ''}}\n\n`;
    return `data: {"candidates":[{"content":{"parts":[${partJson}${partsTail}`;
  }

  function flushCall(): string {
    if (!call) return '';
    const pending = call;
    call = undefined;
    const functionCall = { name: pending.name, args: argumentsToObject(pending.args, pending.kind), ...(pending.id ? { id: pending.id } : {}) };
    return parts({ functionCall, ...(pending.signature ? { thoughtSignature: pending.signature } : {}) });
  }

  function push(event: IRStreamEvent): string {
    switch (event.type) {
      case 'start':
        start = event;
        partsTail = undefined;
        return '';
      case 'usage':
        usage = event.usage;
        return '';
      case 'text-delta':
        return event.text === '' ? '' : onePartChunk(`{"text":${JSON.stringify(event.text)}}`);
      case 'reasoning-delta':
        return event.text === '' ? '' : onePartChunk(`{"text":${JSON.stringify(event.text)},"thought":true}`);
      case 'reasoning-signature':
        return parts({ text: '', thoughtSignature: event.signature });
      case 'tool-call-start': {
        const text = flushCall();
        call = { irIndex: event.index, id: event.id, name: event.name, kind: event.kind, signature: event.signature, args: '' };
        return text;
      }
      case 'tool-call-delta':
        if (call?.irIndex === event.index) call.args += event.argumentsDelta;
        return '';
      case 'block-end':
        return call?.irIndex === event.index ? flushCall() : '';
      case 'finish': {
        const final = event.usage ?? usage;
        const tier = shownTierWord(DIALECT, event.servedTier, start, ctx);
        return (
          flushCall() +
          chunk(
            { content: { parts: [{ text: '' }], role: 'model' }, finishReason: FINISH_REASONS[event.stopReason] },
            final ? { usageMetadata: usageMetadata(final, tier) } : tier ? { usageMetadata: { serviceTier: tier } } : undefined,
          )
        );
      }
      case 'error':
        return geminiErrorFrame(event.message);
    }
  }

  return stopsAtEnd(push);
}
