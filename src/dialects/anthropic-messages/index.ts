import { codecs } from '../codecs.js';
import type { CallerDialect } from '../dialect.js';
import { writeTierWord } from '../ir/tiers.js';
import { ANTHROPIC_MESSAGES_CALLER } from './caller.js';
import { ANTHROPIC_MESSAGES_FACTS as facts } from './facts.js';
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
export const anthropicMessages: CallerDialect = {
  id: facts.id as CallerDialect['id'],
  provider: facts.provider,
  name: facts.name,
  facts,
  codec: codecs['anthropic-messages'],
  stream: anthropicMessagesStream,
  createStreamDecoder: createAnthropicStreamDecoder,
  createStreamEncoder: createAnthropicStreamEncoder,
  exampleRequest: ANTHROPIC_MESSAGES_CALLER.exampleRequest,
  tierWord: (tier) => writeTierWord('anthropic-messages', tier),
  paths: ['/v1/messages'],
};
