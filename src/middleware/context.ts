/**
 * The route context: what the steps of one request learn, each adding what it found so a later
 * step never re-parses or re-resolves. A step reads it, may add to it, and calls `next`.
 */
import type { ComposeContext, Next } from '../core/compose.js';
import type { Plan } from '../core/plan.js';
import type { CallerFormat, DialectId, StartWithin } from '../core/types.js';
import type { Endpoint } from './endpoints/routes.js';
import type { Handler } from './handler.js';
import type { RouteOutcome } from './execute/response-headers.js';
import type { Translation } from './translate/translation.js';
import type { CallerDialect } from '../dialects/dialect.js';

/**
 * One request's route context. Fields below the first three are filled in by the built-in steps,
 * in this order: `endpoint`/`format` (endpoints), `principal` (authenticate), `body` (readRequest),
 * `startWithin` (startWithin), `plan` (plan), `dialect`/`translation` (translate), `providerKey`
 * (providerKeys), `outcome` (execute). A field is `undefined` until its step has run.
 */
export interface RouteContext extends ComposeContext {
  /** The caller's request, as the host handed it over. Its body is read once, by `readRequest`. */
  readonly request: Request;
  /** The caller's abort signal: it fires when the caller goes away, and aborts every upstream attempt. */
  readonly signal: AbortSignal;
  /** When the request arrived, on the router's clock (ms). The flex window starts here (SPEC §4). */
  readonly receivedAt: number;
  /** Where a request no endpoint matches goes: the host's next route; `undefined` answers the router's `404 not_found`. */
  readonly notFound: Handler | undefined;
  /** The endpoint the path and method matched. */
  endpoint?: Endpoint;
  /** The caller's request format (for every endpoint but `GET /v1/models`). */
  format?: CallerFormat;
  /**
   * The caller's dialect object (`flexroute/dialects`), with `format`: its field facts and
   * codecs; pass it as `format` to `requestRefused` to write the example in the caller's format.
   */
  caller?: CallerDialect;
  /** What the `authenticate` hook returned (undefined without one). */
  principal?: unknown;
  /** The caller's parsed JSON body; `start_within` is removed from it once read. */
  body?: Record<string, unknown>;
  /** The request's `start_within`, from the body, the `x-start-within` header or the router's default. */
  startWithin?: StartWithin;
  /** The route plan: provider, model, and a direct tier or the flex race. A step may replace it. */
  plan?: Plan;
  /** The dialect spoken upstream (equal to `format` when no translation is needed), for `plan.provider`. */
  dialect?: DialectId;
  /** Present when `format` and `dialect` differ: how the request and its answer cross over. */
  translation?: Translation;
  /** The provider key the attempts will use. Never log it: it is here only for the attempts. */
  providerKey?: string;
  /** What the race (or the direct call) did: served tier, race verdict, flex wait. */
  outcome?: RouteOutcome;
  /** True when the request was handed to {@link RouteContext.notFound}: it was not the router's to answer. */
  passedOn?: boolean;
}

/** A route step: `(ctx, next) => Promise<Response>`. Name the function: errors and traces use the name. */
export type RouteStep = (ctx: RouteContext, next: Next) => Promise<Response>;

export type { Next };

/** The context fields the built-in steps set, which a step can depend on through {@link need}. */
export type ContextField = Exclude<keyof RouteContext, 'request' | 'signal' | 'receivedAt' | 'notFound' | 'error' | 'passedOn'>;

/** The built-in step that sets each field, for the message when a step runs too early. */
const SET_BY: Readonly<Record<ContextField, string>> = {
  endpoint: 'endpoints',
  format: 'endpoints',
  caller: 'endpoints',
  principal: 'authenticate',
  body: 'readRequest',
  startWithin: 'startWithin',
  plan: 'plan',
  dialect: 'translate',
  translation: 'translate',
  providerKey: 'providerKeys',
  outcome: 'execute',
};

/**
 * The value of a context field a step depends on; throws a clear error when the step was placed
 * before the step that sets it.
 *
 * @example
 * const plan = need(ctx, 'plan', 'budget'); // throws if budget runs before plan()
 */
export function need<K extends ContextField>(ctx: RouteContext, field: K, stepName: string): NonNullable<RouteContext[K]> {
  const value = ctx[field];
  if (value === undefined || value === null) {
    throw new Error(`flexroute: step "${stepName}" needs ctx.${field}, which the "${SET_BY[field]}" step sets; place "${stepName}" after ${SET_BY[field]}() in the composition.`);
  }
  return value as NonNullable<RouteContext[K]>;
}
