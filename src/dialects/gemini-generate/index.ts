import { codecs } from '../codecs.js';
import type { WireDialect } from '../dialect.js';
import { writeTierWord } from '../ir/tiers.js';
import { GEMINI_GENERATE_FACTS as facts } from './facts.js';
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
export const geminiGenerate: WireDialect = {
  id: facts.id as WireDialect['id'],
  provider: facts.provider,
  name: facts.name,
  facts,
  codec: codecs['gemini-generate'],
  stream: geminiGenerateStream,
  createStreamDecoder: createGeminiStreamDecoder,
  createStreamEncoder: createGeminiStreamEncoder,
  tierWord: (tier) => writeTierWord('gemini-generate', tier),
};
