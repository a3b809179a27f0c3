/**
 * Shared pieces for the stream translation tests: recorded streams split into single responses,
 * decoding SSE text to IR events, and a summary of what a caller would see (text, reasoning,
 * tool calls, stop reason, usage) to compare translations by.
 */
import type { DialectId } from '../../../src/core/types.js';
import { decodeAll, encodeAll, type IRStreamEvent, type StreamEncodeContext } from '../../../src/dialects/ir/stream.js';
import type { IRUsage, ServedTier, StopReason } from '../../../src/dialects/ir/common.js';
import { createStreamDecoder, createStreamEncoder } from '../../../src/dialects/stream-translate.js';
import { parseSseEvents, type SseEvent } from '../../../src/sse/events.js';
import { encodeSseText } from '../../../src/sse/frames.js';
import { transcriptDialect, transcriptEvents, transcriptNames } from '../../support/transcripts.js';

export const ALL_DIALECTS: readonly DialectId[] = [
  'openai-responses',
  'openai-chat',
  'anthropic-messages',
  'gemini-generate',
  'gemini-interactions',
];

/** A fixed clock, so encoders that stamp `created` give the same bytes on every run. */
export const FIXED_CTX: StreamEncodeContext = { callerModel: 'caller-model', now: () => 1_767_225_600_000 };

export interface RecordedStream {
  /** Transcript name, with `#n` for the n-th response of a transcript holding several. */
  name: string;
  dialect: DialectId;
  events: SseEvent[];
}

/** Response-ending events of OpenAI Responses; one recorded file may hold several responses. */
const RESPONSES_ENDS = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/** Every recorded stream, one entry per response. */
export function recordedStreams(): RecordedStream[] {
  const streams: RecordedStream[] = [];
  for (const name of transcriptNames()) {
    const dialect = transcriptDialect(name);
    const events = transcriptEvents(name, dialect);
    if (dialect !== 'openai-responses') {
      streams.push({ name, dialect, events });
      continue;
    }
    let current: SseEvent[] = [];
    const parts: SseEvent[][] = [];
    for (const event of events) {
      current.push(event);
      if (event.event !== undefined && RESPONSES_ENDS.has(event.event)) {
        parts.push(current);
        current = [];
      }
    }
    if (current.length > 0) parts.push(current);
    parts.forEach((part, i) => streams.push({ name: parts.length > 1 ? `${name}#${i + 1}` : name, dialect, events: part }));
  }
  return streams;
}

export function sseText(events: readonly SseEvent[]): string {
  return events.map(encodeSseText).join('');
}

/** Decodes SSE text of `dialect` to IR events (end of stream included). */
export function decodeText(dialect: DialectId, text: string): IRStreamEvent[] {
  return decodeAll(createStreamDecoder(dialect), parseSseEvents(text));
}

/** Encodes IR events as `dialect` SSE text. */
export function encodeText(dialect: DialectId, events: readonly IRStreamEvent[], ctx: StreamEncodeContext = FIXED_CTX): string {
  return encodeAll(createStreamEncoder(dialect, ctx), events);
}

export interface ToolCallSummary {
  id: string;
  name: string;
  /** Arguments as a value (custom-tool text as `{input}`, as every non-Responses dialect carries it). */
  args: unknown;
  signature?: string;
}

export interface StreamSummary {
  text: string;
  reasoning: string;
  signatures: string[];
  toolCalls: ToolCallSummary[];
  stopReason?: StopReason;
  /** The tier the stream reports serving (at its end, else at its start). */
  servedTier?: ServedTier;
  usage?: IRUsage;
  error?: { message: string; code?: string };
}

/** What a caller of any dialect would get out of these IR events. */
export function summarize(events: readonly IRStreamEvent[]): StreamSummary {
  const summary: StreamSummary = { text: '', reasoning: '', signatures: [], toolCalls: [] };
  const calls = new Map<number, { call: ToolCallSummary; raw: string; custom: boolean }>();
  for (const event of events) {
    switch (event.type) {
      case 'text-delta':
        summary.text += event.text;
        break;
      case 'reasoning-delta':
        summary.reasoning += event.text;
        break;
      case 'reasoning-signature':
        summary.signatures.push(event.signature);
        break;
      case 'tool-call-start': {
        const call: ToolCallSummary = { id: event.id, name: event.name, args: undefined, ...(event.signature ? { signature: event.signature } : {}) };
        calls.set(event.index, { call, raw: '', custom: event.kind === 'custom' });
        summary.toolCalls.push(call);
        break;
      }
      case 'tool-call-delta': {
        const entry = calls.get(event.index);
        if (entry) entry.raw += event.argumentsDelta;
        break;
      }
      case 'start':
        if (event.servedTier) summary.servedTier = event.servedTier;
        break;
      case 'usage':
        summary.usage = event.usage;
        break;
      case 'finish':
        summary.stopReason = event.stopReason;
        if (event.servedTier) summary.servedTier = event.servedTier;
        if (event.usage) summary.usage = event.usage;
        break;
      case 'error':
        summary.error = { message: event.message, ...(event.code ? { code: event.code } : {}) };
        break;
      default:
        break;
    }
  }
  for (const { call, raw, custom } of calls.values()) {
    call.args = custom ? { input: raw } : raw.trim() === '' ? {} : (JSON.parse(raw) as unknown);
  }
  return summary;
}
