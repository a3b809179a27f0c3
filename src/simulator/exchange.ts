/**
 * One request's life after it was parsed and planned: errors before start, the pool queue,
 * the start delay, paced content, and the failures the plan asks for. Shared by every
 * dialect; the dialect only supplies frames and bodies.
 */
import type { ServerResponse } from 'node:http';
import type { Call, Dialect, JsonReply, Frame, Generation, StreamRendering } from './dialects/dialect.js';
import { failurePoint, type Plan } from './plan.js';
import type { Pool, Ticket } from './pool.js';
import { formatFrame, writeFlushed } from './sse-writer.js';
import { sleep, untilAborted } from './timing.js';
import type { PoolName, ReplayTranscript, SimOutcome, SimRequest } from './types.js';

/** Everything one exchange needs. */
export interface Exchange {
  res: ServerResponse;
  record: SimRequest;
  dialect: Dialect;
  call: Call;
  plan: Plan;
  pool: Pool;
  poolName: PoolName;
  generation: Generation;
  /** A transcript to serve instead of the generation. */
  replay: ReplayTranscript | undefined;
  /** Aborts when the client closes the connection or the simulator shuts down. */
  signal: AbortSignal;
  /** Destroys the socket as the simulator's own act (a reset or a cut, not a client close). */
  destroyByServer(): void;
  /** The `x-request-id` header value. */
  requestId: string;
}

/** Runs the exchange to its end. Resolves quietly when the client or the server closed it. */
export async function runExchange(x: Exchange): Promise<void> {
  const { plan } = x;
  if (plan.respond) return sendReply(x, plan.respond, 'scripted_response');
  if (plan.outcome === 'reset') {
    x.record.outcome = 'reset';
    return x.destroyByServer();
  }
  if (plan.outcome === 'status_429') return sendError(x, tooManyRequests(x));
  if (plan.outcome === 'status_503') return sendError(x, x.dialect.errors.overloaded());
  const missing = missingTranscript(x);
  if (missing) return sendError(x, missing);

  // A stream that fails before start never gets a slot: it was not going to generate.
  const inband = plan.outcome === 'inband_error';
  const ticket = inband ? undefined : x.pool.enter(plan.queue, x.signal);
  if (!inband && !ticket) return sendError(x, tooManyRequests(x));
  // Free the slot the moment the connection closes, not a few ticks later when the awaits unwind.
  x.signal.addEventListener('abort', () => ticket?.release(), { once: true });
  try {
    await (x.call.stream ? streamResponse(x, ticket) : wholeResponse(x, ticket));
  } catch (error) {
    if (x.signal.aborted) return; // the close handler recorded who closed it
    throw error;
  } finally {
    ticket?.release();
  }
}

/** The 429 a pool answers: "resource unavailable" for flex, a rate limit for the others. */
function tooManyRequests(x: Exchange): JsonReply {
  return x.poolName === 'flex' ? x.dialect.errors.capacity(x.call) : x.dialect.errors.rateLimit(x.call);
}

/** Headers of a 200 answer: the dialect's own, plus those that depend on the generation. */
function successHeaders(x: Exchange): Record<string, string> {
  return {
    'x-request-id': x.requestId,
    ...x.dialect.replyHeaders(x.requestId),
    ...x.dialect.successHeaders?.(x.call, x.generation, Date.now() - x.record.receivedAt),
  };
}

/** Where a JSON reply goes; with a dialect, it adds its headers and stamps its error bodies. */
export interface ReplyTarget {
  res: ServerResponse;
  record: SimRequest;
  requestId: string;
  dialect?: Dialect;
}

/** Answers at once with a JSON body (a scripted body is sent exactly as given). */
export function sendReply(x: ReplyTarget, reply: JsonReply, outcome: SimOutcome): void {
  const stamp = reply.status >= 400 && outcome !== 'scripted_response' ? x.dialect?.stampError : undefined;
  const body = JSON.stringify(stamp ? stamp(reply.body, x.requestId) : reply.body);
  x.res.writeHead(reply.status, {
    'content-type': 'application/json',
    'x-request-id': x.requestId,
    ...x.dialect?.replyHeaders(x.requestId),
    ...reply.headers,
  });
  x.record.status = reply.status;
  x.record.outcome = outcome;
  x.res.end(body);
}

/** Answers at once with an error, logged as `status_<code>`. */
export function sendError(x: ReplyTarget, reply: JsonReply): void {
  sendReply(x, reply, `status_${reply.status}`);
}

/** A 500 explaining a replay that lacks the transcript this request needs, or undefined. */
function missingTranscript(x: Exchange): JsonReply | undefined {
  if (!x.replay) return undefined;
  const field = x.call.stream ? 'stream' : 'whole';
  if (x.replay[field] !== undefined) return undefined;
  const other = x.call.stream ? 'false' : 'true';
  const example = x.call.stream ? 'a *.chunks.txt' : 'a *.json';
  return {
    status: 500,
    body: {
      error: {
        message:
          `Simulator replay for ${x.dialect.id} has no \`${field}\` transcript, but this request has stream: ${x.call.stream}. ` +
          `Give replay.${field} (the contents of ${example}), or send stream: ${other}.`,
        type: 'simulator_error',
        param: null,
        code: 'replay_missing_transcript',
      },
    },
  };
}

/** The frames to stream: the recorded transcript when replaying, else the rendered generation. */
function streamFrames(x: Exchange): StreamRendering {
  const rendered = x.dialect.renderStream(x.call, x.generation);
  if (x.replay?.stream === undefined) return rendered;
  return { ...rendered, ...x.dialect.replayStream(x.replay.stream) };
}

function writeFrame(x: Exchange, frame: Frame): Promise<void> {
  return writeFlushed(x.res, formatFrame(frame), x.signal);
}

async function waitForStart(x: Exchange, ticket: Ticket | undefined): Promise<void> {
  await ticket?.ready;
  await sleep(x.plan.startDelayMs, x.signal);
}

async function streamResponse(x: Exchange, ticket: Ticket | undefined): Promise<void> {
  const frames = streamFrames(x);
  x.res.writeHead(200, { ...successHeaders(x), 'content-type': x.dialect.streamContentType, 'cache-control': 'no-cache' });
  x.record.status = 200;
  x.res.flushHeaders();
  for (const frame of frames.head) await writeFrame(x, frame);
  await waitForStart(x, ticket);
  if (x.plan.outcome === 'inband_error') {
    for (const frame of frames.inbandError) await writeFrame(x, frame);
    x.record.outcome = 'inband_error';
    x.res.end();
    return;
  }
  x.record.startedAt = Date.now();
  await streamContent(x, frames);
}

/**
 * Sends the content frames, paced by tokens, and fails where the plan says: right after the
 * failure point's content event (clamped to the last one), a malformed event, then a cut or
 * a stall.
 */
async function streamContent(x: Exchange, frames: StreamRendering): Promise<void> {
  const { plan } = x;
  const contentEvents = frames.content.filter((f) => f.tokens > 0).length;
  const failing = plan.outcome === 'cut_after_start' || plan.outcome === 'stall_after_start' || plan.malformed;
  const point = failing ? Math.min(failurePoint(plan, contentEvents), contentEvents) : -1;
  if (point === 0 && (await failHere(x, frames))) return;
  const startedAt = performance.now();
  let sentEvents = 0;
  let sentTokens = 0;
  for (const frame of frames.content) {
    if (frame.tokens > 0 && plan.msPerToken > 0) {
      await sleep(startedAt + sentTokens * plan.msPerToken - performance.now(), x.signal);
    }
    await writeFrame(x, frame);
    if (frame.tokens === 0) continue;
    sentEvents++;
    sentTokens += frame.tokens;
    if (sentEvents === point && (await failHere(x, frames))) return;
  }
  x.record.outcome = 'completed';
  x.res.end();
}

/** Runs the planned failure at this point; true when the stream must not go on. */
async function failHere(x: Exchange, frames: StreamRendering): Promise<boolean> {
  if (x.plan.malformed) {
    await writeFrame(x, frames.malformed);
    x.record.malformedSent = true;
  }
  if (x.plan.outcome === 'cut_after_start') {
    x.record.outcome = 'cut_after_start';
    x.destroyByServer();
    return true;
  }
  if (x.plan.outcome === 'stall_after_start') {
    x.record.outcome = 'stall_after_start';
    await untilAborted(x.signal); // keep the socket and the slot until someone closes
    return true;
  }
  return false;
}

async function wholeResponse(x: Exchange, ticket: Ticket | undefined): Promise<void> {
  await waitForStart(x, ticket);
  if (x.plan.outcome === 'inband_error') return sendError(x, x.dialect.errors.serverError());
  x.record.startedAt = Date.now();
  await sleep(x.generation.outputTokens * x.plan.msPerToken, x.signal);
  const text = x.replay?.whole ?? JSON.stringify(x.dialect.renderWhole(x.call, x.generation));
  const full = Buffer.from(text);
  const half = full.subarray(0, Math.floor(full.length / 2));
  const outcome = x.plan.outcome;
  const partial = outcome === 'cut_after_start' || outcome === 'stall_after_start';
  // Malformed whole body: the first half of the JSON, sent as if it were all of it.
  const body = partial || x.plan.malformed ? half : full;
  x.res.writeHead(200, {
    ...successHeaders(x),
    'content-type': 'application/json',
    'content-length': String(partial ? full.length : body.length),
  });
  x.record.status = 200;
  if (x.plan.malformed) x.record.malformedSent = true;
  if (!partial) {
    x.record.outcome = 'completed';
    x.res.end(body);
    return;
  }
  await writeFlushed(x.res, body, x.signal);
  x.record.outcome = outcome;
  if (outcome === 'cut_after_start') return x.destroyByServer();
  await untilAborted(x.signal);
}
