import { routerError } from '../../core/errors.js';
import { readStartWithin } from '../../core/start-within-source.js';
import type { CallerFormat, StartWithin } from '../../core/types.js';
import { CALLER_FORMATS, type CallerFormatSpec } from './caller-formats.js';
import { callerShape } from '../../dialects/caller-shapes.js';

/**
 * A parsed body the router can route: a JSON object (`invalid_body`) whose fields pass
 * {@link validateRequest}.
 */
export function checkBodyObject(parsed: unknown, format: CallerFormat): Record<string, unknown> {
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw routerError('invalid_body', { received: parsed, format: callerShape(format), detail: 'The body must be a JSON object.' });
  }
  const body = parsed as Record<string, unknown>;
  validateRequest(body, CALLER_FORMATS[format]);
  return body;
}

/**
 * Every check the router makes on a parsed body before routing, in the router's order: the
 * checks of {@link checkBodyObject}, then `start_within` from the body or the `x-start-within`
 * header. The router's steps and the client both run these, so they refuse exactly the same
 * requests with the same messages.
 */
export function checkCallerBody(
  parsed: unknown,
  format: CallerFormat,
  startWithinHeader: string | null,
  fallbackStartWithin?: string,
): { body: Record<string, unknown>; startWithin: StartWithin } {
  const body = checkBodyObject(parsed, format);
  const startWithin = readStartWithin({
    format: callerShape(format),
    bodyValue: body.start_within,
    bodyHasField: 'start_within' in body,
    headerValue: startWithinHeader,
    ...(fallbackStartWithin === undefined ? {} : { fallback: fallbackStartWithin }),
  });
  return { body, startWithin };
}

/**
 * Checks the fields the router itself depends on (SPEC §3.2) and turns the first problem into
 * a router error: absent `model` / input → `missing_model` / `missing_input`; a caller-chosen
 * tier → `service_tier_not_allowed`; a wrong type → `invalid_body` naming the field.
 */
export function validateRequest(body: Record<string, unknown>, spec: CallerFormatSpec): void {
  const format = spec.format;
  if (body.model === undefined || body.model === null) throw routerError('missing_model', { format: callerShape(format) });
  const input = body[spec.inputField];
  if (input === undefined || input === null) throw routerError('missing_input', { format: callerShape(format), param: spec.inputField });
  for (const field of ['service_tier', 'serviceTier'] as const) {
    if (field in body) throw routerError('service_tier_not_allowed', { format: callerShape(format), param: field, received: body[field] });
  }
  const result = spec.schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.join('.');
    const received = issue.path.reduce<unknown>((value, key) => (value as Record<PropertyKey, unknown> | undefined)?.[key], body);
    throw routerError('invalid_body', { format: callerShape(format), param: field, field, received, detail: `\`${field}\` ${issue.message}.` });
  }
}
