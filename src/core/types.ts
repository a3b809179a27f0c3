/**
 * Vocabulary shared by every layer: providers, wire dialects, caller formats, tiers.
 * Plain string unions so they serialise into headers, events and docs unchanged.
 */

/** An upstream LLM provider. */
export type ProviderId = 'openai' | 'gemini' | 'anthropic';

/** A wire dialect: one request/response/stream shape as a provider speaks it. */
export type DialectId =
  | 'openai-responses'
  | 'openai-chat'
  | 'anthropic-messages'
  | 'gemini-generate'
  | 'gemini-interactions';

/** The four request shapes a caller may send to the router. */
export type CallerFormat = 'openai-responses' | 'openai-chat' | 'anthropic-messages' | 'gemini-interactions';

/** What `start_within` means once parsed. */
export type StartWithin =
  | {
      /** A tier word: proxy straight to that tier, no race. */
      kind: 'tier';
      /** The word the caller sent. */
      tier: 'default' | 'priority' | 'auto';
    }
  | {
      /** A duration: run the flex race. */
      kind: 'race';
      /** The window flex has to start in, 5 000 to 600 000 ms. */
      windowMs: number;
    };

/** Why a flex attempt lost the race (the `x-flexroute-race: fallback:<reason>` suffix). */
export type FallbackReason = 'timeout' | 'status_429' | 'status_5xx' | 'network' | 'error_event' | 'ended_early';
