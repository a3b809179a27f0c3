/** A router error on the wire: the SPEC §3.5 body and its HTTP response. */
import type { RouterError, RouterErrorBody } from './codes.js';

/** The SPEC §3.5 body that OpenAI, Anthropic and Google SDKs all parse. */
export function errorBody(err: RouterError): RouterErrorBody {
  return { type: 'error', error: { message: err.message, type: err.type, param: err.param, code: err.code } };
}

/**
 * A JSON `Response` for the error, with the right status. The error's own headers (`Allow` on a
 * 405) and any extra ones are merged in; content-type is always `application/json`.
 */
export function errorResponse(err: RouterError, headers?: HeadersInit): Response {
  const merged = new Headers(err.headers);
  if (headers) new Headers(headers).forEach((value, name) => merged.set(name, value));
  merged.set('content-type', 'application/json');
  return new Response(JSON.stringify(errorBody(err)), { status: err.status, headers: merged });
}
