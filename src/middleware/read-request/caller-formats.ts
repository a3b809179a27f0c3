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

export const CALLER_FORMATS: Readonly<Record<CallerFormat, CallerFormatSpec>> = {
  'openai-responses': {
    format: 'openai-responses',
    inputField: DIALECT_FACTS['openai-responses'].inputField,
    schema: z.object({
      model: modelField,
      input: z.union([z.string(), z.array(z.unknown())], { error: 'must be a string or an array of input items' }),
      stream: streamField,
    }),
  },
  'openai-chat': {
    format: 'openai-chat',
    inputField: DIALECT_FACTS['openai-chat'].inputField,
    schema: z.object({
      model: modelField,
      messages: z.array(z.unknown(), { error: 'must be an array of messages' }).min(1, 'must hold at least one message'),
      stream: streamField,
    }),
  },
  'anthropic-messages': {
    format: 'anthropic-messages',
    inputField: DIALECT_FACTS['anthropic-messages'].inputField,
    schema: z.object({
      model: modelField,
      messages: z.array(z.unknown(), { error: 'must be an array of messages' }).min(1, 'must hold at least one message'),
      stream: streamField,
    }),
  },
  'gemini-interactions': {
    format: 'gemini-interactions',
    inputField: DIALECT_FACTS['gemini-interactions'].inputField,
    schema: z.object({
      model: modelField,
      input: z.union([z.string(), z.array(z.unknown()), z.record(z.string(), z.unknown())], {
        error: 'must be a string, a content object or an array of turns',
      }),
      stream: streamField,
    }),
  },
};
