import { codecs } from '../codecs.js';
import type { CallerDialect } from '../dialect.js';
import { writeTierWord } from '../ir/tiers.js';
import { OPENAI_CHAT_CALLER } from './caller.js';
import { OPENAI_CHAT_FACTS as facts } from './facts.js';
import { openaiChatStream } from './stream.js';
import { createChatStreamDecoder } from './stream-decode.js';
import { createChatStreamEncoder } from './stream-encode.js';

/**
 * The OpenAI Chat Completions dialect (callers send it to `/v1/chat/completions`).
 *
 * @example
 * ```ts
 * import { openaiChat } from 'flexroute/dialects';
 *
 * openaiChat.facts.tierField; // 'service_tier'
 * openaiChat.stream.rules.classify(event); // 'bookkeeping' | 'start' | 'error' | 'end'
 * ```
 */
export const openaiChat: CallerDialect = {
  id: facts.id as CallerDialect['id'],
  provider: facts.provider,
  name: facts.name,
  facts,
  codec: codecs['openai-chat'],
  stream: openaiChatStream,
  createStreamDecoder: createChatStreamDecoder,
  createStreamEncoder: createChatStreamEncoder,
  exampleRequest: OPENAI_CHAT_CALLER.exampleRequest,
  tierWord: (tier) => writeTierWord('openai-chat', tier),
  paths: ['/v1/chat/completions'],
};
