import { compose, type Next } from '../../src/core/compose.js';
import type { RouteContext, RouteStep } from '../../src/middleware/context.js';

type ContextInit = Partial<Omit<RouteContext, 'request' | 'signal' | 'body'>> & {
  url?: string;
  method?: string;
  headers?: Record<string, string>;
  /** The request body: a JSON value (stringified) or raw text. Set `ctx.body` (the parsed body) on the context itself. */
  body?: unknown;
  signal?: AbortSignal;
};

/** A route context around a plain `Request`, with any fields a test wants already set. */
export function routeContext(init: ContextInit = {}): RouteContext {
  const { url = 'http://router.test/v1/responses', method = 'POST', headers = {}, body, signal, ...fields } = init;
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const request = new Request(url, {
    method,
    headers: { ...(text === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(text === undefined ? {} : { body: text }),
    ...(signal ? { signal } : {}),
  });
  return { request, signal: request.signal, receivedAt: 0, notFound: undefined, ...fields };
}

/** A stub `next` that records that it ran and answers 204. */
export function stubNext(): Next & { calls: number } {
  const next = Object.assign(
    async () => {
      next.calls++;
      return new Response(null, { status: 204 });
    },
    { calls: 0 },
  );
  return next;
}

/** Runs one step as the router would (a thrown RouterError becomes its response). */
export function runStep(step: RouteStep, ctx: RouteContext, next: Next = stubNext()): Promise<Response> {
  return compose([step])(ctx, next);
}

/** The `error` object of a router error response. */
export async function errorOf(res: Response): Promise<{ code: string; param: string | null; message: string; type: string }> {
  return ((await res.json()) as { error: { code: string; param: string | null; message: string; type: string } }).error;
}
