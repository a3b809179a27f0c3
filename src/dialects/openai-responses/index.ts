import type { CallerDialect } from '../dialect.js';
import { defineCallerDialect } from '../define.js';
import { OPENAI_RESPONSES_CALLER } from './caller.js';
import { OPENAI_RESPONSES_FACTS } from './facts.js';
import { openaiResponsesStream } from './stream.js';
import { createResponsesStreamDecoder } from './stream-decode.js';
import { createResponsesStreamEncoder } from './stream-encode.js';

/**
 * The OpenAI Responses dialect (callers send it to `/v1/responses`).
 *
 * @example
 * ```ts
 * import { openaiResponses } from 'flexroute/dialects';
 *
 * openaiResponses.facts.tierField; // 'service_tier'
 * openaiResponses.stream.rules.classify(event); // 'bookkeeping' | 'start' | 'error' | 'end'
 * ```
 */
export const openaiResponses: CallerDialect = defineCallerDialect(OPENAI_RESPONSES_FACTS, {
  stream: openaiResponsesStream,
  createStreamDecoder: createResponsesStreamDecoder,
  createStreamEncoder: createResponsesStreamEncoder,
  caller: OPENAI_RESPONSES_CALLER,
  paths: ['/v1/responses'],
});
