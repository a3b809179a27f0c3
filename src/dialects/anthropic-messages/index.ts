import type { CallerDialect } from '../dialect.js';
import { defineCallerDialect } from '../define.js';
import { ANTHROPIC_MESSAGES_CALLER } from './caller.js';
import { ANTHROPIC_MESSAGES_FACTS } from './facts.js';
import { anthropicMessagesStream } from './stream.js';
import { createAnthropicStreamDecoder } from './stream-decode.js';
import { createAnthropicStreamEncoder } from './stream-encode.js';

/**
 * The Anthropic Messages dialect (callers send it to `/v1/messages`).
 *
 * @example
 * ```ts
 * import { anthropicMessages } from 'flexroute/dialects';
 *
 * anthropicMessages.facts.tierField; // 'service_tier'
 * anthropicMessages.stream.rules.classify(event); // 'bookkeeping' | 'start' | 'error' | 'end'
 * ```
 */
export const anthropicMessages: CallerDialect = defineCallerDialect(ANTHROPIC_MESSAGES_FACTS, {
  stream: anthropicMessagesStream,
  createStreamDecoder: createAnthropicStreamDecoder,
  createStreamEncoder: createAnthropicStreamEncoder,
  caller: ANTHROPIC_MESSAGES_CALLER,
  paths: ['/v1/messages'],
});
