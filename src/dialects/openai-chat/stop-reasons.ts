/**
 * Chat `finish_reason` words and IR stop reasons, both ways; whole completions and streams share
 * them.
 */
import type { StopReason } from '../ir/common.js';

/** Chat finish reasons as IR stop reasons. */
export const STOP_REASONS: Readonly<Record<string, StopReason>> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
  content_filter: 'refusal',
};

/** IR stop reasons as Chat finish reasons. */
export const FINISH_REASONS: Readonly<Record<StopReason, string>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
  // Chat has no failure finish reason; the body shows whatever the provider produced.
  error: 'stop',
};
