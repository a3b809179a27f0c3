/**
 * Runs the relay suite: its own simulator answering with long, unpaced streams, a bare proxy and
 * a router in front of it (each in its own process), every target checked once and then
 * measured in interleaved rounds, as the request cells are.
 */
import { runLoad, sendOnce, type LoadResult } from './load.js';
import { startServerProcess, type ServerProcess } from './process/spawn.js';
import type { RelayTarget, RelayTargetId } from './relay-cells.js';
import { toRelayCell, type RelayCellResult } from './relay-report.js';
import { SseFrameCounter } from './sse-frame-counter.js';

export interface RelayProcesses {
  simulator: ServerProcess;
  bare: ServerProcess;
  router: ServerProcess;
}

export interface RelaySuiteOptions {
  targets: readonly RelayTarget[];
  outputTokens: number;
  connections: readonly number[];
  rounds: number;
  warmupMs: number;
  /** Measured time per cell, split over the rounds. */
  durationMs: number;
}

/** Starts the suite's processes; `routerFlags` go to the router's node (e.g. `--cpu-prof`). Pushes each onto `started` so the caller can stop them whatever happens. */
export async function startRelayProcesses(outputTokens: number, routerFlags: readonly string[], started: ServerProcess[]): Promise<RelayProcesses> {
  const simulator = await startServerProcess(['simulator', String(outputTokens)]);
  started.push(simulator);
  const bare = await startServerProcess(['bare', simulator.url]);
  started.push(bare);
  const router = await startServerProcess(['router', simulator.url], routerFlags);
  started.push(router);
  return { simulator, bare, router };
}

/** Every relay target at every connection count. */
export async function measureRelay(processes: RelayProcesses, options: RelaySuiteOptions): Promise<RelayCellResult[]> {
  const preflights = new Map<RelayTargetId, { events: number; bytes: number }>();
  const { targets } = options;
  for (const target of targets) preflights.set(target.id, await preflight(target, processes[target.origin].url, options.outputTokens));
  const cells: RelayCellResult[] = [];
  for (const connections of options.connections) {
    const runs = new Map<RelayTargetId, LoadResult[]>(targets.map((t) => [t.id, []]));
    for (let round = 0; round < options.rounds; round++) {
      for (let i = 0; i < targets.length; i++) {
        const target = targets[(i + round) % targets.length]!;
        const load = await runLoad({
          origin: processes[target.origin].url,
          request: target.request,
          connections,
          warmupMs: options.warmupMs,
          durationMs: options.durationMs / options.rounds,
          cpuProbes: { simulator: processes.simulator.cpuMicros, ...(target.origin === 'simulator' ? {} : { proxy: processes[target.origin].cpuMicros }) },
          countEvents: true,
        });
        runs.get(target.id)!.push(load);
      }
    }
    for (const target of targets) {
      const cell = toRelayCell(target.id, connections, runs.get(target.id)!, preflights.get(target.id)!);
      process.stdout.write(
        `  relay  ${String(connections).padStart(2)} conns  ${target.label.padEnd(36)} ${cell.eventsPerSecond.toFixed(0).padStart(7)} events/s ${cell.megabytesPerSecond.toFixed(1).padStart(6)} MB/s\n`,
      );
      cells.push(cell);
    }
  }
  return cells;
}

/**
 * Fails the run unless the target answers 200 on the intended path with a whole, long stream;
 * also checks the event counter against the answer's `data:` lines (one per event in both formats).
 */
async function preflight(target: RelayTarget, origin: string, outputTokens: number): Promise<{ events: number; bytes: number }> {
  const answer = await sendOnce(origin, target.request);
  const bytes = Buffer.from(answer.text);
  const events = new SseFrameCounter().add(bytes);
  const dataLines = answer.text.split('\n').filter((line) => line.startsWith('data:')).length;
  const problems = [
    answer.status === 200 ? '' : `status ${answer.status}`,
    ...Object.entries(target.expectHeaders).map(([name, value]) => (answer.headers[name] === value ? '' : `header ${name} is '${answer.headers[name]}' not '${value}'`)),
    answer.text.includes(`event: ${target.finalEvent}\n`) ? '' : `no '${target.finalEvent}' event: the stream is not complete`,
    events >= outputTokens ? '' : `${events} events for ${outputTokens} output tokens: the answer is not the long one`,
    events === dataLines ? '' : `the event counter saw ${events} events but the answer has ${dataLines} data lines`,
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`Relay preflight for '${target.label}' failed: ${problems.join('; ')}.\n${answer.text.slice(0, 500)}`);
  return { events, bytes: bytes.length };
}
