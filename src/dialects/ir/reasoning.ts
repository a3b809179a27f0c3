/**
 * Reasoning across dialects: the two ways providers say how hard to think (an effort word or a
 * token budget), and carrying one provider's opaque reasoning tokens through another dialect's
 * response so they come back to the provider that made them.
 */
import type { DialectId } from '../../core/types.js';
import type { IREffort, IRReasoningConfig, IRReasoningPart } from './request.js';

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

/** Whether the settings switch thinking off (effort `none`, or a budget of 0). */
export function thinkingOff(reasoning: IRReasoningConfig): boolean {
  return reasoning.effort === 'none' || reasoning.budgetTokens === 0;
}

/** The budget a target that only knows budgets should get. */
export function budgetFor(reasoning: IRReasoningConfig): number | undefined {
  if (reasoning.budgetTokens !== undefined) return reasoning.budgetTokens;
  return reasoning.effort === undefined ? undefined : budgetForEffort(reasoning.effort);
}

// ---------------------------------------------------------------------------------------------
// Reasoning from another provider, carried through a dialect's opaque slot

const WRAP_PREFIX = 'flexroute:v1:';

const ORIGINS: readonly DialectId[] = [
  'openai-responses',
  'openai-chat',
  'anthropic-messages',
  'gemini-generate',
  'gemini-interactions',
];

interface Carried {
  origin: DialectId;
  signature?: string;
  redacted?: boolean;
  id?: string;
}

function unwrap(token: string): Carried | undefined {
  if (!token.startsWith(WRAP_PREFIX)) return undefined;
  try {
    const value: unknown = JSON.parse(token.slice(WRAP_PREFIX.length));
    if (typeof value !== 'object' || value === null) return undefined;
    const { origin, signature, redacted, id } = value as Record<string, unknown>;
    if (typeof origin !== 'string' || !(ORIGINS as readonly string[]).includes(origin)) return undefined;
    return {
      origin: origin as DialectId,
      ...(typeof signature === 'string' ? { signature } : {}),
      ...(redacted === true ? { redacted: true } : {}),
      ...(typeof id === 'string' ? { id } : {}),
    };
  } catch {
    return undefined;
  }
}

/**
 * What to write in `own`'s opaque reasoning slot (Anthropic thinking `signature`, OpenAI
 * `encrypted_content`, Interactions thought `signature`) for a reasoning part: its own token when
 * `own` made it; otherwise the part's origin, token and id packed into one string, which the
 * caller sends back unchanged on the next turn and {@link reasoningFromSlot} unpacks for the
 * provider that made it.
 *
 * @example
 * reasoningSlot({ type: 'reasoning', origin: 'gemini-generate', signature: 'EtoF…' }, 'anthropic-messages')
 * // 'flexroute:v1:{"origin":"gemini-generate","signature":"EtoF…"}'
 */
export function reasoningSlot(part: IRReasoningPart, own: DialectId): string | undefined {
  if (part.origin === own) return part.signature;
  const carried: Carried = {
    origin: part.origin,
    ...(part.signature !== undefined ? { signature: part.signature } : {}),
    ...(part.redacted ? { redacted: true } : {}),
    ...(part.id !== undefined ? { id: part.id } : {}),
  };
  return WRAP_PREFIX + JSON.stringify(carried);
}

/**
 * A reasoning part read from `own`'s opaque slot (`token`), with the visible `text` and, for
 * OpenAI, the item `id` beside it.
 */
export function reasoningFromSlot(token: string | undefined, own: DialectId, text: string | undefined, id?: string): IRReasoningPart {
  const carried = token === undefined ? undefined : unwrap(token);
  if (carried) {
    return { type: 'reasoning', ...carried, ...(text ? { text } : {}) };
  }
  return {
    type: 'reasoning',
    origin: own,
    ...(text ? { text } : {}),
    ...(token !== undefined ? { signature: token } : {}),
    ...(id !== undefined ? { id } : {}),
  };
}
