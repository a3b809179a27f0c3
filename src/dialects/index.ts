/**
 * Every wire dialect as one object, by id, and the four callers can send.
 *
 * @example
 * ```ts
 * import { dialects } from 'flexroute/dialects';
 *
 * for (const dialect of Object.values(dialects)) console.log(dialect.name, dialect.facts.inputField);
 * ```
 */
import type { CallerFormat, DialectId } from '../core/types.js';
import { anthropicMessages } from './anthropic-messages/index.js';
import type { CallerDialect, WireDialect } from './dialect.js';
import { geminiGenerate } from './gemini-generate/index.js';
import { geminiInteractions } from './gemini-interactions/index.js';
import { openaiChat } from './openai-chat/index.js';
import { openaiResponses } from './openai-responses/index.js';

/** The dialects callers send requests in, by format. */
export const callerDialects: Readonly<Record<CallerFormat, CallerDialect>> = {
  'openai-responses': openaiResponses,
  'openai-chat': openaiChat,
  'anthropic-messages': anthropicMessages,
  'gemini-interactions': geminiInteractions,
};

/** Every wire dialect, by id (the caller formats and the upstream-only generateContent). */
export const dialects: Readonly<Record<DialectId, WireDialect>> = { ...callerDialects, 'gemini-generate': geminiGenerate };

export { anthropicMessages, geminiGenerate, geminiInteractions, openaiChat, openaiResponses };
