import { need, type RouteStep } from '../context.js';
import { readJsonBody } from './read-json-body.js';
import { checkBodyObject } from './validate.js';

/** Options of {@link readRequest}. */
export interface ReadRequestOptions {
  /** Largest request body accepted, in bytes. Default 32 MiB (base64 images are large). */
  maxBodyBytes?: number;
}

/**
 * Reads the caller's JSON body once and checks what the router relies on: a JSON content type
 * (415), the size limit (413, refused before the body is buffered whole), JSON that parses
 * (`invalid_json`), a JSON object with `model` and the input of the caller's format, no
 * caller-chosen `service_tier`, and the types of the fields the router reads (`invalid_body`).
 * Sets `ctx.body`. Needs `ctx.format`.
 *
 * @example
 * ```ts
 * compose([endpoints(), readRequest({ maxBodyBytes: 1 << 20 }), async (ctx) => Response.json(ctx.body)]);
 * ```
 */
export function readRequest(options: ReadRequestOptions = {}): RouteStep {
  const limit = options.maxBodyBytes ?? 32 * 1024 * 1024;
  return async function readRequest(ctx, next) {
    const format = need(ctx, 'format', 'readRequest');
    ctx.body = checkBodyObject(await readJsonBody(ctx.request, limit, format), format);
    return await next();
  };
}
