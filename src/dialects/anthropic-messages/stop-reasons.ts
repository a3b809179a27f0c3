/**
 * Anthropic `stop_reason` words and IR stop reasons, both ways; whole responses and streams share
 * them.
 */
import type { StopReason } from '../ir/common.js';

/** Anthropic's words as IR stop reasons. */
export const STOP_REASONS: Readonly<Record<string, StopReason>> = {
  end_turn: 'end_turn',
  max_tokens: 'max_tokens',
  model_context_window_exceeded: 'max_tokens',
  tool_use: 'tool_use',
  stop_sequence: 'stop_sequence',
  refusal: 'refusal',
  // A paused server-tool turn ends this response normally; the caller continues it.
  pause_turn: 'end_turn',
};

/** IR stop reasons as Anthropic writes them. */
export const ANTHROPIC_STOP: Readonly<Record<StopReason, string>> = {
  end_turn: 'end_turn',
  max_tokens: 'max_tokens',
  stop_sequence: 'stop_sequence',
  tool_use: 'tool_use',
  refusal: 'refusal',
  // Anthropic has no failure stop reason; the body shows whatever the provider produced.
  error: 'end_turn',
};
