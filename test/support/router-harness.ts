import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { createRouter } from '../../src/router/create-router.js';
import type { RouterOptions } from '../../src/router/options.js';
import type { RoutedEvent, UnroutedEvent } from '../../src/middleware/events/route-event.js';
import { toNodeListener } from '../../src/hosts/node-listener.js';
import { createUndiciFetch } from '../../src/hosts/undici-fetch.js';
import { startSimulator } from '../../src/simulator/index.js';
import type { Simulator, SimulatorOptions } from '../../src/simulator/index.js';

/** A simulator upstream, the router listening on loopback in front of it, and an `openai` client. */
export interface Harness {
  sim: Simulator;
  /** Router base URL for the OpenAI SDK, e.g. `http://127.0.0.1:1234/v1`. */
  baseURL: string;
  client: OpenAI;
  /** Events of routed requests, in order. */
  events: RoutedEvent[];
  /** Events of requests the router answered itself (refusals, 404s, the model list). */
  unrouted: UnroutedEvent[];
  router: (req: Request) => Promise<Response>;
  close(): Promise<void>;
}

/**
 * `transport: 'undici'` sends upstream through {@link createUndiciFetch} (what the CLI uses);
 * the default is the router's own default, the runtime's `fetch`.
 */
export async function startHarness(options: { sim?: SimulatorOptions; router?: RouterOptions; transport?: 'fetch' | 'undici' } = {}): Promise<Harness> {
  const sim = await startSimulator({ seed: 7, ...options.sim });
  const upstream = options.transport === 'undici' ? createUndiciFetch() : undefined;
  const events: RoutedEvent[] = [];
  const unrouted: UnroutedEvent[] = [];
  const router = createRouter({
    upstreams: { openai: sim.openaiBaseUrl, gemini: sim.url, anthropic: sim.url },
    keys: { openai: 'sk-server-key-0001', gemini: 'gemini-server-key-0002', anthropic: 'sk-ant-server-key-0003' },
    env: {},
    onEvent: (event) => (event.outcome === 'routed' ? events.push(event) : unrouted.push(event)),
    ...(upstream ? { fetch: upstream.fetch } : {}),
    ...options.router,
  });
  const server: Server = createServer(toNodeListener(router));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseURL = `http://127.0.0.1:${port}/v1`;
  const client = new OpenAI({ apiKey: 'sk-caller-key-7777', baseURL, maxRetries: 0 });
  return {
    sim,
    baseURL,
    client,
    events,
    unrouted,
    router,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await upstream?.close();
      await sim.close();
    },
  };
}

/** JSON POST to the router's HTTP endpoint; returns status, headers and parsed body. */
export async function postJson(baseURL: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseURL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json: json as any };
}
