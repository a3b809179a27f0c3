/**
 * Stream events in the internal representation (IR). Every dialect has a stateful decoder (its
 * wire events in, IR events out) and a stateful encoder (IR events in, its SSE frames out);
 * translating a stream is decode, then encode. See `src/dialects/stream-translate.ts`.
 *
 * The event contract decoders guarantee and encoders rely on:
 * - `start` comes first, exactly once; only a stream that fails before it starts (an Anthropic
 *   `error` as the first event, say) is a lone `error`.
 * - Output is a sequence of *blocks* (text, reasoning or one tool call), each named by an `index`
 *   that is unique within the response and grows. A block begins with its first event
 *   (`text-delta`, `reasoning-delta`, `reasoning-signature` or `tool-call-start`) and ends with
 *   `block-end`. Blocks do not overlap: the previous block has ended before the next begins.
 * - A reasoning block carries at most one `reasoning-signature`.
 * - `usage` may come at any time and carries running totals (the last one wins).
 * - The stream ends with exactly one `finish` or one `error`; nothing follows either.
 *
 * What the dialects' decoders and encoders share lives beside this file: `stream-decoding.ts`
 * (keeping that ending, unreadable events, in-band errors) and `stream-encoding.ts` (stopping at
 * the end, the tier shown, made-up ids, custom-tool input).
 */
import type { SseEvent } from '../../sse/events.js';
import type { IRUsage, ServedTier, StopReason } from './common.js';

/** The response began. */
export interface IRStartEvent {
  type: 'start';
  /** The upstream's response id (stable for the whole stream). */
  id: string;
  /** The model as the upstream named it (may be a dated snapshot of the one asked for). */
  model: string;
  /** Creation time in Unix seconds, when the upstream said. */
  createdAt?: number;
  /** The tier the upstream reports serving, when it reports one at the start. */
  servedTier?: ServedTier;
}

/** Visible answer text for block `index`. */
export interface IRTextDeltaEvent {
  type: 'text-delta';
  index: number;
  text: string;
}

/** Reasoning text (a thinking trace or its summary) for block `index`. */
export interface IRReasoningDeltaEvent {
  type: 'reasoning-delta';
  index: number;
  text: string;
}

/**
 * An opaque token the provider attaches to reasoning so it can be sent back on the next turn
 * (Anthropic thinking `signature`, Gemini `thoughtSignature`, OpenAI reasoning
 * `encrypted_content`). Only meaningful to the provider that made it.
 */
export interface IRReasoningSignatureEvent {
  type: 'reasoning-signature';
  index: number;
  signature: string;
}

/** The model calls a tool: block `index` carries its arguments. */
export interface IRToolCallStartEvent {
  type: 'tool-call-start';
  index: number;
  /** Call id the caller echoes back with the tool result. */
  id: string;
  name: string;
  /**
   * `custom`: an OpenAI custom (free-form) tool whose input is plain text, not JSON. Dialects
   * without such tools receive it as JSON `{"input": "<text>"}`.
   */
  kind?: 'function' | 'custom';
  /** Gemini's `thoughtSignature` on the function call part, which Gemini wants back verbatim. */
  signature?: string;
}

/** A fragment of a tool call's arguments (JSON text, or plain text for custom tools). */
export interface IRToolCallDeltaEvent {
  type: 'tool-call-delta';
  index: number;
  argumentsDelta: string;
}

/** Block `index` is complete. */
export interface IRBlockEndEvent {
  type: 'block-end';
  index: number;
}

/** Token counts so far (running totals; the last one wins). */
export interface IRUsageEvent {
  type: 'usage';
  usage: IRUsage;
}

/** The response completed normally. Terminal. */
export interface IRFinishEvent {
  type: 'finish';
  stopReason: StopReason;
  usage?: IRUsage;
  /** The tier the upstream reports serving, when it reports one at the end. */
  servedTier?: ServedTier;
}

/** The response failed (an in-band error event, or the stream ended before it completed). Terminal. */
export interface IRErrorEvent {
  type: 'error';
  message: string;
  /** A short machine-readable code when the upstream gave one (e.g. `overloaded_error`). */
  code?: string;
}

/** One stream event in the internal representation. */
export type IRStreamEvent =
  | IRStartEvent
  | IRTextDeltaEvent
  | IRReasoningDeltaEvent
  | IRReasoningSignatureEvent
  | IRToolCallStartEvent
  | IRToolCallDeltaEvent
  | IRBlockEndEvent
  | IRUsageEvent
  | IRFinishEvent
  | IRErrorEvent;

/** Receives decoded IR events; decoders call it instead of allocating arrays per event. */
export type IREmit = (event: IRStreamEvent) => void;

/**
 * A stateful decoder for one upstream stream in one dialect.
 *
 * @example
 * ```ts
 * const decoder = createAnthropicStreamDecoder();
 * for (const sse of upstreamEvents) decoder.push(sse, (ir) => console.log(ir.type));
 * decoder.end((ir) => console.log(ir.type)); // an `error` here if the stream stopped early
 * ```
 */
export interface StreamDecoder {
  /** Decodes one upstream event, emitting zero or more IR events. */
  push(event: SseEvent, emit: IREmit): void;
  /**
   * The upstream stream ended. Emits what the dialect only knows at the end (Gemini has no end
   * marker), or an `error` when the stream ended before its terminal event.
   */
  end(emit: IREmit): void;
}

/** What an encoder needs to know about the exchange besides the events. */
export interface StreamEncodeContext {
  /** The model the caller asked for; used when the upstream did not name one. */
  callerModel: string;
  /** The tier the router knows it served; used when the upstream does not report one. */
  servedTier?: ServedTier;
  /** Wall clock in milliseconds since the epoch, for `created` fields (injectable for tests). */
  now?: () => number;
}

/**
 * A stateful encoder producing one caller's stream in one dialect: complete SSE frames, with
 * the dialect's event names, ids stable within the response and its closing summary. Events after
 * the terminal `finish` / `error` are ignored.
 *
 * @example
 * ```ts
 * const encoder = createAnthropicStreamEncoder({ callerModel: 'claude-sonnet-4-5' });
 * let body = '';
 * for (const ir of irEvents) body += encoder.push(ir);
 * ```
 */
export interface StreamEncoder {
  /** Encodes one IR event as zero or more complete SSE frames. */
  push(event: IRStreamEvent): string;
}

/** A usage with every count zero. */
export function zeroUsage(): IRUsage {
  return { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 };
}

/** Decodes a whole list of upstream events (tests, whole-response assembly). */
export function decodeAll(decoder: StreamDecoder, events: Iterable<SseEvent>): IRStreamEvent[] {
  const out: IRStreamEvent[] = [];
  const emit: IREmit = (event) => out.push(event);
  for (const event of events) decoder.push(event, emit);
  decoder.end(emit);
  return out;
}

/** Encodes a whole list of IR events into one SSE text. */
export function encodeAll(encoder: StreamEncoder, events: Iterable<IRStreamEvent>): string {
  let text = '';
  for (const event of events) text += encoder.push(event);
  return text;
}
