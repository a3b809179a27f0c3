/**
 * The stream translation's own CPU per event, in-process (no sockets, no other processes): the
 * simulator's long Responses answer run through `translateStream` to Anthropic Messages, fed one
 * event per chunk (as undici hands an upstream body over: one chunk per HTTP chunk, and providers
 * flush one event per chunk) and five events per chunk; then the steps it is made of, and the
 * single calls the proposals in docs/benchmarks.md replaced, and what replaced them.
 *
 * Each step runs in `--rounds` rounds of `--repeat` answers, the steps taking turns, so load from
 * other processes falls on all of them alike; the table shows the median round and the best.
 *
 *   npx tsx bench/translate-cost.ts [--output-tokens 2000] [--repeat 30] [--rounds 7]
 */
import { parseArgs } from 'node:util';
import { formatTable } from '../src/cli/report/table.js';
import { createAnthropicStreamEncoder } from '../src/dialects/anthropic-messages/stream-encode.js';
import type { IREmit, StreamEncodeContext } from '../src/dialects/ir/stream.js';
import { scanDelta } from '../src/dialects/openai-responses/delta-scan.js';
import { createResponsesStreamDecoder } from '../src/dialects/openai-responses/stream-decode.js';
import { translateStream } from '../src/dialects/stream-translate.js';
import { createUtf8SlabEncoder } from '../src/dialects/utf8-slabs.js';
import { SseEventDecoder } from '../src/sse/events.js';
import { encodeSseText } from '../src/sse/frames.js';
import { startSimulator } from '../src/simulator/index.js';

const { values } = parseArgs({
  options: { 'output-tokens': { type: 'string', default: '2000' }, repeat: { type: 'string', default: '30' }, rounds: { type: 'string', default: '7' } },
  strict: true,
});
const outputTokens = Number(values['output-tokens']);
const repeat = Number(values.repeat);
const rounds = Number(values.rounds);
if (![outputTokens, repeat, rounds].every((n) => Number.isInteger(n) && n >= 1)) {
  throw new Error(
    `--output-tokens, --repeat and --rounds take whole numbers from 1, e.g. --output-tokens 2000 --repeat 30 --rounds 7 ` +
      `(got '${values['output-tokens']}', '${values.repeat}', '${values.rounds}').`,
  );
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

/** CPU µs per event of `once` (which handles one whole answer), over one round of `repeat` answers. */
async function cpuPerEvent(events: number, once: () => Promise<void> | void): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < repeat; i++) await once();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / repeat / events;
}

/** CPU µs per call of `call`, over one round. */
function cpuPerCall(call: (i: number) => unknown): number {
  const calls = 100_000;
  const before = process.cpuUsage();
  for (let i = 0; i < calls; i++) call(i);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / calls;
}

/** Every measure run once to warm up, then `rounds` times taking turns: [median, best] of each. */
async function measureRounds(measures: readonly (() => Promise<number> | number)[]): Promise<[number, number][]> {
  for (const measure of measures) await measure();
  const results: number[][] = measures.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < measures.length; i++) results[i]!.push(await measures[(i + round) % measures.length]!());
  }
  // The turns rotate, so put each result back with its measure.
  const byMeasure: number[][] = measures.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < measures.length; i++) byMeasure[(i + round) % measures.length]!.push(results[i]![round]!);
  }
  return byMeasure.map((values) => {
    const sorted = [...values].sort((a, b) => a - b);
    return [sorted[Math.floor(sorted.length / 2)]!, sorted[0]!];
  });
}

async function main(): Promise<void> {
  const events = perEvent(await longAnswer());
  const ctx: StreamEncodeContext = { callerModel: 'gpt-5-mini', servedTier: 'standard' };
  const labels: [string, string][] = [];
  const measures: (() => Promise<number>)[] = [];
  for (const size of [1, 5]) {
    const chunks = size === 1 ? events : grouped(events, size);
    const label = `${size} event${size > 1 ? 's' : ''} per chunk`;
    const steps: [string, () => Promise<void> | void][] = [
      ['web stream read only', () => readAll(webStream(chunks))],
      ['SSE decoding (SseEventDecoder)', () => {
        const sse = new SseEventDecoder();
        for (const chunk of chunks) sse.push(chunk);
      }],
      ['+ Responses stream decoder', () => {
        const sse = new SseEventDecoder();
        const decoder = createResponsesStreamDecoder();
        const ignore = () => {};
        for (const chunk of chunks) for (const event of sse.push(chunk)) decoder.push(event, ignore);
      }],
      ['+ Messages stream encoder (strings, no web stream)', () => {
        const sse = new SseEventDecoder();
        const decoder = createResponsesStreamDecoder();
        const encoder = createAnthropicStreamEncoder(ctx);
        let out = '';
        const emit: IREmit = (event) => {
          out += encoder.push(event);
        };
        for (const chunk of chunks) for (const event of sse.push(chunk)) decoder.push(event, emit);
        if (out.length === 0) throw new Error('The encoder wrote nothing.');
      }],
      ['translateStream Responses -> Messages (all of it)', () => readAll(translateStream(webStream(chunks), 'openai-responses', 'anthropic-messages', ctx))],
    ];
    for (const [step, once] of steps) {
      labels.push([label, step]);
      measures.push(() => cpuPerEvent(events.length, once));
    }
  }
  const perEventResults = await measureRounds(measures);
  const rows = labels.map(([label, step], i) => [label, step, ...perEventResults[i]!.map((value) => value.toFixed(2))]);
  process.stdout.write(`${events.length} events per answer, ${repeat} answers per round, ${rounds} rounds\n\n`);
  process.stdout.write(`${formatTable(['chunks', 'step', 'CPU µs/event', 'best'], rows, ['left', 'left', 'right', 'right'])}\n\n`);

  // Single calls, per text delta: the generic paths, and the fast paths the codecs take instead.
  const words = [' latency', ' haiku', 'Echo:', ' "quoted"', ' it', ' in', ' the', ' write'];
  const wire = words.map((word, i) =>
    JSON.stringify({ type: 'response.output_text.delta', sequence_number: 100 + i, item_id: 'msg_c161f8f0638a139ffa4ed8f286f5a0ec2d0e88f9e27b6ce948', output_index: 0, content_index: 0, delta: word, logprobs: [] }),
  );
  const deltaField = /"delta":("(?:[^"\\]|\\.)*")/;
  const frame = (type: string, body: Record<string, unknown>) => encodeSseText({ event: type, data: JSON.stringify({ type, ...body }) });
  const encoder = new TextEncoder();
  const utf8 = createUtf8SlabEncoder();
  const oneEvent = frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: ' latency' } });
  const calls: [string, (i: number) => unknown][] = [
    ['JSON.parse of a whole Responses text-delta event (generic path)', (i) => JSON.parse(wire[i & 7]!)],
    ['JSON.parse of its "delta" string only', (i) => JSON.parse(deltaField.exec(wire[i & 7]!)![1]!)],
    ['scanDelta of the event (decoder)', (i) => scanDelta(wire[i & 7]!)],
    ['Anthropic text-delta frame: object, JSON.stringify, encodeSseText (generic path)', (i) => frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: words[i & 7] } })],
    ['Anthropic text-delta frame: a template, JSON.stringify of the text only (encoder)', (i) =>
      `event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":${JSON.stringify(words[i & 7])}}}\n\n`],
    ['TextEncoder.encode, one event per call (generic path)', () => encoder.encode(oneEvent)],
    ['TextEncoder.encode, five events per call, per event', (i) => (i % 5 === 0 ? encoder.encode(oneEvent.repeat(5)) : undefined)],
    ['UTF-8 into slabs, one event per call (translateStream)', () => utf8(oneEvent)],
  ];
  const perCall = await measureRounds(calls.map(([, call]) => () => cpuPerCall(call)));
  const callRows = calls.map(([name], i) => [name, ...perCall[i]!.map((value) => value.toFixed(3))]);
  process.stdout.write(`${formatTable(['single call, per text delta', 'CPU µs', 'best'], callRows, ['left', 'right', 'right'])}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
