import { createServer, request as httpRequest, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRouter } from '../../src/router/create-router.js';
import type { RouterOptions } from '../../src/router/options.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/index.js';

/** A loopback server for any Node listener (plain `http`, or an Express app). */
export async function listen(listener: RequestListener): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A simulator and a router pointed at it, with server-side keys and no environment. */
export async function simAndRouter(sim?: SimulatorOptions, router?: RouterOptions) {
  const simulator: Simulator = await startSimulator({ seed: 21, ...sim });
  const handler = createRouter({
    upstreams: { openai: simulator.openaiBaseUrl, anthropic: simulator.url, gemini: simulator.url },
    keys: { openai: 'sk-server-0001' },
    env: {},
    ...router,
  });
  return { sim: simulator, router: handler };
}

/** A raw POST whose response the test reads (or pauses) itself; with no body, the upload stays open. */
export function rawPost(url: string, body: string | undefined, headers: Record<string, string> = {}): { req: ReturnType<typeof httpRequest>; response: Promise<IncomingMessage> } {
  let req!: ReturnType<typeof httpRequest>;
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, resolve);
    req.on('error', reject);
  });
  if (body !== undefined) req.end(body);
  return { req, response };
}

/** Every `response.output_text.delta` (Responses) or chat `delta.content` in an SSE text, joined. */
export function streamedText(sse: string): string {
  let text = '';
  for (const line of sse.split('\n')) {
    if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
    const event = JSON.parse(line.slice(6)) as { type?: string; delta?: string; choices?: { delta?: { content?: string } }[] };
    if (event.type === 'response.output_text.delta') text += event.delta ?? '';
    else text += event.choices?.[0]?.delta?.content ?? '';
  }
  return text;
}

/** Resolves once `read()` gave the same value `times` polls in a row, `everyMs` apart. */
export async function untilSteady(read: () => number, { everyMs = 100, times = 4, timeoutMs = 15_000 } = {}): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = read();
  let same = 0;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, everyMs));
    const now = read();
    same = now === last ? same + 1 : 0;
    last = now;
    if (same >= times) return now;
  }
  throw new Error(`The value never settled within ${timeoutMs} ms (last ${last}).`);
}

export type { IncomingMessage, ServerResponse };
