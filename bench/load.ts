/**
 * A small closed-loop load generator on an undici Pool: `connections` workers, each sending
 * the next request as soon as the previous answer was read to its end. A warmup phase runs
 * first and is not recorded; then requests are counted for a fixed duration.
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';

/** One request, sent again and again. */
export interface LoadRequest {
  path: string;
  body: string;
  headers: Record<string, string>;
}

/** What a load run measured. */
export interface LoadResult {
  /** Completed requests in the measured window. */
  requests: number;
  /** Requests that failed or answered non-2xx in the measured window. */
  errors: number;
  requestsPerSecond: number;
  /** Full-answer latencies in ms (headers and the whole body), sorted ascending. */
  latenciesMs: Float64Array;
  /** Per probe: CPU µs used during the measured window divided by the requests completed in it. */
  cpuMicrosPerRequest: Record<string, number>;
}

/** Options of {@link runLoad}. */
export interface LoadOptions {
  origin: string;
  request: LoadRequest;
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** Cumulative CPU counters (µs) read at the start and end of the measured window, by name. */
  cpuProbes?: Record<string, () => Promise<number>>;
}

/** Runs a closed-loop load against `origin` and returns throughput and latencies. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const pool = new Pool(options.origin, { connections: options.connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const { path, body, headers } = options.request;
  const latencies: number[] = [];
  let errors = 0;
  let recording = false;
  let stopping = false;

  const worker = async () => {
    while (!stopping) {
      const started = performance.now();
      let ok = false;
      try {
        const answer = await pool.request({ path, method: 'POST', headers, body });
        for await (const _chunk of answer.body); // read to the end, as a client would
        ok = answer.statusCode >= 200 && answer.statusCode < 300;
      } catch {
        ok = false;
      }
      if (!recording || stopping) continue;
      if (ok) latencies.push(performance.now() - started);
      else errors++;
    }
  };

  const workers = Array.from({ length: options.connections }, worker);
  const probes = Object.entries(options.cpuProbes ?? {});
  await sleep(options.warmupMs);
  const cpuBefore = await Promise.all(probes.map(([, read]) => read()));
  recording = true;
  const startedAt = performance.now();
  await sleep(options.durationMs);
  stopping = true;
  const elapsedMs = performance.now() - startedAt;
  const cpuAfter = await Promise.all(probes.map(([, read]) => read()));
  await Promise.all(workers);
  await pool.close();

  const sorted = Float64Array.from(latencies).sort();
  const cpuMicrosPerRequest = Object.fromEntries(probes.map(([name], i) => [name, (cpuAfter[i]! - cpuBefore[i]!) / Math.max(1, sorted.length)]));
  return { requests: sorted.length, errors, requestsPerSecond: (sorted.length / elapsedMs) * 1000, latenciesMs: sorted, cpuMicrosPerRequest };
}

/** Sends `request` once and returns its status, headers and body text: the preflight check of a cell. */
export async function sendOnce(origin: string, request: LoadRequest): Promise<{ status: number; headers: Record<string, string>; text: string }> {
  const pool = new Pool(origin, { connections: 1 });
  try {
    const answer = await pool.request({ path: request.path, method: 'POST', headers: request.headers, body: request.body });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers)) headers[name] = String(value);
    return { status: answer.statusCode, headers, text: await answer.body.text() };
  } finally {
    await pool.close();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
