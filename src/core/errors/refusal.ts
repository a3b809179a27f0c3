/** The error constructor for refusals a step decides on its own (a policy, a budget, a deny-list). */
import type { ProviderId } from '../types.js';
import { RouterError, type CallerShape, type RouterErrorType } from './codes.js';
import { exampleRequest } from './examples.js';
import { bounded } from './redact.js';

/** Statuses a refusal may answer with, and the `error.type` word each gets (the words OpenAI and Anthropic use). */
const REFUSAL_TYPES = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  409: 'invalid_request_error',
  422: 'invalid_request_error',
  429: 'rate_limit_error',
} as const satisfies Record<number, RouterErrorType>;

/** What {@link requestRefused} writes the refusal from: the same four parts as every router error. */
export interface RefusalOptions {
  /** What went wrong, one sentence: `Model "gpt-5.5-pro" is not allowed for team-a.` */
  what: string;
  /** Why the router refuses it: `This router's operator limits team-a to mini models.` */
  why: string;
  /** How to fix it: `Use "gpt-5-mini" or "gpt-5-nano".` */
  fix: string;
  /** Machine-readable code, lower snake case. Default `request_refused`. */
  code?: string;
  /** HTTP status. Default 403. */
  status?: keyof typeof REFUSAL_TYPES;
  /** The field at fault, when one is. */
  param?: string;
  /** The caller's format as its dialect object (`ctx.caller`): the example request is written in it. */
  format?: CallerShape | undefined;
  /** The model the example should use (one the refusing step would accept). */
  model?: string;
  /** The provider the example should be bound for. */
  provider?: ProviderId;
  /** A `start_within` for the example. Default `00h-00m-30s` (`default` for Claude). */
  startWithin?: string;
  /** Headers the error response carries (e.g. `retry-after` on a 429). */
  headers?: Record<string, string>;
}

const CODE = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * A refusal in the router's own error shape, for a step to throw: the composition turns it into
 * its JSON response (and the request's event reports its code). Use it instead of borrowing a
 * built-in code that means something else.
 *
 * @example
 * ```ts
 * import { requestRefused, type RouteStep } from 'flexroute/router';
 *
 * const denyPro: RouteStep = async function denyPro(ctx, next) {
 *   if (ctx.plan?.model.endsWith('-pro')) {
 *     throw requestRefused({
 *       code: 'model_denied',
 *       what: `Model "${ctx.plan.model}" is not allowed here.`,
 *       why: 'This router serves mini models only, to keep costs predictable.',
 *       fix: 'Send "gpt-5-mini" instead.',
 *       param: 'model',
 *       format: ctx.caller,
 *       model: 'gpt-5-mini',
 *     });
 *   }
 *   return next();
 * };
 * ```
 * @throws TypeError when the code is not lower snake case or the status is not one a refusal may use.
 */
export function requestRefused(options: RefusalOptions): RouterError {
  const code = options.code ?? 'request_refused';
  const status = options.status ?? 403;
  if (!CODE.test(code)) {
    throw new TypeError(`flexroute: requestRefused code ${JSON.stringify(code)} must be lower snake case (a-z, 0-9, _), e.g. "model_denied".`);
  }
  const type = (REFUSAL_TYPES as Record<number, RouterErrorType>)[status];
  if (type === undefined) {
    throw new TypeError(`flexroute: requestRefused status ${String(status)} is not one a refusal may use; use one of ${Object.keys(REFUSAL_TYPES).join(', ')} (403 by default).`);
  }
  const example = exampleRequest(
    { format: options.format, model: options.model, provider: options.provider },
    options.startWithin === undefined ? {} : { startWithin: options.startWithin },
  );
  // Bounded like every router error: a step that interpolates a huge value cannot blow up the body.
  const message = `${sentence(bounded(options.what))} ${sentence(bounded(options.why))} ${sentence(bounded(options.fix))} Example: ${JSON.stringify(example)}`;
  return new RouterError(code, status, type, options.param ?? null, message, options.headers);
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
