import type { CallerDialect } from '../dialect.js';
import { defineCallerDialect } from '../define.js';
import { GEMINI_INTERACTIONS_CALLER } from './caller.js';
import { GEMINI_INTERACTIONS_FACTS } from './facts.js';
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
export const geminiInteractions: CallerDialect = defineCallerDialect(GEMINI_INTERACTIONS_FACTS, {
  stream: geminiInteractionsStream,
  createStreamDecoder: createInteractionsStreamDecoder,
  createStreamEncoder: createInteractionsStreamEncoder,
  caller: GEMINI_INTERACTIONS_CALLER,
  paths: ['/v1/interactions', '/v1beta/interactions'],
});
