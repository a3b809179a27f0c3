/**
 * The Node side of a request, as a web `Request`: headers, URL, and the body (read whole when
 * small, streamed with backpressure otherwise, or rebuilt from what a body parser left).
 */
import type { IncomingMessage } from 'node:http';
import { nodeToWebStream } from './node-web-stream.js';

/** An `IncomingMessage` that a body parser (e.g. `express.json()`) may already have read. */
export type MaybeParsed = IncomingMessage & { body?: unknown };

// Headers that described the body as it arrived; a body parser has decoded it since.
const BODY_FRAMING = ['content-length', 'content-encoding', 'transfer-encoding'];

/** Bodies up to this size, with a `content-length`, are read whole before the handler runs. */
const PREREAD_LIMIT = 256 * 1024;

/** The declared length of a small body that can be read whole (none for GET/HEAD, chunked or large ones). */
export function smallBodyLength(req: IncomingMessage): number | undefined {
  if (req.method === 'GET' || req.method === 'HEAD' || req.readableEnded) return undefined;
  const length = Number(req.headers['content-length']);
  return Number.isInteger(length) && length > 0 && length <= PREREAD_LIMIT && !req.headers['transfer-encoding'] ? length : undefined;
}

/** Reads a small body whole; rejects if the client goes away before it is complete. */
export function readSmallBody(req: IncomingMessage): Promise<Buffer> {
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

/** The web `Request` for a Node request: headers without HTTP/2 pseudo-headers, the URL, the body. */
export function toRequest(req: MaybeParsed, signal: AbortSignal, preread?: Buffer): Request {
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
  return new Request(url, { method, headers, signal, body: nodeToWebStream(req, { attach: 'lazy', onCancel: 'drain', signal, highWaterMark: 0 }), duplex: 'half' } as RequestInit);
}

/**
 * Only the path and query route; the host is kept when it is a valid one, for the handler's eyes.
 * A target no URL parser takes (`*`, `//a:99999/x`, a bad host) still becomes a URL, whose path
 * no endpoint matches: the router answers it with its 404, never a 500.
 */
function requestUrl(req: IncomingMessage): string {
  const path = req.url ?? '/';
  const attempts: (() => string)[] = path.startsWith('/')
    ? [() => new URL(path, `http://${req.headers.host ?? 'localhost'}`).href, () => new URL(path, 'http://localhost').href]
    : [() => new URL(path).href]; // absolute form (`GET http://host/path`), sent by proxies
  for (const attempt of attempts) {
    try {
      return attempt();
    } catch {
      // try the next, plainer form
    }
  }
  try {
    return new URL(`/${encodeURIComponent(path.replace(/^\/+/, ''))}`, 'http://localhost').href;
  } catch {
    return 'http://localhost/';
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
