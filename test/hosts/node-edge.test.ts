import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { answerClientErrors } from '../../src/hosts/node-client-error.js';
import { toNodeListener } from '../../src/hosts/node-listener.js';
import { createRouter } from '../../src/router/create-router.js';

// What reaches the Node listener but can never become a web Request, and what Node's parser
// refuses itself: each gets an answer in the router's error shape, never a 500 or a bare close.
let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function listen(listener: Parameters<typeof createServer>[1], clientErrors = false): Promise<number> {
  server = createServer(listener);
  if (clientErrors) answerClientErrors(server);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server!.address() as AddressInfo).port;
}

/** Sends raw bytes and resolves with everything the server answered before closing or going quiet. */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let data = '';
    const done = () => {
      socket.destroy();
      resolve(data);
    };
    const quiet = setTimeout(done, 1500);
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      data += chunk;
      // One whole answer with a body of known length is enough.
      const length = /content-length: (\d+)/i.exec(data)?.[1];
      const bodyStart = data.indexOf('\r\n\r\n');
      if (length !== undefined && bodyStart !== -1 && data.length - bodyStart - 4 >= Number(length)) {
        clearTimeout(quiet);
        done();
      }
    });
    socket.on('end', () => {
      clearTimeout(quiet);
      done();
    });
    socket.on('error', reject);
  });
}

const status = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);

/** The answer's body, without chunk framing when it came chunked (the router's errors are one chunk). */
function bodyOf(answer: string): string {
  const head = answer.slice(0, answer.indexOf('\r\n\r\n'));
  const rest = answer.slice(head.length + 4);
  if (!/transfer-encoding: chunked/i.test(head)) return rest;
  return rest.replace(/^[0-9a-f]+\r\n/i, '').replace(/\r\n0\r\n\r\n$/, '');
}
const code = (answer: string) => (JSON.parse(bodyOf(answer)) as { error: { code: string } }).error.code;

describe('the Node listener at the edge', () => {
  const router = createRouter({ env: {}, keys: { openai: 'sk-test' } });

  // (TRACK never reaches the listener: Node's parser refuses it as a malformed request.)
  it.each(['TRACE', 'CONNECT'])('answers %s with 405 method_not_allowed and Allow', async (method) => {
    // CONNECT never reaches a request listener in Node: answerClientErrors answers it on the server.
    const port = await listen(toNodeListener(router), method === 'CONNECT');
    const target = method === 'CONNECT' ? '127.0.0.1:443' : '/v1/responses';
    const answer = await raw(port, `${method} ${target} HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
    expect(status(answer)).toBe(405);
    expect(answer).toMatch(/allow: GET, HEAD, POST/i);
    expect(code(answer)).toBe('method_not_allowed');
  });

  it.each([
    ['OPTIONS *', 'OPTIONS * HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n'],
    ['an authority with a bad port', 'GET //a:99999/v1/models HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n'],
    ['a bad host header', 'GET /v1/x HTTP/1.1\r\nhost: [::bad\r\n\r\n'],
  ])('answers %s with the router\'s 404, not a 500', async (_what, request) => {
    const port = await listen(toNodeListener(router));
    const answer = await raw(port, request);
    expect(status(answer)).toBe(404);
    expect(code(answer)).toBe('not_found');
  });

  it('answers an unexpected exception once with 500 and a request id, and reports it once', async () => {
    const reported: [unknown, string][] = [];
    const broken = async () => {
      throw new Error('boom inside a step');
    };
    const port = await listen(toNodeListener(broken, { onError: (error, id) => reported.push([error, id]) }));
    const answer = await raw(port, 'GET /v1/models HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n');
    expect(status(answer)).toBe(500);
    const id = /x-flexroute-request-id: ([0-9a-f-]{36})/i.exec(answer)?.[1];
    expect(id).toBeDefined();
    expect(answer).toContain(`request id ${id}`);
    expect(code(answer)).toBe('internal_error');
    expect(reported).toHaveLength(1);
    expect(reported[0]![1]).toBe(id);
  });

  it('answers requests the HTTP parser refuses with a small JSON error, then closes', async () => {
    const port = await listen(toNodeListener(router), true);
    const huge = await raw(port, `GET /v1/models HTTP/1.1\r\nhost: x\r\nconnection: close\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(status(huge)).toBe(431);
    expect(code(huge)).toBe('headers_too_large');
    const malformed = await raw(port, 'POST /v1/responses HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-length: 5\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n');
    expect(status(malformed)).toBe(400);
    expect(code(malformed)).toBe('malformed_request');
  });
});
