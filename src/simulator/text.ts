/**
 * Deterministic text generation. The reply to a request is `Echo:` + the first words of the
 * last user message + filler words, cut or padded to the output length, one word per token.
 * It depends only on the seed, the model and the prompt text — not on `service_tier`,
 * `stream` or other fields — so the flex and the standard attempt of one call get the same
 * answer, and a test can compute it with {@link expectedText}.
 */
import { promptText } from './prompt.js';
import { intBetween, rngFor, type Rng } from './random.js';
import type { CountSpec } from './types.js';

/** Words of the prompt echoed at the start of the reply. */
const ECHO_WORDS = 8;

/** Default output length in tokens. */
export const DEFAULT_OUTPUT_TOKENS = 24;

const FILLER = [
  'the', 'flex', 'pool', 'answers', 'when', 'capacity', 'allows', 'and', 'standard', 'takes',
  'over', 'if', 'it', 'does', 'not', 'start', 'in', 'time', 'tokens', 'stream', 'steadily',
  'from', 'a', 'simulated', 'model', 'that', 'speaks', 'real', 'wire', 'formats', 'with',
  'seeded', 'randomness', 'so', 'every', 'run', 'repeats', 'exactly', 'latency', 'budget',
  'cheaper', 'tier', 'first', 'window', 'commit', 'event', 'bytes', 'held', 'until', 'proof',
];

/** The seeded PRNG that drives the words and length of one prompt's reply. */
function textRng(seed: number, model: string, prompt: string): Rng {
  return rngFor(seed, 'text', model, prompt);
}

/** Resolves an output length spec with the text PRNG (so it is stable per prompt). */
function resolveLength(rng: Rng, spec: CountSpec | undefined): number {
  if (spec === undefined) return DEFAULT_OUTPUT_TOKENS;
  if (typeof spec === 'number') return Math.max(1, Math.floor(spec));
  return Math.max(1, intBetween(rng, spec.min, spec.max));
}

/**
 * The reply as tokens (deltas): the first has no leading space, the others start with one,
 * so `tokens.join('')` is the text.
 */
export function replyTokens(seed: number, model: string, prompt: string, outputTokens?: CountSpec): string[] {
  const rng = textRng(seed, model, prompt);
  const length = resolveLength(rng, outputTokens);
  const echo = prompt.split(/\s+/).filter((w) => w !== '').slice(0, ECHO_WORDS);
  const words = ['Echo:', ...echo];
  while (words.length < length) words.push(FILLER[Math.floor(rng() * FILLER.length)] ?? 'the');
  return words.slice(0, length).map((w, i) => (i === 0 ? w : ` ${w}`));
}

/** Options of {@link expectedText}. */
export interface ExpectedTextOptions {
  /** The simulator's seed (default 1). */
  seed?: number;
  /** The output length the pool (or script) uses; default 24. */
  outputTokens?: CountSpec;
  /**
   * The model, when the body does not carry it: Gemini generateContent names it in the path
   * (`/v1beta/models/gemini-2.5-flash:generateContent`). Default: `body.model`.
   */
  model?: string;
}

/**
 * The text the simulator answers to `body`, for assertions. The same prompt and model give the
 * same text in every dialect (Responses, Chat, Messages, generateContent, Interactions).
 *
 * `outputTokens` must be the same spec the pool (or script) uses; with a `{min, max}` range the
 * drawn length is stable per prompt too.
 *
 * @example
 * ```ts
 * expectedText({ model: 'gpt-5-mini', input: 'Say hi' }, { seed: 7, outputTokens: 5 }); // 'Echo: Say hi <filler> <filler>'
 * expectedText({ contents: [{ role: 'user', parts: [{ text: 'Say hi' }] }] }, { model: 'gemini-2.5-flash' });
 * ```
 */
export function expectedText(body: unknown, options: ExpectedTextOptions = {}): string {
  const inBody = (body as { model?: unknown } | undefined)?.model;
  const model = options.model ?? (typeof inBody === 'string' ? inBody : '');
  return replyTokens(options.seed ?? 1, model, promptText(body), options.outputTokens).join('');
}

/** A rough token count for usage numbers: about four characters per token, at least 1. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
