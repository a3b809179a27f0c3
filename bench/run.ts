/**
 * `npm run bench`: the router's overhead on loopback, against the simulator with instant,
 * unpaced pools. Measures the simulator direct, a bare pass-through proxy, the router on
 * `default`, and the race path, whole and streaming, at 1 and 32 connections; prints a table
 * and the ratios, and writes bench/results.json. Each server runs in its own process.
 *
 *   npm run bench -- [--duration 3] [--rounds 5] [--warmup 0.25]
 *                    [--targets direct,bare,router,race] [--modes whole,stream] [--connections 1,32]
 *                    [--cpu-prof] [--experiment]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CONNECTIONS, EXPERIMENT_TARGETS, MODES, TARGETS, requestFor, type Mode, type Origin, type Target, type TargetId } from './cells.js';
import { runLoad, sendOnce, type LoadRequest, type LoadResult } from './load.js';
import { startServerProcess, type ServerProcess } from './process/spawn.js';
import { formatCells, formatRatios, ratios, toCell, type CellResult } from './report.js';

/** The product's numbers go to results.json; a run with the experiment writes its own file. */
const RESULTS = {
  product: fileURLToPath(new URL('./results.json', import.meta.url)),
  experiment: fileURLToPath(new URL('./results-experiment.json', import.meta.url)),
};
const PROFILES = fileURLToPath(new URL('./profiles/', import.meta.url));

interface BenchArgs {
  durationMs: number;
  warmupMs: number;
  rounds: number;
  targets: readonly Target[];
  modes: readonly Mode[];
  connections: readonly number[];
  profile: boolean;
  experiment: boolean;
  /** True when every cell of the matrix runs: only then is the results file rewritten. */
  full: boolean;
}

const defaultTargets = TARGETS.map((t) => t.id).join(',');

function readArgs(): BenchArgs {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '3' },
      rounds: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '0.25' },
      targets: { type: 'string', default: defaultTargets },
      modes: { type: 'string', default: MODES.join(',') },
      connections: { type: 'string', default: CONNECTIONS.join(',') },
      'cpu-prof': { type: 'boolean', default: false },
      experiment: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const experiment = values.experiment === true;
  const known = experiment ? [...TARGETS, ...EXPERIMENT_TARGETS] : TARGETS;
  const targetIds = values.targets === defaultTargets ? known.map((t) => t.id).join(',') : values.targets;
  return {
    durationMs: seconds(values.duration, '--duration'),
    warmupMs: seconds(values.warmup, '--warmup'),
    rounds: Math.max(1, Math.round(Number(values.rounds)) || 1),
    targets: listOf(targetIds, known.map((t) => t.id), '--targets').map((id) => known.find((t) => t.id === id)!),
    modes: listOf(values.modes, MODES, '--modes'),
    connections: values.connections.split(',').map((text) => connectionCount(text)),
    profile: values['cpu-prof'] === true,
    experiment,
    full: values.targets === defaultTargets && values.modes === MODES.join(',') && values.connections === CONNECTIONS.join(','),
  };
}

async function main(): Promise<void> {
  const args = readArgs();
  if (args.profile) mkdirSync(PROFILES, { recursive: true });
  const servers: ServerProcess[] = [];
  try {
    const simulator = await startServerProcess(['simulator']);
    servers.push(simulator);
    const bare = await startServerProcess(['bare', simulator.url]);
    servers.push(bare);
    const router = await startServerProcess(['router', simulator.url, 'fetch'], args.profile ? ['--cpu-prof', '--cpu-prof-dir', PROFILES] : []);
    servers.push(router);
    // Without the experiment its process is never asked for: stand the product router in.
    let routerRequest = router;
    if (args.experiment) {
      routerRequest = await startServerProcess(['router', simulator.url, 'request'], args.profile ? ['--cpu-prof', '--cpu-prof-dir', PROFILES] : []);
      servers.push(routerRequest);
    }
    const processes: Record<Origin, ServerProcess> = { simulator, bare, router, 'router-request': routerRequest };

    const total = args.modes.length * args.connections.length * args.targets.length;
    process.stdout.write(
      `flexroute bench: ${total} cells, ${args.durationMs / 1000} s each in ${args.rounds} interleaved rounds (+${args.warmupMs / 1000} s warmup per round), ` +
        `${args.experiment ? 'with the request-transport experiment, ' : ''}Node ${process.version}, ${availableParallelism()} CPU(s)\n`,
    );
    const cells: CellResult[] = [];
    for (const mode of args.modes) {
      for (const connections of args.connections) cells.push(...(await measureGroup(args, processes, mode, connections)));
    }

    const labels = Object.fromEntries([...TARGETS, ...EXPERIMENT_TARGETS].map((t) => [t.id, t.label])) as Record<TargetId, string>;
    const judged = ratios(cells);
    process.stdout.write(`\n${formatCells(cells, labels)}\n\n${formatRatios(judged)}\n`);
    const results = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: { count: availableParallelism(), model: cpus()[0]?.model ?? 'unknown' },
      warmupMs: args.warmupMs,
      durationMs: args.durationMs,
      rounds: args.rounds,
      experiment: args.experiment ? 'router-request / race-request: experiments/request-transport.ts' : undefined,
      simulator: 'instant pools (startDelayMs 0), unpaced (tokensPerSecond 0), 24 output tokens',
      cells,
      ratios: judged,
    };
    const file = args.experiment ? RESULTS.experiment : RESULTS.product;
    if (args.full) writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    const wrote = args.full ? `Wrote ${file}` : 'A partial matrix: results file left as it was';
    process.stdout.write(`\n${wrote}${args.profile ? `; router CPU profile(s) in ${PROFILES}` : ''}\n`);
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

function connectionCount(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 1024) throw new Error(`--connections takes whole numbers from 1 to 1024, e.g. --connections 1,32 (got '${text}').`);
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
