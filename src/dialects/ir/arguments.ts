/**
 * Tool-call arguments between JSON text (OpenAI, the IR) and JSON objects (Anthropic `input`,
 * Gemini `args`, Interactions `arguments`).
 */
import type { JsonObject } from './request.js';

/** Arguments as an object, `{}` for empty text, or `undefined` when the text is not a JSON object. */
export function parseArgumentsObject(text: string): JsonObject | undefined {
  return text.trim() === '' ? {} : parseObject(text);
}

function parseObject(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Arguments as an object for the dialects that want one. Empty text is `{}`; free-form
 * custom-tool input, or text that is not a JSON object (a model can emit broken JSON), becomes
 * `{"input": "<text>"}` so nothing is lost.
 */
export function argumentsToObject(text: string, kind?: 'function' | 'custom'): JsonObject {
  if (kind === 'custom') return { input: text };
  if (text.trim() === '') return {};
  return parseObject(text) ?? { input: text };
}

/** Arguments as JSON text. */
export function argumentsToText(value: unknown): string {
  return JSON.stringify(value ?? {});
}
