/**
 * `flexroute demo`: the simulator and the router on loopback, a seeded workload sent through the
 * official `openai` client, the same workload again all on `default` as a baseline, and a report
 * of what was routed, what it saved and what it cost in latency. No key, no network.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import OpenAI from 'openai';
import { toNodeListener } from '../../hosts/node-listener.js';
import { createUndiciFetch } from '../../hosts/undici-fetch.js';
import { createRouter } from '../../router/create-router.js';
import { startSimulator } from '../../simulator/index.js';
import type { DemoArgs } from '../args.js';
import { DEMO_POOLS, SLOW_TAIL_DELAY_MS, SLOW_TAIL_SHARE, slowTailScript } from './demo-pools.js';
import type { CrossFormatResult } from './any-format.js';
import { formatTable } from '../report/table.js';
import { formatReport } from './report.js';
import { sendItem, type Observation } from './send.js';
import { summarise } from './summary.js';
import { asBaseline, buildWorkload, type WorkItem } from './workload.js';

/** Where the demo writes. */
export interface DemoIo {
  write(text: string): void;
}

/** Runs the demo and prints its report; resolves with the exit code (1 if any request failed outright). */
export async function runDemo(args: DemoArgs, output: DemoIo): Promise<number> {
  // With --json, the prose stays quiet and one JSON document is printed at the end.
  const io: DemoIo = args.json ? { write: () => {} } : output;
  const sim = await startSimulator({ seed: args.seed, pools: DEMO_POOLS, script: slowTailScript(args.seed) });
  const upstream = createUndiciFetch();
  // A made-up key: the simulator does not check it, and the user's own keys stay out of the demo.
  const router = createRouter({
    env: {},
    upstreams: { openai: sim.openaiBaseUrl, gemini: sim.geminiBaseUrl, anthropic: sim.anthropicBaseUrl },
    keys: { openai: 'sk-demo-not-a-real-key', gemini: 'demo-not-a-real-key', anthropic: 'sk-ant-demo-not-a-real-key' },
    fetch: upstream.fetch,
  });
  const server = createServer(toNodeListener(router));
  try {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = new OpenAI({ baseURL: `${urlOf(server)}/v1`, apiKey: 'sk-demo-not-a-real-key', maxRetries: 0, timeout: 60_000 });
    const workload = buildWorkload(args.requests, args.seed, args.window);

    io.write(describeSetup(args));
    const routed = await timedPhase(io, `Routing ${args.requests} requests, ${args.concurrency} at a time`, () => runAll(client, workload, args.concurrency));
    const baseline = await timedPhase(io, 'Baseline: the same requests, all on "default"', () => runAll(client, asBaseline(workload), args.concurrency));
    const summary = summarise(routed, baseline);
    io.write(`\n${formatReport(summary)}`);
    const { runCrossFormat } = await import('./any-format.js');
    const crossFormat = await runCrossFormat(urlOf(server));
    io.write(`\n${sampleExchange(routed)}\n${formatCrossFormat(crossFormat)}\n${NEXT_STEPS}`);
    if (args.json) output.write(`${JSON.stringify({ seed: args.seed, requests: args.requests, window: args.window ?? null, summary, sample: sampleOf(routed), crossFormat }, null, 2)}\n`);
    if (crossFormat.some((r) => !r.ok)) return 1;
    return summary.failed === 0 ? 0 : 1;
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await upstream.close();
    await sim.close();
  }
}

function describeSetup(args: DemoArgs): string {
  const { flex, standard } = DEMO_POOLS as Required<Pick<typeof DEMO_POOLS, 'flex' | 'standard'>>;
  const flexMean = (flex.startDelayMs as { meanMs: number }).meanMs;
  const standardDelay = standard.startDelayMs as { min: number; max: number };
  const percent = (rate = 0) => `${Math.round(rate * 100)} %`;
  return [
    `flexroute demo (seed ${args.seed}): router and simulator on loopback, client: the official openai package.`,
    `Simulated flex pool: ${flex.capacity} slots (full → 429), start delay exponential with mean ${flexMean} ms`,
    `plus a slow tail on ${percent(SLOW_TAIL_SHARE)} of requests (${SLOW_TAIL_DELAY_MS.min / 1000}–${SLOW_TAIL_DELAY_MS.max / 1000} s), ` +
      `${percent(flex.rate429)} 429s, ${percent(flex.rate503)} 503s. Standard pool: ${standardDelay.min}–${standardDelay.max} ms.`,
    `Workload: Responses and Chat, streaming and not; start_within ${args.window ? `"${args.window}"` : '"00h-00m-05s", "00h-00m-10s"'}, "default", "priority", "auto".`,
    '',
  ].join('\n');
}

async function timedPhase<T>(io: DemoIo, title: string, run: () => Promise<T>): Promise<T> {
  io.write(`${title}… `);
  const started = performance.now();
  const result = await run();
  io.write(`done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return result;
}

/** Sends every item with at most `concurrency` in flight; results in workload order. */
async function runAll(client: OpenAI, items: readonly WorkItem[], concurrency: number): Promise<Observation[]> {
  const results: Observation[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await sendItem(client, items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** The request shown as the sample exchange: a committed race when there is one. */
function sampleOf(routed: readonly Observation[]): Observation | undefined {
  return routed.find((o) => o.ok && o.race === 'committed') ?? routed.find((o) => o.ok);
}

/** One request as the caller saw it: what it sent, and the x-flexroute-* headers it got back. */
function sampleExchange(routed: readonly Observation[]): string {
  const sample = sampleOf(routed);
  if (!sample) return '';
  const { item } = sample;
  const path = item.api === 'responses' ? '/v1/responses' : '/v1/chat/completions';
  return [
    'One exchange, as the caller saw it:',
    `  POST ${path} {"model":"${item.model}",…,"stream":${item.stream},"start_within":"${item.startWithin}"}`,
    `  → ${sample.status}  x-flexroute-tier: ${sample.tier}  x-flexroute-race: ${sample.race}  x-flexroute-flex-wait-ms: ${Math.round(sample.flexWaitMs)}`,
    '',
  ].join('\n');
}

/** The cross-format part as a table: each request's route, what came back in the caller's shape, the tier. */
function formatCrossFormat(results: readonly CrossFormatResult[]): string {
  const table = formatTable(
    ['any format to any provider (official SDKs)', 'answer, in the caller\'s own shape', 'tier'],
    results.map((r) => [r.route, r.answer, r.tier || '-']),
    ['left', 'left', 'left'],
  );
  return `${table}\n`;
}

/** Where to go from here. */
const NEXT_STEPS = [
  'Next:',
  '  npx flexroute serve --simulate --port 8080    # the gateway against the simulator, for curl or any SDK',
  "  curl -i http://127.0.0.1:8080/v1/responses -H 'content-type: application/json' \\",
  '    -d \'{"model":"gpt-5-mini","input":"Hi","start_within":"00h-00m-30s"}\'',
  '  docs/quickstart.md: mount the router in your own app; docs/cli.md: serve, simulator, demo',
  '',
].join('\n');

function urlOf(server: Server): string {
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}
