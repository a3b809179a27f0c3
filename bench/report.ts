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
  /** Median of the rounds. */
  requestsPerSecond: number;
  roundsRequestsPerSecond: number[];
  p50Ms: number;
  p99Ms: number;
  /** CPU µs the proxy process (bare or router) spent per request; absent for direct requests. */
  proxyCpuMicros?: number;
  /** CPU µs the simulator spent per request. */
  simulatorCpuMicros: number;
}

/** A ratio with its target and whether it was met. */
export interface RatioResult {
  name: string;
  value: number;
  unit: 'x' | 'ms' | 'µs';
  /** `-` for indicators that explain a ratio rather than being judged. */
  target: string;
  met?: boolean;
}

/**
 * One cell from its interleaved rounds: req/s is the median of the rounds (robust to a round
 * that met a burst of background load), latencies are pooled across rounds.
 */
export function toCell(target: TargetId, mode: Mode, connections: number, rounds: readonly LoadResult[]): CellResult {
  const latencies = rounds.flatMap((r) => Array.from(r.latenciesMs)).sort((a, b) => a - b);
  return {
    target,
    mode,
    connections,
    requests: rounds.reduce((sum, r) => sum + r.requests, 0),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    requestsPerSecond: percentile(rounds.map((r) => r.requestsPerSecond), 50),
    roundsRequestsPerSecond: rounds.map((r) => Math.round(r.requestsPerSecond)),
    p50Ms: nearestRank(latencies, 50),
    p99Ms: nearestRank(latencies, 99),
    ...(rounds.some((r) => r.cpuMicrosPerRequest.proxy !== undefined) ? { proxyCpuMicros: medianOf(rounds, 'proxy') } : {}),
    simulatorCpuMicros: medianOf(rounds, 'simulator'),
  };
}

function medianOf(rounds: readonly LoadResult[], probe: string): number {
  return percentile(rounds.map((r) => r.cpuMicrosPerRequest[probe] ?? Number.NaN).filter((v) => !Number.isNaN(v)), 50);
}

/** The ratios the router is held to (see docs/benchmarks.md). */
export function ratios(cells: readonly CellResult[]): RatioResult[] {
  const find = (target: TargetId, mode: Mode, connections: number) => cells.find((c) => c.target === target && c.mode === mode && c.connections === connections);
  const out: RatioResult[] = [];
  for (const mode of ['whole', 'stream'] as const) {
    const router32 = find('router', mode, 32);
    const bare32 = find('bare', mode, 32);
    if (router32 && bare32) {
      const value = router32.requestsPerSecond / bare32.requestsPerSecond;
      out.push({ name: `${mode}: router / bare req/s at 32 conns`, value, unit: 'x', target: '>= 0.80', met: value >= 0.8 });
    }
    const router1 = find('router', mode, 1);
    const bare1 = find('bare', mode, 1);
    if (router1 && bare1) {
      const value = router1.p50Ms - bare1.p50Ms;
      out.push({ name: `${mode}: router p50 - bare p50 at 1 conn`, value, unit: 'ms', target: '<= 0.30 ms', met: value <= 0.3 });
    }
    for (const connections of [1, 32]) {
      const race = find('race', mode, connections);
      const router = find('router', mode, connections);
      if (race && router) {
        const value = race.requestsPerSecond / router.requestsPerSecond;
        out.push({ name: `${mode}: race / default req/s at ${connections} conn${connections > 1 ? 's' : ''}`, value, unit: 'x', target: '>= 0.90', met: value >= 0.9 });
      }
    }
    // CPU per request barely moves with background load, so it says what the wall-clock ratios would be on a quiet machine.
    const cpu = (target: TargetId, connections: number) => find(target, mode, connections)?.proxyCpuMicros;
    const [router1Cpu, bare1Cpu, router32Cpu, bare32Cpu, race32Cpu] = [cpu('router', 1), cpu('bare', 1), cpu('router', 32), cpu('bare', 32), cpu('race', 32)];
    if (router1Cpu !== undefined && bare1Cpu !== undefined) {
      out.push({ name: `${mode}: router CPU/req - bare CPU/req at 1 conn`, value: router1Cpu - bare1Cpu, unit: 'µs', target: '-' });
    }
    if (router32Cpu !== undefined && bare32Cpu !== undefined) {
      out.push({ name: `${mode}: router CPU/req / bare CPU/req at 32 conns`, value: router32Cpu / bare32Cpu, unit: 'x', target: '-' });
    }
    if (race32Cpu !== undefined && router32Cpu !== undefined) {
      out.push({ name: `${mode}: race CPU/req / default CPU/req at 32 conns`, value: race32Cpu / router32Cpu, unit: 'x', target: '-' });
    }
    // The experiment, judged by the same targets as the product.
    const routerRq32 = find('router-request', mode, 32);
    if (routerRq32 && bare32) {
      const value = routerRq32.requestsPerSecond / bare32.requestsPerSecond;
      out.push({ name: `${mode}: EXPERIMENT router-request / bare req/s at 32 conns`, value, unit: 'x', target: '>= 0.80', met: value >= 0.8 });
    }
    const routerRq1 = find('router-request', mode, 1);
    if (routerRq1 && bare1) {
      const value = routerRq1.p50Ms - bare1.p50Ms;
      out.push({ name: `${mode}: EXPERIMENT router-request p50 - bare p50 at 1 conn`, value, unit: 'ms', target: '<= 0.30 ms', met: value <= 0.3 });
    }
    const raceRq32 = find('race-request', mode, 32);
    if (raceRq32 && routerRq32) {
      const value = raceRq32.requestsPerSecond / routerRq32.requestsPerSecond;
      out.push({ name: `${mode}: EXPERIMENT race-request / router-request req/s at 32 conns`, value, unit: 'x', target: '>= 0.90', met: value >= 0.9 });
    }
  }
  return out;
}

export function formatCells(cells: readonly CellResult[], labels: Readonly<Record<TargetId, string>>): string {
  return formatTable(
    ['mode', 'conns', 'target', 'req/s', 'p50 ms', 'p99 ms', 'proxy CPU µs/req', 'sim CPU µs/req', 'errors'],
    cells.map((c) => [
      c.mode,
      String(c.connections),
      labels[c.target],
      c.requestsPerSecond.toFixed(0),
      formatMs(c.p50Ms),
      formatMs(c.p99Ms),
      c.proxyCpuMicros === undefined ? '-' : c.proxyCpuMicros.toFixed(0),
      c.simulatorCpuMicros.toFixed(0),
      String(c.errors),
    ]),
    ['left', 'right', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
}

export function formatRatios(results: readonly RatioResult[]): string {
  return formatTable(
    ['ratio', 'value', 'target', 'met'],
    results.map((r) => [r.name, r.unit === 'x' ? r.value.toFixed(3) : `${r.value.toFixed(r.unit === 'ms' ? 3 : 0)} ${r.unit}`, r.target, r.met === undefined ? '' : r.met ? 'yes' : 'NO']),
    ['left', 'right', 'left', 'left'],
  );
}
