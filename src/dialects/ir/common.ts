/**
 * Pieces of the internal representation (IR) shared by requests, whole responses and stream
 * events. Every dialect codec translates to and from these; nothing here knows a wire format.
 */

/** Why generation stopped, normalised across providers. */
export type StopReason =
  | 'end_turn' // natural end (OpenAI `stop` / `completed`, Anthropic `end_turn`, Gemini `STOP`)
  | 'max_tokens' // hit the output cap (`length`, `max_tokens`, `MAX_TOKENS`, `incomplete`)
  | 'tool_use' // the model wants tool results (`tool_calls`, `tool_use`)
  | 'stop_sequence' // a caller stop sequence matched
  | 'refusal' // declined (Anthropic `refusal`, Gemini `SAFETY`, OpenAI `content_filter`)
  | 'error'; // the provider reported a failure

/** Token counts. Cached tokens are included in `inputTokens`; reasoning tokens in `outputTokens`. */
export interface IRUsage {
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  /** Input tokens written to the prompt cache (Anthropic `cache_creation_input_tokens`); included in `inputTokens`. */
  cacheWriteInputTokens?: number;
}

/** The tier that actually served the request, normalised (`default` and `standard` are the same tier). */
export type ServedTier = 'flex' | 'standard' | 'priority' | 'unknown';
