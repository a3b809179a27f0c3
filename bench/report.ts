/** The benchmark's table and the ratios it is judged by. */
import { formatMs, nearestRank, percentile } from '../src/cli/report/stats.js';
import { formatTable } from '../src/cli/report/table.js';
import type { Mode, TargetId } from './cells.js';
import type { LoadResult } from './load.js';

/** One measured cell, as stored in results.json. */
export interface CellResult {
  target: TargetId;
  mode: Mode;
  connections: number;
  requests: number;
  errors: number;
  /** Median of the rounds' req/s. */
  requestsPerSecond: number;
  /** The best round's req/s: the one least disturbed by whatever else the machine was running. */
  bestRequestsPerSecond: number;
  roundsRequestsPerSecond: number[];
  /** Latency percentiles over every request of every round. */
  p50Ms: number;
  p99Ms: number;
  /** The lowest per-round p50 (the quietest round). */
  bestP50Ms: number;
  /** CPU µs the proxy process (bare or router) spent per request, median of the rounds; absent for direct requests. */
  proxyCpuMicros?: number;
  /** CPU µs the simulator spent per request, median of the rounds. */
  simulatorCpuMicros: number;
}

/** A ratio with its target and whether it was met, from the median rounds and from the best rounds. */
export interface RatioResult {
  name: string;
  unit: 'x' | 'ms' | 'µs';
  median: number;
  best?: number;
  /** `-` for indicators that explain a ratio rather than being judged. */
  target: string;
  metMedian?: boolean;
  metBest?: boolean;
}

/** One cell from its interleaved rounds. */
export function toCell(target: TargetId, mode: Mode, connections: number, rounds: readonly LoadResult[]): CellResult {
  const latencies = rounds.flatMap((r) => Array.from(r.latenciesMs)).sort((a, b) => a - b);
  const perRound = rounds.map((r) => r.requestsPerSecond);
  return {
    target,
    mode,
    connections,
    requests: rounds.reduce((sum, r) => sum + r.requests, 0),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    requestsPerSecond: percentile(perRound, 50),
    bestRequestsPerSecond: Math.max(...perRound),
    roundsRequestsPerSecond: perRound.map(Math.round),
    p50Ms: nearestRank(latencies, 50),
    p99Ms: nearestRank(latencies, 99),
    bestP50Ms: Math.min(...rounds.map((r) => nearestRank(Array.from(r.latenciesMs), 50)).filter((v) => !Number.isNaN(v))),
    ...(rounds.some((r) => r.cpuMicrosPerRequest.proxy !== undefined) ? { proxyCpuMicros: medianOf(rounds, 'proxy') } : {}),
    simulatorCpuMicros: medianOf(rounds, 'simulator'),
  };
}

function medianOf(rounds: readonly LoadResult[], probe: string): number {
  return percentile(rounds.map((r) => r.cpuMicrosPerRequest[probe] ?? Number.NaN).filter((v) => !Number.isNaN(v)), 50);
}

/** A throughput ratio `a / b` (target: at least `min`). */
function throughput(name: string, a: CellResult, b: CellResult, min: number): RatioResult {
  const median = a.requestsPerSecond / b.requestsPerSecond;
  const best = a.bestRequestsPerSecond / b.bestRequestsPerSecond;
  return { name, unit: 'x', median, best, target: `>= ${min.toFixed(2)}`, metMedian: median >= min, metBest: best >= min };
}

/** A latency gap `a.p50 - b.p50` (target: at most `max` ms). */
function latencyGap(name: string, a: CellResult, b: CellResult, max: number): RatioResult {
  const median = a.p50Ms - b.p50Ms;
  const best = a.bestP50Ms - b.bestP50Ms;
  return { name, unit: 'ms', median, best, target: `<= ${max.toFixed(2)} ms`, metMedian: median <= max, metBest: best <= max };
}

/**
 * The ratios the router is held to (see docs/benchmarks.md), plus CPU-per-request indicators
 * that explain them.
 */
export function ratios(cells: readonly CellResult[]): RatioResult[] {
  const out: RatioResult[] = [];
  for (const mode of ['whole', 'stream'] as const) {
    const cell = (target: TargetId, connections: number) => cells.find((c) => c.target === target && c.mode === mode && c.connections === connections);
    const [router32, bare32, router1, bare1] = [cell('router', 32), cell('bare', 32), cell('router', 1), cell('bare', 1)];
    if (router32 && bare32) out.push(throughput(`${mode}: router / bare req/s, 32 conns`, router32, bare32, 0.8));
    if (router1 && bare1) out.push(latencyGap(`${mode}: router p50 - bare p50, 1 conn`, router1, bare1, 0.3));
    for (const connections of [1, 32]) {
      const [a, b] = [cell('race', connections), cell('router', connections)];
      if (a && b) out.push(throughput(`${mode}: race / router req/s, ${connections} conn${connections > 1 ? 's' : ''}`, a, b, 0.9));
    }
    // CPU per request moves less with background load than wall-clock numbers do.
    const cpu = (target: TargetId, connections: number) => cell(target, connections)?.proxyCpuMicros;
    const indicator = (name: string, value: number | undefined) => {
      if (value !== undefined && !Number.isNaN(value)) out.push({ name, unit: 'x', median: value, target: '-' });
    };
    indicator(`${mode}: router CPU/req / bare CPU/req, 32 conns`, ratioOf(cpu('router', 32), cpu('bare', 32)));
    indicator(`${mode}: race CPU/req / router CPU/req, 32 conns`, ratioOf(cpu('race', 32), cpu('router', 32)));
  }
  return out;
}

export function ratioOf(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : a / b;
}

export function formatCells(cells: readonly CellResult[], labels: Readonly<Record<TargetId, string>>): string {
  return formatTable(
    ['mode', 'conns', 'target', 'req/s', 'best', 'p50 ms', 'p99 ms', 'proxy CPU µs/req', 'sim CPU µs/req', 'errors'],
    cells.map((c) => [
      c.mode,
      String(c.connections),
      labels[c.target],
      c.requestsPerSecond.toFixed(0),
      c.bestRequestsPerSecond.toFixed(0),
      formatMs(c.p50Ms),
      formatMs(c.p99Ms),
      c.proxyCpuMicros === undefined ? '-' : c.proxyCpuMicros.toFixed(0),
      c.simulatorCpuMicros.toFixed(0),
      String(c.errors),
    ]),
    ['left', 'right', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
}

export function formatRatios(results: readonly RatioResult[]): string {
  const show = (value: number | undefined, unit: RatioResult['unit']) =>
    value === undefined ? '' : unit === 'x' ? value.toFixed(2) : `${value.toFixed(unit === 'ms' ? 2 : 0)} ${unit}`;
  const met = (value: boolean | undefined) => (value === undefined ? '' : value ? 'yes' : 'NO');
  return formatTable(
    ['ratio', 'median rounds', 'best rounds', 'target', 'met (median)', 'met (best)'],
    results.map((r) => [r.name, show(r.median, r.unit), show(r.best, r.unit), r.target, met(r.metMedian), met(r.metBest)]),
    ['left', 'right', 'right', 'left', 'left', 'left'],
  );
}
