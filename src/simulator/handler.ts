/**
 * One HTTP request through the simulator: read and log it, route it to its dialect, check
 * auth and JSON, plan it from its pool's knobs, the script and the seed, then run the exchange.
 * A bug or a throwing script becomes a 500 that says so; it never crashes the host.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isJsonReply, type JsonReply } from './dialects/dialect.js';
import { findDialect, notFound } from './dialects/index.js';
import { runExchange, sendReply, type ReplyTarget } from './exchange.js';
import { generate } from './generate.js';
import { modelsReply } from './models.js';
import { makePlan } from './plan.js';
import type { Pool } from './pool.js';
import { hex, rngFor } from './random.js';
import type { Recorder } from './recorder.js';
import type { PoolName, PoolSet, SimRequest, SimulatorOptions } from './types.js';

/** What the handler reads from the running simulator. */
export interface SimState {
  seed: number;
  models: readonly string[];
  options: SimulatorOptions;
  /** Current knobs (replaced live by `setPools`). */
  pools: PoolSet;
  script(): SimulatorOptions['script'];
  recorder: Recorder;
  poolByName: Record<PoolName, Pool>;
  /** Open exchanges: `close()` aborts each and waits until its response has closed. */
  exchanges: Set<OpenExchange>;
  closing(): boolean;
}

/** An exchange in flight, as `close()` sees it. */
export interface OpenExchange {
  controller: AbortController;
  /** Resolves once the response's 'close' handler has run (the log entry is final). */
  closed: Promise<void>;
}

/** Headers whose values are credentials: masked in the request log. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'x-api-key', 'x-goog-api-key']);

/** Keeps the scheme and the last four characters: `Bearer sk-abc…wxyz` → `Bearer …wxyz`. */
function maskCredential(value: string): string {
  const match = /^(\S+\s+)?(\S*)$/.exec(value.trim());
  const scheme = match?.[1] ?? '';
  const secret = match?.[2] ?? '';
  return `${scheme}…${secret.length >= 12 ? secret.slice(-4) : ''}`;
}

/** The path as logged: a Gemini `?key=` is masked like a credential header. */
function logPath(path: string): string {
  const queryAt = path.indexOf('?');
  if (queryAt === -1) return path;
  const query = new URLSearchParams(path.slice(queryAt + 1));
  const key = query.get('key');
  if (key === null) return path;
  query.set('key', maskCredential(key));
  return `${path.slice(0, queryAt)}?${query.toString()}`;
}

function logHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    out[name] = CREDENTIAL_HEADERS.has(name) ? maskCredential(text) : text;
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The body as JSON, or not (with the raw text; an empty body is `undefined`). */
function parseJson(text: string): { ok: true; value: unknown } | { ok: false; raw: string | undefined } {
  if (text.trim() === '') return { ok: false, raw: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, raw: text };
  }
}

/** Handles one request to its end. Never rejects. */
export async function handleRequest(state: SimState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const controller = new AbortController();
  let markClosed!: () => void;
  const open: OpenExchange = { controller, closed: new Promise((resolve) => (markClosed = resolve)) };
  state.exchanges.add(open);
  let destroyedByServer = false;
  let record: SimRequest | undefined;
  res.on('close', () => {
    state.exchanges.delete(open);
    controller.abort(new Error('exchange closed')); // ends timers and frees the pool slot
    if (record) {
      record.finishedAt = Date.now();
      if (state.closing()) record.outcome ??= 'server_closed';
      else if (!res.writableFinished && !destroyedByServer) {
        record.closedByClient = true;
        record.outcome ??= 'aborted_by_client';
      }
      state.recorder.changed();
    }
    markClosed();
  });

  let text: string;
  try {
    text = await readBody(req);
  } catch {
    return; // the client went away while sending; nothing to answer
  }
  if (controller.signal.aborted) return;
  const json = parseJson(text);
  record = state.recorder.add({
    method: req.method ?? 'GET',
    path: logPath(req.url ?? '/'),
    headers: logHeaders(req.headers),
    body: json.ok ? json.value : json.raw,
    tier: '',
    stream: false,
    receivedAt: Date.now(),
    closedByClient: false,
  });
  const requestId = `req_${hex(rngFor(state.seed, 'request-id', record.id), 32)}`;
  try {
    await serve(state, { req, res, record, requestId, json, signal: controller.signal }, () => {
      destroyedByServer = true;
      res.destroy();
    });
  } catch (error) {
    failed(res, record, requestId, error);
  }
}

interface Incoming {
  req: IncomingMessage;
  res: ServerResponse;
  record: SimRequest;
  requestId: string;
  json: ReturnType<typeof parseJson>;
  signal: AbortSignal;
}

async function serve(state: SimState, input: Incoming, destroyByServer: () => void): Promise<void> {
  const { req, res, record, requestId, json } = input;
  const url = new URL(req.url ?? '/', 'http://simulator');
  const target: ReplyTarget = { res, record, requestId };
  const answer = (reply: JsonReply) => sendReply(target, reply, reply.status === 200 ? 'completed' : `status_${reply.status}`);

  const listed = req.method === 'GET' ? modelsReply(url.pathname, state.models) : undefined;
  if (listed) return answer(listed);
  const found = req.method === 'POST' ? findDialect(url.pathname, url.searchParams) : undefined;
  if (!found) return answer(notFound(req.method ?? 'GET', url.pathname));
  const { dialect, route } = found;
  target.dialect = dialect;
  record.dialect = dialect.id;
  if (route.model !== undefined) record.model = route.model; // logged even when the body is refused
  if (route.reject) return answer(route.reject);
  if (state.options.requireAuth && !dialect.hasCredentials(req.headers, url.searchParams)) {
    return answer(dialect.errors.unauthorized());
  }
  const badHeaders = dialect.checkHeaders?.(req.headers);
  if (badHeaders) return answer(badHeaders);
  if (!json.ok) return answer(dialect.errors.invalidJson());
  const call = dialect.parse(json.value, route);
  if (isJsonReply(call)) return answer(call);
  const poolName = call.pool;
  record.model = call.model;
  record.stream = call.stream;
  record.requestedTier = call.requestedTier;
  record.tier = poolName;
  if (state.options.rejectUnknownModels && !state.models.includes(call.model)) {
    return answer(dialect.errors.modelNotFound(call.model));
  }

  const plan = makePlan(rngFor(state.seed, 'plan', record.id), state.pools[poolName], state.script()?.(record));
  const replay = plan.replay ?? state.options.replay?.[dialect.id];
  const generation = generate(call, {
    seed: state.seed,
    outputTokens: plan.outputTokens,
    toolCall: plan.toolCall,
    rng: rngFor(state.seed, 'ids', record.id),
  });
  if (!replay) record.text = generation.toolCall ? generation.toolCall.arguments : generation.text;
  await runExchange({
    res,
    record,
    dialect,
    call,
    plan,
    pool: state.poolByName[poolName],
    poolName,
    generation,
    replay,
    signal: input.signal,
    requestId,
    destroyByServer,
  });
}

/** Answers 500 for a bug or a throwing script, if the headers are not out yet. */
function failed(res: ServerResponse, record: SimRequest, requestId: string, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  const reply = {
    status: 500,
    body: {
      error: {
        message: `Simulator failed while handling this request: ${message}. If a script option threw, fix the script.`,
        type: 'simulator_error',
        param: null,
        code: null,
      },
    },
  };
  sendReply({ res, record, requestId }, reply, 'status_500');
}
