import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Handler } from '../router/handler.js';

/** A Node request handler, also usable as Express / Connect middleware. */
export type NodeListener = (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) => void;

/** An `IncomingMessage` that a body parser (e.g. `express.json()`) may already have read. */
type MaybeParsed = IncomingMessage & { body?: unknown; originalUrl?: string };

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
 */
export function toNodeListener(handler: Handler): NodeListener {
  return function flexrouteNodeListener(req, res, next) {
    const abort = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) abort.abort(new DOMException('The client closed the connection.', 'AbortError'));
    });
    let request: Request;
    try {
      request = toRequest(req as MaybeParsed, abort.signal);
    } catch (err) {
      fail(res, err, next);
      return;
    }
    handler(request).then(
      (response) => writeResponse(response, res, abort.signal),
      (err) => fail(res, err, next),
    );
  };
}

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

function toRequest(req: MaybeParsed, signal: AbortSignal): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.charCodeAt(0) !== 58 /* ':' pseudo-headers of HTTP/2 */) headers.append(name, raw[i + 1]!);
  }
  const host = req.headers.host ?? 'localhost';
  const url = `http://${host}${req.url ?? '/'}`;
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers, signal });

  // A body parser (express.json(), body-parser) already consumed the stream: pass its result on.
  const consumed = req.readableEnded || (req as { _body?: boolean })._body === true;
  if (consumed && req.body !== undefined) {
    headers.delete('content-length');
    const parsed = req.body;
    if (typeof parsed === 'string') return new Request(url, { method, headers, signal, body: parsed });
    if (parsed instanceof Uint8Array) return new Request(url, { method, headers, signal, body: new Uint8Array(parsed) });
    headers.set('content-type', 'application/json');
    return new Request(url, { method, headers, signal, body: JSON.stringify(parsed) });
  }
  return new Request(url, { method, headers, signal, body: nodeBodyStream(req), duplex: 'half' } as RequestInit);
}

/** The request body as a web stream, pausing the socket while the reader is behind. */
function nodeBodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) req.pause();
      });
      req.once('end', () => controller.close());
      req.once('error', (err) => controller.error(err));
    },
    pull() {
      req.resume();
    },
    cancel() {
      req.resume(); // drain what is left so the connection stays usable
    },
  }, { highWaterMark: 4 });
}

async function writeResponse(response: Response, res: ServerResponse, signal: AbortSignal): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const setCookie = response.headers.getSetCookie();
  if (setCookie.length > 0) headers['set-cookie'] = setCookie;
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
      if (!res.write(value)) await drained(res);
      if (res.destroyed) break;
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
