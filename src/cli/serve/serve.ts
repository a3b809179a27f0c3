/**
 * `flexroute serve`: the router on node:http, reading keys and upstreams from the environment
 * (SPEC §8), with an undici keep-alive pool upstream and a graceful shutdown.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderId } from '../../core/types.js';
import { answerClientErrors } from '../../hosts/node-client-error.js';
import { normaliseBasePath } from '../../middleware/endpoints/index.js';
import { toNodeListener } from '../../hosts/node-listener.js';
import { createUndiciFetch } from '../../hosts/undici-fetch.js';
import { applyMiddleware, type Middleware } from '../../middleware/handler.js';
import { createRouter } from '../../router/create-router.js';
import { SIMULATOR_PRESETS } from '../../simulator/presets.js';
import { startSimulator } from '../../simulator/index.js';
import { simulatorUpstreams } from '../simulator/run-simulator.js';
import { DEFAULT_UPSTREAMS, PROVIDER_ENV } from '../../router/resolve-options.js';
import type { ServeArgs } from '../args.js';
import { packageVersion } from '../version.js';
import { formatBanner, type ProviderLine } from './banner.js';
import { trackRequests, type CloseOutcome, type GracefulCloser } from './graceful-close.js';
import { formatRouteEvent } from './request-log.js';

const PROVIDERS: readonly ProviderId[] = ['openai', 'gemini', 'anthropic'];

/** A running `flexroute serve`. */
export interface RunningServe {
  /** `http://host:port` as bound (the real port when 0 was asked). */
  url: string;
  server: Server;
  closer: GracefulCloser;
  /** Graceful shutdown (see {@link GracefulCloser.close}), then releases the upstream pool. */
  close(): Promise<CloseOutcome>;
}

/** Where the CLI writes. */
export interface ServeIo {
  env: Record<string, string | undefined>;
  log(line: string): void;
}

/** Starts the gateway and prints the banner; rejects with a readable error if it cannot listen. */
export async function startServe(args: ServeArgs, io: ServeIo): Promise<RunningServe> {
  const simulator = args.simulate ? await startSimulator({ seed: args.simulate.seed, pools: SIMULATOR_PRESETS[args.simulate.preset]! }) : undefined;
  // Simulated: the simulator is every upstream, and any key will do (it checks none).
  const env = simulator ? simulatedEnv(io.env, simulatorUpstreams(simulator)) : io.env;
  const upstream = createUndiciFetch();
  const router = createRouter({
    env,
    basePath: args.basePath,
    fetch: upstream.fetch,
    ...(args.quiet ? {} : { onEvent: (event) => io.log(formatRouteEvent(event)) }),
  });
  const server = createServer(toNodeListener(simulator ? applyMiddleware(router, markSimulated) : router));
  answerClientErrors(server);
  const closer = trackRequests(server);
  try {
    await listen(server, args.port, args.host);
  } catch (err) {
    await upstream.close();
    await simulator?.close();
    throw new Error(describeListenError(err, args));
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  io.log(
    formatBanner({
      version: packageVersion(),
      endpointBase: `${url}${normaliseBasePath(args.basePath)}/v1`,
      providers: PROVIDERS.map((provider) => providerLine(provider, env)),
      drainTimeoutMs: args.drainTimeoutMs,
      ...(args.simulate ? { simulated: args.simulate } : {}),
    }).trimEnd(),
  );
  return {
    url,
    server,
    closer,
    async close() {
      const outcome = await closer.close(args.drainTimeoutMs);
      await upstream.close();
      await simulator?.close();
      return outcome;
    },
  };
}

/** Every answer of a simulated gateway says so, so nobody mistakes it for production. */
const markSimulated: Middleware = (next) =>
  async function markSimulated(req) {
    const res = await next(req);
    const headers = new Headers(res.headers);
    headers.set('x-flexroute-simulated', 'true');
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  };

/** The environment with the simulator as every upstream and a placeholder key per provider. */
function simulatedEnv(env: Record<string, string | undefined>, upstreams: Record<ProviderId, string>): Record<string, string | undefined> {
  const out = { ...env };
  for (const provider of PROVIDERS) {
    out[PROVIDER_ENV[provider].baseUrl] = upstreams[provider];
    out[PROVIDER_ENV[provider].key] = `simulated-${provider}-key`;
  }
  return out;
}

function providerLine(provider: ProviderId, env: Record<string, string | undefined>): ProviderLine {
  const names = PROVIDER_ENV[provider];
  return {
    provider,
    keyVariable: names.key,
    hasServerKey: Boolean(env[names.key]),
    upstream: env[names.baseUrl] || DEFAULT_UPSTREAMS[provider],
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function describeListenError(err: unknown, args: ServeArgs): string {
  const code = (err as { code?: string }).code;
  if (code === 'EADDRINUSE') {
    return `Cannot listen on ${args.host}:${args.port}: the port is already in use. Stop the other process or pick another port, e.g. 'flexroute serve --port ${args.port === 8080 ? 8081 : 8080}'.`;
  }
  if (code === 'EACCES') {
    return `Cannot listen on ${args.host}:${args.port}: permission denied (ports below 1024 need privileges). Pick a higher port, e.g. 'flexroute serve --port 8080'.`;
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return `Cannot listen on ${args.host}:${args.port}: this machine has no such address. Bind loopback or all interfaces, e.g. '--host 127.0.0.1' or '--host 0.0.0.0'.`;
  }
  return `Cannot listen on ${args.host}:${args.port}: ${(err as Error).message}`;
}
