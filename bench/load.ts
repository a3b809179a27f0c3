/**
 * A small closed-loop load generator on an undici Pool: `connections` workers, each sending
 * the next request as soon as the previous answer was read to its end. A warmup phase runs
 * first and is not recorded; then requests, and the bytes and SSE events received, are counted
 * for a fixed duration.
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { SseFrameCounter } from './sse-frame-counter.js';

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
  /** Time to the first body byte in ms, sorted ascending, for the requests started in the measured window. */
  firstByteMs: Float64Array;
  /** Body bytes received in the measured window (counted as they arrive, so long answers straddling its edges count in part). */
  bytes: number;
  /** SSE events completed in the measured window; counted only with `countEvents`, else 0. */
  events: number;
  /** Length of the measured window in ms. */
  elapsedMs: number;
  /** Per probe: CPU µs used during the measured window. */
  cpuMicros: Record<string, number>;
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
  /** Count SSE events in the bodies (a byte scan per chunk; off for the request cells). */
  countEvents?: boolean;
}

/** Runs a closed-loop load against `origin` and returns throughput and latencies. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const pool = new Pool(options.origin, { connections: options.connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const { path, body, headers } = options.request;
  const latencies: number[] = [];
  const firstBytes: number[] = [];
  let errors = 0;
  let bytes = 0;
  let events = 0;
  let recording = false;
  let stopping = false;

  const worker = async () => {
    while (!stopping) {
      const started = performance.now();
      const startedRecording = recording;
      const counter = options.countEvents ? new SseFrameCounter() : undefined;
      let firstByteAt: number | undefined;
      let ok = false;
      try {
        const answer = await pool.request({ path, method: 'POST', headers, body });
        // Read to the end, as a client would; bytes and events count while the window is open.
        for await (const chunk of answer.body as AsyncIterable<Buffer>) {
          firstByteAt ??= performance.now();
          const completed = counter ? counter.add(chunk) : 0;
          if (recording && !stopping) {
            bytes += chunk.length;
            events += completed;
          }
        }
        ok = answer.statusCode >= 200 && answer.statusCode < 300;
      } catch {
        ok = false;
      }
      if (!recording || stopping) continue;
      if (!ok) errors++;
      else {
        latencies.push(performance.now() - started);
        if (startedRecording && firstByteAt !== undefined) firstBytes.push(firstByteAt - started);
      }
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
  const cpuMicros = Object.fromEntries(probes.map(([name], i) => [name, cpuAfter[i]! - cpuBefore[i]!]));
  const cpuMicrosPerRequest = Object.fromEntries(Object.entries(cpuMicros).map(([name, us]) => [name, us / Math.max(1, sorted.length)]));
  return {
    requests: sorted.length,
    errors,
    requestsPerSecond: (sorted.length / elapsedMs) * 1000,
    latenciesMs: sorted,
    firstByteMs: Float64Array.from(firstBytes).sort(),
    bytes,
    events,
    elapsedMs,
    cpuMicros,
    cpuMicrosPerRequest,
  };
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
