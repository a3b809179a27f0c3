import { codecs } from '../codecs.js';
import type { CallerDialect } from '../dialect.js';
import { writeTierWord } from '../ir/tiers.js';
import { GEMINI_INTERACTIONS_CALLER } from './caller.js';
import { GEMINI_INTERACTIONS_FACTS as facts } from './facts.js';
import { geminiInteractionsStream } from './stream.js';
import { createInteractionsStreamDecoder } from './stream-decode.js';
import { createInteractionsStreamEncoder } from './stream-encode.js';

/**
 * The Gemini Interactions dialect (callers send it to `/v1/interactions` and `/v1beta/interactions`).
 *
 * @example
 * ```ts
 * import { geminiInteractions } from 'flexroute/dialects';
 *
 * geminiInteractions.facts.tierField; // 'service_tier'
 * geminiInteractions.stream.rules.classify(event); // 'bookkeeping' | 'start' | 'error' | 'end'
 * ```
 */
export const geminiInteractions: CallerDialect = {
  id: facts.id as CallerDialect['id'],
  provider: facts.provider,
  name: facts.name,
  facts,
  codec: codecs['gemini-interactions'],
  stream: geminiInteractionsStream,
  createStreamDecoder: createInteractionsStreamDecoder,
  createStreamEncoder: createInteractionsStreamEncoder,
  exampleRequest: GEMINI_INTERACTIONS_CALLER.exampleRequest,
  tierWord: (tier) => writeTierWord('gemini-interactions', tier),
  paths: ['/v1/interactions', '/v1beta/interactions'],
};
