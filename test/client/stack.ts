import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { toNodeListener } from '../../src/hosts/node-listener.js';
import { createRouter } from '../../src/router/create-router.js';
import type { RouterOptions } from '../../src/router/options.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/index.js';

/** The real router listening on loopback in front of the simulator, as a client would meet it. */
export interface Stack {
  sim: Simulator;
  /** The router's base URL for the client, e.g. `http://127.0.0.1:1234/v1`. */
  baseURL: string;
  /** Requests that reached the router's HTTP server. */
  routerRequests: number;
  /**
   * Open TCP connections to the router that have carried a request. (Connections a client pool
   * opened but never used are the pool's business, not a request's.)
   */
  openRequestConnections(): number;
  close(): Promise<void>;
}

export async function startStack(options: { sim?: SimulatorOptions; router?: RouterOptions } = {}): Promise<Stack> {
  const sim = await startSimulator({ seed: 11, ...options.sim });
  const router = createRouter({ upstreams: { openai: sim.openaiBaseUrl }, keys: { openai: 'sk-test' }, env: {}, ...options.router });
  const listener = toNodeListener(router);
  const stack = { routerRequests: 0 } as Stack;
  const used = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    stack.routerRequests += 1;
    used.add(req.socket);
    req.socket.once('close', () => used.delete(req.socket));
    listener(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(stack, {
    sim,
    baseURL: `http://127.0.0.1:${port}/v1`,
    openRequestConnections: () => used.size,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sim.close();
    },
  });
}

/** The router's own answer for a body, sent with plain fetch (for comparing messages). */
export async function routerAnswer(baseURL: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseURL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { error: { message: string; type: string; code: string; param: string | null } } };
}

/** A fetch that counts its calls and passes them on to the global fetch. */
export function countingFetch() {
  const calls: string[] = [];
  const fetchImpl = (url: string, init: RequestInit) => {
    calls.push(url);
    return globalThis.fetch(url, init);
  };
  return { calls, fetch: fetchImpl };
}
