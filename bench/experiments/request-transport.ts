/**
 * EXPERIMENT (bench only, not product code): an `UpstreamFetch` on undici's `Dispatcher.request`
 * instead of undici's WHATWG `fetch`. It skips fetch's Request/Headers/webidl machinery and
 * writes a string body in one piece with the request head, instead of streaming it through
 * `writeIterable`. `npm run bench -- --transport request` measures the router with it, to size
 * the change proposed for src/hosts/undici-fetch.ts (see docs/benchmarks.md).
 */
import type { Readable } from 'node:stream';
import { Agent } from 'undici';
import type { UpstreamFetch } from '../../src/router/options.js';

export function createRequestTransport(): { fetch: UpstreamFetch; close(): Promise<void> } {
  const agent = new Agent({ connections: 256, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000 });
  const fetch: UpstreamFetch = async (url, init) => {
    const target = new URL(url);
    let answer;
    try {
      answer = await agent.request({
        origin: target.origin,
        path: target.pathname + target.search,
        method: (init.method ?? 'GET') as 'POST',
        headers: init.headers as Record<string, string>,
        body: init.body as string | undefined,
        signal: init.signal ?? undefined,
      });
    } catch (cause) {
      // Same shape as fetch's network failure, which the router's error text reads.
      throw new TypeError('fetch failed', { cause });
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      else if (value !== undefined) headers.set(name, value);
    }
    const empty = answer.statusCode === 204 || answer.statusCode === 304;
    if (empty) answer.body.resume();
    return new Response(empty ? null : webStream(answer.body), { status: answer.statusCode, headers });
  };
  return { fetch, close: () => agent.close() };
}

/** A Node readable as a web stream, pausing the socket while the reader is behind. */
function webStream(body: Readable): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        body.on('data', (chunk: Buffer) => {
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 1) <= 0) body.pause();
        });
        body.once('end', () => controller.close());
        body.once('error', (err) => controller.error(err));
      },
      pull() {
        body.resume();
      },
      cancel(reason) {
        body.destroy(reason instanceof Error ? reason : undefined);
      },
    },
    { highWaterMark: 4 },
  );
}
