import type { DialectId } from '../../core/types.js';
import { codecs } from '../../dialects/codecs.js';
import type { IRUsage } from '../../dialects/ir/common.js';
import type { IRStreamEvent } from '../../dialects/ir/stream.js';
import { createStreamDecoder } from '../../dialects/stream-translate.js';
import { SseEventDecoder } from '../../sse/events.js';
import { concatBytes } from '../../core/commit/replay.js';

/**
 * Passes a response body through unchanged while reading the token usage it reports, for the
 * per-request event (SPEC §7). Only used when an `onEvent` hook is set, so routing without one
 * pays nothing. A stream is read event by event in `dialect`; a whole body is parsed once at
 * its end. `onDone` runs exactly once: at the end, on an error, or when the caller cancels.
 */
export function meterBody(
  body: ReadableStream<Uint8Array>,
  dialect: DialectId,
  stream: boolean,
  onDone: (usage: IRUsage | undefined) => void,
): ReadableStream<Uint8Array> {
  let usage: IRUsage | undefined;
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    onDone(usage);
  };
  const read = stream ? streamUsageReader(dialect, (u) => (usage = u)) : wholeUsageReader(dialect, (u) => (usage = u));
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done: ended, value } = await reader.read();
        if (ended) {
          read.end();
          controller.close();
          finish();
          return;
        }
        read.push(value);
        controller.enqueue(value);
      } catch (err) {
        finish();
        controller.error(err);
      }
    },
    cancel(reason) {
      finish();
      return reader.cancel(reason);
    },
  });
}

interface UsageReader {
  push(chunk: Uint8Array): void;
  end(): void;
}

function streamUsageReader(dialect: DialectId, setUsage: (usage: IRUsage) => void): UsageReader {
  const sse = new SseEventDecoder();
  const decoder = createStreamDecoder(dialect);
  const emit = (event: IRStreamEvent) => {
    if (event.type === 'usage') setUsage(event.usage);
    else if (event.type === 'finish' && event.usage) setUsage(event.usage);
  };
  return {
    push(chunk) {
      for (const event of sse.push(chunk)) decoder.push(event, emit);
    },
    end() {
      for (const event of sse.end()) decoder.push(event, emit);
      decoder.end(emit);
    },
  };
}

function wholeUsageReader(dialect: DialectId, setUsage: (usage: IRUsage) => void): UsageReader {
  const chunks: Uint8Array[] = [];
  return {
    push(chunk) {
      chunks.push(chunk);
    },
    end() {
      try {
        const text = new TextDecoder().decode(concatBytes(chunks));
        setUsage(codecs[dialect].decodeResponse(JSON.parse(text) as Record<string, unknown>).usage);
      } catch {
        // Not a body this dialect's codec reads (an error body, say): no usage to report.
      }
    },
  };
}
