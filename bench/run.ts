/**
 * `npm run bench`: the router's overhead on loopback, against the simulator with instant,
 * unpaced pools. Two suites, each server in its own process:
 *
 * - `cells`: the simulator direct, a bare pass-through proxy, the router on `default`, and the
 *   race path, whole and streaming, at 1 and 32 connections (short answers: per-request cost).
 * - `relay`: long streamed answers through the bare proxy, the router passing Responses through,
 *   and the router translating Responses for a Messages caller (per-event cost, time to first byte).
 *
 * Prints tables and the ratios, and writes bench/results.json when everything ran with the defaults.
 *
 *   npm run bench -- [--suites cells,relay] [--rounds 5] [--warmup 0.25]
 *                    [--duration 3] [--targets direct,bare,router,race] [--modes whole,stream] [--connections 1,32]
 *                    [--relay-duration 4] [--relay-targets direct,bare,passthrough,translated] [--relay-connections 1,4]
 *                    [--output-tokens 2000]
 *                    [--cpu-prof]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CONNECTIONS, MODES, TARGETS, requestFor, type Mode, type Origin, type Target, type TargetId } from './cells.js';
import { runLoad, sendOnce, type LoadRequest, type LoadResult } from './load.js';
import { startServerProcess, type ServerProcess } from './process/spawn.js';
import { RELAY_CONNECTIONS, RELAY_OUTPUT_TOKENS, RELAY_TARGETS, type RelayTarget, type RelayTargetId } from './relay-cells.js';
import { formatRelayCells, relayRatios, type RelayCellResult } from './relay-report.js';
import { measureRelay, startRelayProcesses } from './relay-suite.js';
import { formatCells, formatRatios, ratios, toCell, type CellResult, type RatioResult } from './report.js';

const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));
const PROFILES = fileURLToPath(new URL('./profiles/', import.meta.url));

type Suite = 'cells' | 'relay';
const SUITES: readonly Suite[] = ['cells', 'relay'];

interface BenchArgs {
  suites: readonly Suite[];
  warmupMs: number;
  rounds: number;
  durationMs: number;
  targets: readonly Target[];
  modes: readonly Mode[];
  connections: readonly number[];
  relayDurationMs: number;
  relayTargets: readonly RelayTarget[];
  relayConnections: readonly number[];
  outputTokens: number;
  profile: boolean;
  /** True when both suites ran with their default matrix: only then is the results file rewritten. */
  full: boolean;
}

const DEFAULTS = {
  suites: SUITES.join(','),
  targets: TARGETS.map((t) => t.id).join(','),
  modes: MODES.join(','),
  connections: CONNECTIONS.join(','),
  relayTargets: RELAY_TARGETS.map((t) => t.id).join(','),
  relayConnections: RELAY_CONNECTIONS.join(','),
  outputTokens: String(RELAY_OUTPUT_TOKENS),
};

function readArgs(): BenchArgs {
  const { values } = parseArgs({
    options: {
      suites: { type: 'string', default: DEFAULTS.suites },
      rounds: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '0.25' },
      duration: { type: 'string', default: '3' },
      targets: { type: 'string', default: DEFAULTS.targets },
      modes: { type: 'string', default: DEFAULTS.modes },
      connections: { type: 'string', default: DEFAULTS.connections },
      'relay-duration': { type: 'string', default: '4' },
      'relay-targets': { type: 'string', default: DEFAULTS.relayTargets },
      'relay-connections': { type: 'string', default: DEFAULTS.relayConnections },
      'output-tokens': { type: 'string', default: DEFAULTS.outputTokens },
      'cpu-prof': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const outputTokens = Number(values['output-tokens']);
  if (!Number.isInteger(outputTokens) || outputTokens < 100) throw new Error(`--output-tokens takes a whole number of at least 100, e.g. --output-tokens 2000 (got '${values['output-tokens']}').`);
  return {
    suites: listOf(values.suites, SUITES, '--suites'),
    warmupMs: seconds(values.warmup, '--warmup'),
    rounds: Math.max(1, Math.round(Number(values.rounds)) || 1),
    durationMs: seconds(values.duration, '--duration'),
    targets: listOf(values.targets, TARGETS.map((t) => t.id), '--targets').map((id) => TARGETS.find((t) => t.id === id)!),
    modes: listOf(values.modes, MODES, '--modes'),
    connections: values.connections.split(',').map((text) => connectionCount(text, '--connections')),
    relayDurationMs: seconds(values['relay-duration'], '--relay-duration'),
    relayTargets: listOf(values['relay-targets'], RELAY_TARGETS.map((t) => t.id), '--relay-targets').map((id) => RELAY_TARGETS.find((t) => t.id === id)!),
    relayConnections: values['relay-connections'].split(',').map((text) => connectionCount(text, '--relay-connections')),
    outputTokens,
    profile: values['cpu-prof'] === true,
    full:
      values.suites === DEFAULTS.suites &&
      values.targets === DEFAULTS.targets &&
      values.modes === DEFAULTS.modes &&
      values.connections === DEFAULTS.connections &&
      values['relay-targets'] === DEFAULTS.relayTargets &&
      values['relay-connections'] === DEFAULTS.relayConnections &&
      values['output-tokens'] === DEFAULTS.outputTokens,
  };
}

async function main(): Promise<void> {
  const args = readArgs();
  const routerFlags = args.profile ? ['--cpu-prof', '--cpu-prof-dir', PROFILES] : [];
  if (args.profile) mkdirSync(PROFILES, { recursive: true });
  const servers: ServerProcess[] = [];
  const profiled: string[] = [];
  try {
    const runCells = args.suites.includes('cells');
    const runRelay = args.suites.includes('relay');
    const cellCount = runCells ? args.modes.length * args.connections.length * args.targets.length : 0;
    const relayCount = runRelay ? args.relayConnections.length * args.relayTargets.length : 0;
    process.stdout.write(
      `flexroute bench: ${cellCount} request cells of ${args.durationMs / 1000} s, ${relayCount} relay cells of ${args.relayDurationMs / 1000} s ` +
        `(${args.outputTokens}-token streams), each in ${args.rounds} interleaved rounds (+${args.warmupMs / 1000} s warmup per round), ` +
        `Node ${process.version}, ${availableParallelism()} CPU(s)\n`,
    );

    const labels = Object.fromEntries(TARGETS.map((t) => [t.id, t.label])) as Record<TargetId, string>;
    const cells: CellResult[] = [];
    let judged: RatioResult[] = [];
    if (runCells) {
      const simulator = await startServerProcess(['simulator']);
      servers.push(simulator);
      const bare = await startServerProcess(['bare', simulator.url]);
      servers.push(bare);
      const router = await startServerProcess(['router', simulator.url], routerFlags);
      servers.push(router);
      if (args.profile) profiled.push(`pid ${router.child.pid}: router of the request cells`);
      const processes: Record<Origin, ServerProcess> = { simulator, bare, router };
      for (const mode of args.modes) {
        for (const connections of args.connections) cells.push(...(await measureGroup(args, processes, mode, connections)));
      }
      judged = ratios(cells);
      process.stdout.write(`\n${formatCells(cells, labels)}\n${judged.length > 0 ? `\n${formatRatios(judged)}\n` : ''}\n`);
    }

    const relayLabels = Object.fromEntries(RELAY_TARGETS.map((t) => [t.id, t.label])) as Record<RelayTargetId, string>;
    let relayCells: RelayCellResult[] = [];
    let relayJudged: RatioResult[] = [];
    if (runRelay) {
      const processes = await startRelayProcesses(args.outputTokens, routerFlags, servers);
      if (args.profile) profiled.push(`pid ${processes.router.child.pid}: router of the relay suite`);
      relayCells = await measureRelay(processes, { targets: args.relayTargets, outputTokens: args.outputTokens, connections: args.relayConnections, rounds: args.rounds, warmupMs: args.warmupMs, durationMs: args.relayDurationMs });
      relayJudged = relayRatios(relayCells);
      process.stdout.write(`\n${formatRelayCells(relayCells, relayLabels)}\n${relayJudged.length > 0 ? `\n${formatRatios(relayJudged)}\n` : ''}`);
    }

    const results = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: { count: availableParallelism(), model: cpus()[0]?.model ?? 'unknown' },
      warmupMs: args.warmupMs,
      durationMs: args.durationMs,
      rounds: args.rounds,
      simulator: 'instant pools (startDelayMs 0), unpaced (tokensPerSecond 0), 24 output tokens',
      cells,
      ratios: judged,
      relay: {
        simulator: `instant pools (startDelayMs 0), unpaced (tokensPerSecond 0), ${args.outputTokens} output tokens`,
        durationMs: args.relayDurationMs,
        targets: Object.fromEntries(RELAY_TARGETS.map((t) => [t.id, `${t.label}: POST ${t.request.path}`])),
        cells: relayCells,
        ratios: relayJudged,
      },
    };
    if (args.full) writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    const wrote = args.full ? `Wrote ${RESULTS}` : 'A partial run: results file left as it was';
    process.stdout.write(`\n${wrote}${args.profile ? `\nCPU profiles (named by pid) in ${PROFILES}, written as the servers stop:\n  ${profiled.join('\n  ')}` : ''}\n`);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

/** Every target at one mode and connection count, in rounds that rotate through the targets so background load hits each alike. */
async function measureGroup(args: BenchArgs, processes: Record<Origin, ServerProcess>, mode: Mode, connections: number): Promise<CellResult[]> {
  for (const target of args.targets) await preflight(target, mode, processes[target.origin].url, requestFor(target, mode));
  const runs = new Map<TargetId, LoadResult[]>(args.targets.map((t) => [t.id, []]));
  for (let round = 0; round < args.rounds; round++) {
    for (let i = 0; i < args.targets.length; i++) {
      const target = args.targets[(i + round) % args.targets.length]!;
      const server = processes[target.origin];
      const cpuProbes = { simulator: processes.simulator.cpuMicros, ...(target.origin === 'simulator' ? {} : { proxy: server.cpuMicros }) };
      const load = await runLoad({ origin: server.url, request: requestFor(target, mode), connections, warmupMs: args.warmupMs, durationMs: args.durationMs / args.rounds, cpuProbes });
      runs.get(target.id)!.push(load);
    }
  }
  return args.targets.map((target) => {
    const cell = toCell(target.id, mode, connections, runs.get(target.id)!);
    process.stdout.write(`  ${mode.padEnd(6)} ${String(connections).padStart(2)} conns  ${target.label.padEnd(36)} ${cell.requestsPerSecond.toFixed(0).padStart(6)} req/s\n`);
    return cell;
  });
}

/** Fails the run if a cell would measure the wrong path (an error page is fast too). */
async function preflight(target: Target, mode: Mode, origin: string, request: LoadRequest): Promise<void> {
  const answer = await sendOnce(origin, request);
  const wrongHeader = Object.entries(target.expectHeaders).find(([name, value]) => answer.headers[name] !== value);
  const complete = mode === 'stream' ? answer.text.includes('event: response.completed') : answer.text.includes('"status":"completed"');
  if (answer.status !== 200 || wrongHeader || !complete) {
    throw new Error(
      `Preflight for '${target.label}' (${mode}) failed: status ${answer.status}` +
        (wrongHeader ? `, header ${wrongHeader[0]} is '${answer.headers[wrongHeader[0]]}' not '${wrongHeader[1]}'` : '') +
        (complete ? '' : ', the answer is not a completed response') +
        `.\n${answer.text.slice(0, 500)}`,
    );
  }
}

function seconds(text: string | undefined, name: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, e.g. ${name} 3 (got '${text}').`);
  return value * 1000;
}

function connectionCount(text: string, name: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 1024) throw new Error(`${name} takes whole numbers from 1 to 1024, e.g. ${name} 1,32 (got '${text}').`);
  return value;
}

function listOf<T extends string>(text: string, allowed: readonly T[], name: string): T[] {
  const items = text.split(',').map((item) => item.trim());
  const unknown = items.find((item) => !allowed.includes(item as T));
  if (unknown !== undefined) throw new Error(`${name}: '${unknown}' is not one of ${allowed.join(', ')}. Example: ${name} ${allowed.slice(0, 2).join(',')}`);
  return items as T[];
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
