/**
 * Answers the requests Node's HTTP parser rejects before any handler runs (too many or too large
 * headers, bad chunking, a bare LF, Content-Length with Transfer-Encoding) with a small JSON
 * error in the router's shape, instead of Node's bare `400` or a silently closed socket.
 */
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorBody, RouterError, routerError } from '../core/errors.js';

/** Parser error codes and the answer each gets. */
const ANSWERS: Readonly<Record<string, { status: number; reason: string; code: string; what: string }>> = {
  HPE_HEADER_OVERFLOW: { status: 431, reason: 'Request Header Fields Too Large', code: 'headers_too_large', what: 'The request headers are larger than this server accepts.' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, reason: 'Request Timeout', code: 'request_timeout', what: 'The request was not received in time.' },
};
const MALFORMED = { status: 400, reason: 'Bad Request', code: 'malformed_request', what: 'The request is not valid HTTP/1.1.' };

/**
 * Installs the answer on `server` (`flexroute serve` does). The socket is closed after the answer,
 * since the parser cannot tell where the next request would start.
 *
 * @example
 * const server = createServer(toNodeListener(router));
 * answerClientErrors(server);
 */
export function answerClientErrors(server: Server): void {
  // CONNECT never reaches a request listener: the router has nothing to tunnel, so it is a 405.
  server.on('connect', (_req: unknown, socket: Duplex) => {
    const error = routerError('method_not_allowed', { method: 'CONNECT' }, { allow: 'GET, HEAD, POST' });
    writeRaw(socket, 405, 'Method Not Allowed', JSON.stringify(errorBody(error)), { allow: 'GET, HEAD, POST' });
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const answer = (err.code && ANSWERS[err.code]) || MALFORMED;
    const error = new RouterError(
      answer.code,
      answer.status,
      'invalid_request_error',
      null,
      `${answer.what} Node's HTTP parser refused it (${err.code ?? 'no code'}) before the router saw it. Send a well-formed HTTP/1.1 request with headers under 16 KiB, as the official SDKs do.`,
    );
    writeRaw(socket, answer.status, answer.reason, JSON.stringify(errorBody(error)));
  });
}

/** A whole HTTP/1.1 answer written to a socket the parser gave up on, which is then closed. */
function writeRaw(socket: Duplex, status: number, reason: string, body: string, headers: Record<string, string> = {}): void {
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(`HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extra}connection: close\r\n\r\n${body}`);
}
