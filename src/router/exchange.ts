import type { CallerFormat, DialectId } from '../core/types.js';
import type { ProviderSpec, UpstreamRequest } from '../providers/provider.js';
import { buildUpstreamRequest } from '../providers/provider.js';
import type { Translation } from './translation.js';

/**
 * Everything the executors need about one routed request once it is validated, planned and
 * keyed: where it goes, in which dialect, and how to write its upstream body for a tier.
 */
export interface Exchange {
  format: CallerFormat;
  /** The dialect spoken upstream (equal to `format` when no translation is needed). */
  dialect: DialectId;
  provider: ProviderSpec;
  baseUrl: string;
  model: string;
  /** Whether the caller asked for a stream. */
  callerStream: boolean;
  /** The caller's abort signal: aborting it aborts every upstream attempt. */
  signal: AbortSignal;
  /** Present when the caller's format and the upstream dialect differ. */
  translation: Translation | undefined;
  /** The upstream request for a tier; `stream` may differ from the caller's (races always stream). */
  upstreamRequest(tier: string, stream: boolean): UpstreamRequest;
}

/** Pass-through body writer: the caller's own body with only the tier (and stream) fields set. */
export function passThroughBody(body: Record<string, unknown>, callerStream: boolean, dialect: DialectId) {
  return (tier: string, stream: boolean): string => {
    const out: Record<string, unknown> = { ...body, service_tier: tier };
    if (stream !== callerStream || 'stream' in body) out.stream = stream;
    if (stream && !callerStream && dialect === 'openai-chat') {
      // Chat only reports usage in a stream when asked; assembly needs it (SPEC §4.3).
      const streamOptions = (body.stream_options as Record<string, unknown> | undefined) ?? {};
      out.stream_options = { ...streamOptions, include_usage: true };
    }
    return JSON.stringify(out);
  };
}

export function createExchange(fields: Omit<Exchange, 'upstreamRequest'> & { key: string; writeBody: (tier: string, stream: boolean) => string }): Exchange {
  const { key, writeBody, ...rest } = fields;
  return {
    ...rest,
    upstreamRequest: (tier, stream) =>
      buildUpstreamRequest(rest.provider, rest.baseUrl, rest.dialect, rest.model, stream, key, writeBody(tier, stream)),
  };
}
