import type { CallerFormat, DialectId } from '../../core/types.js';
import { codecs } from '../../dialects/codecs.js';
import type { ServedTier } from '../../dialects/ir/common.js';
import { translateStream } from '../../dialects/stream-translate.js';

/**
 * How one routed request crosses dialects: the upstream body from the caller's (through the
 * IR), and the answer back into the caller's shape. Same dialect in and out needs none of this:
 * bytes pass through with only the tier field changed.
 */
export interface Translation {
  /** The upstream request body for a tier. */
  writeBody(tier: string, stream: boolean): string;
  /** A whole upstream (2xx) body in the caller's shape. */
  whole(body: Record<string, unknown>): Record<string, unknown>;
  /** An upstream (2xx) event stream in the caller's shape. */
  stream(body: ReadableStream<Uint8Array>, servedTier: ServedTier): ReadableStream<Uint8Array>;
}

/**
 * Builds the translation of a request from `format` to `dialect`. Decoding happens here, before
 * any upstream call, so a construct the target cannot carry is a `400 unsupported_feature` with
 * nothing sent.
 */
export function createTranslation(format: CallerFormat, dialect: DialectId, body: Record<string, unknown>, callerModel: string): Translation {
  const from = codecs[format];
  const to = codecs[dialect];
  const ir = from.decodeRequest(body);
  // Encode once up front too: a field the target cannot carry fails now, not mid-race.
  to.encodeRequest(ir, { stream: false });
  return {
    writeBody: (tier, stream) => JSON.stringify(to.encodeRequest(ir, { tier, stream })),
    whole: (upstream) => from.encodeResponse(to.decodeResponse(upstream), { callerModel }),
    stream: (upstream, servedTier) => translateStream(upstream, dialect, format, { callerModel, servedTier }),
  };
}
