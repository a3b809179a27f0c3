import type { DialectId, ProviderId } from '../../core/types.js';

/**
 * The field facts of one wire dialect: where its request keeps the input, the token cap, the
 * tier and the stream flag, and where its response reports the served tier. Data, read by the
 * codecs, the router's checks and the error messages, so each fact is written once.
 */
export interface DialectFacts {
  readonly id: DialectId;
  readonly provider: ProviderId;
  /** How messages name the dialect: `OpenAI Responses`. */
  readonly name: string;
  /** The request field that holds the conversation. */
  readonly inputField: 'input' | 'messages' | 'contents';
  /** Token-cap fields (dotted paths), any one set is enough; the first is the one to suggest. */
  readonly tokenCapFields: readonly [string, ...string[]];
  /** The top-level request field that asks for a tier. */
  readonly tierField: string;
  /** Where a whole response reports the served tier (dotted paths), first match wins. */
  readonly servedTierAt: readonly string[];
  /** The payload field that names a stream event when its SSE `event:` line does not (`type`, Interactions' `event_type`). */
  readonly eventTypeField: string | undefined;
  /** A response header that reports the served tier (Gemini's `x-gemini-service-tier`), if any. */
  readonly servedTierHeader: string | undefined;
  /** The request's stream flag; `undefined` when streaming is chosen by the URL (generateContent). */
  readonly streamField: string | undefined;
  /** A stream reports usage only when asked: the request option that asks (Chat's `stream_options.include_usage`). */
  readonly streamUsageOption: string | undefined;
  /** A resource prefix model ids may carry and the router strips (`models/` on Gemini). */
  readonly modelPrefix: string | undefined;
}
