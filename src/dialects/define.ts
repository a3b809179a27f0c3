import type { DialectStream } from '../core/commit/rules.js';
import type { CallerShape } from '../core/errors.js';
import type { CallerFormat } from '../core/types.js';
import { codecs } from './codecs.js';
import type { CallerDialect, WireDialect } from './dialect.js';
import type { DialectFacts } from './ir/facts.js';
import type { StreamDecoder, StreamEncodeContext, StreamEncoder } from './ir/stream.js';
import { writeTierWord } from './ir/tiers.js';

/** What a dialect's folder supplies; the rest (id, provider, name, codec, tier words) comes from its facts. */
interface DialectParts {
  stream: DialectStream;
  createStreamDecoder(): StreamDecoder;
  createStreamEncoder(ctx: StreamEncodeContext): StreamEncoder;
}

/** One wire dialect's object, from its facts and stream pieces. */
export function defineDialect(facts: DialectFacts, parts: DialectParts): WireDialect {
  return {
    id: facts.id,
    provider: facts.provider,
    name: facts.name,
    facts,
    codec: codecs[facts.id],
    ...parts,
    tierWord: (tier) => writeTierWord(facts.id, tier),
  };
}

/** A caller dialect's object: a wire dialect with its endpoint paths and its example request. */
export function defineCallerDialect(facts: DialectFacts, parts: DialectParts & { caller: CallerShape; paths: readonly string[] }): CallerDialect {
  const { caller, paths, ...wire } = parts;
  return { ...defineDialect(facts, wire), id: facts.id as CallerFormat, paths, exampleRequest: caller.exampleRequest };
}
