/**
 * `GET /v1/models` and `GET /v1/models/{id}`: the model list the simulator advertises, in
 * OpenAI's list shape.
 */
import type { JsonReply } from './dialects/dialect.js';
import { openaiErrors } from './dialects/openai-errors.js';

/** Models listed when no `models` option is given. Any model name is accepted unless told otherwise. */
export const SIMULATED_MODELS: readonly string[] = [
  'gpt-5',
  'gpt-5-mini',
  'gpt-5-nano',
  'o3',
  'o4-mini',
  'gpt-4.1',
  'gpt-4.1-mini',
  'gpt-4.1-nano',
  'gpt-4o',
  'gpt-4o-mini',
];

/** A fixed creation time, so listings are identical run to run. */
const CREATED = 1_735_689_600;

function modelObject(id: string) {
  return { id, object: 'model', created: CREATED, owned_by: 'system' };
}

/** The answer to a GET under `/v1/models`, or `undefined` when the path is not one of them. */
export function modelsReply(pathname: string, models: readonly string[]): JsonReply | undefined {
  if (pathname === '/v1/models') return { status: 200, body: { object: 'list', data: models.map(modelObject) } };
  const prefix = '/v1/models/';
  if (!pathname.startsWith(prefix)) return undefined;
  const id = decodeURIComponent(pathname.slice(prefix.length));
  return models.includes(id) ? { status: 200, body: modelObject(id) } : openaiErrors.modelNotFound(id);
}
