/**
 * The stream translation's own CPU per event, in-process (no sockets, no other processes): the
 * simulator's long Responses answer run through `translateStream` to Anthropic Messages, fed one
 * event per chunk (as undici hands an upstream body over: one chunk per HTTP chunk, and providers
 * flush one event per chunk) and five events per chunk; then the steps it is made of, and the
 * single calls the proposals in docs/benchmarks.md would replace.
 *
 *   npx tsx bench/translate-cost.ts [--output-tokens 2000] [--repeat 150]
 */
import { parseArgs } from 'node:util';
import { formatTable } from '../src/cli/report/table.js';
import type { StreamEncodeContext } from '../src/dialects/ir/stream.js';
import { createResponsesStreamDecoder } from '../src/dialects/openai-responses/stream-decode.js';
import { translateStream } from '../src/dialects/stream-translate.js';
import { SseEventDecoder } from '../src/sse/events.js';
import { encodeSseText } from '../src/sse/frames.js';
import { startSimulator } from '../src/simulator/index.js';

const { values } = parseArgs({ options: { 'output-tokens': { type: 'string', default: '2000' }, repeat: { type: 'string', default: '150' } }, strict: true });
const outputTokens = Number(values['output-tokens']);
const repeat = Number(values.repeat);
if (!Number.isInteger(outputTokens) || outputTokens < 1 || !Number.isInteger(repeat) || repeat < 1) {
  throw new Error(`--output-tokens and --repeat take whole numbers from 1, e.g. --output-tokens 2000 --repeat 150 (got '${values['output-tokens']}', '${values.repeat}').`);
}

/** One long streamed answer, as the relay suite's simulator sends it. */
async function longAnswer(): Promise<Uint8Array> {
  const sim = await startSimulator({ seed: 1, pools: { standard: { outputTokens } } });
  try {
    const body = JSON.stringify({ model: 'gpt-5-mini', input: 'Write a haiku about latency.', stream: true });
    const answer = await fetch(`${sim.url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return new Uint8Array(await answer.arrayBuffer());
  } finally {
    await sim.close();
  }
}

/** The answer cut after every blank line: one event per chunk. */
function perEvent(bytes: Uint8Array): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (let i = 1; i < bytes.length; i++) {
    if (bytes[i] === 0x0a && bytes[i - 1] === 0x0a) {
      chunks.push(bytes.subarray(from, i + 1));
      from = i + 1;
    }
  }
  return chunks;
}

function grouped(events: readonly Uint8Array[], size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < events.length; i += size) chunks.push(Buffer.concat(events.slice(i, i + size)));
  return chunks;
}

function webStream(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<void> {
  const reader = stream.getReader();
  while (!(await reader.read()).done);
}

/** CPU µs per event of `once` (which handles one whole answer), after a warmup. */
async function cpuPerEvent(events: number, once: () => Promise<void> | void): Promise<number> {
  for (let i = 0; i < Math.ceil(repeat / 5); i++) await once();
  const before = process.cpuUsage();
  for (let i = 0; i < repeat; i++) await once();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / repeat / events;
}

/** CPU µs per call of `call`. */
function cpuPerCall(call: (i: number) => unknown): number {
  const calls = 200_000;
  for (let i = 0; i < calls / 4; i++) call(i);
  const before = process.cpuUsage();
  for (let i = 0; i < calls; i++) call(i);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / calls;
}

async function main(): Promise<void> {
  const events = perEvent(await longAnswer());
  const ctx: StreamEncodeContext = { callerModel: 'gpt-5-mini', servedTier: 'standard' };
  const rows: string[][] = [];
  for (const size of [1, 5]) {
    const chunks = size === 1 ? events : grouped(events, size);
    const label = `${size} event${size > 1 ? 's' : ''} per chunk`;
    const steps: [string, () => Promise<void> | void][] = [
      ['web stream read only', () => readAll(webStream(chunks))],
      ['SSE decoding (SseEventDecoder)', () => {
        const sse = new SseEventDecoder();
        for (const chunk of chunks) sse.push(chunk);
      }],
      ['+ Responses stream decoder (JSON.parse per event)', () => {
        const sse = new SseEventDecoder();
        const decoder = createResponsesStreamDecoder();
        const ignore = () => {};
        for (const chunk of chunks) for (const event of sse.push(chunk)) decoder.push(event, ignore);
      }],
      ['translateStream Responses -> Messages (all of it)', () => readAll(translateStream(webStream(chunks), 'openai-responses', 'anthropic-messages', ctx))],
    ];
    for (const [step, once] of steps) rows.push([label, step, (await cpuPerEvent(events.length, once)).toFixed(2)]);
  }
  process.stdout.write(`${events.length} events per answer, ${repeat} answers per row\n\n`);
  process.stdout.write(`${formatTable(['chunks', 'step', 'CPU µs/event'], rows, ['left', 'left', 'right'])}\n\n`);

  // Single calls, per text delta: what the proposals would replace, and with what.
  const words = [' latency', ' haiku', 'Echo:', ' "quoted"', ' it', ' in', ' the', ' write'];
  const wire = words.map((word, i) =>
    JSON.stringify({ type: 'response.output_text.delta', sequence_number: 100 + i, item_id: 'msg_c161f8f0638a139ffa4ed8f286f5a0ec2d0e88f9e27b6ce948', output_index: 0, content_index: 0, delta: word, logprobs: [] }),
  );
  const deltaField = /"delta":("(?:[^"\\]|\\.)*")/;
  const frame = (type: string, body: Record<string, unknown>) => encodeSseText({ event: type, data: JSON.stringify({ type, ...body }) });
  const encoder = new TextEncoder();
  const oneEvent = frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: ' latency' } });
  const calls: [string, (i: number) => unknown][] = [
    ['JSON.parse of a whole Responses text-delta event (today)', (i) => JSON.parse(wire[i & 7]!)],
    ['JSON.parse of its "delta" string only', (i) => JSON.parse(deltaField.exec(wire[i & 7]!)![1]!)],
    ['Anthropic text-delta frame: object, JSON.stringify, encodeSseText (today)', (i) => frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: words[i & 7] } })],
    ['Anthropic text-delta frame: a template, JSON.stringify of the text only', (i) =>
      `event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":${JSON.stringify(words[i & 7])}}}\n\n`],
    ['TextEncoder.encode, one event per call (today)', () => encoder.encode(oneEvent)],
    ['TextEncoder.encode, five events per call, per event', (i) => (i % 5 === 0 ? encoder.encode(oneEvent.repeat(5)) : undefined)],
  ];
  process.stdout.write(`${formatTable(['single call, per text delta', 'CPU µs'], calls.map(([name, call]) => [name, cpuPerCall(call).toFixed(3)]), ['left', 'right'])}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
