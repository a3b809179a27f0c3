/**
 * Tells the router's own "no such endpoint" 404 apart from every other answer, so a host can
 * hand the request on to the app's next route instead (Express `next()`, Hono `next()`).
 *
 * The router marks everything it routed upstream with `x-flexroute-race`, so a provider's 404
 * (an unknown model, say) always carries it and is never mistaken for this one.
 */

/** What {@link checkRouterNotFound} found: either the router's own 404, or the response to send. */
export type NotFoundCheck = { notFound: true } | { notFound: false; response: Response };

export async function checkRouterNotFound(response: Response): Promise<NotFoundCheck> {
  if (response.status !== 404 || response.headers.has('x-flexroute-race')) return { notFound: false, response };
  // The router's 404 is a small JSON error body: reading it whole is cheap.
  const text = await response.text();
  if (errorCode(text) === 'not_found') return { notFound: true };
  return {
    notFound: false,
    response: new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers }),
  };
}

function errorCode(text: string): unknown {
  try {
    return (JSON.parse(text) as { error?: { code?: unknown } } | null)?.error?.code;
  } catch {
    return undefined;
  }
}
