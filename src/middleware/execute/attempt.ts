/**
 * Attempt interceptors: wrappers around each upstream call, in the shape of undici's interceptors
 * (`(next) => send`). An interceptor sees one attempt (its role in the race, tier, provider,
 * dialect) and calls the next; it can add headers, log, time, retry, or refuse.
 */
import { errorResponse, RouterError } from '../../core/errors.js';
import type { DialectId, ProviderId } from '../../core/types.js';
import type { RouteContext } from '../context.js';

/** A fetch-shaped function the router sends upstream requests with. */
export type UpstreamFetch = (url: string, init: RequestInit) => Promise<Response>;

/** What an attempt is for: the flex try of a race, the standard fallback of a race, or a direct (no-race) call. */
export type AttemptRole = 'flex' | 'standard' | 'direct';

/** One upstream call, ready to send. To change it, pass a modified copy to `next`. */
export interface Attempt {
  readonly role: AttemptRole;
  /** The tier word sent upstream: `flex`, `default`, `standard`, `priority`, `auto`, `standard_only`. */
  readonly tier: string;
  readonly provider: ProviderId;
  /** The dialect the body is written in. */
  readonly dialect: DialectId;
  readonly model: string;
  /** Whether the upstream is asked for a stream (a flex attempt always is). */
  readonly stream: boolean;
  readonly url: string;
  /** Upstream headers, provider auth included: never log their values. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Aborts this attempt: the caller left, or the race no longer needs it. */
  readonly signal: AbortSignal;
  /** The request's route context (principal, plan, format), read-only. */
  readonly route: Readonly<RouteContext>;
}

/** Sends one attempt and resolves to the provider's response. Rejects on a network failure. */
export type SendAttempt = (attempt: Attempt) => Promise<Response>;

/**
 * Wraps the sending of every upstream attempt. Throwing a {@link RouterError} refuses the
 * attempt: it answers with that error's response (a 429 on flex moves the race to standard; any
 * other 4xx goes back to the caller). Any other exception counts as a network failure.
 *
 * @example
 * ```ts
 * import type { AttemptInterceptor } from 'flexroute/router';
 *
 * const tagFlex: AttemptInterceptor = (next) => async function tagFlex(attempt) {
 *   if (attempt.role !== 'flex') return next(attempt);
 *   return next({ ...attempt, headers: { ...attempt.headers, 'x-request-class': 'batch' } });
 * };
 * createRouter({ interceptors: [tagFlex] });
 * ```
 */
export type AttemptInterceptor = (next: SendAttempt) => SendAttempt;

/** The innermost sender: one `fetch` of the attempt's POST. */
export function sendWithFetch(fetchImpl: UpstreamFetch): SendAttempt {
  return function send(attempt) {
    return fetchImpl(attempt.url, { method: 'POST', headers: attempt.headers, body: attempt.body, signal: attempt.signal });
  };
}

/**
 * Folds interceptors around a sender; the first listed is the outermost (it sees the attempt
 * first). A refusal thrown anywhere in the chain comes back as its error response.
 */
export function composeInterceptors(send: SendAttempt, interceptors: readonly AttemptInterceptor[] = []): SendAttempt {
  let chain = send;
  for (let i = interceptors.length - 1; i >= 0; i--) {
    const intercept = interceptors[i];
    if (typeof intercept !== 'function') throw new TypeError(`flexroute: interceptor ${i} is ${typeof intercept}, not a function (next) => (attempt) => Promise<Response>.`);
    chain = intercept(chain);
    if (typeof chain !== 'function') throw new TypeError(`flexroute: interceptor ${i} (${intercept.name || 'anonymous'}) did not return a function; an interceptor is (next) => async function (attempt) { return next(attempt); }.`);
  }
  if (interceptors.length === 0) return chain;
  const outer = chain;
  return async function intercepted(attempt) {
    try {
      return await outer(attempt);
    } catch (err) {
      if (err instanceof RouterError) return errorResponse(err);
      throw err;
    }
  };
}
