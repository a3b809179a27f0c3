/**
 * Interaction `status` words and IR stop reasons, both ways; whole interactions and streams share
 * them. `completed` after a function call reads as `tool_use` (readers decide that themselves).
 */
import type { StopReason } from '../ir/common.js';

/** Interaction statuses as IR stop reasons. */
export const STOP_REASONS: Readonly<Record<string, StopReason>> = {
  completed: 'end_turn',
  requires_action: 'tool_use',
  incomplete: 'max_tokens',
  requires_continuation: 'max_tokens',
  budget_exceeded: 'max_tokens',
  failed: 'error',
  cancelled: 'error',
};

/** IR stop reasons as interaction statuses. */
export const STATUSES: Readonly<Record<StopReason, string>> = {
  end_turn: 'completed',
  stop_sequence: 'completed',
  refusal: 'completed',
  tool_use: 'requires_action',
  max_tokens: 'incomplete',
  error: 'failed',
};
