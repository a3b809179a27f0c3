/**
 * Gemini `finishReason` words and IR stop reasons, both ways; whole responses and streams share
 * them. Gemini says `STOP` after a function call too: readers make that `tool_use` themselves.
 */
import type { StopReason } from '../ir/common.js';

/** Gemini's finish reasons as IR stop reasons. */
export const STOP_REASONS: Readonly<Record<string, StopReason>> = {
  STOP: 'end_turn',
  MAX_TOKENS: 'max_tokens',
  SAFETY: 'refusal',
  RECITATION: 'refusal',
  LANGUAGE: 'refusal',
  BLOCKLIST: 'refusal',
  PROHIBITED_CONTENT: 'refusal',
  SPII: 'refusal',
  IMAGE_SAFETY: 'refusal',
  IMAGE_PROHIBITED_CONTENT: 'refusal',
  MALFORMED_FUNCTION_CALL: 'error',
  UNEXPECTED_TOOL_CALL: 'error',
  TOO_MANY_TOOL_CALLS: 'error',
  OTHER: 'error',
};

/** IR stop reasons as Gemini writes them. */
export const FINISH_REASONS: Readonly<Record<StopReason, string>> = {
  end_turn: 'STOP',
  stop_sequence: 'STOP',
  tool_use: 'STOP',
  max_tokens: 'MAX_TOKENS',
  refusal: 'SAFETY',
  error: 'OTHER',
};
