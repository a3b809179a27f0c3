import type { IncomingMessage, ServerResponse } from 'node:http';
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

/** An `IncomingMessage` that a body parser (e.g. `express.json()`) may already have read. */
type MaybeParsed = IncomingMessage & { body?: unknown };

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

// Headers that described the body as it arrived; a body parser has decoded it since.
const BODY_FRAMING = ['content-length', 'content-encoding', 'transfer-encoding'];

/** Bodies up to this size, with a `content-length`, are read whole before the handler runs. */
const PREREAD_LIMIT = 256 * 1024;

function smallBodyLength(req: IncomingMessage): number | undefined {
  if (req.method === 'GET' || req.method === 'HEAD' || req.readableEnded) return undefined;
  const length = Number(req.headers['content-length']);
  return Number.isInteger(length) && length > 0 && length <= PREREAD_LIMIT && !req.headers['transfer-encoding'] ? length : undefined;
}

/** Reads a small body whole; rejects if the client goes away before it is complete. */
function readSmallBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer) => chunks.push(chunk);
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    };
    const onClose = () => {
      cleanup();
      reject(new DOMException('The client closed the connection before sending the whole body.', 'AbortError'));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const cleanup = () => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    };
    req.on('data', onData).once('end', onEnd).once('error', onError).once('close', onClose);
  });
}

function toRequest(req: MaybeParsed, signal: AbortSignal, preread?: Buffer): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.charCodeAt(0) !== 58 /* ':' pseudo-headers of HTTP/2 */) headers.append(name, raw[i + 1]!);
  }
  const url = requestUrl(req);
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers, signal });

  if (preread) return new Request(url, { method, headers, signal, body: new Uint8Array(preread.buffer, preread.byteOffset, preread.byteLength) as Uint8Array<ArrayBuffer> });
  // A body parser (express.json(), body-parser) already consumed the stream: pass its result on.
  if (req.readableEnded || (req.complete && !req.readable)) {
    for (const name of BODY_FRAMING) headers.delete(name);
    return new Request(url, { method, headers, signal, body: parsedBody(req.body, headers) });
  }
  return new Request(url, { method, headers, signal, body: nodeBodyStream(req, signal), duplex: 'half' } as RequestInit);
}

/** Only the path and query route; the host is kept when it is a valid one, for the handler's eyes. */
function requestUrl(req: IncomingMessage): string {
  const path = req.url ?? '/';
  if (!path.startsWith('/')) return path; // absolute form (`GET http://host/path`), sent by proxies
  const host = req.headers.host;
  try {
    return new URL(path, `http://${host ?? 'localhost'}`).href;
  } catch {
    return new URL(path, 'http://localhost').href;
  }
}

/** The body a parser left on `req.body`, back as bytes; `null` when nothing usable was left. */
function parsedBody(parsed: unknown, headers: Headers): BodyInit | null {
  if (parsed === undefined) return null;
  if (typeof parsed === 'string') return parsed;
  if (parsed instanceof Uint8Array) return new Uint8Array(parsed);
  headers.set('content-type', 'application/json');
  return JSON.stringify(parsed);
}

/**
 * The request body as a web stream, pausing the socket while the reader is behind. Nothing is
 * read from `req` until the handler reads the body: a request the router hands on to `next()`
 * keeps its body for the next route. A client that disconnects mid-upload errors the stream, so
 * a reader never waits forever.
 */
function nodeBodyStream(req: IncomingMessage, signal: AbortSignal): ReadableStream<Uint8Array> {
  let attached = false;
  let settled = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const detach = () => {
    settled = true;
    req.off('data', onData).off('end', onEnd).off('error', onError);
    signal.removeEventListener('abort', onAbort);
  };
  const onData = (chunk: Buffer) => {
    if (settled) return;
    controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if ((controller.desiredSize ?? 0) <= 0) req.pause();
  };
  const onEnd = () => {
    if (settled) return;
    detach();
    controller.close();
  };
  const onError = (err: Error) => {
    if (settled) return;
    detach();
    controller.error(err);
  };
  const onAbort = () => onError(signal.reason instanceof Error ? signal.reason : new Error('The client closed the connection.'));
  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      // With a high-water mark of 0, pull runs only when the handler reads.
      pull() {
        if (!attached) {
          attached = true;
          req.on('data', onData).once('end', onEnd).once('error', onError);
          signal.addEventListener('abort', onAbort, { once: true });
          if (signal.aborted) onAbort();
        }
        req.resume();
      },
      cancel() {
        if (attached) detach();
        settled = true;
        req.resume(); // drain what is left so the connection stays usable
      },
    },
    { highWaterMark: 0 },
  );
}

async function writeResponse(response: Response, res: ServerResponse, signal: AbortSignal): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const setCookie = response.headers.getSetCookie();
  if (setCookie.length > 0) headers['set-cookie'] = setCookie;
  if (res.destroyed) {
    await response.body?.cancel().catch(() => {});
    return;
  }
  res.writeHead(response.status, response.statusText || undefined, headers);
  if (!response.body) {
    res.end();
    return;
  }
  if (res.req?.method === 'HEAD') {
    await response.body.cancel().catch(() => {});
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const onAbort = () => reader.cancel(signal.reason).catch(() => {});
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // Read the next chunk only once the socket took this one: the upstream stays paused meanwhile.
      if (!res.write(value)) await drained(res);
      if (res.destroyed) {
        await reader.cancel().catch(() => {});
        return;
      }
    }
    res.end();
  } catch {
    // The body errored mid-way (or the client left): end the connection so the client notices.
    res.destroy();
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
