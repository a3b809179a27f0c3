import type { IncomingMessage, ServerResponse } from 'node:http';
import { readSmallBody, smallBodyLength, toRequest, type MaybeParsed } from './node-request.js';
import { writeResponse } from './node-response.js';
import type { Handler } from '../middleware/handler.js';
import type { Router } from '../router/create-router.js';

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
  const asMiddleware = options.fallthrough !== false && 'middleware' in handler ? handler.middleware : undefined;
  return function flexrouteNodeListener(req, res, next) {
    // As middleware, an unmatched path reaches `passOn` from inside the router's composition.
    let passedOn = false;
    const passOn = async (): Promise<Response> => {
      passedOn = true;
      return PASSED_ON;
    };
    const handle = next && asMiddleware ? asMiddleware(passOn) : handler;
    const abort = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) abort.abort(new DOMException('The client closed the connection.', 'AbortError'));
    });
    // A small body of known length is read in one piece on the Node side (much cheaper than a
    // web stream), unless a fall-through may hand the request on to the next route untouched.
    const prereadable = !(next && asMiddleware) && smallBodyLength(req) !== undefined;
    const requestReady: Promise<Request> = prereadable
      ? readSmallBody(req).then((bytes) => toRequest(req as MaybeParsed, abort.signal, bytes))
      : new Promise((resolve) => resolve(toRequest(req as MaybeParsed, abort.signal)));
    requestReady.then(
      (request) => serve(request),
      (err: unknown) => {
        if (!abort.signal.aborted) fail(res, err, next); // a client gone mid-upload needs no answer
      },
    );
    function serve(request: Request): void {
      handle(request)
        .then((response) => (passedOn && next ? next() : writeResponse(response, res, abort.signal)))
        .catch((err: unknown) => fail(res, err, next));
    }
  };
}

/** What `passOn` answers inside the composition; never written to a socket. */
const PASSED_ON = new Response(null, { status: 404 });

function fail(res: ServerResponse, err: unknown, next?: (err?: unknown) => void): void {
  if (next) {
    next(err);
    return;
  }
  if (res.headersSent) {
    res.destroy(err instanceof Error ? err : undefined);
    return;
  }
  res.writeHead(500, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      type: 'error',
      error: { message: 'The router failed unexpectedly while handling this request.', type: 'api_error', param: null, code: 'internal_error' },
    }),
  );
}
