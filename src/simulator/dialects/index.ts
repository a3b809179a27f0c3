/**
 * The dialects the simulator speaks, as a table. Adding a dialect is one file plus one line here.
 */
import { anthropicMessages } from './anthropic-messages.js';
import { anthropicNotFound } from './anthropic-errors.js';
import type { Dialect, JsonReply, RouteMatch } from './dialect.js';
import { geminiGenerate } from './gemini-generate.js';
import { geminiInteractions } from './gemini-interactions.js';
import { googleNotFound } from './google-errors.js';
import { openaiChat } from './openai-chat.js';
import { invalidUrl } from './openai-errors.js';
import { openaiResponses } from './openai-responses.js';

export const DIALECTS: readonly Dialect[] = [openaiResponses, openaiChat, anthropicMessages, geminiGenerate, geminiInteractions];

/** The dialect serving a POST path, with what it read from the path. */
export function findDialect(pathname: string, query: URLSearchParams): { dialect: Dialect; route: RouteMatch } | undefined {
  for (const dialect of DIALECTS) {
    const route = dialect.match(pathname, query);
    if (route) return { dialect, route };
  }
  return undefined;
}

/**
 * The 404 for a path no dialect serves, in the shape of the provider whose paths it resembles:
 * Google's under `/v1beta/` and `/v1alpha/`, Anthropic's under `/v1/messages`, else OpenAI's.
 */
export function notFound(method: string, pathname: string): JsonReply {
  if (/^\/v1(beta|alpha)\//.test(pathname)) return googleNotFound(method, pathname);
  if (pathname.startsWith('/v1/messages')) return anthropicNotFound();
  return invalidUrl(method, pathname);
}
