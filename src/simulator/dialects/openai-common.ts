/**
 * Request checks and small wire details shared by the two OpenAI dialects: the fields every
 * request must have, `service_tier` validation, id shapes and the `obfuscation` padding that
 * OpenAI adds to streamed deltas.
 */
import { alnum, type Rng } from '../random.js';
import { OPENAI_TIERS, routeTier } from '../tiers.js';
import type { PoolName } from '../types.js';
import type { JsonReply } from './dialect.js';
import { isObject, type Json } from './json.js';
import { invalidServiceTier, invalidType, missingParameter } from './openai-errors.js';

export { isObject, positiveInt, type Json } from './json.js';

/** The fields every OpenAI generation request carries. */
export interface CommonFields {
  model: string;
  stream: boolean;
  requestedTier: string | undefined;
  pool: PoolName;
  servedTier: string;
}

/** Reads `model`, `stream` and `service_tier`, answering the 400 OpenAI would send. */
export function readCommon(body: unknown): CommonFields | JsonReply {
  if (!isObject(body)) return invalidType('body', 'an object', body);
  if (body.model === undefined || body.model === null || body.model === '') return missingParameter('model');
  if (typeof body.model !== 'string') return invalidType('model', 'a string', body.model);
  const tier = routeTier(OPENAI_TIERS, body.service_tier);
  if (!tier) return invalidServiceTier(body.service_tier);
  return {
    model: body.model,
    stream: body.stream === true,
    requestedTier: typeof body.service_tier === 'string' ? body.service_tier : undefined,
    pool: tier.pool,
    servedTier: tier.reported,
  };
}

/**
 * OpenAI pads streamed deltas with a random `obfuscation` string so that event sizes do not
 * reveal token lengths; callers can turn it off with `stream_options.include_obfuscation: false`.
 */
export function obfuscation(rng: Rng, delta: string): string {
  return alnum(rng, Math.max(1, 16 - delta.length));
}

/** Whether a request wants the `obfuscation` field (on unless explicitly disabled). */
export function wantsObfuscation(body: Json): boolean {
  const options = body.stream_options;
  return !(isObject(options) && options.include_obfuscation === false);
}
