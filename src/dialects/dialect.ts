/**
 * A wire dialect as one object: everything flexroute knows about one API shape. Builders of
 * other routers import these instead of re-typing rules (start evidence, terminal events, the
 * tier field), so their code and flexroute's can never drift apart.
 */
import type { DialectStream } from '../core/commit/rules.js';
import type { CallerShape } from '../core/errors.js';
import type { CallerFormat, DialectId, ProviderId } from '../core/types.js';
import type { DialectCodec } from './codecs.js';
import type { ServedTier } from './ir/common.js';
import type { DialectFacts } from './ir/facts.js';
import type { StreamDecoder, StreamEncodeContext, StreamEncoder } from './ir/stream.js';

/** One wire dialect: its facts, its codecs, and its stream rules. */
export interface WireDialect {
  readonly id: DialectId;
  /** The provider that speaks it. */
  readonly provider: ProviderId;
  /** How messages name it: `OpenAI Responses`. */
  readonly name: string;
  /**
   * Field facts: the input field, token-cap fields, tier field, where a response reports the
   * served tier, the stream flag and stream-usage option, and the model-id prefix.
   */
  readonly facts: DialectFacts;
  /** Request and whole-response codecs to and from the IR, and the body facts the router reads. */
  readonly codec: DialectCodec;
  /**
   * Streams: start evidence for the commit detector (`stream.rules.classify`), terminal events,
   * the `flex_failed_after_start` failure frame, and assembly of a whole answer from events.
   */
  readonly stream: DialectStream;
  /** A fresh decoder of this dialect's SSE events into IR stream events. */
  createStreamDecoder(): StreamDecoder;
  /** A fresh encoder of IR stream events into this dialect's SSE frames. */
  createStreamEncoder(ctx: StreamEncodeContext): StreamEncoder;
  /** The word this dialect writes for a served tier (`undefined` when it has none, e.g. Anthropic has no `flex`). */
  tierWord(tier: ServedTier): string | undefined;
}

/**
 * A dialect callers can send requests in, with its endpoint paths. It is a {@link CallerShape}:
 * pass it as the `format` of a router error to have the example written in it.
 */
export interface CallerDialect extends WireDialect {
  readonly id: CallerFormat;
  /** A request that works, written in this format (what router errors end with). */
  exampleRequest: CallerShape['exampleRequest'];
  /** The endpoint paths the router serves it on (below its base path). */
  readonly paths: readonly string[];
}
