import type { WireDialect } from '../dialect.js';
import { defineDialect } from '../define.js';
import { GEMINI_GENERATE_FACTS } from './facts.js';
import { geminiGenerateStream } from './stream.js';
import { createGeminiStreamDecoder } from './stream-decode.js';
import { createGeminiStreamEncoder } from './stream-encode.js';

/**
 * The Gemini generateContent dialect (upstream only: the model and streaming are in the URL).
 *
 * @example
 * ```ts
 * import { geminiGenerate } from 'flexroute/dialects';
 *
 * geminiGenerate.facts.tierField; // 'serviceTier'
 * geminiGenerate.stream.rules.classify(event); // 'bookkeeping' | 'start' | 'error' | 'end'
 * ```
 */
export const geminiGenerate: WireDialect = defineDialect(GEMINI_GENERATE_FACTS, {
  stream: geminiGenerateStream,
  createStreamDecoder: createGeminiStreamDecoder,
  createStreamEncoder: createGeminiStreamEncoder,
});
