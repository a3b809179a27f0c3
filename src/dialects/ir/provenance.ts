/**
 * Naming fields the way the caller wrote them. Decoders record, for each IR field, the dotted
 * path it came from in the caller's body (`input.2.content.0`, `tools.1`, `generation_config.seed`);
 * when a target dialect cannot carry an IR field, the encoder's `unsupported_feature` error names
 * that caller path, not an IR path the caller has never seen.
 */
import { routerError, type RouterError } from '../../core/errors.js';
import type { CallerFormat, DialectId, ProviderId } from '../../core/types.js';
import type { IRPart, IRRequest, SourcePaths } from './request.js';
import { DIALECT_FACTS } from '../facts.js';
import type { DialectFacts } from './facts.js';
import { callerShape } from '../caller-shapes.js';

/** Joins path segments with dots, skipping empty ones: `joinPath('messages', 2, 'content')`. */
export function joinPath(...segments: Array<string | number>): string {
  return segments.filter((s) => s !== '').join('.');
}

/** The provider behind each wire dialect. */
export const DIALECT_PROVIDER: Readonly<Record<DialectId, ProviderId>> = mapFacts((facts) => facts.provider);

const CALLER_FORMATS: readonly DialectId[] = ['openai-responses', 'openai-chat', 'anthropic-messages', 'gemini-interactions'];

/** The caller format a dialect is, if callers can speak it (error examples are written in it). */
export function callerFormatOf(dialect: DialectId | undefined): CallerFormat | undefined {
  return dialect !== undefined && CALLER_FORMATS.includes(dialect) ? (dialect as CallerFormat) : undefined;
}

/** How error messages name each dialect. */
export const DIALECT_NAME: Readonly<Record<DialectId, string>> = mapFacts((facts) => facts.name);

function mapFacts<T>(pick: (facts: DialectFacts) => T): Record<DialectId, T> {
  return Object.fromEntries(Object.values(DIALECT_FACTS).map((facts) => [facts.id, pick(facts)])) as Record<DialectId, T>;
}

/**
 * The target dialect cannot carry the IR field at `irPath`; the error names the caller's path
 * for it when the decoder recorded one.
 *
 * @example
 * ```ts
 * throw cannotCarry(ir, 'stopSequences', 'openai-responses', 'The Responses API has no stop parameter.');
 * ```
 */
export function cannotCarry(
  ir: { sourcePaths?: SourcePaths; sourceDialect?: DialectId },
  irPath: string,
  target: DialectId,
  detail: string,
): RouterError {
  const field = ir.sourcePaths?.[irPath] ?? irPath;
  const format = callerShape(callerFormatOf(ir.sourceDialect));
  return routerError('unsupported_feature', {
    field,
    provider: DIALECT_PROVIDER[target],
    detail: `${DIALECT_NAME[target]} cannot carry it: ${detail}`,
    ...(format ? { format } : {}),
  });
}

/**
 * Refuses the request-level settings `target` has no field for. `uncarried` maps each such IR
 * field to the reason, e.g. `{ topK: 'OpenAI samples with temperature and top_p only.' }`.
 */
export function refuseSettings(
  ir: IRRequest,
  target: DialectId,
  uncarried: Partial<Record<keyof IRRequest, string>>,
): void {
  for (const [key, detail] of Object.entries(uncarried) as Array<[keyof IRRequest, string]>) {
    if (ir[key] !== undefined) throw cannotCarry(ir, key, target, detail);
  }
}

/** Sets an IR request field read from `callerPath`, recording the path; `undefined` sets nothing. */
export function setField<K extends keyof IRRequest>(
  ir: IRRequest,
  key: K,
  callerPath: string,
  value: IRRequest[K] | undefined,
): void {
  if (value === undefined) return;
  ir[key] = value;
  (ir.sourcePaths ??= {})[key] = callerPath;
}

/** A part in a message whose role cannot hold it (a tool result in an assistant turn, …). */
export function misplacedPart(ir: IRRequest, i: number, j: number, part: IRPart, role: string, target: DialectId): RouterError {
  return cannotCarry(ir, `messages.${i}.content.${j}`, target, `a ${part.type} part cannot appear in a ${role} message.`);
}
