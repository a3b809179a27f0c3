/**
 * How a host mounts a router beside routes of its own: requests for paths the router has no
 * endpoint for come back as {@link PASSED_ON}, decided inside the router's composition (its
 * `endpoints` step), never by reading a response.
 */
import type { Handler } from '../middleware/handler.js';
import type { Router } from '../router/create-router.js';

/** What the router answers for a path that is not its own; the host calls its next route instead. Never sent. */
export const PASSED_ON: Response = new Response(null, { status: 404 });

/**
 * The router as a handler that answers {@link PASSED_ON} for paths it does not serve, built once
 * per mount; `undefined` when fall-through is off or `handler` is not a router (a plain handler
 * always answers).
 */
export function fallThroughHandler(handler: Handler | Router, enabled: boolean): Handler | undefined {
  return enabled && 'middleware' in handler ? handler.middleware(async () => PASSED_ON) : undefined;
}
