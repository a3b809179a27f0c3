/**
 * `npm run bench:compose`: what the composition itself costs per request, in-process, with an
 * upstream that costs next to nothing (a pre-rendered Response from a stub fetch, no socket), so
 * the router's own work is what is measured. Targets, interleaved in rounds, medians:
 *
 * - floor: building the Request and answering from the stub, with no router;
 * - router: `createRouter` as shipped (no event hook: no events step);
 * - router + events: with `onEvent` (metering reads the body's usage);
 * - router + 3 steps + 1 interceptor: user steps and an attempt interceptor that all pass through.
 *
 * Bundled with esbuild before it runs (see package.json), so the figures are those of the
 * published build, not of tsx's per-function name-keeping wrappers.
 */
import { cpus, loadavg } from 'node:os';
import { createRouter } from '../src/router/create-router.js';
import type { RouterOptions } from '../src/router/options.js';

const whole = JSON.stringify({
  id: 'resp_1',
  object: 'response',
  service_tier: 'default',
  status: 'completed',
  output: [{ type: 'message', content: [{ type: 'output_text', text: 'Hi there' }] }],
  usage: { input_tokens: 5, output_tokens: 3 },
});
const stubFetch = async () => new Response(whole, { headers: { 'content-type': 'application/json' } });
const body = JSON.stringify({ model: 'gpt-5-mini', input: 'Hi', start_within: 'default' });
const request = () => new Request('http://router.local/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body });

const base: RouterOptions = { env: {}, keys: { openai: 'sk-bench' }, fetch: stubFetch };
const pass = async function pass(_ctx: unknown, next: () => Promise<Response>) {
  return next();
};
const TARGETS: Record<string, (req: Request) => Promise<Response>> = {
  floor: async () => stubFetch(),
  router: createRouter(base),
  'router + events': createRouter({ ...base, onEvent: () => {} }),
  'router + 3 steps + 1 interceptor': createRouter({ ...base, use: [pass, pass, pass], interceptors: [(next) => (attempt) => next(attempt)] }),
};

async function microsPerRequest(handler: (req: Request) => Promise<Response>, n: number): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await (await handler(request())).text();
  return Number(process.hrtime.bigint() - started) / 1e3 / n;
}

const ROUNDS = Number(process.env.ROUNDS ?? 9);
const N = Number(process.env.N ?? 3000);
const results: Record<string, number[]> = Object.fromEntries(Object.keys(TARGETS).map((name) => [name, []]));
for (const handler of Object.values(TARGETS)) await microsPerRequest(handler, N); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, handler] of Object.entries(TARGETS)) results[name]!.push(await microsPerRequest(handler, N));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const floor = median(results['floor']!);
const router = median(results['router']!);
console.log(`compose cost: ${ROUNDS} interleaved rounds of ${N} requests, Node ${process.version}, ${cpus().length} CPU(s), load average ${loadavg()[0]!.toFixed(2)}`);
console.log(`the upstream (a stub fetch) is part of the floor: ${floor.toFixed(1)} µs per request, everything above it is the router's own work`);
for (const name of Object.keys(TARGETS)) {
  const us = median(results[name]!);
  console.log(`  ${name.padEnd(34)} ${us.toFixed(1).padStart(7)} µs/request   router work ${(us - floor).toFixed(1).padStart(6)} µs   vs router ${(us / router).toFixed(2)}`);
}
