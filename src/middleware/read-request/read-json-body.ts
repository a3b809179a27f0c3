import { routerError } from '../../core/errors.js';
import type { CallerFormat } from '../../core/types.js';
import { callerShape } from '../../dialects/caller-shapes.js';

/** Media types the router accepts for a request body. */
function isJsonContentType(value: string | null): boolean {
  if (value === null) return true; // Some clients omit it; the body must still parse as JSON.
  const mediaType = value.split(';', 1)[0]!.trim().toLowerCase();
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

/**
 * Reads and parses the JSON request body, refusing early what cannot be one: a wrong content
 * type (415), a body over `limitBytes` (413, decided from `content-length` when given, otherwise
 * as soon as the running total passes the limit, so an oversized body is never buffered whole),
 * and text that is not JSON (`invalid_json`).
 */
export async function readJsonBody(req: Request, limitBytes: number, format: CallerFormat): Promise<unknown> {
  const contentType = req.headers.get('content-type');
  if (!isJsonContentType(contentType)) {
    await req.body?.cancel().catch(() => {});
    throw routerError('unsupported_media_type', { received: contentType, format: callerShape(format) });
  }
  const declared = Number(req.headers.get('content-length') ?? Number.NaN);
  if (declared > limitBytes) {
    await req.body?.cancel().catch(() => {});
    throw routerError('body_too_large', { limitBytes, format: callerShape(format) });
  }
  const text = await readTextWithLimit(req, limitBytes, format);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw routerError('invalid_json', { detail: `The JSON parser stopped with: ${(cause as Error).message}.`, format: callerShape(format) });
  }
}

async function readTextWithLimit(req: Request, limitBytes: number, format: CallerFormat): Promise<string> {
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel().catch(() => {});
      throw routerError('body_too_large', { limitBytes, format: callerShape(format) });
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return decoder.decode(chunks[0]);
  const all = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return decoder.decode(all);
}

const decoder = new TextDecoder();
