/**
 * The simulator's HTTP server (node:http on loopback). It holds the live state — knobs, script,
 * pools, the request log — and tracks sockets and exchanges so `close()` ends all of them.
 * Each request goes through handler.ts.
 */
import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { handleRequest, type SimState } from './handler.js';
import { SIMULATED_MODELS } from './models.js';
import { Pool } from './pool.js';
import { Recorder } from './recorder.js';
import type { PoolName, Simulator, SimulatorOptions } from './types.js';

const POOL_NAMES: readonly PoolName[] = ['flex', 'standard', 'priority'];

/**
 * Starts a simulator on loopback.
 *
 * @example
 * ```ts
 * const sim = await startSimulator({ seed: 7, pools: { flex: { rate429: 0.2, startDelayMs: { min: 50, max: 400 } } } });
 * const openai = new OpenAI({ apiKey: 'sk-test', baseURL: sim.openaiBaseUrl });
 * const res = await openai.responses.create({ model: 'gpt-5-mini', input: 'Hello', service_tier: 'flex' });
 * await sim.close();
 * ```
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  let script = options.script;
  let closing = false;
  const pools = { ...options.pools };
  const state: SimState = {
    seed: options.seed ?? 1,
    models: options.models ?? SIMULATED_MODELS,
    options,
    pools,
    script: () => script,
    recorder: new Recorder(),
    poolByName: Object.fromEntries(
      POOL_NAMES.map((name) => [name, new Pool(() => pools[name]?.capacity ?? Infinity)]),
    ) as Record<PoolName, Pool>,
    exchanges: new Set(),
    closing: () => closing,
  };
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => void handleRequest(state, req, res));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `Simulator could not listen on ${host}:${options.port ?? 0} (${error.code ?? error.message}). ` +
            'Pick another port, or pass port: 0 to take any free one.',
        ),
      );
    server.once('error', onError);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closed: Promise<void> | undefined;
  return {
    url,
    openaiBaseUrl: `${url}/v1`,
    geminiBaseUrl: url,
    anthropicBaseUrl: url,
    requests: state.recorder.requests,
    setPools(next) {
      for (const name of POOL_NAMES) if (name in next) pools[name] = next[name];
      for (const pool of Object.values(state.poolByName)) pool.pump();
    },
    setScript(next) {
      script = next;
    },
    reset: () => state.recorder.reset(),
    waitForRequests: (n, timeoutMs = 5000) => state.recorder.waitFor(n, timeoutMs, 'received', (r) => r.length),
    waitForFinished: (n, timeoutMs = 5000) =>
      state.recorder.waitFor(n, timeoutMs, 'finished', (r) => r.filter((x) => x.finishedAt !== undefined).length),
    poolState: (name) => state.poolByName[name].state(),
    close() {
      closed ??= (async () => {
        closing = true;
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        const open = [...state.exchanges];
        for (const exchange of open) exchange.controller.abort(new Error('simulator closed'));
        for (const socket of sockets) socket.destroy();
        state.recorder.close();
        // Resolve only once every log entry is final and the port is free.
        await Promise.all([stopped, ...open.map((exchange) => exchange.closed)]);
      })();
      return closed;
    },
  };
}
