/** A web `Response` written to a Node `ServerResponse`, with backpressure and abort. */
import type { ServerResponse } from 'node:http';

/**
 * Writes status, headers and body; reads the next body chunk only once the socket took the last,
 * so a slow client pauses the upstream. A body that errors mid-way destroys the socket, so the
 * client notices.
 */
export async function writeResponse(response: Response, res: ServerResponse, signal: AbortSignal): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const setCookie = response.headers.getSetCookie();
  if (setCookie.length > 0) headers['set-cookie'] = setCookie;
  if (res.destroyed) {
    await response.body?.cancel().catch(() => {});
    return;
  }
  res.writeHead(response.status, response.statusText || undefined, headers);
  if (!response.body) {
    res.end();
    return;
  }
  if (res.req?.method === 'HEAD') {
    await response.body.cancel().catch(() => {});
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const onAbort = () => reader.cancel(signal.reason).catch(() => {});
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // Read the next chunk only once the socket took this one: the upstream stays paused meanwhile.
      if (!res.write(value)) await drained(res);
      if (res.destroyed) {
        await reader.cancel().catch(() => {});
        return;
      }
    }
    res.end();
  } catch {
    // The body errored mid-way (or the client left): end the connection so the client notices.
    res.destroy();
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
