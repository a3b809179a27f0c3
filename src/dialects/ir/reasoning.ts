/**
 * Reasoning across dialects: the two ways providers say how hard to think (an effort word or a
 * token budget), and carrying one provider's opaque reasoning tokens through another dialect's
 * response so they come back to the provider that made them.
 */
import type { DialectId } from '../../core/types.js';
import type { IREffort, IRReasoningConfig } from './request.js';

/**
 * Thinking budget, in tokens, that stands for each effort word. The first entry whose budget is
 * at least a given budget is that budget's effort word. Anthropic requires at least 1024.
 */
const EFFORT_BUDGETS: ReadonlyArray<readonly [Exclude<IREffort, 'none'>, number]> = [
  ['minimal', 1024],
  ['low', 2048],
  ['medium', 8192],
  ['high', 16384],
  ['xhigh', 32768],
  ['max', 65536],
];

/** The thinking budget an effort word stands for (`none` is 0). */
export function budgetForEffort(effort: IREffort): number {
  if (effort === 'none') return 0;
  return EFFORT_BUDGETS.find(([word]) => word === effort)?.[1] ?? 8192;
}

/** The effort word nearest above a thinking budget (0 or less is `none`). */
export function effortForBudget(budget: number): IREffort {
  if (budget <= 0) return 'none';
  return EFFORT_BUDGETS.find(([, tokens]) => budget <= tokens)?.[0] ?? 'max';
}

/**
 * The effort a target that only knows some words should get: the requested word when known,
 * else the nearest known word (OpenAI has no `max`, Gemini no `xhigh`: both mean "the most").
 */
export function nearestEffort<T extends IREffort>(reasoning: IRReasoningConfig, known: readonly T[]): T | undefined {
  const wanted = reasoning.effort ?? (reasoning.budgetTokens !== undefined ? effortForBudget(reasoning.budgetTokens) : undefined);
  if (wanted === undefined) return undefined;
  if ((known as readonly IREffort[]).includes(wanted)) return wanted as T;
  const order: IREffort[] = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'];
  const rank = order.indexOf(wanted);
  const candidates = known.filter((word) => word !== 'none');
  let best: T | undefined;
  for (const word of candidates) {
    if (best === undefined || Math.abs(order.indexOf(word) - rank) < Math.abs(order.indexOf(best) - rank)) best = word;
  }
  return best;
}

/** The budget a target that only knows budgets should get. */
export function budgetFor(reasoning: IRReasoningConfig): number | undefined {
  if (reasoning.budgetTokens !== undefined) return reasoning.budgetTokens;
  return reasoning.effort === undefined ? undefined : budgetForEffort(reasoning.effort);
}

// ---------------------------------------------------------------------------------------------
// Foreign reasoning tokens

const WRAP_PREFIX = 'flexroute:v1:';

/** A reasoning token with the dialect that made it. */
export interface CarriedSignature {
  origin: DialectId;
  signature: string;
  redacted: boolean;
}

/**
 * Packs a reasoning token from `origin` into another dialect's opaque slot (Anthropic
 * `signature`, OpenAI `encrypted_content`, Interactions `signature`). The caller sends it back
 * unchanged on the next turn and {@link unwrapSignature} recovers it for the provider that made it.
 *
 * @example
 * wrapSignature({ origin: 'gemini-generate', signature: 'EtoF…', redacted: false })
 * // 'flexroute:v1:gemini-generate:signed:EtoF…'
 */
export function wrapSignature(carried: CarriedSignature): string {
  return `${WRAP_PREFIX}${carried.origin}:${carried.redacted ? 'redacted' : 'signed'}:${carried.signature}`;
}

const ORIGINS: readonly DialectId[] = [
  'openai-responses',
  'openai-chat',
  'anthropic-messages',
  'gemini-generate',
  'gemini-interactions',
];

/** Reads a token from a dialect's opaque slot: a wrapped one names its origin, anything else is `own`'s. */
export function unwrapSignature(text: string, own: DialectId): CarriedSignature {
  if (text.startsWith(WRAP_PREFIX)) {
    const rest = text.slice(WRAP_PREFIX.length);
    const [origin, kind] = rest.split(':', 2);
    if (origin !== undefined && kind !== undefined && (ORIGINS as readonly string[]).includes(origin)) {
      return {
        origin: origin as DialectId,
        redacted: kind === 'redacted',
        signature: rest.slice(origin.length + kind.length + 2),
      };
    }
  }
  return { origin: own, signature: text, redacted: false };
}
