import { z } from 'zod';
import type { CallerFormat } from '../../core/types.js';
import { DIALECT_FACTS } from '../../dialects/facts.js';

/**
 * What the router checks in each caller format before any translation: which field holds the
 * input and the shape of the fields it reads. Data, not code. (How a format caps output tokens
 * lives with its codec: `codecs[format].hasTokenCap`.)
 */
export interface CallerFormatSpec {
  format: CallerFormat;
  /** The field that holds the conversation (the dialect's fact). */
  inputField: string;
  /** zod schema of the fields the router reads; everything else passes through unchecked. */
  schema: z.ZodType;
}

const streamField = z.boolean({ error: 'must be true or false' }).optional();
const modelField = z.string({ error: 'must be a string, e.g. "gpt-5-mini"' }).min(1, 'must not be empty');

/** The fields the router reads, with the caller format's own input field and what it may hold. */
function callerSpec(format: CallerFormat, input: z.ZodType): CallerFormatSpec {
  const inputField = DIALECT_FACTS[format].inputField;
  return { format, inputField, schema: z.object({ model: modelField, [inputField]: input, stream: streamField }) };
}

const messagesField = z.array(z.unknown(), { error: 'must be an array of messages' }).min(1, 'must hold at least one message');

export const CALLER_FORMATS: Readonly<Record<CallerFormat, CallerFormatSpec>> = {
  'openai-responses': callerSpec('openai-responses', z.union([z.string(), z.array(z.unknown())], { error: 'must be a string or an array of input items' })),
  'openai-chat': callerSpec('openai-chat', messagesField),
  'anthropic-messages': callerSpec('anthropic-messages', messagesField),
  'gemini-interactions': callerSpec(
    'gemini-interactions',
    z.union([z.string(), z.array(z.unknown()), z.record(z.string(), z.unknown())], { error: 'must be a string, a content object or an array of turns' }),
  ),
};
