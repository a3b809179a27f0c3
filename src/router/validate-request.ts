import { routerError } from '../core/errors.js';
import type { CallerFormatSpec } from './caller-formats.js';

/**
 * Checks the fields the router itself depends on (SPEC §3.2) and turns the first problem into
 * a router error: absent `model` / input → `missing_model` / `missing_input`; a caller-chosen
 * tier → `service_tier_not_allowed`; a wrong type → `invalid_body` naming the field.
 */
export function validateRequest(body: Record<string, unknown>, spec: CallerFormatSpec): void {
  const format = spec.format;
  if (body.model === undefined || body.model === null) throw routerError('missing_model', { format });
  const input = body[spec.inputField];
  if (input === undefined || input === null) throw routerError('missing_input', { format, param: spec.inputField });
  for (const field of ['service_tier', 'serviceTier'] as const) {
    if (field in body) throw routerError('service_tier_not_allowed', { format, param: field, received: body[field] });
  }
  const result = spec.schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.join('.');
    const received = issue.path.reduce<unknown>((value, key) => (value as Record<PropertyKey, unknown> | undefined)?.[key], body);
    throw routerError('invalid_body', { format, param: field, field, received, detail: `\`${field}\` ${issue.message}.` });
  }
}
