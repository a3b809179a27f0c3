/**
 * The router's own error for a flex stream that broke after it had started, written into the
 * caller's stream by each dialect's failure frame. It names the model the held events show, so
 * the message matches the stream it ends.
 */
import type { FailureContext, RelayFailure } from '../../core/commit/rules.js';
import { routerError, type RouterError } from '../../core/errors.js';
import type { CallerFormat } from '../../core/types.js';
import type { SseEvent } from '../../sse/events.js';
import { parseJsonObject, type JsonObject } from './json.js';
import { callerShape } from '../caller-shapes.js';

/**
 * `flex_failed_after_start` for `failure`, with the example written in `format` (when callers can
 * speak the dialect) and the model taken from the first held event where `modelIn` finds one,
 * else the request's.
 *
 * @example
 * flexFailure(failure, context, 'anthropic-messages', (data) => asObject(data['message'])['model'])
 */
export function flexFailure(
  failure: RelayFailure,
  context: FailureContext,
  format: CallerFormat | undefined,
  modelIn: (data: JsonObject) => unknown,
): RouterError {
  const model = heldModel(context.heldEvents ?? [], modelIn) ?? context.model;
  return routerError('flex_failed_after_start', { detail: failure.message, format: callerShape(format), ...(model ? { model } : {}) });
}

function heldModel(events: readonly SseEvent[], modelIn: (data: JsonObject) => unknown): string | undefined {
  for (const event of events) {
    const data = parseJsonObject(event.data);
    const model = data ? modelIn(data) : undefined;
    if (typeof model === 'string') return model;
  }
  return undefined;
}
