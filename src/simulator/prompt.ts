/**
 * Reads the last user text out of a request body, whatever the dialect: Responses `input`,
 * Chat / Messages `messages`, Gemini `contents`, Interactions `input` (a string, one content, a
 * list of contents, or a list of steps / turns). Generated text echoes it, so a test can tell
 * which request an answer belongs to, and the same prompt gets the same answer in every dialect.
 */
import { isObject } from './dialects/json.js';

/** Text of a content value: a string, one part carrying `text`, or an array of such parts. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (isObject(content)) return typeof content.text === 'string' ? content.text : '';
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isObject(part) && typeof part.text === 'string' ? part.text : ''))
    .filter((t) => t !== '')
    .join(' ');
}

/**
 * The last user turn in a list of messages / items / contents / steps: `role: 'user'`, an
 * Interactions `user_input` step, or (Gemini `contents`) a turn without a role, which Gemini
 * reads as the user's.
 */
function lastUserText(items: unknown[], field: 'content' | 'parts'): string {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (!isObject(item)) continue;
    const byUser = item.role === 'user' || item.type === 'user_input' || (field === 'parts' && item.role === undefined);
    if (byUser) return contentText(item[field]);
  }
  return '';
}

/** True when a list holds turns (messages, items with a role, steps) rather than bare contents. */
function isTurnList(items: unknown[]): boolean {
  return items.some((item) => isObject(item) && (typeof item.role === 'string' || item.type === 'user_input' || item.type === 'model_output'));
}

/** The last user text of a request body, or `''` when there is none. */
export function promptText(body: unknown): string {
  if (!isObject(body)) return '';
  const input = body.input;
  if (typeof input === 'string') return input;
  if (Array.isArray(input)) return isTurnList(input) ? lastUserText(input, 'content') : contentText(input);
  if (isObject(input)) return contentText(input);
  if (Array.isArray(body.messages)) return lastUserText(body.messages, 'content');
  if (Array.isArray(body.contents)) return lastUserText(body.contents, 'parts');
  return '';
}
