/**
 * The yardstick: the least a Node proxy can do. It pipes the request body upstream and the
 * answer back over a keep-alive undici pool, with no parsing, no validation and no race.
 */
import { createServer, type Server } from 'node:http';
import { pipeline } from 'node:stream';
import { Agent, request } from 'undici';

/** A bare pass-through proxy to `upstream` (an origin such as `http://127.0.0.1:9000`). */
export function createBareProxy(upstream: string, apiKey: string): { server: Server; close(): Promise<void> } {
  const agent = new Agent({ connections: 256, keepAliveTimeout: 30_000 });
  const server = createServer((req, res) => {
    const headers = { 'content-type': req.headers['content-type'] ?? 'application/json', authorization: `Bearer ${apiKey}` };
    request(new URL(req.url ?? '/', upstream), { method: req.method as 'POST', headers, body: req, dispatcher: agent }).then(
      (answer) => {
        res.writeHead(answer.statusCode, { 'content-type': String(answer.headers['content-type'] ?? 'application/json') });
        pipeline(answer.body, res, () => {});
      },
      () => res.writeHead(502).end(),
    );
  });
  return { server, close: async () => void (await agent.close()) };
}
