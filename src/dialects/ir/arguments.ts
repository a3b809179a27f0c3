/**
 * Tool-call arguments between JSON text (OpenAI, the IR) and JSON objects (Anthropic `input`,
 * Gemini `args`, Interactions `arguments`).
 */
import { parseJsonObject, type JsonObject } from './json.js';

/** Arguments as an object, `{}` for empty text, or `undefined` when the text is not a JSON object. */
export function parseArgumentsObject(text: string): JsonObject | undefined {
  return text.trim() === '' ? {} : parseJsonObject(text);
}

/**
 * Arguments as an object for the dialects that carry one (Anthropic, Gemini, Interactions), in
 * whole responses and streams alike. Empty text is `{}`; free-form custom-tool input, or text
 * that is not a JSON object (a model can emit broken JSON), becomes `{"input": "<text>"}` so
 * nothing is lost.
 *
 * @example
 * argumentsToObject('{"city":"Paris"}') // { city: 'Paris' }
 * argumentsToObject('*.ts', 'custom')         // { input: '*.ts' }
 */
export function argumentsToObject(text: string, kind?: 'function' | 'custom'): JsonObject {
  if (kind === 'custom') return { input: text };
  return parseArgumentsObject(text) ?? { input: text };
}

/** Arguments as JSON text. */
export function argumentsToText(value: unknown): string {
  return JSON.stringify(value ?? {});
}
