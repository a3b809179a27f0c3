import type { DialectStream } from '../core/commit/rules.js';
import type { DialectId } from '../core/types.js';
import { openaiChatStream } from './openai-chat/stream.js';
import { openaiResponsesStream } from './openai-responses/stream.js';

const STREAMS: Partial<Record<DialectId, DialectStream>> = {
  'openai-responses': openaiResponsesStream,
  'openai-chat': openaiChatStream,
};

/** The commit rules, failure frame and assembly of a wire dialect's stream. */
export function streamDialectFor(dialect: DialectId): DialectStream {
  const stream = STREAMS[dialect];
  if (!stream) throw new Error(`No stream rules for the ${dialect} dialect`);
  return stream;
}
