import type { DialectStream } from '../core/commit/rules.js';
import type { DialectId } from '../core/types.js';
import { anthropicMessagesStream } from './anthropic-messages/stream.js';
import { geminiGenerateStream } from './gemini-generate/stream.js';
import { geminiInteractionsStream } from './gemini-interactions/stream.js';
import { openaiChatStream } from './openai-chat/stream.js';
import { openaiResponsesStream } from './openai-responses/stream.js';

const STREAMS: Readonly<Record<DialectId, DialectStream>> = {
  'openai-responses': openaiResponsesStream,
  'openai-chat': openaiChatStream,
  'anthropic-messages': anthropicMessagesStream,
  'gemini-generate': geminiGenerateStream,
  'gemini-interactions': geminiInteractionsStream,
};

/** The commit rules, failure frame and assembly of a wire dialect's stream. */
export function streamDialectFor(dialect: DialectId): DialectStream {
  return STREAMS[dialect];
}
