import type { CallerDialect } from '../dialect.js';
import { defineCallerDialect } from '../define.js';
import { OPENAI_CHAT_CALLER } from './caller.js';
import { OPENAI_CHAT_FACTS } from './facts.js';
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
export const openaiChat: CallerDialect = defineCallerDialect(OPENAI_CHAT_FACTS, {
  stream: openaiChatStream,
  createStreamDecoder: createChatStreamDecoder,
  createStreamEncoder: createChatStreamEncoder,
  caller: OPENAI_CHAT_CALLER,
  paths: ['/v1/chat/completions'],
});
