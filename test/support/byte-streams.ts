/**
 * Byte streams for streaming tests: a body delivered in chosen chunks that can then end, fail
 * like a reset connection, or hang like a stalled one, and that records what its reader did
 * (how many chunks were pulled, whether and why it was cancelled).
 *
 * @example
 * ```ts
 * const body = chunkedBody(splitAt(bytes, [3, 10]), { then: 'error' });
 * await detectCommit(body.stream, rules);
 * expect(body.cancelled).toBe(true);
 * ```
 */
import fc from 'fast-check';

export interface ChunkedBody {
  stream: ReadableStream<Uint8Array>;
  /** Chunks handed to the reader so far. */
  readonly pulled: number;
  readonly cancelled: boolean;
  readonly cancelReason: unknown;
}

export interface ChunkedBodyOptions {
  /** After the last chunk: end cleanly (default), error like a reset connection, or never answer again. */
  then?: 'end' | 'error' | 'hang';
  /** The error used for `then: 'error'`. */
  error?: unknown;
}

/** A pull-driven body that serves `chunks` one per read, then does what `options.then` says. */
export function chunkedBody(chunks: readonly Uint8Array[], options: ChunkedBodyOptions = {}): ChunkedBody {
  const state = { pulled: 0, cancelled: false, cancelReason: undefined as unknown };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulled < chunks.length) {
          controller.enqueue(chunks[state.pulled++]!);
          return;
        }
        if (options.then === 'error') controller.error(options.error ?? new TypeError('terminated: other side closed'));
        else if (options.then === 'hang') return new Promise<void>(() => undefined);
        else controller.close();
        return;
      },
      cancel(reason) {
        state.cancelled = true;
        state.cancelReason = reason;
      },
    },
    { highWaterMark: 0 },
  );
  return {
    stream,
    get pulled() {
      return state.pulled;
    },
    get cancelled() {
      return state.cancelled;
    },
    get cancelReason() {
      return state.cancelReason;
    },
  };
}

/** A body the test feeds by hand, chunk by chunk, to model a slow or stalling upstream. */
export interface ManualBody {
  stream: ReadableStream<Uint8Array>;
  push(bytes: Uint8Array): void;
  end(): void;
  fail(error?: unknown): void;
  readonly cancelled: boolean;
}

export function manualBody(): ManualBody {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return {
    stream,
    push: (bytes) => controller.enqueue(bytes),
    end: () => controller.close(),
    fail: (error) => controller.error(error ?? new TypeError('terminated: other side closed')),
    get cancelled() {
      return cancelled;
    },
  };
}

/** Lets pending promise callbacks and stream reads run (a macrotask turn). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Cuts `bytes` at the given offsets (any order, duplicates and out-of-range offsets ignored). */
export function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts)].filter((cut) => cut > 0 && cut < bytes.length).sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  return chunks;
}

/** Every byte its own chunk. */
export function oneByteChunks(bytes: Uint8Array): Uint8Array[] {
  return Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
}

/** fast-check: arbitrary cut offsets for a body of `length` bytes, from none to very many. */
export function arbitraryCuts(length: number): fc.Arbitrary<number[]> {
  return fc.oneof(
    fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, length - 1) }), { maxLength: 40 }),
    fc.integer({ min: 1, max: 64 }).map((size) => Array.from({ length: Math.floor(length / size) }, (_, i) => (i + 1) * size)),
  );
}

/** Reads a stream to its end and joins the bytes. */
export async function readAllBytes(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  const total = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    total.set(chunk, offset);
    offset += chunk.length;
  }
  return total;
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
export const fromUtf8 = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/**
 * Compares bytes quickly (deep `toEqual` on large typed arrays is very slow). Returns `undefined`
 * when equal, else where they first differ, for a readable assertion:
 * `expect(byteDifference(actual, expected)).toBeUndefined()`.
 */
export function byteDifference(actual: Uint8Array, expected: Uint8Array): string | undefined {
  const length = Math.min(actual.length, expected.length);
  for (let i = 0; i < length; i++) {
    if (actual[i] !== expected[i]) {
      const context = (bytes: Uint8Array) => JSON.stringify(fromUtf8(bytes.subarray(Math.max(0, i - 20), i + 20)));
      return `first difference at byte ${i}: got ${context(actual)}, expected ${context(expected)}`;
    }
  }
  return actual.length === expected.length ? undefined : `lengths differ: got ${actual.length} bytes, expected ${expected.length}`;
}
