import type { CallerFormat, DialectId } from '../../core/types.js';
import { codecs } from '../../dialects/codecs.js';
import type { ProviderSpec } from '../../providers/provider.js';
import { buildUpstreamRequest } from '../../providers/provider.js';
import type { RouteContext } from '../context.js';
import type { Translation } from '../translate/translation.js';
import type { AttemptRole, SendAttempt } from './attempt.js';

/**
 * Everything the executors need about one routed request once it is validated, planned and
 * keyed: where it goes, in which dialect, and how to send an attempt at a tier.
 */
export interface Exchange {
  format: CallerFormat;
  /** The dialect spoken upstream (equal to `format` when no translation is needed). */
  dialect: DialectId;
  provider: ProviderSpec;
  model: string;
  /** Whether the caller asked for a stream. */
  callerStream: boolean;
  /** The caller's abort signal: aborting it aborts every upstream attempt. */
  signal: AbortSignal;
  /** Present when the caller's format and the upstream dialect differ. */
  translation: Translation | undefined;
  /** Sends one attempt through the interceptors; `stream` may differ from the caller's (flex always streams). */
  send(role: AttemptRole, tier: string, stream: boolean, signal: AbortSignal): Promise<Response>;
}

/** Pass-through body writer: the caller's own body with only the tier (and stream) fields set. */
export function passThroughBody(body: Record<string, unknown>, callerStream: boolean, dialect: DialectId) {
  const codec = codecs[dialect];
  return (tier: string, stream: boolean): string => JSON.stringify(codec.passThrough(body, tier, stream, callerStream));
}

interface ExchangeFields extends Omit<Exchange, 'send'> {
  baseUrl: string;
  key: string;
  writeBody: (tier: string, stream: boolean) => string;
  sendAttempt: SendAttempt;
  route: RouteContext;
}

export function createExchange(fields: ExchangeFields): Exchange {
  const { key, writeBody, sendAttempt, baseUrl, route, ...rest } = fields;
  return {
    ...rest,
    send(role, tier, stream, signal) {
      const request = buildUpstreamRequest(rest.provider, baseUrl, rest.dialect, rest.model, stream, key, writeBody(tier, stream));
      return sendAttempt({
        role,
        tier,
        provider: rest.provider.id,
        dialect: rest.dialect,
        model: rest.model,
        stream,
        url: request.url,
        headers: request.headers,
        body: request.body,
        signal,
        route,
      });
    },
  };
}
