/**
 * The dialects the simulator speaks, as a table. Adding a dialect is one file plus one line here.
 */
import type { Dialect, RouteMatch } from './dialect.js';
import { openaiChat } from './openai-chat.js';
import { openaiResponses } from './openai-responses.js';

export const DIALECTS: readonly Dialect[] = [openaiResponses, openaiChat];

/** The dialect serving a POST path, with what it read from the path. */
export function findDialect(pathname: string, query: URLSearchParams): { dialect: Dialect; route: RouteMatch } | undefined {
  for (const dialect of DIALECTS) {
    const route = dialect.match(pathname, query);
    if (route) return { dialect, route };
  }
  return undefined;
}
