/**
 * The internal representation (IR) of a whole (non-streaming) response. Decoders read a
 * provider's body into it, encoders write it as the body the caller's SDK expects.
 *
 * Provider-run tool records (OpenAI `web_search_call`, Anthropic `server_tool_use` and
 * `web_search_tool_result`, Interactions `google_search_call`) are not carried: they describe
 * work the provider already did, and the answer text holds the result. Citations are not carried
 * either.
 */
import type { IRUsage, ServedTier, StopReason } from './common.js';
import type { IRReasoningPart, IRRefusalPart, IRTextPart, IRToolCallPart } from './request.js';

/** A piece of the model's output, in the order the model produced it. */
export type IROutputPart = IRTextPart | IRRefusalPart | IRToolCallPart | IRReasoningPart;

/**
 * A whole response, independent of wire dialect.
 *
 * @example
 * ```ts
 * const res: IRResponse = {
 *   id: 'msg_1', model: 'claude-sonnet-4-5',
 *   content: [{ type: 'text', text: 'Hello!' }],
 *   stopReason: 'end_turn',
 *   usage: { inputTokens: 12, cachedInputTokens: 0, outputTokens: 3, reasoningTokens: 0 },
 *   servedTier: 'standard',
 * };
 * ```
 */
export interface IRResponse {
  /** The provider's response id; encoders derive item ids from it, so they are stable. */
  id: string;
  /** The model as the provider named it (may be a dated snapshot). */
  model: string;
  content: IROutputPart[];
  stopReason: StopReason;
  usage: IRUsage;
  servedTier: ServedTier;
  /** Creation time in Unix seconds, when the provider said. */
  createdAt?: number;
}

/** What a response encoder needs besides the IR. */
export interface ResponseEncodeContext {
  /** The model the caller asked for, shown as the response's model. */
  callerModel: string;
  /** Wall clock in milliseconds since the epoch, for `created` fields the provider did not give (injectable for tests). */
  now?: () => number;
}

/**
 * The id of a tool call the provider sent without one (Gemini; Chat from compatible servers):
 * `call_<responseId>_<n>`, so a streamed and a whole response name their calls alike.
 */
export function derivedCallId(responseId: string, n: number): string {
  return `call_${responseId.replace(/[^A-Za-z0-9_-]/g, '')}_${n}`;
}
