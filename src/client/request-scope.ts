/**
 * The lifetime of one request, from sending to the last byte read: one `AbortController` that
 * the client's `close()`, the caller's own `AbortSignal` and an idle timer can all pull, and the
 * translation of whatever the transport then throws into the error the caller should see.
 */
import { FlexRouteConnectionError } from './errors.js';

/** The client-side registry of requests still in flight, so `close()` can end them. */
export interface ScopeRegistry {
  add(scope: RequestScope): void;
  delete(scope: RequestScope): void;
}

export interface RequestScopeOptions {
  /** What the request is sent to, for messages. */
  url: string;
  /** Longest silence from the router (before the headers, and between body chunks), in ms. */
  timeoutMs: number;
  /** The caller's signal, if any. */
  signal?: AbortSignal | undefined;
  registry: ScopeRegistry;
}

/** One request in flight. Call {@link finish} when its body is fully read or abandoned. */
export class RequestScope {
  readonly #controller = new AbortController();
  readonly #options: RequestScopeOptions;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #finished = false;
  readonly #onCallerAbort = () => this.#end(this.#options.signal?.reason);

  constructor(options: RequestScopeOptions) {
    this.#options = options;
    options.registry.add(this);
    if (options.signal?.aborted) this.#onCallerAbort();
    else options.signal?.addEventListener('abort', this.#onCallerAbort, { once: true });
    this.touch();
  }

  /** The signal to hand to `fetch`. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Throws the reason the request was cancelled, if it was (so no buffered event outlives a cancel). */
  throwIfAborted(): void {
    if (this.#controller.signal.aborted) {
      this.finish();
      throw this.#controller.signal.reason;
    }
  }

  /** Something arrived: restart the idle timer. */
  touch(): void {
    if (this.#finished || this.#controller.signal.aborted) return;
    clearTimeout(this.#timer);
    const { timeoutMs, url } = this.#options;
    this.#timer = setTimeout(() => {
      this.#end(
        new FlexRouteConnectionError(
          'timeout',
          `Nothing arrived from the router at ${url} for ${timeoutMs} ms, so the request was cancelled. ` +
            'A non-streaming request that races flex can wait up to its whole start_within window before the first byte. ' +
            'Raise timeoutMs (e.g. new FlexRoute({ timeoutMs: 1_200_000 }) or create(body, { timeoutMs: 1_200_000 })), or send stream: true to see progress sooner.',
        ),
      );
    }, timeoutMs);
    // The timer only guards the request; it must not keep a Node process alive on its own (an
    // abandoned, never-read stream would otherwise hold the process for the whole timeout).
    (this.#timer as { unref?: () => void }).unref?.();
  }

  /** Ends the request on the client's behalf (its `close()`). */
  close(): void {
    this.#end(
      new FlexRouteConnectionError(
        'closed',
        'The FlexRoute client was closed while this request was in flight, so it was cancelled. ' +
          'close() (or leaving an `await using` block) ends every request of the client; finish reading before closing, ' +
          'or use a new client: const client = new FlexRoute({ baseURL: "http://127.0.0.1:8080/v1" }).',
      ),
    );
  }

  #end(reason: unknown): void {
    this.#controller.abort(reason);
    this.finish();
  }

  /** The request is over: stop the timer, forget the caller's signal and the registry entry. */
  finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    clearTimeout(this.#timer);
    this.#options.signal?.removeEventListener('abort', this.#onCallerAbort);
    this.#options.registry.delete(this);
  }

  /**
   * What to throw for an error from `fetch` or a body read: the abort reason when the request
   * was cancelled (the caller's own reason for the caller's signal), else a network failure.
   */
  failure(cause: unknown, during: 'connect' | 'read'): unknown {
    this.finish();
    if (this.#controller.signal.aborted) return this.#controller.signal.reason;
    const detail = describeCause(cause);
    return during === 'connect'
      ? new FlexRouteConnectionError(
          'network',
          `Could not reach the router at ${this.#options.url}${detail}. Check that the router is running (e.g. \`flexroute serve --port 8080\`) ` +
            'and that baseURL points at it, including the /v1 path: new FlexRoute({ baseURL: "http://127.0.0.1:8080/v1" }).',
          cause,
        )
      : new FlexRouteConnectionError(
          'network',
          `The connection to the router closed before the answer was complete${detail}, so the response is incomplete. ` +
            'Retry the request; if it keeps happening, check the router\'s logs and any proxy between you and it.',
          cause,
        );
  }
}

/** A short account of a transport error: undici puts the useful part (`ECONNREFUSED`) in `cause`. */
function describeCause(cause: unknown): string {
  const err = cause as { message?: unknown; cause?: { code?: unknown; message?: unknown } } | undefined;
  const code = typeof err?.cause?.code === 'string' ? err.cause.code : undefined;
  const message = typeof err?.message === 'string' ? err.message : undefined;
  const parts = [code, message].filter((part): part is string => part !== undefined && part.length > 0);
  return parts.length === 0 ? '' : ` (${parts.join(': ')})`;
}
