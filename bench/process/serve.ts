/**
 * One benchmark server in its own process, so it does not share an event loop with the load
 * generator: `simulator [outputTokens]`, `bare <upstream>` or `router <upstream>` (with the
 * product's upstream transport, createUndiciFetch). Prints `{"url": …}` once listening; answers
 * `'cpu'` messages with its CPU time; exits cleanly on SIGTERM (so `--cpu-prof` gets written).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeListener } from '../../src/hosts/node-listener.js';
import { createUndiciFetch } from '../../src/hosts/undici-fetch.js';
import { createRouter } from '../../src/router/create-router.js';
import { DEFAULT_OUTPUT_TOKENS, startSimulator } from '../../src/simulator/index.js';
import { createBareProxy } from '../bare-proxy.js';
import { BENCH_KEY } from '../cells.js';

async function main(): Promise<void> {
  const [kind, argument] = process.argv.slice(2);
  let url: string;
  let close: () => Promise<void>;
  if (kind === 'simulator') {
    // Instant, unpaced pools: the bench measures the proxies, not the simulated provider. The
    // relay suite asks for long answers, so that relaying them dominates the cost of a request.
    const outputTokens = argument === undefined ? DEFAULT_OUTPUT_TOKENS : Number(argument);
    if (!Number.isInteger(outputTokens) || outputTokens < 1) throw new Error(`serve.ts simulator: outputTokens must be a whole number from 1, e.g. 2000 (got '${argument}').`);
    const pool = { startDelayMs: 0, tokensPerSecond: 0, outputTokens };
    const sim = await startSimulator({ seed: 1, pools: { flex: pool, standard: pool } });
    const trim = setInterval(() => sim.reset(), 1_000); // the request log would grow without bound
    url = sim.url;
    close = async () => {
      clearInterval(trim);
      await sim.close();
    };
  } else if ((kind === 'bare' || kind === 'router') && argument) {
    const served = kind === 'bare' ? createBareProxy(argument, BENCH_KEY) : routerServer(argument);
    await new Promise<void>((resolve) => served.server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(served.server.address() as AddressInfo).port}`;
    close = async () => {
      served.server.closeAllConnections();
      await new Promise<void>((resolve) => served.server.close(() => resolve()));
      await served.close();
    };
  } else {
    throw new Error(`Usage: serve.ts simulator [outputTokens] | bare <upstream> | router <upstream> (got ${process.argv.slice(2).join(' ')})`);
  }
  process.once('SIGTERM', () => {
    close().finally(() => process.exit(0));
  });
  process.once('disconnect', () => process.exit(0)); // the bench went away: do not linger
  process.on('message', (message) => {
    if (message !== 'cpu') return;
    const { user, system } = process.cpuUsage();
    process.send?.({ cpuMicros: user + system });
  });
  process.stdout.write(`${JSON.stringify({ url })}\n`);
}

function routerServer(upstream: string): { server: Server; close(): Promise<void> } {
  const transport = createUndiciFetch();
  const router = createRouter({ env: {}, upstreams: { openai: `${upstream}/v1` }, keys: { openai: BENCH_KEY }, fetch: transport.fetch });
  return { server: createServer(toNodeListener(router)), close: transport.close };
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
