import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody, routerError, type RouterError } from '../core/errors.js';
import { readSmallBody, smallBodyLength, toRequest, type MaybeParsed } from './node-request.js';
import { writeResponse } from './node-response.js';
import type { Handler } from '../middleware/handler.js';
import type { Router } from '../router/create-router.js';
import { fallThroughHandler, PASSED_ON } from './fall-through.js';

/** A Node request handler, also usable as Express / Connect middleware. */
export type NodeListener = (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) => void;

/** Options of {@link toNodeListener}. */
export interface NodeListenerOptions {
  /**
   * As middleware (called with `next`), hand requests a router has no endpoint for to `next()`,
   * so the app's later routes and its 404 page answer them. Default `true`. Set `false` to answer
   * them with the router's JSON 404. Without `next` (plain `http.createServer`), or for a handler
   * that is not a router (no `middleware`), the handler always answers.
   */
  fallthrough?: boolean;
  /**
   * Called once for an unexpected exception inside the handler, with the request id the `500`
   * answer carries (`x-flexroute-request-id`, and in its message). Never given the request body
   * or any key. Default: one line on stderr.
   */
  onError?: (error: unknown, requestId: string) => void;
}

/**
 * Adapts a Fetch-API handler to Node's `http` server, and to Express middleware mounted on a
 * path (`app.use('/llm', toNodeListener(router))`, also after `express.json()`). Response bodies
 * are written with backpressure (a slow client never makes the router buffer the answer), and a
 * client that goes away aborts the request's signal, which aborts every upstream attempt.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createRouter, toNodeListener } from 'flexroute';
 * createServer(toNodeListener(createRouter())).listen(8080);
 * ```
 * @example Express 5: the router's endpoints under /llm, every other path to the app's routes.
 * ```ts
 * app.use(express.json());
 * app.use('/llm', toNodeListener(createRouter())); // POST /llm/v1/responses
 * ```
 */
export function toNodeListener(handler: Handler | Router, options: NodeListenerOptions = {}): NodeListener {
  const routed = fallThroughHandler(handler, options.fallthrough !== false);
  return function flexrouteNodeListener(req, res, next) {
    // As Express middleware, an unmatched path comes back as PASSED_ON and goes to `next()`.
    const handle = next && routed ? routed : handler;
    // Methods a web Request cannot carry (TRACE, CONNECT, TRACK): the router's 405, never a 500.
    if (req.method !== undefined && FORBIDDEN_METHODS.has(req.method)) {
      req.resume();
      writeRouterError(res, routerError('method_not_allowed', { method: req.method, path: req.url ?? '/' }, { allow: 'GET, HEAD, POST' }));
      return;
    }
    const abort = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) abort.abort(new DOMException('The client closed the connection.', 'AbortError'));
    });
    // A small body of known length is read in one piece on the Node side (much cheaper than a
    // web stream), unless a fall-through may hand the request on to the next route untouched.
    const prereadable = !(next && routed) && smallBodyLength(req) !== undefined;
    const requestReady: Promise<Request> = prereadable
      ? readSmallBody(req).then((bytes) => toRequest(req as MaybeParsed, abort.signal, bytes))
      : new Promise((resolve) => resolve(toRequest(req as MaybeParsed, abort.signal)));
    const onError = options.onError ?? logUnexpected;
    requestReady.then(
      (request) => serve(request),
      (err: unknown) => {
        if (!abort.signal.aborted) fail(res, err, onError, next); // a client gone mid-upload needs no answer
      },
    );
    function serve(request: Request): void {
      handle(request)
        .then((response) => (response === PASSED_ON && next ? next() : writeResponse(response, res, abort.signal)))
        .catch((err: unknown) => fail(res, err, onError, next));
    }
  };
}

/** Methods the Fetch standard forbids in a `Request`. */
const FORBIDDEN_METHODS = new Set(['TRACE', 'CONNECT', 'TRACK']);

/** A router error written straight to the socket (for what never becomes a web Request). */
function writeRouterError(res: ServerResponse, err: RouterError): void {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...err.headers };
  res.writeHead(err.status, headers);
  res.end(JSON.stringify(errorBody(err)));
}

/** The default for {@link NodeListenerOptions.onError}: one line on stderr, the request id and the error's name and message. */
function logUnexpected(error: unknown, requestId: string): void {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.error(`flexroute: unexpected error in request ${requestId}: ${what.slice(0, 500)}`);
}

function fail(res: ServerResponse, err: unknown, onError: (error: unknown, requestId: string) => void, next?: (err?: unknown) => void): void {
  if (next) {
    next(err);
    return;
  }
  const requestId = randomUUID();
  try {
    onError(err, requestId);
  } catch {
    // a throwing logger must not keep the client waiting
  }
  if (res.headersSent) {
    res.destroy(err instanceof Error ? err : undefined);
    return;
  }
  res.writeHead(500, { 'content-type': 'application/json', 'x-flexroute-request-id': requestId });
  res.end(
    JSON.stringify({
      type: 'error',
      error: {
        message: `The router failed unexpectedly while handling this request (request id ${requestId}). This is a bug in the router, not in your request. Retry it; if it persists, report it to the operator with the request id.`,
        type: 'api_error',
        param: null,
        code: 'internal_error',
      },
    }),
  );
}
