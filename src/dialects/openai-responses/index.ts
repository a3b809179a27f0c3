import { codecs } from '../codecs.js';
import type { CallerDialect } from '../dialect.js';
import { writeTierWord } from '../ir/tiers.js';
import { OPENAI_RESPONSES_CALLER } from './caller.js';
import { OPENAI_RESPONSES_FACTS as facts } from './facts.js';
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
export const openaiResponses: CallerDialect = {
  id: facts.id as CallerDialect['id'],
  provider: facts.provider,
  name: facts.name,
  facts,
  codec: codecs['openai-responses'],
  stream: openaiResponsesStream,
  createStreamDecoder: createResponsesStreamDecoder,
  createStreamEncoder: createResponsesStreamEncoder,
  exampleRequest: OPENAI_RESPONSES_CALLER.exampleRequest,
  tierWord: (tier) => writeTierWord('openai-responses', tier),
  paths: ['/v1/responses'],
};
