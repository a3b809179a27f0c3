/**
 * Reads the last user text out of a request body, whatever the dialect: Responses `input`,
 * Chat / Messages `messages`, Gemini `contents`. Generated text echoes it, so a test can tell
 * which request an answer belongs to.
 */

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Text of a content value: a string, or an array of parts carrying `text`. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isObject(part) && typeof part.text === 'string' ? part.text : ''))
    .filter((t) => t !== '')
    .join(' ');
}

/** The last item with role `user` in a list of messages / items / contents. */
function lastUserText(items: unknown[], field: 'content' | 'parts'): string {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (isObject(item) && item.role === 'user') return contentText(item[field]);
  }
  return '';
}

/** The last user text of a request body, or `''` when there is none. */
export function promptText(body: unknown): string {
  if (!isObject(body)) return '';
  if (typeof body.input === 'string') return body.input;
  if (Array.isArray(body.input)) return lastUserText(body.input, 'content');
  if (Array.isArray(body.messages)) return lastUserText(body.messages, 'content');
  if (Array.isArray(body.contents)) return lastUserText(body.contents, 'parts');
  return '';
}
