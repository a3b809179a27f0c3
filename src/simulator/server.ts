/**
 * The simulator's HTTP server (node:http on loopback): routes a request to its dialect, checks
 * auth and JSON, plans the request from its pool's knobs and the seed, then runs the exchange.
 * It tracks sockets, exchanges and waits so `close()` ends all of them.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { isJsonReply } from './dialects/dialect.js';
import { findDialect } from './dialects/index.js';
import { invalidUrl } from './dialects/openai-errors.js';
import { runExchange, sendReply } from './exchange.js';
import { generate } from './generate.js';
import { DEFAULT_MODELS, modelsReply } from './models.js';
import { makePlan } from './plan.js';
import { Pool } from './pool.js';
import { hex, rngFor } from './random.js';
import { Recorder } from './recorder.js';
import { poolForTier } from './tiers.js';
import type { PoolName, PoolSet, SimRequest, Simulator, SimulatorOptions } from './types.js';

const POOL_NAMES: readonly PoolName[] = ['flex', 'standard', 'priority'];

/** Headers whose values are credentials: masked in the request log. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'x-api-key', 'x-goog-api-key']);

/** Keeps the scheme and the last four characters: `Bearer sk-abc…wxyz` → `Bearer …wxyz`. */
function maskCredential(value: string): string {
  const match = /^(\S+\s+)?(\S*)$/.exec(value.trim());
  const scheme = match?.[1] ?? '';
  const secret = match?.[2] ?? '';
  return `${scheme}…${secret.length >= 12 ? secret.slice(-4) : ''}`;
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

/** The body as JSON, or `invalid` with the raw text. Empty bodies are `undefined` (invalid JSON). */
function parseJson(text: string): { ok: true; value: unknown } | { ok: false; raw: string | undefined } {
  if (text.trim() === '') return { ok: false, raw: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, raw: text };
  }
}

/**
 * Starts a simulator on loopback.
 *
 * @example
 * ```ts
 * const sim = await startSimulator({ seed: 7, pools: { flex: { rate429: 0.2, startDelayMs: { min: 50, max: 400 } } } });
 * const openai = new OpenAI({ apiKey: 'sk-test', baseURL: sim.openaiBaseUrl });
 * const res = await openai.responses.create({ model: 'gpt-5-mini', input: 'Hello', service_tier: 'flex' });
 * await sim.close();
 * ```
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const seed = options.seed ?? 1;
  const host = options.host ?? '127.0.0.1';
  const models = options.models ?? DEFAULT_MODELS;
  const pools: PoolSet = { ...options.pools };
  let script = options.script;
  const recorder = new Recorder();
  const poolByName = Object.fromEntries(
    POOL_NAMES.map((name) => [name, new Pool(() => pools[name]?.capacity ?? Infinity)]),
  ) as Record<PoolName, Pool>;
  const exchanges = new Set<AbortController>();
  const sockets = new Set<Socket>();
  let closing = false;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const controller = new AbortController();
    exchanges.add(controller);
    let destroyedByServer = false;
    let record: SimRequest | undefined;
    res.on('close', () => {
      exchanges.delete(controller);
      controller.abort(new Error('exchange closed')); // ends timers and frees the pool slot
      if (record) {
        record.finishedAt = Date.now();
        if (closing) record.outcome ??= 'server_closed';
        else if (!res.writableFinished && !destroyedByServer) {
          record.closedByClient = true;
          record.outcome ??= 'aborted_by_client';
        }
        recorder.changed();
      }
    });

    const url = new URL(req.url ?? '/', 'http://simulator');
    let text: string;
    try {
      text = await readBody(req);
    } catch {
      return; // the client went away while sending; nothing to answer
    }
    if (controller.signal.aborted) return;
    const json = parseJson(text);
    record = recorder.add({
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: logHeaders(req.headers),
      body: json.ok ? json.value : json.raw,
      tier: '',
      stream: false,
      receivedAt: Date.now(),
      closedByClient: false,
    });
    const requestId = `req_${hex(rngFor(seed, 'request-id', record.id), 32)}`;
    const answer = (reply: { status: number; body: unknown; headers?: Record<string, string> }) =>
      sendReply({ res, record: record as SimRequest, requestId }, reply, reply.status === 200 ? 'completed' : `status_${reply.status}`);

    const listed = req.method === 'GET' ? modelsReply(url.pathname, models) : undefined;
    if (listed) return answer(listed);
    const found = req.method === 'POST' ? findDialect(url.pathname, url.searchParams) : undefined;
    if (!found) return answer(invalidUrl(req.method ?? 'GET', url.pathname));
    const { dialect, route } = found;
    record.dialect = dialect.id;
    if (options.requireAuth && !dialect.hasCredentials(req.headers, url.searchParams)) {
      return answer(dialect.errors.unauthorized());
    }
    if (!json.ok) return answer(dialect.errors.invalidJson());
    const call = dialect.parse(json.value, route);
    if (isJsonReply(call)) return answer(call);
    const poolName = poolForTier(call.requestedTier);
    record.stream = call.stream;
    record.requestedTier = call.requestedTier;
    record.tier = poolName;
    if (options.rejectUnknownModels && !models.includes(call.model)) {
      return answer(dialect.errors.modelNotFound(call.model));
    }

    const plan = makePlan(rngFor(seed, 'plan', record.id), pools[poolName], script?.(record));
    const replay = plan.replay ?? options.replay?.[dialect.id as keyof NonNullable<SimulatorOptions['replay']>];
    const generation = generate(call, {
      seed,
      outputTokens: plan.outputTokens,
      toolCall: plan.toolCall,
      rng: rngFor(seed, 'ids', record.id),
    });
    if (!replay) record.text = generation.toolCall ? generation.toolCall.arguments : generation.text;
    await runExchange({
      res,
      record,
      dialect,
      call,
      plan,
      pool: poolByName[poolName],
      poolName,
      generation,
      replay,
      signal: controller.signal,
      requestId,
      destroyByServer: () => {
        destroyedByServer = true;
        res.destroy();
      },
    });
  }

  /** A bug or a throwing script must not crash the host: answer 500 if we still can. */
  function failed(res: ServerResponse, error: unknown): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        error: {
          message: `Simulator failed while handling this request: ${message}. If a script option threw, fix the script.`,
          type: 'simulator_error',
          param: null,
          code: null,
        },
      }),
    );
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => failed(res, error));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `Simulator could not listen on ${host}:${options.port ?? 0} (${error.code ?? error.message}). ` +
            'Pick another port, or pass port: 0 to take any free one.',
        ),
      );
    server.once('error', onError);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closed: Promise<void> | undefined;
  return {
    url,
    openaiBaseUrl: `${url}/v1`,
    requests: recorder.requests,
    setPools(next) {
      for (const name of POOL_NAMES) if (name in next) pools[name] = next[name];
      for (const pool of Object.values(poolByName)) pool.pump();
    },
    setScript(next) {
      script = next;
    },
    reset: () => recorder.reset(),
    waitForRequests: (n, timeoutMs = 5000) => recorder.waitFor(n, timeoutMs, 'received', (r) => r.length),
    waitForFinished: (n, timeoutMs = 5000) =>
      recorder.waitFor(n, timeoutMs, 'finished', (r) => r.filter((x) => x.finishedAt !== undefined).length),
    poolState: (name) => poolByName[name].state(),
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        server.close(() => resolve());
        for (const controller of exchanges) controller.abort(new Error('simulator closed'));
        for (const socket of sockets) socket.destroy();
        recorder.close();
      });
      return closed;
    },
  };
}
